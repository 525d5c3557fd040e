"""``--format terminal``: findings grouped by report and file, coloured on a terminal, plain otherwise."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator
from itertools import groupby
from typing import TYPE_CHECKING

from rich.text import Text

from audit.render._console import console as make_console
from audit.render._console import drain
from audit.render._text import printable
from audit.vocabulary import Severity

if TYPE_CHECKING:
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.results import Findings

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def render(result: Findings, options: RenderOptions) -> Iterator[str]:
    out = io.StringIO()
    console = make_console(out, options, soft_wrap=True)
    reports = {report.id: report for report in result.reports}
    rule_width = max((len(f.rule) for f in result.findings), default=0)
    for report_id, in_report in groupby(result.findings, key=lambda f: f.report):
        report = reports[report_id]
        heading = Text()
        heading.append(printable(report.short_title), "bold underline")
        heading.append(f" ({report_id}): responses due {report.due.day.isoformat()}, ")
        heading.append(report.due.explanation)
        console.print(heading)
        for path, in_file in groupby(in_report, key=lambda f: f.path):
            findings = list(in_file)
            # One print per file, not per finding: rich's cost is per print, and a large workspace
            # has tens of thousands of findings.
            block = Text("\n")
            block.append(printable(path), "bold")
            block.append(" · " + printable(findings[0].body_name), "dim")
            for f in findings:
                block.append("\n  ")
                block.append(f"{f.line or '-':>4}  ", "dim")
                block.append(f"{f.severity.value:<8}", _STYLE[f.severity])
                block.append(f"{f.rule:<{rule_width}}  ", "dim")
                block.append(printable(f.message))
            console.print(block)
            yield drain(out)
        console.print()
    console.print(_summary(result))
    yield drain(out)


def _summary(result: Findings) -> Text:
    counts = Counter(f.severity for f in result.findings)
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
