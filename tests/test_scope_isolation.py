"""Several documents in one assistant: no answer comes from a document the question or the selected
scope excludes. Two departments print the same item at different values (公务接待费: 经信委 4.00
万元, 司法局 2.50 万元), so a figure from the wrong document would show."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from assistant.across import doc_label
from assistant.core import Assistant
from ingest.model import Document

from conftest import CORPUS


@pytest.fixture(scope="module")
def pair() -> tuple[Assistant, Document, Document]:
    jxw, sfj = (Document.from_truth_dict(json.loads((CORPUS / f"{n}.truth.json").read_text("utf-8")))
                for n in ("nanan-jxw-2024", "shili-beicheng-sifaju-2024"))
    return Assistant([jxw, sfj]), jxw, sfj


def _docs_of(answer) -> set[str]:  # type: ignore[no-untyped-def]
    def leaves(f):  # type: ignore[no-untyped-def]
        return [f] if f.source is not None else [x for o in f.operands for x in leaves(o)]
    return {leaf.source.document for f in answer.figures for leaf in leaves(f)} | {
        c.document for c in answer.citations}


def test_the_same_item_differs_between_the_two(pair) -> None:  # type: ignore[no-untyped-def]
    a, jxw, sfj = pair
    one = a.ask("经信委的公务接待费是多少", doc_ids=[jxw.doc_id])
    two = a.ask("司法局的公务接待费是多少", doc_ids=[sfj.doc_id])
    assert one.figures[0].value != two.figures[0].value


@pytest.mark.parametrize("question, expected", [
    ("经信委的公务接待费是多少", "nanan-jxw-2024"),
    ("南岸区经济和信息化委员会招待费多少", "nanan-jxw-2024"),
    ("司法局的公务接待费是多少", "shili-beicheng-sifaju-2024"),
    ("北城区司法局三公经费", "shili-beicheng-sifaju-2024"),
])
def test_a_named_issuer_is_the_only_source(pair, question: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    a, *_ = pair
    ans = a.ask(question)
    assert ans.found and _docs_of(ans) == {expected}


def test_the_selected_scope_is_the_only_source(pair) -> None:  # type: ignore[no-untyped-def]
    a, jxw, sfj = pair
    ans = a.ask("公务接待费是多少", doc_ids=[sfj.doc_id])
    assert _docs_of(ans) == {"shili-beicheng-sifaju-2024"} and ans.figures[0].value == Decimal("2.50")
    # a department outside the selection is not answered from the selection
    assert a.ask("经信委的公务接待费是多少", doc_ids=[sfj.doc_id]).found is False


def test_an_unnamed_question_gives_each_document_never_the_first_alone(pair) -> None:  # type: ignore[no-untyped-def]
    a, jxw, sfj = pair
    ans = a.ask("公务接待费是多少")
    assert _docs_of(ans) == {"nanan-jxw-2024", "shili-beicheng-sifaju-2024"}
    assert doc_label(jxw) in ans.text and doc_label(sfj) in ans.text


def test_comparison_cites_each_operand_in_its_own_document(pair) -> None:  # type: ignore[no-untyped-def]
    a, *_ = pair
    ans = a.ask("经信委和司法局谁的公务接待费多？多多少？")
    assert ans.found and ans.route == "across:compare"
    diff = ans.figures[0]
    assert diff.value == Decimal("1.50") and {o.source.document for o in diff.operands} == {
        "nanan-jxw-2024", "shili-beicheng-sifaju-2024"}


def test_a_department_not_loaded_is_declined(pair) -> None:  # type: ignore[no-untyped-def]
    a, *_ = pair
    for q in ("税务局的公务接待费是多少", "经信委和税务局谁的公务接待费多"):
        assert a.ask(q).found is False
