"""Reading a published status page: who replied to a report, and whether the reply was published.

The page (seed 002 is one) lists bodies under a heading for each kind of body,
its label followed by "Response" (``Police force Response``, ``PCC or equivalent
Response``), one line each until a blank line: the body's label, then what became
of its reply:

    Kent Police Kent Police response                                   a published response (the link's text)
    Bedfordshire Police Response received but not published by the force
    West Yorkshire Police This force did not reply

One irregular form is read too: a line that names the body twice and says
nothing more (``Greater Manchester police and crime commissioner Greater
Manchester police and crime commissioner``) is the link to a published response
under the label alone, and a note says so.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from audit.addressees import BodyIndex, involved
from audit.errors import ConfigError, DataError, Problem
from audit.importing import PlanBuilder, Received
from audit.model import Body, DateRange, Kind, Report, Workspace
from audit.names import BodyNames, name_key
from audit.results import Import


def headings(kinds: Iterable[Kind]) -> dict[str, str]:
    """The heading of each kind's list on a status page ("Police force Response") -> the kind's id."""
    return {f"{kind.label} Response": kind.id for kind in kinds}

_UNPUBLISHED = re.compile(r"response received but not published\b.*", re.IGNORECASE)
_NO_REPLY = re.compile(r"(?:this\b.{0,60}?\s)?did not reply\.?", re.IGNORECASE)
_PUBLISHED = re.compile(r"(?:(?P<link>.*)\s)?response\.?", re.IGNORECASE)
_PAGE_DATE = re.compile(r"^\s*(?:published|last updated)\s+(\d{1,2} [A-Za-z]+ \d{4})\b", re.IGNORECASE)


class Reply(enum.Enum):
    """What the page says became of a body's reply."""

    PUBLISHED = "published"
    UNPUBLISHED = "not published"
    NONE = "did not reply"


@dataclass(frozen=True, slots=True)
class Listed:
    """One body's line on the page."""

    line: int
    section: str
    """The heading the line stands under, as the page writes it."""
    body: Body
    reply: Reply
    said: str
    """The page's own words for the reply (the link's text, or the state)."""
    note: str | None = None
    """How an irregular line was read."""


@dataclass(frozen=True, slots=True)
class Unread:
    """A line under a heading that could not be read: no body matches it, or its state is not one the page uses."""

    line: int
    text: str
    why: str


@dataclass(frozen=True, slots=True)
class StatusPage:
    """What a status page says, line by line."""

    date: date | None
    """The page's date: the latest ``Published`` or ``Last updated`` it gives."""
    sections: tuple[tuple[str, str], ...]
    """The headings found, in the page's order, each with the kind its lines name."""
    listed: tuple[Listed, ...]
    unread: tuple[Unread, ...]


def read_status_page(text: str, kinds: Iterable[Kind], bodies: Iterable[Body]) -> StatusPage:
    """Every body line under the page's headings, matched to a body of the heading's kind, and every line that could not be."""
    names = BodyNames(bodies)
    kind_of = {name_key(heading): kind for heading, kind in headings(kinds).items()}
    listed: list[Listed] = []
    unread: list[Unread] = []
    sections: list[tuple[str, str]] = []
    dates: list[date] = []
    section: str | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = " ".join(raw.split())
        found = _PAGE_DATE.match(line)
        if found:
            parsed = _day(found.group(1))
            if parsed is not None:
                dates.append(parsed)
        if name_key(line) in kind_of:
            section = line
            sections.append((line, kind_of[name_key(line)]))
            continue
        if not line:
            section = None
            continue
        if section is None:
            continue
        read = _read_line(number, line, section, names, {kind_of[name_key(section)]})
        if isinstance(read, Listed):
            listed.append(read)
        else:
            unread.append(read)
    return StatusPage(max(dates, default=None), tuple(sections), tuple(listed), tuple(unread))


def _read_line(number: int, line: str, section: str, names: BodyNames, kinds: set[str]) -> Listed | Unread:
    matched = names.longest_prefix(line, kinds)
    if matched is None:
        closest = names.closest(line)
        hint = f" (closest: {'; '.join(closest)})" if closest else ""
        return Unread(number, line, f"no body's id, name or alias begins the line{hint}")
    body, taken = matched
    said = " ".join(line.split(" ")[taken:])
    for pattern, reply in ((_UNPUBLISHED, Reply.UNPUBLISHED), (_NO_REPLY, Reply.NONE), (_PUBLISHED, Reply.PUBLISHED)):
        found = pattern.fullmatch(said)
        if found is None:
            continue
        linked = names.find(found.group("link") or "") if reply is Reply.PUBLISHED else None
        if linked is not None and linked is not body:
            return Unread(number, line, f"the label names {body.name} but the link names {linked.name}")
        return Listed(number, section, body, reply, said)
    if said and names.find(said) is body:
        note = f"line {number} names {body.name} twice and gives no state: read as a published response linked under its label"
        return Listed(number, section, body, Reply.PUBLISHED, said, note)
    return Unread(
        number,
        line,
        f"{body.name}: cannot tell whether it replied from {said!r} "
        "(expected '... response', 'Response received but not published by ...' or '... did not reply')",
    )


def _day(text: str) -> date | None:
    try:
        return datetime.strptime(text, "%d %B %Y").date()
    except ValueError:
        return None


def plan_status_page(
    workspace: Workspace, report: Report, page: StatusPage, shown: str, *, page_date: date | None, force: bool, skip_unread: bool
) -> Import:
    """A response for every body the page lists as having replied: received by the page's date, each recommendation not assessed.

    Lines that could not be read stop the import (``DataError``, with their line numbers)
    unless ``skip_unread``; a body listed twice always does.
    """
    if not page.sections:
        expected = " or ".join(repr(heading) for heading in headings(workspace.kinds.values()))
        raise ConfigError(f"{shown}: no heading {expected}: this does not read as a status page")
    owing = involved(report, BodyIndex(workspace.bodies))
    unread = [Problem(shown, u.line, None, f"{u.text!r}: {u.why}") for u in page.unread]
    usable = []
    for entry in page.listed:
        if entry.body.id in owing:
            usable.append(entry)
        else:
            unowed = f"report {report.id!r} addresses no recommendation to {entry.body.name} ({entry.body.id})"
            unread.append(Problem(shown, entry.line, None, unowed))
    first: dict[str, Listed] = {}
    repeated = []
    for entry in usable:
        if entry.body.id in first:
            again = f"{entry.body.name} is listed again (first on line {first[entry.body.id].line})"
            repeated.append(Problem(shown, entry.line, None, again))
        first.setdefault(entry.body.id, entry)
    if repeated or (unread and not skip_unread):
        raise DataError(repeated + unread)
    day = page_date or page.date
    if day is None:
        raise ConfigError(f"{shown}: the page gives no date ('Published 16 February 2022' or 'Last updated ...'); give --page-date")
    if day < report.published:
        raise ConfigError(f"{shown}: the page's date {day} is before {report.id} was published ({report.published})")
    plan = PlanBuilder(workspace, force)
    plan.notes.extend(f"skipped line {p.line}: {p.message}" for p in sorted(unread))
    received = DateRange(report.published, day)
    spoken = f"{day.day} {day:%B %Y}"
    bounds = f"Only bounds are known: after publication, and by {spoken}, the date of the status page that lists it."
    for entry in usable:
        plan.notes.extend([entry.note] if entry.note else [])
        if entry.reply is Reply.NONE:
            existing = workspace.responses.get((report.id, entry.body.id))
            if existing is not None:
                plan.notes.append(f"kept {existing.path}, though line {entry.line} says {entry.body.name} did not reply")
            continue
        source = f"Status page, {spoken}: {entry.said!r}"
        published = entry.reply is Reply.PUBLISHED
        plan.add_response(report, entry.body, Received(received, bounds), published, source, [entry.note] if entry.note else [])
    listed_kinds = {kind for _, kind in page.sections}
    missing = [b.name for b in workspace.bodies.values() if b.kind in listed_kinds and b.id in owing and b.id not in first]
    if missing:
        plan.notes.append(f"not on the page, so nothing is written for them: {', '.join(missing)}")
    return plan.plan([_count(section, usable) for section, _ in page.sections])


def _count(section: str, listed: Iterable[Listed]) -> str:
    replies = [entry.reply for entry in listed if entry.section == section]
    return (
        f"{section}: {replies.count(Reply.PUBLISHED)} published, {replies.count(Reply.UNPUBLISHED)} received but not published, "
        f"{replies.count(Reply.NONE)} did not reply"
    )
