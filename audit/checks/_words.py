"""Phrases the checks' messages share."""

from __future__ import annotations


def days(n: int) -> str:
    return f"{n:,} day" + ("" if n == 1 else "s")
