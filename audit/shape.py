"""The shape of the data files, declared once.

Each shape reads a YAML node into plain Python values, reporting every problem
with its line and column, and describes itself as JSON Schema, so the loader's
validation and the schema editors use cannot disagree.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeGuard

from audit.errors import Problem

if TYPE_CHECKING:
    # Shapes tell nodes apart by their ``id``, not their class: the checks declare their parameters
    # with shapes, and listing the checks (`audit rules`) should not have to import PyYAML.
    import yaml

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL, _DATE = (
    _TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")
)
_SEQ, _MAP, _MERGE = _TAG + "seq", _TAG + "map", _TAG + "merge"
_KEY_TAGS = (_STR, _INT)
_PLAIN_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _DATE, _SEQ, _MAP}
_SURROGATE = re.compile("[\ud800-\udfff]")


def _lone_equals(text: str) -> bool:
    """Whether an "=" in the text may be a whole plain scalar (YAML resolves one to !!value)."""
    # str.find, not a regular expression: most files hold one "=", in their schema comment, and a
    # pattern that can begin anywhere tries every character.
    at = text.find("=")
    while at != -1:
        if (text[at - 1] if at else " ") in " \t\r\n[{," and (text[at + 1 : at + 2] or " ") in " \t\r\n,]}:":
            return True
        at = text.find("=", at + 1)
    return False

INVALID: Any = type("Invalid", (), {"__repr__": lambda self: "INVALID"})()
"""What ``read`` returns for a node it has reported a problem with."""


class Record(dict):  # type: ignore[type-arg]
    """A mapping read from YAML that remembers its own line and column and each key's (1-based).

    Plain data (a dict, ints, dicts of ints) so that a validated file can be cached as it is, and
    a problem found across files in a cached file still has its column.
    """

    def __init__(self, line: int, column: int = 1):
        super().__init__()
        self.line = line
        self.column = column
        self.key_lines: dict[str, int] = {}
        self.key_columns: dict[str, int] = {}

    def key_at(self, key: str) -> tuple[int, int]:
        """The key's line and column."""
        return self.key_lines[key], self.key_columns[key]

    @property
    def at(self) -> tuple[int, int]:
        return self.line, self.column


class Reader:
    """Collects the problems of one file while its shapes are read."""

    def __init__(self, shown_path: str, text: str):
        self.path = shown_path
        self.problems: list[Problem] = []
        self.partials: dict[int, Record] = {}
        """Node id -> what was valid in a mapping that was not, so that one problem in a file does
        not hide the others (an unknown recommendation beside an invalid status)."""
        self._visited: set[int] = set()
        # An alias is written with "*", a tag with "!", and the one implicit tag beyond plain YAML
        # (!!value) is a plain "=" standing alone: a file with none of them holds none, and its
        # nodes need no tracking (most files; the tracking costs a tenth of the reading). An "="
        # inside a word (a comment's "$schema=...") is not one. The shapes test it before calling
        # ``admit``: that call, for every node of every file, cost more than the test.
        self.plain = "*" not in text and "!" not in text and not _lone_equals(text)

    def problem(self, node: yaml.Node, message: str) -> Any:
        mark = node.start_mark
        self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, message))
        return INVALID

    def admit(self, node: yaml.Node) -> bool:
        """Refuse a node met twice (an alias) or carrying a tag beyond plain YAML (``plain``: none can be)."""
        if self.plain:
            return True
        visited = self._visited
        size = len(visited)
        visited.add(id(node))
        if len(visited) == size:
            self.problem(
                node, "this anchored value is reused by an alias: anchors and aliases are not allowed in data files"
            )
            return False
        if node.tag not in _PLAIN_TAGS:
            self.problem(node, f"tag {_short_tag(node.tag)} is not allowed: data files hold plain YAML only")
            return False
        return True


def line_of(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag


def _is_scalar(node: yaml.Node) -> TypeGuard[yaml.ScalarNode]:
    return node.id == "scalar"  # type: ignore[attr-defined, no-any-return]  # the stubs omit the class's id


def _is_sequence(node: yaml.Node) -> TypeGuard[yaml.SequenceNode]:
    return node.id == "sequence"  # type: ignore[attr-defined, no-any-return]


def _is_mapping(node: yaml.Node) -> TypeGuard[yaml.MappingNode]:
    return node.id == "mapping"  # type: ignore[attr-defined, no-any-return]


def _describe(node: yaml.Node) -> str:
    if _is_mapping(node):
        return "a mapping"
    if _is_sequence(node):
        return "a list"
    names = {_STR: "text", _INT: "a number", _FLOAT: "a number", _NULL: "nothing (null)", _DATE: "a date"}
    if node.tag == _BOOL:
        return f"the boolean {node.value!r} (quote it if you meant text)"
    return names.get(node.tag, "a value")


def _scalar(node: yaml.Node) -> Any:
    constructor = _scalar_constructor()
    return constructor.yaml_constructors[node.tag](constructor, node)


@functools.cache
def _scalar_constructor() -> Any:
    from yaml.constructor import SafeConstructor

    return SafeConstructor()


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    import difflib  # only a mistake needs it

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


class Shape:
    """One kind of value a data file may hold."""

    description = ""

    def read(self, node: yaml.Node, reader: Reader) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def _schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        if self.description:
            schema = {"description": self.description, **schema}
        return schema


class _ScalarShape(Shape):
    tags: frozenset[str] = frozenset()
    expected = ""

    def read(self, node: yaml.Node, reader: Reader) -> Any:
        if not (reader.plain or reader.admit(node)):
            return INVALID
        if not _is_scalar(node) or node.tag not in self.tags:
            return reader.problem(node, f"expected {self.expected}, found {_describe(node)}")
        return self.convert(node, reader)

    def convert(self, node: yaml.ScalarNode, reader: Reader) -> Any:
        return _scalar(node)


@dataclass
class Text(_ScalarShape):
    """Text; optionally it must match a pattern (explained by ``pattern_hint``)."""

    description: str = ""
    pattern: str | None = None
    pattern_hint: str = ""
    tags = frozenset({_STR})
    expected = "text"

    def convert(self, node: yaml.ScalarNode, reader: Reader) -> Any:
        value = node.value
        if not value or value.isspace():
            return reader.problem(node, "expected text, found an empty string")
        if not value.isascii() and _SURROGATE.search(value):
            # YAML's "\ud800" escape yields half of a UTF-16 pair, which is no character and cannot be written out.
            return reader.problem(node, "text holds a lone surrogate escape (such as \\ud800); write the character itself or \\U escape it")
        if self._fullmatch is not None and self._fullmatch(value) is None:
            return reader.problem(node, f"{value!r} is not {self.pattern_hint}")
        return value

    def __post_init__(self) -> None:
        # Compiled once: re.fullmatch would look the pattern up in re's cache for every value read.
        self._fullmatch = re.compile(self.pattern).fullmatch if self.pattern else None

    def matches(self, value: str) -> bool:
        return self._fullmatch is None or self._fullmatch(value) is not None

    def json_schema(self) -> dict[str, Any]:
        # Blank text is refused by read() as by the pattern, so the schema agrees with the loader.
        schema: dict[str, Any] = {"type": "string", "pattern": f"^(?:{self.pattern})$" if self.pattern else r"\S"}
        return self._schema(schema)


FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)
"""The days a data file or --as-of may name. With every period bounded too (``Integer.maximum``),
every day the checks work out from them (a due date, a window ahead, the day after for a calendar)
stays far inside the calendar Python can count (year 9999), so validation catches what the checks
could not compute."""


@dataclass
class Integer(_ScalarShape):
    """A whole number, at least ``minimum`` and (where set) at most ``maximum``."""

    description: str = ""
    minimum: int = 0
    maximum: int | None = None
    tags = frozenset({_INT})
    expected = "a whole number"

    def convert(self, node: yaml.ScalarNode, reader: Reader) -> Any:
        value = _scalar(node)
        if value < self.minimum:
            return reader.problem(node, f"expected a whole number of at least {self.minimum}, found {value}")
        if self.maximum is not None and value > self.maximum:
            return reader.problem(node, f"expected a whole number of at most {self.maximum:,}, found {value:,}")
        return value

    def json_schema(self) -> dict[str, Any]:
        bounds = {"minimum": self.minimum} | ({"maximum": self.maximum} if self.maximum is not None else {})
        return self._schema({"type": "integer", **bounds})


@dataclass
class Boolean(_ScalarShape):
    """true or false."""

    description: str = ""
    tags = frozenset({_BOOL})
    expected = "true or false"

    def json_schema(self) -> dict[str, Any]:
        return self._schema({"type": "boolean"})


@dataclass
class Day(_ScalarShape):
    """A calendar date written YYYY-MM-DD (quoted or not)."""

    description: str = ""
    tags = frozenset({_DATE, _STR})
    expected = "a date (YYYY-MM-DD)"

    def convert(self, node: yaml.ScalarNode, reader: Reader) -> Any:
        if node.tag == _STR and not re.fullmatch(r"\d{4}-\d\d-\d\d", node.value):
            return reader.problem(node, f"expected a date (YYYY-MM-DD), found {node.value!r}")
        try:
            # A YYYY-MM-DD timestamp (ten characters, by YAML's pattern) is read by the C date
            # parser; only one with a time goes through PyYAML's constructor.
            value = date.fromisoformat(node.value) if node.tag == _STR or len(node.value) == 10 else _scalar(node)
        except ValueError:
            return reader.problem(node, f"{node.value!r} is not a real date")
        if isinstance(value, datetime):
            return reader.problem(node, f"expected a date without a time, found {node.value!r}")
        if not FIRST_DAY <= value <= LAST_DAY:
            return reader.problem(node, f"{node.value} is outside the years this tool counts ({FIRST_DAY.year} to {LAST_DAY.year})")
        return value

    def json_schema(self) -> dict[str, Any]:
        return self._schema({"type": "string", "format": "date", "pattern": "^(19|2[0-9])[0-9]{2}-"})


@dataclass
class Choice(_ScalarShape):
    """One of a fixed set of words."""

    values: tuple[str, ...] = ()
    description: str = ""
    tags = frozenset({_STR})
    expected = "text"

    def convert(self, node: yaml.ScalarNode, reader: Reader) -> Any:
        if node.value not in self.values:
            return reader.problem(
                node,
                f"{node.value!r} is not one of: {', '.join(self.values)}"
                + did_you_mean(node.value, self.values),
            )
        return node.value

    def json_schema(self) -> dict[str, Any]:
        return self._schema({"type": "string", "enum": list(self.values)})


@dataclass
class ListOf(Shape):
    """A list of values of one shape, with at least ``min_items`` of them."""

    item: Shape
    description: str = ""
    min_items: int = 0

    def read(self, node: yaml.Node, reader: Reader) -> Any:
        if not (reader.plain or reader.admit(node)):
            return INVALID
        if not _is_sequence(node):
            return reader.problem(node, f"expected a list, found {_describe(node)}")
        if len(node.value) < self.min_items:
            return reader.problem(node, f"expected at least {self.min_items} item(s), found {len(node.value)}")
        values = [self.item.read(child, reader) for child in node.value]
        return INVALID if INVALID in values else values

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            schema["minItems"] = self.min_items
        return self._schema(schema)


@dataclass
class Field:
    """One key of a ``Struct``: the shape of its value, and whether it must be there."""

    shape: Shape
    required: bool = False


class _MappingShape(Shape):
    """What every mapping shape shares: the node checks, duplicate keys, a ``Record`` with lines."""

    def read(self, node: yaml.Node, reader: Reader) -> Any:
        if not (reader.plain or reader.admit(node)):
            return INVALID
        if not _is_mapping(node):
            return reader.problem(node, f"expected a mapping, found {_describe(node)}")
        record = Record(line_of(node), node.start_mark.column + 1)
        ok = True
        lines, columns = record.key_lines, record.key_columns
        # One loop for the keys' checks and the values, with no generator between: this runs for
        # every mapping of every file.
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                reader.problem(key_node, "merge keys (<<) are not allowed in data files")
                continue
            if not (reader.plain or reader.admit(key_node)):
                continue
            if key_node.tag not in _KEY_TAGS or not _is_scalar(key_node):
                reader.problem(key_node, f"a key must be text, found {_describe(key_node)}")
                continue
            key = key_node.value
            if key in lines:
                reader.problem(key_node, f"duplicate key {key!r} (first on line {lines[key]})")
                continue
            mark = key_node.start_mark
            lines[key] = mark.line + 1
            columns[key] = mark.column + 1
            value = self.read_value(key, key_node, value_node, reader)
            if value is INVALID:
                ok = False
                # What was valid in it still serves the checks across files (Reader.partial).
                partial = reader.partials.get(id(value_node))
                if partial is not None:
                    record[key] = partial
            else:
                record[key] = value
        ok = self.complete(node, record, reader) and ok
        if not ok:
            reader.partials[id(node)] = record
            return INVALID
        return record

    def read_value(self, key: str, key_node: yaml.Node, value_node: yaml.Node, reader: Reader) -> Any:
        raise NotImplementedError

    def complete(self, node: yaml.Node, record: Record, reader: Reader) -> bool:
        """Checks on the mapping as a whole; False where a problem was reported."""
        return True


@dataclass
class Struct(_MappingShape):
    """A mapping with known keys; unknown keys are refused with a suggestion."""

    fields: dict[str, Field]
    description: str = ""
    one_of: tuple[str, ...] = ()
    """Exactly one of these keys must be present."""
    noun: str = "key"
    """What a key names, for messages: "unknown rule 'x'"."""

    def read_value(self, key: str, key_node: yaml.Node, value_node: yaml.Node, reader: Reader) -> Any:
        spec = self.fields.get(key)
        if spec is None:
            return reader.problem(key_node, f"unknown {self.noun} {key!r}" + did_you_mean(key, self.fields))
        return spec.shape.read(value_node, reader)

    def __post_init__(self) -> None:
        self._required = tuple(key for key, spec in self.fields.items() if spec.required)

    def complete(self, node: yaml.Node, record: Record, reader: Reader) -> bool:
        ok = True
        for key in self._required:
            if key not in record.key_lines:
                reader.problem(node, f"missing required key {key!r}")
                ok = False
        if self.one_of:
            present = [k for k in self.one_of if k in record.key_lines]
            if len(present) != 1:
                reader.problem(node, f"expected exactly one of {', '.join(self.one_of)}, found {len(present)}")
                ok = False
        return ok

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "type": "object",
            "properties": {k: f.shape.json_schema() for k, f in self.fields.items()},
            "additionalProperties": False,
        }
        required = [k for k, f in self.fields.items() if f.required]
        if required:
            schema["required"] = required
        if self.one_of:
            schema["oneOf"] = [{"required": [k]} for k in self.one_of]
        return self._schema(schema)


@dataclass
class MapOf(_MappingShape):
    """A mapping from free keys (checked by ``key``) to values of one shape."""

    key: Text
    value: Shape
    description: str = ""

    def read_value(self, key: str, key_node: yaml.Node, value_node: yaml.Node, reader: Reader) -> Any:
        if not self.key.matches(key):
            return reader.problem(key_node, f"{key!r} is not {self.key.pattern_hint}")
        return self.value.read(value_node, reader)

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "object", "additionalProperties": self.value.json_schema()}
        if self.key.pattern:
            schema["propertyNames"] = {"pattern": f"^(?:{self.key.pattern})$"}
        return self._schema(schema)


@dataclass
class Either(Shape):
    """A scalar of one shape or a mapping of another (e.g. a date, or a range of dates)."""

    scalar: Shape
    mapping: Shape
    description: str = ""

    def read(self, node: yaml.Node, reader: Reader) -> Any:
        chosen = self.mapping if _is_mapping(node) else self.scalar
        return chosen.read(node, reader)

    def json_schema(self) -> dict[str, Any]:
        return self._schema({"oneOf": [self.scalar.json_schema(), self.mapping.json_schema()]})


@dataclass
class Document:
    """A whole file: its top shape, and the check applied to what was read."""

    name: str
    top: Shape
    title: str

    def json_schema(self) -> dict[str, Any]:
        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://audit.invalid/schema/{self.name}.schema.json",
            "title": self.title,
            **self.top.json_schema(),
        }
