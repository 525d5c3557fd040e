"""``--format json``: one object, ``as_of``, ``rules``, ``summary`` and ``findings`` (one per line), for scripts and CI."""

from __future__ import annotations

from collections import Counter

from audit.engine import CheckResult
from audit.model import Severity
from audit.render._json import dumps, finding_record
from audit.render.options import RenderOptions


def render(result: CheckResult, options: RenderOptions) -> str:
    counts = Counter(f.severity for f in result.findings)
    document = {
        "as_of": result.as_of.isoformat(),
        "rules": [rule.id for rule in result.rules],
        "summary": {s.value: counts[s] for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)},
        "findings": [finding_record(f) for f in result.findings],
    }
    return dumps(document, inline_from=2)
