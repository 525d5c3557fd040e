"""The one way the tool writes a file: atomically, and never over an existing file unasked."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from audit.errors import AuditError


class WriteRefused(AuditError):
    """A write that would destroy data or leave the workspace was refused."""


def write_atomic(path: Path, text: str, *, overwrite: bool = False, within: Path | None = None) -> None:
    """Write ``text`` to ``path`` so that a reader sees the old file or the new one, never half of it.

    A temporary file in the same folder is written, flushed, fsynced and renamed
    over the target. An existing target is refused unless ``overwrite``. Where
    ``within`` is given, a path that resolves outside it (through ``..`` or a
    symlink) is refused.
    """
    if within is not None:
        resolved = path.resolve()
        if not resolved.is_relative_to(within.resolve()):
            raise WriteRefused(f"{path}: refusing to write outside the workspace ({resolved})")
    existing = _existing_regular_file(path)
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise WriteRefused(f"{path}: cannot write: {err.strerror or err}") from None
    try:
        # mkstemp makes the file 0600; the file should have what a plain open() would give it, and a
        # replaced file keeps its own mode.
        os.fchmod(handle, stat.S_IMODE(existing.st_mode) if existing is not None else 0o666 & ~_umask())
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
        except OSError as err:
            raise WriteRefused(f"{path}: cannot write: {err.strerror or err}") from None
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


def _existing_regular_file(path: Path) -> os.stat_result | None:
    """The status of what is at ``path`` now: None if nothing; refused if it is not a plain file.

    Renaming over a device, a named pipe or a socket would destroy it (as root, a device of the
    system), and appending to one would block or write where no one reads.
    """
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as err:
        raise WriteRefused(f"{path}: cannot write: {err.strerror or err}") from None
    if stat.S_ISLNK(status.st_mode):
        raise WriteRefused(f"{path}: refusing to write through a symbolic link")
    if not stat.S_ISREG(status.st_mode):
        raise WriteRefused(f"{path}: not a regular file ({_kind(status.st_mode)}); refusing to write to it")
    return status


def _kind(mode: int) -> str:
    kinds = {
        stat.S_IFDIR: "a folder",
        stat.S_IFIFO: "a named pipe",
        stat.S_IFCHR: "a character device",
        stat.S_IFBLK: "a block device",
        stat.S_IFSOCK: "a socket",
    }
    return kinds.get(stat.S_IFMT(mode), "not a plain file")


def _umask() -> int:
    # The only portable way to read the umask is to set it; it is set straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


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


def append_text(path: Path, text: str) -> None:
    """Add ``text`` at the end of ``path`` in one write (creating it), never truncating what is there."""
    _existing_regular_file(path)
    try:
        with open(path, "a", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as err:
        raise WriteRefused(f"{path}: cannot append: {err.strerror or err}") from None
