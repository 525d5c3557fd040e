"""Importing a table (CSV or XLSX) of bodies, reports or responses, through a mapping of its columns to fields.

Each row is one body, one recommendation of a report (a report's rows share its
id, title, date and deadline), or one body's response. A row that cannot be
used is reported with its row number (the header is row 1, as a spreadsheet
numbers it) and why. Bodies and reports that do not exist yet are created only
when asked (``create``); what exists is never rewritten from a table, except a
response file nobody has assessed, with ``force``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from audit import cells
from audit.addressees import BodyIndex, involved
from audit.cells import DELIMITERS, Cell, Unusable
from audit.errors import ConfigError, DataError, Problem
from audit.importing import PlanBuilder, Received
from audit.inputs import read_input, read_input_text
from audit.load import read_document
from audit.lookup import find_report
from audit.model import Body, DateRange, Workspace
from audit.names import BodyNames, name_key
from audit.paths import BODIES_FILE, REPORTS_DIR, report_file
from audit.results import Import
from audit.scaffold import quoted
from audit.schemas import ADDRESSEE_ALL, ID_PATTERN
from audit.shape import Choice, Document, Field, MapOf, Struct, Text, did_you_mean

FIELDS: dict[str, dict[str, str]] = {
    "bodies": {
        "id": "the body's id (default: made from its name)",
        "name": "the name people use (required)",
        "kind": "its kind (required)",
        "area": "the area it serves",
        "aliases": "other labels for it (a list)",
        "holds_to_account": "the body it holds to account (id, name or alias)",
        "from": "the first day it existed (a date)",
        "until": "the last day it existed (a date)",
    },
    "reports": {
        "report": "the report's id (default: made from its title)",
        "title": "the report's title (required)",
        "short_title": "a shorter title",
        "complainant": "who made the complaint",
        "published": "the date the deadline counts from (required)",
        "source": "where the report is published",
        "deadline": "6 months, 56 days, 56 days after, 10 working days, or a date (required)",
        "recommendation": "the recommendation's id (default: its row's place in the report, from 1)",
        "text": "the recommendation's words (default: the report's title)",
        "to": "who it is addressed to: kinds, ids, names or aliases, or all (a list; required)",
    },
    "responses": {
        "report": "the report's id (required)",
        "body": "the body's id, name or alias (required)",
        "received": "the date the response was received",
        "received_by": "a date by which it had been received (when the exact date is not known)",
        "published": "whether it was published: yes or no (required)",
        "source": "where the response is recorded (default: the table and row)",
    },
}
"""What each kind of row may hold: field -> what it means (``audit import table --help`` lists them)."""

REQUIRED = {"bodies": ("name", "kind"), "reports": ("title", "published", "deadline", "to"), "responses": ("report", "body", "published")}

MAPPING = Document(
    "table-mapping",
    Struct(
        {
            "rows": Field(Choice(tuple(FIELDS)), required=True),
            "columns": Field(MapOf(Text(), Text(), "A column's heading -> the field it holds")),
            "set": Field(MapOf(Text(), Text(), "A field -> the value every row takes where its column is absent or empty")),
            "date_format": Field(Text("How dates are written, as Python's strptime reads them (default %Y-%m-%d)")),
            "separator": Field(Text("What separates the items of a list in a cell (default ;)")),
            "delimiter": Field(Choice(DELIMITERS, "What separates the cells of a CSV line (default ,)")),
            "sheet": Field(Text("The sheet of an XLSX workbook to read (default: the first)")),
        }
    ),
    "audit: the mapping of a table's columns for audit import table",
)


@dataclass(frozen=True)
class TableMapping:
    """How a table's columns become fields."""

    rows: str
    columns: dict[str, str] = field(default_factory=dict)
    """Column heading -> field."""
    values: dict[str, str] = field(default_factory=dict)
    """Field -> the value a row takes where its column is absent or its cell empty."""
    date_format: str | None = None
    separator: str = ";"
    delimiter: str = ","
    sheet: str | None = None

    def checked(self) -> TableMapping:
        """This mapping, once every field it names is one its kind of row has; a ``ConfigError`` otherwise."""
        known = FIELDS[self.rows]
        for name in [*self.columns.values(), *self.values]:
            if name not in known:
                raise ConfigError(f"{self.rows} have no field {name!r}{did_you_mean(name, known)} (they have {', '.join(known)})")
        given = set(self.columns.values()) | set(self.values)
        missing = [name for name in REQUIRED[self.rows] if name not in given]
        if missing:
            raise ConfigError(f"{self.rows}: no column or value for {', '.join(missing)} (map a column to it, or --set it)")
        if self.rows == "responses" and not given & {"received", "received_by"}:
            raise ConfigError("responses: no column or value for received or received_by")
        if not self.separator:
            raise ConfigError("the list separator must not be empty")
        if self.delimiter not in DELIMITERS:
            raise ConfigError(f"the CSV delimiter {self.delimiter!r} is not one of: {', '.join(map(repr, DELIMITERS))}")
        return self


_SETTINGS = ("rows", "date_format", "separator", "delimiter", "sheet")


def table_mapping(path: Path | None, columns: Mapping[str, str], values: Mapping[str, str], settings: Mapping[str, str]) -> TableMapping:
    """The mapping a file gives (``path``; ``DataError`` for a malformed one), with what the options give added and winning."""
    given: dict[str, Any] = {}
    file_columns: dict[str, str] = {}
    file_values: dict[str, str] = {}
    if path is not None:
        record, problems = read_document(path, str(path), MAPPING)
        if record is None or problems:
            raise DataError(problems)
        given = {key: record[key] for key in _SETTINGS if key in record}
        file_columns, file_values = dict(record.get("columns", {})), dict(record.get("set", {}))
    given.update(settings)
    if "rows" not in given:
        raise ConfigError("say what each row is: --rows bodies, reports or responses (or rows: in the mapping file)")
    return TableMapping(columns={**file_columns, **columns}, values={**file_values, **values}, **given)


@dataclass(frozen=True)
class Table:
    """A table's heading row and its other rows, each with the number a spreadsheet shows for it."""

    headings: list[str]
    rows: list[tuple[int, list[Cell]]]


def read_table(path: Path, mapping: TableMapping) -> Table:
    """The rows of a CSV file, or of one sheet of an XLSX workbook (by the file's name ending)."""
    lines = _xlsx_rows(path, mapping.sheet) if path.suffix.lower() in (".xlsx", ".xlsm") else _csv_rows(path, mapping.delimiter)
    numbered = list(enumerate(lines, 1))
    if not numbered:
        raise ConfigError(f"{path}: the table is empty (no heading row)")
    headings = [cells.text(cell) or "" for cell in numbered[0][1]]
    return Table(headings, numbered[1:])


def _csv_rows(path: Path, delimiter: str) -> Iterator[list[Cell]]:
    text = read_input_text(path, "table")
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    except csv.Error as err:
        raise ConfigError(f"{path}: cannot read it as a UTF-8 CSV file ({err})") from None


def _xlsx_rows(path: Path, sheet: str | None) -> Iterator[list[Cell]]:
    import zipfile

    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(read_input(path, "workbook")), read_only=True, data_only=True)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as err:
        raise ConfigError(f"{path}: cannot read it as an XLSX workbook ({err})") from None
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise ConfigError(f"{path}: no sheet {sheet!r} (it has {', '.join(workbook.sheetnames)})")
        worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        for row in worksheet.iter_rows(values_only=True):
            yield list(row)
    finally:
        workbook.close()


class _Rows:
    """A table's rows as field -> cell, with every unusable row gathered as a problem."""

    def __init__(self, table: Table, mapping: TableMapping, shown: str):
        self.mapping = mapping
        self.shown = shown
        self.problems: list[Problem] = []
        heading_at: dict[str, int] = {}
        for index, heading in enumerate(table.headings):
            heading_at.setdefault(name_key(heading), index)
        self.columns: dict[str, int] = {}
        for heading, name in mapping.columns.items():
            if name_key(heading) not in heading_at:
                raise ConfigError(f"{shown}: no column {heading!r} (its columns: {', '.join(repr(h) for h in table.headings if h)})")
            self.columns[name] = heading_at[name_key(heading)]
        self.table = table

    def __iter__(self) -> Iterator[tuple[int, dict[str, Cell]]]:
        for number, row in self.table.rows:
            if all(cells.text(cell) is None for cell in row):
                continue
            fields: dict[str, Cell] = dict(self.mapping.values)
            for name, index in self.columns.items():
                cell = row[index] if index < len(row) else None
                if cells.text(cell) is not None:
                    fields[name] = cell
            yield number, fields

    def refuse(self, number: int, why: str) -> None:
        self.problems.append(Problem(self.shown, number, None, why))


class _Fields:
    """One row's fields, read as what they are; a missing or unreadable one raises ``Unusable``."""

    def __init__(self, fields: dict[str, Cell], mapping: TableMapping):
        self.fields = fields
        self.mapping = mapping

    def text(self, name: str) -> str | None:
        return cells.text(self.fields.get(name))

    def required(self, name: str) -> str:
        value = self.text(name)
        if value is None:
            raise Unusable(f"no {name}")
        return value

    def day(self, name: str) -> date | None:
        found: date | None = self.read(name, lambda cell: cells.day(cell, self.mapping.date_format))
        return found

    def items(self, name: str) -> list[str]:
        return cells.items(self.fields.get(name), self.mapping.separator)

    def read(self, name: str, reader: Any) -> Any:
        if self.text(name) is None:
            return None
        try:
            return reader(self.fields[name])
        except Unusable as err:
            raise Unusable(f"{name}: {err}") from None


def plan_table(
    workspace: Workspace, table: Table, mapping: TableMapping, shown: str, *, create: bool, force: bool, skip: bool
) -> Import:
    """What importing ``table`` would write; ``DataError`` listing every unusable row unless ``skip``."""
    rows = _Rows(table, mapping.checked(), shown)
    plan = PlanBuilder(workspace, force)
    names = BodyNames(workspace.bodies.values())
    planner = {"bodies": _plan_bodies, "reports": _plan_reports, "responses": _plan_responses}[mapping.rows]
    summary = planner(workspace, rows, names, plan, create)
    if rows.problems and not skip:
        raise DataError(rows.problems)
    plan.notes.extend(f"skipped row {p.line}: {p.message}" for p in sorted(rows.problems))
    return plan.plan([f"{len(table.rows)} row(s) read, {len(rows.problems)} unusable", summary])


def _plan_bodies(workspace: Workspace, rows: _Rows, names: BodyNames, plan: PlanBuilder, create: bool) -> str:
    entries: list[str] = []
    added: dict[str, int] = {}
    new_names: dict[str, str] = {}
    """What the new bodies are called -> their ids, so that a row can name a body an earlier row adds."""
    kinds = tuple(workspace.kinds)
    indent = _item_indent(workspace.root / BODIES_FILE)
    for number, raw in rows:
        row = _Fields(raw, rows.mapping)
        try:
            name = row.required("name")
            body_id = row.text("id") or cells.slug(name)
            if not re.fullmatch(ID_PATTERN, body_id):
                raise Unusable(f"{body_id!r} is not an id (lower-case letters, digits and single hyphens)")
            known = names.find(body_id) or names.find(name)
            if known is not None:
                plan.notes.append(f"row {number}: {known.name} ({known.id}) is already in {BODIES_FILE}; left as it is")
                continue
            again = added.get(body_id) or added.get(new_names.get(name_key(name), ""))
            if again is not None:
                raise Unusable(f"{name} ({body_id}) is also on row {again}")
            if not create:
                raise Unusable(f"no body {name!r} in {BODIES_FILE} (--create adds it)")
            kind = row.required("kind")
            if kind not in kinds:
                raise Unusable(f"kind {kind!r} is not one of: {', '.join(kinds)}{did_you_mean(kind, kinds)}")
            entry = [f"id: {body_id}", f"name: {quoted(name)}", f"kind: {kind}"]
            if row.text("area"):
                entry.append(f"area: {quoted(row.required('area'))}")
            if row.items("aliases"):
                entry.append(f"aliases: [{', '.join(quoted(alias) for alias in row.items('aliases'))}]")
            held_name = row.text("holds_to_account")
            if held_name:
                held = names.find(held_name)
                held_id = held.id if held is not None else new_names.get(name_key(held_name))
                if held_id is None:
                    raise Unusable(f"holds_to_account: no body {held_name!r}")
                entry.append(f"holds_to_account: {held_id}")
            for key in ("from", "until"):
                day = row.day(key)
                if day is not None:
                    entry.append(f"{key}: {day.isoformat()}")
        except Unusable as err:
            rows.refuse(number, str(err))
            continue
        added[body_id] = number
        new_names.update((name_key(label), body_id) for label in (body_id, name, *row.items("aliases")))
        entries.append(_list_item(entry, indent))
    if entries:
        plan.append_to(BODIES_FILE, "".join(entries))
    return f"{len(entries)} new bodies"


def _item_indent(path: Path) -> str:
    """The indent of the list items in ``bodies.yaml``, so that new entries continue the list."""
    items = re.findall(r"^( *)- ", path.read_text(encoding="utf-8"), re.MULTILINE)
    return items[-1] if items else "  "


def _list_item(lines: list[str], indent: str) -> str:
    return "".join(f"{indent}{'- ' if i == 0 else '  '}{line}\n" for i, line in enumerate(lines))


def _plan_reports(workspace: Workspace, rows: _Rows, names: BodyNames, plan: PlanBuilder, create: bool) -> str:
    groups: dict[str, list[tuple[int, _Fields]]] = {}
    for number, raw in rows:
        row = _Fields(raw, rows.mapping)
        try:
            groups.setdefault(row.text("report") or cells.slug(row.required("title")), []).append((number, row))
        except Unusable as err:
            rows.refuse(number, str(err))
    kinds = set(workspace.kinds)
    made = 0
    for report_id, group in groups.items():
        if report_id in workspace.reports:
            plan.notes.append(f"{_rows_named(group)}: report {report_id} exists; left as it is")
            continue
        if not re.fullmatch(ID_PATTERN, report_id):
            for number, _ in group:
                rows.refuse(number, f"{report_id!r} is not a report id (lower-case letters, digits and single hyphens)")
            continue
        if not create:
            for number, _ in group:
                rows.refuse(number, f"no report {report_id!r} in {REPORTS_DIR} (--create makes it)")
            continue
        text = _report_text(report_id, group, rows, names, kinds)
        if text is not None:
            plan.add(report_file(report_id), text)
            made += 1
    return f"{made} new report(s)"


def _report_text(report_id: str, group: list[tuple[int, _Fields]], rows: _Rows, names: BodyNames, kinds: set[str]) -> str | None:
    """A report file from its rows, or None where a row is unusable (each refused with why)."""
    head: dict[str, Any] = {}
    first = group[0][0]
    recommendations: list[str] = []
    seen: dict[str, int] = {}
    usable = True
    for place, (number, row) in enumerate(group, 1):
        try:
            values = {
                "title": row.required("title"),
                "short_title": row.text("short_title"),
                "complainant": row.text("complainant"),
                "published": row.day("published"),
                "source": row.text("source"),
                "deadline": row.read("deadline", lambda cell: cells.deadline(cell, rows.mapping.date_format)),
            }
            if values["published"] is None or values["deadline"] is None:
                raise Unusable(f"no {'published' if values['published'] is None else 'deadline'}")
            if head:
                differing = [key for key, value in values.items() if value != head[key]]
                if differing:
                    raise Unusable(f"{', '.join(differing)} differ(s) from row {first}'s, in the same report {report_id}")
            head = head or values
            rec_id = row.text("recommendation") or str(place)
            if rec_id in seen:
                raise Unusable(f"recommendation {rec_id} of {report_id} is also on row {seen[rec_id]}")
            addressees = [_addressee(name, names, kinds) for name in row.items("to")]
            if not addressees:
                raise Unusable("to: addressed to nobody")
            seen[rec_id] = number
            own = row.text("text")
            words = [f"    text: {quoted(own)}"] if own else [f"    text: {quoted(values['title'])}", "    summary: true"]
            recommendations.extend([f"  - id: {quoted(rec_id)}", f"    to: [{', '.join(addressees)}]", *words])
        except Unusable as err:
            rows.refuse(number, str(err))
            usable = False
    if not usable:
        return None
    deadline = next(iter(head["deadline"].items()))
    lines = [
        "# yaml-language-server: $schema=../../schema/report.schema.json",
        f"# Imported from {rows.shown}, {_rows_named(group)}.",
        f"title: {quoted(head['title'])}",
        *(f"{key}: {quoted(head[key])}" for key in ("short_title", "complainant") if head[key]),
        f"published: {head['published'].isoformat()}",
        *([f"source: {quoted(head['source'])}"] if head["source"] else []),
        "deadline:",
        f"  {deadline[0]}: {deadline[1].isoformat() if isinstance(deadline[1], date) else deadline[1]}",
        "recommendations:",
        *recommendations,
    ]
    return "\n".join(lines) + "\n"


def _rows_named(group: list[tuple[int, _Fields]]) -> str:
    return ("row " if len(group) == 1 else "rows ") + ", ".join(str(number) for number, _ in group)


def _addressee(name: str, names: BodyNames, kinds: set[str]) -> str:
    if name in kinds or name == ADDRESSEE_ALL:
        return name
    body = names.find(name)
    if body is None:
        closest = names.closest(name)
        raise Unusable(f"to: no body or kind {name!r}" + (f" (closest: {'; '.join(closest)})" if closest else ""))
    return body.id


def _plan_responses(workspace: Workspace, rows: _Rows, names: BodyNames, plan: PlanBuilder, create: bool) -> str:
    if create:
        raise ConfigError("--create makes bodies or reports; a response's body and report must exist (import them first)")
    seen: dict[tuple[str, str], int] = {}
    owing: dict[str, set[str]] = {}
    index = BodyIndex(workspace.bodies)
    planned = 0
    for number, raw in rows:
        row = _Fields(raw, rows.mapping)
        try:
            try:
                report = find_report(workspace, row.required("report"))
            except ConfigError as err:
                raise Unusable(str(err)) from None
            body = _body(row.required("body"), names)
            if report.id not in owing:
                owing[report.id] = set(involved(report, index))
            if body.id not in owing[report.id]:
                raise Unusable(f"report {report.id!r} addresses no recommendation to {body.name} ({body.id})")
            if (report.id, body.id) in seen:
                raise Unusable(f"{body.name}'s response to {report.id} is also on row {seen[report.id, body.id]}")
            received = _received(row, report.published)
            published = row.read("published", cells.yes_no)
        except Unusable as err:
            rows.refuse(number, str(err))
            continue
        seen[report.id, body.id] = number
        source = row.text("source") or f"{Path(rows.shown).name}, row {number}"
        before = len(plan.files)
        plan.add_response(report, body, received, published, source, [f"Imported from {rows.shown}, row {number}."])
        planned += len(plan.files) - before
    return f"{planned} response(s) to write"


def _body(name: str, names: BodyNames) -> Body:
    body = names.find(name)
    if body is None:
        closest = names.closest(name)
        raise Unusable(f"body: no body {name!r}" + (f" (closest: {'; '.join(closest)})" if closest else ""))
    return body


def _received(row: _Fields, published: date) -> Received:
    exact, by = row.day("received"), row.day("received_by")
    if exact is not None and by is not None:
        raise Unusable("both received and received_by: give one")
    if exact is not None:
        if exact < published:
            raise Unusable(f"received: {exact.isoformat()} is before the report was published ({published.isoformat()})")
        return Received(DateRange(exact, exact))
    if by is None:
        raise Unusable("no received or received_by date")
    if by < published:
        raise Unusable(f"received_by: {by.isoformat()} is before the report was published ({published.isoformat()})")
    return Received(DateRange(published, by), f"Only bounds are known: after publication, and by {by.isoformat()} (received_by).")
