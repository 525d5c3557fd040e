"""The markdown gap report (``audit report``, ``audit coverage --format markdown``).

GitHub-flavoured markdown to publish, paste into a pull request or a wiki, or
append to ``$GITHUB_STEP_SUMMARY``. Every piece of text from data goes through
``markdown_cell``, so a name holding ``|``, a newline or markup cannot break a
table or inject formatting.
"""

from __future__ import annotations

from collections.abc import Iterable

from tabulate import tabulate

from audit.coverage import CELL_VALUES, NO_RESPONSE, NOT_ASSIGNED, RESPONSE_STATES, BodyCoverage, Coverage, ReportCoverage
from audit.deadlines import explain
from audit.model import Answer, Status, Timeliness
from audit.render._legend import CELL_WORDS, DEADLINE_WORDS, RESPONSE_WORDS
from audit.render._text import markdown_cell as md
from audit.render.options import RenderOptions

ANSWERED = {Status.ADDRESSED.value, Status.PARTIALLY_ADDRESSED.value, Status.IN_PROGRESS.value, Status.NOT_APPLICABLE.value}
"""Cells that are not gaps: counted as covered in the per-recommendation bar."""
BAR_WIDTH = 10


def render(coverage: Coverage, options: RenderOptions) -> str:
    parts = [_report(report, coverage) for report in coverage.reports]
    return "\n".join(parts) if parts else f"No reports to show as of {coverage.as_of.isoformat()}.\n"


def _table(rows: list[list[str]], headers: list[str]) -> str:
    return tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True)


def _list(items: Iterable[str], empty: str) -> list[str]:
    lines = [f"- {item}" for item in items]
    return lines or [empty]


def _name(row: BodyCoverage) -> str:
    return f"{md(row.obligation.body.name)} (`{row.obligation.body.id}`)"


def _report(report: ReportCoverage, coverage: Coverage) -> str:
    r = report.report
    as_of = coverage.as_of
    out = [
        f"# Gap report: {md(r.short_title)}",
        "",
        f"As of {as_of.isoformat()}. *{md(r.title)}*, published {r.published.isoformat()}. "
        f"Responses due {report.due.isoformat()} ({md(explain(r.deadline, r.published))}).",
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
        (
            f"{_name(row)}: due {row.obligation.due.isoformat()}, {(as_of - row.obligation.due).days:,} days overdue"
            for row in overdue
        ),
        "None.",
    )
    out += ["", "## Replied late", ""]
    late = [row for row in report.bodies if row.deadline is Timeliness.LATE and row.obligation.response]
    out += _list((f"{_name(row)}: received {row.obligation.response.received}" for row in late if row.obligation.response), "None.")
    out += ["", "## Received but not published", ""]
    unpublished = [row for row in report.bodies if row.response == "unpublished"]
    out += _list((_name(row) for row in unpublished), "None.")
    out += ["", "## Coverage by recommendation", "", _by_recommendation(report), "", "## Gaps by body", ""]
    for row in report.bodies:
        out += _gaps(row)
    return "\n".join(out).rstrip("\n") + "\n"


def _headline(report: ReportCoverage) -> str:
    rows = []
    for summary in report.kinds:
        rows.append(
            [md(summary.kind.plural), str(summary.bodies)]
            + [str(summary.responses[s]) for s in RESPONSE_STATES]
            + [str(summary.deadlines[t]) for t in Timeliness]
        )
    headers = ["bodies", "total"] + [RESPONSE_WORDS[s] for s in RESPONSE_STATES] + [DEADLINE_WORDS[t] for t in Timeliness]
    return _table(rows, headers)


def _bar(covered: int, total: int) -> str:
    filled = round(BAR_WIDTH * covered / total) if total else 0
    return f"`{'█' * filled}{'░' * (BAR_WIDTH - filled)}` {covered}/{total}"


def _by_recommendation(report: ReportCoverage) -> str:
    shown = [v for v in CELL_VALUES if v != NOT_ASSIGNED]
    rows = []
    for summary in report.recommendations:
        covered = sum(n for value, n in summary.cells.items() if value in ANSWERED)
        rows.append(
            [md(summary.recommendation.label), str(summary.addressed_to)]
            + [str(summary.cells[v]) for v in shown]
            + [_bar(covered, summary.addressed_to)]
        )
    return _table(rows, ["", "to"] + [CELL_WORDS[v] for v in shown] + ["covered"])


def _evidence(answer: Answer | None) -> str:
    if answer is None or not answer.evidence:
        return "no evidence recorded"
    cited = []
    for item in answer.evidence:
        text = f"“{md(item.quote)}”" if item.quote else md(item.summary or "")
        cited.append(text + (f" ({md(item.where)})" if item.where else ""))
    return "evidence: " + "; ".join(cited)


def _gaps(row: BodyCoverage) -> list[str]:
    """The body's gaps: its deadline standing, and each assigned recommendation not answered."""
    obligation = row.obligation
    lines = []
    if row.deadline in (Timeliness.OVERDUE, Timeliness.LATE, Timeliness.CANNOT_TELL):
        received = f" (received {obligation.response.received})" if obligation.response else ""
        lines.append(f"deadline {obligation.due.isoformat()}: {DEADLINE_WORDS[row.deadline]}{received}")
    if row.response == "unpublished":
        lines.append("response not published")
    answers = obligation.response.answers if obligation.response else {}
    for rec in obligation.recommendations:
        cell = row.cells[rec.id]
        if cell in ANSWERED:
            continue
        if cell == NO_RESPONSE:
            lines.append(f"{md(rec.label)}: no response")
        elif cell == Status.NOT_ASSESSED.value:
            lines.append(f"{md(rec.label)}: not assessed, no assessment recorded")
        else:
            lines.append(f"{md(rec.label)}: {CELL_WORDS[cell]}; {_evidence(answers.get(rec.id))}")
    if not lines:
        return []
    return [f"### {md(obligation.body.name)}", "", f"`{obligation.body.id}` ({md(obligation.body.kind)}): {md(obligation.path)}", ""] + [
        f"- {line}" for line in lines
    ] + [""]
