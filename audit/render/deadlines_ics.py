"""``audit deadlines --format ics``: the due dates as an iCalendar file (RFC 5545) to subscribe to.

One all-day event per report and due day. UIDs derive from the report and the
day, so a calendar program updates an event rather than duplicating it; the
timestamp derives from --as-of, never the clock, so the output is reproducible.
"""

from __future__ import annotations

from datetime import date, timedelta

from audit import __version__
from audit.render._text import owe, printable
from audit.render.options import RenderOptions
from audit.schedule import DueGroup

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


def render(groups: list[DueGroup], as_of: date, options: RenderOptions) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//audit//audit {__version__}//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:audit: responses due",
    ]
    stamp = f"{as_of.strftime('%Y%m%d')}T000000Z"
    for group in groups:
        waiting = group.waiting(as_of)
        description = "\n".join(
            [group.explanation, f"{owe(len(group.owed))} a response; not known to have arrived on {as_of.isoformat()}:"]
            + [f"- {o.body.name}" for o in waiting]
        )
        lines += [
            "BEGIN:VEVENT",
            f"UID:{group.report.id}-{group.due.strftime('%Y%m%d')}@audit",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{group.due.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(group.due + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_text(f'{group.report.short_title}: responses due ({len(waiting)} of {len(group.owed)} outstanding)')}",
            f"DESCRIPTION:{_text(description)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
