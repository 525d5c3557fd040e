"""``audit show BODY --format json``: the body, and its standing in every report (one report per line).
``docs/output-formats.md`` describes it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from audit.render._json import chunks
from audit.render.coverage_json import standing

if TYPE_CHECKING:
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.results import OneBody


def render(result: OneBody, options: RenderOptions) -> Iterator[str]:
    body = result.body
    document: dict[str, Any] = {
        "as_of": result.as_of.isoformat(),
        "body": {"id": body.id, "name": body.name, "kind": body.kind.value, "aliases": list(body.aliases)},
        "reports": [{"report": s.report.id, "title": s.report.title, **standing(s)} for s in result.standings],
    }
    return chunks(document, inline_from=2)


FORMAT: Format[OneBody] = render
