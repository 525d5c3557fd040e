"""The one way a renderer makes a rich console: into a string, colour only when asked, no markup."""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Iterable
from typing import TextIO

from rich.color import ColorSystem
from rich.console import Console
from rich.style import Style

from audit.render.options import RenderOptions


def console(out: TextIO, options: RenderOptions, *, soft_wrap: bool) -> Console:
    """Data is printed as text, never parsed as markup, and nothing is highlighted on its own.

    ``soft_wrap``: long lines stay whole (a finding stays greppable) instead of being fitted to the width.
    """
    return Console(
        file=out,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        width=options.width,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=soft_wrap,
    )


_TRAILING_SPACE = re.compile(r"(?:[ ]|\x1b\[[0-9;]*m)+$", re.MULTILINE)
"""Spaces at the end of a line, among any colour codes: rich pads a table's cells to the width."""


def drain(out: io.StringIO) -> str:
    """What has been printed into ``out`` since the last drain, without trailing spaces: one chunk of a streamed output."""
    text = out.getvalue()
    out.seek(0)
    out.truncate()
    return _TRAILING_SPACE.sub(lambda tail: tail.group().replace(" ", ""), text)


def paint(pieces: Iterable[tuple[str, str]], options: RenderOptions) -> str:
    """Pieces of text, each in its style (coloured only when asked), as the console would print them
    without its cost: for lines a format has already fitted to the width, tens of thousands of them."""
    if not options.color:
        return "".join(text for text, _ in pieces)
    # Styled line by line, as rich does: a colour never runs on past the end of a line.
    return "".join(
        "\n".join(_style(style).render(part, color_system=ColorSystem.STANDARD) for part in text.split("\n")) if style else text
        for text, style in pieces
    )


@functools.cache
def _style(name: str) -> Style:
    return Style.parse(name)
