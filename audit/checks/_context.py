"""What every check receives: the day, the obligations, and the one way to make a finding.

Check modules import this for type checking only, so that listing them (``audit rules``) does
not import the model; the engine builds the context, one per rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from audit.model import Finding, Severity

if TYPE_CHECKING:
    from audit.obligations import Obligation


@dataclass(frozen=True)
class CheckContext:
    """The day the checks judge by, every obligation in the workspace, and the rule being run."""

    as_of: date
    obligations: Sequence[Obligation]
    rule: str
    severity: Severity
    """The configured severity: the engine's to set, so a check never reads configuration it does not own."""

    def finding(self, obligation: Obligation, message: str, *, line: int = 0, recommendation: str = "") -> Finding:
        """A finding of this rule about one obligation."""
        body = obligation.body
        # By position, in the order Finding declares its fields: a hundred thousand findings are made
        # on a large workspace, and naming each argument costs a third of making one.
        return Finding(obligation.report.id, obligation.path, line, self.rule, recommendation, body.id, body.name, self.severity, message)
