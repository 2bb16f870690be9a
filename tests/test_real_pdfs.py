"""Real disclosures of other templates (shared corpus/real): exact rows and the tables' own arithmetic.

Thirteen published PDFs from WPS, Word and other producers (Shanghai, Chongqing,
Guangzhou, Jiangsu). Each is parsed once; named rows must come out exactly as
printed (code, name, values), parents must equal the sum of their children and
基本支出 + 项目支出 the 合计, the 部门决算 files must show the genre's nine tables,
and where a truth file for the PDF is kept in tests/real the row match must hold.
Every expected figure below was read off the printed page.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from ingest.pdf import extract_pdf
from ingest.rowmatch import document_from_extracted, row_match
from tests.conftest import CORPUS, NO_SHARED

REAL = CORPUS / "real"
TRUTH = Path(__file__).resolve().parent / "real"
SLUGS = [
    "putuo-sww-2025ys", "putuo-swwdw-2025ys", "putuo-wanli-2024ys", "putuo-wanli-2025ys",
    "putuo-ghzyj-2024js", "putuo-shgzb-2024js", "shanghai-template-js-2024",
    "chongqing-jxw-2026ys", "chongqing-swjw-2026ys", "guangzhou-wjw-2026ys",
    "jiangsu-jcy-2017ys", "jiangsu-jcy-2018ys", "jiangsu-jcy-2019ys",
]
FINALS = ["putuo-ghzyj-2024js", "putuo-shgzb-2024js", "shanghai-template-js-2024"]
FINAL_ROLES = ["f_dept_summary", "f_dept_income", "f_dept_exp", "f_fin_summary", "f_gpb_exp", "f_gpb_basic",
               "f_sangong", "f_fund_exp", "f_soe_exp"]

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason=NO_SHARED)

_cache: dict[str, dict[str, Any]] = {}


def parsed(slug: str) -> dict[str, Any]:
    """The parsed document in the shape of a truth file (parsed once per run)."""
    if slug not in _cache:
        ex = extract_pdf(REAL / f"{slug}.pdf")
        _cache[slug] = document_from_extracted(ex, slug, f"{slug}.pdf").to_truth_dict()
    return _cache[slug]


def table(doc: dict[str, Any], table_id: str) -> dict[str, Any]:
    found = [t for t in doc["tables"] if t["table_id"] == table_id]
    assert len(found) == 1, f"{doc['doc_id']}: table {table_id} found {len(found)} times: {[t['table_id'] for t in doc['tables']]}"
    return found[0]


def find_row(t: dict[str, Any], code: str | None, name: str | None, side: str | None = None) -> dict[str, Any]:
    rows = [
        r for r in t["rows"]
        if (code is None or r["code"] == code) and (name is None or r["name"] == name) and (side is None or r.get("side") == side)
    ]
    assert len(rows) == 1, f"{t['table_id']}: {side or ''} {code} {name} matched {len(rows)} rows"
    return rows[0]


# (document, table, side, code, name, {column: value}) — the figures as printed (None: blank cell)
ROWS = [
    # 万里街道: a continuation page's 合计 row under a merged header (once 156211123156211123000)
    ("putuo-wanli-2024ys", "3", None, None, "合计", {"合计": 156211123, "基本支出": 99706020, "项目支出": 56505103}),
    ("putuo-wanli-2024ys", "2", None, None, "合计", {"合计": 156211123, "财政拨款收入": 156211123, "事业收入": 0}),
    # 经济分类 类 / 款 printed as 301 / 2: one code, 款 padded
    ("putuo-wanli-2024ys", "8", None, "30102", "津贴补贴", {"合计": 16623810, "人员经费": 16623810, "公用经费": 0}),
    ("putuo-wanli-2024ys", "9", None, None, None, {"合计": 47.91, "公务接待费": 1.35, "公务用车购置及运行费小计": 46.56,
                                                  "公务用车购置费": 25, "公务用车运行费": 21.56}),
    ("putuo-wanli-2025ys", "3", None, None, "合计", {"合计": 189767551, "基本支出": 101341746, "项目支出": 88425805}),
    ("putuo-wanli-2025ys", "3", None, "2120101", "行政运行", {"合计": 17887739, "基本支出": 17737739, "项目支出": 150000}),
    # 单位预算: the 财政拨款 two-sided table no longer glued onto the 支出 table (white cell backgrounds)
    ("putuo-swwdw-2025ys", "4", "收入", None, "一、一般公共预算资金", {"预算数": 371514655}),
    ("putuo-swwdw-2025ys", "4", "支出", None, "一、一般公共服务支出", {"合计": 21601733, "一般公共预算": 21601733,
                                                                 "政府性基金预算": None}),
    ("putuo-swwdw-2025ys", "3", None, None, "合计", {"合计": 371514655, "基本支出": 19830655, "项目支出": 351684000}),
    ("putuo-sww-2025ys", "5", None, "2011301", "行政运行", {"合计": 9389913, "基本支出": 9389913, "项目支出": None}),
    ("putuo-sww-2025ys", "8", None, "30102", "津贴补贴", {"合计": 7533376, "人员经费": 7533376, "公用经费": None}),
    # 决算: the two sides of the 基本支出 table are 人员经费 | 公用经费, named by their own totals
    ("putuo-ghzyj-2024js", "六", "人员经费", None, "人员经费合计", {"决算数": 4884.09}),
    ("putuo-ghzyj-2024js", "六", "公用经费", None, "公用经费合计", {"决算数": 480.66}),
    ("putuo-ghzyj-2024js", "六", "公用经费", "302", "商品和服务支出", {"决算数": 440.90}),
    ("putuo-ghzyj-2024js", "三", None, "2120101", "行政运行", {"本年支出合计": 1105.68, "基本支出": 1096.91, "项目支出": 8.77}),
    ("putuo-ghzyj-2024js", "七", None, None, None, {"合计预算数": 2.85, "合计决算数": 0.39, "公务接待费预算数": 2.85,
                                                   "公务接待费决算数": 0.39, "公务用车运行维护费决算数": 0}),
    ("putuo-shgzb-2024js", "五", None, "201", "一般公共服务支出", {"合计": 264.87, "基本支出": 62.63, "项目支出": 202.24}),
    ("putuo-shgzb-2024js", "六", "人员经费", "30102", "津贴补贴", {"决算数": 39.72}),
    ("putuo-shgzb-2024js", "一", "支出", None, "本年支出合计", {"决算数": 307.82}),
    # the template: rows with blank figures, a 合计 row printed in the header's last row
    ("shanghai-template-js-2024", "一", "收入", None, "一、一般公共预算财政拨款收入", {"决算数": None}),
    ("shanghai-template-js-2024", "八", None, None, "合计", {"年初结转和结余": None, "本年支出合计": None}),
    # Chongqing 2026: digits whose glyph boxes hang below the baseline stay on their row
    ("chongqing-jxw-2026ys", "表一", "收入", None, "一、一般公共预算资金", {"预算数": 192446.79}),
    ("chongqing-jxw-2026ys", "表一", "支出", None, "七、资源勘探工业信息等支出", {"预算数": 110344.65}),
    ("chongqing-swjw-2026ys", "表四", "收入", None, "(一)一般公共预算资金", {"预算数": 99320.55}),
    ("chongqing-swjw-2026ys", "表四", "支出", None, "(一)一般公共服务支出", {"合计": 16604.23, "一般公共预算": 16604.23}),
    ("chongqing-swjw-2026ys", "表五", None, "2011301", "行政运行", {"总计": 6231.54, "人员经费": 4652.22,
                                                                 "公用经费": 1579.32, "项目支出": None}),
    ("chongqing-swjw-2026ys", "表九", None, None, "合计", {"总计": 6546.82, "一般公共预算拨款收入": 5499.84}),
    # Guangzhou: codes printed in brackets, rows named by 支出项目类别（资金使用单位）
    ("guangzhou-wjw-2026ys", "表7", None, "30101", "基本工资", {"预算": 2000}),
    ("guangzhou-wjw-2026ys", "表11", None, None, "广州市卫生健康委员会（本级）", {"总计": 10345.32, "一般公共预算": 10345.32}),
    # Jiangsu: 公开NN表 labels, a second name part (小计), a third list on the 支出 side, 政府采购 levels
    ("jiangsu-jcy-2017ys", "二", None, None, "一般公共预算资金小计", {"金额": 17981.68}),
    ("jiangsu-jcy-2017ys", "一", "支出", None, "三、单位预留机动经费", {"金额": 140.2}),
    ("jiangsu-jcy-2018ys", "公开03表", None, None, None, {"合计": 21955.35, "基本支出": 13994.31, "项目支出": 5573}),
    ("jiangsu-jcy-2018ys", "公开12表", None, None, "其他服务", {"采购组织形式": "分散自行组织", "总计": 20}),
    ("jiangsu-jcy-2018ys", "公开01表", "支出", None, "十七、国土海洋气象等支出", {"金额": None}),  # "出" on the next page
    ("jiangsu-jcy-2018ys", "公开01表", "支出", None, "十八、住房保障支出", {"金额": 3660.38}),
    ("jiangsu-jcy-2019ys", "公开01表", "支出", None, "当年支出小计", {"金额": 24169.74}),
    ("jiangsu-jcy-2019ys", "公开02表", None, None, "公共财政拨款（补助）资金", {"金额": 24169.74}),
    ("jiangsu-jcy-2019ys", "公开12表", None, None, "信息网络及软件购置更新",
     {"专项名称": "网络、电子检务、实验室、机要通道、档案数字化系统运行维护费", "总计": 100}),
]


def _same(got: Any, want: Any) -> bool:
    if want is None:
        return got is None
    if isinstance(want, str):
        return got == want
    return got is not None and not isinstance(got, str) and Decimal(str(got)) == Decimal(str(want))


@pytest.mark.parametrize(("slug", "table_id", "side", "code", "name", "values"), ROWS,
                         ids=[f"{r[0]}:{r[1]}:{r[3] or r[4]}" for r in ROWS])
def test_named_rows_exact(slug: str, table_id: str, side: str | None, code: str | None, name: str | None,
                          values: dict[str, Any]) -> None:
    t = table(parsed(slug), table_id)
    rows = t["rows"] if (code or name or side) else t["rows"][:1]
    row = find_row({**t, "rows": rows}, code, name, side)
    wrong = {c: (row["values"].get(c), v) for c, v in values.items() if not _same(row["values"].get(c), v)}
    assert not wrong, f"{slug} {table_id} {code or name}: (parsed, printed) {wrong}"


def _num(v: Any) -> Decimal | None:
    if v is None:
        return Decimal(0)
    return None if isinstance(v, str) else Decimal(str(v))


# Figures that disagree with their parts as printed (the originals, not the parser)
PRINTED = {
    ("putuo-wanli-2025ys", "212"), ("putuo-wanli-2025ys", "21201"),  # 21201 one yuan above its items
}


def arithmetic_problems(doc: dict[str, Any]) -> list[str]:
    """Parents ≠ sum of children, 合计 ≠ sum of the 类, 基本支出 + 项目支出 ≠ 合计 (rounding allowed in 万元)."""
    out = []
    for t in doc["tables"]:
        tol = Decimal("0.02") if t["unit"] == "万元" else Decimal(0)
        cols_all = t["columns"]
        for side in {r.get("side") for r in t["rows"]}:
            rows = [r for r in t["rows"] if r.get("side") == side]
            cols = (t.get("column_groups") or {}).get(side, cols_all) if side else cols_all
            coded = [r for r in rows if r["code"]]
            for r in coded:
                kids = [k for k in coded if k["parent_code"] == r["code"]]
                if not kids or (doc["doc_id"], r["code"]) in PRINTED:
                    continue
                for c in cols:
                    want, parts = _num(r["values"].get(c)), [_num(k["values"].get(c)) for k in kids]
                    if want is not None and None not in parts and abs(want - sum(parts)) > tol:
                        out.append(f"{t['table_id']} {r['code']} [{c}] {want} ≠ {sum(parts)}")
            tops = [r for r in coded if r["parent_code"] is None and len(r["code"]) == 3]
            total = next((r for r in rows if r["name"] in ("合计", "总计") and not r["code"]), None)
            if total and tops and not side and not any((doc["doc_id"], r["code"]) in PRINTED for r in tops):
                for c in cols:
                    want, parts = _num(total["values"].get(c)), [_num(k["values"].get(c)) for k in tops]
                    if want is not None and None not in parts and abs(want - sum(parts)) > tol:
                        out.append(f"{t['table_id']} 合计 [{c}] {want} ≠ {sum(parts)}")
        head = next((c for c in ("合计", "总计", "本年支出合计") if c in cols_all), None)
        if head and "基本支出" in cols_all and "项目支出" in cols_all and len(set(cols_all) - {head, "基本支出", "项目支出",
                                                                                           "人员经费", "公用经费"}) == 0:
            for r in t["rows"]:
                if (doc["doc_id"], r["code"]) in PRINTED:
                    continue
                a, b, c = (_num(r["values"].get(k)) for k in (head, "基本支出", "项目支出"))
                if None not in (a, b, c) and abs(a - b - c) > max(tol, Decimal("0.01") if t["unit"] == "万元" else tol):
                    out.append(f"{t['table_id']} {r['code'] or r['name']}: {a} ≠ {b} + {c}")
    return out


@pytest.mark.parametrize("slug", SLUGS)
def test_tables_own_arithmetic(slug: str) -> None:
    doc = parsed(slug)
    assert doc["tables"], f"{slug}: no table found"
    assert sum(len(t["rows"]) for t in doc["tables"]) >= 50
    problems = arithmetic_problems(doc)
    assert not problems, f"{slug}: " + "; ".join(problems[:10])


@pytest.mark.parametrize("slug", FINALS)
def test_final_accounts_show_nine_tables(slug: str) -> None:
    doc = parsed(slug)
    ids = ["一", "二", "三", "四", "五", "六", "七", "八", "九"]
    assert [table(doc, i)["role"] for i in ids] == FINAL_ROLES
    assert all(table(doc, i)["rows"] for i in ids)


def test_split_codes_join_into_one() -> None:
    """类 / 款 / 项 printed in three columns read as one code, nested under its parents."""
    t = table(parsed("putuo-wanli-2024ys"), "5")
    row = find_row(t, "2120101", "行政运行")
    assert row["parent_code"] == "21201" and find_row(t, "21201", None)["parent_code"] == "212"


def test_titles_keep_their_year() -> None:
    titles = [t["title"] for t in parsed("chongqing-jxw-2026ys")["tables"]]
    assert titles[0] == "2026年部门收支总体情况表"


@pytest.mark.parametrize("slug", [s for s in SLUGS if (TRUTH / f"{s}.truth.json").exists()])
def test_row_match_against_truth(slug: str) -> None:
    """Every truth row is matched: row match 100% on each real PDF's truth file."""
    truth = json.loads((TRUTH / f"{slug}.truth.json").read_text(encoding="utf-8"))
    rep = row_match(parsed(slug), truth)
    assert rep.matched == rep.expected, rep.summary() + "\n" + "\n".join(rep.missing[:20])


def test_table_after_narrative_pages_is_its_own() -> None:
    """Guangzhou's 表12 ends on page 113; the 重点项目 list after two narrative pages is another table."""
    doc = parsed("guangzhou-wjw-2026ys")
    t12 = table(doc, "表12")
    assert (t12["page"], t12["page_end"]) == (31, 113)
    assert all(r["name"] != "项目" for r in t12["rows"])
