"""``--format json``: one object, ``as_of``, ``rules``, ``summary`` and ``findings`` (one per line), for scripts and CI."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from audit.render._json import chunks, finding_record
from audit.vocabulary import Severity

if TYPE_CHECKING:
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.results import Findings


def render(result: Findings, options: RenderOptions) -> Iterator[str]:
    counts = Counter(f.severity for f in result.findings)
    document = {
        "as_of": result.as_of.isoformat(),
        "rules": [rule.id for rule in result.rules],
        "summary": {s.value: counts[s] for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)},
        "findings": (finding_record(f) for f in result.findings),
    }
    return chunks(document, inline_from=2)


FORMAT: Format[Findings] = render
