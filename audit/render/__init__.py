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

DIFF_FORMATS: dict[str, str] = {
    "terminal": "audit.render.diff_terminal",
    "markdown": "audit.render.diff_markdown",
    "json": "audit.render.diff_json",
}
"""The formats of ``audit diff``."""


def renderer(name: str, table: dict[str, str] = FORMATS) -> ModuleType:
    return importlib.import_module(table[name])
