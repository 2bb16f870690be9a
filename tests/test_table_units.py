"""Pure functions of the table chain: amounts, codes, labels, headers, stitching."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ingest.model import Cell, parse_amount
from ingest.tables import (
    RawTable,
    _SplitCode,
    assemble_tables,
    column_names,
    header_paths,
    join_cjk,
    role_of,
    split_header,
    table_label,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,234.50", Decimal("1234.50")),
        ("5615.72", Decimal("5615.72")),
        ("0.00", Decimal("0.00")),
        ("-2.00", Decimal("-2.00")),
        ("（12.3）", Decimal("-12.3")),
        ("(12.3)", Decimal("-12.3")),
        ("-", None),
        ("—", None),
        ("/", None),
        ("", None),
        (None, None),
        ("无", None),
    ],
)
def test_amounts(text: str | None, value: Decimal | None) -> None:
    assert parse_amount(text) == value
    assert Cell.of(text).value == value


@pytest.mark.parametrize(
    ("parts", "code"),
    [
        ([("208", "05", "01")], "2080501"),
        ([("208", "", ""), ("", "05", ""), ("", "", "01")], "2080501"),
        ([("208", "05", ""), ("", "", "02")], "2080502"),
        ([("301", "", ""), ("", "01", "")], "30101"),
        ([("501", "01", "")], "50101"),
        ([("208", "", "")], "208"),
        ([("212", "08", "03"), ("", "", "99")], "2120899"),
    ],
)
def test_split_class_columns(parts: list[tuple[str, str, str]], code: str) -> None:
    split = _SplitCode()
    got = [split.code(*p) for p in parts]
    assert got[-1] == code


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("表一", "表一"),
        ("表十一", "表十一"),
        ("表1-1", "表1-1"),
        ("表 2", "表2"),
        ("附表3", "附表3"),
        ("表三 2024年某单位一般公共预算财政拨款基本支出预算表", "表三"),
        ("表1显示，本年收入增加，主要原因是人员增加。", None),
        ("表格说明", None),
    ],
)
def test_table_label(line: str, label: str | None) -> None:
    got = table_label(line)
    assert (got[0] if got else None) == label


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("2024年某委员会财政拨款收支总表", "fin_summary"),
        ("2024年某委员会一般公共预算财政拨款支出预算表", "gpb_exp"),
        ("2024年某委员会一般公共预算财政拨款基本支出预算表", "gpb_basic"),
        ("2024年某委员会一般公共预算“三公”经费支出表", "sangong"),
        ("2024年某委员会政府性基金预算支出表", "fund_exp"),
        ("2024年某委员会部门收支总表", "dept_summary"),
        ("2024年某委员会部门收入总表", "dept_income"),
        ("2024年某委员会部门支出总表", "dept_exp"),
        ("2024年某委员会政府采购预算明细表", "procurement"),
        ("2024年某委员会部门整体绩效目标表", "perf_overall"),
        ("2024 年项目绩效目标表（一级项目）", "perf_project"),
        ("2023年度某局收入支出决算总表", "f_dept_summary"),
        ("2023年度某局财政拨款收入支出决算总表", "f_fin_summary"),
        ("2023年度某局收入决算表", "f_dept_income"),
        ("2023年度某局一般公共预算财政拨款基本支出决算表", "f_gpb_basic"),
    ],
)
def test_role_of(title: str, role: str) -> None:
    assert role_of(title) == role


def test_join_cjk() -> None:
    assert join_cjk("示 例 市 东湖区") == "示例市东湖区"
    assert join_cjk("2024 年项目") == "2024 年项目"
    assert join_cjk("甲。\n乙") == "甲。\n乙"


@pytest.mark.parametrize(
    ("header", "names"),
    [
        (
            [["功能分类科目", None, "2023年预 算数", "2024年预算数", None, None], ["科目编码", "科目名称", None, "总计", "基本支 出", "项目支出"]],
            ["科目编码", "科目名称", "2023年预算数", "总计", "基本支出", "项目支出"],
        ),
        (
            [["2024年预算数", "", "", "", "", ""], ["合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"], ["", "", "小计", "公务用车购置费", "公务用车运行费", ""]],
            ["合计", "因公出国（境）费", "公务用车购置及运行费小计", "公务用车购置费", "公务用车运行费", "公务接待费"],
        ),
        (
            [["项目", "年初结转和结余", "", "本年收入", "年末结转和结余", ""], ["", "基本支出", "项目支出", "", "基本支出", "项目支出"]],
            ["项目", "年初结转和结余基本支出", "年初结转和结余项目支出", "本年收入", "年末结转和结余基本支出", "年末结转和结余项目支出"],
        ),
        ([["科目编码", "科目名称", "总计"], ["栏次", "", "1"]], ["科目编码", "科目名称", "总计"]),
    ],
)
def test_header_names(header: list[list[str | None]], names: list[str]) -> None:
    assert column_names(header_paths(header, len(names))) == names


def test_header_paths_keep_groups() -> None:
    paths = header_paths([["功能分类科目", None, "2024年预算数", None], ["科目编码", "科目名称", "总计", "基本支出"]], 4)
    assert paths[3] == ["2024年预算数", "基本支出"] and paths[0] == ["功能分类科目", "科目编码"]


@pytest.mark.parametrize(
    ("grid", "n"),
    [
        ([["科目编码", "科目名称", "总计"], ["合计", "", "1.00"]], 1),
        ([["科目编码", "科目名称", "本年支出", "", ""], ["", "", "总计", "基本支出", "项目支出"], ["合计", "", "", "", ""]], 2),
        ([["项目", "行次", "金额"], ["栏次", "", "1"], ["一、本年收入", "1", "5.00"]], 2),
        ([["208", "社会保障和就业支出", "1.00"]], 0),
    ],
)
def test_split_header(grid: list[list[str | None]], n: int) -> None:
    assert split_header(grid) == n


def _raw(grid, page, label=None, title=None, **kw) -> RawTable:
    return RawTable(grid=grid, page=page, row_pages=[page] * len(grid), label=label, title=title, unit="万元", **kw)


def test_stitch_with_split_row_and_repeated_header() -> None:
    head = [["科目编码", "科目名称", "总计"]]
    a = _raw(head + [["合计", "", "30.00"], ["210", "卫生健康支出", "30.00"], ["21011", "行政事业单位医疗", "30.00"], ["", "其他行政事业单位医疗", "30.00"]], 3, "表七", "某部门收入总表")
    b = _raw(head + [["2101199", "支出", ""], ["221", "住房保障支出", ""]], 4)
    (t,) = assemble_tables([a, b])
    assert [r.code for r in t.rows] == [None, "210", "21011", "2101199", "221"]
    split = t.rows[3]
    assert split.name == "其他行政事业单位医疗支出" and split.value("总计") == Decimal("30.00") and split.page == 3
    assert (t.page, t.page_end, t.role) == (3, 4, "dept_income")


def test_wrapped_name_row_joins_previous() -> None:
    a = _raw([["科目编码", "科目名称", "总计"], ["2080505", "机关事业单位基本养老保险缴费", "1.00"], ["", "支出", ""]], 1, "表二", "某一般公共预算财政拨款支出预算表")
    (t,) = assemble_tables([a])
    assert [(r.code, r.name) for r in t.rows] == [("2080505", "机关事业单位基本养老保险缴费支出")]


def test_two_sided_and_repeated_ids() -> None:
    summary = _raw([["收入", None, "支出", None], ["项目", "预算数", "项目", "预算数"], ["合计", "5.00", "合计", "5.00"], ["事业收入", "", "", ""]], 1, "表1", "某部门收支总表")
    form = [["项目名称", "甲项目", "主管部门", "某局"], ["当年预算", "1,300.00", None, None], ["绩效指标", "指标名称", "指标权重", "指标值"], [None, "完成率", "20", "100"]]
    p1 = _raw(form, 2, "表6-1", "2024年项目绩效目标表")
    p2 = _raw(form, 2, None, "2024年项目绩效目标表")
    tables = assemble_tables([summary, p1, p2])
    s = tables[0]
    assert s.column_groups == {"收入": ["预算数"], "支出": ["预算数"]}
    assert sorted((r.side, r.name) for r in s.rows) == [("支出", "合计"), ("收入", "事业收入"), ("收入", "合计")]
    assert [(t.table_id, t.seq) for t in tables[1:]] == [("表6-1", 1), ("表6-1", 2)]
    assert tables[1].fields["当年预算"] == Decimal("1300.00") and tables[1].rows[0].name == "完成率"


def test_empty_table_keeps_total_row() -> None:
    t = _raw([["科目编码", "科目名称", "本年政府性基金预算财政拨款支出", None, None], [None, None, "总计", "基本支出", "项目支出"], ["合计", "", "", "", ""], ["", "", "", "", ""]], 1, "表五", "某政府性基金预算支出表", note="备注：本单位无该项收支，故本表无数据。")
    (table,) = assemble_tables([t])
    assert [r.name for r in table.rows] == ["合计"] and table.columns == ["总计", "基本支出", "项目支出"]
    assert table.note.startswith("备注")


def test_fix_radicals() -> None:
    from ingest.tables import fix_radicals

    assert fix_radicals("⽰例县⼀般公共预算⽀出 部⻔") == "示例县一般公共预算支出 部门"
    assert fix_radicals("因公出国（境）费：") == "因公出国（境）费："


def test_caption_rows_inside_grid_are_lifted() -> None:
    raw = RawTable(
        grid=[["表2-1", None, None], ["某局一般公共预算财政拨款支出预算表", None, None], ["单位：元", None, None],
              ["科目编码", "科目名称", "合计"], ["合计", "", "1,000.00"], ["201", "一般公共服务支出", "1,000.00"]],
        page=1,
    )
    (t,) = assemble_tables([raw])
    assert (t.table_id, t.title, t.unit, t.role) == ("表2-1", "某局一般公共预算财政拨款支出预算表", "元", "gpb_exp")
    assert [r.code for r in t.rows] == [None, "201"]
