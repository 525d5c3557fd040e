"""Reading one spreadsheet cell as a date, a yes/no, a list, a deadline or an id: what people type, read strictly.

A cell holds text (CSV, or XLSX text) or a value a spreadsheet typed itself (XLSX
dates, numbers, booleans). Each reader returns the value or raises ``Unusable``
saying what was found and what was expected; nothing is guessed (``03/04/2021``
is read only through the date format the mapping gives).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Any

Cell = str | int | float | bool | date | datetime | None
"""What a table's cell may hold, as the CSV or XLSX reader gives it."""


DELIMITERS = (",", ";", "\t", "|")
"""What may separate the cells of a CSV line."""


class Unusable(ValueError):
    """A cell that cannot be read as what its column is mapped to; the message says why."""


def text(cell: Cell) -> str | None:
    """The cell as text with its spaces tidied; None when empty."""
    if cell is None:
        return None
    if isinstance(cell, datetime):
        value = cell.date().isoformat() if cell.time() == datetime.min.time() else cell.isoformat(sep=" ")
    elif isinstance(cell, float) and cell.is_integer():
        value = str(int(cell))
    else:
        value = str(cell)
    tidied = " ".join(value.split())
    return tidied or None


def day(cell: Cell, date_format: str | None) -> date:
    """A date: a spreadsheet's own date, or text in ``date_format`` (default YYYY-MM-DD)."""
    if isinstance(cell, datetime):
        if cell.time() != datetime.min.time():
            raise Unusable(f"expected a date without a time, found {cell.isoformat(sep=' ')}")
        return cell.date()
    if isinstance(cell, date):
        return cell
    written = text(cell)
    if written is None:
        raise Unusable("expected a date, found an empty cell")
    try:
        if date_format is None:
            if not re.fullmatch(r"\d{4}-\d\d-\d\d", written):
                raise ValueError
            return date.fromisoformat(written)
        return datetime.strptime(written, date_format).date()
    except ValueError:
        raise Unusable(f"{written!r} is not a date in the form {date_format or '%Y-%m-%d'}") from None


_YES = {"yes", "y", "true", "1", "published"}
_NO = {"no", "n", "false", "0", "not published", "unpublished"}


def yes_no(cell: Cell) -> bool:
    """Yes or no: yes/no, y/n, true/false, 1/0 in any case, or a spreadsheet's boolean."""
    if isinstance(cell, bool):
        return cell
    written = text(cell)
    folded = (written or "").casefold()
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    raise Unusable(f"expected yes or no, found {written!r}" if written else "expected yes or no, found an empty cell")


def items(cell: Cell, separator: str) -> list[str]:
    """The cell's items, split on ``separator``, each tidied; empty items dropped."""
    written = text(cell)
    if written is None:
        return []
    return [item for item in (" ".join(part.split()) for part in written.split(separator)) if item]


_DEADLINE = re.compile(
    r"(?P<count>\d{1,4})\s+(?:(?P<months>(?:calendar\s+)?months?)|(?P<working>working\s+days?)|(?P<after>days?\s+after(?:\s+.*)?)|(?P<days>days?))",
    re.IGNORECASE,
)


def deadline(cell: Cell, date_format: str | None) -> dict[str, Any]:
    """A deadline rule as a report file writes it: ``6 months``, ``56 days`` (beginning with the day of
    publication), ``56 days after`` (the day of publication is day 0), ``10 working days``, or a date."""
    written = text(cell)
    found = _DEADLINE.fullmatch(written or "")
    if found is None:
        try:
            return {"date": day(cell, date_format)}
        except Unusable:
            raise Unusable(
                f"expected a deadline (6 months, 56 days, 56 days after, 10 working days, or a date), found {written!r}"
            ) from None
    count = int(found["count"])
    if count < 1:
        raise Unusable(f"a deadline of {count} is no deadline")
    key = "months" if found["months"] else "working_days" if found["working"] else "days_after" if found["after"] else "days"
    return {key: count}


def slug(name: str) -> str:
    """An id made from a name: lower-case letters and digits, single hyphens (``Trust of St. Mary's`` -> ``trust-of-st-mary-s``)."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))
