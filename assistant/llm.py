"""Optional chat model that may only reword an answer; every figure is checked afterwards.

``load_llm('none')`` returns None (deterministic wording); ``load_llm('fake')``
returns a scripted LangChain fake chat model for tests; any other value is a
LangChain ``provider:model`` name (``ollama:qwen2.5``, ``openai:gpt-4o-mini``)
given to ``init_chat_model``, whose provider package must be installed by the
user. A reworded text is kept only when it states exactly the numbers of the
original answer; figures and citations never come from the model.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from assistant.answer import Answer
from ingest.errors import StoreError

__all__ = ["load_llm", "reword"]

log = logging.getLogger(__name__)
_NUM = re.compile(r"\d+(?:\.\d+)?")


def load_llm(name: str = "none", responses: list[str] | None = None) -> Any:
    """'none' → None; 'fake' → a FakeListChatModel (echoes ``responses`` in turn);
    'provider:model' → that LangChain chat model."""
    if name in ("", "none", None):
        return None
    if name == "fake":
        return FakeListChatModel(responses=responses or ["{answer}"])
    if ":" not in name:
        raise StoreError(f"BUDGET_QA_LLM={name!r} is not a chat model name; use 'none', 'fake' "
                         "or 'provider:model' such as 'ollama:qwen2.5'")
    from langchain.chat_models import init_chat_model

    try:
        return init_chat_model(name)
    except ImportError as e:
        raise StoreError(f"BUDGET_QA_LLM={name!r} needs a package that is not installed ({e}); "
                         "install it into .venv or set BUDGET_QA_LLM=none") from None
    except ValueError as e:
        raise StoreError(f"BUDGET_QA_LLM={name!r} cannot be loaded ({e}); set BUDGET_QA_LLM=none") from None


def _numbers(text: str) -> list[str]:
    return sorted(str(float(n)) for n in _NUM.findall(text))


def reword(llm: Any, question: str, answer: Answer) -> str:
    """The model's rewording of ``answer.text``, or the original when any number changed."""
    try:
        msg = llm.invoke([SystemMessage("Reword the answer; keep every number, unit and citation exactly."),
                          HumanMessage(f"Question: {question}\nAnswer: {answer.text}")])
        text = str(getattr(msg, "content", msg)).replace("{answer}", answer.text).strip()
    except Exception:  # the deterministic text stands when the model fails
        log.warning("rewording failed", exc_info=True)
        return answer.text
    if not text or _numbers(text) != _numbers(answer.text):
        return answer.text
    return text
