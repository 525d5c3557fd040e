"""A response does not address a recommendation addressed to its body.

Which statuses count as addressed is the parameter ``addressed``. By default a
deferral with no substance ("we await the outcome of the national review")
does not count, nor does ``not-addressed``. A recommendation nobody has
assessed yet is ``recommendation-not-assessed``, never this.

Fails (a force's response)::

    recommendations:
      "4": {status: deferred}

Passes::

    recommendations:
      "4": {status: partially-addressed}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from audit.shape import Choice, ListOf
from audit.vocabulary import Receipt, Severity, Status

if TYPE_CHECKING:
    from audit.checks._context import CheckContext
    from audit.model import Finding

ID = "recommendation-unaddressed"
SEVERITY = Severity.ERROR
SUMMARY = "a response does not address a recommendation assigned to its body"
CONF = {
    "addressed": ListOf(
        Choice(tuple(s.value for s in Status if s is not Status.NOT_ASSESSED)),
        "The statuses that count as addressing a recommendation",
    )
}
DEFAULT: dict[str, Any] = {"addressed": ["addressed", "partially-addressed", "in-progress", "not-applicable"]}


def check(ctx: CheckContext, conf: dict[str, Any]) -> Iterator[Finding]:
    addressed = {Status(value) for value in conf["addressed"]} | {Status.NOT_ASSESSED}
    for obligation in ctx.obligations:
        if obligation.receipt(ctx.as_of) is not Receipt.RECEIVED:
            continue
        for rec in obligation.recommendations:
            status = obligation.status(rec.id)
            if status not in addressed:
                yield ctx.finding(
                    obligation,
                    f"{rec.label} is not addressed: the response is marked {status.value}",
                    line=obligation.answer_line(rec.id),
                    recommendation=rec.id,
                )
