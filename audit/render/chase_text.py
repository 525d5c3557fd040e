"""A chase letter in plain text, from ``chase.txt.j2`` (the workspace's own, or ours)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from audit.render._letters import LetterOptions, render_letter

if TYPE_CHECKING:
    from audit.chasing import ChaseLetter

SUFFIX = ".txt"
VIA = "letter"


def render(letter: ChaseLetter, options: LetterOptions) -> str:
    return render_letter("chase.txt.j2", letter, options)
