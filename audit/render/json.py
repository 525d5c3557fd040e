"""``--format json``: one object, ``as_of``, ``rules``, ``summary``, ``overview`` (one per report) and ``findings``
(one per line), for scripts and CI. A finding's ``path`` is the response file, or where there is none
(``file_exists`` false) the file that would hold it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from audit.render._json import chunks
from audit.vocabulary import Severity, Timeliness

if TYPE_CHECKING:
    from audit.model import Finding
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.results import Findings, Overview


def render(result: Findings, options: RenderOptions) -> Iterator[str]:
    counts = Counter(f.severity for f in result.findings)
    exists = {(o.report, o.body): o.exists for o in result.owed}
    document = {
        "as_of": result.as_of.isoformat(),
        "rules": [rule.id for rule in result.rules],
        "summary": {s.value: counts[s] for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)},
        "overview": [_overview(o) for o in result.overview],
        "findings": (_finding(f, exists[(f.report, f.body)]) for f in result.findings),
    }
    return chunks(document, inline_from=2)


def _overview(overview: Overview) -> dict[str, Any]:
    return {
        "report": overview.report.id,
        "due": overview.report.due.day.isoformat(),
        "owing": overview.owing,
        "replied": overview.replied,
        "deadlines": {t.value: overview.deadlines[t] for t in Timeliness},
        "unpublished": overview.unpublished,
        "unaddressed": overview.unaddressed,
        "not_assessed": overview.not_assessed,
    }


def _finding(f: Finding, exists: bool) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "severity": f.severity.value,
        "report": f.report,
        "body": f.body,
        "body_name": f.body_name,
        "recommendation": f.recommendation or None,
        "message": f.message,
        "path": f.path,
        "file_exists": exists,
        "line": f.position,
        "fingerprint": f.fingerprint,
    }


FORMAT: Format[Findings] = render
