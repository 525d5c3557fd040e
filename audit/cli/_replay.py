"""Replaying a command: a run on which nothing has changed writes what the last run wrote, without working it out again.

A command's run is recorded (what it wrote to standard output and error, each file it wrote or
appended to, in order, and its exit code) into one cache file per workspace and command, in the
user cache folder beside the cache of validated files (``audit/cache.py``). The next run of that
command replays the record, byte for byte, where everything the output depends on is as it was:

- the command and every option as parsed, with ``--as-of`` resolved (today's date, where not given);
- the tool: its version, every file of its package, and every module the recorded run imported
  (libraries included), by size, modification and change times and inode; Python's version;
- how the output is shown: whether standard output and error are terminals, the width and colour
  the formats are given, and the environment variables that decide them;
- the workspace: its folder, the current folder, and every entry of ``data/`` and ``rules/`` down
  to the depth the loader reads (name, symbolic link target, type, size, modification and change
  times, inode), so that a changed, renamed, deleted, new or unknown file is a change;
- the files named by options the command reads (``--baseline``).

Files are written again through ``audit/atomic.py``, as the recorded run wrote them, so that an
output file that has appeared since is refused as it would be. A run that fails (an exception, a
stopped run) is not recorded, and so the loader always reports a broken workspace from the files
themselves. A record that cannot be read whole (damaged, truncated, from another version, being
replaced) is a miss, never an error; one that cannot be written is not written.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import os
import pickle
import stat
import sys
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

import click

import audit
from audit.digests import sha256
from audit.paths import DATA_DIR, RULES_DIR, cache_folder, key_of, new_cache_file

_FORMAT = b"audit-replay-1\n"
"""Ends every record file: what it is, and the version of its layout."""

_TRAILER = 8
"""Bytes before ``_FORMAT`` that give the header's length."""

_ENVIRONMENT = (
    "NO_COLOR",
    "FORCE_COLOR",
    "TERM",
    "COLORTERM",
    "COLUMNS",
    "LINES",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "JUPYTER_COLUMNS",
    "JUPYTER_LINES",
    "DATABRICKS_RUNTIME_VERSION",
    "GITHUB_WORKSPACE",
)
"""The environment variables that can change what a command writes: ours (colour, the checkout of
GitHub Actions) and those rich reads as it lays out a terminal."""

_WATCHED = (DATA_DIR, RULES_DIR)
"""The workspace's folders a command reads."""

_DEPTH = 2
"""Folders looked into below a watched one: ``data/responses/<report>/`` is the deepest the loader
lists (it says of a folder deeper down that it holds nothing it reads, without looking in)."""

FRESH_NS = 2_000_000_000
"""A run that saw a file changed this recently (by its change time) is not recorded: a file
system keeps times only so finely (FAT to 2 s, Linux to a clock tick), and a second change
within the same tick, of the same size, would leave the file's status as it was."""

_STALE_TEMPORARY = 24 * 3600
"""Seconds after which a temporary record file is taken as left by a run that was killed."""

_PIECE = 64 * 1024
"""Bytes of a record decoded and written at a time."""

Effect = tuple[Any, ...]
"""One thing a run did, in order: ``("stdout" | "stderr", start, end)``, text written to a stream;
``("piece", file, start, end)``, text of the ``file``-th file written; ``("write", file, path,
overwrite)`` and ``("append", file, path)``, that file written or appended to. ``start`` and
``end`` delimit the text's UTF-8 in the record's body."""


def replayable(*, reads: tuple[str, ...] = (), unless: tuple[str, ...] = ()) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Replay the decorated command's outputs where nothing they depend on has changed; record them otherwise.

    ``reads``: the parameters naming files the command reads, besides the workspace's; ``unless``:
    the parameters that, when set, make it depend on what is not watched (git history), so that it
    always runs. Goes under ``reports_errors``, so a replay fails as the run would (an output file
    that exists), and over the command; ``--no-cache`` runs the command and records nothing.
    """

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(command)
        def wrapper(**params: Any) -> Any:
            ctx = click.get_current_context()
            if not ctx.meta.get("audit.cache", True) or any(params.get(name) for name in unless):
                return command(**params)
            run = _Run.prepare(ctx.command.name or "", params, reads)
            if run is None:
                return command(**params)
            record = run.stored()
            if record is not None:
                return record.play()
            return run.record(command, params)

        return wrapper

    return decorate


def write_file(path: Path, text: str | Iterable[str], *, overwrite: bool) -> None:
    """Write an output file atomically (``write_atomic``), noted by the run being recorded, if one is."""
    from audit.atomic import write_atomic

    if _recording is None:
        write_atomic(path, text, overwrite=overwrite)
        return
    number, pieces = _recording.file(text)
    write_atomic(path, pieces, overwrite=overwrite)
    _recording.effects.append(("write", number, str(path), overwrite))


def append_file(path: Path, text: str | Iterable[str]) -> None:
    """Append to an output file (``append_text``), noted by the run being recorded, if one is."""
    from audit.atomic import append_text

    if _recording is None:
        append_text(path, text)
        return
    number, pieces = _recording.file(text)
    append_text(path, pieces)
    _recording.effects.append(("append", number, str(path)))


def unrecorded(stream: TextIO) -> TextIO:
    """The stream itself, past any recording: for what is drawn and taken away again (a progress bar)."""
    return stream.stream if isinstance(stream, _Tee) else stream


class _Run:
    """One run of a command that may be replayed: where its record is kept, and what it must match."""

    def __init__(self, path: Path, key: str, fresh: bool):
        self.path = path
        self.key = key
        self.fresh = fresh
        """Whether a file the run reads changed too recently for the record to be trusted later."""

    @classmethod
    def prepare(cls, command: str, params: dict[str, Any], reads: tuple[str, ...]) -> _Run | None:
        """The run's record file and key; None where the run cannot be keyed (no workspace, a folder that
        cannot be listed, no standard streams): then it simply runs."""
        from audit.cli._options import checkout_prefix, render_options, resolve_workspace, today
        from audit.errors import AuditError

        if sys.stdout is None or sys.stderr is None:
            return None
        try:
            root = resolve_workspace(params.get("workspace"))
            name = sha256(str(root).encode("utf-8", "surrogatepass")).hexdigest()[:24]
            path = cache_folder() / f"{name}.{command}.replay"
            if not _seen(path):
                return None
            cwd = str(Path.cwd())
            now = time.time_ns()
            workspace, newest = _snapshot(str(root))
        except (AuditError, OSError):
            return None
        shown = {name: today(value) if name == "as_of" else value for name, value in params.items()}
        inputs = [(name, None if params[name] is None else key_of(params[name])) for name in reads]
        newest = max([newest, *(status[2] for _, status in inputs if status is not None)])
        key = repr(
            (
                _FORMAT,
                audit.__version__,
                sys.version,
                sys.executable,
                command,
                sorted(shown.items()),
                str(root),
                cwd,
                render_options(),
                checkout_prefix(root),
                sys.stdout.isatty(),
                sys.stderr.isatty(),
                [(name, os.environ.get(name)) for name in _ENVIRONMENT],
                inputs,
            )
        )
        digest = sha256(key.encode("utf-8", "surrogatepass") + workspace).hexdigest()
        return cls(path, digest, fresh=newest > now - FRESH_NS)

    def stored(self) -> _Record | None:
        """The record of the last run, where it is of a run just like this one, whole and readable."""
        try:
            return _Record.read(self.path, self.key)
        except Exception:  # noqa: BLE001  # a record that cannot be read, whatever is wrong with it, is a miss
            return None

    def record(self, command: Callable[..., Any], params: dict[str, Any]) -> Any:
        """Run the command, its outputs recorded as they are written, and keep the record if it ends as a
        command does (returning, or exiting with a code)."""
        global _recording
        recording = None if self.fresh else _Recording.start(self.path)
        if recording is None:
            return command(**params)
        streams = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = _Tee(sys.stdout, recording, "stdout"), _Tee(sys.stderr, recording, "stderr")
        _recording = recording
        ended: int | None = None
        finished = False
        try:
            try:
                value = command(**params)
            except SystemExit as end:
                ended = end.code if isinstance(end.code, int) else 0 if end.code is None else None
                finished = ended is not None
                raise
            finished = True
            return value
        finally:
            sys.stdout, sys.stderr = streams
            _recording = None
            if finished:
                recording.keep(self.key, ended)
            else:
                recording.drop()


_recording: _Recording | None = None
"""The record of the run under way, if it is being recorded: the output functions note their writes in it."""


class _Recording:
    """A run's outputs, its body streamed to a temporary file as they are written (a large output is
    never held whole), then the header, written at the end and renamed into place."""

    def __init__(self, path: Path, temporary: str, stream: Any):
        self.path = path
        self.temporary = temporary
        self.stream = stream
        self.size = 0
        self.crc = 0
        self.effects: list[Effect] = []
        self.files = 0

    @classmethod
    def start(cls, path: Path) -> _Recording | None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            _sweep(path)
            handle, temporary = new_cache_file(path)
        except OSError:
            return None
        return cls(path, temporary, os.fdopen(handle, "wb"))

    def text(self, kind: str, text: str) -> None:
        """Text written to standard output or error."""
        start = self._body(text)
        last = self.effects[-1] if self.effects else None
        if last is not None and last[0] == kind and last[2] == start:
            self.effects[-1] = (kind, last[1], self.size)
        else:
            self.effects.append((kind, start, self.size))

    def file(self, text: str | Iterable[str]) -> tuple[int, Iterator[str]]:
        """The number of a new output file, and its text, noted as it is written."""
        from audit.render import batched

        self.files += 1
        # Batched: a format's chunks are small (one JSON token), and each noted on its own would swell the header.
        return self.files, self._pieces(self.files, [text] if isinstance(text, str) else batched(text))

    def _pieces(self, number: int, pieces: Iterable[str]) -> Iterator[str]:
        for piece in pieces:
            start = self._body(piece)
            self.effects.append(("piece", number, start, self.size))
            yield piece

    def _body(self, text: str) -> int:
        data = text.encode("utf-8", "surrogatepass")
        start = self.size
        if self.stream is not None:
            try:
                self.stream.write(data)
            except OSError:
                self.drop()  # a full disk: the run goes on, unrecorded
        self.size += len(data)
        self.crc = zlib.crc32(data, self.crc)
        return start

    def keep(self, key: str, ended: int | None) -> None:
        """Finish the record and put it in place of the last one (renamed: a reader sees one whole record or the other)."""
        if self.stream is None:
            return
        header = pickle.dumps((key, _code(_imported()), ended, self.effects, self.size, self.crc), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            # No fsync: after a crash a torn record is read as a miss, and a cache is not worth the wait.
            with self.stream:
                self.stream.write(header + len(header).to_bytes(_TRAILER, "big") + _FORMAT)
            os.replace(self.temporary, self.path)
        except OSError:
            self.drop()

    def drop(self) -> None:
        if self.stream is None:
            return
        stream, self.stream = self.stream, None
        with contextlib.suppress(OSError):
            stream.close()
        Path(self.temporary).unlink(missing_ok=True)


class _Tee:
    """A standard stream whose writes are also recorded."""

    def __init__(self, stream: TextIO, recording: _Recording, kind: str):
        self.stream = stream
        self._recording = recording
        self._kind = kind

    def write(self, text: str) -> int:
        written = self.stream.write(text)
        self._recording.text(self._kind, text)
        return written

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        # No binary buffer: click would write to it directly, past the record.
        if name == "buffer":
            raise AttributeError(name)
        return getattr(self.stream, name)


class _Record:
    """A recorded run, read whole and checked before anything of it is replayed."""

    def __init__(self, ended: int | None, effects: list[Effect], body: bytes):
        self.ended = ended
        self.effects = effects
        self.body = body

    @classmethod
    def read(cls, path: Path, key: str) -> _Record | None:
        with open(path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            tail = len(_FORMAT) + _TRAILER
            stream.seek(size - tail)
            trailer = stream.read(tail)
            if trailer[_TRAILER:] != _FORMAT:
                return None
            length = int.from_bytes(trailer[:_TRAILER], "big")
            stream.seek(size - tail - length)
            stored, code, ended, effects, body_size, crc = _Unpickler(stream).load()
            if stored != key or body_size != size - tail - length or code != _code(path for path, *_ in code):
                return None
            stream.seek(0)
            body = stream.read(body_size)
        if len(body) != body_size or zlib.crc32(body) != crc or not _well_formed(ended, effects, body_size):
            return None
        return cls(ended, effects, body)

    def play(self) -> Any:
        """Write again what the recorded run wrote, in the same order, and end as it ended."""
        from audit.atomic import append_text, write_atomic

        files: dict[int, list[tuple[int, int]]] = {}
        for effect in self.effects:
            if effect[0] == "piece":
                files.setdefault(effect[1], []).append((effect[2], effect[3]))
        for effect in self.effects:
            kind = effect[0]
            if kind in ("stdout", "stderr"):
                stream = sys.stdout if kind == "stdout" else sys.stderr
                for text in self._text([(effect[1], effect[2])]):
                    stream.write(text)
                stream.flush()
            elif kind == "write":
                write_atomic(Path(effect[2]), self._text(files.get(effect[1], [])), overwrite=effect[3])
            elif kind == "append":
                append_text(Path(effect[2]), self._text(files.get(effect[1], [])))
        if self.ended is not None:
            sys.exit(self.ended)

    def _text(self, spans: list[tuple[int, int]]) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder("utf-8")("surrogatepass")
        view = memoryview(self.body)
        for start, end in spans:
            for at in range(start, end, _PIECE):
                yield decoder.decode(view[at : min(at + _PIECE, end)])
        yield decoder.decode(b"", final=True)


def _well_formed(ended: object, effects: object, size: int) -> bool:
    """Whether a record's exit code and effects are of the shapes ``_Recording`` writes, within its body."""
    if not (ended is None or type(ended) is int) or type(effects) is not list:
        return False
    return all(type(effect) is tuple and _fits(effect, size) for effect in effects)


def _fits(effect: tuple[object, ...], size: int) -> bool:
    match effect:
        case ("stdout" | "stderr", int(start), int(end)) | ("piece", int(), int(start), int(end)):
            return 0 <= start <= end <= size
        case ("write", int(), str(), bool()) | ("append", int(), str()):
            return True
    return False


class _Unpickler(pickle.Unpickler):
    """Builds only plain values (the record holds nothing else): a record someone else wrote can build nothing."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a record")


def _seen(path: Path) -> bool:
    """Whether the command has run on the workspace before (its record file, ``path``, exists); if not,
    it is marked as having run, with an empty record, which no run replays.

    A command is recorded from its second run on a workspace: looking at every file to key the record
    (15 ms on 5,000 files, 65 ms on 10,000 of many small reports), then writing the output again into
    it, is paid for nothing by a run that is never followed, such as a CI job on a fresh checkout. A
    command run once is likely run again, and that run is recorded.
    """
    if path.exists():
        return True
    with contextlib.suppress(OSError):  # a cache folder that cannot be written: the next run tries again
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.touch(mode=0o600)
    return False


def _snapshot(root: str) -> tuple[bytes, int]:
    """A digest of every entry of the watched folders as they are now, and the newest change time among them.

    An OSError where a folder cannot be listed (the run then goes unrecorded, its problem reported
    by the loader)."""
    digest = sha256()
    newest = 0
    for name in _WATCHED:
        path = Path(root, name)
        link = str(path.readlink()) if path.is_symlink() else None
        try:
            status = path.stat()
        except FileNotFoundError:
            digest.update(_pickled((name, link)))
            continue
        digest.update(_pickled((name, link, status.st_mode, status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)))
        newest = max(newest, status.st_ctime_ns)
        if stat.S_ISDIR(status.st_mode):
            newest = max(newest, _folder(str(path), _DEPTH, digest))
    return digest.digest(), newest


def _folder(path: str, depth: int, digest: Any) -> int:
    """Give ``digest`` a folder's entries by name, then what each folder among them holds (``depth`` more
    folders down), in the same order; their newest change time.

    A folder at a time, each list pickled on its own (a pickle ends itself, so what follows cannot be
    read as part of it): the entries of a whole workspace, held at once, would cost the run their memory.
    """
    listed: list[object] = []
    inside: list[str] = []
    newest = 0
    # Through the listing's own entries: their types come with them, and each status in one call.
    with os.scandir(path) as found:
        for entry in found:
            # os, not Path: this runs for every file of the workspace, on every run.
            link = os.readlink(entry.path) if entry.is_symlink() else None  # noqa: PTH115
            try:
                status = entry.stat()
            except FileNotFoundError:  # a link to nothing
                listed.append((entry.name, link))
                continue
            newest = max(newest, status.st_ctime_ns)
            listed.append((entry.name, link, status.st_mode, status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino))
            if depth and stat.S_ISDIR(status.st_mode):
                inside.append(entry.path)
    listed.sort()  # names differ, so only names are compared
    digest.update(_pickled(listed))
    for folder in sorted(inside):
        newest = max(newest, _folder(folder, depth - 1, digest))
    return newest


def _pickled(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _imported() -> list[str]:
    """The files of the modules loaded now: the code a run that ends now has run."""
    files = []
    for module in list(sys.modules.values()):
        try:
            file = getattr(module, "__file__", None)
        except Exception:  # noqa: BLE001  # a module that will not say is not one whose file we can watch
            continue
        if isinstance(file, str):
            files.append(file)
    return files


def _code(modules: Iterable[str]) -> list[tuple[str, tuple[int, int, int, int] | None]]:
    """The state of the code: every file of the tool's package, and each of ``modules`` outside it."""
    package = str(Path(audit.__file__).parent)
    files = set(_package_files(package))
    files.update(path for path in modules if not path.startswith(package + os.sep))
    return [(path, key_of(path)) for path in sorted(files)]


def _package_files(folder: str) -> Iterator[str]:
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir():
                if entry.name != "__pycache__":
                    yield from _package_files(entry.path)
            else:
                yield entry.path


def _sweep(path: Path) -> None:
    """Delete temporary records of this command that a killed run left behind."""
    limit = time.time() - _STALE_TEMPORARY
    for left in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            if left.stat().st_mtime < limit:
                left.unlink()
        except OSError:
            pass
