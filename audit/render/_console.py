"""The one way a renderer makes a rich console: into a string, colour only when asked, no markup."""

from __future__ import annotations

import io
from typing import TextIO

from rich.console import Console

from audit.render.options import RenderOptions


def console(out: TextIO, options: RenderOptions, *, soft_wrap: bool) -> Console:
    """Data is printed as text, never parsed as markup, and nothing is highlighted on its own.

    ``soft_wrap``: long lines stay whole (a finding stays greppable) instead of being fitted to the width.
    """
    return Console(
        file=out,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        width=options.width,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=soft_wrap,
    )


def drain(out: io.StringIO) -> str:
    """What has been printed into ``out`` since the last drain: one chunk of a streamed output."""
    text = out.getvalue()
    out.seek(0)
    out.truncate()
    return text
