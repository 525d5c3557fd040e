"""``audit import --format diff``: what an import writes, as a unified diff that ``patch -p1`` applies (a new file from /dev/null)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from audit.render._text import printable

if TYPE_CHECKING:
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.results import Import


def render(result: Import, options: RenderOptions) -> Iterator[str]:
    for file in result.files:
        before = [] if file.before is None else file.before.splitlines(keepends=True)
        old = "/dev/null" if file.before is None else f"a/{file.path}"
        lines = difflib.unified_diff(before, file.text.splitlines(keepends=True), old, f"b/{file.path}")
        # A file the loader accepts holds no raw control character but line ends and tabs; should one slip
        # through, it is shown escaped rather than sent to the terminal.
        yield "".join(printable(line, "\n\t") for line in lines)


FORMAT: Format[Import] = render
