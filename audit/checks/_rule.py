"""The record every check module declares: the one seam by which the engine, ``audit rules`` and the
rules file's shape know a rule.

Cheap to import: the model and the context are needed for type checking only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from audit.checks._context import CheckContext
    from audit.model import Finding
    from audit.shape import Shape
    from audit.vocabulary import Severity

Check = Callable[["CheckContext", dict[str, Any]], Iterator["Finding"]]
"""Given the context and the rule's parameters (defaults filled in), the findings, in any order."""


@dataclass(frozen=True)
class Rule:
    """One rule: its id, what it finds, its defaults, and the function that finds it."""

    id: str
    severity: Severity
    """The default severity; a workspace's rules/*.yaml may set another."""
    summary: str
    """One line: what it finds."""
    doc: str
    """The user documentation, with failing and passing examples: the module's docstring."""
    check: Check
    conf: Mapping[str, Shape] = field(default_factory=dict)
    """Parameter name -> the shape of its value, validated where the rules file is read."""
    default: Mapping[str, Any] = field(default_factory=dict)
    """Parameter name -> its default value."""
