"""``audit validate``: each problem as ``file:line:col: message``, or what was read when all is valid."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.results import Validation


def render(result: Validation, options: RenderOptions) -> Iterator[str]:
    for problem in result.problems:
        yield f"{problem}\n"
    if result.valid:
        counts = result.counts
        yield f"valid: {counts.bodies} bodies, {counts.reports} report(s), {counts.responses} responses\n" if counts else "valid\n"


FORMAT: Format[Validation] = render
