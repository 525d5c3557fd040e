"""``audit coverage`` in a terminal: the matrix as a coloured grid with a legend, then the summaries.

Every cell carries a letter as well as a colour, so nothing depends on colour alone.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from audit.render._console import console as make_console
from audit.render._console import drain
from audit.render._legend import CELL_SYMBOL, DEADLINE_WORDS, RESPONSE_WORDS, cell_words
from audit.render._text import printable
from audit.results import CELLS, OWED_CELLS, Gap, ResponseState
from audit.vocabulary import Status, Timeliness

if TYPE_CHECKING:
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.results import Cell, Coverage, ReportCoverage

CELL_STYLE: dict[Cell, str] = {
    Status.ADDRESSED: "bold green",
    Status.PARTIALLY_ADDRESSED: "green",
    Status.IN_PROGRESS: "cyan",
    Status.DEFERRED: "yellow",
    Status.NOT_ADDRESSED: "bold red",
    Status.NOT_APPLICABLE: "dim",
    Status.NOT_ASSESSED: "magenta",
    Gap.NO_RESPONSE: "bold red",
    Gap.NOT_ASSIGNED: "dim",
}
DEADLINE_STYLE = {
    Timeliness.MET: "green",
    Timeliness.LATE: "yellow",
    Timeliness.CANNOT_TELL: "magenta",
    Timeliness.PENDING: "cyan",
    Timeliness.OVERDUE: "bold red",
}
RESPONSE_STYLE = {ResponseState.PUBLISHED: "green", ResponseState.UNPUBLISHED: "yellow", ResponseState.NONE: "bold red"}
NAME_WIDTH = 24
# Short words keep the grid within 80 columns; the markdown report uses the full ones.
SHORT_RESPONSE = {ResponseState.PUBLISHED: "pub", ResponseState.UNPUBLISHED: "unpub", ResponseState.NONE: "none"}
SHORT_DEADLINE = {**DEADLINE_WORDS, Timeliness.CANNOT_TELL: "can't tell"}
LEGEND_LINES = (CELLS[:4], CELLS[4:7], CELLS[7:])


def render(coverage: Coverage, options: RenderOptions) -> Iterator[str]:
    out = io.StringIO()
    console = make_console(out, options, soft_wrap=False)
    for report in coverage.reports:
        _report(console, report, coverage)
        yield drain(out)


def _short(name: str) -> str:
    name = printable(name)
    return name if len(name) <= NAME_WIDTH else name[: NAME_WIDTH - 1] + "…"


def _report(console: Console, report: ReportCoverage, coverage: Coverage) -> None:
    title = Text()
    title.append(printable(report.report.short_title), "bold underline")
    title.append(f" ({report.report.id}) as of {coverage.as_of.isoformat()}; responses due {report.report.due.day.isoformat()}")
    console.print(title)
    for values in LEGEND_LINES:
        legend = Text("  ")
        for value in values:
            legend.append(CELL_SYMBOL[value], CELL_STYLE[value])
            legend.append(f" {cell_words(value)}   ")
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
        if row.body.kind != kind:
            kind = row.body.kind
            # Upper-case the first letter only: "NHS trusts" must not become "Nhs trusts".
            label = printable(short[kind])
            grid.add_row(Text(label[:1].upper() + label[1:], "bold"))
        grid.add_row(
            _short(row.body.name),
            Text(SHORT_RESPONSE[row.response], RESPONSE_STYLE[row.response]),
            Text(SHORT_DEADLINE[row.deadline], DEADLINE_STYLE[row.deadline]),
            *(Text(CELL_SYMBOL[cell.cell], CELL_STYLE[cell.cell]) for cell in row.cells),
        )
    console.print(grid)
    console.print()
    kinds = Table(title="Bodies by kind", box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False)
    kinds.add_column("")
    for of_kind in report.kinds:
        kinds.add_column(printable(of_kind.kind.short), justify="right")
    for state in ResponseState:
        kinds.add_row(RESPONSE_WORDS[state], *(str(k.responses[state]) for k in report.kinds))
    for timeliness in Timeliness:
        kinds.add_row(DEADLINE_WORDS[timeliness], *(str(k.deadlines[timeliness]) for k in report.kinds))
    console.print(kinds)
    recs = Table(title="By recommendation (bodies addressed)", box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False)
    recs.add_column("rec.")
    recs.add_column("to", justify="right")
    for value in OWED_CELLS:
        recs.add_column(CELL_SYMBOL[value], justify="right", header_style=CELL_STYLE[value])
    for summary in report.recommendations:
        recs.add_row(
            printable(summary.recommendation.id),
            str(summary.addressed_to),
            *(str(summary.cells[v]) if summary.cells[v] else "·" for v in OWED_CELLS),
        )
    console.print(recs)
    chased = [(row, chase) for row in report.bodies for chase in row.chases]
    if chased:
        console.print(Text("Chases sent", "italic"))
        for row, chase in chased:
            line = f"  {chase.sent_on.isoformat()}  {printable(row.body.name)}, by {chase.via}"
            console.print(line, markup=False, highlight=False)
    console.print()


FORMAT: Format[Coverage] = render
