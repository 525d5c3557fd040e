"""``audit coverage --format json``: per report, its due date, each body's standing (one body per line)
and the summaries by kind and by recommendation, for scripts. ``docs/output-formats.md`` describes it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from audit.render._json import chunks

if TYPE_CHECKING:
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.results import Coverage, KindSummary, RecommendationSummary, ReportCoverage, Standing


def standing(row: Standing) -> dict[str, Any]:
    """A body's standing towards one report: shared with ``audit show --format json``."""
    owed = row.owed
    return {
        "body": row.body.id,
        "name": row.body.name,
        "kind": row.body.kind,
        "response": row.response.value,
        "received": {"earliest": row.received.earliest.isoformat(), "latest": row.received.latest.isoformat()} if row.received else None,
        "deadline": row.deadline.value,
        "due": row.due.day.isoformat(),
        "due_explanation": row.due.explanation,
        "path": row.path,
        "recommendations": {cell.recommendation.id: cell.cell.value for cell in owed},
        "addressed": [cell.recommendation.id for cell in owed if cell.addressed],
        "chases": [
            {"date": chase.sent_on.isoformat(), "via": chase.via, "sent_by": list(chase.sent_by), "note": chase.note}
            for chase in row.chases
        ],
    }


def _kind(summary: KindSummary) -> dict[str, Any]:
    return {
        "kind": summary.kind.id,
        "bodies": summary.bodies,
        "responses": {state.value: n for state, n in summary.responses.items()},
        "deadlines": {timeliness.value: n for timeliness, n in summary.deadlines.items()},
    }


def _recommendation(summary: RecommendationSummary) -> dict[str, Any]:
    return {
        "recommendation": summary.recommendation.id,
        "addressed_to": summary.addressed_to,
        "addressed": summary.addressed,
        "cells": {cell.value: n for cell, n in summary.cells.items()},
    }


def _report(report: ReportCoverage) -> dict[str, Any]:
    return {
        "id": report.report.id,
        "title": report.report.title,
        "due": report.report.due.day.isoformat(),
        "due_explanation": report.report.due.explanation,
        "bodies": [standing(row) for row in report.bodies],
        "by_kind": [_kind(summary) for summary in report.kinds],
        "by_recommendation": [_recommendation(summary) for summary in report.recommendations],
    }


def render(coverage: Coverage, options: RenderOptions) -> Iterator[str]:
    document = {
        "as_of": coverage.as_of.isoformat(),
        "addressed": [status.value for status in coverage.addressed],
        "reports": (_report(report) for report in coverage.reports),
    }
    return chunks(document, inline_from=4)


FORMAT: Format[Coverage] = render
