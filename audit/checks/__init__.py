"""The registry of checks: an explicit table from rule id to module, no discovery.

Each module declares ``ID``, ``SEVERITY`` (the default), ``SUMMARY`` (one
line), ``CONF`` (parameter name -> shape), ``DEFAULT`` (parameter values), a
docstring that is its user documentation, and
``check(ctx, conf) -> Iterator[Finding]``.
"""

from __future__ import annotations

from types import ModuleType

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
from audit.errors import ConfigError
from audit.shape import did_you_mean

RULES: dict[str, ModuleType] = {
    module.ID: module
    for module in (
        response_missing,
        response_unpublished,
        deadline_missed,
        deadline_unknown,
        recommendation_unaddressed,
        recommendation_not_assessed,
        response_due_soon,
        chase_due,
    )
}


def get(rule_id: str) -> ModuleType:
    """The check with this id; refuses an unknown id with a suggestion."""
    try:
        return RULES[rule_id]
    except KeyError:
        raise ConfigError(f"unknown rule {rule_id!r}" + did_you_mean(rule_id, RULES)) from None
