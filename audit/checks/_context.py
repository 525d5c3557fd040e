"""What every check receives, and the one way a check makes a finding."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Sequence

from audit.model import Finding, Severity

if TYPE_CHECKING:  # the checks run on obligations; `audit rules` lists them without loading anything
    from audit.obligations import Obligation


@dataclass(frozen=True)
class CheckContext:
    """The day the checks judge by, and every obligation in the workspace."""

    as_of: date
    obligations: Sequence[Obligation]


def finding(obligation: Obligation, message: str, *, line: int = 0, recommendation: str = "") -> Finding:
    """A finding about one obligation; the engine stamps the rule id and configured severity."""
    return Finding(
        report=obligation.report.id,
        path=obligation.path,
        line=line,
        rule="",
        recommendation=recommendation,
        body=obligation.body.id,
        body_name=obligation.body.name,
        severity=Severity.INFO,
        message=message,
    )


def days(n: int) -> str:
    return f"{n:,} day" + ("" if n == 1 else "s")
