"""``audit diff --format json``: the two states, the counts, and per report every change, for scripts."""

from __future__ import annotations

from typing import Any

from audit.diff import DiffResult, ReportDiff, State
from audit.model import Status
from audit.render._json import dumps, finding_record
from audit.render.options import RenderOptions


def render(result: DiffResult, options: RenderOptions) -> str:
    document = {
        "before": _state(result.before),
        "after": _state(result.after),
        "summary": result.summary,
        "reports": [_report(r) for r in result.reports],
    }
    return dumps(document, inline_from=4)


def _state(state: State) -> dict[str, Any]:
    return {"revision": state.revision, "commit": state.commit, "as_of": state.as_of.isoformat()}


def _status(value: Status | None) -> str | None:
    return value.value if value is not None else None


def _report(report: ReportDiff) -> dict[str, Any]:
    return {
        "report": report.report,
        "title": report.title,
        "responses": [
            {
                "body": c.body,
                "body_name": c.body_name,
                "change": c.change,
                "path": c.path,
                "facts": [{"fact": f.fact, "before": f.before, "after": f.after} for f in c.facts],
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
