"""A chase letter in plain text, from ``chase.txt.j2`` (the workspace's own, or ours)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from audit.render._letters import render_letter

if TYPE_CHECKING:
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.results import ChaseLetter

SUFFIX = ".txt"
VIA = "letter"


def render(letter: ChaseLetter, options: RenderOptions) -> Iterator[str]:
    yield render_letter("chase.txt.j2", letter, options)


FORMAT: Format[ChaseLetter] = render
