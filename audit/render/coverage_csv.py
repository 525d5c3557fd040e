"""``audit coverage --format csv``: one row per body and assigned recommendation, safe in a spreadsheet."""

from __future__ import annotations

import csv
import io

from audit.coverage import NOT_ASSIGNED, Coverage
from audit.render.options import RenderOptions

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """A cell a spreadsheet shows as text: one that would start a formula gets a leading quote."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def render(coverage: Coverage, options: RenderOptions) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["as_of", "report", "body", "name", "kind", "response", "deadline", "recommendation", "status"])
    for report in coverage.reports:
        for row in report.bodies:
            body = row.obligation.body
            for rec_id, cell in row.cells.items():
                if cell == NOT_ASSIGNED:
                    continue
                writer.writerow(
                    spreadsheet_safe(v)
                    for v in (
                        coverage.as_of.isoformat(), report.report.id, body.id, body.name, body.kind,
                        row.response, row.deadline.value, rec_id, cell,
                    )
                )
    return out.getvalue()
