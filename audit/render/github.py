"""``--format github``: workflow commands, so findings show as annotations on the YAML lines.

The syntax is ``::error file=F,line=L,title=T::MESSAGE``; in the message ``%``,
CR and LF are percent-encoded, and in property values ``:`` and ``,`` too. Other
control characters (an escape byte in a body's name) would reach the job log
raw, so they are written as visible escapes first.

Only findings at or above ``--show`` (warning, by default) are annotated: a step shows only the
first few annotations, and those should be the ones to act on. One plain line ends the output with
the counts, and says what was left out. A finding about a response that has no file is annotated
without a file, which is not there to point at.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from audit.render._text import printable
from audit.vocabulary import Severity

if TYPE_CHECKING:
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.results import Findings

_NOUN = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}
_NOUNS = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "info"}
_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_DATA = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A"})
_PROPERTY = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"})


def render(result: Findings, options: RenderOptions) -> Iterator[str]:
    exists = {(o.report, o.body): o.exists for o in result.owed}
    annotated = 0
    for f in result.findings:
        if f.severity < options.show:
            continue
        annotated += 1
        properties = []
        if exists[(f.report, f.body)]:
            properties.append(f"file={_safe(options.path_prefix + f.path, _PROPERTY)}")
            if f.line:
                properties.append(f"line={f.line}")
        properties.append(f"title={_safe(f'{f.rule} ({f.body_name})', _PROPERTY)}")
        yield f"::{_COMMAND[f.severity]} {','.join(properties)}::{_safe(f.message, _DATA)}\n"
    yield _summary(result, options, annotated)


def _summary(result: Findings, options: RenderOptions, annotated: int) -> str:
    counts = Counter(f.severity for f in result.findings)
    found = ", ".join(f"{counts[s]} {_NOUN[s] if counts[s] == 1 else _NOUNS[s]}" for s in sorted(Severity, reverse=True))
    total = len(result.findings)
    if annotated == total:
        shown = f"all {total} annotated" if total else "nothing to annotate"
    else:
        lower = min(s for s in Severity if counts[s] and s < options.show)
        shown = f"{annotated} annotated (at or above {options.show.value}; --show {lower.value} annotates the rest)"
    return f"audit check as of {result.as_of.isoformat()}: {found}; {shown}.\n"


def _safe(text: str, table: dict[int, str]) -> str:
    return printable(text, keep="\r\n").translate(table)


FORMAT: Format[Findings] = render
