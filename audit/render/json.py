"""``--format json``: one object, ``as_of``, ``rules``, ``summary``, ``overview`` (one per report) and ``findings``
(one per line), for scripts and CI. A finding's ``path`` is the response file, or where there is none
(``file_exists`` false) the file that would hold it."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from json.encoder import encode_basestring
from typing import TYPE_CHECKING

from audit.render._json import WORD, Encoded, chunks, counts_layout
from audit.vocabulary import Severity, Timeliness

if TYPE_CHECKING:
    from audit.model import Finding
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.results import Findings, Overview


def render(result: Findings, options: RenderOptions) -> Iterator[str]:
    counts = Counter(f.severity for f in result.findings)
    exists = {(o.report, o.body): o.exists for o in result.owed}
    document = {
        "as_of": result.as_of.isoformat(),
        "rules": [rule.id for rule in result.rules],
        "summary": {s.value: counts[s] for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)},
        "overview": Encoded(_overview_lines(result.overview)),
        # A response that does not exist is said to be so: its path is where it would be.
        "findings": Encoded(_finding_lines(result.findings, exists)),
    }
    return chunks(document, inline_from=2)


def _finding_lines(findings: Iterable[Finding], exists: Mapping[tuple[str, str], bool]) -> Iterator[str]:
    """Each finding's ``finding_record`` with its ``file_exists``, on one line, as the encoder writes it.

    Written from the fields, each text encoded once however often it recurs (a rule, a report, a
    body, a path, a message), where encoding 100,000 records one by one cost as much as running
    every check (a fingerprint is hex digits, with nothing to escape, and never recurs). The tests
    hold it to ``finding_record``, byte for byte.
    """
    quoted = functools.cache(encode_basestring)
    for f in findings:
        yield (
            f'{{"rule": {quoted(f.rule)}, "severity": "{WORD[f.severity]}", "report": {quoted(f.report)}, '
            f'"body": {quoted(f.body)}, "body_name": {quoted(f.body_name)}, '
            f'"recommendation": {quoted(f.recommendation) if f.recommendation else "null"}, "message": {quoted(f.message)}, '
            f'"path": {quoted(f.path)}, "line": {f.line or "null"}, "fingerprint": "{f.fingerprint}", '
            f'"file_exists": {"true" if exists[(f.report, f.body)] else "false"}}}'
        )


def _overview_lines(overviews: Iterable[Overview]) -> Iterator[str]:
    """Each report's overview on one line, as the encoder writes it, written from the fields: a
    workspace of thousands of small reports has thousands of them (the tests hold the layout to the
    general writer's)."""
    quoted = functools.cache(encode_basestring)
    deadlines = counts_layout(_TIMELINESS)
    for o in overviews:
        yield (
            f'{{"report": {quoted(o.report.id)}, "due": "{o.report.due.day.isoformat()}", "owing": {o.owing}, "replied": {o.replied}, '
            f'"deadlines": {deadlines % tuple(map(o.deadlines.__getitem__, _TIMELINESS))}, "unpublished": {o.unpublished}, '
            f'"unaddressed": {o.unaddressed}, "not_assessed": {o.not_assessed}}}'
        )


_TIMELINESS = tuple(Timeliness)
"""An overview counts bodies by every standing, in this order, zero included."""


FORMAT: Format[Findings] = render
