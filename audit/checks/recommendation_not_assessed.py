"""A response has not yet been read against a recommendation addressed to its body.

Not assessed is not the same as not addressed: the response exists, but nobody
has recorded what it says about this recommendation. A recommendation missing
from the response file's ``recommendations`` counts as not assessed.

Fires::

    recommendations:
      "4": {status: not-assessed}

Passes once a person sets the status.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from audit.checks._rule import Rule
from audit.vocabulary import Receipt, Severity, Status

if TYPE_CHECKING:
    from audit.checks._context import CheckContext
    from audit.model import Finding


def check(ctx: CheckContext, conf: dict[str, Any]) -> Iterator[Finding]:
    for obligation in ctx.obligations:
        if obligation.receipt(ctx.as_of) is not Receipt.RECEIVED:
            continue
        for rec in obligation.recommendations:
            if obligation.status(rec.id) is Status.NOT_ASSESSED:
                yield ctx.finding(
                    obligation,
                    f"{rec.label} has not been assessed against the response",
                    line=obligation.answer_line(rec.id),
                    recommendation=rec.id,
                )


RULE = Rule(
    id="recommendation-not-assessed",
    severity=Severity.INFO,
    summary="a response has not been assessed against a recommendation",
    doc=__doc__ or "",
    check=check,
)
