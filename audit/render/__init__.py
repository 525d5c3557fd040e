"""Output formats: one module per format, one table of formats per result, one protocol.

A format is a function from a result (``audit/results.py``) and the ``RenderOptions`` to the text,
as an iterable of chunks, so that tens of thousands of findings are written as they are formatted
instead of being built into one string first. Each format module declares
``FORMAT: Format[TheResult] = render``, so that mypy checks it against the protocol; each table
below names the modules that format one result, and is the only list of the choices: the CLI feeds
it to ``--format``, ``--output`` and ``--append``. Modules are imported only when chosen, so that
``audit --help`` never pays for them.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Generic, NamedTuple, Protocol, TypeVar

if TYPE_CHECKING:
    from audit.changes import Differences
    from audit.render.options import RenderOptions
    from audit.results import (
        ChaseLetter,
        ChasesDue,
        Coverage,
        Findings,
        Import,
        OneBody,
        Schedule,
        Validation,
    )
    from audit.rule_docs import RuleCatalogue

Result = TypeVar("Result")
Shown_contra = TypeVar("Shown_contra", contravariant=True)

WRITE_BATCH = 64 * 1024
"""Characters gathered before one write of a streamed output."""


def batched(pieces: Iterable[str], size: int = WRITE_BATCH) -> Iterator[str]:
    """``pieces`` joined into chunks of about ``size`` characters: a format's chunks (an encoder's
    tokens, one finding each) are too small to write one by one, and unbuffered each write is a
    system call; a large output is still never held whole."""
    batch: list[str] = []
    held = 0
    for piece in pieces:
        batch.append(piece)
        held += len(piece)
        if held >= size:
            yield "".join(batch)
            batch, held = [], 0
    if batch:
        yield "".join(batch)


class Format(Protocol[Shown_contra]):
    """Formats a result: the text, in chunks whose concatenation is the whole output."""

    def __call__(self, result: Shown_contra, options: RenderOptions, /) -> Iterable[str]: ...


class FormatTable(NamedTuple, Generic[Result]):
    """The formats of one result: name -> the module whose ``FORMAT`` formats it.

    A named tuple, not a frozen dataclass, which would compile its methods at every command's start.
    """

    modules: Mapping[str, str]
    default: str = "terminal"

    @property
    def names(self) -> list[str]:
        return list(self.modules)

    def get(self, name: str) -> Format[Result]:
        """The format called ``name``, imported now."""
        chosen: Format[Result] = importlib.import_module(self.modules[name]).FORMAT
        return chosen


class LetterFormatTable(FormatTable[Result]):
    """Formats that write one file per result (a chase letter): each module also declares ``SUFFIX``,
    its file's suffix, and ``VIA``, how a letter in it is sent (what ``audit chase --record`` writes).

    No fields of its own: the table's."""

    def suffix(self, name: str) -> str:
        return str(importlib.import_module(self.modules[name]).SUFFIX)

    def via(self, name: str) -> str:
        return str(importlib.import_module(self.modules[name]).VIA)


FINDINGS_FORMATS: FormatTable[Findings] = FormatTable(
    {
        "terminal": "audit.render.terminal",
        "json": "audit.render.json",
        "sarif": "audit.render.sarif",
        "junit": "audit.render.junit",
        "github": "audit.render.github",
        "markdown": "audit.render.markdown",
    }
)
"""``audit check``."""

COVERAGE_FORMATS: FormatTable[Coverage] = FormatTable(
    {
        "terminal": "audit.render.coverage_terminal",
        "markdown": "audit.render.coverage_markdown",
        "json": "audit.render.coverage_json",
        "csv": "audit.render.coverage_csv",
    }
)
"""``audit coverage``; ``audit report`` is its markdown."""

SCHEDULE_FORMATS: FormatTable[Schedule] = FormatTable(
    {
        "terminal": "audit.render.deadlines_terminal",
        "json": "audit.render.deadlines_json",
        "ics": "audit.render.deadlines_ics",
    }
)
"""``audit deadlines``."""

ONE_BODY_FORMATS: FormatTable[OneBody] = FormatTable(
    {
        "terminal": "audit.render.show",
        "json": "audit.render.show_json",
    }
)
"""``audit show``."""

VALIDATION_FORMATS: FormatTable[Validation] = FormatTable(
    {
        "terminal": "audit.render.validation_terminal",
        "json": "audit.render.validation_json",
        "text": "audit.render.validation_terminal",
    }
)
"""``audit validate`` (``text``: the name its terminal format had first)."""

RULES_FORMATS: FormatTable[RuleCatalogue] = FormatTable(
    {
        "terminal": "audit.render.rules_terminal",
        "json": "audit.render.rules_json",
    }
)
"""``audit rules``."""

CHASES_DUE_FORMATS: FormatTable[ChasesDue] = FormatTable(
    {
        "terminal": "audit.render.chases_terminal",
        "json": "audit.render.chases_json",
    }
)
"""``audit chase --dry-run``: who is due a chase."""

LETTER_FORMATS: LetterFormatTable[ChaseLetter] = LetterFormatTable(
    {
        "markdown": "audit.render.letter_markdown",
        "text": "audit.render.letter_text",
        "eml": "audit.render.letter_eml",
    },
    default="markdown",
)
"""``audit chase``: the letters, one file each."""

DIFF_FORMATS: FormatTable[Differences] = FormatTable(
    {
        "terminal": "audit.render.diff_terminal",
        "markdown": "audit.render.diff_markdown",
        "json": "audit.render.diff_json",
    }
)
"""``audit diff``."""

IMPORT_FORMATS: FormatTable[Import] = FormatTable(
    {
        "terminal": "audit.render.import_terminal",
        "diff": "audit.render.import_diff",
        "json": "audit.render.import_json",
    }
)
"""``audit import status-page`` and ``audit import table``."""
