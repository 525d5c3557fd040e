"""Output formats: one module per format, each a ``render(result, options) -> str``.

``FORMATS`` is the only list of choices; the CLI feeds it to ``--format``.
Modules are imported only when chosen, so ``audit --help`` never pays for them.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

from audit.model import Severity

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


@dataclass(frozen=True)
class RenderOptions:
    """How the output will be shown: the terminal renderer reads these, the others ignore them."""

    color: bool = False
    width: int = 100
    fail_on: Severity = Severity.ERROR
    """Findings at or above this fail: the JUnit renderer reports only those as failures."""


def renderer(name: str, table: dict[str, str] = FORMATS) -> ModuleType:
    return importlib.import_module(table[name])
