import json

import pytest

from assistant.core import Assistant
from assistant.llm import load_llm, reword
from assistant.tools import make_tools
from ingest.model import Document

from tests.conftest import CORPUS, needs_shared

TRUTH = CORPUS / "nanan-jxw-2024.truth.json"
pytestmark = needs_shared


@pytest.fixture(scope="module")
def assistant() -> Assistant:
    return Assistant([Document.from_truth_dict(json.loads(TRUTH.read_text(encoding="utf-8")))])


def test_tools_invoke(assistant: Assistant) -> None:
    lookup, search, compute = make_tools(assistant)
    out = json.loads(lookup.invoke({"item": "公务接待费"}))
    assert out["found"] and out["figures"][0]["value"] == 4
    assert json.loads(search.invoke({"query": "机关运行经费", "k": 2}))
    assert json.loads(compute.invoke({"operation": "share", "values": [4, 10]}))["value"] == 40


def test_fake_llm_keeps_numbers(assistant: Assistant) -> None:
    a = assistant.ask("公务接待费是多少？")
    assert reword(load_llm("fake", ["改写：{answer}"]), a.question, a).endswith(a.text)
    assert reword(load_llm("fake", ["大约 5 万元"]), a.question, a) == a.text


def test_tools_take_a_document_scope() -> None:
    docs = [Document.from_truth_dict(json.loads((CORPUS / f"{n}.truth.json").read_text(encoding="utf-8")))
            for n in ("nanan-jxw-2024", "shili-beicheng-sifaju-2024")]
    both = Assistant(docs)
    lookup, search, _ = make_tools(both)
    out = json.loads(lookup.invoke({"item": "公务接待费"}))
    assert {d["doc_id"] for d in out["documents"]} == {d.doc_id for d in docs}  # never the first alone
    one = json.loads(lookup.invoke({"item": "公务接待费", "document": "司法局"}))
    assert one["doc_id"] == docs[1].doc_id and one["figures"]
    assert json.loads(lookup.invoke({"item": "公务接待费", "document": "税务局"}))["found"] is False
    hits = json.loads(search.invoke({"query": "三公经费", "k": 3, "document": "经信委"}))
    assert hits and all(h["document"] == "nanan-jxw-2024" for h in hits)
    bound, *_ = make_tools(both, doc_ids=[docs[0].doc_id])
    assert json.loads(bound.invoke({"item": "公务接待费"}))["doc_id"] == docs[0].doc_id
