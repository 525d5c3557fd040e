"""Words and symbols for coverage cells, responses and deadlines, shared by every format that shows them."""

from __future__ import annotations

from audit.results import Cell, Gap, ResponseState
from audit.vocabulary import Status, Timeliness

CELL_SYMBOL: dict[Cell, str] = {
    Status.ADDRESSED: "A",
    Status.PARTIALLY_ADDRESSED: "P",
    Status.IN_PROGRESS: "I",
    Status.DEFERRED: "D",
    Status.NOT_ADDRESSED: "X",
    Status.NOT_APPLICABLE: "n",
    Status.NOT_ASSESSED: "?",
    Gap.NO_RESPONSE: "!",
    Gap.NOT_ASSIGNED: "·",
}


def cell_words(cell: Cell) -> str:
    """The value read aloud: ``partially-addressed`` is "partially addressed"."""
    value: str = cell.value
    return value.replace("-", " ")


DEADLINE_WORDS = {
    Timeliness.MET: "on time",
    Timeliness.LATE: "late",
    Timeliness.CANNOT_TELL: "cannot tell",
    Timeliness.PENDING: "pending",
    Timeliness.OVERDUE: "overdue",
}
RESPONSE_WORDS = {
    ResponseState.PUBLISHED: "published",
    ResponseState.UNPUBLISHED: "not published",
    ResponseState.NONE: "no reply",
    ResponseState.CANNOT_TELL: "reply unknown",
}
