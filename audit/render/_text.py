"""Make text from data files safe to show."""

from __future__ import annotations

_CONTROL = {c: f"\\x{c:02x}" for c in (*range(0x00, 0x20), *range(0x7F, 0xA0))}
_CONTROL[ord("\n")] = "\\n"
_CONTROL[ord("\t")] = "\\t"


def printable(text: str) -> str:
    """``text`` with control characters written as visible escapes, so none reaches a terminal raw."""
    return text.translate(_CONTROL)
