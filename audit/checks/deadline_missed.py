"""A response arrived after its deadline, certainly.

The deadline day itself is on time. Where only bounds of the received date are
known, this fires only when even the earliest possible day is after the
deadline; a range that straddles the deadline is ``deadline-unknown``.

Fails (deadline 2021-06-17)::

    received: 2021-12-03
    received: {earliest: 2021-11-24, latest: 2022-02-16}

Passes::

    received: 2021-06-17
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
        response = obligation.response
        if response is None or obligation.timeliness(ctx.as_of) is not Timeliness.LATE:
            continue
        due = obligation.due.isoformat()
        if response.received.exact:
            late = (response.received.earliest - obligation.due).days
            message = f"the response was received on {response.received}, {days(late)} after the deadline of {due}"
        else:
            message = f"the response was received {response.received}, after the deadline of {due}"
        yield ctx.finding(obligation, message, line=response.received_line)


RULE = Rule(
    id="deadline-missed",
    severity=Severity.WARNING,
    summary="a response was received after the deadline",
    doc=__doc__ or "",
    check=check,
)
