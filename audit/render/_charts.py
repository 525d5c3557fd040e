"""The site's charts laid out for SVG: positions and words only; the template draws them.

Each chart is a fixed-width drawing (it scales with its container through its
viewBox). Every bar carries its figures as text beside it, and every kind of
bar has its own pattern as well as its own colour, so nothing is said by colour
alone; the page puts a table with the same figures next to each chart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from audit.render._dates import MONTH_NAMES, day, window
from audit.render._legend import DEADLINE_WORDS, RESPONSE_WORDS
from audit.results import ResponseState, shown_states
from audit.site_pages import CoverageGroup, ReportPage

WIDTH = 720
LEFT, RIGHT = 16, WIDTH - 16
ROW = 44
"""A label line, then a bar under it."""
BAR = 16
TOP = 36
"""Room above the first row for the legend or the due-date label."""
TICK_STEPS = (1, 2, 3, 6, 12, 24, 60, 120)
MOST_TICKS = 7
LONGEST_LABEL = 90
"""Characters of a row's label that fit the drawing's width; a longer one is cut short (the table beside has it whole)."""

KNOWN, WINDOW = "known", "window"
FILLS: dict[ResponseState | CoverageGroup | str, str] = {
    ResponseState.PUBLISHED: "solid",
    ResponseState.UNPUBLISHED: "hatch",
    ResponseState.NONE: "cross",
    ResponseState.CANNOT_TELL: "dots",
    CoverageGroup.ADDRESSED: "solid",
    CoverageGroup.OTHER: "hatch",
    CoverageGroup.NOT_ASSESSED: "dots",
    CoverageGroup.NO_RESPONSE: "cross",
    KNOWN: "solid",
    WINDOW: "hatch",
}
"""The pattern of each kind of bar segment; the stylesheet and the template's patterns give each its colour."""
ARRIVAL_WORDS = {KNOWN: "received on a known day", WINDOW: "received some day in this span"}
GROUP_WORDS = {
    CoverageGroup.ADDRESSED: "addressed",
    CoverageGroup.OTHER: "other answer",
    CoverageGroup.NOT_ASSESSED: "not assessed",
    CoverageGroup.NO_RESPONSE: "no response",
}


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    fill: str
    """A key of FILLS' values: the pattern's id in the drawing."""


@dataclass(frozen=True)
class Row:
    y: float
    """The top of the row's label line; the bar is drawn under it."""
    label: str
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class LegendItem:
    x: float
    fill: str
    words: str


@dataclass(frozen=True)
class StackedBars:
    """Horizontal bars of parts of a whole, one per row, each labelled with its figures."""

    id: str
    title: str
    description: str
    height: float
    rows: tuple[Row, ...]
    legend: tuple[LegendItem, ...]


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Timeline:
    """When responses arrived: a bar per window of arrival, against the due date's line."""

    id: str
    title: str
    description: str
    height: float
    rows: tuple[Row, ...]
    ticks: tuple[Tick, ...]
    axis_y: float
    due_x: float
    due_anchor: str
    """Which end of its label sits at the due date's line: "start", or "end" near the right edge, so it is not cut off."""
    due_label: str
    footnote: str
    """Who had not replied, said under the axis (they have no day to be drawn at)."""
    legend: tuple[LegendItem, ...]


Part = ResponseState | CoverageGroup | str
Key = TypeVar("Key", bound=Part)


def _legend(groups: Sequence[Key], words: Mapping[Key, str]) -> tuple[LegendItem, ...]:
    items, x = [], float(LEFT)
    for group in groups:
        items.append(LegendItem(x, FILLS[group], words[group]))
        x += 32 + 8 * len(words[group])
    return tuple(items)


def _fit(label: str) -> str:
    return label if len(label) <= LONGEST_LABEL else label[: LONGEST_LABEL - 1] + "…"


def _stack(y: float, label: str, counts: Sequence[tuple[Part, int]], total: int) -> Row:
    segments, x = [], float(LEFT)
    for group, count in counts:
        if count:
            width = (RIGHT - LEFT) * count / total
            segments.append(Segment(x, width, FILLS[group]))
            x += width
    return Row(y, _fit(label), tuple(segments))


def states_by_kind(page: ReportPage) -> StackedBars:
    """Published, not published and no reply, per kind of body."""
    states = shown_states(summary.responses for summary in page.coverage.kinds)
    rows = []
    for index, summary in enumerate(page.coverage.kinds):
        figures = ", ".join(f"{summary.responses.get(s, 0)} {RESPONSE_WORDS[s]}" for s in states)
        rows.append(
            _stack(
                TOP + index * ROW,
                f"{summary.kind.plural}: {figures} (of {summary.bodies})",
                [(s, summary.responses[s]) for s in states],
                summary.bodies,
            )
        )
    return StackedBars(
        id=f"states-{page.report.id}",
        title="Responses by kind of body",
        description="For each kind of body, how many published a response, sent one that was not published, or did not reply. "
        "The same figures are in the table that follows.",
        height=TOP + len(rows) * ROW,
        rows=tuple(rows),
        legend=_legend(states, RESPONSE_WORDS),
    )


def coverage_by_recommendation(page: ReportPage) -> StackedBars:
    """Per recommendation, the share of the bodies it is addressed to in each of four groups."""
    rows = []
    for index, (summary, groups) in enumerate(zip(page.coverage.recommendations, page.groups, strict=True)):
        total = summary.addressed_to
        figures = ", ".join(f"{groups[g]} {GROUP_WORDS[g]}" for g in CoverageGroup if groups[g])
        label = f"{summary.recommendation.label[:1].upper()}{summary.recommendation.label[1:]}, to {total}: {figures or 'nobody'}"
        rows.append(_stack(TOP + index * ROW, label, [(g, groups[g]) for g in CoverageGroup], total))
    return StackedBars(
        id=f"coverage-{page.report.id}",
        title="Coverage by recommendation",
        description="For each recommendation, the bodies it is addressed to: how many addressed it, answered it without "
        "addressing it, have not yet been assessed, or sent no response. Every status is counted in the table that follows.",
        height=TOP + len(rows) * ROW,
        rows=tuple(rows),
        legend=_legend(tuple(CoverageGroup), GROUP_WORDS),
    )


def _months(first: date, last: date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month


def _ticks(start: date, end: date, scale: float) -> tuple[Tick, ...]:
    """The first of a month every ``step`` months, so that no more than MOST_TICKS fit the span."""
    # Counted as the firsts of a month the span can hold: seven months from a first hold eight.
    firsts = _months(start, end) + 1
    step = next((s for s in TICK_STEPS if -(-firsts // s) <= MOST_TICKS), TICK_STEPS[-1])
    ticks = []
    month = date(start.year, start.month, 1)
    while month <= end:
        index = month.year * 12 + month.month - 1
        if month >= start and index % step == 0:
            ticks.append(Tick(LEFT + (month - start).days * scale, f"{MONTH_NAMES[month.month - 1][:3]} {month.year}"))
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return tuple(ticks)


def arrivals(page: ReportPage, as_of: date) -> Timeline:
    """Each window of arrival as a bar from its first to its last possible day; an exact day as a short bar."""
    start = page.report.published
    end = max([page.coverage.report.due.day] + [a.received.latest for a in page.arrivals])
    # A twentieth more than the span, so that nothing is drawn on the very edge.
    days = max((end - start).days * 21 // 20, 28)
    scale = (RIGHT - LEFT) / days
    rows = []
    for index, arrival in enumerate(page.arrivals):
        who = arrival.bodies[0].name if len(arrival.bodies) == 1 else f"{len(arrival.bodies)} bodies"
        x1 = LEFT + (arrival.received.earliest - start).days * scale
        x2 = LEFT + (arrival.received.latest - start).days * scale
        rows.append(
            Row(
                TOP + index * ROW,
                _fit(f"{who}: received {window(arrival.received)}, {DEADLINE_WORDS[arrival.deadline]}"),
                (Segment(x1, max(x2 - x1, 4.0), FILLS[KNOWN if arrival.received.exact else WINDOW]),),
            )
        )
    axis_y = TOP + len(rows) * ROW + 16
    due_x = LEFT + (page.coverage.report.due.day - start).days * scale
    awaited = len(page.awaited)
    footnote = (
        f"No response had certainly arrived by {day(as_of)} from {awaited} of {len(page.coverage.bodies)} bodies."
        if awaited
        else f"Every body had replied by {day(as_of)}."
    )
    return Timeline(
        id=f"arrivals-{page.report.id}",
        title="When responses arrived, against the due date",
        description=f"A timeline from publication on {day(start)}. Each bar spans the days on which a group of responses "
        f"may have arrived (a short solid bar: a known day); the dashed line is the due date, {day(page.coverage.report.due.day)}. "
        "The table that follows lists the same windows.",
        height=axis_y + 56,
        rows=tuple(rows),
        ticks=_ticks(start, end, scale),
        axis_y=axis_y,
        due_x=due_x,
        due_anchor="end" if due_x > WIDTH * 0.6 else "start",
        due_label=f"due {day(page.coverage.report.due.day)}",
        footnote=footnote,
        legend=_legend(("known", "window"), ARRIVAL_WORDS),
    )

