"""A chat model may propose a plan, never a figure: fake models that propose a good plan, an
invalid one, or prose with numbers; only the good plan may change an answer."""

from __future__ import annotations

import json

import pytest

from assistant.core import Assistant
from assistant.llm import load_llm
from ingest.model import Document

from conftest import CORPUS

QUESTION = "the money for hosting visitors?"  # the rules find no item in it


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    return [Document.from_truth_dict(json.loads((CORPUS / "nanan-jxw-2024.truth.json").read_text("utf-8")))]


def _ask(docs: list[Document], reply: str | None) -> object:
    llm = None if reply is None else load_llm("fake", [reply] * 4)
    return Assistant(docs, llm=llm).ask(QUESTION)


def test_without_a_model_nothing_changes(docs: list[Document]) -> None:
    assert _ask(docs, None).found is False


def test_a_good_plan_is_executed_by_the_same_code(docs: list[Document]) -> None:
    plan = {"documents": [docs[0].doc_id], "operation": "one-document", "item": "公务接待费"}
    ans = _ask(docs, "Plan: " + json.dumps(plan, ensure_ascii=False))
    assert ans.found and ans.route.startswith("model-plan")
    assert [f.value for f in ans.figures][:1] == [4] and ans.figures[0].source.table == "表四"


@pytest.mark.parametrize("reply", [
    json.dumps({"documents": ["no-such-doc"], "operation": "one-document", "item": "公务接待费"}),
    json.dumps({"documents": ["DOC"], "operation": "one-document", "item": "宴请外宾费"}),  # no such row
    json.dumps({"documents": ["DOC"], "operation": "guess", "item": "公务接待费"}),  # made-up operation
    "公务接待费大约是 999 万元。",  # prose with numbers
    "{not json",
])
def test_an_invalid_plan_or_prose_changes_nothing(docs: list[Document], reply: str) -> None:
    ans = _ask(docs, reply.replace("DOC", docs[0].doc_id))
    assert ans.found is False and "999" not in ans.text


def test_a_principled_refusal_stands_whatever_the_model_proposes(docs: list[Document]) -> None:
    plan = {"documents": [docs[0].doc_id], "operation": "one-document", "item": "公务接待费"}
    llm = load_llm("fake", [json.dumps(plan, ensure_ascii=False)] * 4)
    ans = Assistant(docs, llm=llm).ask("2019年公务接待费是多少？")  # another year's detail
    assert ans.found is False
