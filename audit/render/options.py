"""How output will be shown; kept apart from the format tables so ``audit --help`` need not import the model."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from audit.vocabulary import Severity


class RenderOptions(NamedTuple):
    """How the output will be shown: each format reads the options that concern it and ignores the rest.

    A named tuple, not a frozen dataclass, which would compile its methods at every command's start.
    """

    color: bool = False
    width: int = 100
    fail_on: Severity = Severity.ERROR
    """Findings at or above this fail: the JUnit and markdown formats show only those as failures."""
    show: Severity = Severity.WARNING
    """Findings at or above this are listed (terminal) or annotated (github); those below are counted."""
    workspace: Path | None = None
    path_prefix: str = ""
    """The workspace's folder as seen from where the reader resolves paths (a repository's root, for GitHub's
    annotations), ending in ``/``; empty where they are the same folder."""
    """The workspace folder: a chase letter comes from its ``templates/`` where it has the template, else the tool's."""
