"""Finding a body by what people call it: its id, its name or an alias, however the text was typed.

Status pages and spreadsheets spell names with other capitals, doubled spaces, or
accents composed differently (``é`` as one character or as ``e`` and a combining
accent); all of these name the same body.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Container, Iterable

from audit.model import Body


def name_key(text: str) -> str:
    """The form two spellings of one name share: NFC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold()).split())


class BodyNames:
    """Every id, name and alias of the bodies, by ``name_key``."""

    def __init__(self, bodies: Iterable[Body]):
        self.by_key: dict[str, Body] = {}
        for body in bodies:
            for label in (body.id, body.name, *body.aliases):
                key = name_key(label)
                # The first body to claim a label keeps it: the data's order decides, as it does for ids.
                self.by_key.setdefault(key, body)

    def find(self, text: str) -> Body | None:
        return self.by_key.get(name_key(text))

    def longest_prefix(self, text: str, admits: Container[str] | None = None) -> tuple[Body, int] | None:
        """The body whose label begins ``text`` (whole words, the longest label winning), and how many words it took.

        ``admits``, where given, holds the kinds of body that may match.
        """
        words = name_key(text).split(" ")
        for end in range(len(words), 0, -1):
            body = self.by_key.get(" ".join(words[:end]))
            if body is not None and (admits is None or body.kind in admits):
                return body, end
        return None

    def closest(self, text: str, count: int = 3) -> list[str]:
        """The bodies nearest ``text``, as "name (id)": each label compared with as much of its start as the label is long."""
        import difflib  # only a name that matches no body needs it; `check` imports this module

        key = name_key(text)
        best: dict[str, tuple[float, int, Body]] = {}
        for order, (label_key, body) in enumerate(self.by_key.items()):
            ratio = difflib.SequenceMatcher(None, key[: len(label_key)], label_key, autojunk=False).ratio()
            if ratio >= 0.6 and ratio > best.get(body.id, (0.0, 0, body))[0]:
                best[body.id] = (ratio, order, body)
        ranked = sorted(best.values(), key=lambda scored: (-scored[0], scored[1]))
        return [f"{body.name} ({body.id})" for _, _, body in ranked[:count]]
