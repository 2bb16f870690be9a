"""Tables read from the text/Markdown form of the seed disclosure."""

from __future__ import annotations

import json
import pathlib
from decimal import Decimal

import pytest

from ingest.model import Extracted
from ingest.rowmatch import document_from_extracted, row_match
from ingest.text import extract_text, parse_pipe_row
from tests.conftest import CORPUS, NO_SHARED


def corpus() -> pathlib.Path:
    return CORPUS


@pytest.fixture(scope="module")
def seed() -> Extracted:
    path = corpus() / "nanan-jxw-2024.txt"
    if not path.exists():
        pytest.skip(f"{NO_SHARED}: {path.name} missing")
    return extract_text(path.read_text(encoding="utf-8"))


def test_row_match_at_least_99_percent(seed: Extracted, capsys: pytest.CaptureFixture[str]) -> None:
    truth = json.loads((corpus() / "nanan-jxw-2024.truth.json").read_text(encoding="utf-8"))
    report = row_match(document_from_extracted(seed, "nanan-jxw-2024").to_truth_dict(), truth)
    with capsys.disabled():
        print(f"\nrow match nanan-jxw-2024.txt: {report.matched}/{report.expected} = {report.rate:.2%}")
    assert report.rate >= 0.99, report.summary()
    got = {(t.table_id, t.seq): t for t in seed.tables}
    for want in truth["tables"]:
        t = got[(want["table_id"], want.get("seq"))]
        assert t.columns == want["columns"] and t.role == want["role"] and t.unit == want["unit"], t.key
        assert t.page is None and t.note == want.get("note"), t.key


def test_split_row_joined(seed: Extracted) -> None:
    t = next(t for t in seed.tables if t.table_id == "表七")
    r = next(r for r in t.rows if r.code == "2101199")
    assert r.name == "其他行政事业单位医疗支出" and r.value("总计") == Decimal("11.48")
    assert r.parent_code == "21011"
    assert next(r for r in t.rows if r.code == "2080505").name == "机关事业单位基本养老保险缴费支出"


def test_wrapped_header_cells_joined(seed: Extracted) -> None:
    gpb = next(t for t in seed.tables if t.table_id == "表二")
    assert gpb.columns == ["2023年预算数", "总计", "基本支出", "项目支出"]
    assert len(gpb.rows) == 31 and gpb.note == "备注：本表反映当年一般公共预算财政拨款支出情况。"
    assert gpb.title == "2024年重庆市南岸区经济和信息化委员会一般公共预算财政拨款支出预算表"


def test_bold_wrapped_title(seed: Extracted) -> None:
    t = next(t for t in seed.tables if t.table_id == "表四")
    assert t.title == "2024年重庆市南岸区经济和信息化委员会一般公共预算三公经费支出表"
    assert t.columns[2] == "公务用车购置及运行费小计"


def test_performance_tables_without_labels(seed: Extracted) -> None:
    perf = [t for t in seed.tables if t.table_id == "表十一"]
    assert [t.seq for t in perf] == [1, 2, 3, 4, 5, 6, 7]
    last = perf[-1]
    assert last.fields["项目名称"] == "工业、信息化及智能制造"
    assert last.fields["主管部门"] == "402-重庆市南岸区经济和信息化委员会"
    assert last.fields["当年预算"] == Decimal("40.00")
    assert last.fields["当年绩效目标"].startswith("积极培育创新型中小企业")
    assert "\n二、" in last.fields["项目概况"]
    assert len(last.rows) == 5 and last.rows[0].values["指标性质"].text == "≥"


def test_narrative_lines(seed: Extracted) -> None:
    texts = [ln.text for ln in seed.lines]
    assert "一、单位基本情况" in texts
    assert not any(t.startswith("|") or t.startswith("单位：") or t.startswith("备注") for t in texts)
    assert all(ln.page is None for ln in seed.lines)
    assert seed.head_lines[0] == "重庆市南岸区经济和信息化委员会"


@pytest.mark.parametrize(
    ("line", "cells"),
    [
        ("| 2080505 | 机关事业单位基本养老 保险缴费支出 | 59.34 |", ["2080505", "机关事业单位基本养老保险缴费支出", "59.34"]),
        ("| 项目概况 | <p>一、甲。</p> <p>二、乙。</p> |", ["项目概况", "一、甲。\n二、乙。"]),
        ("| | 全年不少于 60 所 |", ["", "全年不少于 60 所"]),
    ],
)
def test_parse_pipe_row(line: str, cells: list[str]) -> None:
    assert parse_pipe_row(line) == cells


def test_small_markdown_disclosure_in_yuan() -> None:
    text = "\n".join([
        "示例县 2023 年部门决算",
        "一、部门概况",
        "",
        "表 3",
        "示 例 县 农 业 局 一般公共预算财政拨款支出决算表",
        "单位：元",
        "",
        "| 类 | 款 | 项 | 科目名称 | 年初预算数 | 决算数 |",
        "|---|---|---|---|---|---|",
        "| | | | 合计 | 1,200.00 | 1,150.50 |",
        "| 213 | | | 农林水支出 | 1,200.00 | 1,150.50 |",
        "| | 01 | | 农业农村 | 1,200.00 | 1,150.50 |",
        "| | | 01 | 行政运行 | 1,000.00 | - |",
        "| | | 99 | 其他农业农村支出 | 200.00 | / |",
    ])
    ex = extract_text(text)
    t = ex.tables[0]
    assert t.table_id == "表3" and t.unit == "元" and t.role == "f_gpb_exp"
    assert t.title == "示例县农业局一般公共预算财政拨款支出决算表"
    assert [r.code for r in t.rows] == [None, "213", "21301", "2130101", "2130199"]
    assert t.rows[3].parent_code == "21301" and t.rows[3].values["决算数"].value is None
    assert t.rows[3].values["决算数"].text == "-"
    assert [ln.text for ln in ex.lines] == ["示例县 2023 年部门决算", "一、部门概况"]
