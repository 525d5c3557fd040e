"""Files -> model: find the workspace, read every data file, validate it, cross-check references."""

from __future__ import annotations

import contextlib
import gc
import os
import re
import signal
from collections.abc import Callable, Generator, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from audit import schemas
from audit.addressees import BodyIndex, involved
from audit.cache import FileCache, pack, unpack
from audit.deadlines import KINDS, due_date
from audit.errors import AuditError, DataError, Problem
from audit.model import (
    DEFAULT_KINDS,
    Answer,
    Body,
    Chase,
    DateRange,
    DeadlineRule,
    Evidence,
    Extension,
    Kind,
    Recommendation,
    Report,
    Response,
    Status,
    Workspace,
)
from audit.paths import BODIES_FILE, CHASES_DIR, DATA_DIR, REPORTS_DIR, RESPONSES_DIR, Key, key_of
from audit.shape import INVALID, Document, Reader, Record, did_you_mean
from audit.workers import STOPS, Prctl, find_prctl, start_worker
from audit.yamlsource import compose, read_text, warn_if_slow_loader

if TYPE_CHECKING:
    from concurrent.futures import Future


def read_document(path: str | Path, shown: str, document: Document, partial: bool = False) -> tuple[Record | None, list[Problem]]:
    """One file read against its shape: the record, or None and every problem found.

    ``partial``: where the shape has problems, what was valid in it rather than None.
    """
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    return parse_document(text, shown, document, partial)


def parse_document(text: str, shown: str, document: Document, partial: bool = False) -> tuple[Record | None, list[Problem]]:
    """A file's text read against its shape: the record, or None and every problem found (see read_document)."""
    node, problems = compose(text, shown)
    if problems:
        return None, problems
    if node is None:
        return None, [Problem(shown, None, None, "file is empty")]
    reader = Reader(shown, text)
    record = document.top.read(node, reader)
    if record is INVALID:
        return reader.partials.get(id(node)) if partial else None, reader.problems
    return record, reader.problems


Progress = Callable[[int, int], None]
"""Told (files read, files in all) as response files are read."""

PARALLEL_FROM = 2000
"""Fewer response files than this are read in one process: starting workers would cost more than it saves.

Measured on 2 CPUs (same run, median of 7): at 1,000 files of 550 bytes two workers took 7% more
wall time than one process, at 1,000 of 1.6 KB 3% less; either way 30% more CPU time and half as
much memory again (the workers' own pages). At 2,000 they take 5% and 12% less wall time."""

_CHUNK = 250
"""Response files a worker reads per task: enough to make a task's overhead small, few enough to keep all
busy; and a worker holds a task's results, packed, twice over as it sends them (500 cost the run's peak
a megabyte more, for no time saved)."""


class _Loader:
    """Reads one workspace, gathering every problem before giving up."""

    def __init__(
        self, root: Path, jobs: int = 1, progress: Progress | None = None, cache: FileCache | None = None, part: Part | None = None
    ) -> None:
        self.root = root
        self.jobs = jobs
        self.progress = progress
        self.cache = cache
        self.part = part
        """The reports read, where not every one is (``parts``)."""
        self.problems: list[Problem] = []
        self.kinds: dict[str, Kind] = {}
        self.unreadable_reports: set[str] = set()
        """Reports whose file has problems: their responses are not judged against nothing."""
        self._recommendation_ids: dict[str, frozenset[str]] = {}

    def shown(self, path: str | Path) -> str:
        # String slicing, not Path.relative_to: this runs once per file, thousands of times.
        text = str(path)
        root = str(self.root)
        return text[len(root) + 1 :].replace(os.sep, "/") if text.startswith(root + os.sep) else Path(path).as_posix()

    def read(
        self, path: str | Path, document: Document, linked: bool = True, shown: str | None = None, partial: bool = False
    ) -> Record | None:
        """Read one file; ``linked`` False where the caller knows no link is on its path (a cheap check);
        ``partial`` as for read_document (such a record, with problems, is never cached)."""
        shown = shown or self.shown(path)
        if linked:
            resolved = Path(path).resolve()
            if not resolved.is_relative_to(self.root):
                self.refuse(shown, None, f"a symbolic link leading out of the workspace (to {resolved}) is not read")
                return None
        key = None
        if self.cache is not None:
            key = key_of(str(path))
            cached = self.cache.get(shown, key)
            if cached is not None:
                return cached
        record, problems = read_document(path, shown, document, partial)
        self.problems.extend(problems)
        if self.cache is not None and record is not None and not problems:
            self.cache.put(shown, key, pack(record))
        return record

    def refuse(self, shown: str, where: int | tuple[int, int] | None, message: str) -> None:
        """A problem at a line, or at a (line, column), or in the file as a whole."""
        line, column = where if isinstance(where, tuple) else (where, None)
        self.problems.append(Problem(shown, line, column, message))

    def load(self) -> Workspace:
        self.check_data_folder()
        folders = self.response_folders()
        listed = [file for folder in folders for file in folder.files]
        keys, unread = self.cache_keys(listed)
        reading = _read_responses([file for file in listed if file in unread], self.root, self.jobs, self.cache is not None)
        # Closed at once if anything here fails, so that the workers stop then, not when (if ever)
        # the collector, paused while loading, reaches the generator.
        with contextlib.closing(reading) as read:
            # Bodies and reports are read here while the workers read the responses.
            kinds, bodies = self.load_bodies()
            self.kinds = kinds
            reports = self.load_reports(bodies)
            responses = self.load_responses(bodies, reports, _Listed(folders, keys, unread, read))
        chases = self.load_chases(bodies, reports)
        if self.problems:
            raise DataError(self.problems)
        return Workspace(self.root, kinds, bodies, reports, responses, chases)

    def check_data_folder(self) -> None:
        """Refuse what data/ holds beyond its own file and folders: a data/bodies.yml, or responses in
        a misspelt data/respones/, would silently count for nothing."""
        own = {BODIES_FILE, REPORTS_DIR, RESPONSES_DIR, CHASES_DIR}
        for name, *_ in self.listing(str(self.root / DATA_DIR)):
            shown = f"{DATA_DIR}/{name}"
            if shown not in own and not ignored(name):
                names = [entry.rpartition("/")[2] for entry in sorted(own)]
                self.refuse(shown, None, f"not read: {DATA_DIR}/ holds only {', '.join(names)}" + did_you_mean(name, names))

    def load_kinds(self, record: Record) -> dict[str, Kind]:
        if "kinds" not in record:
            return {kind.id: kind for kind in DEFAULT_KINDS}
        kinds: dict[str, Kind] = {}
        for entry in record["kinds"]:
            if entry["id"] in kinds:
                self.refuse(BODIES_FILE, entry.line, f"duplicate kind {entry['id']!r} (first on line {kinds[entry['id']].line})")
                continue
            plural = entry["plural"]
            label = entry["label"]
            kinds[entry["id"]] = Kind(
                entry["id"],
                label,
                plural,
                short=entry.get("short", plural),
                section=entry.get("section", plural),
                description=entry.get("description", label),
                # "Police force" -> "every police force"; an acronym keeps its capitals: "every NHS trust".
                every=entry.get("every", "every " + (label if label[:2].isupper() else label[:1].lower() + label[1:])),
                updates=entry.get("updates", False),
                holds_to_account=entry.get("holds_to_account"),
                line=entry.line,
            )
        for kind in kinds.values():
            if kind.holds_to_account is not None and kind.holds_to_account not in kinds:
                held = kind.holds_to_account
                unknown = f"kind {kind.id}: holds_to_account names unknown kind {held!r}"
                self.refuse(BODIES_FILE, kind.line, unknown + did_you_mean(held, kinds))
        return kinds

    def load_bodies(self) -> tuple[dict[str, Kind], dict[str, Body]]:
        record = self.read(self.root / BODIES_FILE, schemas.BODIES)
        if record is None:
            return {kind.id: kind for kind in DEFAULT_KINDS}, {}
        kinds = self.load_kinds(record)
        bodies: dict[str, Body] = {}
        for entry in record["bodies"]:
            if entry["kind"] not in kinds:
                unknown = f"{entry['kind']!r} is not one of: {', '.join(kinds)}"
                self.refuse(BODIES_FILE, entry.key_lines["kind"], unknown + did_you_mean(entry["kind"], kinds))
            if entry["id"] in bodies:
                self.refuse(BODIES_FILE, entry.at, f"duplicate body id {entry['id']!r} (first on line {bodies[entry['id']].line})")
                continue
            bodies[entry["id"]] = Body(
                id=entry["id"],
                name=entry["name"],
                kind=entry["kind"],
                area=entry.get("area"),
                aliases=tuple(entry.get("aliases", ())),
                holds_to_account=entry.get("holds_to_account"),
                line=entry.line,
                existed_from=entry.get("from"),
                existed_until=entry.get("until"),
            )
        for body in bodies.values():
            if body.kind not in kinds:
                continue
            self.check_holds_to_account(body, bodies, kinds)
            if body.existed_from and body.existed_until and body.existed_from > body.existed_until:
                self.refuse(BODIES_FILE, body.line, f"{body.id}: 'from' is after 'until'")
        return kinds, bodies

    def check_holds_to_account(self, body: Body, bodies: dict[str, Body], kinds: dict[str, Kind]) -> None:
        held = body.holds_to_account
        held_kind = kinds[body.kind].holds_to_account
        if held_kind is None:
            if held is not None:
                holders = [kind for kind in kinds.values() if kind.holds_to_account is not None]
                if len(holders) == 1:
                    which = f"kind {holders[0].id} holds a {holders[0].holds_to_account}"
                else:
                    which = "a kind that declares holds_to_account holds another"
                self.refuse(BODIES_FILE, body.line, f"{body.id}: only a body of {which} to account")
            return
        if held is None:
            self.refuse(BODIES_FILE, body.line, f"{body.id}: a body of kind {body.kind} needs holds_to_account (its {held_kind}'s id)")
        elif held not in bodies:
            self.refuse(BODIES_FILE, body.line, f"{body.id}: holds_to_account names unknown body {held!r}")
        elif bodies[held].kind != held_kind:
            self.refuse(BODIES_FILE, body.line, f"{body.id}: holds_to_account names {held!r}, which is not a {held_kind}")

    def load_reports(self, bodies: dict[str, Body]) -> dict[str, Report]:
        folder = self.root / REPORTS_DIR
        reports: dict[str, Report] = {}
        for name, path, linked in self.yaml_files(str(folder)):
            shown = self.shown(path)
            report_id = name[: -len(".yaml")]
            if self.part is not None and not self.part.holds(report_id):
                continue
            record = self.read(path, schemas.REPORT, linked, shown)
            if record is None:
                self.unreadable_reports.add(report_id)
                continue
            if not _is_id(report_id):
                self.refuse(shown, None, f"file name {name!r} is not a report id (lower-case letters, digits, hyphens)")
                continue
            reports[report_id] = self.build_report(report_id, shown, record, bodies)
        # A part's share may hold no report: its response folders are then refused as having none.
        if not reports and not self.unreadable_reports and folder.is_dir() and self.part is None:
            self.refuse(REPORTS_DIR, None, "no report files (*.yaml) here")
        # By id, as every command orders them: file names sort "r-2.yaml" before "r.yaml".
        return dict(sorted(reports.items()))

    def build_report(self, report_id: str, shown: str, record: Record, bodies: dict[str, Body]) -> Report:
        recommendations: dict[str, Recommendation] = {}
        for entry in record["recommendations"]:
            rec_id = entry["id"]
            if rec_id in recommendations:
                self.refuse(shown, entry.at, f"duplicate recommendation id {rec_id!r} (first on line {recommendations[rec_id].line})")
                continue
            self.check_addressees(shown, entry, "to", bodies, rec_id)
            recommendations[rec_id] = Recommendation(
                id=rec_id,
                kind=entry.get("kind", "recommendation"),
                to=tuple(entry["to"]),
                text=entry["text"],
                summary=entry.get("summary", False),
                line=entry.line,
            )
        rule = _deadline(record["deadline"])
        if "respondents" in record:
            self.check_addressees(shown, record, "respondents", bodies)
        extensions = []
        for entry in record.get("extensions", ()):
            if entry["body"] not in bodies:
                self.refuse(shown, entry.at, f"extension for unknown body {entry['body']!r}" + did_you_mean(entry["body"], bodies))
            elif entry["granted"] < record["published"]:
                self.refuse(shown, entry.at, f"extension for {entry['body']!r} granted before the report was published")
            elif entry["until"] < (due := due_date(rule, record["published"])):
                # An extension only ever gives more time; an earlier day would shorten the deadline.
                shorter = f"extension for {entry['body']!r} until {entry['until']} ends before the report's own deadline ({due})"
                self.refuse(shown, entry.at, shorter)
            else:
                extensions.append(Extension(entry["body"], entry["until"], entry["granted"]))
        return Report(
            id=report_id,
            title=record["title"],
            short_title=record.get("short_title", record["title"]),
            complainant=record.get("complainant"),
            published=record["published"],
            source=record.get("source"),
            deadline=rule,
            recommendations=tuple(recommendations.values()),
            path=shown,
            respondents=tuple(record.get("respondents", ())),
            extensions=tuple(extensions),
        )

    def check_addressees(self, shown: str, record: Record, key: str, bodies: dict[str, Body], recommendation: str | None = None) -> None:
        """Refuse a name under ``key`` (``to`` of ``recommendation``, or the report's ``respondents``) that is no addressee."""
        for name in record[key]:
            # Each name looked up, not a set of every kind and body made per report: a report costs what it names.
            if name != schemas.ADDRESSEE_ALL and name not in self.kinds and name not in bodies:
                # Worked out only here: the thousands of recommendations that name only known addressees pay for no message.
                what = key if recommendation is None else f"recommendation {recommendation}"
                unknown = f"{what}: unknown addressee {name!r} (a kind: {', '.join(self.kinds)}; all; or a body id)"
                self.refuse(shown, record.key_at(key), unknown)

    def load_responses(self, bodies: dict[str, Body], reports: dict[str, Report], listed: _Listed) -> dict[tuple[str, str], Response]:
        responses: dict[tuple[str, str], Response] = {}
        files = self.response_files(reports, listed.folders)
        caching = self.cache is not None
        keys, unread, read = listed.keys, listed.unread, listed.read
        index = BodyIndex(bodies)
        owing = {report_id: involved(reports[report_id], index) for report_id in {f.report for f in files}}
        done = 0
        for folder in listed.folders:
            if folder.report not in reports:
                # Read for nothing (the report was not known when reading began): its results are dropped.
                for _ in (file for file in folder.files if file in unread):
                    next(read)
                continue
            for file in folder.files:
                key = keys.get(file.shown)
                # Unpacked one at a time, as each is built: the records of every file at once would
                # double the memory a run needs.
                record = None if key is None or self.cache is None else self.cache.get(file.shown, key)
                problems: list[Problem] = []
                if record is None:
                    # Read here, not by a worker, only where the cache held the file but its record
                    # could not be unpacked.
                    record, problems, packed = next(read) if file in unread else _read_response(self.root, file, caching)
                    if self.cache is not None and packed is not None:
                        self.cache.put(file.shown, key, packed)
                response = None
                if record is not None:
                    # A record with problems is what was valid in the file: its references to
                    # other files are checked all the same, so every problem shows at once.
                    response = self.build_response(file.shown, record, reports[file.report], bodies, whole=not problems)
                self.problems.extend(problems)
                self.add_response(self.owed(response, owing[file.report], bodies), responses)
                done += 1
                if self.progress is not None:
                    self.progress(done, len(files))
        if next(read, None) is not None:
            raise AssertionError("a response file was read and not used")
        return responses

    def cache_keys(self, files: list[_ResponseFile]) -> tuple[dict[str, Key], set[_ResponseFile]]:
        """Each file's key as it is now (none for a file under a symbolic link: it is always read, where
        its link is checked); and the files the cache does not hold as they are now, to be read."""
        if self.cache is None:
            return {}, set(files)
        keys: dict[str, Key] = {}
        unread = set()
        for file in files:
            key = None if file.linked else key_of(file.path)
            if key is not None:
                keys[file.shown] = key
            if key is None or not self.cache.holds(file.shown, key):
                unread.add(file)
        return keys, unread

    def response_folders(self) -> list[_Folder]:
        """Every report's folder of responses, with its files, whether or not the report exists (the
        reports are read after); anything else in data/responses/ refused."""
        folders: list[_Folder] = []
        folder = self.root / RESPONSES_DIR
        if not folder.is_dir():
            return folders
        folder_linked = _linked(self.root, folder)
        # os.scandir and strings, not Path objects: this runs for every file of the workspace.
        for report_id, report_dir, is_dir, linked in self.listing(str(folder)):
            if self.part is not None and not self.part.holds(report_id):
                continue
            if not is_dir:
                if not ignored(report_id):
                    where = f"not read: a response file goes in its report's folder, {RESPONSES_DIR}/<report>/"
                    self.refuse(f"{RESPONSES_DIR}/{report_id}", None, where)
                continue
            dir_linked = folder_linked or linked
            # Its own loader: what it says of the folder's other files counts only if the report exists.
            listing = _Loader(self.root)
            files = [
                _ResponseFile(path, f"{RESPONSES_DIR}/{report_id}/{name}", dir_linked or file_linked, report_id)
                for name, path, file_linked in listing.yaml_files(report_dir)
            ]
            folders.append(_Folder(report_id, files, listing.problems))
        return folders

    def response_files(self, reports: dict[str, Report], folders: list[_Folder]) -> list[_ResponseFile]:
        """Every response file to a known report, in the order its problems are reported; folders of unknown reports refused."""
        files: list[_ResponseFile] = []
        for folder in folders:
            if folder.report not in reports:
                if folder.report not in self.unreadable_reports:
                    unknown = f"no report {folder.report!r} in {REPORTS_DIR}/ for these responses"
                    self.refuse(f"{RESPONSES_DIR}/{folder.report}", None, unknown)
                continue
            self.problems.extend(folder.problems)
            files.extend(folder.files)
        return files

    def listing(self, folder: str) -> list[tuple[str, str, bool, bool]]:
        """The folder's entries by name: each name, path, whether a folder and whether a symbolic link.

        Nothing for a folder that does not exist; one that cannot be read is a problem, not a crash.
        """
        try:
            with os.scandir(folder) as entries:
                return sorted((e.name, e.path, e.is_dir(), e.is_symlink()) for e in entries)
        except (FileNotFoundError, NotADirectoryError):
            return []
        except OSError as err:
            self.refuse(self.shown(folder), None, f"cannot read this folder: {err.strerror or err}")
            return []

    def yaml_files(self, folder: str) -> list[tuple[str, str, bool]]:
        """The folder's data files: each name, path, and whether the file is a symbolic link. Anything
        else in it, unless hidden or an editor's backup, is a problem.

        A file the tool does not read, where it reads, would silently count for nothing (a response
        saved as kent-pcc.yml: the body would count as never having replied).
        """
        found = []
        for name, path, is_dir, linked in self.listing(folder):
            if name.endswith(".yaml") and not is_dir:
                found.append((name, path, linked))
            elif not ignored(name):
                self.refuse(self.shown(path), None, _unread(name, is_dir))
        return found

    def owed(self, response: Response | None, owing: dict[str, Any], bodies: dict[str, Body]) -> Response | None:
        """The response, unless it comes from a body the report does not address (it would count for nothing)."""
        if response is None:
            return None
        for body in (response.body, *response.joint_with):
            if body not in owing:
                self.refuse(
                    response.path,
                    (response.line, 1),
                    f"report {response.report!r} addresses no recommendation to {bodies[body].name} ({body!r})",
                )
                return None
        return response

    def build_response(self, shown: str, record: Record, report: Report, bodies: Mapping[str, Body], whole: bool = True) -> Response | None:
        """The response, once its references to other files hold; ``record`` may be partial (what was
        valid in a file with problems: ``whole`` False), when only those references are checked."""
        ok = True
        if "report" in record and record["report"] != report.id:
            self.refuse(shown, record.key_at("report"), f"report is {record['report']!r} but the file is filed under {report.id!r}")
            ok = False
        for key, names in (("body", (record["body"],) if "body" in record else ()), ("joint_with", record.get("joint_with", ()))):
            for name in names:
                if name not in bodies:
                    self.refuse(shown, record.key_at(key), f"unknown body {name!r}" + did_you_mean(name, bodies))
                    ok = False
        answers = record.get("recommendations", _NO_ANSWERS)
        known = self.recommendation_ids(report)
        for rec_id in answers.key_lines:
            if rec_id not in known:
                self.refuse(
                    shown,
                    answers.key_at(rec_id),
                    f"report {report.id!r} has no recommendation {rec_id!r} (it has {', '.join(sorted(known))})",
                )
                ok = False
        received = _date_range(record["received"]) if "received" in record else None
        if received is None:
            ok = False
        elif received.earliest > received.latest:
            self.refuse(shown, record.key_at("received"), "received: earliest is after latest")
            ok = False
        elif received.latest < report.published:
            self.refuse(shown, record.key_at("received"), f"received before the report was published ({report.published})")
            ok = False
        if not ok or received is None or not whole:
            return None
        lines = answers.key_lines
        return Response(
            body=record["body"],
            report=report.id,
            received=received,
            published=record["published"],
            source=record.get("source"),
            joint_with=tuple(record.get("joint_with", ())),
            answers={
                rec_id: Answer(rec_id, _STATUSES[value["status"]], _evidences(value.get("evidence")), lines[rec_id])
                for rec_id, value in answers.items()
            },
            path=shown,
            line=record.line,
            received_line=record.key_lines["received"],
            published_line=record.key_lines["published"],
        )

    def recommendation_ids(self, report: Report) -> frozenset[str]:
        """The ids of the report's recommendations: worked out once per report, not for each of its responses."""
        known = self._recommendation_ids.get(report.id)
        if known is None:
            known = self._recommendation_ids[report.id] = frozenset(rec.id for rec in report.recommendations)
        return known

    def add_response(self, response: Response | None, responses: dict[tuple[str, str], Response]) -> None:
        if response is None:
            return
        for body in (response.body, *response.joint_with):
            other = responses.get((response.report, body))
            if other is not None:
                second = f"a second response from {body!r} to {response.report!r} (also {other.path})"
                self.refuse(response.path, (response.line, 1), second)
                continue
            responses[(response.report, body)] = response

    def load_chases(self, bodies: dict[str, Body], reports: dict[str, Report]) -> dict[tuple[str, str], tuple[Chase, ...]]:
        """``data/chases/<report>.yaml``: the chases sent about each report."""
        found: dict[tuple[str, str], list[Chase]] = {}
        index = BodyIndex(bodies)
        for name, path, linked in self.yaml_files(str(self.root / CHASES_DIR)):
            shown = self.shown(path)
            report_id = name[: -len(".yaml")]
            if self.part is not None and not self.part.holds(report_id):
                continue
            record = self.read(path, schemas.CHASES, linked, shown)
            if record is None:
                continue
            report = reports.get(report_id)
            if report is None:
                if report_id not in self.unreadable_reports:
                    self.refuse(
                        shown, None, f"no report {report_id!r} in {REPORTS_DIR}/ for these chases" + did_you_mean(report_id, reports)
                    )
                continue
            owing = involved(report, index)
            first: dict[tuple[str, date], int] = {}
            for entry in record["chases"]:
                body_id, day = entry["body"], entry["date"]
                if body_id not in bodies:
                    self.refuse(shown, entry.key_at("body"), f"unknown body {body_id!r}" + did_you_mean(body_id, bodies))
                elif body_id not in owing:
                    addressed = f"report {report_id!r} addresses no recommendation to {bodies[body_id].name} ({body_id!r})"
                    self.refuse(shown, entry.key_at("body"), addressed)
                elif day < report.published:
                    self.refuse(shown, entry.key_at("date"), f"chased before the report was published ({report.published})")
                elif (body_id, day) in first:
                    self.refuse(shown, entry.at, f"a second chase of {body_id!r} on {day} (first on line {first[body_id, day]})")
                else:
                    first[body_id, day] = entry.line
                    chase = Chase(report_id, body_id, day, tuple(entry["sent_by"]), entry["via"], entry.get("note"), shown, entry.line)
                    found.setdefault((report_id, body_id), []).append(chase)
        return {key: tuple(sorted(chases, key=lambda chase: chase.sent_on)) for key, chases in found.items()}


def yaml_files_of(folder: Path, root: Path) -> tuple[list[Path], list[Problem]]:
    """A folder's data files, and a problem for every other file in it that is neither hidden nor a backup."""
    loader = _Loader(root)
    return [Path(path) for _, path, _ in loader.yaml_files(str(folder))], loader.problems


def response_problems(text: str, shown: str, workspace: Workspace, report: Report) -> list[Problem]:
    """What the loader would say of ``text`` as a response file to ``report`` (nothing: it loads)."""
    loader = _Loader(workspace.root)
    record, loader.problems = parse_document(text, shown, schemas.RESPONSE, partial=True)
    if record is not None:
        loader.build_response(shown, record, report, workspace.bodies, whole=not loader.problems)
    return loader.problems


class _ResponseFile(NamedTuple):
    path: str
    shown: str
    linked: bool
    """Whether a symbolic link lies on its path (then it is resolved and must stay in the workspace)."""
    report: str


class _Folder(NamedTuple):
    """A report's folder of responses."""

    report: str
    files: list[_ResponseFile]
    problems: list[Problem]
    """What is in it that is not read (``yaml_files``)."""


class Part(NamedTuple):
    """One process's share of a workspace (``parts``): the reports whose ids sort from ``first`` up to
    ``until`` (not included; None: to the end), with their response folders and chases. Every part
    reads the files that concern the whole workspace (the bodies, what ``data/`` holds)."""

    first: str
    until: str | None
    files: int
    """Response files in its folders when the parts were cut (as counted, or estimated: ``parts``)."""

    def holds(self, report_id: str) -> bool:
        return self.first <= report_id and (self.until is None or report_id < self.until)


FIRST_PART = 1.1
"""The first part, checked by the process that joins the results, is this much larger than each of the
others: they pickle their results as they end, which this process would otherwise wait for (of equal
parts, 24 ms after its own on 5,000 files of the shipped data's shape, 53 ms on 5,000 reports). At 1.2,
this process ended 110 ms after the other on 5,000 reports. Since results cross in pieces (audit/parts.py),
1.0, 1.05 and 1.1 take the same wall time (same run, median of 9): with a smaller part, this process
waits about as long for the others' pickled results as it saved."""


def parts(root: Path, count: int) -> list[Part] | None:
    """The workspace at ``root`` (resolved) cut at reports into ``count`` parts of about as many response
    files each, in the order of report ids; None where that does not pay (fewer than PARALLEL_FROM
    response files, no ``fork``) or the response folders cannot be listed (the workspace read whole
    says why). What the folders hold is not looked at here: a part that meets a problem gives way to
    the workspace read whole (audit/parts.py)."""
    if count < 2 or not hasattr(os, "fork"):
        return None
    # Only counted here: each part's process lists its own folders. Whatever this process holds when
    # it forks, each process that writes there (reusing what was freed, or counting a reference)
    # ends up with a copy of its own: 3.7 MB of listing held here for 10,000 files was held twice.
    responses = root / RESPONSES_DIR
    try:
        with os.scandir(responses) as entries:
            names = sorted(entry.name for entry in entries if entry.is_dir(follow_symlinks=False))
        if len(names) > _COUNTED_FOLDERS:
            # Too many to count each (listing 4,200 folders took 34 ms, before any work could be shared):
            # what an even sample of them holds stands for each.
            step = len(names) / _COUNTED_FOLDERS
            each = sum(_yaml_files_in(responses / names[int(n * step)]) for n in range(_COUNTED_FOLDERS)) / _COUNTED_FOLDERS
            folders = [(name, each) for name in names]
        else:
            folders = [(name, float(_yaml_files_in(responses / name))) for name in names]
    except OSError:
        return None  # the workspace read whole says what cannot be read
    if sum(files for _, files in folders) < PARALLEL_FROM:
        return None
    cut = cut_into_parts(folders, count)
    return cut if len(cut) > 1 else None


_COUNTED_FOLDERS = 256
"""Response folders counted one by one to cut the parts; beyond that, a sample of this many."""


def _yaml_files_in(folder: Path) -> int:
    with os.scandir(folder) as files:
        return sum(1 for file in files if file.name.endswith(".yaml"))


def cut_into_parts(folders: list[tuple[str, float]], count: int) -> list[Part]:
    """``folders`` (report id and response files, by id) cut into at most ``count`` parts, each of whole
    folders, the first ``FIRST_PART`` times as many files as each other; between them, they hold every
    report id."""
    fair = sum(files for _, files in folders) / (count - 1 + FIRST_PART)
    firsts = [""]
    counts = [0.0]
    counted = 0.0
    for report_id, files in folders:
        # A new part where this folder would take the parts so far further past their fair share of
        # the files than they are short of it without it.
        if counts[-1] and len(firsts) < count and counted + files / 2 > fair * (FIRST_PART + len(firsts) - 1):
            firsts.append(report_id)
            counts.append(0.0)
        counts[-1] += files
        counted += files
    return [Part(first, until, round(files)) for first, until, files in zip(firsts, [*firsts[1:], None], counts, strict=True)]


_Read = tuple[Record | None, list[Problem], bytes | None]
"""A response file's record (None where it could not be read), its problems, and its packed record
where it is to be cached (the file itself has no problem). A record with problems is what was
valid in the file (read_document's ``partial``)."""

_Reads = Generator[_Read, None, None]


class _Listed(NamedTuple):
    """The response files as listed before the reports were read, and their reading under way."""

    folders: list[_Folder]
    keys: dict[str, Key]
    unread: set[_ResponseFile]
    read: _Reads


def _read_response(root: Path, file: _ResponseFile, caching: bool) -> _Read:
    """One response file read against its shape, on its own, so that any process can do it."""
    loader = _Loader(root)
    record = loader.read(file.path, schemas.RESPONSE, file.linked, file.shown, partial=True)
    packed = pack(record) if caching and record is not None and not loader.problems else None
    return record, loader.problems, packed


def _read_responses(files: list[_ResponseFile], root: Path, jobs: int, caching: bool) -> _Reads:
    """Each file's record and problems, in the order of ``files``: in ``jobs`` worker processes where that pays."""
    if jobs < 2 or len(files) < PARALLEL_FROM or not hasattr(os, "fork"):
        return (_read_response(root, file, caching) for file in files)
    return _read_in_workers(files, root, jobs, caching)


def _read_in_workers(files: list[_ResponseFile], root: Path, jobs: int, caching: bool) -> _Reads:
    """Each file's record and problems, in order, from ``jobs`` workers already at work."""
    # Workers read and validate; this process builds the model. A worker hands back each record
    # packed (pickled on its own), which with the cache on are the very bytes the cache keeps:
    # handing back built responses as well cost twice as much (pickled frozen dataclasses are
    # rebuilt through Python calls). An executor, not a Pool: a worker killed (by the kernel, out
    # of memory) breaks the executor, where a Pool would wait for it for ever.
    import multiprocessing  # only here: most workspaces are read in one process, and these cost 5 ms to import
    from concurrent.futures import ProcessPoolExecutor

    signal.pthread_sigmask(signal.SIG_BLOCK, STOPS)
    try:
        executor = ProcessPoolExecutor(jobs, multiprocessing.get_context("fork"), _start_worker, (root, os.getpid(), find_prctl()))
        # A task per chunk, not executor.map: the futures let an early stop cancel what no worker
        # has begun, once the executor itself is let go (below).
        tasks = [executor.submit(_read_in_worker, files[start : start + _CHUNK]) for start in range(0, len(files), _CHUNK)]
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPS)
    # Nothing more will be asked of the workers: each ends as soon as the files run out, rather than
    # hold its memory (about 6 MB of its own) until this process has built every response, which on
    # many small reports is long after.
    executor.shutdown(wait=False)
    gathered = _gather(tasks, caching)
    # Started now, not at the first record asked for, so that the caller's own work meanwhile
    # overlaps the workers'; and into the generator's try, so that closing it even then stops them.
    next(gathered)
    return gathered


def _gather(tasks: list[Future[list[_Worked]]], caching: bool) -> Generator[Any, None, None]:
    """The workers' results as _read_response gives them, in order; first None, once the workers are under way."""
    import multiprocessing
    from concurrent.futures import wait
    from concurrent.futures.process import BrokenProcessPool

    try:
        yield None
        tasks.reverse()
        while tasks:
            # Popped, so that a task's results are let go once its files are built.
            for packed, problems in tasks.pop().result():
                record = None if packed is None else unpack(packed)
                yield record, problems, packed if caching and not problems else None
    except BrokenProcessPool:
        raise AuditError(
            "a worker process reading the response files stopped unexpectedly; try -j 1 (or fewer jobs) if memory is short"
        ) from None
    finally:
        # Left early (an error, Ctrl-C): what no worker has begun is dropped, not read for nothing;
        # and whichever way it ends, no worker outlives the reading.
        for task in tasks:
            task.cancel()
        wait(tasks)
        for worker in multiprocessing.active_children():
            worker.join()


_worker_root: Path | None = None


def _start_worker(root: Path, parent: int, prctl: Prctl | None) -> None:
    global _worker_root
    _worker_root = root
    start_worker(parent, prctl)


_Worked = tuple[bytes | None, list[Problem]]
"""A file's record, packed to cross to the main process (None where it could not be read), and its problems."""


def _read_in_worker(files: list[_ResponseFile]) -> list[_Worked]:
    """Each file's record, packed, and its problems."""
    assert _worker_root is not None, "a worker starts with _start_worker"
    worked = []
    for file in files:
        record, problems, _ = _read_response(_worker_root, file, caching=False)
        worked.append(((None if record is None else pack(record)), problems))
    return worked


_EDITOR_BACKUP = re.compile(r".*~|#.*#|.*\.(swp|swo|swx|bak|orig|rej)")


def ignored(name: str) -> bool:
    """Hidden files (our own half-written temporary files among them) and editors' backups are not data."""
    return name.startswith(".") or _EDITOR_BACKUP.fullmatch(name) is not None


def _unread(name: str, is_dir: bool) -> str:
    if is_dir:
        return "not read: a folder here holds nothing the tool reads"
    stem, dot, extension = name.rpartition(".")
    if dot and extension.lower() in ("yaml", "yml"):
        return f"not read: data files end in .yaml (rename it {stem}.yaml)"
    return "not read: only *.yaml files are data here (hidden files and editor backups are ignored)"


def _linked(root: Path, folder: Path) -> bool:
    """Whether any folder from ``root`` down to ``folder`` is a symbolic link."""
    return any(p.is_symlink() for p in (folder, *folder.parents) if p.is_relative_to(root) and p != root)


def _is_id(text: str) -> bool:
    return re.fullmatch(schemas.ID_PATTERN, text) is not None


def _deadline(record: Record) -> DeadlineRule:
    """The rule of the one kind the shape admits (``one_of``)."""
    ((kind, value),) = record.items()
    return KINDS[kind](value)


def _date_range(value: Any) -> DateRange | None:
    """The range a received value gives; None where it is a partial record (one bound was invalid)."""
    if isinstance(value, Record):
        return DateRange(value["earliest"], value["latest"]) if "earliest" in value and "latest" in value else None
    return DateRange(value, value)


_NO_ANSWERS = Record(0)
"""The answers of a response that lists none (read only)."""

_STATUSES = {status.value: status for status in Status}
"""Each status by its word: ``Status(word)`` goes through the enum's metaclass, once per answer of every response."""


def _evidences(values: list[Record] | None) -> tuple[Evidence, ...]:
    # Most answers cite none: no generator is started for them.
    return tuple(Evidence(value.get("quote"), value.get("summary"), value.get("where")) for value in values) if values else ()


def load_workspace(root: Path, jobs: int = 1, progress: Progress | None = None, cache: bool = True) -> Workspace:
    """Load and cross-check every file of the workspace; raises ``DataError`` listing all problems.

    ``jobs`` processes read the response files where there are enough of them; the result is the
    same whatever ``jobs`` is. ``progress`` is told how far reading has gone. With ``cache``, a
    file unchanged since a run that found no problem in it is not read again (audit/cache.py);
    the result is the same either way.
    """
    warn_if_slow_loader()
    root = root.resolve()
    files = FileCache(root) if cache else None
    try:
        workspace = _collector_paused(_Loader(root, jobs, progress, files if files is not None and files.seen else None))
    except DataError:
        if files is not None:
            files.save()  # the files without problems: fixing one file then rereads that file alone
        raise
    if files is not None:
        files.save()
    return workspace


def load_part(root: Path, part: Part, progress: Progress | None, files: FileCache | None) -> Workspace:
    """One part (``parts``) of the workspace at ``root`` (resolved), read in this process: its reports,
    their responses and chases, and every body; raises ``DataError`` as ``load_workspace`` does.

    ``files``: the cache, where this run keeps one (``FileCache.seen``), kept to be saved once for every part.
    """
    return _collector_paused(_Loader(root, 1, progress, files, part))


def _collector_paused(loader: _Loader) -> Workspace:
    # Loading builds many objects and frees few: the cyclic collector would rescan them all,
    # again and again, for nothing (the objects hold no cycles), so it pauses meanwhile.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return loader.load()
    finally:
        if collecting:
            gc.enable()
