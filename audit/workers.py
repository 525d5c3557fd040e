"""Processes forked to work for this one: how signals reach them, and that none outlives it.

Used by both ways the tool spreads work: workers that read response files (audit/load.py), and
processes that each load and check a part of the workspace (audit/parts.py).
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable

STOPS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
"""Held back (``signal.pthread_sigmask``) while workers are forked: one that arrived before a worker
had set its own handling would print a traceback from that worker, and in the parent the exception
it raises would be lost in the fork's own hooks."""

Prctl = Callable[[int, int], int]


def find_prctl() -> Prctl | None:
    """Linux's prctl (None elsewhere), found before the workers are forked: importing ctypes in each
    worker cost it 1.8 MB of memory of its own, where imported once, before, its pages are shared."""
    try:
        import ctypes

        prctl: Prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    return prctl


def start_worker(parent: int, prctl: Prctl | None) -> None:
    """In a worker just forked by ``parent``, with ``STOPS`` held back: its own handling of them, then
    let through; and its end with the parent."""
    # Ctrl-C reaches every process in the group; the parent alone answers it, and stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parent's handlers turn these into an orderly stop of the parent; a worker just ends.
    for stop in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPS)
    _end_with_parent(parent, prctl)


def _end_with_parent(parent: int, prctl: Prctl | None) -> None:
    """Have the kernel kill this worker when its parent ends, however it ends (even by SIGKILL).

    Otherwise a parent killed outright leaves its workers running, re-parented, working for no one.
    Linux only (``prctl``); elsewhere a worker ends when it next finds its work gone.
    """
    if prctl is None:
        return
    prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent ended before the request was made
        os._exit(1)


_PR_SET_PDEATHSIG = 1
