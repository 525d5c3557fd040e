"""A progress bar while response files are read: on a terminal only, and only once reading takes long enough to notice."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

SHOW_AFTER = 0.5
"""Seconds of reading before the bar appears: a quicker load shows nothing (and never imports rich)."""

REDRAW_EVERY = 0.1
"""Seconds between redraws: drawing per file would cost more than reading."""


class LoadingProgress:
    """Told (files read, files in all) by the loader; draws a transient bar on ``stream``."""

    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic):
        self.stream = stream
        self.clock = clock
        self.started = clock()
        self.drawn_at = self.started
        self.bar: Progress | None = None
        self.task: TaskID | None = None

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        if self.bar is None:
            if now - self.started < SHOW_AFTER or done >= total:
                return
            self.bar, self.task = self._start(done, total)
        elif now - self.drawn_at < REDRAW_EVERY and done < total:
            return
        self.drawn_at = now
        assert self.task is not None
        self.bar.update(self.task, completed=done)
        self.bar.refresh()

    def _start(self, done: int, total: int) -> tuple[Progress, TaskID]:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        # No automatic refresh: that would start a thread, and the loader may yet fork workers.
        bar = Progress(
            TextColumn("reading response files"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(file=self.stream),
            transient=True,
            auto_refresh=False,
        )
        task = bar.add_task("read", total=total, completed=done)
        bar.start()
        return bar, task

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@contextmanager
def loading_progress(stream: TextIO, clock: Callable[[], float] = time.monotonic) -> Iterator[LoadingProgress | None]:
    """A progress display for one load where ``stream`` is a terminal; None (nothing shown) otherwise."""
    if not stream.isatty():
        yield None
        return
    display = LoadingProgress(stream, clock)
    try:
        yield display
    finally:
        display.close()
