"""Invented disclosures of other layouts (tests/pdfs, built by scripts/make_test_pdfs.py).

Each document comes with a truth file written from the same data as its PDF: the
tables must match it row for row (≥ 99%), a few cells are checked exactly, the
cover gives issuer / year / kind, the consistent figures raise no warnings, and
a figure changed on purpose is reported.
"""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path

import pytest

from ingest.checks import run_checks
from ingest.model import Cell, Document, Table
from ingest.pipeline import parse_path
from ingest.rowmatch import row_match

PDFS = Path(__file__).resolve().parent / "pdfs"
XIJIANG = "shili-xijiang-czj-final-2023"  # 部门决算, tables in 元 first, narrative in 万元
NANJIANG = "shili-nanjiang-wjw-2024"  # 部门预算, 元 everywhere, Word-style ruling
DONGLING = "shili-dongling-slj-final-2023"  # 部门决算 in 万元, totals last, two-sided 基本支出 with codes
LINCHUAN = "shili-linchuan-scjg-2024"  # 部门预算, another region's template, 元, 总计 first
SOURCES = [f"{XIJIANG}.pdf", f"{XIJIANG}.md", f"{NANJIANG}.pdf", f"{DONGLING}.pdf", f"{LINCHUAN}.pdf", f"{LINCHUAN}.md"]
META = {
    XIJIANG: ("示例市西江区财政局", 2023, "部门决算", "元"),
    NANJIANG: ("示例市南江区卫生健康委员会", 2024, "部门预算", "元"),
    DONGLING: ("示例市东岭区水利局", 2023, "部门决算", "万元"),
    LINCHUAN: ("示例市临川区市场监督管理局", 2024, "部门预算", "元"),
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
    assert (doc.issuer, doc.year, doc.kind, doc.unit) == META[Path(name).stem]


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


def warnings_after(doc: Document, table_id: str, row_name: str, column: str, value: str, side: str | None = None) -> list[str]:
    """The warnings the checks give once one printed figure is changed."""
    bad = copy.deepcopy(doc)
    row = next(r for r in table(bad, table_id).rows if r.name == row_name and (side is None or r.side == side))
    row.values[column] = Cell.of(value)
    return [r.message for r in run_checks(bad) if r.status == "warning"]


def test_final_accounts_in_wan_cells() -> None:
    doc = parsed(f"{DONGLING}.pdf")
    t6 = table(doc, "表6")  # 人员经费 | 公用经费 side by side, codes on both sides
    assert t6.column_groups == {"人员经费": ["决算数"], "公用经费": ["决算数"]} and t6.unit == "万元"
    pay = next(r for r in t6.rows if r.code == "30101")
    assert (pay.name, pay.side, pay.parent_code, pay.value("决算数")) == ("基本工资", "人员经费", "301", Decimal("148.60"))
    car = next(r for r in t6.rows if r.code == "30231")
    assert (car.name, car.side) == ("公务用车运行维护费", "公用经费")
    totals = {r.side: r for r in t6.rows if r.name.endswith("合计")}
    assert totals["人员经费"].value("决算数") == Decimal("479.71") and totals["公用经费"].code is None
    assert t6.rows[-1].name == "公用经费合计" and totals["人员经费"].value("决算数") + totals["公用经费"].value("决算数") == Decimal("577.91")
    t3 = table(doc, "表3")  # 合计 last; the page number printed on that row's line is no figure of it
    assert t3.rows[-1].name == "合计" and t3.rows[-1].code is None
    assert {c: v.text for c, v in t3.rows[-1].values.items()} == {"合计": "2425.40", "基本支出": "577.91", "项目支出": "1847.49"}
    assert t3.columns == ["合计", "基本支出", "项目支出"] and (t3.page, t3.page_end) == (2, 2)
    t7 = table(doc, "表7")  # items as rows, 全年预算数 / 决算数; the first item's figures are blank
    assert t7.columns == ["全年预算数", "决算数"]
    assert [r.name for r in t7.rows][:2] == ["1.因公出国（境）费", "2.公务用车购置及运行费"]
    assert t7.rows[0].value("决算数") is None and t7.rows[-1].value("全年预算数") == Decimal("17.50")
    assert table(doc, "表8").note.startswith("注：本单位2023年度无政府性基金")
    t5 = table(doc, "表5")  # 全年预算数 beside 决算数 > 合计 | 基本支出 | 项目支出
    assert t5.columns == ["全年预算数", "合计", "基本支出", "项目支出"]
    assert next(r for r in t5.rows if r.code == "2130305").value("全年预算数") == Decimal("1300.00")
    text = " ".join(s.text for s in doc.sections)
    assert "- 2 -" not in text and "14.46万元" in text


def test_two_sided_codes_match_a_truth_without_codes() -> None:
    """Corpus truth files leave two-sided tables uncoded: the printed names still find the rows."""
    want = truth(f"{DONGLING}.pdf")
    for t in want["tables"]:
        if t.get("column_groups"):
            for r in t["rows"]:
                r["code"] = None
    report = row_match(parsed(f"{DONGLING}.pdf").to_truth_dict(), want)
    assert report.rate == 1.0, report.summary()
    assert all(r.code for r in table(parsed(f"{DONGLING}.pdf"), "表6").rows if not r.name.endswith("合计"))


def test_final_accounts_cross_checks() -> None:
    doc = parsed(f"{DONGLING}.pdf")
    cross = [r.message for r in run_checks(doc) if r.kind == "cross_table"]
    assert any(m.startswith("表1 收入 本年收入合计") and "表2 合计" in m for m in cross)
    assert any(m.startswith("表1 支出 本年支出合计") and "表3 合计" in m for m in cross)
    assert any(m.startswith("表4 支出 本年支出合计 一般公共预算财政拨款") and "表5" in m for m in cross)
    assert any(m.startswith("表6 人员经费合计+公用经费合计") for m in cross)
    assert any(m.startswith("表7 公务用车运行费") for m in cross)
    xi = [r.message for r in run_checks(parsed(f"{XIJIANG}.pdf")) if r.kind == "cross_table"]
    assert any(m.startswith("附表1 收入 本年收入合计") and "附表2" in m for m in xi)
    assert any(m.startswith("附表4 支出 本年支出合计") and "附表5 合计 决算数" in m for m in xi)


@pytest.mark.parametrize(("name", "table_id", "row", "column", "value", "side", "expect"), [
    (f"{DONGLING}.pdf", "表2", "合计", "本年收入合计", "2379.00", None, "表1 收入 本年收入合计"),
    (f"{DONGLING}.pdf", "表3", "合计", "合计", "2425.00", None, "表1 支出 本年支出合计"),
    (f"{DONGLING}.pdf", "表5", "合计", "合计", "2390.00", None, "表4 支出 本年支出合计"),
    (f"{DONGLING}.pdf", "表6", "基本工资", "决算数", "149.60", "人员经费", "表6 人员经费 301 工资福利支出"),
    (f"{DONGLING}.pdf", "表6", "公用经费合计", "决算数", "99.20", "公用经费", "表6 人员经费合计+公用经费合计"),
    (f"{DONGLING}.pdf", "表7", "3.公务接待费", "决算数", "1.96", None, "表7 合计 决算数"),
    (f"{LINCHUAN}.pdf", "附表3-1", "市场主体登记注册服务", "合计", "356100.00", None, "附表3-1 经常性项目合计 合计"),
    (f"{LINCHUAN}.pdf", "附表3-1", "一次性项目合计", "一般公共预算拨款", "600100.00", None, "附表3-1 总计 一般公共预算拨款"),
    (f"{LINCHUAN}.md", "附表2-2", "总计", "合计", "11463600.30", None, "附表2-1 支出 支出总计 一般公共预算"),
    (f"{LINCHUAN}.pdf", "附表2-4", "总计", "公务用车运行费", "108100.00", None, "附表2-4 总计 公务用车运行费"),
    (f"{XIJIANG}.pdf", "附表3", "合计", "本年支出合计", "7374217.06", None, "附表1 支出 本年支出合计"),
])
def test_a_wrong_figure_is_a_warning(name: str, table_id: str, row: str, column: str, value: str,
                                     side: str | None, expect: str) -> None:
    found = warnings_after(parsed(name), table_id, row, column, value, side)
    assert any(m.startswith(expect) for m in found), found


@pytest.mark.parametrize("name", [f"{LINCHUAN}.pdf", f"{LINCHUAN}.md"])
def test_other_template_cells(name: str) -> None:
    doc = parsed(name)
    assert [t.table_id for t in doc.tables] == [
        "附表1-1", "附表1-2", "附表1-3", "附表2-1", "附表2-2", "附表2-3", "附表2-4", "附表2-5", "附表2-6", "附表3-1", "附表3-2"]
    roles = {t.table_id: t.role for t in doc.tables}
    assert (roles["附表1-1"], roles["附表1-2"], roles["附表1-3"], roles["附表2-1"]) == (
        "dept_summary", "dept_income", "dept_exp", "fin_summary")
    assert (roles["附表2-5"], roles["附表2-6"], roles["附表3-1"], roles["附表3-2"]) == (
        "fund_exp", "soe_exp", "project_exp", "procurement")
    t12 = table(doc, "附表1-2")  # 总计 first, 合计 as the total column, 元 with two decimals
    assert t12.rows[0].name == "总计" and t12.rows[0].code is None
    assert t12.rows[0].values["合计"].text == "11,583,616.30" and t12.rows[0].value("合计") == Decimal("11583616.30")
    assert t12.rows[1].code == "201" and t12.rows[1].values["政府性基金预算拨款收入"].text == ""
    t31 = table(doc, "附表3-1")  # project names as rows, 合计 sub-rows heading their groups
    assert [r.name for r in t31.rows] == ["总计", "经常性项目合计", "食品安全抽检监测经费", "市场主体登记注册服务",
                                          "药品医疗器械监督检查", "一次性项目合计", "智慧市场监管平台建设"]
    assert all(r.code is None for r in t31.rows) and t31.columns == ["合计", "一般公共预算拨款", "其他资金"]
    assert t31.rows[2].value("其他资金") == Decimal("120000.00") and t31.rows[3].value("其他资金") is None
    t24 = table(doc, "附表2-4")  # 三公 by unit under 单位名称: a grid, not a form
    assert not t24.fields and [r.name for r in t24.rows][0] == "总计" and len(t24.rows) == 3
    assert t24.rows[1].value("公务用车运行费") == Decimal("84000.00")
    assert table(doc, "附表2-5").note.startswith("注：本部门2024年无政府性基金") and table(doc, "附表2-6").note
    buy = table(doc, "附表3-2")
    assert [r.category for r in buy.rows] == [None, "货物", "货物", "服务", "服务"]
    headings = [s.heading for s in doc.sections if len(s.path) == 1]
    assert headings == ["一、部门职责及机构设置", "二、收支预算总体情况", "三、一般公共预算支出情况", "四、“三公”经费预算情况"]


def test_page_number_beside_a_row_is_not_narrative() -> None:
    from ingest.pdf import extract_pdf

    path = PDFS / f"{DONGLING}.pdf"
    if not path.exists():
        pytest.skip("run scripts/make_test_pdfs.py first")
    assert not [ln.text for ln in extract_pdf(path).lines if ln.page == 2]  # "- 2 -" sits on 表3's 合计 line
