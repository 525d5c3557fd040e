"""``audit coverage`` in a terminal: the matrix as a coloured grid with a legend, then the summaries.

Every cell carries a letter as well as a colour, so nothing depends on colour alone.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from audit.coverage import CELL_VALUES, RESPONSE_STATES, Coverage, ReportCoverage
from audit.model import Timeliness
from audit.render._console import console as make_console
from audit.render._legend import CELL_SYMBOL, CELL_WORDS, DEADLINE_WORDS, RESPONSE_WORDS
from audit.render._text import printable
from audit.render.options import RenderOptions

CELL_STYLE = {
    "addressed": "bold green",
    "partially-addressed": "green",
    "in-progress": "cyan",
    "deferred": "yellow",
    "not-addressed": "bold red",
    "not-applicable": "dim",
    "not-assessed": "magenta",
    "no-response": "bold red",
    "not-assigned": "dim",
}
DEADLINE_STYLE = {
    Timeliness.MET: "green",
    Timeliness.LATE: "yellow",
    Timeliness.CANNOT_TELL: "magenta",
    Timeliness.PENDING: "cyan",
    Timeliness.OVERDUE: "bold red",
}
RESPONSE_STYLE = {"published": "green", "unpublished": "yellow", "none": "bold red"}
NAME_WIDTH = 24
# Short words keep the grid within 80 columns; the markdown report uses the full ones.
SHORT_RESPONSE = {"published": "pub", "unpublished": "unpub", "none": "none"}
SHORT_DEADLINE = {**DEADLINE_WORDS, Timeliness.CANNOT_TELL: "can't tell"}
LEGEND_LINES = (CELL_VALUES[:4], CELL_VALUES[4:7], CELL_VALUES[7:])


def render(coverage: Coverage, options: RenderOptions) -> str:
    out = io.StringIO()
    console = make_console(out, options, soft_wrap=False)
    for report in coverage.reports:
        _report(console, report, coverage)
    return out.getvalue()


def _short(name: str) -> str:
    name = printable(name)
    return name if len(name) <= NAME_WIDTH else name[: NAME_WIDTH - 1] + "…"


def _report(console: Console, report: ReportCoverage, coverage: Coverage) -> None:
    title = Text()
    title.append(printable(report.report.short_title), "bold underline")
    title.append(f" ({report.report.id}) as of {coverage.as_of.isoformat()}; responses due {report.due.isoformat()}")
    console.print(title)
    for values in LEGEND_LINES:
        legend = Text("  ")
        for value in values:
            legend.append(CELL_SYMBOL[value], CELL_STYLE[value])
            legend.append(f" {CELL_WORDS[value]}   ")
        console.print(legend)
    grid = Table(box=box.SIMPLE_HEAD, padding=(0, 1, 0, 0), pad_edge=False, show_edge=False)
    grid.add_column("body", no_wrap=True, max_width=NAME_WIDTH)
    grid.add_column("reply", no_wrap=True)
    grid.add_column("deadline", no_wrap=True)
    for rec in report.report.recommendations:
        grid.add_column(printable(rec.id), justify="center", no_wrap=True)
    short = {summary.kind.id: summary.kind.short for summary in report.kinds}
    kind = None
    for row in report.bodies:
        if row.obligation.body.kind != kind:
            kind = row.obligation.body.kind
            # Upper-case the first letter only: "NHS trusts" must not become "Nhs trusts".
            label = printable(short[kind])
            grid.add_row(Text(label[:1].upper() + label[1:], "bold"))
        grid.add_row(
            _short(row.obligation.body.name),
            Text(SHORT_RESPONSE[row.response], RESPONSE_STYLE[row.response]),
            Text(SHORT_DEADLINE[row.deadline], DEADLINE_STYLE[row.deadline]),
            *(Text(CELL_SYMBOL[cell], CELL_STYLE[cell]) for cell in row.cells.values()),
        )
    console.print(grid)
    console.print()
    kinds = Table(title="Bodies by kind", box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False)
    kinds.add_column("")
    for of_kind in report.kinds:
        kinds.add_column(printable(of_kind.kind.short), justify="right")
    for state in RESPONSE_STATES:
        kinds.add_row(RESPONSE_WORDS[state], *(str(k.responses[state]) for k in report.kinds))
    for timeliness in Timeliness:
        kinds.add_row(DEADLINE_WORDS[timeliness], *(str(k.deadlines[timeliness]) for k in report.kinds))
    console.print(kinds)
    recs = Table(title="By recommendation (bodies addressed)", box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False)
    recs.add_column("rec.")
    recs.add_column("to", justify="right")
    shown = [v for v in CELL_VALUES if v != "not-assigned"]
    for value in shown:
        recs.add_column(CELL_SYMBOL[value], justify="right", header_style=CELL_STYLE[value])
    for summary in report.recommendations:
        recs.add_row(
            printable(summary.recommendation.id),
            str(summary.addressed_to),
            *(str(summary.cells[v]) if summary.cells[v] else "·" for v in shown),
        )
    console.print(recs)
    console.print()
