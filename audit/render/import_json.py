"""``audit import --format json``: whether the files were written, each file (path, new or replacing, its text), notes and figures."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from audit.render._json import chunks

if TYPE_CHECKING:
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.results import Import


def render(result: Import, options: RenderOptions) -> Iterator[str]:
    document: dict[str, Any] = {
        "written": result.written,
        "files": ({"path": f.path, "replaces": f.before is not None, "text": f.text} for f in result.files),
        "notes": list(result.notes),
        "summary": list(result.summary),
    }
    yield from chunks(document, 2)


FORMAT: Format[Import] = render
