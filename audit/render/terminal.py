"""``--format terminal``: each report's overview first, then the findings to act on, most severe first.

The overview takes three lines a report, or one (a table) when there are more than ``MANY_REPORTS``.
Findings below ``--show`` (info, by default) are counted, not listed. Messages wrap under their
column at the width given, so nothing runs past the edge of the terminal; piped output is laid out
for a fixed width (the CLI's), so it never depends on the terminal of whoever ran it.
"""

from __future__ import annotations

import io
import textwrap
from collections import Counter
from collections.abc import Iterator
from itertools import groupby
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console, Group
from rich.padding import Padding
from rich.text import Text

from audit.render._console import console as make_console
from audit.render._console import drain, paint
from audit.render._legend import DEADLINE_WORDS
from audit.render._overview import MANY_REPORTS, one_line_each
from audit.render._text import printable
from audit.vocabulary import Severity, Timeliness

if TYPE_CHECKING:
    from audit.model import Finding
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.results import Findings, Overview, Owed

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_SECTION = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Info"}
MESSAGE_AT_LEAST = 40
"""Columns a message needs beside its rule; on a narrower terminal the message goes under the rule."""
_INDENT = 2
_MEASURE = Console(file=io.StringIO(), width=200, color_system=None)
"""Measures text in terminal columns for ``_wrap``; never prints."""
_REPLIED = (Timeliness.MET, Timeliness.LATE, Timeliness.CANNOT_TELL)
_WAITING = (Timeliness.OVERDUE, Timeliness.PENDING)
_DEADLINE_STYLE = {Timeliness.OVERDUE: "bold red", Timeliness.LATE: "yellow"}


def render(result: Findings, options: RenderOptions) -> Iterator[str]:
    out = io.StringIO()
    console = make_console(out, options, soft_wrap=False)
    console.print(Text(f"Overview as of {result.as_of.isoformat()}", "bold"))
    if len(result.overview) > MANY_REPORTS:
        console.print(one_line_each(result.overview, options.width))
    else:
        for overview in result.overview:
            console.print(_overview(overview))
    yield drain(out)
    owed = {(o.report, o.body): o for o in result.owed}
    rule_width = max((len(f.rule) for f in result.findings if f.severity >= options.show), default=0)
    for severity in _ORDER:
        if severity < options.show:
            continue
        shown = [f for f in result.findings if f.severity is severity]
        if not shown:
            continue
        console.print()
        console.print(Text(f"{_SECTION[severity]} ({len(shown):,})", f"{_STYLE[severity]} underline"))
        for _, in_file in groupby(shown, key=lambda f: (f.report, f.path)):
            findings = list(in_file)
            yield drain(out) + paint(_file(findings, owed[(findings[0].report, findings[0].body)], rule_width, options.width), options)
    console.print()
    counts = Counter(f.severity for f in result.findings)
    hidden = [s for s in _ORDER if s < options.show and counts[s]]
    if hidden:
        not_listed = " and ".join(_count(counts[s], s.value) for s in hidden)
        console.print(Text(f"Not listed: {not_listed} (--show {hidden[-1].value} lists them).", "dim"))
    console.print(_summary(result, counts))
    yield drain(out)


def _overview(overview: Overview) -> Group:
    """One report in three lines: its due date; who owes, who replied and how, who has not; what is left undone."""
    report = overview.report
    title = Text()
    title.append(printable(report.short_title), "bold")
    title.append(f" ({printable(report.id)}), due {report.due.day.isoformat()}")
    owing = Text(f"{_count(overview.owing, 'body')} owing: {overview.replied:,} replied")
    replied = [(overview.deadlines[t], t) for t in _REPLIED if overview.deadlines[t]]
    if replied:
        owing.append(" (")
        for i, (n, timeliness) in enumerate(replied):
            owing.append(", " if i else "")
            owing.append(f"{n:,} {DEADLINE_WORDS[timeliness]}", _DEADLINE_STYLE.get(timeliness, ""))
        owing.append(")")
    for timeliness in _WAITING:
        n = overview.deadlines[timeliness]
        owing.append(", ")
        owing.append(f"{n:,} {DEADLINE_WORDS[timeliness]}", _DEADLINE_STYLE.get(timeliness, "") if n else "")
    undone = Text(f"{overview.unpublished:,} unpublished; ")
    undone.append(f"{_count(overview.unaddressed, 'recommendation')} unaddressed", "bold red" if overview.unaddressed else "")
    undone.append(f", {overview.not_assessed:,} not assessed")
    # Each line wraps under its own indent.
    return Group(title, Padding(owing, (0, 0, 0, 2)), Padding(undone, (0, 0, 0, 2)))


def _file(findings: list[Finding], owed: Owed, rule_width: int, width: int) -> Iterator[tuple[str, str]]:
    """The findings about one response file, as (text, style): where they are, then one row per
    finding, the message wrapping under its column (beside the rule, or under it where the terminal
    is narrow). Fitted to the width here rather than by rich: a large workspace has tens of thousands
    of findings, and rich's measuring took longer than the check itself."""
    first = findings[0]
    if owed.exists:
        who, what = printable(first.path), f"· {printable(first.body_name)}"
    else:
        who, what = printable(first.body_name), f"· {printable(first.report)} · no response file"
    if cell_len(who) + 1 + cell_len(what) <= width:
        yield who, "bold"
        yield f" {what}\n", "dim"
    else:
        yield "\n".join(_wrap(who, width)), "bold"
        yield "\n", ""
        yield "\n".join(_wrap(what, width)), "dim"
        yield "\n", ""
    beside = width - _INDENT - 4 - 2 - rule_width - 2 >= MESSAGE_AT_LEAST
    message_at = _INDENT + 4 + 2 + (rule_width + 2 if beside else 0)
    under = "\n" + " " * message_at
    for f in findings:
        yield " " * _INDENT, ""
        yield f"{f.line or '-':>4}", "dim"
        yield "  ", ""
        yield f.rule, _STYLE[f.severity]
        yield " " * (rule_width - len(f.rule) + 2) if beside else under, ""
        yield under.join(_wrap(printable(f.message), width - message_at)) + "\n", ""


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns, never broken at a hyphen ("not-addressed", rule
    names stay whole)."""
    width = max(1, width)
    if text.isascii():
        return textwrap.wrap(text, width, break_on_hyphens=False) or [""]
    # A wide character (a name in Chinese, say) takes two columns, which textwrap does not know.
    return [line.plain for line in Text(text).wrap(_MEASURE, width, overflow="fold")] or [""]


def _summary(result: Findings, counts: Counter[Severity]) -> Text:
    text = Text()
    if not result.findings:
        text.append("No findings", "bold green")
    else:
        parts = [(_count(counts[s], s.value), _STYLE[s]) for s in _ORDER if counts[s]]
        text.append("Found ")
        for i, (words, style) in enumerate(parts):
            if i:
                text.append(", ")
            text.append(words, style)
    text.append(
        f" as of {result.as_of.isoformat()}: {_count(len(result.reports), 'report')}, "
        f"{_count(result.bodies_owing, 'body')} owing responses, {_count(len(result.rules), 'rule')} run."
    )
    return text


def _count(n: int, noun: str) -> str:
    plural = {"info": "info", "body": "bodies"}.get(noun, noun + "s")
    return f"{n:,} {noun if n == 1 else plural}"


FORMAT: Format[Findings] = render
