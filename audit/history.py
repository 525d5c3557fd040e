"""When each fact about one body changed: its entry, due dates, responses and statuses, commit by commit.

The facts are read from the workspace as each commit of the current branch that changed its
data holds it (``git log --first-parent``), then from the working tree where it differs.
Comparing loaded facts, not lines of text, is what lets a renamed file, a reformatted entry or a
joint response read as what they mean.
"""

from __future__ import annotations

from pathlib import Path

from audit import gitstate
from audit.changes import BodyHistory, FactChange, HistoryEntry
from audit.errors import DataError
from audit.load import load_workspace
from audit.model import Workspace
from audit.obligations import obligations

Facts = dict[str, str]
"""Fact name ("kind", "safe-to-share: received") -> its value as text."""


def facts(workspace: Workspace, body_id: str) -> Facts:
    """What the data says about the body: empty where it has no such body."""
    body = workspace.bodies.get(body_id)
    if body is None:
        return {}
    found = {
        "name": body.name,
        "kind": body.kind,
        "area": body.area or "",
        "aliases": "; ".join(body.aliases),
        "holds to account": body.holds_to_account or "",
        "from": body.existed_from.isoformat() if body.existed_from else "",
        "until": body.existed_until.isoformat() if body.existed_until else "",
    }
    found = {name: value for name, value in found.items() if value}
    for o in obligations(workspace):
        if o.body.id != body_id:
            continue
        prefix = f"{o.report.id}: "
        found[prefix + "due"] = o.due.isoformat()
        if o.response is None:
            continue
        found[prefix + "response file"] = o.response.path
        found[prefix + "received"] = str(o.response.received)
        found[prefix + "published"] = "yes" if o.response.published else "no"
        for rec in o.recommendations:
            found[prefix + rec.label] = o.status(rec.id).value
    return found


def changes_between(before: Facts, after: Facts) -> tuple[FactChange, ...]:
    """Each fact that appeared, went or took another value, in the order the later facts (then the earlier) list them."""
    names = list(dict.fromkeys((*after, *before)))
    return tuple(FactChange(name, before.get(name), after.get(name)) for name in names if before.get(name) != after.get(name))


def history(root: Path, current: Workspace, body_id: str, jobs: int = 1) -> BodyHistory:
    """The body's history in the git repository holding the workspace at ``root``, ``current`` its working tree."""
    repo = gitstate.repository(root)
    found: list[HistoryEntry] = []
    known: Facts = {}
    for commit in gitstate.log(repo):
        revision = gitstate.Revision(commit.commit, commit.commit)
        try:
            with gitstate.exported(repo, revision) as folder:
                now = facts(load_workspace(folder, jobs, cache=False), body_id)  # no cache: a temporary folder's would never be met again
        except gitstate.NoWorkspace:
            now = {}
        except DataError as err:
            found.append(HistoryEntry(commit.commit, commit.date, commit.subject, (), _problem(err)))
            continue
        changed = changes_between(known, now)
        if changed:
            found.append(HistoryEntry(commit.commit, commit.date, commit.subject, changed))
        known = now
    uncommitted = changes_between(known, facts(current, body_id))
    if uncommitted:
        found.append(HistoryEntry(None, None, "uncommitted changes in the working tree", uncommitted))
    return BodyHistory(body_id, tuple(found), repo.shallow)


def _problem(err: DataError) -> str:
    return f"the data did not load at this commit ({len(err.problems)} problem(s), the first: {err.problems[0]})"
