"""A chase letter in markdown, from ``chase.md.j2`` (the workspace's own, or ours)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from audit.render._letters import LetterOptions, render_letter

if TYPE_CHECKING:
    from audit.chasing import ChaseLetter

SUFFIX = ".md"
VIA = "letter"


def render(letter: ChaseLetter, options: LetterOptions) -> str:
    return render_letter("chase.md.j2", letter, options)
