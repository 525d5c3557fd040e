"""Read the workspace's rule set, run the chosen checks, stamp severities, sort the findings."""

from __future__ import annotations

import dataclasses
import inspect
import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from audit import checks
from audit.checks._context import CheckContext
from audit.errors import DataError, Problem
from audit.load import read_document
from audit.model import Finding, RuleInfo, Severity, Workspace
from audit.obligations import Obligation, obligations
from audit.shape import Boolean, Choice, Document, Either, Field, Record, Struct

RULES_DIR = "rules"
_SWITCH = ("enable", "disable")


@dataclass(frozen=True)
class RuleSetting:
    """How one rule runs in this workspace."""

    id: str
    enabled: bool
    severity: Severity
    conf: dict[str, Any]


@dataclass(frozen=True)
class CheckResult:
    """What ``audit check`` found, and what it looked at."""

    as_of: date
    findings: tuple[Finding, ...]
    obligations: tuple[Obligation, ...]
    rules: tuple[RuleInfo, ...]
    """The rules that ran, in registry order."""


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
                        **{name: Field(shape) for name, shape in module.CONF.items()},
                    },
                    module.SUMMARY,
                    noun="parameter",
                ),
                module.SUMMARY,
            )
        )
        for rule_id, module in checks.RULES.items()
    }
    return Document(
        "rules",
        Struct({"rules": Field(Struct(per_rule, noun="rule"), required=True)}),
        "audit: rules/*.yaml",
    )


def default_settings() -> dict[str, RuleSetting]:
    return {
        rule_id: RuleSetting(rule_id, True, module.SEVERITY, dict(module.DEFAULT))
        for rule_id, module in checks.RULES.items()
    }


def load_settings(root: Path) -> dict[str, RuleSetting]:
    """Defaults, overridden by each ``rules/*.yaml`` in name order."""
    settings = default_settings()
    folder = root / RULES_DIR
    if not folder.is_dir():
        return settings
    document = rules_document()
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yaml")):
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


def run(workspace: Workspace, as_of: date, rules: Sequence[RuleSetting], reports: Sequence[str] = ()) -> CheckResult:
    """Run the chosen rules (``chosen_rules``) over every obligation (of the ``reports`` named, where any are)."""
    owed = tuple(obligations(workspace, reports))
    found: list[Finding] = []
    for setting in rules:
        context = CheckContext(as_of, owed, setting.id, setting.severity)
        found.extend(checks.RULES[setting.id].check(context, setting.conf))
    infos = tuple(rule_info(s) for s in rules)
    return CheckResult(as_of, tuple(sorted(found, key=_FINDING_ORDER)), owed, infos)


_FINDING_ORDER = operator.attrgetter(*(f.name for f in dataclasses.fields(Finding) if f.compare))
"""The order findings sort in (theirs, as declared): one key each, where comparing pairs would build two tuples per comparison."""


def rule_info(setting: RuleSetting) -> RuleInfo:
    module = checks.RULES[setting.id]
    return RuleInfo(setting.id, setting.severity, module.SUMMARY, inspect.cleandoc(module.__doc__ or ""))


def exit_code(findings: Iterable[Finding], fail_on: Severity) -> int:
    """0 when nothing is at or above ``fail_on``, 1 otherwise (2 is the CLI's, for errors)."""
    return 1 if any(f.severity >= fail_on for f in findings) else 0
