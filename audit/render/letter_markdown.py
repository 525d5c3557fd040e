"""A chase letter in markdown, from ``chase.md.j2`` (the workspace's own, or ours)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from audit.render._letters import from_template

if TYPE_CHECKING:
    from audit.render import Format
    from audit.results import ChaseLetter

SUFFIX = ".md"
VIA = "letter"

FORMAT: Format[ChaseLetter] = from_template("chase.md.j2")
