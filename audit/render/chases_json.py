"""``audit chase --dry-run --format json``: who is due a chase, one letter per line, for scripts.
``docs/output-formats.md`` describes it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from audit.render._json import chunks
from audit.render.coverage_json import standing

if TYPE_CHECKING:
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.results import ChasesDue


def render(due: ChasesDue, options: RenderOptions) -> Iterator[str]:
    document = {
        "as_of": due.as_of.isoformat(),
        "interval": due.interval,
        "named": due.named,
        "letters": [
            {"report": letter.standing.report.id, "title": letter.standing.report.title, **standing(letter.standing),
             "days_since_chase": letter.days_since_chase}
            for letter in due.letters
        ],
    }
    return chunks(document, inline_from=2)


FORMAT: Format[ChasesDue] = render
