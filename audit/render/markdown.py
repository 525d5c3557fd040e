"""``--format markdown``: a findings summary for ``$GITHUB_STEP_SUMMARY`` or a pull request."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from audit.render._text import markdown_cell, markdown_table
from audit.vocabulary import Severity

if TYPE_CHECKING:
    from audit.model import Finding
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.results import Findings

_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def render(result: Findings, options: RenderOptions) -> Iterator[str]:
    counts = Counter(f.severity for f in result.findings)
    yield f"## audit check, as of {result.as_of.isoformat()}\n\n"
    yield markdown_table([[s.value, counts[s]] for s in _ORDER], ["severity", "findings"]) + "\n\n"
    failing = [f for f in result.findings if f.severity >= options.fail_on]
    if not failing:
        yield f"No findings at or above {options.fail_on.value}.\n"
        return
    yield f"### Findings at or above {options.fail_on.value}\n\n"
    exists = {(o.report, o.body): o.exists for o in result.owed}
    rows = [
        [
            f.severity.value,
            f"`{f.rule}`",
            # A body owes every report that addresses it: the report says which one a finding is about.
            markdown_cell(f.report),
            markdown_cell(f.body_name),
            markdown_cell(f.recommendation) or "",
            markdown_cell(f.message),
            _where(f, exists[(f.report, f.body)]),
        ]
        for f in failing
    ]
    yield markdown_table(rows, ["severity", "rule", "report", "body", "rec.", "finding", "where"]) + "\n"


def _where(f: Finding, exists: bool) -> str:
    if not exists:
        return "no response file"
    return markdown_cell(f"{f.path}:{f.line}" if f.line else f.path)


FORMAT: Format[Findings] = render
