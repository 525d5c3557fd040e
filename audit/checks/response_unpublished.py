"""A response was received but has not been published.

Fails::

    received: 2021-06-10
    published: false

Passes with ``published: true``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from audit.checks._rule import Rule
from audit.vocabulary import Receipt, Severity

if TYPE_CHECKING:
    from audit.checks._context import CheckContext
    from audit.model import Finding


def check(ctx: CheckContext, conf: dict[str, Any]) -> Iterator[Finding]:
    for obligation in ctx.obligations:
        response = obligation.response
        if response is not None and not response.published and response.receipt(ctx.as_of) is Receipt.RECEIVED:
            yield ctx.finding(
                obligation,
                f"the response from {obligation.body.name} was received but has not been published",
                line=response.published_line,
            )


RULE = Rule(
    id="response-unpublished",
    severity=Severity.WARNING,
    summary="a response was received but not published",
    doc=__doc__ or "",
    check=check,
)
