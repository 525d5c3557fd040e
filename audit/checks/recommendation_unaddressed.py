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

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from audit.checks._rule import ParameterSpec, Rule
from audit.vocabulary import Receipt, Severity, Status

if TYPE_CHECKING:
    from audit.checks._context import CheckContext
    from audit.model import Finding
    from audit.shape import Shape


def addressed(conf: Mapping[str, Any]) -> tuple[Status, ...]:
    """The statuses that count as addressed under these parameters: coverage and the gap report count by them too."""
    return tuple(Status(value) for value in conf["addressed"])


def check(ctx: CheckContext, conf: dict[str, Any]) -> Iterator[Finding]:
    # Not assessed is another rule's finding, never this one's.
    counted = {*addressed(conf), Status.NOT_ASSESSED}
    for obligation in ctx.obligations:
        if obligation.receipt(ctx.as_of) is not Receipt.RECEIVED:
            continue
        for rec in obligation.recommendations:
            status = obligation.status(rec.id)
            if status not in counted:
                yield ctx.finding(
                    obligation,
                    f"{rec.label} is not addressed: the response is marked {status.value}",
                    line=obligation.answer_line(rec.id),
                    recommendation=rec.id,
                )


def _statuses(description: str) -> Shape:
    from audit.shape import Choice, ListOf

    return ListOf(Choice(tuple(s.value for s in Status if s is not Status.NOT_ASSESSED)), description)


RULE = Rule(
    id="recommendation-unaddressed",
    severity=Severity.ERROR,
    summary="a response does not address a recommendation assigned to its body",
    doc=__doc__ or "",
    check=check,
    conf={"addressed": ParameterSpec("The statuses that count as addressing a recommendation", _statuses)},
    default={"addressed": ["addressed", "partially-addressed", "in-progress", "not-applicable"]},
)
