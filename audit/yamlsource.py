"""Read one YAML file into a node tree, safely: the C parser when present, plain YAML only."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import yaml

from audit.errors import Problem

try:
    from yaml import CSafeLoader as _Loader

    HAVE_C_LOADER = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

    HAVE_C_LOADER = False


MAX_FILE_BYTES = 4 * 1024 * 1024
"""A data file this large is a mistake (a response file is a few kilobytes)."""


def warn_if_slow_loader() -> None:
    """Say once that parsing will be slow, where PyYAML was built without libyaml."""
    if not HAVE_C_LOADER:
        warnings.warn(
            "PyYAML has no C loader (libyaml) here; loading will be several times slower",
            RuntimeWarning,
            stacklevel=2,
        )


def read_text(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or the problems that stop it being read as UTF-8 YAML."""
    try:
        with open(path, "rb") as stream:
            # One read past the limit tells an oversized file without a separate stat.
            raw = stream.read(MAX_FILE_BYTES + 1)
            if len(raw) > MAX_FILE_BYTES:
                size = os.fstat(stream.fileno()).st_size
                return None, [Problem(shown, None, None, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")]
    except OSError as err:
        return None, [Problem(shown, None, None, f"cannot read: {err.strerror or err}")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        return None, [
            Problem(shown, line, column, f"not valid UTF-8 (byte 0x{raw[err.start]:02x})")
        ]


def compose(text: str, shown: str) -> tuple[yaml.Node | None, list[Problem]]:
    """The document's node tree (None for an empty file), or its syntax problems."""
    try:
        return yaml.compose(text, Loader=_Loader), []
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        what = err.problem or err.context or "syntax error"
        if err.problem and err.context and not err.context.startswith("while"):
            what = f"{err.context}, {err.problem}"
        if mark is None:
            return None, [Problem(shown, None, None, f"YAML syntax error: {what}")]
        if _char_at(text, mark.line, mark.column) == "\t":
            what += " (a tab: YAML indents with spaces only)"
        return None, [Problem(shown, mark.line + 1, mark.column + 1, f"YAML syntax error: {what}")]
    except yaml.reader.ReaderError as err:
        line = text.count("\n", 0, err.position) + 1
        column = err.position - (text.rfind("\n", 0, err.position) + 1) + 1
        return None, [
            Problem(shown, line, column, f"control character U+{err.character:04X} is not allowed in YAML (write it escaped, in double quotes)")
        ]
    except yaml.YAMLError as err:
        return None, [Problem(shown, None, None, f"YAML error: {err}")]
    except RecursionError:
        return None, [Problem(shown, None, None, "YAML nesting is too deep")]


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    return lines[line][column : column + 1] if line < len(lines) else ""
