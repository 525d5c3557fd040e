"""``audit import``: what was kept and why, each file written (or that would be), and what was read, in figures."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from audit.render._text import printable

if TYPE_CHECKING:
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.results import Import


def render(result: Import, options: RenderOptions) -> Iterator[str]:
    # Notes quote names and lines from the data and the page: no control character reaches the terminal raw.
    for note in result.notes:
        yield f"note: {printable(note)}\n"
    verb = "wrote" if result.written else "would write"
    for file in result.files:
        yield f"{verb} {printable(file.path)}{'' if file.before is None else ' (replacing it)'}\n"
    for line in result.summary:
        yield f"{printable(line)}\n"
    yield f"{verb} {len(result.files)} file(s)\n"


FORMAT: Format[Import] = render
