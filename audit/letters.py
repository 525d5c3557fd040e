"""Read a plain-text response letter: its date, which recommendations it speaks to, and the passages.

The reading is a draft for a person to check, so it says what it could not find
rather than guess: a date the letter mentions is not taken for the letter's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
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
PASSAGE_LIMIT = 1000
"""The longest quote drafted: a passage runs to the next heading, and beyond this is cut at a sentence's end."""
_COLLECTIVE = re.compile(r"\bthe\s+(?:other|remaining|rest of the)\s+recommendations\b", re.IGNORECASE)
"""A sentence that answers for every recommendation not otherwise spoken to ("unable to comment further on the
other recommendations")."""


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


def _passage(text: str, cut: list[str] | None = None) -> str:
    """A passage, whole up to PASSAGE_LIMIT characters, else its sentences up to that length.

    ``cut`` is told when sentences were left out, so the person checking the draft knows.
    """
    text = " ".join(text.split())
    if len(text) <= PASSAGE_LIMIT:
        return text
    kept = ""
    for sentence in _SENTENCE_END.split(text):
        if kept and len(kept) + len(sentence) > PASSAGE_LIMIT:
            break
        kept = f"{kept} {sentence}".strip()
    if cut is not None:
        cut.append(text)
    return kept[:PASSAGE_LIMIT]


_CLAUSE_START = re.compile(r"[.!?:;]\s+|(?<=[a-z])\s+(?=[A-Z])")
"""Where a sentence may begin on a heading line, which often runs a title into its answer without a full stop."""


def _answer_on_heading(line: str, match: re.Match[str], report: Report, rec_id: str) -> str | None:
    """The answer a heading line gives itself ("Recommendation 8. To all recipients This letter satisfies
    recommendation 8."): the sentence that names the recommendation again; None where there is none."""
    rest = line[match.end() :]
    again = next((m for m in _INLINE.finditer(rest) if _id(report, m.group(1), m.group(2)) == rec_id), None)
    if again is None:
        return None
    starts = [m.end() for m in _CLAUSE_START.finditer(rest, 0, again.start())]
    return rest[starts[-1] if starts else 0 :].strip()


def _sections(lines: list[str], heading: re.Pattern[str], report: Report, cut: list[str]) -> dict[str, Evidence]:
    """Each heading's id -> the passage under it, up to the next heading (or the answer on its own line);
    ``cut`` is told the headings whose passage was too long to quote whole."""
    found: dict[str, Evidence] = {}
    starts = [(i, m) for i, line in enumerate(lines) if (m := heading.match(_clean(line)))]
    bounds = [i for i, line in enumerate(lines) if _HEADING.match(_clean(line)) or _RESPONSE_HEADING.match(_clean(line))]
    for index, match in starts:
        rec_id = _id(report, match.group(1), match.group(2))
        if rec_id is None or rec_id in found:
            continue
        title = _clean(lines[index])
        on_heading = _answer_on_heading(title, match, report, rec_id)
        if on_heading is not None:
            found[rec_id] = Evidence(on_heading, None, title[: len(title) - len(on_heading)].strip()[:120])
            continue
        end = next((b for b in bounds if b > index), len(lines))
        passage = " ".join(_clean(line) for line in lines[index + 1 : end] if line.strip())
        was_cut: list[str] = []
        found[rec_id] = Evidence(_passage(passage, was_cut) or title, None, title[:120])
        if was_cut:
            cut.append(title)
    return found


def _sentences(lines: list[str]) -> Iterator[tuple[int, str]]:
    """Each sentence of the letter's running text, with the number of its paragraph (a non-blank line)."""
    paragraph = 0
    for line in lines:
        if line.strip():
            paragraph += 1
            yield from ((paragraph, sentence) for sentence in _SENTENCE_END.split(_clean(line)))


def _inline(lines: list[str], report: Report) -> dict[str, Evidence]:
    """Ids mentioned in running text -> the sentence that mentions them, and its paragraph."""
    found: dict[str, Evidence] = {}
    for paragraph, sentence in _sentences(lines):
        for match in _INLINE.finditer(sentence):
            rec_id = _id(report, match.group(1), match.group(2))
            if rec_id is not None and rec_id not in found:
                found[rec_id] = Evidence(_passage(sentence), None, f"paragraph {paragraph}")
    return found


def _collective(lines: list[str]) -> Evidence | None:
    """The first sentence that answers for "the other recommendations" at once, and its paragraph."""
    for paragraph, sentence in _sentences(lines):
        if _COLLECTIVE.search(sentence):
            return Evidence(_passage(sentence), None, f"paragraph {paragraph}")
    return None


def _names(text: str, report: Report) -> bool:
    """Whether the letter names the report: its id, title or short title, however punctuated or capitalised."""
    words = _words(text)
    return any(f" {_words(name)} " in f" {words} " for name in (report.id, report.title, report.short_title) if _words(name))


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


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
    cut: list[str] = []
    for heading in (_RESPONSE_HEADING, _HEADING):
        spoken_to = _sections(lines, heading, report, cut)
        if spoken_to:
            break
    else:
        spoken_to = _inline(lines, report)
    longer = f"is longer than {PASSAGE_LIMIT:,} characters; the quote keeps its first sentences"
    notes += [f"cut: the passage under {title!r} {longer}" for title in cut]
    collective = _collective(lines)
    if collective is not None:
        covered = [rec_id for rec_id in owed if rec_id not in spoken_to]
        spoken_to.update(dict.fromkeys(covered, collective))
        if covered:
            notes.append(f"collective: {collective.where} speaks of the other recommendations; drafted for {', '.join(covered)}")
    if not _names(text, report):
        notes.append(f"warning: the letter never names the report ({report.short_title}); check that it answers this report")
    silent = [rec_id for rec_id in owed if rec_id not in spoken_to]
    if silent:
        notes.append(f"not found: the letter does not speak to {', '.join(silent)}, addressed to this body")
    if not spoken_to:
        notes.append("not found: no recommendation is named in the letter")
    return LetterReading(received, spoken_to, notes)
