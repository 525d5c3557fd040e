"""``audit show BODY --format json``: the body, and its standing in every report (one report per line).
``docs/output-formats.md`` describes it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from audit.render._json import chunks, fact_record
from audit.render.coverage_json import standing

if TYPE_CHECKING:
    from audit.changes import BodyHistory
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.results import OneBody


def render(result: OneBody, options: RenderOptions) -> Iterator[str]:
    body = result.body
    document: dict[str, Any] = {
        "as_of": result.as_of.isoformat(),
        "body": {"id": body.id, "name": body.name, "kind": body.kind, "aliases": list(body.aliases)},
        "reports": [{"report": s.report.id, "title": s.report.title, **standing(s)} for s in result.standings],
    }
    if result.history is not None:
        document["history"] = _history(result.history)
    return chunks(document, inline_from=2)


def _history(history: BodyHistory) -> dict[str, Any]:
    """Only with ``--history``: each commit that changed a fact about the body (one per line), oldest first."""
    return {
        "shallow": history.shallow,
        "changes": [
            {
                "commit": entry.commit,
                "date": entry.day,
                "subject": entry.subject,
                "problem": entry.problem,
                "facts": [fact_record(c) for c in entry.changes],
            }
            for entry in history.entries
        ],
    }


FORMAT: Format[OneBody] = render
