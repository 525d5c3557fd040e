"""Whether a response met its deadline cannot be told from the dates known.

A received date known only within bounds that straddle the deadline (received
"by 16 February 2022" for a deadline of 17 June 2021) may be on time or late:
the tool says so rather than guess. Likewise when ``--as-of`` falls inside
the bounds after the deadline: whether the response had arrived by then is
unknown.

Fires (deadline 2021-06-17)::

    received: {earliest: 2020-12-17, latest: 2022-02-16}

Passes with an exact date, or bounds wholly before or after the deadline.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from audit.checks._rule import Rule
from audit.vocabulary import Receipt, Severity, Timeliness

if TYPE_CHECKING:
    from audit.checks._context import CheckContext
    from audit.model import Finding


def check(ctx: CheckContext, conf: dict[str, Any]) -> Iterator[Finding]:
    for obligation in ctx.obligations:
        response = obligation.response
        if response is None or obligation.timeliness(ctx.as_of) is not Timeliness.CANNOT_TELL:
            continue
        due = obligation.due.isoformat()
        if response.receipt(ctx.as_of) is Receipt.RECEIVED:
            message = f"cannot tell whether the response met the deadline of {due}: it was received {response.received}"
        else:
            message = (
                f"cannot tell whether the response had arrived by {ctx.as_of.isoformat()} "
                f"(deadline {due}): it was received {response.received}"
            )
        yield ctx.finding(obligation, message, line=response.received_line)


RULE = Rule(
    id="deadline-unknown",
    severity=Severity.INFO,
    summary="cannot tell whether a response met the deadline",
    doc=__doc__ or "",
    check=check,
)
