"""Text of new data files: skeletons that are valid as written, and responses drafted from letters.

YAML is written by hand here so comments can guide the person who fills it in;
every string goes through ``quoted``, a JSON string, which YAML reads as a
double-quoted scalar.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from audit.addressees import BodyIndex, involved
from audit.atomic import write_atomic
from audit.deadlines import due_date, explain
from audit.errors import ConfigError
from audit.lookup import find_body, find_report
from audit.model import Body, DateRange, Evidence, Recommendation, Report, Response, Status, Workspace
from audit.paths import response_file


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def new_report(report_id: str, published: date) -> str:
    return "\n".join(
        [
            "# yaml-language-server: $schema=../../schema/report.schema.json",
            f"# Report {report_id}: fill in the title, the publication date, the deadline rule and",
            "# every recommendation with its addressees (docs/data-format.md).",
            f"title: {quoted('TITLE OF ' + report_id)}",
            f"published: {published.isoformat()}",
            "deadline:",
            "  months: 6",
            "recommendations:",
            '  - id: "1"',
            "    to: [force]",
            "    summary: true",
            f"    text: {quoted('Summary of recommendation 1 (replace with the report’s words)')}",
            "",
        ]
    )


def response(
    report: Report,
    body: Body,
    owed: list[Recommendation],
    received: DateRange,
    evidence: dict[str, Evidence],
    notes: list[str],
    source: str | None = None,
    published: bool | None = None,
) -> str:
    """A response file: every recommendation owed, and any the letter speaks to, each not assessed.

    ``published`` None leaves it false, with a comment for the person who learns otherwise.
    """
    # The person filling this in needs this body's own deadline, which an extension moves.
    extension = report.extension_for(body.id)
    due = due_date(report.deadline, report.published, extension)
    lines = [
        "# yaml-language-server: $schema=../../../schema/response.schema.json",
        f"# {body.name}: response to {report.short_title}.",
        f"# Due {due.isoformat()} ({explain(report.deadline, report.published, extension)}).",
        *(f"# {note}" for note in notes),
        f"body: {body.id}",
        f"report: {report.id}",
    ]
    if received.exact:
        lines.append(f"received: {received.earliest.isoformat()}")
    else:
        lines.append(f"received: {{earliest: {received.earliest.isoformat()}, latest: {received.latest.isoformat()}}}")
    if published is None:
        lines.append("published: false   # set true once the response is published")
    else:
        lines.append(f"published: {'true' if published else 'false'}")
    if source:
        lines.append(f"source: {quoted(source)}")
    owed_ids = {rec.id for rec in owed}
    listed = [rec for rec in report.recommendations if rec.id in owed_ids or rec.id in evidence]
    lines.append("recommendations:")
    for rec in listed:
        found = evidence.get(rec.id)
        if rec.id not in owed_ids:
            comment = f"  # addressed to others ({', '.join(rec.to)})"
        elif found is None and evidence:
            comment = "  # the letter does not mention it"
        else:
            comment = ""
        lines.append(f"  {quoted(rec.id)}:{comment}")
        lines.append("    status: not-assessed")
        if found is not None:
            lines.append("    evidence:")
            lines.append(f"      - quote: {quoted(found.quote or '')}")
            if found.where:
                lines.append(f"        where: {quoted(found.where)}")
    return "\n".join(lines) + "\n"


def obligation_of(workspace: Workspace, report_id: str, body_name: str) -> tuple[Report, Body, list[Recommendation]]:
    """The report, the body (by id, name or alias) and what the report addresses to it."""
    report = find_report(workspace, report_id)
    body = find_body(workspace, body_name)
    owed = involved(report, BodyIndex(workspace.bodies)).get(body.id)
    if owed is None:
        raise ConfigError(f"report {report.id!r} addresses no recommendation to {body.name} ({body.id!r})")
    return report, body, owed


def assessed(existing: Response) -> list[str]:
    """The recommendations a person has assessed in ``existing``: while any is, no tool replaces the file."""
    return [a.recommendation for a in existing.answers.values() if a.status is not Status.NOT_ASSESSED]


def save_response(workspace: Workspace, report: Report, body: Body, text: str, output: Path | None, force: bool) -> str:
    """Write a drafted response; never over a file a person has assessed, even with ``force``.

    Returns the path written, as the user would name it.
    """
    root = workspace.root
    path = output if output is not None else root / response_file(report.id, body.id)
    existing = workspace.responses.get((report.id, body.id))
    if existing is not None and (root / existing.path).resolve() == path.resolve():
        done = assessed(existing)
        if done:
            raise ConfigError(
                f"{existing.path}: a person has assessed recommendation(s) {', '.join(done)} here; "
                "refusing to replace it, even with --force"
            )
    write_atomic(path, text, overwrite=force, within=root if output is None else None)
    resolved = path.resolve()
    return resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) else str(path)
