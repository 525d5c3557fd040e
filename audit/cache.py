"""A cache of validated data files, so that a run on an unchanged workspace need not parse it again.

One file per workspace in the user's cache folder (``$AUDIT_CACHE_DIR``, else
``$XDG_CACHE_HOME/audit``, else ``~/.cache/audit``), outside the workspace so that nothing is
committed by mistake. It maps each data file, by its path in the workspace, to the record its
shape read from it, with the file's size, modification and change times (ns) and inode: a file
is taken from the cache only where all four are what they were when it was read, and the cache
as a whole only where the tool's version and the code that shapes records are those that wrote
it. Only files without problems are kept: a problem is always reported from the file itself.

Each record is kept packed (pickled on its own, see ``pack``), and unpacked only when its file is
built into the model: the records of a whole workspace, unpacked at once, would double the
memory a run needs.

Written from the second run on a workspace: the first run leaves only an empty cache, the mark
that the workspace has been seen. Packing every record costs a cold run about a fifth of its
parse, paid for nothing by a run that is never followed (a CI job on a fresh checkout); a
workspace run once is likely run again, and that run fills the cache. An unchanged workspace is
replayed whole from the run before it anyway (audit/cli/_replay.py).

Safe to lose: a cache that cannot be read (corrupt, truncated, from another version, not ours)
counts as empty and is replaced; one that cannot be written is not written. Neither is ever an
error. Written whole to a temporary file and renamed over the old one, so a concurrent run sees
one complete cache or another, never half of one; two runs writing at once leave the last.
"""

from __future__ import annotations

import io
import os
import pickle
from datetime import date
from pathlib import Path
from typing import Any

import audit
from audit.digests import sha256
from audit.paths import Key, cache_folder, new_cache_file
from audit.shape import Record

_SHAPING_CODE = ("shape.py", "schemas.py", "yamlsource.py", "vocabulary.py", "cache.py")
"""The modules whose code decides what record a file gives: an edited one invalidates the cache."""


def _tool() -> tuple[str, tuple[tuple[str, int, int], ...]]:
    """The tool's version and the state of the code that shapes records (what a cache is valid for)."""
    package = Path(audit.__file__).parent
    states = []
    for name in _SHAPING_CODE:
        status = (package / name).stat()
        states.append((name, status.st_size, status.st_mtime_ns))
    return audit.__version__, tuple(states)


class _Unpickler(pickle.Unpickler):
    """Builds only what the cache holds: plain values, records and dates; anything else is refused.

    pickle is the fastest reader of nested plain data with dates (marshal cannot hold a date, and
    is not meant to read damaged data; JSON would need a walk to rebuild records and dates). A
    pickle can name any callable; this one may name two classes, so even a cache file someone
    else wrote can build nothing else.
    """

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("audit.shape", "Record"):
            return Record
        if (module, name) == ("datetime", "date"):
            return date
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")


def pack(record: Record) -> bytes:
    """A record as the cache keeps it (in any process: workers pack what they read)."""
    return pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)


def unpack(packed: bytes) -> Record | None:
    """The record ``pack`` packed; None where the bytes are not one (damaged, or not ours)."""
    try:
        record = _Unpickler(io.BytesIO(packed)).load()
    except Exception:  # noqa: BLE001  # a record that cannot be read is one the cache does not hold
        return None
    return record if isinstance(record, Record) else None


class FileCache:
    """The validated records of one workspace's files, from the last run; and those of this run.

    ``seen``: whether a run has met this workspace before; records are kept only if so.
    """

    def __init__(self, root: Path, where: Path | None = None):
        name = sha256(str(root).encode("utf-8", "surrogatepass")).hexdigest()[:24]
        self.path = (where or cache_folder()) / f"{name}.pickle"
        self.root = str(root)
        self.tool = _tool()
        self.seen = self.path.exists()
        self._old = self._read() if self.seen else {}
        self._new: dict[str, tuple[Key, bytes]] = {}
        self._changed = False

    def _read(self) -> dict[str, tuple[Key, bytes]]:
        try:
            with open(self.path, "rb") as stream:
                header, entries = _Unpickler(stream).load()
            if header != (self.root, self.tool) or not isinstance(entries, dict):
                return {}
            return entries
        except Exception:  # noqa: BLE001  # a cache that cannot be read is an empty one, whatever is wrong with it
            return {}

    def holds(self, shown: str, key: Key) -> bool:
        """Whether the cache holds a record of this file in this very state."""
        entry = self._old.get(shown)
        return type(entry) is tuple and len(entry) == 2 and entry[0] == key and type(entry[1]) is bytes

    def get(self, shown: str, key: Key | None) -> Record | None:
        """The record read from this file in this very state, if any; kept for the next run."""
        entry = self._old.get(shown)
        if entry is None or key is None:
            return None
        try:
            cached, packed = entry
        except (TypeError, ValueError):
            return None
        record = unpack(packed) if cached == key and isinstance(packed, bytes) else None
        if record is not None:
            self._new[shown] = (key, packed)
        return record

    def put(self, shown: str, key: Key | None, packed: bytes) -> None:
        """Keep the record read from this file (``pack``), valid while the file's key stays ``key``."""
        if key is not None:
            self._new[shown] = (key, packed)
            self._changed = True

    def this_run(self) -> tuple[dict[str, tuple[Key, bytes]], bool]:
        """What this run keeps, and whether it read any file anew: what a process that read part of the
        workspace hands to the one that saves the cache (``take``)."""
        return self._new, self._changed

    def take(self, kept: dict[str, tuple[Key, bytes]], changed: bool) -> None:
        """Keep what another process of this run kept (``this_run``)."""
        self._new.update(kept)
        self._changed = self._changed or changed

    def save(self) -> None:
        """Write the records of this run (none of a file not met in it), if they differ from the last run's;
        on a first sight, the empty cache that marks the workspace seen."""
        if self.seen and not self._changed and self._new.keys() == self._old.keys():
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            handle, temporary = new_cache_file(self.path)
        except OSError:
            return
        try:
            # No fsync: after a crash a torn cache is read as an empty one, and a cache is not worth
            # the wait on a busy disk.
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(((self.root, self.tool), self._new), stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)
        except BaseException as err:
            Path(temporary).unlink(missing_ok=True)
            if not isinstance(err, Exception):
                raise  # Ctrl-C: the run stops; a cache that cannot be written is simply not written
