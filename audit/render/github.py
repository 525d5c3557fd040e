"""``--format github``: workflow commands, so findings show as annotations on the YAML lines.

The syntax is ``::error file=F,line=L,title=T::MESSAGE``; in the message ``%``,
CR and LF are percent-encoded, and in property values ``:`` and ``,`` too. Other
control characters (an escape byte in a body's name) would reach the job log
raw, so they are written as visible escapes first.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from audit.render._text import printable
from audit.vocabulary import Severity

if TYPE_CHECKING:
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.results import Findings

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_DATA = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A"})
_PROPERTY = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"})


def render(result: Findings, options: RenderOptions) -> Iterator[str]:
    for f in result.findings:
        properties = [f"file={_safe(f.path, _PROPERTY)}"]
        if f.line:
            properties.append(f"line={f.line}")
        properties.append(f"title={_safe(f'{f.rule} ({f.body_name})', _PROPERTY)}")
        yield f"::{_COMMAND[f.severity]} {','.join(properties)}::{_safe(f.message, _DATA)}\n"


def _safe(text: str, table: dict[int, str]) -> str:
    return printable(text, keep="\r\n").translate(table)


FORMAT: Format[Findings] = render
