"""How output will be shown; kept apart from the format tables so ``audit --help`` need not import the model."""

from __future__ import annotations

from dataclasses import dataclass

from audit.vocabulary import Severity


@dataclass(frozen=True)
class RenderOptions:
    """How the output will be shown: the terminal renderer reads these, the others ignore them."""

    color: bool = False
    width: int = 100
    fail_on: Severity = Severity.ERROR
    """Findings at or above this fail: the JUnit and markdown formats show only those as failures."""
