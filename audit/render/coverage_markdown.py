"""The markdown gap report (``audit report``, ``audit coverage --format markdown``).

GitHub-flavoured markdown to publish, paste into a pull request or a wiki, or
append to ``$GITHUB_STEP_SUMMARY``. Every piece of text from data goes through
``markdown_cell``, so a name holding ``|``, a newline or markup cannot break a
table or inject formatting. What counts as addressed is the workspace's
``addressed`` parameter, as the check counts it; the result carries it per cell.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from audit.render._legend import DEADLINE_WORDS, RESPONSE_WORDS, cell_words
from audit.render._text import days, markdown_table
from audit.render._text import markdown_cell as md
from audit.results import OWED_CELLS, Gap, ResponseState, shown_states
from audit.vocabulary import Status, Timeliness

if TYPE_CHECKING:
    from audit.model import Evidence
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.results import Coverage, ReportCoverage, Standing

BAR_WIDTH = 10


def render(coverage: Coverage, options: RenderOptions) -> Iterator[str]:
    if not coverage.reports:
        yield f"No reports to show as of {coverage.as_of.isoformat()}.\n"
    for i, report in enumerate(coverage.reports):
        yield ("\n" if i else "") + _report(report, coverage)


@functools.lru_cache(maxsize=1024)
def _table(rows: tuple[tuple[str, ...], ...], headers: tuple[str, ...]) -> str:
    # Each distinct table laid out once: thousands of small reports (a body or two each) repeat a
    # few dozen tables between them, and laying each out again was two fifths of the report's time.
    return markdown_table(rows, headers)


def _list(items: Iterable[str], empty: str) -> list[str]:
    lines = [f"- {item}" for item in items]
    return lines or [empty]


def _name(row: Standing) -> str:
    return f"{md(row.body.name)} (`{row.body.id}`)"


def _report(report: ReportCoverage, coverage: Coverage) -> str:
    r = report.report
    out = [
        f"# Gap report: {md(r.short_title)}",
        "",
        f"As of {coverage.as_of.isoformat()}. *{md(r.title)}*, published {r.published.isoformat()}. "
        f"Responses due {r.due.day.isoformat()} ({md(r.due.explanation)}).",
        "",
        "## Headline figures",
        "",
        _headline(report),
        "",
        "## Overdue: no response",
        "",
    ]
    overdue = [row for row in report.bodies if row.deadline is Timeliness.OVERDUE]
    out += _list(
        (f"{_name(row)}: due {row.due.day.isoformat()}, {days(row.days_overdue)} overdue; {_last_chase(row)}" for row in overdue), "None."
    )
    out += ["", "## Replied late", ""]
    late = [row for row in report.bodies if row.deadline is Timeliness.LATE and row.received is not None]
    out += _list((f"{_name(row)}: received {row.received}" for row in late), "None.")
    out += ["", "## Received but not published", ""]
    unpublished = [row for row in report.bodies if row.response is ResponseState.UNPUBLISHED]
    out += _list((_name(row) for row in unpublished), "None.")
    out += ["", "## Chases sent", ""]
    out += _list(
        (
            f"{_name(row)}: {chase.sent_on.isoformat()} by {chase.via}, from {md(', '.join(chase.sent_by))}"
            for row in report.bodies
            for chase in row.chases
        ),
        "None.",
    )
    out += ["", "## Coverage by recommendation", "", _by_recommendation(report), "", "## Gaps by body", ""]
    for row in report.bodies:
        out += _gaps(row)
    return "\n".join(out).rstrip("\n") + "\n"


def _last_chase(row: Standing) -> str:
    if not row.chases:
        return "never chased"
    last = row.chases[-1]
    return f"last chased {last.sent_on.isoformat()} by {last.via}"


def _headline(report: ReportCoverage) -> str:
    states = shown_states(summary.responses for summary in report.kinds)
    rows = tuple(
        (
            md(summary.kind.plural),
            str(summary.bodies),
            *(str(summary.responses.get(s, 0)) for s in states),
            *(str(n) for n in summary.deadlines.values()),
        )
        for summary in report.kinds
    )
    return _table(rows, _headline_headers(states))


@functools.cache
def _headline_headers(states: tuple[ResponseState, ...]) -> tuple[str, ...]:
    return ("bodies", "total", *(RESPONSE_WORDS[s] for s in states), *(DEADLINE_WORDS[t] for t in Timeliness))


def _bar(covered: int, total: int) -> str:
    filled = round(BAR_WIDTH * covered / total) if total else 0
    return f"`{'█' * filled}{'░' * (BAR_WIDTH - filled)}` {covered}/{total}"


def _by_recommendation(report: ReportCoverage) -> str:
    rows = tuple(
        (
            md(summary.recommendation.label),
            str(summary.addressed_to),
            *(str(summary.cells[v]) for v in OWED_CELLS),
            _bar(summary.addressed, summary.addressed_to),
        )
        for summary in report.recommendations
    )
    return _table(rows, _BY_RECOMMENDATION_HEADERS)


_BY_RECOMMENDATION_HEADERS = ("", "to", *(cell_words(v) for v in OWED_CELLS), "covered")


def _evidence(evidence: tuple[Evidence, ...]) -> str:
    if not evidence:
        return "no evidence recorded"
    cited = []
    for item in evidence:
        text = f"“{md(item.quote)}”" if item.quote else md(item.summary or "")
        cited.append(text + (f" ({md(item.where)})" if item.where else ""))
    return "evidence: " + "; ".join(cited)


def _gaps(row: Standing) -> list[str]:
    """The body's gaps: its deadline standing, and each recommendation addressed to it not counted as addressed."""
    lines = []
    if row.deadline in (Timeliness.OVERDUE, Timeliness.LATE, Timeliness.CANNOT_TELL):
        received = f" (received {row.received})" if row.received is not None else ""
        lines.append(f"deadline {row.due.day.isoformat()}: {DEADLINE_WORDS[row.deadline]}{received}")
    if row.response is ResponseState.UNPUBLISHED:
        lines.append("response not published")
    for cell in row.cells:
        if cell.addressed or cell.cell is Gap.NOT_ASSIGNED:  # only what is owed, without making row.owed
            continue
        label = md(cell.recommendation.label)
        if cell.cell is Gap.NO_RESPONSE:
            lines.append(f"{label}: no response")
        elif cell.cell is Status.NOT_ASSESSED:
            lines.append(f"{label}: not assessed, no assessment recorded")
        else:
            lines.append(f"{label}: {cell_words(cell.cell)}; {_evidence(cell.evidence)}")
    if not lines:
        return []
    return [
        f"### {md(row.body.name)}",
        "",
        f"`{row.body.id}` ({md(row.body.kind)}): {md(row.path)}",
        "",
        *[f"- {line}" for line in lines],
        "",
    ]


FORMAT: Format[Coverage] = render
