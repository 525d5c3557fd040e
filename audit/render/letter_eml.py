"""A chase letter as an RFC 5322 message (``.eml``): a draft a mail client opens, never sent by the tool.

The plain-text part is ``chase.txt.j2``'s letter, word for word; an HTML alternative comes from
``chase.html.j2``. ``X-Unsent: 1`` asks the client to open it as a draft to edit and send. No
recipient is set (the data holds no addresses), and no Date or Message-ID, so that the same data
and day give the same bytes.
"""

from __future__ import annotations

import email.policy
import hashlib
from collections.abc import Iterator
from email.message import EmailMessage
from typing import TYPE_CHECKING

from audit.render._letters import render_letter
from audit.render._text import printable

if TYPE_CHECKING:
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.results import ChaseLetter

SUFFIX = ".eml"
VIA = "email"


def render(letter: ChaseLetter, options: RenderOptions) -> Iterator[str]:
    message = EmailMessage(policy=email.policy.SMTP)
    # printable(): a line break from the data would otherwise end the header and start another.
    owed = letter.standing
    message["Subject"] = f"Outstanding response: {printable(owed.report.short_title)} ({printable(owed.body.name)})"
    message["X-Unsent"] = "1"
    # Quoted-printable keeps the message 7-bit ASCII whatever the text holds, so any client reads it.
    text = render_letter("chase.txt.j2", letter, options)
    html = render_letter("chase.html.j2", letter, options)
    message.set_content(text, cte="quoted-printable")
    message.add_alternative(html, subtype="html", cte="quoted-printable")
    # The email package draws a random boundary; one drawn from the content keeps the bytes reproducible.
    message.set_boundary("audit-" + hashlib.sha256((text + "\0" + html).encode("utf-8")).hexdigest()[:32])
    yield message.as_string()


FORMAT: Format[ChaseLetter] = render
