"""``audit coverage --format json``: the matrix per report and body (one body per line), for scripts."""

from __future__ import annotations

from audit.coverage import NOT_ASSIGNED, Coverage
from audit.render._json import dumps
from audit.render.options import RenderOptions


def render(coverage: Coverage, options: RenderOptions) -> str:
    document = {
        "as_of": coverage.as_of.isoformat(),
        "reports": [
            {
                "id": report.report.id,
                "title": report.report.title,
                "due": report.due.isoformat(),
                "bodies": [
                    {
                        "body": row.obligation.body.id,
                        "name": row.obligation.body.name,
                        "kind": row.obligation.body.kind,
                        "response": row.response,
                        "deadline": row.deadline.value,
                        "recommendations": {k: v for k, v in row.cells.items() if v != NOT_ASSIGNED},
                    }
                    for row in report.bodies
                ],
            }
            for report in coverage.reports
        ],
    }
    return dumps(document, inline_from=4)
