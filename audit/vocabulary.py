"""The fixed vocabularies of the model: severities, statuses, receipt and timeliness (kinds of body are data)."""

from __future__ import annotations

import enum
import functools


class Vocabulary(enum.Enum):
    """A fixed vocabulary whose members are keys of the tool's counts and tables.

    A member equals only itself, so it is hashed by identity, in C: Enum's own ``__hash__`` is a
    Python call for every lookup, hundreds of thousands of them in the counts of a large workspace.
    """

    __hash__ = object.__hash__


@functools.total_ordering
class Severity(Vocabulary):
    """How much a finding matters; ordered so that ``ERROR > WARNING > INFO``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank


_SEVERITY_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


class Status(Vocabulary):
    """What a response says about one recommendation."""

    ADDRESSED = "addressed"
    PARTIALLY_ADDRESSED = "partially-addressed"
    IN_PROGRESS = "in-progress"
    DEFERRED = "deferred"
    NOT_ADDRESSED = "not-addressed"
    NOT_APPLICABLE = "not-applicable"
    NOT_ASSESSED = "not-assessed"


class Receipt(Vocabulary):
    """Whether a response had arrived on the ``as_of`` day."""

    RECEIVED = "received"
    NOT_YET = "not-yet"
    CANNOT_TELL = "cannot-tell"


class Timeliness(Vocabulary):
    """A body's standing against its deadline on the ``as_of`` day."""

    MET = "met"
    LATE = "late"
    CANNOT_TELL = "cannot-tell"
    PENDING = "pending"
    OVERDUE = "overdue"
