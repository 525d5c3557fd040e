"""Output formats: one module per format, each a ``render(result, options) -> str``.

``FORMATS`` is the only list of choices; the CLI feeds it to ``--format``.
Modules are imported only when chosen, so ``audit --help`` never pays for them.
"""

from __future__ import annotations

import importlib
from types import ModuleType

FORMATS: dict[str, str] = {
    "terminal": "audit.render.terminal",
    "json": "audit.render.json",
    "sarif": "audit.render.sarif",
    "junit": "audit.render.junit",
    "github": "audit.render.github",
    "markdown": "audit.render.markdown",
}

COVERAGE_FORMATS: dict[str, str] = {
    "terminal": "audit.render.coverage_terminal",
    "markdown": "audit.render.coverage_markdown",
    "json": "audit.render.coverage_json",
    "csv": "audit.render.coverage_csv",
}
"""The formats of ``audit coverage``; ``audit report`` is its markdown."""

CHASE_FORMATS: dict[str, str] = {
    "markdown": "audit.render.chase_markdown",
    "text": "audit.render.chase_text",
    "eml": "audit.render.chase_eml",
}
"""The formats of ``audit chase``'s letters: each module renders one letter, and says its file suffix and
how the letter is sent (``VIA``, what ``--record`` writes)."""


def renderer(name: str, table: dict[str, str] = FORMATS) -> ModuleType:
    return importlib.import_module(table[name])
