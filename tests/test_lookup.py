import json

import pytest

from assistant.lookup import DocTables, find_matches, lookup_figure
from ingest.model import Document

from tests.conftest import CORPUS, needs_shared

TRUTH = CORPUS / "nanan-jxw-2024.truth.json"
pytestmark = needs_shared


@pytest.fixture(scope="module")
def doc() -> Document:
    return Document.from_truth_dict(json.loads(TRUTH.read_text(encoding="utf-8")))


def test_code_prefers_gpb_exp(doc: Document) -> None:
    r = lookup_figure(doc, "2150517")
    assert r.found and r.citations[0].table == "表二" and float(r.figures[0].value) == 1324


def test_everyday_words(doc: Document) -> None:
    t = DocTables(doc)
    assert find_matches("请客吃饭花了多少", t)[0].items[0].name == "公务接待费"
    assert float(lookup_figure(doc, "公车运行维护", tables=t).figures[0].value) == 6


def test_column_and_blank_previous(doc: Document) -> None:
    assert float(lookup_figure(doc, "21505", column="项目支出").figures[0].value) == 1420
    assert not lookup_figure(doc, "2150517", previous=True).found


def test_joined_costs_said_with_he_or_yu_and_the_short_car_word() -> None:
    from assistant.vocabulary import load_vocabulary

    vocab = load_vocabulary()
    for said in ("公车购置和运行费", "公务用车购置与运行费", "公务用车购置及运行费"):
        hits = vocab.find_concepts(said)
        assert hits and hits[0].concept.id == "car_total" and hits[0].end - hits[0].start == len(said)
