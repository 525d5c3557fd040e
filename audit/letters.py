"""Read a plain-text response letter: its date, which recommendations it speaks to, and the passages.

The reading is a draft for a person to check, so it says what it could not find
rather than guess: a date the letter mentions is not taken for the letter's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from audit.model import DateRange, Evidence, Report

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
_WRITTEN_DATE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_DATED = re.compile(r"\bdated\s*$", re.IGNORECASE)
_MARKUP = re.compile(r"^[\s#*>_-]+|[*_]+$")
_REFERENCE = r"(recommendation|action)\s+(\d+)\b"
_RESPONSE_HEADING = re.compile(r"^response to " + _REFERENCE, re.IGNORECASE)
_HEADING = re.compile(r"^" + _REFERENCE, re.IGNORECASE)
_INLINE = re.compile(r"\b" + _REFERENCE, re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
PASSAGE_LIMIT = 400


@dataclass(frozen=True)
class LetterReading:
    """What a letter says, as far as the text shows."""

    received: DateRange
    spoken_to: dict[str, Evidence]
    """Recommendation id -> the passage answering it, in the letter's order."""
    notes: list[str] = field(default_factory=list)
    """What could not be found or was not certain, for the person who checks the draft."""


@dataclass(frozen=True)
class _Date:
    day: date
    text: str
    own: bool
    """True where the letter gives it as its own date ("dated ...", or a line of its own)."""


def _dates(lines: list[str]) -> list[_Date]:
    found = []
    for line in lines:
        for pattern in (_WRITTEN_DATE, _NUMERIC_DATE):
            for match in pattern.finditer(line):
                day = _to_date(match, pattern is _WRITTEN_DATE)
                if day is None:
                    continue
                own = bool(_DATED.search(line[: match.start()])) or _clean(line) == match.group(0)
                found.append(_Date(day, match.group(0), own))
    return found


def _to_date(match: re.Match[str], written: bool) -> date | None:
    try:
        if written:
            return date(int(match.group(3)), MONTHS.index(match.group(2).lower()) + 1, int(match.group(1)))
        return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    except ValueError:
        return None


def _clean(line: str) -> str:
    return _MARKUP.sub("", line.strip()).strip()


def _id(report: Report, kind: str, number: str) -> str | None:
    wanted = number if kind.lower() == "recommendation" else f"A{number}"
    return wanted if any(rec.id == wanted for rec in report.recommendations) else None


def _passage(text: str) -> str:
    """The first sentences of a passage, up to a readable length."""
    text = " ".join(text.split())
    if len(text) <= PASSAGE_LIMIT:
        return text
    kept = ""
    for sentence in _SENTENCE_END.split(text):
        if kept and len(kept) + len(sentence) > PASSAGE_LIMIT:
            break
        kept = f"{kept} {sentence}".strip()
    return kept[:PASSAGE_LIMIT]


def _sections(lines: list[str], heading: re.Pattern[str], report: Report) -> dict[str, Evidence]:
    """Each heading's id -> the first paragraph under it (or the rest of its own line)."""
    found: dict[str, Evidence] = {}
    starts = [(i, m) for i, line in enumerate(lines) if (m := heading.match(_clean(line)))]
    bounds = [i for i, line in enumerate(lines) if _HEADING.match(_clean(line)) or _RESPONSE_HEADING.match(_clean(line))]
    for index, match in starts:
        rec_id = _id(report, match.group(1), match.group(2))
        if rec_id is None or rec_id in found:
            continue
        end = next((b for b in bounds if b > index), len(lines))
        paragraph: list[str] = []
        for line in lines[index + 1 : end]:
            if line.strip():
                paragraph.append(_clean(line))
            elif paragraph:
                break
        found[rec_id] = Evidence(_passage(" ".join(paragraph)) or _clean(lines[index]), None, _clean(lines[index])[:120])
    return found


def _inline(lines: list[str], report: Report) -> dict[str, Evidence]:
    """Ids mentioned in running text -> the sentence that mentions them, and its paragraph."""
    found: dict[str, Evidence] = {}
    paragraph = 0
    for line in lines:
        if not line.strip():
            continue
        paragraph += 1
        for sentence in _SENTENCE_END.split(_clean(line)):
            for match in _INLINE.finditer(sentence):
                rec_id = _id(report, match.group(1), match.group(2))
                if rec_id is not None and rec_id not in found:
                    found[rec_id] = Evidence(_passage(sentence), None, f"paragraph {paragraph}")
    return found


def _received(dates: list[_Date], report: Report, as_of: date, notes: list[str]) -> DateRange:
    """When the letter arrived, as far as its text shows (a range where its own date is not found)."""
    own = [d for d in dates if d.own]
    if own:
        notes.append(f"date: the letter is dated {own[0].text}; set the day it was received if that differs")
        return DateRange(own[0].day, own[0].day)
    mentioned = [d for d in dates if report.published <= d.day <= as_of]
    earliest = max(mentioned, key=lambda d: d.day) if mentioned else None
    start = earliest.day if earliest else report.published
    said = f"it mentions {earliest.text}, so it was written on or after that day" if earliest else "no date in it"
    notes.append(f"date: the letter's own date was not found ({said}); set received")
    return DateRange(start, max(start, as_of))


def read_letter(text: str, report: Report, owed: list[str], as_of: date, received: DateRange | None = None) -> LetterReading:
    """Read ``text`` against ``report``; ``owed`` are the ids addressed to the writer.

    ``received``, where a person knows it, is taken over anything the letter says.
    """
    lines = text.replace("\r\n", "\n").split("\n")
    notes: list[str] = []
    if received is None:
        received = _received(_dates(lines), report, as_of, notes)
    for heading in (_RESPONSE_HEADING, _HEADING):
        spoken_to = _sections(lines, heading, report)
        if spoken_to:
            break
    else:
        spoken_to = _inline(lines, report)
    silent = [rec_id for rec_id in owed if rec_id not in spoken_to]
    if silent:
        notes.append(f"not found: the letter does not speak to {', '.join(silent)}, addressed to this body")
    if not spoken_to:
        notes.append("not found: no recommendation is named in the letter")
    return LetterReading(received, spoken_to, notes)
