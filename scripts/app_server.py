"""``python app.py`` in a subprocess on a free loopback port, with a store of its own.

Used by the app tests (tests/app_fixtures.py, tests/test_chat_scope.py) and the load benchmark
(scripts/bench_load.py)::

    server = AppServer(log_dir=Path("tests/artifacts"))
    server.wait_until_up(300)
    ...
    server.stop()

The server's store is a fresh temporary folder (an empty store ingests the bundled sample on
start, as a first start does); ``before(env, log)`` may fill it first. Its console output goes to
``<log_dir>/app-server-<port>.log``. Only 127.0.0.1 is ever used.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

__all__ = ["HOST", "AppServer", "free_port"]

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


class AppServer:
    """One ``python app.py`` subprocess on 127.0.0.1 with its own temporary store."""

    def __init__(self, log_dir: Path, args: Sequence[str] = (), env: dict[str, str] | None = None,
                 before: Callable[[dict[str, str], IO[str]], None] | None = None,
                 prefix: str = "budget-qa-app-") -> None:
        """``args`` go to app.py, ``env`` over this process's environment; ``before(env, log)``
        runs before the server starts, with the server's environment and log (to ingest into its
        store)."""
        log_dir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}/"
        self.data_dir = Path(tempfile.mkdtemp(prefix=prefix))
        self.log_path = log_dir / f"app-server-{self.port}.log"  # one log per server: runs may overlap
        self._log = open(self.log_path, "w", encoding="utf-8")  # noqa: SIM115
        full = dict(os.environ)
        full.update({"BUDGET_QA_DATA_DIR": str(self.data_dir / "store"), "PYTHONUNBUFFERED": "1",
                     "GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"})
        full.pop("BUDGET_QA_PORT", None)
        full.pop("BUDGET_QA_HOST", None)
        full.update(env or {})
        if before is not None:
            before(full, self._log)
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "app.py"), "--port", str(self.port), "--host", HOST, *args],
            cwd=ROOT, env=full, stdout=self._log, stderr=subprocess.STDOUT,
        )

    def log_tail(self, n: int = 40) -> str:
        self._log.flush()
        return "\n".join(self.log_path.read_text("utf-8", errors="replace").splitlines()[-n:])

    def wait_until_up(self, timeout: float) -> None:
        """Return once the chat answers on its port; raise RuntimeError (with the log's tail) when
        it exits or does not answer within ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"app.py exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url + "gradio_api/info", timeout=5) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            time.sleep(0.5)
        raise RuntimeError(f"app.py did not answer on {self.url} in {timeout:.0f} s:\n{self.log_tail()}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self._log.close()
        shutil.rmtree(self.data_dir, ignore_errors=True)
