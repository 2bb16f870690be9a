"""The optional chat model: none by default, a scripted fake for tests, clear errors otherwise."""

from __future__ import annotations

import pytest

from assistant.config import load_settings
from assistant.llm import load_llm
from assistant.service import load_assistant
from ingest.errors import StoreError


def test_none_and_fake() -> None:
    assert load_llm("none") is None
    assert load_llm("fake").invoke("x").content == "{answer}"


@pytest.mark.parametrize("name, phrase", [("bogus", "provider:model"),
                                          ("openai:gpt-4o-mini", "not installed")])
def test_unusable_model_is_a_clear_error(name: str, phrase: str) -> None:
    with pytest.raises(StoreError, match=phrase):
        load_llm(name)


def test_fake_model_rewords_but_figures_stay(use_sample_store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("BUDGET_QA_LLM", "fake")
    assistant = load_assistant(load_settings())
    answer = assistant.ask("公务接待费预算多少？")
    assert answer.found and "4.00" in answer.text
    assert [float(f.value) for f in answer.figures][:1] == [4.0]
