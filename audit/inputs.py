"""Reading a file a person hands the tool: a regular file only, never more than a limit.

A named pipe would block a read for ever and a device can be endless, so each is refused before a byte is
read; the limit bounds what a huge or growing file can cost. Data files, letters, status pages, tables and
baselines all come in through here.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from audit.errors import ConfigError

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
"""Non-blocking, so that a named pipe where a file should be is refused instead of waited on."""

MAX_INPUT_BYTES = 64 * 1024 * 1024
"""A letter, a status page, a table or a baseline: far above any real one, far below what would exhaust memory."""


class Refused(Exception):
    """The file is not one the tool reads: not a regular file, or over the limit."""


def read_bounded(path: str | Path, limit: int) -> bytes:
    """The file's bytes, read in one call sized by its status; never more than ``limit``.

    Asking for the limit itself would allocate the whole limit per file: a tenth of the time of reading a
    large workspace went there.
    """
    fd = os.open(path, _OPEN_FLAGS)
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise Refused("not a regular file")
        raw = os.read(fd, min(status.st_size, limit) + 1)
        # More than the status said: the file is growing as it is read; read on, as far as the limit.
        while status.st_size < len(raw) <= limit and (more := os.read(fd, limit + 1 - len(raw))):
            raw += more
        if len(raw) > limit:
            raise Refused(f"file is {max(os.fstat(fd).st_size, len(raw)):,} bytes; the limit is {limit:,}")
        return raw
    finally:
        os.close(fd)


def read_input(path: Path, what: str) -> bytes:
    """The bytes of a file given on the command line, or a ``ConfigError`` naming it and saying why not."""
    try:
        return read_bounded(path, MAX_INPUT_BYTES)
    except Refused as refusal:
        raise ConfigError(f"{path}: cannot read the {what}: {refusal}") from None
    except OSError as err:
        raise ConfigError(f"{path}: cannot read the {what}: {err.strerror or err}") from None


def read_input_text(path: Path, what: str) -> str:
    """The UTF-8 text (a byte-order mark allowed) of a file given on the command line, or a ``ConfigError``."""
    raw = read_input(path, what)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise ConfigError(f"{path}:{line}: cannot read the {what}: not valid UTF-8 (byte 0x{raw[err.start]:02x})") from None
