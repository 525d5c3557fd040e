"""A body that owes a response has sent none, and its deadline has passed.

Before the deadline a missing response is pending, not a finding. A response
file whose received date is after ``--as-of`` does not count: on that day the
response had not arrived.

Fails (as of 2021-06-18, deadline 2021-06-17, no file for the body)::

    data/responses/safe-to-share/west-yorkshire-police.yaml   (absent)

Passes: the same as of 2021-06-17, or any response file received by then.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from audit.checks._rule import Rule
from audit.vocabulary import Severity, Timeliness
from audit.words import days

if TYPE_CHECKING:
    from audit.checks._context import CheckContext
    from audit.model import Finding


def check(ctx: CheckContext, conf: dict[str, Any]) -> Iterator[Finding]:
    for obligation in ctx.obligations:
        if obligation.timeliness(ctx.as_of) is Timeliness.OVERDUE:
            overdue = (ctx.as_of - obligation.due).days
            yield ctx.finding(
                obligation,
                f"no response from {obligation.body.name}: it was due on "
                f"{obligation.due.isoformat()} and is {days(overdue)} overdue",
            )


RULE = Rule(
    id="response-missing",
    severity=Severity.ERROR,
    summary="no response, and the deadline has passed",
    doc=__doc__ or "",
    check=check,
)
