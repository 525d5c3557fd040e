"""``audit coverage --format csv``: one row per body and recommendation addressed to it, safe in a spreadsheet.

A body that owes a response but is addressed no recommendation itself (a named respondent that
collates others' progress) still has one row, with the recommendation and status empty: its
response state and deadline are facts too.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from audit.render._console import drain
from audit.render._text import printable

if TYPE_CHECKING:
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.results import Coverage

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HEADER = ["as_of", "report", "body", "name", "kind", "response", "deadline", "recommendation", "status"]


def spreadsheet_safe(value: str) -> str:
    """A cell a spreadsheet shows as text: control characters (ESC, NUL) escaped, and one that would
    start a formula gets a leading quote."""
    value = printable(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def render(coverage: Coverage, options: RenderOptions) -> Iterator[str]:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    as_of = coverage.as_of.isoformat()
    for report in coverage.reports:
        for row in report.bodies:
            body = row.body
            facts = [as_of, report.report.id, body.id, body.name, body.kind, row.response.value, row.deadline.value]
            owed = [(cell.recommendation.id, cell.cell.value) for cell in row.owed] or [("", "")]
            for rec_id, status in owed:
                writer.writerow(spreadsheet_safe(v) for v in (*facts, rec_id, status))
        yield drain(out)
    yield drain(out)


FORMAT: Format[Coverage] = render
