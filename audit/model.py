"""Typed domain objects: what the loader builds and the checks, coverage and renderers read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

from audit.digests import sha256

# The fixed vocabularies live apart so that code needing only them (the checks' declarations,
# `audit rules`) does not pay for building every class here.
from audit.records import quick_init
from audit.vocabulary import Receipt as Receipt
from audit.vocabulary import Severity as Severity
from audit.vocabulary import Status as Status
from audit.vocabulary import Timeliness as Timeliness


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of body the workspace declares: police forces, NHS trusts, government departments."""

    id: str
    label: str
    """One body of the kind, as a status page heads its list: "Police force"."""
    plural: str
    """Bodies of the kind, as a report heads them: "Forces"."""
    short: str
    """A short plural for narrow columns: "forces"."""
    section: str
    """The heading of the kind's section on a report's web page: "Police forces"."""
    description: str
    """What one body of the kind is, in full: "Police and crime commissioner or equivalent"."""
    every: str
    """The kind as an addressee, in words: "every police force"."""
    updates: bool = False
    """Each body's response is shown as an update of its own, first, as the status page shows national bodies'."""
    holds_to_account: str | None = None
    """The kind of body each body of this kind holds to account, if any."""
    line: int = 0
    """Line of the kind's entry in ``data/bodies.yaml`` (0: one of the default kinds)."""


DEFAULT_KINDS = (
    Kind("force", "Police force", "Forces", "forces", "Police forces", "Police force", "every police force"),
    Kind(
        "pcc",
        "PCC or equivalent",
        "Commissioners and equivalents",
        "commissioners",
        "Police and crime commissioners or equivalents",
        "Police and crime commissioner or equivalent",
        "every commissioner or equivalent",
        holds_to_account="force",
    ),
    Kind(
        "national",
        "National body",
        "National bodies",
        "national",
        "National bodies and their updates",
        "National body",
        "every national body",
        updates=True,
    ),
)
"""The kinds of a workspace whose ``data/bodies.yaml`` declares none: police forces, those who hold them to account, national bodies."""


@quick_init
@dataclass(frozen=True, slots=True)
class Body:
    """A public body that reports address: a force, its commissioner, a national body, or any kind the workspace declares."""

    id: str
    name: str
    kind: str
    """The id of its kind."""
    area: str | None
    aliases: tuple[str, ...]
    holds_to_account: str | None
    """For a body whose kind holds another to account (a ``pcc``): the id of the body it holds to account (its force)."""
    line: int
    """Line of the body's entry in ``data/bodies.yaml``."""
    existed_from: date | None = None
    """The first day the body existed, where it began during the years the data covers."""
    existed_until: date | None = None
    """The last day the body existed, where it has ceased (its functions passed to another)."""

    def existed_on(self, day: date) -> bool:
        return (self.existed_from is None or self.existed_from <= day) and (
            self.existed_until is None or day <= self.existed_until
        )


@quick_init
@dataclass(frozen=True, slots=True)
class Recommendation:
    """One recommendation or action of a report, and to whom it is addressed."""

    id: str
    kind: str
    """``recommendation`` or ``action``."""
    to: tuple[str, ...]
    """Addressees as written: body kinds, body ids, or ``all``."""
    text: str
    summary: bool
    """True where ``text`` is our summary rather than the report's words."""
    line: int

    @property
    def label(self) -> str:
        """How a person names it: "recommendation 4", "action A1"."""
        return f"{self.kind} {self.id}"


class DeadlineRule(Protocol):
    """How a report's response deadline is derived from its publication date: one class per kind in
    ``audit/deadlines.py``."""

    def due(self, published: date) -> date:
        """The last day on which a response is on time."""
        ...

    def explain(self, published: date) -> str:
        """How ``due`` is derived, in words."""
        ...


@dataclass(frozen=True, slots=True)
class Extension:
    """A later due date granted to one body, and the day it was granted."""

    body: str
    until: date
    granted: date


@quick_init
@dataclass(frozen=True, slots=True)
class Report:
    """An oversight report whose recommendations are owed responses."""

    id: str
    title: str
    short_title: str
    complainant: str | None
    published: date
    source: str | None
    deadline: DeadlineRule
    recommendations: tuple[Recommendation, ...]
    path: str
    respondents: tuple[str, ...] = ()
    """Who owes the update (kinds, body ids, ``all``); empty: every body addressed."""
    extensions: tuple[Extension, ...] = ()

    def extension_for(self, body_id: str) -> Extension | None:
        if not self.extensions:  # most reports grant none: no generator is started for them, for every body
            return None
        return next((e for e in self.extensions if e.body == body_id), None)


@quick_init
@dataclass(frozen=True, slots=True)
class DateRange:
    """A date known exactly (``earliest == latest``) or only within inclusive bounds."""

    earliest: date
    latest: date

    @property
    def exact(self) -> bool:
        return self.earliest == self.latest

    def __str__(self) -> str:
        if self.exact:
            return self.earliest.isoformat()
        return f"between {self.earliest.isoformat()} and {self.latest.isoformat()}"


@quick_init
@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a response speaks to a recommendation: the letter's words or our summary."""

    quote: str | None
    summary: str | None
    where: str | None


@quick_init
@dataclass(frozen=True, slots=True)
class Answer:
    """What one response says about one recommendation."""

    recommendation: str
    status: Status
    evidence: tuple[Evidence, ...]
    line: int


@quick_init
@dataclass(frozen=True, slots=True)
class Response:
    """One body's response to one report, as one data file describes it."""

    body: str
    report: str
    received: DateRange
    published: bool
    source: str | None
    joint_with: tuple[str, ...]
    answers: Mapping[str, Answer]
    path: str
    """The data file, relative to the workspace, with ``/`` separators."""
    line: int
    received_line: int
    published_line: int

    def receipt(self, as_of: date) -> Receipt:
        if self.received.latest <= as_of:
            return Receipt.RECEIVED
        if self.received.earliest > as_of:
            return Receipt.NOT_YET
        return Receipt.CANNOT_TELL


@dataclass(frozen=True, slots=True)
class Chase:
    """A reminder sent to a body about a response it owes: a letter or an email, on one day."""

    report: str
    body: str
    sent_on: date
    sent_by: tuple[str, ...]
    """Who signed or sent it, as the data names them."""
    via: str
    """``letter`` or ``email``."""
    note: str | None
    path: str
    line: int


@dataclass(frozen=True, slots=True)
class Workspace:
    """Everything loaded from one workspace folder, cross-checked."""

    root: Path
    kinds: Mapping[str, Kind]
    """By id, in the order declared."""
    bodies: Mapping[str, Body]
    """By id, in file order."""
    reports: Mapping[str, Report]
    """By id, sorted by id."""
    responses: Mapping[tuple[str, str], Response]
    """By (report id, body id), including each body a joint response speaks for."""
    chases: Mapping[tuple[str, str], tuple[Chase, ...]] = field(default_factory=dict)
    """By (report id, body id), oldest first."""


@quick_init
@dataclass(frozen=True, order=True, slots=True)
class Finding:
    """One problem the checks found; fields in the order findings sort by."""

    report: str
    path: str
    line: int
    """0 where the finding concerns a file that does not exist."""
    rule: str
    recommendation: str
    """The recommendation id, or "" where the finding concerns the response as a whole."""
    body: str
    body_name: str = field(compare=False)
    severity: Severity = field(compare=False)
    message: str = field(compare=False)

    @property
    def position(self) -> int | None:
        return self.line or None

    @property
    def fingerprint(self) -> str:
        """Stable across runs and edits of the message or line: what code scanning and baselines track."""
        key = "\0".join((self.report, self.body, self.recommendation, self.rule))
        return sha256(key.encode("utf-8")).hexdigest()[:32]
