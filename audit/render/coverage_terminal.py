"""``audit coverage`` in a terminal: the legend once, then each report's grid and summaries.

Every cell carries a letter as well as a colour, so nothing depends on colour alone. The grid fits
the width it is given: names wrap (whole, never cut), and recommendations that do not fit beside
them go on into further blocks, never dropped. More than ``MANY_REPORTS`` reports are shown one
line each (``--report`` picks the reports whose grid to show).
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from audit.render._console import console as make_console
from audit.render._console import drain
from audit.render._legend import CELL_SYMBOL, DEADLINE_WORDS, RESPONSE_WORDS, cell_words
from audit.render._overview import MANY_REPORTS, one_line_each
from audit.render._text import printable
from audit.results import CELLS, OWED_CELLS, Gap, ResponseState, shown_states
from audit.vocabulary import Status, Timeliness

if TYPE_CHECKING:
    from audit.model import Recommendation
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
RESPONSE_STYLE = {
    ResponseState.PUBLISHED: "green",
    ResponseState.UNPUBLISHED: "yellow",
    ResponseState.NONE: "bold red",
    ResponseState.CANNOT_TELL: "magenta",
}
# Short words leave the recommendations room; the markdown report uses the full ones. "n/k" (not
# known) is no wider than the others, so the grid keeps its width.
SHORT_RESPONSE = {
    ResponseState.PUBLISHED: "pub",
    ResponseState.UNPUBLISHED: "unpub",
    ResponseState.NONE: "none",
    ResponseState.CANNOT_TELL: "n/k",
}
SHORT_DEADLINE = {**DEADLINE_WORDS, Timeliness.CANNOT_TELL: "can't tell"}
NAME_AT_LEAST = 16
"""The narrowest the body column gets before recommendations move into another block."""
_GAP = 1
"""Spaces after each column of the grid."""
_STATUS_WIDTH = max(map(len, ("reply", *SHORT_RESPONSE.values()))) + _GAP + max(map(len, ("deadline", *SHORT_DEADLINE.values()))) + _GAP


def render(coverage: Coverage, options: RenderOptions) -> Iterator[str]:
    out = io.StringIO()
    console = make_console(out, options, soft_wrap=False)
    if len(coverage.reports) > MANY_REPORTS:
        _compact(console, coverage, options.width)
        yield drain(out)
        return
    if coverage.reports:
        _legend(console, options.width)
        yield drain(out)
    for report in coverage.reports:
        _report(console, report, coverage, options.width)
        yield drain(out)


def _legend(console: Console, width: int) -> None:
    """Each symbol beside its words, entries never split across lines."""
    lines, line = [Text("Cells:", "bold")], Text()
    for value in CELLS:
        entry = Text()
        entry.append(CELL_SYMBOL[value], CELL_STYLE[value])
        entry.append(f" {cell_words(value)}")
        if line and len(line) + 3 + len(entry) > width - 2:
            lines.append(Text("  ") + line)
            line = Text()
        line += Text("   ") + entry if line else entry
    lines.append(Text("  ") + line)
    for text in lines:
        console.print(text)
    console.print()


def _compact(console: Console, coverage: Coverage, width: int) -> None:
    console.print(Text(f"{len(coverage.reports):,} reports as of {coverage.as_of.isoformat()}, one line each", "bold"))
    console.print(one_line_each((report.overview for report in coverage.reports), width))
    console.print(Text(f"More than {MANY_REPORTS} reports: --report ID shows a report's grid.", "dim"))


def _blocks(recommendations: Sequence[Recommendation], room: int) -> list[Sequence[Recommendation]]:
    """The recommendations in runs that each fit in ``room`` columns (at least one a run)."""
    blocks: list[Sequence[Recommendation]] = []
    start, used = 0, 0
    for i, rec in enumerate(recommendations):
        needed = len(printable(rec.id)) + _GAP
        if i > start and used + needed > room:
            blocks.append(recommendations[start:i])
            start, used = i, 0
        used += needed
    blocks.append(recommendations[start:])
    return blocks


def _report(console: Console, report: ReportCoverage, coverage: Coverage, width: int) -> None:
    title = Text()
    title.append(printable(report.report.short_title), "bold underline")
    title.append(f" ({report.report.id}) as of {coverage.as_of.isoformat()}; responses due {report.report.due.day.isoformat()}")
    console.print(title)
    recommendations = report.report.recommendations
    # Upper-case the first letter only: "NHS trusts" must not become "Nhs trusts".
    labels = {s.kind.id: printable(s.kind.short)[:1].upper() + printable(s.kind.short)[1:] for s in report.kinds}
    # The kinds head their rows in the body column, so their words count too.
    longest = max((cell_len(text) for row in report.bodies for text in (printable(row.body.name), labels[row.body.kind])), default=0)
    all_recs = sum(len(printable(rec.id)) + _GAP for rec in recommendations)
    name_width = max(4, min(longest, max(NAME_AT_LEAST, width - _STATUS_WIDTH - _GAP - all_recs)))
    blocks = _blocks(recommendations, width - name_width - _GAP - _STATUS_WIDTH)
    first = 0
    for number, block in enumerate(blocks):
        if number:
            console.print()
        if len(blocks) > 1:
            console.print(Text(f"Recommendations {printable(block[0].id)} to {printable(block[-1].id)}", "dim"))
        console.print(_grid(report, labels, name_width, range(first, first + len(block))))
        first += len(block)
    console.print()
    _summaries(console, report)


def _grid(report: ReportCoverage, labels: dict[str, str], name_width: int, shown: range) -> Table:
    # The box draws one space between columns (_GAP) and none at the edges.
    grid = Table(box=box.SIMPLE_HEAD, padding=0, pad_edge=False, show_edge=False)
    grid.add_column("body", width=name_width, overflow="fold")
    grid.add_column("reply", no_wrap=True)
    grid.add_column("deadline", no_wrap=True)
    for i in shown:
        grid.add_column(printable(report.report.recommendations[i].id), justify="center", no_wrap=True)
    kind = None
    for row in report.bodies:
        if row.body.kind != kind:
            kind = row.body.kind
            grid.add_row(Text(labels[kind], "bold"))
        grid.add_row(
            printable(row.body.name),
            Text(SHORT_RESPONSE[row.response], RESPONSE_STYLE[row.response]),
            Text(SHORT_DEADLINE[row.deadline], DEADLINE_STYLE[row.deadline]),
            *(Text(CELL_SYMBOL[row.cells[i].cell], CELL_STYLE[row.cells[i].cell]) for i in shown),
        )
    return grid


def _summaries(console: Console, report: ReportCoverage) -> None:
    kinds = Table(title="Bodies by kind", box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False)
    kinds.add_column("")
    for of_kind in report.kinds:
        kinds.add_column(printable(of_kind.kind.short), justify="right")
    for state in shown_states(k.responses for k in report.kinds):
        kinds.add_row(RESPONSE_WORDS[state], *(str(k.responses.get(state, 0)) for k in report.kinds))
    for timeliness in Timeliness:
        kinds.add_row(DEADLINE_WORDS[timeliness], *(str(k.deadlines[timeliness]) for k in report.kinds))
    console.print(kinds)
    recs = Table(title="By recommendation (bodies addressed)", box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False)
    recs.add_column("rec.", overflow="fold")
    recs.add_column("to", justify="right")
    for value in OWED_CELLS:
        recs.add_column(CELL_SYMBOL[value], justify="right", header_style=CELL_STYLE[value])
    for summary in report.recommendations:
        # Zero as 0, never as the grid's "·", which the legend keeps for "not assigned".
        recs.add_row(
            printable(summary.recommendation.id),
            str(summary.addressed_to),
            *(Text(str(summary.cells[v]), "" if summary.cells[v] else "dim") for v in OWED_CELLS),
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
