"""Read one YAML file into a node tree, safely: the C parser when present, plain YAML only."""

from __future__ import annotations

import functools
import operator
import warnings
from pathlib import Path
from typing import Any

import yaml

from audit.errors import Problem
from audit.inputs import Refused, read_bounded

try:
    from yaml import CSafeLoader as _Loader

    HAVE_C_LOADER = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

    HAVE_C_LOADER = False


@functools.cache
def _resolving(loader: type[Any]) -> type[Any]:
    """``loader``, with each node's tag worked out once per run for each short plain scalar and
    each kind of collection, not once per occurrence.

    The parser asks Python for every node's tag, matching a scalar against the implicit resolvers'
    patterns: a fifth of composing. Data files repeat the same keys and words (status values,
    dates' keys) and mappings thousands of times, so the answers are kept; long text is rarely
    repeated, and is not kept. A mapping or a list is asked about with no value.

    Ids and names are short and never repeat: kept, they filled the store with 16,000 answers
    (2.6 MB) on 5,000 reports of 2,000 bodies. Once it holds ``_KEPT_TAGS``, it is emptied, and
    the words that do repeat are kept again at their next sighting.
    """
    known: dict[tuple[Any, str | None, Any], str] = {}

    class Resolving(loader):  # type: ignore[misc]
        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if value is not None and len(value) > _KEPT_SCALAR:
                return super().resolve(kind, value, implicit)
            key = (kind, value, implicit)
            tag = known.get(key)
            if tag is None:
                if len(known) >= _KEPT_TAGS:
                    known.clear()
                tag = known[key] = super().resolve(kind, value, implicit)
            return tag

    if not loader.yaml_path_resolvers:
        # The parser calls these two around every node, for path resolvers, and they return at
        # once where none is registered (this tool registers none): as Python methods that cost a
        # tenth of composing a file of short values, as C functions that take the same arguments
        # and change nothing, next to nothing.
        Resolving.descend_resolver = staticmethod(operator.is_)
        Resolving.ascend_resolver = staticmethod(tuple)

    return Resolving


_KEPT_SCALAR = 40
"""The longest plain scalar whose tag is kept."""

_KEPT_TAGS = 2048
"""The most answers kept at once (``_resolving``)."""


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


def read_text(path: str | Path, shown: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or the problems that stop it being read as UTF-8 YAML."""
    try:
        raw = read_bounded(path, MAX_FILE_BYTES)
    except Refused as refusal:
        return None, [Problem(shown, None, None, str(refusal))]
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
        return yaml.compose(text, Loader=_resolving(_Loader)), []
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
            Problem(
                shown, line, column, f"control character U+{err.character:04X} is not allowed in YAML (write it escaped, in double quotes)"
            )
        ]
    except yaml.YAMLError as err:
        return None, [Problem(shown, None, None, f"YAML error: {err}")]
    except RecursionError:
        return None, [Problem(shown, None, None, "YAML nesting is too deep")]


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    return lines[line][column : column + 1] if line < len(lines) else ""
