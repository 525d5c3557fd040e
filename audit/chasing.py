"""Who is due a chase, with everything the letter says; and recording the chases sent.

The result is computed whole here, so that a letter's template only formats it: the due
date's explanation, how long the body is overdue and its earlier chases are all in it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from audit import schemas
from audit.atomic import write_atomic
from audit.coverage import heading, standing
from audit.errors import ConfigError
from audit.model import Body, Workspace
from audit.obligations import obligations
from audit.paths import chases_file
from audit.results import ChaseLetter, ChasesDue, ReportHeading
from audit.shape import INVALID, Reader
from audit.yamlsource import compose


def chases_due(
    workspace: Workspace,
    as_of: date,
    interval: int,
    report_ids: Iterable[str] = (),
    bodies: Sequence[Body] = (),
    sender: Sequence[str] = (),
) -> ChasesDue:
    """The bodies due a chase (overdue, not chased within ``interval`` days), or those named in ``bodies``.

    A named body gets a letter for every report it is overdue in, however recently it was
    chased; one that is overdue nowhere is an error, not an empty letter.
    """
    wanted = set(report_ids)
    named = {body.id for body in bodies}
    owed = obligations(workspace, wanted, as_of)
    if named:
        chosen = [o for o in owed if o.body.id in named and o.due_a_chase(as_of, 0)]
        for body in bodies:
            if not any(o.body.id == body.id for o in chosen):
                raise ConfigError(f"{body.name} ({body.id}) is not overdue in any report as of {as_of.isoformat()}: nothing to chase")
    else:
        chosen = [o for o in owed if o.due_a_chase(as_of, interval)]
    headings: dict[str, ReportHeading] = {}
    letters = []
    for o in chosen:
        if o.report.id not in headings:
            headings[o.report.id] = heading(o.report)
        # An overdue body has sent nothing: no cell holds a status, so what counts as addressed cannot matter.
        body_standing = standing(o, headings[o.report.id], as_of, addressed=())
        since = (as_of - body_standing.chases[-1].sent_on).days if body_standing.chases else None
        letters.append(ChaseLetter(as_of, body_standing, tuple(sender), since))
    return ChasesDue(as_of, interval, bool(named), tuple(letters))


def record_chases(workspace: Workspace, letters: Sequence[ChaseLetter], via: str) -> tuple[list[str], list[ChaseLetter]]:
    """Add each letter, as a chase ``via`` a letter or an email, to ``data/chases/<report>.yaml``, once per body and day.

    Returns the files changed and the letters already recorded that day. Text is only
    appended, so every comment and line already in a file stays as it was.
    """
    changed: list[str] = []
    skipped: list[ChaseLetter] = []
    by_report: dict[str, list[ChaseLetter]] = {}
    for letter in letters:
        report_id, body_id = letter.standing.report.id, letter.standing.body.id
        if any(chase.sent_on == letter.as_of for chase in workspace.chases.get((report_id, body_id), ())):
            skipped.append(letter)
        else:
            by_report.setdefault(report_id, []).append(letter)
    for report_id, due in by_report.items():
        shown = chases_file(report_id)
        path = workspace.root / shown
        entries: list[_Entry] = [(letter.standing.body.id, letter.as_of, letter.sender, via) for letter in due]
        if path.exists():
            old = path.read_text(encoding="utf-8")
            write_atomic(path, _appended(old, shown, entries), overwrite=True, within=workspace.root)
        else:
            header = "# yaml-language-server: $schema=../../schema/chases.schema.json\nchases:\n"
            write_atomic(path, header + "".join(_entry(*entry, indent="  ") for entry in entries), within=workspace.root)
        changed.append(shown)
    return changed, skipped


_Entry = tuple[str, date, Sequence[str], str]
"""A chase to record: body id, day, who sent it, how."""


def _entry(body_id: str, day: date, sent_by: Sequence[str], via: str, *, indent: str) -> str:
    """One list item, its dash at ``indent``; names double-quoted, so that no character in them is YAML syntax."""
    names = ", ".join(_quoted(name) for name in sent_by)
    lines = (f"- date: {day.isoformat()}", f"  body: {body_id}", f"  sent_by: [{names}]", f"  via: {via}")
    return "".join(indent + line + "\n" for line in lines)


def _quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar: what YAML may not hold raw (controls, DEL) written as escapes."""
    body = "".join(
        c if c.isprintable() and c not in '"\\' else "\\" + c if c in '"\\' else f"\\U{ord(c):08x}"
        for c in text
    )
    return f'"{body}"'


def _appended(old: str, shown: str, entries: list[_Entry]) -> str:
    """``old`` with ``entries`` added at the end of its chases list, checked by reading the result back."""
    before = _chase_count(old, shown)
    if before is not None:
        node, _ = compose(old, shown)
        assert node is not None, "a file with chases has a top node"
        last = node.value[0][1].value[-1].start_mark
        # The column of the last item's dash: the new items line up with it.
        indent = old.splitlines()[last.line][: last.column].rstrip()[:-1]
        text = (old if old.endswith("\n") else old + "\n") + "".join(_entry(*entry, indent=indent) for entry in entries)
        if _chase_count(text, shown) == before + len(entries):
            return text
    raise ConfigError(
        f"{shown}: cannot add the chases to this file: its list must be a block list (lines starting '- ') "
        "at the end of the file; nothing was written"
    )


def _chase_count(text: str, shown: str) -> int | None:
    """How many chases ``text`` holds, or None where it is not a valid chases file with a block list."""
    node, problems = compose(text, shown)
    if node is None or problems:
        return None
    reader = Reader(shown, text)
    record = schemas.CHASES.top.read(node, reader)
    if record is INVALID or reader.problems or getattr(node.value[0][1], "flow_style", False):
        return None
    return len(record["chases"])
