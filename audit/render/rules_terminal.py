"""``audit rules``: the rules as aligned columns, or one rule explained.

Plain text: a table library would cost more to import than the command takes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.results import RuleCatalogue, RuleDoc


def render(result: RuleCatalogue, options: RenderOptions) -> Iterator[str]:
    if result.explained:
        yield from (_explained(rule) for rule in result.rules)
        return
    rows = [["rule", "severity", "parameters", "what it finds"]] + [
        [rule.id, rule.severity.value, ", ".join(p.name for p in rule.parameters) or "-", rule.summary] for rule in result.rules
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    rows.insert(1, ["-" * w for w in widths] + ["-" * max(len(row[3]) for row in rows)])
    yield "".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[3] + "\n" for row in rows)


def _explained(rule: RuleDoc) -> str:
    lines = [f"{rule.id} (default severity: {rule.severity.value})", "", rule.doc, ""]
    if rule.parameters:
        lines.append("Parameters:")
        lines += [f"  {p.name}: {p.description} (default: {json.dumps(p.value)})" for p in rule.parameters]
    else:
        lines.append("Parameters: none.")
    return "\n".join(lines) + "\n"


FORMAT: Format[RuleCatalogue] = render
