"""Shared fixtures: every test gets its own store folder; the real sample is ingested once.

The shared corpus is ``../shared`` beside the checkout, or ``BUDGET_QA_SHARED``;
tests name it by ``SHARED`` / ``CORPUS`` and skip with ``NO_SHARED`` (a reason
that says "shared corpus") where it is missing. With ``CI`` set (``.ci/run``
sets it), a skip whose reason speaks of the shared folder, the corpus or the real
PDFs is a failure instead: CI must run every test.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_PDF = ROOT / "data" / "samples" / "nanan-jxw-2024.pdf"
SHARED = Path(os.environ.get("BUDGET_QA_SHARED") or ROOT.parent / "shared")
CORPUS = SHARED / "corpus"
NO_SHARED = f"shared corpus not found in {CORPUS} (set BUDGET_QA_SHARED to the shared folder)"
needs_shared = pytest.mark.skipif(not CORPUS.is_dir(), reason=NO_SHARED)

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


@pytest.fixture(autouse=True)
def _own_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point BUDGET_QA_DATA_DIR at a fresh folder for each test."""
    store = tmp_path / "store"
    monkeypatch.setenv("BUDGET_QA_DATA_DIR", str(store))
    return store


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the real sample disclosure, ingested once per test run (real embeddings)."""
    from assistant.config import load_settings
    from ingest.pipeline import ingest_paths

    folder = tmp_path_factory.mktemp("sample-store")
    ingest_paths([SAMPLE_PDF], load_settings({"BUDGET_QA_DATA_DIR": str(folder)}))
    return folder


@pytest.fixture
def use_sample_store(sample_store: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BUDGET_QA_DATA_DIR", str(sample_store))
    return sample_store


# skip reasons that mean the shared folder (or part of it) was not found
_FOR_WANT_OF_SHARED = re.compile(r"shared|corpus|real PDFs|BUDGET_QA_SHARED", re.IGNORECASE)


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> object:
    """Under CI, a test skipped for want of the shared corpus fails instead of passing quietly."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if not (report.skipped and _in_ci()) or hasattr(report, "wasxfail"):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    if _FOR_WANT_OF_SHARED.search(reason):
        report.outcome = "failed"
        report.longrepr = (f"CI is set and this test was skipped: {reason}. Put the shared folder beside "
                           f"the checkout ({ROOT.parent / 'shared'}) or set BUDGET_QA_SHARED.")
