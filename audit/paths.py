"""Where a workspace keeps its files: the one place that names them, and finds the workspace.

Cheap to import (no YAML, no model), so that whatever only needs a path need not import the loader.
"""

from __future__ import annotations

from pathlib import Path

from audit.errors import WorkspaceNotFound

DATA_DIR = "data"
BODIES_FILE = f"{DATA_DIR}/bodies.yaml"
REPORTS_DIR = f"{DATA_DIR}/reports"
RESPONSES_DIR = f"{DATA_DIR}/responses"
CHASES_DIR = f"{DATA_DIR}/chases"
RULES_DIR = "rules"
TEMPLATES_DIR = "templates"
OWN_FOLDERS = (DATA_DIR, RULES_DIR, TEMPLATES_DIR)
"""The folders whose files the tool reads as the workspace: nothing it builds may replace them or go into them."""


def response_file(report_id: str, body_id: str) -> str:
    """The response file of a body to a report, relative to the workspace, ``/``-separated."""
    return f"{RESPONSES_DIR}/{report_id}/{body_id}.yaml"


def report_file(report_id: str) -> str:
    return f"{REPORTS_DIR}/{report_id}.yaml"


def chases_file(report_id: str) -> str:
    """The file of the chases sent about a report: one list per report, so that recording a chase appends to one file."""
    return f"{CHASES_DIR}/{report_id}.yaml"


def find_workspace(start: Path) -> Path:
    """The nearest folder at or above ``start`` that holds data/bodies.yaml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / BODIES_FILE).is_file():
            return folder
    raise WorkspaceNotFound(start)
