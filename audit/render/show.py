"""``audit show BODY``: one body's standing in every report, as plain text."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from audit.render._legend import DEADLINE_WORDS, cell_words
from audit.render._text import printable
from audit.vocabulary import Receipt

if TYPE_CHECKING:
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.results import OneBody


def render(result: OneBody, options: RenderOptions) -> Iterator[str]:
    body = result.body
    lines = [f"{printable(body.name)} ({body.id}, {body.kind.value}) as of {result.as_of.isoformat()}"]
    if body.aliases:
        lines.append("also known as: " + "; ".join(printable(a) for a in body.aliases))
    if not result.standings:
        lines += ["", "No report addresses this body."]
    for s in result.standings:
        report = s.report
        lines += ["", f"{printable(report.short_title)} ({report.id}), published {report.published.isoformat()}"]
        lines.append(f"  due {s.due.day.isoformat()}: {printable(s.due.explanation)}")
        deadline = DEADLINE_WORDS[s.deadline]
        if s.received is None or s.receipt is Receipt.NOT_YET:
            lines.append(f"  response: none received; deadline: {deadline}")
        else:
            published = "published" if s.published else "not published"
            lines.append(f"  response: received {s.received}, {published}; deadline: {deadline}  ({s.path})")
        lines += [f"  - {cell.recommendation.label}: {cell_words(cell.cell)}" for cell in s.owed]
    yield "\n".join(lines) + "\n"


FORMAT: Format[OneBody] = render
