"""One run per outputs folder: an advisory lock on ``OUTPUTS/.cache/lock``.

The lock is a POSIX record lock (``fcntl.lockf``) on that file, which holds the pid of the run
that holds it. The kernel releases it when the holder ends, however it ends (``kill -9``
included), so a lock left by a dead run is taken over by the next one: there is nothing to clean
up by hand. Worker processes do not inherit the lock (record locks are per process), so an
orphaned worker never blocks a later run. A second run on the same folder stops with a message
naming the holder's pid (exit status 3), or with ``wait`` waits until the holder is done.

Never open and close the lock file elsewhere in a process that holds it: closing any descriptor
of the file releases a POSIX lock.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import threading
import time
from pathlib import Path

from .errors import OutputsLocked

log = logging.getLogger("pipeline")

LOCK_NAME = ".cache/lock"
POLL_SECONDS = 0.2

_HELD: set[str] = set()  # lock files held by this process: record locks do not exclude their own process
_HELD_GUARD = threading.Lock()


def _pid_in(data: bytes) -> int | None:
    text = data.decode("ascii", errors="replace").strip()
    return int(text) if text.isdigit() else None


def holder_pid(path: Path) -> int | None:
    """The pid written in the lock file, if any (only for a process that does not hold the lock)."""
    try:
        return _pid_in(path.read_bytes()[:32])
    except OSError:
        return None


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class OutputsLock:
    """``with OutputsLock(outputs, wait=False): ...`` holds the outputs folder for one run."""

    def __init__(self, outputs: Path, wait: bool = False):
        self.outputs = Path(outputs)
        self.path = self.outputs / LOCK_NAME
        self.wait = wait
        self.fd: int | None = None

    def __enter__(self) -> OutputsLock:
        key = str(self.path.resolve())
        with _HELD_GUARD:
            if key in _HELD:
                raise OutputsLocked(f"the outputs folder {self.outputs} is in use by another run in this process")
            _HELD.add(key)
        try:
            self._acquire()
        except BaseException:
            with _HELD_GUARD:
                _HELD.discard(key)
            raise
        self._key = key
        return self

    def _acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)
        announced = False
        try:
            while True:
                try:
                    fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as exc:
                    if exc.errno not in (errno.EACCES, errno.EAGAIN):
                        raise
                pid = holder_pid(self.path)
                who = f"pid {pid}" if pid else "a process that has not written its pid yet"
                if not self.wait:
                    raise OutputsLocked(
                        f"the outputs folder {self.outputs} is in use by another run ({who}); "
                        f"wait for it to finish, or pass --wait"
                    )
                if not announced:
                    log.warning(
                        "the outputs folder %s is in use by another run (%s); waiting (--wait)", self.outputs, who
                    )
                    announced = True
                time.sleep(POLL_SECONDS)
            previous = _pid_in(os.pread(fd, 32, 0))  # not holder_pid(): closing another descriptor would unlock
            if previous and previous != os.getpid() and pid_alive(previous):
                log.debug("lock file names pid %s, which holds no lock on it", previous)
            elif previous and previous != os.getpid():
                log.info("took over the lock of run pid %s, which is no longer running", previous)
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        except BaseException:
            os.close(fd)
            raise
        self.fd = fd

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            try:
                os.ftruncate(self.fd, 0)
            except OSError:
                pass
            os.close(self.fd)  # releases the lock
            self.fd = None
        with _HELD_GUARD:
            _HELD.discard(self._key)
