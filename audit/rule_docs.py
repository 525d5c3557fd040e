"""The rules as a person reads about them: the result ``audit rules`` shows, and ``Findings`` names.

Beside ``audit/results.py``, not in it: defining every result costs ``audit rules`` more than the
rest of its start-up, and it needs none of them. Named tuples, not frozen dataclasses, for the same
reason: a frozen dataclass writes and compiles its methods as the module is imported (about 0.3 ms
each), a named tuple's are mostly C's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from audit.vocabulary import Severity


class Parameter(NamedTuple):
    """One parameter of a rule: its name, what it sets, and its value."""

    name: str
    description: str
    value: Any
    """Its default, or the value a workspace sets; as a rules file would hold it (JSON-like)."""


class RuleDoc(NamedTuple):
    """A rule as a person reads about it: its defaults (``audit rules``), or what a workspace sets (``Findings``)."""

    id: str
    severity: Severity
    """Its default (``audit rules``), or the severity a workspace's rules give it (``Findings``)."""
    summary: str
    doc: str
    """The user documentation: the check module's docstring."""
    parameters: tuple[Parameter, ...]


class RuleCatalogue(NamedTuple):
    """``audit rules``: every rule in registry order, or (``explained``) the one asked about."""

    rules: tuple[RuleDoc, ...]
    explained: bool
