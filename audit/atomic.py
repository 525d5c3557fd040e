"""The one way the tool writes a file: atomically, and never over an existing file unasked."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Sequence
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
                stream.writelines([text] if isinstance(text, str) else text)
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
    _existing_regular_file(path)
    whole = text if isinstance(text, str) else "".join(text)
    try:
        with open(path, "a", encoding="utf-8", newline="") as stream:
            stream.write(whole)
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as err:
        raise WriteRefused(f"{path}: cannot append: {err.strerror or err}") from None


def publish_folder(
    path: Path, files: dict[str, str], *, marker: str, overwrite: bool = False, keep: Path | None = None, owned: Sequence[Path] = ()
) -> None:
    """Make ``path`` a folder holding exactly ``files`` (relative path -> text), so that a reader sees
    the old folder or the new one, never one half-written.

    The new folder is written beside ``path`` and renamed into place. An existing
    ``path`` is replaced only where it is empty or holds ``marker`` (a folder this
    function built), or where ``overwrite`` is given; never where it is or holds
    ``keep`` (the workspace), nor where it is or lies inside one of ``owned`` (the workspace's
    data, rules and templates), whatever ``overwrite`` says. Files and folders get
    the permissions a normal write would (the umask's), not a temporary folder's.
    """
    if keep is not None and keep.resolve().is_relative_to(path.resolve()):
        raise WriteRefused(f"{path}: refusing to replace the folder that holds the workspace")
    for folder in owned:
        if path.resolve().is_relative_to(folder.resolve()):
            raise WriteRefused(f"{path}: refusing to replace the workspace's {folder.name}/ folder or write into it")
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        raise WriteRefused(f"{path}: not a folder (refusing to replace it)")
    if path.is_dir() and not overwrite and any(path.iterdir()) and not (path / marker).is_file():
        raise WriteRefused(f"{path}: folder exists, is not empty and was not built by audit (use --force to replace it)")
    parent = path.absolute().parent
    mask = _umask()
    try:
        parent.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent))
    except OSError as err:
        raise WriteRefused(f"{path}: cannot write: {err.strerror or err}") from None
    old: Path | None = None
    try:
        for relative, text in files.items():
            target = building.joinpath(*relative.split("/"))
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "w", encoding="utf-8", newline="") as stream:
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
        for folder in (building, *(p for p in building.rglob("*") if p.is_dir())):
            folder.chmod(0o777 & ~mask)
        if not path.exists():
            os.replace(building, path)
        elif not _exchange(building, path):
            # Without an atomic exchange there is a moment with no folder at ``path``, never a half one.
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=parent))
            os.replace(path, old)
            os.replace(building, path)
    except OSError as err:
        raise WriteRefused(f"{path}: cannot write: {err.strerror or err}") from None
    finally:
        # After an exchange ``building`` holds the old site; otherwise what was written of the new one.
        shutil.rmtree(building, ignore_errors=True)
        if old is not None:
            # Stopped between the two renames: the old folder goes back rather than being lost.
            if path.exists():
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(old, path)
    _fsync_folder(parent)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step (Linux renameat2), so a reader never finds neither; False where the
    system or file system cannot."""
    import ctypes

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _umask() -> int:
    # The umask can only be read by setting it; set it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
