"""Make text from data files safe to show; lay it out in markdown tables."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

_CONTROL = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0))}
# Lone surrogates and the non-characters U+FFFE/U+FFFF can arrive through YAML escapes; no
# terminal shows them and XML 1.0 forbids them.
_CONTROL.update({c: f"\\u{c:04x}" for c in (*range(0xD800, 0xE000), 0xFFFE, 0xFFFF)})
_CONTROL[ord("\n")] = "\\n"
_CONTROL[ord("\t")] = "\\t"


def printable(text: str, keep: str = "") -> str:
    """``text`` with control characters (but those in ``keep``) written as visible escapes, so none
    reaches a terminal raw."""
    # Every character escaped here is one str.isprintable() refuses: most text needs no pass at all.
    if text.isprintable():
        return text
    return text.translate(_table(keep))


@functools.cache
def _table(keep: str) -> dict[int, str]:
    return {k: v for k, v in _CONTROL.items() if chr(k) not in keep} if keep else _CONTROL


_MARKUP = "\\`*_[]<>|#!~&"
_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in _MARKUP})
_HAS_MARKUP = re.compile(f"[{re.escape(_MARKUP)}]").search


def markdown_cell(text: str) -> str:
    """``text`` as literal inline markdown: one line, no markup, no HTML, no table pipes, no controls."""
    text = printable(text)
    # Most text (a name, a label, a count) holds no markup character: finding none is far cheaper
    # than translating every character, tens of thousands of times in a report.
    return text.translate(_MARKDOWN_SPECIAL) if _HAS_MARKUP(text) else text


def markdown_table(rows: Sequence[Sequence[object]], headers: Sequence[str]) -> str:
    """A GitHub-flavoured markdown table, every cell as written (no number formatting)."""
    from tabulate import tabulate  # only the markdown formats need it

    return tabulate(rows, headers=list(headers), tablefmt="github", disable_numparse=True)


def days(n: int) -> str:
    """"1 day", "2 days", "1,000 days"."""
    return f"{n:,} day" + ("" if n == 1 else "s")


def owe(n: int) -> str:
    """"1 owes", "2 owe": the verb agrees with the count of bodies."""
    return f"{n:,} owe" + ("s" if n == 1 else "")
