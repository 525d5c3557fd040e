"""The one way the tool writes a file: atomically, and never over an existing file unasked."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from audit.errors import AuditError


class WriteRefused(AuditError):
    """A write that would destroy data or leave the workspace was refused."""


def write_atomic(path: Path, text: str | Iterable[str], *, overwrite: bool = False, within: Path | None = None) -> None:
    """Write ``text`` (a string, or chunks of one) to ``path`` so that a reader sees the old file or the new one, never half of it.

    A temporary file in the same folder is written, flushed, fsynced and renamed
    over the target. An existing target is refused unless ``overwrite``. Where
    ``within`` is given, a path that resolves outside it (through ``..`` or a
    symlink) is refused.
    """
    if within is not None:
        resolved = path.resolve()
        if not resolved.is_relative_to(within.resolve()):
            raise WriteRefused(f"{path}: refusing to write outside the workspace ({resolved})")
    if path.is_symlink():
        raise WriteRefused(f"{path}: refusing to write through a symbolic link")
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise WriteRefused(f"{path}: cannot write: {err.strerror or err}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.writelines([text] if isinstance(text, str) else text)
            stream.flush()
            os.fsync(stream.fileno())
        if overwrite:
            os.replace(temporary, path)
        else:
            # A hard link fails if the target exists, so no file can appear between a check and the write.
            try:
                os.link(temporary, path)
            except FileExistsError:
                raise WriteRefused(f"{path}: file exists (use --force to overwrite it)") from None
            finally:
                Path(temporary).unlink(missing_ok=True)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows opening a folder."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def append_text(path: Path, text: str | Iterable[str]) -> None:
    """Add ``text`` at the end of ``path`` in one write (creating it), never truncating what is there."""
    if path.is_symlink():
        raise WriteRefused(f"{path}: refusing to write through a symbolic link")
    whole = text if isinstance(text, str) else "".join(text)
    try:
        with open(path, "a", encoding="utf-8", newline="") as stream:
            stream.write(whole)
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as err:
        raise WriteRefused(f"{path}: cannot append: {err.strerror or err}") from None
