"""The registry of checks: an explicit table from rule id to rule record, no discovery.

Each module under ``audit/checks/`` declares one ``RULE`` (``audit/checks/_rule.py``): its id,
default severity, one-line summary, its docstring as user documentation, its parameters' shapes
and defaults, and ``check(ctx, conf) -> Iterator[Finding]``. A new rule is one module and one
line in ``RULES``.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from audit.checks import (
    chase_due,
    deadline_missed,
    deadline_unknown,
    recommendation_not_assessed,
    recommendation_unaddressed,
    response_due_soon,
    response_missing,
    response_unpublished,
)
from audit.checks._rule import Rule
from audit.errors import ConfigError
from audit.rule_docs import Parameter, RuleCatalogue, RuleDoc
from audit.shape import did_you_mean

if TYPE_CHECKING:
    from audit.vocabulary import Severity

RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        response_missing.RULE,
        response_unpublished.RULE,
        deadline_missed.RULE,
        deadline_unknown.RULE,
        recommendation_unaddressed.RULE,
        recommendation_not_assessed.RULE,
        response_due_soon.RULE,
        chase_due.RULE,
    )
}


def get(rule_id: str) -> Rule:
    """The rule with this id; refuses an unknown id with a suggestion."""
    try:
        return RULES[rule_id]
    except KeyError:
        raise ConfigError(f"unknown rule {rule_id!r}" + did_you_mean(rule_id, RULES)) from None


def documentation(rule: Rule, severity: Severity | None = None, conf: Mapping[str, Any] | None = None) -> RuleDoc:
    """The rule as a person reads about it: with its defaults, or the ``severity`` and ``conf`` a workspace sets."""
    values = rule.default if conf is None else conf
    parameters = tuple(
        # Values go through JSON so that a format shows them as a rules file would hold them.
        Parameter(name, shape.description, json.loads(json.dumps(values[name])))
        for name, shape in rule.conf.items()
    )
    return RuleDoc(rule.id, severity or rule.severity, rule.summary, inspect.cleandoc(rule.doc), parameters)


def catalogue(rule_id: str | None = None) -> RuleCatalogue:
    """Every rule with its defaults, or (``rule_id``) the one rule, explained."""
    if rule_id is None:
        return RuleCatalogue(tuple(documentation(rule) for rule in RULES.values()), explained=False)
    return RuleCatalogue((documentation(get(rule_id)),), explained=True)
