"""``audit coverage --format json``: per report, its due date, each body's standing (one body per line)
and the summaries by kind and by recommendation, for scripts. ``docs/output-formats.md`` describes it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from json.encoder import encode_basestring as _quoted
from typing import TYPE_CHECKING, Any, TypeVar

from audit.render._json import WORD, Encoded, chunks, counts_layout
from audit.vocabulary import Vocabulary

Word = TypeVar("Word", bound=Vocabulary)

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


def standing_line(row: Standing) -> str:
    """``standing(row)`` as the encoder writes it on one line, written from the fields: the tests hold
    it to the encoder, byte for byte, whatever the text holds."""
    body = row.body
    owed = row.owed
    received = row.received
    cells = ", ".join(f'{_quoted(cell.recommendation.id)}: "{WORD[cell.cell]}"' for cell in owed)
    addressed = ", ".join(_quoted(cell.recommendation.id) for cell in owed if cell.addressed)
    chases = ", ".join(
        f'{{"date": "{chase.sent_on.isoformat()}", "via": {_quoted(chase.via)}, "sent_by": [{", ".join(map(_quoted, chase.sent_by))}], '
        f'"note": {"null" if chase.note is None else _quoted(chase.note)}}}'
        for chase in row.chases
    )
    arrived = (
        "null" if received is None else f'{{"earliest": "{received.earliest.isoformat()}", "latest": "{received.latest.isoformat()}"}}'
    )
    return (
        f'{{"body": {_quoted(body.id)}, "name": {_quoted(body.name)}, "kind": {_quoted(body.kind)}, "response": "{WORD[row.response]}", '
        f'"received": {arrived}, "deadline": "{WORD[row.deadline]}", "due": "{row.due.day.isoformat()}", '
        f'"due_explanation": {_quoted(row.due.explanation)}, "path": {_quoted(row.path)}, "recommendations": {{{cells}}}, '
        f'"addressed": [{addressed}], "chases": [{chases}]}}'
    )


def _kind(summary: KindSummary) -> str:
    return (
        f'{{"kind": {_quoted(summary.kind.id)}, "bodies": {summary.bodies}, "responses": {_counts(summary.responses)}, '
        f'"deadlines": {_counts(summary.deadlines)}}}'
    )


def _recommendation(summary: RecommendationSummary) -> str:
    return (
        f'{{"recommendation": {_quoted(summary.recommendation.id)}, "addressed_to": {summary.addressed_to}, '
        f'"addressed": {summary.addressed}, "cells": {_counts(summary.cells)}}}'
    )


def _counts(counts: Mapping[Word, int]) -> str:
    return counts_layout(tuple(counts)) % tuple(counts.values())


def _report(report: ReportCoverage) -> str:
    """The report's record as the encoder would lay it out at its place in the document (an item of
    ``reports``, nesting depth 2), each body and summary on a line of its own, written in one piece:
    thousands of small reports, each passed through the general writer, cost more than encoding them."""
    heading = report.report
    lists = (
        ("bodies", [standing_line(row) for row in report.bodies]),
        ("by_kind", [_kind(summary) for summary in report.kinds]),
        ("by_recommendation", [_recommendation(summary) for summary in report.recommendations]),
    )
    return (
        f'{{\n      "id": {_quoted(heading.id)},\n      "title": {_quoted(heading.title)},\n'
        f'      "due": "{heading.due.day.isoformat()}",\n      "due_explanation": {_quoted(heading.due.explanation)},\n'
        + ",\n".join(f'      "{name}": {_items(lines)}' for name, lines in lists)
        + "\n    }"
    )


def _items(lines: list[str]) -> str:
    return "[\n        " + ",\n        ".join(lines) + "\n      ]" if lines else "[]"


def render(coverage: Coverage, options: RenderOptions) -> Iterator[str]:
    document = {
        "as_of": coverage.as_of.isoformat(),
        "addressed": [status.value for status in coverage.addressed],
        "reports": Encoded(_report(report) for report in coverage.reports),
    }
    return chunks(document, inline_from=4)


FORMAT: Format[Coverage] = render
