"""The row-match measure itself."""

from __future__ import annotations

import copy
import json
import pathlib

import pytest

from ingest.rowmatch import main, row_match
from tests.conftest import CORPUS, NO_SHARED


def corpus() -> pathlib.Path:
    return CORPUS


def small() -> dict:
    return {
        "doc_id": "x",
        "tables": [
            {"table_id": "表二", "rows": [
                {"code": None, "name": "合计", "values": {"总计": 10.5, "基本支出": None}},
                {"code": "2080501", "name": "行政单位离退休", "values": {"总计": 10.5, "基本支出": None}},
            ]},
            {"table_id": "表十一", "seq": 2, "rows": [
                {"code": None, "name": "补助 企业数量", "values": {"指标权重": 25, "指标性质": "≥"}},
            ]},
        ],
    }


def test_identical_is_full_match() -> None:
    rep = row_match(small(), small())
    assert (rep.matched, rep.expected, rep.rate) == (3, 3, 1.0)


def test_value_mismatch_and_whitespace_names() -> None:
    got = copy.deepcopy(small())
    got["tables"][0]["rows"][1]["values"]["总计"] = 10.49
    got["tables"][1]["rows"][0]["name"] = "补助企业数量"
    got["tables"][0]["rows"][0]["values"]["基本支出"] = "—"
    rep = row_match(got, small())
    assert rep.matched == 2
    assert rep.missing == ['表二: 2080501 行政单位离退休 {"总计": 10.5, "基本支出": null}']


def test_seq_and_code_keys() -> None:
    got = copy.deepcopy(small())
    got["tables"][1]["seq"] = 3
    got["tables"][0]["rows"][1]["code"] = "2080502"
    rep = row_match(got, small())
    assert rep.matched == 1
    assert {t.key: t.matched for t in rep.tables} == {"表二": 1, "表十一#2": 0}


def test_each_row_matches_once() -> None:
    truth = small()
    truth["tables"][0]["rows"].append(copy.deepcopy(truth["tables"][0]["rows"][0]))
    assert row_match(small(), truth).matched == 3


def test_truth_against_itself() -> None:
    path = corpus() / "nanan-jxw-2024.truth.json"
    if not path.exists():
        pytest.skip(NO_SHARED)
    truth = json.loads(path.read_text(encoding="utf-8"))
    assert row_match(truth, truth).rate == 1.0


def test_cli_prints_rates(capsys: pytest.CaptureFixture[str]) -> None:
    path = corpus() / "nanan-jxw-2024.txt"
    if not path.exists():
        pytest.skip(NO_SHARED)
    assert main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "nanan-jxw-2024.txt" in out and "100.00%" in out
