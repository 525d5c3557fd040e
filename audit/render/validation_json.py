"""``audit validate --format json``: ``valid`` and every problem with its file, line and column."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.results import Validation


def render(result: Validation, options: RenderOptions) -> Iterator[str]:
    document = {
        "valid": result.valid,
        "problems": [{"path": p.path, "line": p.line, "column": p.column, "message": p.message} for p in result.problems],
    }
    yield json.dumps(document, indent=2, ensure_ascii=False) + "\n"


FORMAT: Format[Validation] = render
