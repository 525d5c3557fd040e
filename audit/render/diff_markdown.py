"""``audit diff --format markdown``: what changed, for a pull-request comment or ``$GITHUB_STEP_SUMMARY``.

Every cell from data goes through ``markdown_cell``, so a name cannot break a table or add markup.
"""

from __future__ import annotations

from tabulate import tabulate

from audit.diff import DiffResult
from audit.render._diff_rows import state, tables
from audit.render._text import markdown_cell as md
from audit.render.options import RenderOptions


def render(result: DiffResult, options: RenderOptions) -> str:
    lines = [f"## audit diff: {md(state(result.before))} → {md(state(result.after))}", ""]
    lines.append(
        tabulate([[what, n] for what, n in result.summary.items()], headers=["change", "count"], tablefmt="github", disable_numparse=True)
    )
    if not result.reports:
        lines += ["", "No changes."]
    for report in result.reports:
        lines += ["", f"### {md(report.title)} (`{report.report}`)"]
        for table in tables(report):
            rows = [[md(cell) for cell in row] for row in table.rows]
            lines += ["", f"#### {table.title}", "", tabulate(rows, headers=list(table.headers), tablefmt="github", disable_numparse=True)]
    return "\n".join(lines) + "\n"
