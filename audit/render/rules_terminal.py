"""``audit rules``: the rules as aligned columns, or one rule explained, its reStructuredText documentation set as text.

The list is plain text, wrapped to the width with the standard library: a table library would cost
more to import than the command takes. One rule's documentation is parsed with docutils and laid
out with rich as a person reads it: paragraphs wrapped to the width, inline literals and examples
shown as code (coloured on a terminal, quoted when plain), never the markup (double back-quotes,
``::``) itself.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docutils import nodes
    from rich.console import Console, RenderableType
    from rich.text import Text

    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.rule_docs import RuleCatalogue, RuleDoc

NARROWEST_SUMMARY = 30
"""Columns the summary needs beside the others before the list stacks each rule over its summary."""
_INLINE = {"literal": "cyan", "emphasis": "italic", "strong": "bold", "title_reference": "italic"}


def render(result: RuleCatalogue, options: RenderOptions) -> Iterator[str]:
    if result.explained:
        from audit.render._console import console as make_console
        from audit.render._console import drain

        out = io.StringIO()
        console = make_console(out, options, soft_wrap=False)
        for rule in result.rules:
            _explained(console, rule, options.color)
            yield drain(out)
        return
    rows = [["rule", "severity", "parameters", "what it finds"]] + [
        [rule.id, rule.severity.value, ", ".join(p.name for p in rule.parameters) or "-", rule.summary] for rule in result.rules
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    left = sum(widths) + 2 * len(widths)
    room = options.width - left
    if room < NARROWEST_SUMMARY:
        yield _stacked(result, options.width)
        return
    rows.insert(1, ["-" * w for w in widths] + ["-" * min(room, max(len(row[3]) for row in rows))])
    lines = []
    for row in rows:
        start = "".join(cell.ljust(w + 2) for cell, w in zip(row, widths, strict=False))
        wrapped = textwrap.wrap(row[3], room) or [""]
        lines += [start + wrapped[0], *(" " * left + more for more in wrapped[1:])]
    yield "\n".join(lines) + "\n"


def _stacked(result: RuleCatalogue, width: int) -> str:
    """Where the columns leave the summary too little room: each rule on a line, its summary wrapped under it."""
    lines = []
    for rule in result.rules:
        parameters = ", ".join(p.name for p in rule.parameters)
        lines.append(f"{rule.id} ({rule.severity.value}" + (f"; parameters: {parameters})" if parameters else ")"))
        lines += textwrap.wrap(rule.summary, width, initial_indent="  ", subsequent_indent="  ")
    return "\n".join(lines) + "\n"


def _explained(console: Console, rule: RuleDoc, color: bool) -> None:
    import json  # only here: the list, the common case, shows no values

    from rich.padding import Padding
    from rich.text import Text

    title = Text()
    title.append(rule.id, "bold")
    title.append(f" (default severity: {rule.severity.value})")
    console.print(title)
    for block in _blocks(_parse(rule.doc), quoted=not color):
        console.print()
        console.print(block)
    console.print()
    if not rule.parameters:
        console.print("Parameters: none.")
        return
    console.print("Parameters:")
    for p in rule.parameters:
        line = Text()
        line.append(p.name, "cyan")
        line.append(f": {p.description} (default: {json.dumps(p.value)})")
        console.print(Padding(line, (0, 0, 0, 2)))


def _parse(doc: str) -> nodes.document:
    from docutils.core import publish_doctree

    # The documentation is ours and its tests keep it valid; a slip is shown as text, never raised or reported.
    document: nodes.document = publish_doctree(doc, settings_overrides={"report_level": 5, "halt_level": 5})
    return document


def _blocks(node: nodes.Element, quoted: bool, indent: int = 0) -> Iterator[RenderableType]:
    """The renderables of the body elements under ``node``: paragraphs, examples, lists.

    ``quoted``: inline literals in single quotes, where no colour sets them apart.
    """
    from docutils import nodes
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    for child in node.children:
        if isinstance(child, nodes.paragraph):
            yield Padding(_inline(child, quoted), (0, 0, 0, indent))
        elif isinstance(child, nodes.literal_block):
            yield Padding(Text(child.astext(), "cyan", overflow="fold"), (0, 0, 0, indent + 4))
        elif isinstance(child, (nodes.bullet_list, nodes.enumerated_list)):
            for number, item in enumerate(child.children, start=1):
                mark = f"{number}. " if isinstance(child, nodes.enumerated_list) else "- "
                parts = list(_blocks(item, quoted)) if isinstance(item, nodes.Element) else [Text(item.astext())]
                grid = Table.grid()
                grid.add_column(no_wrap=True)
                grid.add_column()
                for i, part in enumerate(parts):
                    grid.add_row(mark if i == 0 else "", part)
                yield Padding(grid, (0, 0, 0, indent))
        elif isinstance(child, nodes.Element) and not isinstance(child, nodes.system_message):
            yield from _blocks(child, quoted, indent) if child.children and isinstance(child.children[0], nodes.Element) else [
                Padding(Text(child.astext()), (0, 0, 0, indent))
            ]


def _inline(paragraph: nodes.Element, quoted: bool) -> Text:
    from docutils import nodes
    from rich.text import Text

    text = Text()
    for child in paragraph.children:
        style = _INLINE.get(child.tagname, "") if isinstance(child, nodes.Element) else ""
        # Line breaks inside a paragraph are the source's, not the reader's: rich wraps to the width.
        words = child.astext().replace("\n", " ")
        text.append(f"'{words}'" if quoted and isinstance(child, nodes.literal) else words, style)
    return text


FORMAT: Format[RuleCatalogue] = render
