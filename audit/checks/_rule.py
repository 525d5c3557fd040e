"""The record every check module declares: the one seam by which the engine, ``audit rules`` and the
rules file's shape know a rule.

Cheap to import: the model and the context are needed for type checking only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from audit.checks._context import CheckContext
    from audit.model import Finding
    from audit.shape import Shape
    from audit.vocabulary import Severity

Check = Callable[["CheckContext", dict[str, Any]], Iterator["Finding"]]
"""Given the context and the rule's parameters (defaults filled in), the findings, in any order."""


class ParameterSpec(NamedTuple):
    """One parameter of a rule: what it sets, and how to build the shape of its value.

    The shape is built only where a workspace's rules are read: defining the shapes' classes cost
    `audit rules`, which shows only the description, a tenth of its start-up.
    """

    description: str
    shape: Callable[[str], Shape]
    """Given the description, the shape of the value (importing ``audit.shape`` as it runs)."""


class Rule(NamedTuple):
    """One rule: its id, what it finds, its defaults, and the function that finds it.

    A named tuple, as the records ``audit rules`` shows are (``audit/rule_docs.py``): a frozen
    dataclass compiles its methods at every start-up.
    """

    id: str
    severity: Severity
    """The default severity; a workspace's rules/*.yaml may set another."""
    summary: str
    """One line: what it finds."""
    doc: str
    """The user documentation, with failing and passing examples: the module's docstring."""
    check: Check
    conf: Mapping[str, ParameterSpec] = {}
    """Parameter name -> what it sets and the shape of its value, validated where the rules file is read."""
    default: Mapping[str, Any] = {}
    """Parameter name -> its default value."""
