"""One build at a time: a lock per output folder and per edition cache.

A second build of the same edition, or into the same output folder, stops at once and says
which process holds the lock. The lock is the operating system's (``flock``): it is released when
the holding process ends, however it ends, so a killed build never leaves a stale lock behind; the
lock file only keeps the holder's process id for the message.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

from sufficiency.build.progress import BuildError


@contextlib.contextmanager
def exclusive(path: Path, what: str):
    """Hold the lock at ``path`` while the block runs; raise :class:`BuildError` if another process
    holds it. ``what`` says what is locked, for the message."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "unknown"
            raise BuildError(f"another build is using {what} (process {holder}); wait for it to finish "
                             "and build again. The last good book is still published.") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)   # closing releases the lock
