"""Words and symbols for coverage cells and deadlines, shared by every coverage format."""

from __future__ import annotations

from audit.model import Timeliness

CELL_SYMBOL = {
    "addressed": "A",
    "partially-addressed": "P",
    "in-progress": "I",
    "deferred": "D",
    "not-addressed": "X",
    "not-applicable": "n",
    "not-assessed": "?",
    "no-response": "!",
    "not-assigned": "·",
}
CELL_WORDS = {
    "addressed": "addressed",
    "partially-addressed": "partially addressed",
    "in-progress": "in progress",
    "deferred": "deferred",
    "not-addressed": "not addressed",
    "not-applicable": "not applicable",
    "not-assessed": "not assessed",
    "no-response": "no response",
    "not-assigned": "not assigned",
}
DEADLINE_WORDS = {
    Timeliness.MET: "on time",
    Timeliness.LATE: "late",
    Timeliness.CANNOT_TELL: "cannot tell",
    Timeliness.PENDING: "pending",
    Timeliness.OVERDUE: "overdue",
}
RESPONSE_WORDS = {"published": "published", "unpublished": "not published", "none": "no reply"}
