"""``audit diff --format markdown``: what changed, for a pull-request comment or ``$GITHUB_STEP_SUMMARY``.

Every cell from data goes through ``markdown_cell``, so a name cannot break a table or add markup.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from audit.render._diff_rows import state, tables
from audit.render._text import markdown_cell as md
from audit.render._text import markdown_table

if TYPE_CHECKING:
    from audit.changes import Differences
    from audit.render import Format
    from audit.render.options import RenderOptions


def render(result: Differences, options: RenderOptions) -> Iterator[str]:
    yield f"## audit diff: {md(state(result.before))} → {md(state(result.after))}\n\n"
    yield markdown_table([[what, n] for what, n in result.summary.items()], ["change", "count"]) + "\n"
    if not result.reports:
        yield "\nNo changes.\n"
    for report in result.reports:
        lines = ["", f"### {md(report.report.short_title)} (`{report.report.id}`)"]
        for table in tables(report):
            rows = [[md(cell) for cell in row] for row in table.rows]
            lines += ["", f"#### {table.title}", "", markdown_table(rows, list(table.headers))]
        yield "\n".join(lines) + "\n"


FORMAT: Format[Differences] = render
