"""``audit deadlines --format ics``: the due dates as an iCalendar file (RFC 5545) to subscribe to.

One all-day event per report and due day. UIDs derive from the report and the
day, so a calendar program updates an event rather than duplicating it; the
timestamp derives from --as-of, never the clock, so the output is reproducible.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import TYPE_CHECKING

from audit import __version__
from audit.render._text import owe, printable

if TYPE_CHECKING:
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.results import Schedule

_ESCAPE = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"})


def _text(value: str) -> str:
    return printable(value, keep="\n").translate(_ESCAPE)


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545, 3.1)."""
    out: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return "\r\n ".join(out)


def render(schedule: Schedule, options: RenderOptions) -> Iterator[str]:
    as_of = schedule.as_of
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//audit//audit {__version__}//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:audit: responses due",
    ]
    stamp = f"{as_of.strftime('%Y%m%d')}T000000Z"
    for group in schedule.groups:
        waiting = group.waiting
        description = "\n".join(
            [group.due.explanation, f"{owe(len(group.owed))} a response; not known to have arrived on {as_of.isoformat()}:"]
            + [f"- {o.name}" for o in waiting]
        )
        lines += [
            "BEGIN:VEVENT",
            f"UID:{group.report.id}-{group.due.day.strftime('%Y%m%d')}@audit",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{group.due.day.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(group.due.day + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_text(f'{group.report.short_title}: responses due ({len(waiting)} of {len(group.owed)} outstanding)')}",
            f"DESCRIPTION:{_text(description)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    yield "".join(_fold(line) + "\r\n" for line in lines)


FORMAT: Format[Schedule] = render
