"""OS file locks (``fcntl.flock``) that keep writers of one store apart and tell the
writer which folders readers still hold.

* :class:`WriteLock` — an exclusive lock on ``data_dir/.write.lock``, held by one
  writer (a CLI ingest, a chat upload) for the whole of its change, across
  processes. A second writer waits for it up to ``write_wait_s`` seconds, then
  raises :class:`~ingest.errors.StoreError` with one line.
* :func:`hold_shared` / :func:`unheld` — a reader takes a shared lock on a
  folder's lock file for as long as it uses the folder; the writer removes a
  folder only when it can take the exclusive lock, i.e. when nobody holds it.

``flock`` locks belong to an open file: a process that dies (even by ``kill -9``)
releases them, so a lock is never left behind by a crash.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable
from pathlib import Path

from ingest.errors import StoreError

__all__ = ["WriteLock", "hold_shared", "release", "remove_unheld"]

LOCK_NAME = ".write.lock"
POLL_S = 0.2


class WriteLock:
    """The one-writer-at-a-time lock of a store folder."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.path = self.root / LOCK_NAME
        self.fd: int | None = None

    def acquire(self, wait_s: float, on_wait: Callable[[], None] | None = None) -> None:
        """Take the lock, waiting up to ``wait_s`` seconds for another writer to finish."""
        deadline = time.monotonic() + wait_s
        told = False
        while True:
            self.root.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                if time.monotonic() >= deadline:
                    error = StoreError(
                        f"another ingest is still writing to the store in {self.root} after "
                        f"{wait_s:g} s of waiting; nothing was written — run this ingest again when "
                        "it has finished, or set BUDGET_QA_WRITE_WAIT_S higher"
                    )
                    error.zh = (  # type: ignore[attr-defined]  # the chat's line (message_zh)
                        f"另一个导入仍在写入资料库（已等待 {wait_s:g} 秒），{{name}}没有写入。"
                        "请等它完成后再上传。"
                    )
                    raise error from None
                if not told and on_wait is not None:
                    on_wait()
                told = True
                time.sleep(POLL_S)
                continue
            # The folder may have been removed (and the lock file with it) while we waited:
            # the lock only counts on the file that is there now.
            try:
                same = os.stat(self.path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                self.fd = fd
                return
            os.close(fd)

    def release(self) -> None:
        if self.fd is not None:
            fd, self.fd = self.fd, None
            os.close(fd)  # closing the file releases the lock

    def __enter__(self) -> WriteLock:
        self.acquire(0)
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def hold_shared(lock_file: Path) -> int | None:
    """Take a shared lock on ``lock_file`` (a reader using what it guards); returns the fd
    to pass to :func:`release`, or None when the file is gone."""
    try:
        fd = os.open(lock_file, os.O_RDONLY)
    except FileNotFoundError:
        return None
    fcntl.flock(fd, fcntl.LOCK_SH)
    try:
        if os.stat(lock_file).st_ino == os.fstat(fd).st_ino:
            return fd
    except FileNotFoundError:
        pass
    os.close(fd)  # removed while we waited for the lock
    return None


def release(fd: int | None) -> None:
    if fd is not None:
        try:
            os.close(fd)
        except OSError:
            pass


def remove_unheld(folder: Path, lock_file: Path) -> bool:
    """Remove ``folder`` unless a reader holds ``lock_file`` (kept locked while removing,
    so no reader can take it in between). True if removed."""
    import shutil

    try:
        fd = os.open(lock_file, os.O_RDONLY)
    except FileNotFoundError:
        fd = None
    try:
        if fd is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False
        shutil.rmtree(folder, ignore_errors=True)
        if lock_file.exists() and not lock_file.is_relative_to(folder):
            lock_file.unlink(missing_ok=True)
        return True
    finally:
        if fd is not None:
            os.close(fd)
