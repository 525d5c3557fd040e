"""JSON that stays fast on a large workspace: indented near the top, one line per record below, streamed.

``json.dumps(indent=...)`` runs the pure-Python encoder (CPython's C encoder cannot indent before
3.13), which on 20,000 response files costs more than running every check. Values at and below
``inline_from`` levels of nesting are written by the C encoder, each on one line: the output is
still one record per line for ``diff`` and ``grep``. A list may be given as an iterator, so that
records are made as they are written rather than all held at once.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from audit.changes import FactChange
    from audit.model import Finding
    from audit.vocabulary import Vocabulary


class _Words(dict["Vocabulary", str]):
    """Each member of a fixed vocabulary, its word: looked up once, then by dictionary (an enum's
    ``value`` is two Python calls, and records written from their fields ask for tens of thousands)."""

    def __missing__(self, member: Vocabulary) -> str:
        word = self[member] = str(member.value)
        return word


WORD = _Words()


@functools.cache
def counts_layout(keys: tuple[Vocabulary, ...]) -> str:
    """A JSON object of these words, each with a count (``%d``), as the encoder writes it on one line:
    the counts of thousands of summaries come in one of a few sets of keys."""
    return "{" + ", ".join(f'"{WORD[key]}": %d' for key in keys) + "}"


_encode = json.JSONEncoder(ensure_ascii=False).encode
"""``json.dumps(value, ensure_ascii=False)``, without making an encoder per call: one per record adds up."""


def chunks(value: Any, inline_from: int) -> Iterator[str]:
    """``value`` as JSON, indented by two spaces down to nesting depth ``inline_from``, then a newline, in pieces."""
    yield from _dump(value, 0, inline_from)
    yield "\n"


@dataclass(frozen=True)
class Encoded:
    """A list whose items come already written as JSON, each as it goes at its place: on a line of its
    own where the encoder would write one line per item, or, above that depth, indented as this
    module would indent it from its second line on. Many records of one shape are written from their
    fields faster than the encoder writes each record (``json.py``'s findings, ``coverage_json.py``'s
    reports)."""

    lines: Iterator[str]


def _dump(value: Any, depth: int, inline_from: int) -> Iterator[str]:
    encoded = isinstance(value, Encoded)
    if encoded:
        value = value.lines
    if isinstance(value, Iterator):
        first = next(value, _END)
        value = [] if first is _END else chain((first,), value)
    elif depth >= inline_from or not value or not isinstance(value, (dict, list, tuple)):
        yield _encode(value)
        return
    if depth >= inline_from or value == []:
        yield _encode(list(value))
        return
    inner = "  " * (depth + 1)
    if isinstance(value, dict):
        yield "{"
        for i, (key, item) in enumerate(value.items()):
            yield f"{',' if i else ''}\n{inner}{_encode(key)}: "
            yield from _dump(item, depth + 1, inline_from)
        yield "\n" + "  " * depth + "}"
        return
    yield "["
    if encoded:
        # Joined a batch at a time: yielded one by one, each of 100,000 findings' lines passed up
        # three generators on its way out.
        separator = ",\n" + inner
        lines = iter(value)
        batch = list(islice(lines, _BATCH))
        opening = "\n" + inner
        while batch:
            yield opening + separator.join(batch)
            opening = separator
            batch = list(islice(lines, _BATCH))
    elif depth + 1 >= inline_from:
        # One line per item, the common case (a finding, a row): written here, not by one more generator each.
        for i, item in enumerate(value):
            yield f"{',' if i else ''}\n{inner}{_encode(list(item) if isinstance(item, Iterator) else item)}"
    else:
        for i, item in enumerate(value):
            yield f"{',' if i else ''}\n{inner}"
            yield from _dump(item, depth + 1, inline_from)
    yield "\n" + "  " * depth + "]"


_END = object()

_BATCH = 256
"""Lines written already as JSON, joined into one piece: a few tens of kilobytes."""


def finding_record(f: Finding) -> dict[str, Any]:
    """One finding as every JSON format of the tool writes it."""
    return {
        "rule": f.rule,
        "severity": f.severity.value,
        "report": f.report,
        "body": f.body,
        "body_name": f.body_name,
        "recommendation": f.recommendation or None,
        "message": f.message,
        "path": f.path,
        "line": f.position,
        "fingerprint": f.fingerprint,
    }


def fact_record(change: FactChange) -> dict[str, Any]:
    """One fact before and after (null where it was not there), as the diff's and the history's JSON write it."""
    return {"fact": change.fact, "before": change.before, "after": change.after}
