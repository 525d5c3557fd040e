"""``--format markdown``: a findings summary for ``$GITHUB_STEP_SUMMARY`` or a pull request."""

from __future__ import annotations

from collections import Counter

from tabulate import tabulate

from audit.engine import CheckResult
from audit.model import Severity
from audit.render._text import markdown_cell
from audit.render.options import RenderOptions

_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def render(result: CheckResult, options: RenderOptions) -> str:
    counts = Counter(f.severity for f in result.findings)
    lines = [f"## audit check, as of {result.as_of.isoformat()}", ""]
    lines.append(
        tabulate(
            [[s.value, counts[s]] for s in _ORDER],
            headers=["severity", "findings"],
            tablefmt="github",
            disable_numparse=True,
        )
    )
    lines.append("")
    failing = [f for f in result.findings if f.severity >= options.fail_on]
    if not failing:
        lines.append(f"No findings at or above {options.fail_on.value}.")
        return "\n".join(lines) + "\n"
    lines += [f"### Findings at or above {options.fail_on.value}", ""]
    rows = [
        [
            f.severity.value,
            f"`{f.rule}`",
            markdown_cell(f.body_name),
            markdown_cell(f.recommendation) or "",
            markdown_cell(f.message),
            markdown_cell(f"{f.path}:{f.line}" if f.line else f.path),
        ]
        for f in failing
    ]
    lines.append(
        tabulate(
            rows,
            headers=["severity", "rule", "body", "rec.", "finding", "where"],
            tablefmt="github",
            disable_numparse=True,
        )
    )
    return "\n".join(lines) + "\n"
