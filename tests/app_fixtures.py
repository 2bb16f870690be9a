"""The real chat, started once per test run and shared by the app tests.

``python app.py --port <free port>`` runs in a subprocess with its own empty
store (``BUDGET_QA_DATA_DIR``), so it ingests the bundled sample on start, as a
first start does. Test modules use it through the ``app_url`` fixture::

    from app_fixtures import app_url  # noqa: F401  (a pytest fixture)

The server is started by whichever module needs it first and stopped when the
test run ends; its console output is kept in ``tests/artifacts/app-server-<port>.log``.
"""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
START_TIMEOUT_S = float(os.environ.get("BUDGET_QA_TEST_START_TIMEOUT", "300"))
# how long the first answer may take: the sample is ingested (with embeddings) on start
READY_TIMEOUT_S = float(os.environ.get("BUDGET_QA_TEST_READY_TIMEOUT", "900"))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """One ``python app.py`` subprocess on 127.0.0.1."""

    def __init__(self) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.data_dir = Path(tempfile.mkdtemp(prefix="budget-qa-app-"))
        # one log per server: test runs may overlap in the same tree
        self.log_path = ARTIFACTS / f"app-server-{self.port}.log"
        self._log = open(self.log_path, "w", encoding="utf-8")  # noqa: SIM115
        env = dict(os.environ)
        env.update({
            "BUDGET_QA_DATA_DIR": str(self.data_dir / "store"),
            "PYTHONUNBUFFERED": "1",
            "GRADIO_ANALYTICS_ENABLED": "False",
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
        })
        env.pop("BUDGET_QA_PORT", None)
        env.pop("BUDGET_QA_HOST", None)
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "app.py"), "--port", str(self.port), "--host", "127.0.0.1"],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT,
        )

    def log_tail(self, n: int = 40) -> str:
        self._log.flush()
        lines = self.log_path.read_text("utf-8", errors="replace").splitlines()
        return "\n".join(lines[-n:])

    def wait_until_up(self, timeout: float = START_TIMEOUT_S) -> None:
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
        raise RuntimeError(f"app.py did not answer on {self.url} in {timeout:.0f}s:\n{self.log_tail()}")

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


_server: AppServer | None = None


def running_app() -> AppServer:
    """The shared server, started on first use and stopped at exit."""
    global _server
    if _server is None:
        server = AppServer()
        atexit.register(server.stop)
        try:
            server.wait_until_up()
        except Exception:
            server.stop()
            raise
        _server = server
    if _server.proc.poll() is not None:
        raise RuntimeError(f"app.py has exited:\n{_server.log_tail()}")
    return _server


@pytest.fixture(scope="session")
def app_server() -> AppServer:
    try:
        return running_app()
    except RuntimeError as e:
        pytest.fail(str(e))


@pytest.fixture(scope="session")
def app_url(app_server: AppServer) -> str:
    return app_server.url
