"""Finding a body or a report in a loaded workspace by what a person types."""

from __future__ import annotations

from audit.errors import ConfigError
from audit.model import Body, Report, Workspace
from audit.names import BodyNames, name_key
from audit.shape import did_you_mean


def find_body(workspace: Workspace, text: str) -> Body:
    """The body named by id, name or alias, however capitalised, spaced or accented; a ``ConfigError`` otherwise."""
    if text in workspace.bodies:
        return workspace.bodies[text]
    body = BodyNames(workspace.bodies.values()).find(text)
    if body is not None:
        return body
    wanted = name_key(text)
    partly = [body for body in workspace.bodies.values() if any(wanted in name_key(n) for n in (body.id, body.name, *body.aliases))]
    if partly and wanted:
        listed = ", ".join(f"{body.name} ({body.id})" for body in partly[:_CANDIDATES])
        more = f" and {len(partly) - _CANDIDATES} more" if len(partly) > _CANDIDATES else ""
        raise ConfigError(f"no body is named {text!r}; bodies whose names contain it: {listed}{more}")
    raise ConfigError(f"unknown body {text!r}" + did_you_mean(text, workspace.bodies))


_CANDIDATES = 10
"""Bodies listed by name when what was typed is only part of a name (``show Kent``)."""


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
