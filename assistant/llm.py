"""Optional chat model that may only reword an answer; every figure is checked afterwards.

``load_llm('none')`` returns None (deterministic wording); ``load_llm('fake')``
returns a scripted LangChain fake chat model for tests. A reworded text is
kept only when it states exactly the numbers of the original answer.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from assistant.answer import Answer

__all__ = ["load_llm", "reword"]

log = logging.getLogger(__name__)
_NUM = re.compile(r"\d+(?:\.\d+)?")


def load_llm(name: str = "none", responses: list[str] | None = None) -> Any:
    """'none' → None; 'fake' → a FakeListChatModel (echoes ``responses`` in turn)."""
    if name in ("", "none", None):
        return None
    if name == "fake":
        return FakeListChatModel(responses=responses or ["{answer}"])
    raise ValueError(f"unknown llm {name!r}; use 'none' or 'fake'")


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
