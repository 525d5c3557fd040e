"""Phrases the checks' messages and the formats share; cheap to import (nothing of the model), so a format may."""

from __future__ import annotations


def days(n: int) -> str:
    return f"{n:,} day" + ("" if n == 1 else "s")
