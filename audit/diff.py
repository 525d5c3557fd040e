"""What changed between two states of a workspace, each a revision of its data (or the working tree) on a day.

Two states are compared report by report: the responses received, removed or changed, the
recommendation statuses that moved, the findings that are new, resolved or changed in
severity (matched by fingerprint, as baselines match them), and the bodies whose standing
against their deadline changed (became overdue, replied on time or late).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from audit import engine, gitstate
from audit.changes import (
    Differences,
    DiffState,
    FactChange,
    ReportDiff,
    ResponseChange,
    ResponseChangeKind,
    SeverityChange,
    StandingChange,
    StatusChange,
)
from audit.coverage import heading
from audit.engine import RuleSetting
from audit.errors import DataError
from audit.load import load_workspace
from audit.lookup import find_report
from audit.model import Finding, Receipt, Response, Severity, Status, Workspace
from audit.obligations import Obligation, obligations


@dataclass(frozen=True)
class Snapshot:
    """What a state was read into: its data and its rule set."""

    revision: gitstate.Revision | None
    workspace: Workspace
    settings: dict[str, RuleSetting]


_Change = TypeVar("_Change", ResponseChange, StandingChange)


def working_tree(workspace: Workspace, settings: dict[str, RuleSetting]) -> Snapshot:
    return Snapshot(None, workspace, settings)


def read_revision(root: Path, name: str, jobs: int = 1) -> Snapshot:
    """The workspace at ``root`` as revision ``name`` holds it; a ``GitError`` where git cannot say.

    A problem in the old data is reported as ``REVISION:path:line: message``, as git names a
    file of a revision.
    """
    repo = gitstate.repository(root)
    revision = gitstate.resolve(repo, name)
    with gitstate.exported(repo, revision) as folder:
        try:
            # No cache: a cache of a temporary folder would be left behind and never met again.
            return Snapshot(revision, load_workspace(folder, jobs, cache=False), engine.load_settings(folder))
        except DataError as err:
            raise DataError([p._replace(path=f"{name}:{p.path}") for p in err.problems]) from None


def named_reports(before: Snapshot, after: Snapshot, report_ids: Sequence[str]) -> tuple[str, ...]:
    """The reports named, each checked: a report in either state will do (it may be new, or gone)."""
    for report_id in report_ids:
        if report_id not in before.workspace.reports:
            find_report(after.workspace, report_id)
    return tuple(report_ids)


def compare(before: Snapshot, after: Snapshot, since: date, as_of: date, report_ids: Sequence[str] = ()) -> Differences:
    """The differences from ``before`` judged on ``since`` to ``after`` judged on ``as_of``."""
    old = _by_key(before.workspace, report_ids, since)
    new = _by_key(after.workspace, report_ids, as_of)
    old_findings = _findings(before, since, report_ids)
    new_findings = _findings(after, as_of, report_ids)
    reports = {**before.workspace.reports, **after.workspace.reports}
    diffs = []
    for report_id in sorted(set(old_findings) | set(new_findings) | {k[0] for k in (*old, *new)}):
        pairs = _pairs(old, new, report_id, before.workspace, after.workspace)
        diff = ReportDiff(
            heading(reports[report_id]),
            _each(pairs, _response_change, since, as_of),
            tuple(c for o, n in pairs for c in _status_changes(o, n, since, as_of)),
            *_finding_changes(old_findings.get(report_id, {}), new_findings.get(report_id, {})),
            _each(pairs, _standing_change, since, as_of),
        )
        if any((diff.responses, diff.statuses, diff.new, diff.resolved, diff.severities, diff.standings)):
            diffs.append(diff)
    return Differences(_state(before, since), _state(after, as_of), tuple(diffs))


def fails(result: Differences, threshold: Severity | None) -> bool:
    """Whether a new finding at or above ``threshold`` appeared (never, without one)."""
    return threshold is not None and any(f.severity >= threshold for f in result.new_findings)


def _each(
    pairs: list[tuple[Obligation | None, Obligation | None]],
    change: Callable[[Obligation | None, Obligation | None, date, date], _Change | None],
    since: date,
    as_of: date,
) -> tuple[_Change, ...]:
    """The changes ``change`` finds in each pair, where it finds one."""
    return tuple(c for o, n in pairs if (c := change(o, n, since, as_of)) is not None)


def _state(snapshot: Snapshot, day: date) -> DiffState:
    revision = snapshot.revision
    return DiffState(revision.name if revision else None, revision.commit if revision else None, day)


def _by_key(workspace: Workspace, report_ids: Sequence[str], day: date) -> dict[tuple[str, str], Obligation]:
    return {(o.report.id, o.body.id): o for o in obligations(workspace, report_ids, day)}


def _pairs(
    old: dict[tuple[str, str], Obligation], new: dict[tuple[str, str], Obligation], report_id: str, before: Workspace, after: Workspace
) -> list[tuple[Obligation | None, Obligation | None]]:
    """The report's obligations in either state, paired, in the later workspace's order of bodies."""
    order = {body: i for i, body in enumerate((*after.bodies, *before.bodies))}
    keys = sorted({k for k in (*old, *new) if k[0] == report_id}, key=lambda k: order[k[1]])
    return [(old.get(k), new.get(k)) for k in keys]


def _present(o: Obligation | None, day: date) -> Response | None:
    """The response, where it exists and could have arrived by ``day``."""
    if o is None or o.response is None or o.receipt(day) is Receipt.NOT_YET:
        return None
    return o.response


def _named(o: Obligation | None, n: Obligation | None) -> tuple[str, str]:
    either = n or o
    assert either is not None
    return either.body.id, either.body.name


def _response_change(o: Obligation | None, n: Obligation | None, since: date, as_of: date) -> ResponseChange | None:
    before, after = _present(o, since), _present(n, as_of)
    was, now = _facts(before), _facts(after)
    facts = tuple(FactChange(fact, was[fact], now[fact]) for fact in was if was[fact] != now[fact])
    if not facts:
        return None
    change: ResponseChangeKind = "received" if before is None else "removed" if after is None else "changed"
    return ResponseChange(*_named(o, n), change, (now["file"] or was["file"] or ""), facts)


def _facts(response: Response | None) -> dict[str, str | None]:
    """What a response file says that a diff reports: when it came, whether it is public, where it is."""
    if response is None:
        return dict.fromkeys(("received", "published", "file"))
    return {"received": str(response.received), "published": "yes" if response.published else "no", "file": response.path}


_BLANK = {None, Status.NOT_ASSESSED}
"""No response and a response nobody has read against the recommendation say the same about it:
a change between them is the response's own change, already listed."""


def _status_changes(o: Obligation | None, n: Obligation | None, since: date, as_of: date) -> Iterable[StatusChange]:
    recommendations = {r.id: r for ob in (o, n) if ob is not None for r in ob.recommendations}
    for rec_id, rec in recommendations.items():
        was = _status(o, rec_id, since)
        now = _status(n, rec_id, as_of)
        if was != now and not {was, now} <= _BLANK:
            yield StatusChange(*_named(o, n), rec.label, was, now)


def _status(o: Obligation | None, rec_id: str, day: date) -> Status | None:
    if _present(o, day) is None:
        return None
    assert o is not None
    if rec_id not in {r.id for r in o.recommendations}:
        return None
    return o.status(rec_id)


def _standing_change(o: Obligation | None, n: Obligation | None, since: date, as_of: date) -> StandingChange | None:
    if o is None or n is None:
        return None
    was, now = o.timeliness(since), n.timeliness(as_of)
    if was is now:
        return None
    return StandingChange(*_named(o, n), n.due, was, now)


def _findings(snapshot: Snapshot, day: date, report_ids: Sequence[str]) -> dict[str, dict[str, Finding]]:
    """The state's findings under its own rule set, by report and fingerprint."""
    rules = engine.chosen_rules(snapshot.settings, (), ())
    found: dict[str, dict[str, Finding]] = {}
    addressed = engine.addressed(snapshot.settings)
    for finding in engine.run(snapshot.workspace, day, rules, report_ids, addressed=addressed).findings:
        found.setdefault(finding.report, {})[finding.fingerprint] = finding
    return found


def _finding_changes(
    old: dict[str, Finding], new: dict[str, Finding]
) -> tuple[tuple[Finding, ...], tuple[Finding, ...], tuple[SeverityChange, ...]]:
    appeared = tuple(sorted(f for key, f in new.items() if key not in old))
    resolved = tuple(sorted(f for key, f in old.items() if key not in new))
    severities = tuple(
        SeverityChange(f, old[key].severity)
        for key, f in sorted(new.items(), key=lambda item: item[1])
        if key in old and old[key].severity != f.severity
    )
    return appeared, resolved, severities
