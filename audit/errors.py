"""The one exception hierarchy; the CLI catches ``AuditError`` once and exits 2."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple


class Problem(NamedTuple):
    """One thing wrong with an input file, at a position in it; problems sort by file, line, column, message.

    A named tuple, not a frozen ordered dataclass: every command imports this module, and such a
    dataclass writes and compiles ten methods as it is defined (half a millisecond of start-up).
    """

    path: str
    """The file, relative to the workspace where it lies inside one."""
    line: int | None
    """1-based line, or None where the problem is the file as a whole."""
    column: int | None
    """1-based column, or None."""
    message: str

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class AuditError(Exception):
    """The tool could not do its job; the message is for the user."""


class DataError(AuditError):
    """One or more data files are broken; every problem found is listed."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ConfigError(AuditError):
    """The rule set or an option names something that does not exist or is wrong."""


class WorkspaceNotFound(AuditError):
    """No folder holding data/bodies.yaml was found."""

    def __init__(self, start: Path):
        super().__init__(
            f"no workspace found: no data/bodies.yaml in {start} or any folder above it "
            "(use --workspace DIR)"
        )
