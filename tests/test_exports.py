"""The public surface of each package: sorted, and every name resolves."""

from __future__ import annotations

import importlib

import pytest


@pytest.mark.parametrize("package", ["ingest", "assistant"])
def test_all_sorted_and_resolves(package: str) -> None:
    module = importlib.import_module(package)
    assert module.__all__ == sorted(module.__all__)
    for name in module.__all__:
        assert getattr(module, name) is not None
