"""``audit rules --format json``: every rule (or the one asked about) with its defaults and documentation."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.rule_docs import RuleCatalogue


def render(result: RuleCatalogue, options: RenderOptions) -> Iterator[str]:
    document = [
        {
            "id": rule.id,
            "severity": rule.severity.value,
            "summary": rule.summary,
            "parameters": [{"name": p.name, "description": p.description, "default": p.value} for p in rule.parameters],
            "doc": rule.doc,
        }
        for rule in result.rules
    ]
    yield json.dumps(document, indent=2, ensure_ascii=False) + "\n"


FORMAT: Format[RuleCatalogue] = render
