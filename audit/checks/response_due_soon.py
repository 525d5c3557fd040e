"""A response is due within the window and has not arrived yet.

A reminder, not a failure: ``info`` by default. The window is the parameter
``window`` (days, default 30); a response due on the ``--as-of`` day itself is
due soon, one due the day after the window ends is not.

Fires (as of 2021-06-01, window 30, due 2021-06-17, no response yet).
Passes once the response is received, or once the deadline has passed (then
``response-missing`` says so).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from audit.checks._rule import ParameterSpec, Rule
from audit.vocabulary import Receipt, Severity
from audit.words import days

if TYPE_CHECKING:
    from audit.checks._context import CheckContext
    from audit.model import Finding
    from audit.shape import Shape


def check(ctx: CheckContext, conf: dict[str, Any]) -> Iterator[Finding]:
    for obligation in ctx.obligations:
        left = (obligation.due - ctx.as_of).days
        receipt = obligation.receipt(ctx.as_of)
        if 0 <= left <= conf["window"] and receipt is not Receipt.RECEIVED:
            when = "today" if left == 0 else f"in {days(left)}"
            message = f"a response from {obligation.body.name} is due on {obligation.due.isoformat()}, {when}"
            if receipt is Receipt.CANNOT_TELL:
                assert obligation.response is not None
                message += f"; cannot tell whether it has arrived (received {obligation.response.received})"
            yield ctx.finding(obligation, message)


def _window(description: str) -> Shape:
    from audit.shape import Integer

    return Integer(description, minimum=0, maximum=366 * 10)


RULE = Rule(
    id="response-due-soon",
    severity=Severity.INFO,
    summary="a response falls due within the window and has not arrived",
    doc=__doc__ or "",
    check=check,
    conf={"window": ParameterSpec("How many days ahead count as soon", _window)},
    default={"window": 30},
)
