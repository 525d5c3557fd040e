"""What every check receives, and the one way a check makes a finding.

The check modules import this at run time, and ``audit rules`` imports them to list them,
so it leaves the model to be imported when a finding is first made.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from audit.model import Finding
    from audit.obligations import Obligation


@dataclass(frozen=True)
class CheckContext:
    """The day the checks judge by, and every obligation in the workspace."""

    as_of: date
    obligations: Sequence[Obligation]


def finding(obligation: Obligation, message: str, *, line: int = 0, recommendation: str = "") -> Finding:
    """A finding about one obligation; the engine stamps the rule id and configured severity."""
    from audit.model import Finding, Severity

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
