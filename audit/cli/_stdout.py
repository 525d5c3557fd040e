"""Standard output that fails as a Unix tool does: quietly on a closed pipe, in one line on a full disk."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from typing import Any, TextIO

import click

PIPE_CLOSED_EXIT = 141
"""128 + SIGPIPE: what a shell reports for a tool whose reader went away (``audit check | head``)."""


class StdoutFailed(BaseException):
    """Writing standard output failed. A BaseException, so that no handler of the tool's own errors
    takes it for an internal error; it ends the command wherever it is raised."""

    def __init__(self, error: OSError):
        super().__init__(error)
        self.error = error


class _Guarded:
    """Standard output whose write errors are ``StdoutFailed``, told apart from every other OSError."""

    def __init__(self, stream: TextIO):
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as err:
            raise StdoutFailed(err) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as err:
            raise StdoutFailed(err) from None

    def __getattr__(self, name: str) -> Any:
        # No binary buffer: click would write to it directly, past the guard.
        if name == "buffer":
            raise AttributeError(name)
        return getattr(self._stream, name)


def run_guarded(main: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run ``main`` (which ends by SystemExit) with standard output guarded, flushed before the end."""
    real = sys.stdout
    if real is None:
        return main(*args, **kwargs)
    sys.stdout = _Guarded(real)
    try:
        try:
            return main(*args, **kwargs)
        finally:
            sys.stdout.flush()
    except StdoutFailed as failed:
        _discard_what_is_left(real)
        if failed.error.errno == errno.EPIPE:
            sys.exit(PIPE_CLOSED_EXIT)
        click.echo(f"audit: cannot write standard output: {failed.error.strerror or failed.error}", err=True)
        sys.exit(2)
    finally:
        sys.stdout = real


def _discard_what_is_left(stream: TextIO) -> None:
    """Point standard output at /dev/null, so that Python's own flush at exit does not fail again, loudly."""
    try:
        fd = stream.fileno()
    except (OSError, ValueError, AttributeError):
        return
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, fd)
    os.close(null)
