"""Imports: what an import would write, proved valid before anything is written, then written.

Both imports (a status page, a table) turn what they read into an ``Import`` result
(``audit/results.py``): the files to write, in an order in which every step leaves a
valid workspace (bodies, then reports, then responses), and notes on what was left
alone. The plan is checked by loading a copy of the workspace's data with it applied,
with the loader itself, so an import can never leave data the tool refuses.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from audit.addressees import BodyIndex, involved
from audit.atomic import write_atomic
from audit.errors import AuditError, ConfigError, DataError
from audit.load import load_workspace
from audit.model import Body, DateRange, Report, Workspace
from audit.paths import response_file
from audit.results import Import, ImportedFile
from audit.scaffold import assessed, response


@dataclass(frozen=True, slots=True)
class Received:
    """When a response was received, as a source gives it, and how that is known (None: it needs no saying)."""

    dates: DateRange
    how: str | None = None


class PlanBuilder:
    """Gathers an import's files and notes, applying the one policy on existing files."""

    def __init__(self, workspace: Workspace, force: bool):
        self.workspace = workspace
        self.index = BodyIndex(workspace.bodies)
        self.force = force
        self.files: list[ImportedFile] = []
        self.notes: list[str] = []

    def add(self, path: str, text: str) -> None:
        """Plan a file; an existing one is replaced only with ``force``, and an identical one is left alone."""
        target = self.workspace.root / path
        before = None
        if target.exists():
            before = target.read_text(encoding="utf-8")
            if before == text:
                return
            if not self.force:
                self.notes.append(f"kept {path}: it exists (--force replaces a file nobody has assessed)")
                return
        self.files.append(ImportedFile(path, text, before))

    def append_to(self, path: str, text: str) -> None:
        """Plan adding ``text`` at the end of an existing file (new entries of a list that ends the file)."""
        existing = (self.workspace.root / path).read_text(encoding="utf-8")
        self.files.append(ImportedFile(path, existing + ("" if existing.endswith("\n") else "\n") + text, existing))

    def add_response(self, report: Report, body: Body, received: Received, published: bool, source: str, notes: list[str]) -> None:
        """Plan a response listing what ``body`` owes ``report``, each not assessed; never over an assessed one."""
        existing = self.workspace.responses.get((report.id, body.id))
        path = response_file(report.id, body.id)
        if existing is not None and existing.path != path:
            self.notes.append(f"kept {existing.path}: it holds the response of {body.id}, so {path} is not written")
            return
        done = assessed(existing) if existing is not None else []
        if done:
            self.notes.append(f"kept {path}: a person has assessed recommendation(s) {', '.join(done)} there")
            return
        owed = involved(report, self.index).get(body.id)
        if owed is None:
            raise ConfigError(f"report {report.id!r} addresses no recommendation to {body.name} ({body.id!r})")
        when, how = received.dates, received.how
        known = existing.received if existing is not None else when
        if known != when and when.earliest <= known.earliest <= known.latest <= when.latest:
            # The file knows the date more closely than this source's bounds: replacing it would lose that.
            how = f"Received: as this file had it before the import ({known}), within the bounds given ({when})."
            when = known
        self.add(path, response(report, body, owed, when, {}, [*([how] if how else []), *notes], source, published))

    def plan(self, summary: list[str]) -> Import:
        """What the import would do: nothing is written yet (``carry_out`` writes it)."""
        return Import(tuple(self.files), tuple(self.notes), tuple(summary), written=False)


def check_plan(root: Path, plan: Import) -> None:
    """Load a copy of the workspace's data with ``plan`` applied: an ``AuditError`` listing the problems if the loader refuses it."""
    with tempfile.TemporaryDirectory(prefix="audit-import-") as staging:
        copy = Path(staging) / "workspace"
        shutil.copytree(root / "data", copy / "data")
        for file in plan.files:
            target = copy / file.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(file.text, encoding="utf-8")
        try:
            load_workspace(copy, cache=False)  # no cache: a temporary folder's would never be met again
        except DataError as err:
            raise AuditError(f"nothing was written: the import would leave data the loader refuses:\n{err}") from None


def carry_out(root: Path, plan: Import, dry_run: bool) -> Import:
    """Check ``plan`` with the loader, then write every file atomically, in order (unless ``dry_run``); what was done."""
    check_plan(root, plan)
    if dry_run:
        return plan
    for file in plan.files:
        write_atomic(root / file.path, file.text, overwrite=file.before is not None, within=root)
    return dataclasses.replace(plan, written=True)
