"""Checking a large workspace in parts, a process each: the reports cut into ranges of ids, each range
loaded and checked where it was read, and the parts' results joined.

Workers that only read files (audit/load.py) hand every record back to be built and checked in this
process: packing and unpacking them cost a third again of the CPU time, and the checks and the
output waited for the last file. A part is loaded, built and checked in its own process, and only its
results cross, once: on 2 CPUs, 5,000 response files of the shipped data's shape took 0.75x the
wall time of C-parsing them this way, against 1.03x with workers reading (same run, median of 9).
The price is memory: each process holds its part at once, and its own copy of whatever of this
process's it writes near (5,000 reports: 1.30x to 1.36x the memory of C-parsing across runs, its
results handed back in pieces, against 1.32x to 1.34x with workers reading).

What checking a report needs lies in the report's own files and in the bodies (every part reads
those), and findings sort by report first: the parts' results, joined in the order of their
ranges, are those of the whole workspace, byte for byte once formatted. Where a part meets a
problem of any kind (a broken file, an unknown name in an option, a process that dies) the parts
are dropped, and the caller checks the workspace read whole, which reports every problem in the
order it always does: a broken workspace is read twice, in parts and whole.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import itertools
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NoReturn

from audit.cache import FileCache
from audit.load import Part, Progress, load_part
from audit.model import Workspace
from audit.paths import Key
from audit.results import Findings
from audit.workers import STOPS, Prctl, find_prctl, start_worker
from audit.yamlsource import warn_if_slow_loader

Check = Callable[[Workspace], Findings]
"""What is worked out of each part: the same for the whole workspace read at once."""


def checked_in_parts(root: Path, planned: list[Part], check: Check, progress: Progress | None, cache: bool) -> Findings | None:
    """``check`` of the workspace at ``root`` (resolved), in the parts ``planned`` (``load.parts``), one
    process each, this one taking the first; None where a part met a problem.

    ``progress`` is told how far this process has read its own part, as if of the whole (the parts
    are of about as many files each); ``cache`` as for ``load_workspace``.
    """
    warn_if_slow_loader()
    files = FileCache(root) if cache else None
    kept = files if files is not None and files.seen else None
    # Whatever goes wrong, forking included, the workspace read whole reports it.
    try:
        with _forked(root, planned[1:], check, kept) as others:
            found = [_check_part(root, planned[0], check, _as_of_the_whole(progress, planned), kept)]
            for outcome in others():
                if outcome is None:
                    return None
                pieces, this_run = outcome
                found.extend(pieces)
                if files is not None and this_run is not None:
                    files.take(*this_run)
    except Exception:  # noqa: BLE001
        return None
    if files is not None:
        files.save()
    return _joined(found)


_Outcome = tuple[list[Findings], tuple[dict[str, tuple[Key, bytes]], bool] | None] | None
"""What a part's process hands back: its results, in pieces (``_pieces``), and what it keeps of the
cache; None where it met a problem."""


@contextlib.contextmanager
def _forked(root: Path, shares: list[Part], check: Check, kept: FileCache | None) -> Iterator[Callable[[], Iterator[_Outcome]]]:
    """A process for each of ``shares`` at work; within, what each hands back, in order. However the
    block is left, none of them outlives it."""
    forked: list[tuple[int, int]] = []
    drains: list[_Drained] = []
    alive: set[int] = set()
    """Not yet reaped: a pid reaped may be given to another process, which must not be killed."""
    prctl = find_prctl()
    parent = os.getpid()

    def handed_back() -> Iterator[_Outcome]:
        for (pid, _), drained in zip(forked, drains, strict=True):
            drained.join()
            _end(pid)
            alive.discard(pid)
            yield _unpickled(drained.data) if drained.data else None

    try:
        signal.pthread_sigmask(signal.SIG_BLOCK, STOPS)
        try:
            for part in shares:
                reading, writing = os.pipe()
                pid = os.fork()
                if pid == 0:
                    os.close(reading)
                    _work(root, part, check, kept, writing, parent, prctl)
                os.close(writing)
                forked.append((pid, reading))
                alive.add(pid)
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPS)
        # Threads only once every process is forked: a fork copies no thread but the one forking.
        drains.extend(_Drained(reading) for _, reading in forked)
        yield handed_back
    finally:
        # However it ends (Ctrl-C may have come as the processes were forked), none outlives it.
        for pid in alive:
            _end(pid)  # its end closes its pipe: the thread reading it ends too
        for drained in drains:
            drained.join()
        for _, reading in forked[len(drains) :]:
            os.close(reading)


def _end(pid: int) -> None:
    """The process ended (at once, if it has not yet) and reaped."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


class _Drained(threading.Thread):
    """What a part's process writes to the pipe ``reading``, read as it comes, beside this process's own
    work: the other process ends once it has written its results, not once this one is free to read
    them, holding its memory meanwhile."""

    def __init__(self, reading: int):
        super().__init__(name="audit-part-results", daemon=True)
        self.reading = reading
        self.data = b""
        with contextlib.suppress(OSError):
            # A pipe holds 64 KiB; woken for each, this thread would wait its turn at the interpreter
            # dozens of times. 1 MiB is what Linux lets any user ask for.
            fcntl.fcntl(reading, fcntl.F_SETPIPE_SZ, _PIPE_SIZE)
        self.start()

    def run(self) -> None:
        # A pipe's worth at a time: a file object's read() of all there is reads a pipe a few kilobytes
        # at a time, and each wakes this thread to wait for its turn again.
        chunks = []
        try:
            while chunk := os.read(self.reading, _PIPE_SIZE):
                chunks.append(chunk)
        finally:
            os.close(self.reading)
        self.data = b"".join(chunks)


_PIPE_SIZE = 1 << 20


def _work(root: Path, part: Part, check: Check, kept: FileCache | None, writing: int, parent: int, prctl: Prctl | None) -> NoReturn:
    """A part's process: its part checked, and the outcome written to ``writing``; it never returns."""
    try:
        start_worker(parent, prctl)
        # Whatever is said is the whole workspace's to say, should this part fail.
        sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115
        result = _check_part(root, part, check, None, kept)
        this_run = None if kept is None else kept.this_run()
    except BaseException:  # noqa: BLE001  # handed back as a failure, then reported by the workspace read whole
        result = None
    try:
        with open(writing, "wb") as stream:
            if result is not None:
                # Written as it is pickled, not pickled whole first: the reading thread takes it as it comes.
                pickler = pickle.Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL)
                for piece in (this_run, *_pieces(result)):
                    pickler.dump(piece)
                    # A pickler remembers every object it has written, to write it once: for a part's
                    # whole result, a table and the pieces it takes apart (100,000 objects, 7 MB on
                    # 2,500 reports) held at this process's peak. Forgotten after each piece (each
                    # is then read on its own), an object that pieces share is written with each.
                    pickler.clear_memo()
    finally:
        # Never back into the command: its exit handlers, output and cache are the parent's.
        os._exit(0)


def _check_part(root: Path, part: Part, check: Check, progress: Progress | None, kept: FileCache | None) -> Findings:
    return check(load_part(root, part, progress, kept))


def _pieces(result: Findings) -> Iterator[Findings]:
    """``result`` cut at reports into pieces of at least ``_PIECE`` findings and obligations (the last
    may hold fewer), each the results of its reports: joined in order, they are ``result``."""
    if not result.reports:
        yield result
        return
    reports = owed = findings = 0
    while reports < len(result.reports):
        start = reports, owed, findings
        while reports < len(result.reports) and (owed - start[1]) + (findings - start[2]) < _PIECE:
            reports += 1
            # Every list sorts by report first: each piece ends where the next report's results begin.
            following = result.reports[reports].id if reports < len(result.reports) else None
            while owed < len(result.owed) and (following is None or result.owed[owed].report < following):
                owed += 1
            while findings < len(result.findings) and (following is None or result.findings[findings].report < following):
                findings += 1
        yield Findings(
            result.as_of,
            result.rules,
            result.reports[start[0] : reports],
            result.owed[start[1] : owed],
            result.findings[start[2] : findings],
            result.overview[start[0] : reports],
        )


_PIECE = 2000
"""Findings and obligations pickled at least to a piece (``_pieces``)."""


def _unpickled(data: bytes) -> _Outcome:
    """What ``_work`` wrote: what the part keeps of the cache, then its pieces, each pickled on its own."""
    stream = io.BytesIO(data)
    this_run = pickle.load(stream)
    pieces = []
    while stream.tell() < len(data):
        pieces.append(pickle.load(stream))
    return pieces, this_run


def _as_of_the_whole(progress: Progress | None, planned: list[Part]) -> Progress | None:
    if progress is None:
        return None
    total = sum(part.files for part in planned)
    mine = planned[0].files
    return lambda done, _: progress(done * total // mine, total)


def _joined(found: list[Findings]) -> Findings:
    """The results of the parts, in the order of their ranges of reports: the whole workspace's."""
    first = found[0]
    return Findings(
        first.as_of,
        first.rules,
        tuple(itertools.chain.from_iterable(part.reports for part in found)),
        tuple(itertools.chain.from_iterable(part.owed for part in found)),
        tuple(itertools.chain.from_iterable(part.findings for part in found)),
        tuple(itertools.chain.from_iterable(part.overview for part in found)),
    )
