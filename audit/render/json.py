"""``--format json``: one object, ``as_of``, ``rules``, ``summary`` and ``findings`` (one per line), for scripts and CI."""

from __future__ import annotations

from collections import Counter

from audit.engine import CheckResult
from audit.model import Severity
from audit.render._json import dumps
from audit.render.options import RenderOptions


def render(result: CheckResult, options: RenderOptions) -> str:
    counts = Counter(f.severity for f in result.findings)
    document = {
        "as_of": result.as_of.isoformat(),
        "rules": [rule.id for rule in result.rules],
        "summary": {s.value: counts[s] for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)},
        "findings": [
            {
                "rule": f.rule,
                "severity": f.severity.value,
                "report": f.report,
                "body": f.body,
                "body_name": f.body_name,
                "recommendation": f.recommendation or None,
                "message": f.message,
                "path": f.path,
                "line": f.position,
                "fingerprint": f.fingerprint,
            }
            for f in result.findings
        ],
    }
    return dumps(document, inline_from=2)
