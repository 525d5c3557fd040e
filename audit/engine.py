"""Read the workspace's rule set, run the chosen checks, stamp severities, sort the findings."""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from audit import checks, schedule
from audit.checks import chase_due, recommendation_unaddressed
from audit.checks._context import CheckContext
from audit.coverage import chosen, overviews
from audit.errors import DataError
from audit.load import read_document, yaml_files_of
from audit.model import Finding, Severity, Status, Workspace
from audit.paths import RULES_DIR
from audit.results import Findings
from audit.shape import Boolean, Choice, Document, Either, Field, Record, Struct

_SWITCH = ("enable", "disable")


@dataclass(frozen=True)
class RuleSetting:
    """How one rule runs in this workspace."""

    id: str
    enabled: bool
    severity: Severity
    conf: dict[str, Any]


def rules_document() -> Document:
    """The shape of ``rules/*.yaml``, built from the registry so every rule's parameters are checked."""
    per_rule = {
        rule_id: Field(
            Either(
                Choice(_SWITCH),
                Struct(
                    {
                        "enabled": Field(Boolean()),
                        "severity": Field(Choice(tuple(s.value for s in reversed(Severity)))),
                        **{name: Field(spec.shape(spec.description)) for name, spec in rule.conf.items()},
                    },
                    rule.summary,
                    noun="parameter",
                ),
                rule.summary,
            )
        )
        for rule_id, rule in checks.RULES.items()
    }
    return Document(
        "rules",
        Struct({"rules": Field(Struct(per_rule, noun="rule"), required=True)}),
        "audit: rules/*.yaml",
    )


def default_settings() -> dict[str, RuleSetting]:
    return {
        rule_id: RuleSetting(rule_id, True, rule.severity, dict(rule.default))
        for rule_id, rule in checks.RULES.items()
    }


def load_settings(root: Path) -> dict[str, RuleSetting]:
    """Defaults, overridden by each ``rules/*.yaml`` in name order."""
    settings = default_settings()
    folder = root / RULES_DIR
    if not folder.is_dir():
        return settings
    document = rules_document()
    paths, problems = yaml_files_of(folder, root)
    for path in paths:
        record, found = read_document(path, path.relative_to(root).as_posix(), document)
        problems.extend(found)
        if record is not None:
            for rule_id, value in record["rules"].items():
                settings[rule_id] = _apply(settings[rule_id], value)
    if problems:
        raise DataError(problems)
    return settings


def _apply(setting: RuleSetting, value: str | Record) -> RuleSetting:
    if isinstance(value, str):
        return dataclasses.replace(setting, enabled=value == "enable")
    params = {k: v for k, v in value.items() if k not in ("enabled", "severity")}
    return RuleSetting(
        setting.id,
        value.get("enabled", setting.enabled),
        Severity(value["severity"]) if "severity" in value else setting.severity,
        {**setting.conf, **params},
    )


def chosen_rules(settings: dict[str, RuleSetting], select: Sequence[str], ignore: Sequence[str]) -> list[RuleSetting]:
    """``--select`` runs exactly the rules named (even disabled ones); ``--ignore`` drops rules."""
    for rule_id in (*select, *ignore):
        checks.get(rule_id)
    chosen = [s for s in settings.values() if (s.id in select if select else s.enabled)]
    return [s for s in chosen if s.id not in ignore]


def run(
    workspace: Workspace,
    as_of: date,
    rules: Sequence[RuleSetting],
    reports: Sequence[str] = (),
    *,
    addressed: Iterable[Status],
    bodies: Sequence[str] = (),
    kinds: Sequence[str] = (),
) -> Findings:
    """Run the chosen rules (``chosen_rules``) over every obligation (of the ``reports``, ``bodies`` and
    ``kinds`` named, where any are), with an overview of each report.

    ``addressed``: what counts as addressed in the overview (``addressed(settings)``), whether or not
    ``recommendation-unaddressed`` runs.
    """
    owed = tuple(chosen(workspace, as_of, reports, bodies, kinds))
    found: list[Finding] = []
    for setting in rules:
        context = CheckContext(as_of, owed, setting.id, setting.severity)
        found.extend(checks.RULES[setting.id].check(context, setting.conf))
    ran = tuple(checks.documentation(checks.RULES[s.id], s.severity, s.conf) for s in rules)
    # The overviews alone: the matrix's summaries by kind and by recommendation would be worked out for nothing.
    summary = overviews(owed, as_of, addressed)
    # One overview per report, in the order first met: each heading, worked out once.
    headings = tuple(overview.report for overview in summary)
    return Findings(as_of, ran, headings, tuple(schedule.owed(o) for o in owed), tuple(sorted(found, key=_FINDING_ORDER)), summary)


_FINDING_ORDER = operator.attrgetter(*(f.name for f in dataclasses.fields(Finding) if f.compare))
"""The order findings sort in (theirs, as declared): one key each, where comparing pairs would build two tuples per comparison."""


def addressed(settings: dict[str, RuleSetting]) -> tuple[Status, ...]:
    """The statuses that count as addressed in this workspace: what ``recommendation-unaddressed`` is set to accept."""
    return recommendation_unaddressed.addressed(settings[recommendation_unaddressed.RULE.id].conf)


def chase_interval(settings: dict[str, RuleSetting]) -> int:
    """Days after a chase before the next is due in this workspace: what ``chase-due`` is set to."""
    return int(settings[chase_due.RULE.id].conf["interval"])


def exit_code(findings: Iterable[Finding], fail_on: Severity) -> int:
    """0 when nothing is at or above ``fail_on``, 1 otherwise (2 is the CLI's, for errors)."""
    return 1 if any(f.severity >= fail_on for f in findings) else 0
