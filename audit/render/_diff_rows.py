"""The tables every human-readable format of ``audit diff`` shows, so the terminal and markdown say the same.

Cells are the data's own text, unescaped: each format escapes them its own way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from audit.render._legend import DEADLINE_WORDS, cell_words
from audit.results import Gap

if TYPE_CHECKING:
    from audit.changes import DiffState, FactChange, ReportDiff
    from audit.model import Finding
    from audit.vocabulary import Status


@dataclass(frozen=True)
class Table:
    """One kind of change in one report."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


_FINDING_HEADERS = ("severity", "rule", "body", "rec.", "finding")


def tables(report: ReportDiff) -> list[Table]:
    """The report's non-empty tables, in a fixed order."""
    candidates = [
        Table("Responses", ("body", "change", "what"), tuple((c.body_name, c.change, facts(c.facts)) for c in report.responses)),
        Table(
            "Recommendation statuses",
            ("body", "recommendation", "from", "to"),
            tuple((c.body_name, c.recommendation, status(c.before), status(c.after)) for c in report.statuses),
        ),
        Table("New findings", _FINDING_HEADERS, tuple(_finding(f) for f in report.new)),
        Table("Resolved findings", _FINDING_HEADERS, tuple(_finding(f) for f in report.resolved)),
        Table(
            "Findings changed in severity",
            ("from", "to", *_FINDING_HEADERS[1:]),
            tuple((c.before.value, *_finding(c.finding)) for c in report.severities),
        ),
        Table(
            "Deadlines",
            ("body", "due", "from", "to"),
            tuple((c.body_name, c.due.isoformat(), DEADLINE_WORDS[c.before], DEADLINE_WORDS[c.after]) for c in report.standings),
        ),
    ]
    return [t for t in candidates if t.rows]


def facts(changes: tuple[FactChange, ...]) -> str:
    """``received 2021-06-17; published no → yes``: a fact that appeared or went is given once."""
    parts = []
    for c in changes:
        if c.before is None or c.after is None:
            parts.append(f"{c.fact} {c.after if c.after is not None else c.before}")
        else:
            parts.append(f"{c.fact} {c.before} → {c.after}")
    return "; ".join(parts)


def status(value: Status | None) -> str:
    """The status in words; a recommendation no response holds reads as a cell with no response does."""
    return cell_words(value if value is not None else Gap.NO_RESPONSE)


def _finding(f: Finding) -> tuple[str, ...]:
    return (f.severity.value, f.rule, f.body_name, f.recommendation, f.message)


def state(value: DiffState) -> str:
    return f"{value.label} as of {value.as_of.isoformat()}"
