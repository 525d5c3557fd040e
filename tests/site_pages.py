"""Reading the built site back as a browser's parser does: strict HTML5 parsing, tables by caption."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
from html5lib import treebuilders

SVG = "{http://www.w3.org/2000/svg}"


def parse(path: Path) -> ET.Element:
    """The page's tree; any parse error (html5lib strict mode) fails the test."""
    parser = html5lib.HTMLParser(strict=True, tree=treebuilders.getTreeBuilder("etree"), namespaceHTMLElements=False)
    root: ET.Element = parser.parse(path.read_bytes())
    return root


def text(element: ET.Element) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def table(root: ET.Element, caption_start: str) -> ET.Element:
    found = [t for t in root.iter("table") if (c := t.find("caption")) is not None and text(c).startswith(caption_start)]
    assert len(found) == 1, f"{len(found)} tables captioned {caption_start!r}"
    return found[0]


def rows(table_element: ET.Element) -> list[list[str]]:
    """The body rows' cells as text, the row header first."""
    body = table_element.find("tbody")
    assert body is not None
    return [[text(cell) for cell in row if cell.tag in ("th", "td")] for row in body.iter("tr")]


def row_links(table_element: ET.Element) -> list[str]:
    """Each body row's header link target."""
    body = table_element.find("tbody")
    assert body is not None
    links = []
    for row in body.iter("tr"):
        header = row.find("th")
        assert header is not None and header.get("scope") == "row"
        anchor = header.find("a")
        assert anchor is not None
        links.append(anchor.get("href", ""))
    return links
