"""Invented disclosures of other layouts (tests/pdfs, built by scripts/make_test_pdfs.py).

Each document comes with a truth file written from the same data as its PDF: the
tables must match it row for row (≥ 99%), a few cells are checked exactly, the
cover gives issuer / year / kind, and the consistent figures raise no warnings.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from ingest.checks import run_checks
from ingest.model import Document, Table
from ingest.pipeline import parse_path
from ingest.rowmatch import row_match

PDFS = Path(__file__).resolve().parent / "pdfs"
XIJIANG = "shili-xijiang-czj-final-2023"  # 部门决算, tables in 元 first, narrative in 万元
NANJIANG = "shili-nanjiang-wjw-2024"  # 部门预算, 元 everywhere, Word-style ruling
SOURCES = [f"{XIJIANG}.pdf", f"{XIJIANG}.md", f"{NANJIANG}.pdf"]
META = {
    XIJIANG: ("示例市西江区财政局", 2023, "部门决算"),
    NANJIANG: ("示例市南江区卫生健康委员会", 2024, "部门预算"),
}

_cache: dict[str, Document] = {}


def parsed(name: str) -> Document:
    path = PDFS / name
    if not path.exists():
        pytest.skip("run scripts/make_test_pdfs.py first")
    if name not in _cache:
        _cache[name] = parse_path(path)
    return _cache[name]


def truth(name: str) -> dict:
    return json.loads((PDFS / f"{Path(name).stem}.truth.json").read_text("utf-8"))


def table(doc: Document, table_id: str) -> Table:
    return next(t for t in doc.tables if t.table_id == table_id)


@pytest.mark.parametrize("name", SOURCES)
def test_row_match_at_least_99_percent(name: str) -> None:
    report = row_match(parsed(name).to_truth_dict(), truth(name))
    assert report.rate >= 0.99, report.summary() + "\n" + "\n".join(report.missing)


@pytest.mark.parametrize("name", SOURCES)
def test_metadata_from_cover(name: str) -> None:
    doc = parsed(name)
    assert (doc.issuer, doc.year, doc.kind, doc.unit) == (*META[Path(name).stem], "元")


@pytest.mark.parametrize("name", SOURCES)
def test_consistent_figures_raise_no_warnings(name: str) -> None:
    results = run_checks(parsed(name))
    assert len(results) > 100
    assert not [r.message for r in results if r.status != "ok"]


@pytest.mark.parametrize("name", SOURCES)
def test_table_ids_titles_and_roles_as_truth(name: str) -> None:
    doc = parsed(name)
    got = {t.key: (t.title, t.unit, t.role, t.columns) for t in doc.tables}
    want = {t["table_id"]: (t["title"], t["unit"], t["role"], t["columns"]) for t in truth(name)["tables"]}
    assert got == want
    if name.endswith(".pdf"):
        pages = {t.key: (t.page, t.page_end) for t in doc.tables}
        assert pages == {t["table_id"]: (t["page"], t["page_end"]) for t in truth(name)["tables"]}


@pytest.mark.parametrize("name", [f"{XIJIANG}.pdf", f"{XIJIANG}.md"])
def test_final_accounts_cells(name: str) -> None:
    doc = parsed(name)
    t5 = table(doc, "附表5")  # 类/款/项 columns, 年初预算数 / 调整预算数 / 决算数, 合计 first, 栏次 row
    assert t5.unit == "元" and t5.columns == ["年初预算数", "调整预算数", "决算数"]
    assert t5.rows[0].name == "合计" and t5.rows[0].code is None
    row = next(r for r in t5.rows if r.code == "2080501")  # "208" | "05" | "01" joined
    assert (row.name, row.parent_code, row.level) == ("行政单位离退休", "20805", 3)
    assert row.value("决算数") == Decimal("625400.00") and row.value("年初预算数") == Decimal("610000.00")
    t3 = table(doc, "附表3")
    assert next(r for r in t3.rows if r.code == "2010608").value("项目支出") == Decimal("1234567.89")
    t1 = table(doc, "附表1")  # two-sided with 行次; 年初/年末结转和结余
    income = {r.name: r for r in t1.rows if r.side == "收入"}
    assert income["年初结转和结余"].value("金额") == Decimal("185000.00")
    assert income["使用非财政拨款结余"].values["金额"].text == "-" and income["使用非财政拨款结余"].value("金额") is None
    spent = {r.name: r for r in t1.rows if r.side == "支出"}
    assert spent["结余分配"].value("金额") == Decimal("0.00") and spent["结余分配"].values["金额"].text == "0.00"
    t7 = table(doc, "附表7")  # one row under a three-level header, no name column, column numbers
    assert len(t7.rows) == 1
    assert t7.rows[0].value("决算数公务用车运行费") == Decimal("64320.00")
    assert t7.rows[0].value("预算数公务用车购置及运行费小计") == Decimal("80000.00")
    assert table(doc, "附表9").rows[0].value("本年支出合计") == Decimal("0")


def test_final_accounts_pdf_layout() -> None:
    doc = parsed(f"{XIJIANG}.pdf")
    t5 = table(doc, "附表5")
    assert t5.title == "一般公共预算财政拨款支出决算表"  # printed letter-spaced
    assert (t5.page, t5.page_end) == (3, 4) and len(t5.rows) == 18  # header repeated on page 4, not read as rows
    assert table(doc, "附表8").note.startswith("注：本单位2023年度无政府性基金")
    headings = [s.heading for s in doc.sections if len(s.path) == 1]
    assert headings[0] == "一、部门基本情况" and headings[-1] == "九、其他重要事项的情况说明"
    text = " ".join(s.text for s in doc.sections)
    assert "- 2 -" not in text and "附表" not in text
    assert "5 辆" in text and "23 批次、186 人次" in text


def test_budget_in_yuan_cells() -> None:
    doc = parsed(f"{NANJIANG}.pdf")
    t2 = table(doc, "表二")  # 功能分类 by name only
    assert all(r.code is None for r in t2.rows) and [r.name for r in t2.rows][:3] == ["合计", "社会保障和就业支出", "行政事业单位养老支出"]
    t3 = table(doc, "表三")  # over a page break without a repeated header; a row split across it
    assert (t3.page, t3.page_end) == (4, 5)
    split = next(r for r in t3.rows if r.code == "2101199")
    assert split.name == "其他行政事业单位医疗支出" and split.value("合计") == Decimal("24000.00") and split.page == 4
    assert t3.rows[-1].name == "合计" and t3.rows[-1].value("合计") == Decimal("12627589.50")
    t4 = table(doc, "表四")  # 部门 301… codes beside 政府 501… codes
    row = next(r for r in t4.rows if r.code == "30102")
    assert row.parent_code == "301" and row.values["政府预算支出经济分类科目编码"].text == "50101"
    assert row.values["政府预算支出经济分类科目名称"].text == "工资奖金津补贴"
    assert t4.column_groups is None
    t5 = table(doc, "表五")  # 三公 items as rows, 2023/2024 and 增减额
    change = {r.name: r.value("增减额") for r in t5.rows}
    assert change["2.公务接待费"] == Decimal("-5000.00") and change["合计"] == Decimal("195000.00")
    counts = {r.name: r for r in table(doc, "表六").rows}
    assert counts["公务用车保有量"].values["计量单位"].text == "辆" and counts["公务用车保有量"].value("2024年") == 9
    assert counts["国内公务接待人次"].value("2023年") == 320


def test_budget_narrative_with_figures_is_not_a_table() -> None:
    doc = parsed(f"{NANJIANG}.pdf")
    assert [t.table_id for t in doc.tables] == ["表一", "表二", "表三", "表四", "表五", "表六"]
    top = [(s.heading, s.page) for s in doc.sections if len(s.path) == 1]
    assert top == [(s["heading"], s["page"]) for s in truth(f"{NANJIANG}.pdf")["narrative"]["sections"]]
