"""Title, issuer, year and kind of a disclosure; telling disclosures from other files."""

from __future__ import annotations

import json

import pdfplumber
import pytest

from ingest.meta import DocumentMeta, document_meta, looks_like_disclosure
from ingest.model import Document, Extracted, Table, TextLine

from tests.conftest import CORPUS, needs_shared
DOCS = ["nanan-jxw-2024", "shili-donghu-jiaowei-2024", "shili-beicheng-sifaju-2024", "shili-donghu-jiaowei-2024-lo"]
needs_corpus = needs_shared


def four(meta: DocumentMeta) -> tuple:
    return meta.title, meta.issuer, meta.year, meta.kind


def truth_doc(doc: str) -> tuple[dict, Document]:
    data = json.loads((CORPUS / f"{doc}.truth.json").read_text("utf-8"))
    return data, Document.from_truth_dict(data)


@needs_corpus
@pytest.mark.parametrize("doc", DOCS)
def test_cover_gives_truth_meta(doc: str) -> None:
    data, parsed = truth_doc(doc)
    with pdfplumber.open(CORPUS / f"{doc}.pdf") as pdf:
        head = [ln["text"] for ln in pdf.pages[0].extract_text_lines()][:8]
    meta = document_meta(head, parsed.tables, [])
    assert four(meta) == four(DocumentMeta(data["title"], data["issuer"], data["year"], data["doc_type"]))
    assert meta.level == "区级" and data["issuer"].startswith(meta.region or "-")


@needs_corpus
@pytest.mark.parametrize("doc", DOCS)
def test_table_titles_when_cover_is_unclear(doc: str) -> None:
    data, parsed = truth_doc(doc)
    meta = document_meta(["附件2"], parsed.tables, [])
    assert (meta.issuer, meta.year, meta.kind) == (data["issuer"], 2024, "部门预算")
    assert meta.title == f"{data['issuer']}2024年部门预算"
    # a cover line with the year but no issuer borrows the issuer from the tables
    meta = document_meta(["2024 年部门预算情况说明"], parsed.tables, [])
    assert meta.title == data["title"] and meta.issuer == data["issuer"]


def test_letter_spaced_and_split_titles() -> None:
    spaced = document_meta(["示 例 市 北 城 区 司 法 局", "2 0 2 4 年 部 门 决 算 情 况 说 明"], [], [])
    assert four(spaced) == ("示例市北城区司法局2024年部门决算情况说明", "示例市北城区司法局", 2024, "部门决算")
    assert (spaced.region, spaced.level) == ("示例市北城区", "区级") and "司法局" in spaced.aliases
    split = document_meta(["重庆市南岸区", "经济和信息化委员会", "2024 年部门预算情况说明"], [], [])
    assert split.issuer == "重庆市南岸区经济和信息化委员会"
    assert split.title == "重庆市南岸区经济和信息化委员会2024年部门预算情况说明"
    one = document_meta(["2023年度示例市东湖区教育委员会单位决算公开说明"], [], [])
    assert (one.issuer, one.year, one.kind) == ("示例市东湖区教育委员会", 2023, "单位决算")


def test_year_from_narrative_when_nothing_else_says() -> None:
    lines = [TextLine("2024 年年初预算数 100 万元。", 1)]
    meta = document_meta([], [], lines)
    assert meta.year == 2024 and meta.kind == "部门预算" and meta.issuer is None


@needs_corpus
def test_looks_like_disclosure() -> None:
    _, parsed = truth_doc("nanan-jxw-2024")
    assert looks_like_disclosure(Extracted(parsed.tables, [], 25))
    narrative = [TextLine(s.text, s.page) for s in parsed.sections]
    assert looks_like_disclosure(Extracted([], narrative, 6))
    untitled = [Table(t.table_id, t.title, t.unit, t.page, t.columns, t.rows) for t in parsed.tables]
    assert looks_like_disclosure(Extracted(untitled, [], 25))


def test_other_files_are_not_disclosures() -> None:
    story = [TextLine("今天天气很好，我们去公园散步，花了 20 元买门票。", 1)]
    assert not looks_like_disclosure(Extracted([], story, 1))
    invoice = [TextLine("发票金额 1200 元，支出项目：办公用品。", 1)]
    assert not looks_like_disclosure(Extracted([], invoice, 1))
    menu = Table("表1", "菜单", "元", 1, ["价格"])
    assert not looks_like_disclosure(Extracted([menu], [], 1))
