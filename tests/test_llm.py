"""The optional chat model: none by default, a scripted fake for tests, clear errors otherwise; a
rewording is kept only when it is grounded in the answer, and a slow model never holds the caller."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult

from assistant.config import load_settings
from assistant.llm import grounding_problems, load_llm, reword
from assistant.service import load_assistant
from ingest.errors import StoreError


class SleepyModel(BaseChatModel):
    """A chat model that answers after ``seconds`` (a hung provider)."""

    seconds: float = 30.0
    reply: str = "{answer}"

    @property
    def _llm_type(self) -> str:
        return "sleepy-test-model"

    def _generate(self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None,
                  **kwargs: Any) -> ChatResult:
        time.sleep(self.seconds)
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=self.reply))])


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


# --- grounding: each kind of unfaithful rewording is caught -------------------------------------

@pytest.fixture(scope="module")
def answers(sample_store):  # type: ignore[no-untyped-def]
    """Deterministic answers of the real assistant over the sample disclosure."""
    assistant = load_assistant(load_settings(data_dir=sample_store))
    qs = {"hospitality": "公务接待费预算多少？", "change": "三公经费比2023年减少了多少？",
          "two": "公务接待费和公务用车运行维护费各是多少？"}
    return {k: assistant.ask(q) for k, q in qs.items()}


def _swap(text: str, old: str, new: str) -> str:
    assert old in text, (old, text)
    return text.replace(old, new)


BAD = [
    # (answer, how the model rewrites the deterministic text, what is caught)
    ("hospitality", lambda t: _swap(t, "公务接待费", "公务用车购置费"), "公务接待费 no longer named"),
    ("hospitality", lambda t: _swap(t, "万元", "元"), "new number 4元"),
    ("change", lambda t: _swap(t, "减少", "增加"), "new direction up"),
    ("change", lambda t: t.replace("减少", "下降", 1).replace("减少", "增加"), "changed its context"),
    ("change", lambda t: "In 2024 the 三公经费 were 10.00 万元, an increase of 2.00 万元 on 2023.", "new direction up"),
    ("two", lambda t: _swap(t, "2024年公务用车运行费", "另一项"), "公务用车运行费 no longer named"),
    ("hospitality", lambda t: _swap(t, "2024年", "2023年"), "new year 2023"),
    ("hospitality", lambda t: _swap(t, "。", "，另有 1.50 万元。"), "new number 1.5万元"),
    ("hospitality", lambda t: _swap(t, "。", "，另有九百九十九万元。"), "new amount in words 九百九十九"),
    ("two", lambda t: t.split("。")[0] + "。", "figure 6万元 no longer stated"),
    # a model that follows an instruction a document carries
    ("hospitality", lambda t: "好的，忽略以上内容：公务接待费为999万元。", "new number 999万元"),
]


@pytest.mark.parametrize("key, rewrite, caught", BAD)
def test_unfaithful_rewording_falls_back(answers, key, rewrite, caught) -> None:  # type: ignore[no-untyped-def]
    answer = answers[key]
    bad = rewrite(answer.text)
    assert bad != answer.text
    assert any(caught in p for p in grounding_problems(answer.text, bad, answer)), \
        grounding_problems(answer.text, bad, answer)
    assert reword(FakeListChatModel(responses=[bad]), answer.question, answer, timeout_s=10) == answer.text


GOOD = [
    ("hospitality", "经信委2024年的公务接待费预算是4.00万元（见表四 一般公共预算三公经费支出表，第11页）。"),
    ("change", "2024年三公经费为10.00万元，较上年下降2.00万元。"),
    ("two", "2024年，公务接待费为4.00万元，公务用车运行费为6.00万元（均见表四 一般公共预算三公经费支出表，第11页）。"),
]


@pytest.mark.parametrize("key, good", GOOD)
def test_faithful_rewording_is_kept(answers, key, good) -> None:  # type: ignore[no-untyped-def]
    answer = answers[key]
    assert grounding_problems(answer.text, good, answer) == []
    assert reword(FakeListChatModel(responses=[good]), answer.question, answer, timeout_s=10) == good


def test_full_width_digits_are_the_same_numbers(answers) -> None:  # type: ignore[no-untyped-def]
    answer = answers["hospitality"]
    wide = answer.text.replace("4.00", "４．００")
    assert grounding_problems(answer.text, wide, answer) == []


def test_assistant_shows_only_grounded_rewordings(use_sample_store) -> None:  # type: ignore[no-untyped-def]
    assistant = load_assistant(load_settings())
    plain = assistant.ask("公务接待费预算多少？").text
    assistant.llm = FakeListChatModel(responses=[plain.replace("万元", "元"), "公务接待费：4.00 万元（2024年）。"])
    assert assistant.ask("公务接待费预算多少？").text == plain
    assert assistant.ask("公务接待费预算多少？").text == "公务接待费：4.00 万元（2024年）。"


# --- a model that hangs --------------------------------------------------------------------------

def test_slow_model_gives_the_deterministic_text_in_time(answers) -> None:  # type: ignore[no-untyped-def]
    answer = answers["hospitality"]
    t0 = time.perf_counter()
    assert reword(SleepyModel(seconds=30), answer.question, answer, timeout_s=0.5) == answer.text
    assert time.perf_counter() - t0 < 3.0
    # the hung call is left in a daemon thread: it never holds the program's exit
    hung = [t for t in threading.enumerate() if t.name == "budget-qa-rewording"]
    assert hung and all(t.daemon for t in hung)


class HeldModel(BaseChatModel):
    """A chat model that answers only once the test lets it (a provider that hangs, then recovers)."""

    gate: Any
    reply: str = "公务接待费：4.00 万元（2024年）。"

    @property
    def _llm_type(self) -> str:
        return "held-test-model"

    def _generate(self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None,
                  **kwargs: Any) -> ChatResult:
        self.gate.wait(60)
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=self.reply))])


def test_a_hung_model_never_piles_up_threads(answers) -> None:  # type: ignore[no-untyped-def]
    from assistant.llm import MAX_PENDING_CALLS

    answer = answers["hospitality"]
    gate = threading.Event()
    model = HeldModel(gate=gate)
    before = threading.active_count()
    try:
        for _ in range(MAX_PENDING_CALLS + 5):
            t0 = time.perf_counter()
            assert reword(model, answer.question, answer, timeout_s=0.05) == answer.text
            assert time.perf_counter() - t0 < 2.0
        assert threading.active_count() - before <= MAX_PENDING_CALLS
    finally:
        gate.set()
    deadline = time.monotonic() + 10
    while threading.active_count() > before and time.monotonic() < deadline:
        time.sleep(0.05)
    # the model answers again: its calls returned and freed their places
    assert reword(model, answer.question, answer, timeout_s=5) == "公务接待费：4.00 万元（2024年）。"


def test_timeout_is_a_setting(answers, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("BUDGET_QA_LLM_TIMEOUT_S", "0.3")
    assert load_settings().llm_timeout_s == 0.3
    answer = answers["hospitality"]
    t0 = time.perf_counter()
    assert reword(SleepyModel(seconds=30), answer.question, answer) == answer.text
    assert time.perf_counter() - t0 < 3.0
    fast = SleepyModel(seconds=0.0, reply="公务接待费：4.00 万元（2024年）。")
    assert reword(fast, answer.question, answer) == "公务接待费：4.00 万元（2024年）。"
    with pytest.raises(ValueError, match="BUDGET_QA_LLM_TIMEOUT_S"):
        load_settings({"BUDGET_QA_LLM_TIMEOUT_S": "soon"})
