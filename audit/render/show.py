"""``audit show BODY``: one body's obligations in every report, as plain text."""

from __future__ import annotations

from datetime import date

from audit.deadlines import explain
from audit.model import Body, Receipt
from audit.obligations import Obligation
from audit.render._legend import CELL_WORDS, DEADLINE_WORDS
from audit.render._text import printable


def render(body: Body, owed: list[Obligation], as_of: date) -> str:
    lines = [f"{printable(body.name)} ({body.id}, {body.kind}) as of {as_of.isoformat()}"]
    if body.aliases:
        lines.append("also known as: " + "; ".join(printable(a) for a in body.aliases))
    if not owed:
        lines += ["", "No report addresses this body."]
    for o in owed:
        lines += ["", f"{printable(o.report.short_title)} ({o.report.id}), published {o.report.published.isoformat()}"]
        lines.append(f"  due {o.due.isoformat()}: {printable(explain(o.report.deadline, o.report.published, o.extension))}")
        response = o.response
        if response is None or o.receipt(as_of) is Receipt.NOT_YET:
            lines.append(f"  response: none received; deadline: {DEADLINE_WORDS[o.timeliness(as_of)]}")
        else:
            published = "published" if response.published else "not published"
            lines.append(
                f"  response: received {response.received}, {published}; deadline: {DEADLINE_WORDS[o.timeliness(as_of)]}"
                f"  ({response.path})"
            )
        for rec in o.recommendations:
            status = CELL_WORDS[o.status(rec.id).value] if response is not None and o.receipt(as_of) is Receipt.RECEIVED else "no response"
            lines.append(f"  - {rec.label}: {status}")
    return "\n".join(lines) + "\n"
