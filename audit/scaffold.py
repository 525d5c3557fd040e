"""Text of new data files: skeletons that are valid as written, and responses drafted from letters.

YAML is written by hand here so comments can guide the person who fills it in;
every string goes through ``quoted``, a JSON string, which YAML reads as a
double-quoted scalar, and every comment through ``comment``. What is written is
read back by the loader before it reaches the disk.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from audit import schemas
from audit.addressees import BodyIndex, involved
from audit.atomic import write_atomic
from audit.deadlines import due_date, explain
from audit.errors import ConfigError
from audit.load import read_document, response_problems
from audit.lookup import find_body, find_report
from audit.model import Body, DateRange, Evidence, Recommendation, Report, Response, Status, Workspace
from audit.paths import response_file

_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufeff\uff00-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff]")
"""What YAML does not allow in a stream (C0 and C1 controls, DEL, surrogates, U+FFFE/F), and what it reads
as a line break (NEL is among the C1 controls), or as a byte order mark."""


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}"


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that reads back as ``text``, whatever it holds."""
    return _NOT_YAML.sub(_escaped, json.dumps(text, ensure_ascii=False))


def comment(text: str) -> str:
    """``text`` for a ``#`` comment line: a line break in it would end the comment and begin data."""
    return _NOT_YAML.sub(_escaped, text.replace("\n", "\\n").replace("\r", "\\r"))


def new_report(report_id: str, published: date) -> str:
    return "\n".join(
        [
            "# yaml-language-server: $schema=../../schema/report.schema.json",
            f"# Report {comment(report_id)}: fill in the title, the publication date, the deadline rule and",
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
        f"# {comment(body.name)}: response to {comment(report.short_title)}.",
        f"# Due {due.isoformat()} ({comment(explain(report.deadline, report.published, extension))}).",
        *(f"# {comment(note)}" for note in notes),
        "# To fill in by a person: each status below (not-assessed until someone has read the response",
        "# against that recommendation), with evidence; published: true once the response is public.",
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
    lines.append("recommendations:" if listed else "recommendations: {}")
    for rec in listed:
        found = evidence.get(rec.id)
        if rec.id not in owed_ids:
            remark = f"  # addressed to others ({comment(', '.join(rec.to))})"
        elif found is None and evidence:
            remark = "  # the letter does not mention it"
        else:
            remark = ""
        lines.append(f"  {quoted(rec.id)}:{remark}")
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
    resolved = path.resolve()
    shown = resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) else str(path)
    # Whatever file ``path`` names (this body's, another body's, a copy outside the workspace):
    # what it says of itself decides, not where it is.
    done = _assessed(path)
    if done:
        raise ConfigError(f"{shown}: a person has assessed {done} here; refusing to replace it, even with --force")
    refuse_unless_loadable(text, shown, workspace, report)
    write_atomic(path, text, overwrite=force, within=root if output is None else None)
    return shown


def refuse_unless_loadable(text: str, shown: str, workspace: Workspace, report: Report) -> None:
    """Refuse to write a response the loader would then refuse: every command would fail on it."""
    problems = response_problems(text, shown, workspace, report)
    if problems:
        raise ConfigError("refusing to write a response that would not load:\n" + "\n".join(str(p) for p in problems))


def _assessed(path: Path) -> str:
    """What a person has assessed in the file at ``path`` ('' for nothing, or no such file)."""
    if not path.is_file():
        return ""
    record, _ = read_document(path, str(path), schemas.RESPONSE)
    if record is not None:
        answers = record.get("recommendations", {})
        done = [rec_id for rec_id, answer in answers.items() if answer["status"] != Status.NOT_ASSESSED.value]
        return f"recommendation(s) {', '.join(done)}" if done else ""
    # A file that does not read as a response may still be someone's work with a typo in it.
    try:
        statuses = set(re.findall(r"\bstatus\s*:\s*[\"']?([\w-]+)", path.read_text(encoding="utf-8", errors="replace")))
    except OSError:
        return ""
    statuses.discard(Status.NOT_ASSESSED.value)
    return f"statuses ({', '.join(sorted(statuses))})" if statuses else ""
