"""Answers on truth-loaded documents: right figures, cited, well-formed."""

from __future__ import annotations

import json
import re

import pytest

from assistant.answer import Answer, Figure
from assistant.core import Assistant
from ingest.errors import QuestionError
from ingest.model import Document

from tests.conftest import CORPUS, needs_shared

pytestmark = needs_shared


def _doc(slug: str) -> Document:
    return Document.from_truth_dict(json.loads((CORPUS / f"{slug}.truth.json").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def nanan() -> Assistant:
    return Assistant([_doc("nanan-jxw-2024")])


def _leaves(f: Figure) -> list[Figure]:
    return [x for o in f.operands for x in _leaves(o)] if f.operands else [f]


def assert_well_formed(a: Answer) -> None:
    """Every figure has a source (document + table or section); every amount in the text comes from a figure."""
    for f in a.figures:
        for leaf in _leaves(f):
            assert leaf.source is not None, f
            assert leaf.source.document
            assert leaf.source.table or leaf.source.section
    stated = {round(float(x.value), 2) for f in a.figures for x in [f, *_leaves(f)]}
    for m in re.finditer(r"(\d+(?:\.\d+)?)\s*(万元|亿元|元|%)", a.text):
        assert round(float(m.group(1)), 2) in stated, (m.group(0), a.text)


@pytest.mark.parametrize("question,value,unit", [
    ("经信委今年招待客人花多少钱？", 4, "万元"),
    ("2150517 产业发展预算多少", 1324, "万元"),
    ("30101基本工资预算多少？", 147.96, "万元"),
    ("公务接待费占“三公”经费总额的比例是多少？", 40, "%"),
    ("2023年“三公”经费预算是多少？", 12, "万元"),
    ("他们有几辆公车？", 2, "辆"),
])
def test_figures(nanan: Assistant, question: str, value: float, unit: str) -> None:
    a = nanan.ask(question)
    assert a.found
    assert any(abs(float(f.value) - value) < 0.01 and f.unit == unit for f in a.figures), a.text
    assert_well_formed(a)


@pytest.mark.parametrize("question", [
    "南岸区经信委的主任是谁？", "经信委2025年的预算安排是多少？", "经信委2023年的决算支出是多少？",
    "南岸区教委2024年的部门预算是多少？", "2023年2150517产业发展科目的预算数是多少？",
])
def test_refusals(nanan: Assistant, question: str) -> None:
    a = nanan.ask(question)
    assert not a.found and not a.figures


def test_empty_question(nanan: Assistant) -> None:
    with pytest.raises(QuestionError):
        nanan.ask("  ")


def test_english(nanan: Assistant) -> None:
    a = nanan.ask("How much is the official reception budget?")
    assert a.found and any(float(f.value) == 4 for f in a.figures)


def test_amount_in_yuan(nanan: Assistant) -> None:
    a = nanan.ask("公务接待费是多少元？")
    assert any(f.unit == "元" and float(f.value) == 40000 for f in a.figures), a.text


def test_latency(nanan: Assistant) -> None:
    a = nanan.ask("日常公用经费是多少？")
    assert a.latency_ms < 100
