"""Arithmetic checks on the truth documents: the seed's published 0.01 slips, nothing else."""

from __future__ import annotations

import copy
import json
from decimal import Decimal

import pytest

from ingest.checks import run_checks, status_of
from ingest.model import Cell, Document

from tests.conftest import CORPUS, needs_shared
FICTIONAL = ["shili-donghu-jiaowei-2024", "shili-beicheng-sifaju-2024", "shili-donghu-jiaowei-2024-lo"]

pytestmark = needs_shared


def load(doc: str) -> Document:
    return Document.from_truth_dict(json.loads((CORPUS / f"{doc}.truth.json").read_text("utf-8")))


def test_status_thresholds() -> None:
    assert status_of(Decimal("0")) == "ok"
    assert status_of(Decimal("0.004")) == "ok"
    assert status_of(Decimal("-0.01")) == "rounding"
    assert status_of(Decimal("0.0100000001")) == "rounding"
    assert status_of(Decimal("0.02")) == "warning"


def test_seed_rounding_slips_are_rounding_not_warnings() -> None:
    results = run_checks(load("nanan-jxw-2024"))
    assert not [r.message for r in results if r.status == "warning"]
    rounding = {r.message for r in results if r.status == "rounding"}
    for expected in (
        "表二 20805 行政事业单位养老支出 总计 (pp. 8-9): printed 228.18, children sum 228.19 (rounding)",
        "表三 合计 总计 (p. 10): printed 969.72, sum of 类 rows 969.73 (rounding)",
        "表三 合计 人员经费 (p. 10): printed 833.90, sum of 类 rows 833.91 (rounding)",
    ):
        assert expected in rounding
    # the same 20805 slip is printed again in 表七 and 表八
    assert {r.table for r in results if r.status == "rounding" and "20805" in r.message} == {"表二", "表七", "表八"}
    slip = next(r for r in results if r.message.startswith("表二 20805") and "总计" in r.message)
    assert (slip.kind, slip.actual, slip.expected) == ("parent_sum", Decimal("228.18"), Decimal("228.19"))
    assert sum(r.status == "ok" for r in results) > 200


@pytest.mark.parametrize("doc", FICTIONAL)
def test_fictional_documents_add_up(doc: str) -> None:
    results = run_checks(load(doc))
    assert [r.message for r in results if r.status != "ok"] == []
    kinds = {r.kind for r in results}
    assert kinds == {"parent_sum", "row_sum", "side_total", "cross_table"}


def test_every_kind_of_check_runs_on_the_seed() -> None:
    results = run_checks(load("nanan-jxw-2024"))
    messages = [r.message for r in results]
    assert any(m.startswith("表二 208 社会保障和就业支出 总计") and "基本支出+项目支出" in m for m in messages)
    assert any(m.startswith("表一 收入 收入合计 预算数") and "支出 支出合计" in m for m in messages)
    assert any(m.startswith("表三 合计 总计") and "表二 合计 基本支出" in m for m in messages)
    assert any(m.startswith("表四 2024年预算数 合计") for m in messages)  # 三公 items add up
    assert any(m.startswith("表四 公务用车运行费") and "30231" in m for m in messages)


def test_a_wrong_figure_is_a_warning_and_is_not_corrected() -> None:
    doc = load("shili-donghu-jiaowei-2024")
    gpb = next(t for t in doc.tables if t.role == "gpb_exp")
    row = next(r for r in gpb.rows if r.code == "205")
    row.values["总计"] = Cell.of("11367.84")
    before = copy.deepcopy(row.values)
    warnings = [r for r in run_checks(doc) if r.status == "warning"]
    assert any(w.message == "表二 205 教育支出 总计 (pp. 5-6): printed 11367.84, children sum 11367.74 (warning)"
               for w in warnings)
    assert any(w.kind == "row_sum" and w.message.startswith("表二 205 教育支出 总计") for w in warnings)
    assert row.values == before


def test_row_shaped_sangong_and_changes() -> None:
    doc = load("shili-donghu-jiaowei-2024")
    sangong = next(t for t in doc.tables if t.role == "sangong")
    car = next(r for r in sangong.rows if r.name.startswith("（2）"))
    car.values["2024年预算数"] = Cell.of("9.90")
    bad = {r.message for r in run_checks(doc) if r.status == "warning"}
    assert "表四 3.公务用车购置及运行维护费 2024年预算数 (p. 8): printed 9.60, items sum 9.90 (warning)" in bad
    assert any(m.startswith("表四 （2）公务用车运行维护费 增减额") for m in bad)
    # the 三公 figure covers 项目支出 too: above 30231 of the basic table is no disagreement
    assert not any(m.startswith("表四 公务用车运行费") for m in bad)
    car.values["2024年预算数"] = Cell.of("5.00")  # below 30231's 9.60: the basic table alone spends more
    bad = {r.message for r in run_checks(doc) if r.status == "warning"}
    assert any(m.startswith("表四 公务用车运行费 (p. 8): printed 5.00, at least 表三 30231 公务用车运行维护费") for m in bad)


# -- rules, on small hand-made documents ------------------------------------------------

from ingest.model import Row, Table  # noqa: E402


def row(name: str, code: str | None = None, page: int | None = 3, side: str | None = None, **values: str) -> Row:
    return Row(name=name, code=code, page=page, side=side, values={k: Cell.of(v) for k, v in values.items()})


def table(key: str, role: str | None, unit: str, columns: list[str], rows: list[Row], **kw) -> Table:
    return Table(key, kw.pop("title", key), unit, rows[0].page if rows else 1, columns, rows, role=role, **kw)


def doc_of(*tables: Table) -> Document:
    return Document("d", "t", "示例市北城区司法局", 2025, "部门预算", "元", "t.pdf", 9, tables=list(tables))


def warnings(doc: Document) -> list[str]:
    return [r.message for r in run_checks(doc) if r.status == "warning"]


SANGONG_COLS = ["合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费小计", "购置费", "运行费", "机关运行经费"]
SANGONG_PATHS = {
    "合计": ["“三公”经费预算数", "合计"], "因公出国(境)费": ["“三公”经费预算数", "因公出国(境)费"],
    "公务接待费": ["“三公”经费预算数", "公务接待费"],
    "公务用车购置及运行费小计": ["“三公”经费预算数", "公务用车购置及运行费", "小计"],
    "购置费": ["“三公”经费预算数", "公务用车购置及运行费", "购置费"],
    "运行费": ["“三公”经费预算数", "公务用车购置及运行费", "运行费"],
}


def sangong(paths: bool = True, running: str = "21.56", consistent: bool = False) -> Table:
    car = Decimal(running) + 15 if consistent else Decimal("36.56")
    figures = [f"{car + Decimal('1.35'):.2f}", "0", "1.35", f"{car:.2f}", "15", running, "464.64"]
    r = row("“三公”经费预算数", **dict(zip(SANGONG_COLS, figures)))
    return table("表7", "sangong", "万元", SANGONG_COLS, [r], column_paths=SANGONG_PATHS if paths else {})


@pytest.mark.parametrize("paths", [True, False])
def test_a_subtotal_column_is_never_added_to_its_own_parts(paths: bool) -> None:
    """合计 = 出国 + 接待 + 车小计; 车小计 = 购置 + 运行: found by the header, else by the figures."""
    results = run_checks(doc_of(sangong(paths)))
    assert not [r.message for r in results if r.status != "ok"]
    messages = [r.message for r in results]
    assert "表7 “三公”经费预算数 合计 (p. 3): printed 37.91, 因公出国(境)费+公务接待费+公务用车购置及运行费小计 37.91" in messages
    assert any(m.startswith("表7 “三公”经费预算数 公务用车购置及运行费小计") and "购置费+运行费 36.56" in m for m in messages)
    bad = warnings(doc_of(sangong(paths, running="22.56")))
    assert bad == ["表7 “三公”经费预算数 公务用车购置及运行费小计 (p. 3): printed 36.56, 购置费+运行费 37.56 (warning)"]


def test_nested_subtotals_found_by_their_figures() -> None:
    """Jiangsu's 三公 table: 合计 = 三公小计 + 会议费 + 培训费, 三公小计 = 出国 + 车小计 + 接待."""
    cols = ["合计", "“三公”经费小计", "因公出国（境）费", "公务用车购置及运行维护费小计", "公务用车购置费",
            "公务用车运行维护费", "公务接待费", "会议费", "培训费"]
    r = row("“三公”经费", **dict(zip(cols, ["1276.70", "418.26", "80.00", "237.00", "", "237.00", "101.26",
                                             "158.44", "700.00"])))
    results = run_checks(doc_of(table("表11", "sangong", "万元", cols, [r])))
    assert not [m.message for m in results if m.status != "ok"]
    assert any("“三公”经费小计+会议费+培训费 1276.70" in m.message for m in results)


def test_a_subtotal_whose_parts_are_not_found_is_left_out() -> None:
    cols = ["总计", "基本支出小计", "人员经费", "公用经费", "项目支出"]
    r = row("合计", **dict(zip(cols, ["192446.79", "43908.70", "30347.83", "13560.87", "148538.09"])))
    paths = {"基本支出小计": ["基本支出", "小计"], "人员经费": ["基本支出", "人员经费"], "公用经费": ["基本支出", "公用经费"]}
    assert warnings(doc_of(table("表五", "gpb_exp", "万元", cols, [r], column_paths=paths))) == []
    assert warnings(doc_of(table("表五", "gpb_exp", "万元", cols, [r]))) == []  # by the figures


def test_a_fund_group_total_column() -> None:
    """总计 = 财政拨款 合计 + 财政专户拨款 + 其他资金; 合计 = the three 财政拨款 funds."""
    cols = ["总计", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算", "财政专户拨款", "其他资金"]
    r = row("合计", **dict(zip(cols, ["1010349.34", "179339.19", "179339.19", "0.00", "0.00", "0.00", "831010.15"])))
    paths = {c: ["财政拨款", c] for c in cols[1:5]}
    assert warnings(doc_of(table("表11", "gpb_basic", "万元", cols, [r], column_paths=paths))) == []


def two_sided_basic(role: str, sides: tuple[str, str]) -> Table:
    a, b = sides
    rows = [row("工资福利支出", "301", side=a, 决算数="95.36"), row("基本工资", "30101", side=a, 决算数="95.36"),
            row("人员经费合计", side=a, 决算数="95.36"),
            row("商品和服务支出", "302", side=b, 决算数="10.23"), row("办公费", "30201", side=b, 决算数="10.23"),
            row("公用经费合计", side=b, 决算数="10.23")]
    return table("表6", role, "万元", ["决算数"], rows, column_groups={a: ["决算数"], b: ["决算数"]})


@pytest.mark.parametrize("sides", [("人员经费", "公用经费"), ("收入", "支出")])
def test_the_halves_of_a_basic_table_are_not_income_and_expenditure(sides: tuple[str, str]) -> None:
    results = run_checks(doc_of(two_sided_basic("f_gpb_basic", sides)))
    assert not [r for r in results if r.kind == "side_total"]
    assert not [r.message for r in results if r.status != "ok"]


def test_income_and_expenditure_sides_still_balance() -> None:
    rows = [row("一般公共预算", side="收入", 预算数="100.00"), row("收入总计", side="收入", 预算数="100.00"),
            row("一般公共服务支出", side="支出", 预算数="90.00"), row("支出总计", side="支出", 预算数="90.00")]
    t = table("表1", "dept_summary", "万元", ["预算数"], rows, column_groups={"收入": ["预算数"], "支出": ["预算数"]})
    assert warnings(doc_of(t)) == ["表1 收入 收入总计 预算数 (p. 3): printed 100.00, 支出 支出总计 90.00 (warning)"]


def basic_in_yuan(car: str = "215,600", reception: str = "13,500") -> Table:
    rows = [row("合计", 合计="229,100", 人员经费="0", 公用经费="229,100", page=27),
            row("商品和服务支出", "302", 合计="229,100", 人员经费="0", 公用经费="229,100", page=27),
            row("公务接待费", "30217", 合计=reception, 人员经费="0", 公用经费=reception, page=28),
            row("公务用车运行维护费", "30231", 合计=car, 人员经费="0", 公用经费=car, page=28)]
    return table("表8", "gpb_basic", "元", ["合计", "人员经费", "公用经费"], rows)


def test_sangong_in_wan_against_basic_in_yuan_is_a_lower_bound() -> None:
    """三公 covers 基本支出 and 项目支出: 21.56 万元 ≥ 215,600 元 of 30231 is fine, so is more."""
    results = [r for r in run_checks(doc_of(sangong(), basic_in_yuan())) if r.kind == "cross_table"]
    assert [r.status for r in results] == ["ok", "ok"]
    assert results[0].message == ("表7 公务用车运行费 (p. 3): printed 21.56 万元, at least 表8 30231 公务用车运行维护费 "
                                  "(p. 28) 215600 元")
    assert not warnings(doc_of(sangong(running="30.00", consistent=True), basic_in_yuan()))  # project cars too
    bad = [m for m in warnings(doc_of(sangong(), basic_in_yuan(car="300,000"))) if m.startswith("表7 公务用车运行费")]
    assert bad == ["表7 公务用车运行费 (p. 3): printed 21.56 万元, at least 表8 30231 公务用车运行维护费 (p. 28) "
                   "300000 元 (warning)"]


def test_cross_table_totals_are_compared_in_one_unit() -> None:
    gpb = table("表5", "gpb_exp", "万元", ["合计", "基本支出", "项目支出"],
                [row("合计", 合计="22.91", 基本支出="22.91", 项目支出="0.00", page=5)])
    ok = [r for r in run_checks(doc_of(gpb, basic_in_yuan())) if r.kind == "cross_table"]
    assert ok[0].status == "ok" and ok[0].message.startswith("表8 合计 合计 (p. 27): printed 229100 元, 表5 合计 基本支出")
    gpb.rows[0].values["基本支出"] = Cell.of("23.91")
    assert any(m.startswith("表8 合计 合计 (p. 27): printed 229100 元") and m.endswith("23.91 万元 (warning)")
               for m in warnings(doc_of(gpb, basic_in_yuan())))


def test_final_basic_table_is_not_compared_with_all_funds_spending() -> None:
    basic = two_sided_basic("f_gpb_basic", ("人员经费", "公用经费"))
    spent = table("表3", "f_dept_exp", "万元", ["本年支出合计", "基本支出", "项目支出"],
                  [row("合计", 本年支出合计="300.00", 基本支出="150.00", 项目支出="150.00")])
    assert not [r for r in run_checks(doc_of(basic, spent)) if r.kind == "cross_table"]
    gpb = table("表5", "f_gpb_exp", "万元", ["合计", "基本支出", "项目支出"],
                [row("合计", 合计="205.59", 基本支出="105.59", 项目支出="100.00")])
    cross = [r for r in run_checks(doc_of(basic, spent, gpb)) if r.kind == "cross_table"]
    assert [r.message for r in cross] == [
        "表6 人员经费合计+公用经费合计 (p. 3): printed 105.59, 表5 合计 基本支出 (p. 3) 105.59"]


def test_whole_yuan_tables_round_to_the_yuan() -> None:
    """A 元 table printed in whole yuan: 1 yuan off is rounding; more than the parts can explain is not."""
    cols = ["合计", "基本支出", "项目支出"]
    rows = [row("城乡社区管理事务", "21201", 合计="94,995,790", 基本支出="77,381,546", 项目支出="17,614,243"),
            row("行政运行", "2120101", 合计="94,995,789", 基本支出="77,381,546", 项目支出="17,614,243")]
    results = run_checks(doc_of(table("表5", "gpb_exp", "元", cols, rows)))
    assert {r.status for r in results} == {"ok", "rounding"} and not warnings(doc_of(table("表5", "gpb_exp", "元", cols, rows)))
    assert "表5 21201 城乡社区管理事务 合计 (p. 3): printed 94995790, children sum 94995789 (rounding)" in [
        r.message for r in results]
    rows[0].values["合计"] = Cell.of("94,995,795")
    assert any(m.startswith("表5 21201 城乡社区管理事务 合计") for m in warnings(doc_of(table("表5", "gpb_exp", "元", cols, rows))))


def test_rounding_grows_with_the_parts_added() -> None:
    """Each of n printed parts and the total may be half a step off: 0.02 over four parts is rounding,
    over one part it is a warning."""
    kids = [row(f"项{i}", f"3020{i}", 合计="1.00") for i in range(1, 5)]
    parent = row("商品和服务支出", "302", 合计="4.02")
    t = table("表3", "gpb_basic", "万元", ["合计"], [parent, *kids])
    results = run_checks(doc_of(t))
    assert [r.status for r in results if r.kind == "parent_sum"] == ["rounding"]
    one = table("表3", "gpb_basic", "万元", ["合计"], [row("商品和服务支出", "302", 合计="1.02"), kids[0]])
    assert warnings(doc_of(one)) == ["表3 302 商品和服务支出 合计 (p. 3): printed 1.02, children sum 1.00 (warning)"]


# -- real disclosures (shared/corpus/real) ------------------------------------------------

REAL = CORPUS / "real"
needs_real = pytest.mark.skipif(not REAL.exists(), reason="real PDFs not available")
_parsed: dict[str, Document] = {}


def real(name: str) -> Document:
    from ingest.pipeline import parse_path

    if name not in _parsed:
        _parsed[name] = parse_path(REAL / name)
    return _parsed[name]


@needs_real
@pytest.mark.parametrize("name", ["putuo-sww-2025ys.pdf", "putuo-shgzb-2024js.pdf", "putuo-ghzyj-2024js.pdf"])
def test_consistent_real_originals_raise_no_warning(name: str) -> None:
    doc = real(name)
    assert [c.message for c in doc.checks if c.status == "warning"] == []
    assert sum(c.status == "ok" for c in doc.checks) > 100
    # the 人员经费 and 公用经费 halves of the basic table are never set against each other
    assert not [c for c in doc.checks if c.kind == "side_total" and "经费合计" in c.message]


@needs_real
def test_sangong_subtotal_and_units_on_a_real_budget() -> None:
    """The 三公 table (万元, 公务用车 小计 | 购置费 | 运行费) adds up without its 小计 counted twice,
    and is set against the 元 basic-expenditure table only as a lower bound."""
    doc = real("putuo-sww-2025ys.pdf")
    checks = doc.checks
    key = next(t.key for t in doc.tables if t.role == "sangong")
    sangong = [c for c in checks if c.table == key and c.kind == "row_sum"]
    assert sangong and all(c.status == "ok" for c in sangong)
    assert not any("小计+购置费" in c.message for c in sangong)
    bound = [c for c in checks if c.kind == "cross_table" and "at least" in c.message]
    assert bound and all(" 万元, at least " in c.message and c.message.endswith(" 元") for c in bound)


@needs_real
def test_what_the_checks_find_in_the_two_final_accounts() -> None:
    """Both 决算 agree with themselves to the rounding of their 万元 figures; the gaps, each one line
    with table, row, column, page and both figures."""
    ghz = [c.message for c in real("putuo-ghzyj-2024js.pdf").checks if c.status == "rounding"]
    assert any(m.endswith("302 商品和服务支出 决算数 (p. 16): printed 440.90, children sum 440.88 (rounding)")
               for m in ghz), ghz
    assert any(" 合计 合计 (p. 15): printed 9746.50, 基本支出+项目支出 9746.49 (rounding)" in m for m in ghz), ghz
    shg = [c for c in real("putuo-shgzb-2024js.pdf").checks if c.kind == "cross_table"]
    assert any("人员经费合计+公用经费合计 (p. 13): printed 105.59" in c.message and c.status == "rounding"
               for c in shg), [c.message for c in shg]


def test_subtotal_rows_close_their_items_and_head_their_groups() -> None:
    """当年收入小计 closes the numbered incomes; 收入合计 adds 上年结转 to it, not the items again;
    a 收入总计 printed first over groups each headed by its 小计, one of them empty."""
    rows = [row("一、财政拨款", 金额="21,940.96"), row("1.一般公共预算", 金额="21,940.96"),
            row("二、财政专户管理资金", 金额=""), row("三、其他资金", 金额="14.39"),
            row("当年收入小计", 金额="21,955.35"), row("上年结转资金", 金额=""), row("收入合计", 金额="21,955.35")]
    assert warnings(doc_of(table("公开01表", None, "万元", ["金额"], rows))) == []
    heads = [row("收入总计", 金额="21,955.35"), row("一般公共预算资金小计", 金额="21,940.96"),
             row("公共财政拨款(补助)资金", 金额="21,940.96"), row("政府性基金小计", 金额=""),
             row("其他资金小计", 金额="14.39"), row("事业收入", 金额=""), row("其他收入", 金额="14.39")]
    results = run_checks(doc_of(table("公开02表", "dept_income", "万元", ["金额"], heads)))
    assert not [r.message for r in results if r.status != "ok"]
    assert any(r.message.startswith("公开02表 收入总计 金额") and "group totals sum" in r.message for r in results)


def test_unnumbered_items_printed_with_their_own_items_are_not_added_twice() -> None:
    """一、货物 over 经济科目 rows, each over its goods: the figures say which rows are on top."""
    rows = [row("一、货物", 总计="268.00"), row("信息网络及软件购置更新", 总计="60.00"), row("PC服务器", 总计="40.00"),
            row("交换设备", 总计="20.00"), row("办公设备购置", 总计="208.00"), row("台式计算机", 总计="200.00"),
            row("复印机", 总计="8.00")]
    assert warnings(doc_of(table("表12", "procurement", "万元", ["总计"], rows))) == []
    rows[0].values["总计"] = Cell.of("278.00")
    assert warnings(doc_of(table("表12", "procurement", "万元", ["总计"], rows))) == [
        "表12 一、货物 总计 (p. 3): printed 278.00, items sum 536.00 (warning)"]


def test_a_long_table_of_units_over_their_classes_adds_each_unit_once() -> None:
    """Guangzhou's 基本支出 table: 合计, then each unit followed by its economic classes (100 rows)."""
    rows = []
    for u in range(25):
        a, b, c = Decimal(100 + u), Decimal("20.50"), Decimal(u) / 4
        rows += [row(f"单位{u}", 总计=f"{a + b + c:.2f}"), row("工资福利支出", 总计=f"{a:.2f}"),
                 row("商品和服务支出", 总计=f"{b:.2f}"), row("对个人和家庭的补助", 总计=f"{c:.2f}")]
    total = sum((r.value("总计") for r in rows[::4]), Decimal(0))
    t = table("表11", "gpb_basic", "万元", ["总计"], [row("合计", 总计=f"{total:.2f}"), *rows])
    assert warnings(doc_of(t)) == []
    t.rows[5].values["总计"] = Cell.of("999.00")  # a unit that disagrees with its classes
    assert any(m.startswith("表11 合计 总计 (p. 3)") for m in warnings(doc_of(t)))
