"""``audit diff --format json``: the two states, the counts, and per report every change (one per line), for scripts.
``docs/output-formats.md`` describes it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from audit.render._json import chunks, fact_record, finding_record

if TYPE_CHECKING:
    from audit.changes import Differences, DiffState, ReportDiff
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.vocabulary import Status


def render(result: Differences, options: RenderOptions) -> Iterator[str]:
    document = {
        "before": _state(result.before),
        "after": _state(result.after),
        "summary": result.summary,
        "reports": (_report(r) for r in result.reports),
    }
    return chunks(document, inline_from=4)


def _state(state: DiffState) -> dict[str, Any]:
    return {"revision": state.revision, "commit": state.commit, "as_of": state.as_of.isoformat()}


def _status(value: Status | None) -> str | None:
    return value.value if value is not None else None


def _report(report: ReportDiff) -> dict[str, Any]:
    return {
        "report": report.report.id,
        "title": report.report.title,
        "responses": [
            {
                "body": c.body,
                "body_name": c.body_name,
                "change": c.change,
                "path": c.path,
                "facts": [fact_record(f) for f in c.facts],
            }
            for c in report.responses
        ],
        "statuses": [
            {
                "body": c.body,
                "body_name": c.body_name,
                "recommendation": c.recommendation,
                "before": _status(c.before),
                "after": _status(c.after),
            }
            for c in report.statuses
        ],
        "new_findings": [finding_record(f) for f in report.new],
        "resolved_findings": [finding_record(f) for f in report.resolved],
        "severity_changes": [{**finding_record(c.finding), "severity_before": c.before.value} for c in report.severities],
        "deadlines": [
            {"body": c.body, "body_name": c.body_name, "due": c.due.isoformat(), "before": c.before.value, "after": c.after.value}
            for c in report.standings
        ],
    }


FORMAT: Format[Differences] = render
