"""Arithmetic checks on the truth documents: the seed's published 0.01 slips, nothing else."""

from __future__ import annotations

import copy
import json
import os
from decimal import Decimal
from pathlib import Path

import pytest

from ingest.checks import run_checks, status_of
from ingest.model import Cell, Document

SHARED = Path(os.environ.get("BUDGET_QA_SHARED", Path(__file__).resolve().parents[2] / "shared"))
CORPUS = SHARED / "corpus"
FICTIONAL = ["shili-donghu-jiaowei-2024", "shili-beicheng-sifaju-2024", "shili-donghu-jiaowei-2024-lo"]

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not available")


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
        "表二 20805 行政事业单位养老支出 总计: printed 228.18, children sum 228.19 (rounding)",
        "表三 合计 总计: printed 969.72, sum of 类 rows 969.73 (rounding)",
        "表三 合计 人员经费: printed 833.90, sum of 类 rows 833.91 (rounding)",
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
    assert any(w.message == "表二 205 教育支出 总计: printed 11367.84, children sum 11367.74 (warning)"
               for w in warnings)
    assert any(w.kind == "row_sum" and w.message.startswith("表二 205 教育支出 总计") for w in warnings)
    assert row.values == before


def test_row_shaped_sangong_and_changes() -> None:
    doc = load("shili-donghu-jiaowei-2024")
    sangong = next(t for t in doc.tables if t.role == "sangong")
    car = next(r for r in sangong.rows if r.name.startswith("（2）"))
    car.values["2024年预算数"] = Cell.of("9.90")
    bad = {r.message for r in run_checks(doc) if r.status == "warning"}
    assert "表四 3.公务用车购置及运行维护费 2024年预算数: printed 9.60, items sum 9.90 (warning)" in bad
    assert any(m.startswith("表四 （2）公务用车运行维护费 增减额") for m in bad)
    assert any(m.startswith("表四 公务用车运行费: printed 9.90") for m in bad)
