"""JSON that stays fast on a large workspace: indented near the top, one line per record below.

``json.dumps(indent=...)`` runs the pure-Python encoder (CPython's C encoder cannot indent before
3.13), which on 20,000 response files costs more than running every check. Values at and below
``inline_from`` levels of nesting are written by the C encoder, each on one line: the output is
still one record per line for ``diff`` and ``grep``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from audit.model import Finding


def dumps(value: Any, inline_from: int) -> str:
    """``value`` as JSON, indented by two spaces down to nesting depth ``inline_from``, then a newline."""
    return _dump(value, 0, inline_from) + "\n"


def _dump(value: Any, depth: int, inline_from: int) -> str:
    if depth >= inline_from or not value or not isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    inner = "  " * (depth + 1)
    if isinstance(value, dict):
        items = [f"{inner}{json.dumps(key, ensure_ascii=False)}: {_dump(item, depth + 1, inline_from)}" for key, item in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + "  " * depth + "}"
    items = [inner + _dump(item, depth + 1, inline_from) for item in value]
    return "[\n" + ",\n".join(items) + "\n" + "  " * depth + "]"


def finding_record(f: Finding) -> dict[str, Any]:
    """One finding as every JSON format of the tool writes it."""
    return {
        "rule": f.rule,
        "severity": f.severity.value,
        "report": f.report,
        "body": f.body,
        "body_name": f.body_name,
        "recommendation": f.recommendation or None,
        "message": f.message,
        "path": f.path,
        "line": f.position,
        "fingerprint": f.fingerprint,
    }
