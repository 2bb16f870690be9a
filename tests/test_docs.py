"""Every setting is documented in the README with its environment variable."""

from __future__ import annotations

import pytest

from assistant.config import SETTINGS, load_settings
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text("utf-8")


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_setting_documented(setting) -> None:  # type: ignore[no-untyped-def]
    assert f"`{setting.env}`" in README
    assert f"| {setting.name} |" in README


def test_env_overrides_and_validation() -> None:
    s = load_settings({"BUDGET_QA_TOP_K": "8", "BUDGET_QA_PORT": "9000"})
    assert (s.top_k, s.port) == (8, 9000)
    with pytest.raises(ValueError, match="BUDGET_QA_TOP_K must be a whole number"):
        load_settings({"BUDGET_QA_TOP_K": "many"})


def test_readme_names_the_two_commands() -> None:
    assert "make run" in README and "make test" in README
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "make test" in ci


def test_the_first_sight_trend_is_read_from_the_report(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import importlib.util

    spec = importlib.util.spec_from_file_location("plot_first_sight", ROOT / "scripts" / "plot_first_sight.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    rows = mod.read_trend(ROOT / "reports" / "2026-12-05" / "README.md")
    assert rows[0] == (1, 25.0, 18.2) and [r for r, _, _ in rows] == list(range(1, len(rows) + 1))
