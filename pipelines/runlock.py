"""One run at a time per warehouse: a lock file holding the running process's PID.

The lock is an flock on the file, so the kernel frees it when its holder dies: a lock file
left by a killed run (a dead PID) is simply taken over."""
from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path


class AlreadyRunning(RuntimeError):
    """Another run holds the lock."""


class RunLock:
    def __init__(self, path: Path):
        self.path = Path(path)
        self._fd: int | None = None

    def holder(self) -> str:
        try:
            return self.path.read_text().strip() or "unknown"
        except OSError:
            return "unknown"

    def acquire(self, wait: float = 0) -> None:
        """Take the lock; if another run holds it, wait up to `wait` seconds, then refuse."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() < deadline:
                    time.sleep(0.5)
                    continue
            os.close(fd)
            raise AlreadyRunning(
                f"rapportlager is already running (pid {self.holder()}) on {self.path.parent}; "
                f"lock file {self.path}"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        os.fsync(fd)
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        os.ftruncate(self._fd, 0)
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> "RunLock":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
