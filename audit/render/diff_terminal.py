"""``audit diff``'s terminal format: per report, one aligned block per kind of change, then the counts."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rich.text import Text

from audit.render._console import console as make_console
from audit.render._console import drain
from audit.render._diff_rows import Table, state, tables
from audit.render._text import printable

if TYPE_CHECKING:
    from audit.changes import Differences
    from audit.render import Format
    from audit.render.options import RenderOptions

_STYLE = {
    "New findings": "bold red",
    "Resolved findings": "green",
}


def render(result: Differences, options: RenderOptions) -> Iterator[str]:
    out = io.StringIO()
    console = make_console(out, options, soft_wrap=True)
    console.print(Text(f"audit diff: {printable(state(result.before))} → {printable(state(result.after))}", "bold"))
    for report in result.reports:
        block = Text("\n")
        block.append(printable(report.report.short_title), "bold underline")
        block.append(f" ({report.report.id})")
        for table in tables(report):
            block.append("\n\n  ")
            block.append(table.title, _STYLE.get(table.title, "bold"))
            block.append(_rows(table))
        console.print(block)
        yield drain(out)
    console.print()
    counts = [f"{what}: {n}" for what, n in result.summary.items() if n]
    console.print(Text(", ".join(counts) if counts else "No changes.", "bold"))
    yield drain(out)


def _rows(table: Table) -> Text:
    """The headers (dim) and the rows, each column as wide as its widest cell; the last is not padded."""
    cells = [tuple(printable(c) for c in row) for row in (table.headers, *table.rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(table.headers))]
    text = Text()
    for i, row in enumerate(cells):
        line = "  ".join([*(c.ljust(w) for c, w in zip(row[:-1], widths, strict=False)), row[-1]])
        text.append("\n    ")
        text.append(line, "dim" if i == 0 else "")
    return text


FORMAT: Format[Differences] = render
