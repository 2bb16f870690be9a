"""Shared fixtures: every test gets its own store folder; the real sample is ingested once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_PDF = ROOT / "data" / "samples" / "nanan-jxw-2024.pdf"
SHARED = Path(os.environ.get("BUDGET_QA_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"

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
