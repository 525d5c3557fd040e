"""``--format json``: one object, ``as_of``, ``rules``, ``summary``, ``overview`` (one per report) and ``findings``
(one per line), for scripts and CI. A finding's ``path`` is the response file, or where there is none
(``file_exists`` false) the file that would hold it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from audit.render._json import chunks, finding_record
from audit.vocabulary import Severity, Timeliness

if TYPE_CHECKING:
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
        # A response that does not exist is said to be so: its path is where it would be.
        "findings": ({**finding_record(f), "file_exists": exists[(f.report, f.body)]} for f in result.findings),
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


FORMAT: Format[Findings] = render
