"""A body is overdue and nobody has chased it in the last ``interval`` days.

A chase is a reminder recorded in ``data/chases/<report>.yaml`` (by hand, or
by ``audit chase --record``). Only an overdue body is due one: no response, and
the deadline has passed. A chase exactly ``interval`` days old is due again; a
chase dated after ``--as-of`` had not been sent on that day. The message names
the last chase and its age, or says there has been none.

Fails (as of 2021-07-20, deadline 2021-06-17, no response file): no chase
of the body at all, or its last one 32 days old::

    chases:
      - {date: 2021-06-18, body: west-yorkshire-police, sent_by: [A. Clerk], via: letter}

Passes: the same with the last chase dated 2021-06-23 or later (27 days or
fewer before 2021-07-20), or with any response received by then.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from audit.checks._rule import ParameterSpec, Rule
from audit.vocabulary import Severity
from audit.words import days

if TYPE_CHECKING:
    from audit.checks._context import CheckContext
    from audit.model import Finding
    from audit.shape import Shape


def check(ctx: CheckContext, conf: dict[str, Any]) -> Iterator[Finding]:
    interval = conf["interval"]
    for obligation in ctx.obligations:
        if not obligation.due_a_chase(ctx.as_of, interval):
            continue
        overdue = f"{obligation.body.name} is {days((ctx.as_of - obligation.due).days)} overdue"
        sent = obligation.chases_by(ctx.as_of)
        if not sent:
            message = f"{overdue} and has never been chased"
        else:
            last = sent[-1]
            age = (ctx.as_of - last.sent_on).days
            message = f"{overdue}; last chased on {last.sent_on.isoformat()} by {last.via}, {days(age)} ago (interval {days(interval)})"
        yield ctx.finding(obligation, message)


def _interval(description: str) -> Shape:
    from audit.shape import Integer

    return Integer(description, minimum=1)


RULE = Rule(
    id="chase-due",
    severity=Severity.WARNING,
    summary="an overdue body has not been chased within the interval",
    doc=__doc__ or "",
    check=check,
    conf={"interval": ParameterSpec("Days after a chase before the next one is due", _interval)},
    default={"interval": 28},
)
