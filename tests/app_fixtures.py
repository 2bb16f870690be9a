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
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from scripts.app_server import AppServer as _AppServer  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
START_TIMEOUT_S = float(os.environ.get("BUDGET_QA_TEST_START_TIMEOUT", "300"))
# how long the first answer may take: the sample is ingested (with embeddings) on start
READY_TIMEOUT_S = float(os.environ.get("BUDGET_QA_TEST_READY_TIMEOUT", "900"))


class AppServer(_AppServer):
    """The chat for the tests: its log in tests/artifacts, ``wait_until_up`` bounded by
    ``BUDGET_QA_TEST_START_TIMEOUT``."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(ARTIFACTS, **kwargs)  # type: ignore[arg-type]

    def wait_until_up(self, timeout: float = START_TIMEOUT_S) -> None:
        super().wait_until_up(timeout)


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
