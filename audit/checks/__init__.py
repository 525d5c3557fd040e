"""The registry of checks: an explicit table from rule id to rule record, no discovery.

Each module under ``audit/checks/`` declares one ``RULE`` (``audit/checks/_rule.py``): its id,
default severity, one-line summary, its docstring as user documentation, its parameters (each a
``ParameterSpec``: what it sets, and the function that builds its value's shape) and defaults, and
``check(ctx, conf) -> Iterator[Finding]``. A new rule is one module and one
line in ``RULES``.
"""

from __future__ import annotations

import inspect
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
from audit.rule_docs import Parameter, RuleCatalogue, RuleDoc

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
        from audit.errors import ConfigError
        from audit.shape import did_you_mean

        raise ConfigError(f"unknown rule {rule_id!r}" + did_you_mean(rule_id, RULES)) from None


def documentation(rule: Rule, severity: Severity | None = None, conf: Mapping[str, Any] | None = None) -> RuleDoc:
    """The rule as a person reads about it: with its defaults, or the ``severity`` and ``conf`` a workspace sets."""
    if conf is None:
        # Written in the check modules as a rules file holds them (a test keeps them so):
        # `audit rules` shows only these, and need not import json.
        values = rule.default
    else:
        import json

        # A workspace's values go through JSON so that a format shows them as a rules file would hold them.
        values = {name: json.loads(json.dumps(conf[name])) for name in rule.conf}
    parameters = tuple(Parameter(name, spec.description, values[name]) for name, spec in rule.conf.items())
    return RuleDoc(rule.id, severity or rule.severity, rule.summary, inspect.cleandoc(rule.doc), parameters)


def catalogue(rule_id: str | None = None) -> RuleCatalogue:
    """Every rule with its defaults, or (``rule_id``) the one rule, explained."""
    if rule_id is None:
        return RuleCatalogue(tuple(documentation(rule) for rule in RULES.values()), explained=False)
    return RuleCatalogue((documentation(get(rule_id)),), explained=True)
