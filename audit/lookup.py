"""Finding a body or a report in a loaded workspace by what a person types."""

from __future__ import annotations

import unicodedata

from audit.errors import ConfigError
from audit.model import Body, Report, Workspace
from audit.shape import did_you_mean


def find_body(workspace: Workspace, text: str) -> Body:
    """The body named by id, name or alias (case-insensitive for names); a ``ConfigError`` otherwise."""
    if text in workspace.bodies:
        return workspace.bodies[text]
    wanted = _folded(text)
    for body in workspace.bodies.values():
        if wanted == _folded(body.name) or wanted in (_folded(alias) for alias in body.aliases):
            return body
    partly = [body for body in workspace.bodies.values() if any(wanted in _folded(n) for n in (body.id, body.name, *body.aliases))]
    if partly and wanted.strip():
        listed = ", ".join(f"{body.name} ({body.id})" for body in partly[:_CANDIDATES])
        more = f" and {len(partly) - _CANDIDATES} more" if len(partly) > _CANDIDATES else ""
        raise ConfigError(f"no body is named {text!r}; bodies whose names contain it: {listed}{more}")
    raise ConfigError(f"unknown body {text!r}" + did_you_mean(text, workspace.bodies))


_CANDIDATES = 10


def _folded(text: str) -> str:
    """A name as compared: composed (NFC, so "é" typed and "é" stored decomposed agree) and case-folded."""
    return unicodedata.normalize("NFC", text).casefold()


def find_report(workspace: Workspace, report_id: str) -> Report:
    try:
        return workspace.reports[report_id]
    except KeyError:
        raise ConfigError(f"unknown report {report_id!r}" + did_you_mean(report_id, workspace.reports)) from None


def find_reports(workspace: Workspace, report_ids: tuple[str, ...]) -> tuple[str, ...]:
    """The ids of the reports named (each checked), in the workspace's order; every report where none is named."""
    for report_id in report_ids:
        find_report(workspace, report_id)
    return tuple(report_id for report_id in workspace.reports if not report_ids or report_id in report_ids)
