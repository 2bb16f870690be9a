"""Build the "unseen template" question sets in tests/data/unseen/ from the test-document truth files.

    .venv/bin/python scripts/build_unseen.py            # write the four sets
    .venv/bin/python scripts/build_unseen.py --check    # rebuild in memory, compare with the files on disk

The four documents in tests/pdfs/ that carry a truth file are written in templates
the held-out and seed sets do not cover: a 部门预算 in 元 (南江卫健委), a 部门决算 in
元 with a 万元 narrative (西江财政局), a 部门决算 in 万元 (东岭水利局) and a 部门预算
with 附表 numbering, tables in 元 and a 万元 narrative (临川市场监管局).

As in ``build_heldout.py``, every question names the truth it asks about: a table
row and column (``D.row("表四", "30217", "合计")``), a cell of a one-row table
(``D.cell("附表7", "决算数公务接待费", "公务接待费")``), a ``facts`` entry or a
number read out of a narrative section by a regular expression
(``D.text("四、", r"公务接待费\\s*([\\d,.]+)\\s*元")``). Expected values, formulas
and most sources are computed from those pointers; no figure is typed in by hand.
Where the same figure is printed in two places the script asserts that they agree
(a narrative that restates a 元 table figure in 万元 must agree to the 0.01 万元 it
prints). Every must_mention term is asserted to occur in the document, and every
line is run through the project's scorer with a synthetic correct answer (and a
refusal for the unanswerable ones) so that a gold line that cannot be met fails the
build.

The sets are measurement data: written from the documents and the gold format only,
without reading the answering code, and not to be used to tune it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_DOCS = ROOT / "tests" / "pdfs"
OUT_DIR = ROOT / "tests" / "data" / "unseen"

MONEY_TOL = 0.01
# A 元 figure that the narrative restates rounded to 0.01 万元 (18,650.00 元 -> "1.86 万元"):
# half a printed step, so that quoting either the table or the narrative is accepted.
NARRATIVE_ROUNDING_TOL = 50.0
PCT_TOL = 0.05
COUNT_TOL = 0

COUNT_UNITS = ("名", "个", "辆", "所", "件", "人", "批次", "人次")
MONEY = {"元": 1.0, "万元": 10000.0}

EXPENDITURE_ROLES = ("dept_exp", "gpb_exp", "f_dept_exp", "f_gpb_exp")
TOTAL_COLUMNS = ("合计", "本年支出合计", "决算数")


# --------------------------------------------------------------------------- values


@dataclass
class Val:
    """A figure, its unit, the arithmetic that produced it and the places that support it."""

    value: float
    unit: str
    formula: str
    sources: list[str] = field(default_factory=list)
    compound: bool = False  # computed, not read
    loose: bool = False  # a 元 figure the narrative restates rounded to 0.01 万元


def _merge(*parts: Val) -> list[str]:
    out: list[str] = []
    for part in parts:
        for src in part.sources:
            if src not in out:
                out.append(src)
    return out


def _paren(v: Val) -> str:
    return f"({v.formula})" if v.compound and (" + " in v.formula or " - " in v.formula) else v.formula


def add(*parts: Val) -> Val:
    assert len({p.unit for p in parts}) == 1, [p.unit for p in parts]
    return Val(sum(p.value for p in parts), parts[0].unit, " + ".join(p.formula for p in parts), _merge(*parts), True)


def sub(a: Val, b: Val) -> Val:
    assert a.unit == b.unit, (a.unit, b.unit)
    return Val(a.value - b.value, a.unit, f"{_paren(a)} - {_paren(b)}", _merge(a, b), True)


def pct(a: Val, b: Val) -> Val:
    """a as a percentage of b."""
    assert a.unit == b.unit, (a.unit, b.unit)
    return Val(a.value / b.value * 100, "%", f"{_paren(a)} / {_paren(b)} * 100", _merge(a, b), True)


def convert(a: Val, unit: str) -> Val:
    """A money figure in another money unit (元 <-> 万元)."""
    assert a.unit in MONEY and unit in MONEY and unit != a.unit, (a.unit, unit)
    if unit == "万元":
        return Val(a.value / 10000, unit, f"{_paren(a)} / 10000", _merge(a), True)
    return Val(a.value * 10000, unit, f"{_paren(a)} * 10000", _merge(a), True)


def same(*parts: Val) -> Val:
    """Several places print the same figure: assert they agree, keep every source.

    The first part fixes value and unit (the table, as printed). A part in another
    money unit (the narrative in 万元 for a 元 table) must agree to the precision it
    prints (0.01 万元); if it is not exact the result is marked ``loose``.
    """
    first = parts[0]
    loose = first.loose
    for other in parts[1:]:
        if other.unit == first.unit == "%":  # a computed share against the rate the narrative prints
            assert round(first.value, 2) == round(other.value, 2), (first.formula, first.value, other.value)
        elif other.unit == first.unit:
            assert abs(first.value - other.value) < 1e-6, (first.formula, first.value, other.formula, other.value)
        else:
            assert first.unit == "元" and other.unit == "万元", (first.unit, other.unit)
            assert round(first.value / 10000, 2) == round(other.value, 2), (first.formula, first.value, other.value)
            if abs(first.value - other.value * 10000) > 1e-6:
                loose = True
    return Val(first.value, first.unit, first.formula, _merge(*parts), first.compound, loose)


# --------------------------------------------------------------------------- documents


class Doc:
    """Pointers into one truth file."""

    def __init__(self, docs: Path, slug: str) -> None:
        self.slug = slug
        self.truth = json.loads((docs / f"{slug}.truth.json").read_text(encoding="utf-8"))
        self.facts = self.truth.get("facts") or {}
        self.sections = self.truth["narrative"]["sections"]
        self.narrative_unit = self.truth.get("narrative_unit") or self.truth["unit"]

    # -- tables

    def table(self, table_id: str) -> dict:
        hits = [t for t in self.truth["tables"] if t["table_id"] == table_id]
        assert len(hits) == 1, (self.slug, table_id, len(hits))
        return hits[0]

    def _find_row(self, tb: dict, key: str, side: str | None) -> dict:
        rows = [
            r
            for r in tb["rows"]
            if (r.get("code") == key or r["name"] == key) and (side is None or r.get("side") == side)
        ]
        assert len(rows) == 1, (self.slug, tb["table_id"], key, side, len(rows))
        return rows[0]

    def row(self, table_id: str, key: str, col: str, *, side: str | None = None, also: bool = True) -> Val:
        """The value in column ``col`` of the row whose code (or name) is ``key``.

        An empty cell is a zero amount, as printed. For a functional code, every
        other expenditure table that prints the same code (or, in a table without
        codes, the same name) with the same amount is added to the sources.
        """
        tb = self.table(table_id)
        r = self._find_row(tb, key, side)
        assert col in r["values"], (self.slug, table_id, key, col, list(r["values"]))
        v = r["values"][col]
        value = 0.0 if v is None else float(v)
        src = [f"{table_id}:{key}"]
        if also and r.get("code") and tb["role"] in EXPENDITURE_ROLES:
            cols = TOTAL_COLUMNS if col in TOTAL_COLUMNS else (col,)
            for other in self.truth["tables"]:
                if other is tb or other["role"] not in EXPENDITURE_ROLES:
                    continue
                for orow in other["rows"]:
                    if orow.get("code") == r["code"]:
                        okey = r["code"]
                    elif orow.get("code") is None and orow["name"] == r["name"]:
                        okey = r["name"]
                    else:
                        continue
                    if any(c in orow["values"] and float(orow["values"][c] or 0) == value for c in cols):
                        s = f"{other['table_id']}:{okey}"
                        if s not in src:
                            src.append(s)
        return Val(value, tb["unit"], f"{table_id}:{key}.{col}", src)

    def cell(self, table_id: str, col: str, label: str) -> Val:
        """A one-row table whose columns are the items (三公 in one row); ``label`` names the item."""
        tb = self.table(table_id)
        assert len(tb["rows"]) == 1, (self.slug, table_id)
        v = tb["rows"][0]["values"][col]
        return Val(0.0 if v is None else float(v), tb["unit"], f"{table_id}:{col}", [f"{table_id}:{label}"])

    # -- narrative

    def heading(self, prefix: str) -> str:
        hits = [s["heading"] for s in self.sections if s["heading"].startswith(prefix)]
        assert len(hits) == 1, (self.slug, prefix, hits)
        return hits[0]

    def section_text(self, prefix: str) -> str:
        return next(s["text"] for s in self.sections if s["heading"] == self.heading(prefix))

    def sec(self, prefix: str) -> list[str]:
        return [f"说明:{self.heading(prefix)}"]

    def text(self, prefix: str, pattern: str, *, unit: str | None = None, label: str = "") -> Val:
        """A number read out of a narrative section by a regular expression."""
        text = self.section_text(prefix)
        ms = list(re.finditer(pattern, text))
        assert len(ms) == 1, (self.slug, prefix, pattern, len(ms))
        value = float(ms[0].group(1).replace(",", ""))
        name = label or ms[0].group(0)
        return Val(value, unit or self.narrative_unit, f"说明:{self.heading(prefix)}[{name}]", self.sec(prefix))

    def fact(self, key: str) -> Val:
        f = self.facts[key]
        return Val(float(f["value"]), f["unit"], f"说明:{f['section']}[{key}]", [])

    def phrase(self, prefix: str, words: str) -> str:
        """Assert that a must_mention term is really in the section text, and return it."""
        for w in words.split("|"):
            if w in ("是", "否"):
                continue
            assert w in self.section_text(prefix), (self.slug, prefix, w)
        return words

    def corpus_text(self) -> str:
        """Everything the document prints, for checking must_mention terms."""
        parts = [self.truth.get("title", ""), self.truth.get("issuer", "")]
        for tb in self.truth["tables"]:
            parts += [tb["title"], tb.get("note") or "", " ".join(tb["columns"])]
            for r in tb["rows"]:
                parts.append(r["name"])
                parts += [str(v) for v in r["values"].values() if isinstance(v, str)]
        for s in self.sections:
            parts += [s["heading"], s["text"]]
        return "\n".join(parts)


# --------------------------------------------------------------------------- questions


@dataclass
class Q:
    qtype: str
    question: str
    values: list[Val] | None  # None: answer in words, or unanswerable
    must: list[str]
    sources: list[str]
    notes: str
    kind: str  # the mix bucket
    extra_sources: list[str] = field(default_factory=list)


def U(question: str, notes: str) -> Q:
    return Q("unanswerable", question, None, [], [], notes, "无法回答")


def _round(value: float, unit: str) -> float | int:
    if unit in COUNT_UNITS:
        assert abs(value - round(value)) < 1e-9, value
        return int(round(value))
    digits = 2 if unit == "%" else 6
    r = round(value + 0.0, digits)
    return int(r) if r == int(r) else r


def _tolerance(vals: list[Val]) -> float:
    units = [v.unit for v in vals]
    if all(u in MONEY for u in units):
        if any(v.loose for v in vals):
            assert all(u == "元" for u in units), units
            return NARRATIVE_ROUNDING_TOL
        return MONEY_TOL
    if all(u == "%" for u in units):
        return PCT_TOL
    if all(u in COUNT_UNITS for u in units):
        return COUNT_TOL
    raise ValueError(f"mixed units {units}")


def render(prefix: str, n: int, q: Q) -> dict:
    sources: list[str] = []
    formula = None
    expected = None
    if q.values:
        expected = {
            "values": [{"value": _round(v.value, v.unit), "unit": v.unit} for v in q.values],
            "tolerance": _tolerance(q.values),
        }
        if any(v.compound for v in q.values):
            formula = "; ".join(v.formula for v in q.values)
        for v in q.values:
            for s in v.sources:
                if s not in sources:
                    sources.append(s)
    for s in q.sources + q.extra_sources:
        if s not in sources:
            sources.append(s)
    if q.qtype == "unanswerable":
        assert not q.values and not sources
    else:
        assert sources, (prefix, n, q.question)
    return {
        "id": f"un-{prefix}-{n:03d}",
        "question": q.question,
        "type": q.qtype,
        "answerable": q.qtype != "unanswerable",
        "expected": expected,
        "must_mention": q.must,
        "sources": sources,
        "formula": formula,
        "notes": f"[{q.kind}] {q.notes}".strip(),
    }


# --------------------------------------------------------------------------- shili-nanjiang-wjw-2024 (部门预算, 元)


def nanjiang(D: Doc) -> list[Q]:
    S3 = "四、"
    nt = lambda pat, lab: D.text(S3, pat, label=lab)  # noqa: E731  (narrative in 元)
    jd = same(D.row("表五", "2.公务接待费", "2024年预算数"), D.row("表四", "30217", "合计"),
              nt(r"公务接待费\s*([\d,.]+)\s*元", "公务接待费"))
    buy = same(D.row("表五", "（1）公务用车购置费", "2024年预算数"), nt(r"公务用车购置费\s*([\d,.]+)\s*元", "公务用车购置费"))
    car = same(D.row("表五", "（2）公务用车运行维护费", "2024年预算数"), D.row("表四", "30231", "合计"),
               nt(r"公务用车运行维护费\s*([\d,.]+)\s*元", "公务用车运行维护费"))
    sg = same(D.row("表五", "合计", "2024年预算数"), nt(r"“三公”经费预算\s*([\d,.]+)\s*元", "“三公”经费预算"),
              D.fact("三公经费预算"))
    sg_up = nt(r"比\s*2023\s*年增加\s*([\d,.]+)\s*元", "“三公”经费比2023年增加")
    sg_prev = sub(sg, sg_up)
    assert abs(sg_prev.value - D.row("表五", "合计", "2023年预算数").value) < 1e-6
    total = same(D.row("表一", "支出合计", "预算数", side="支出"), D.row("表三", "合计", "合计"),
                 D.row("表二", "合计", "合计"), D.text("二、", r"支出预算\s*([\d,.]+)\s*元", label="支出预算"))
    project = same(D.row("表三", "合计", "项目支出"), D.row("表二", "合计", "项目支出"), D.fact("项目支出"),
                   D.text("三、", r"项目支出\s*([\d,.]+)\s*元", label="项目支出"))
    running = same(D.text("五、", r"机关运行经费预算\s*([\d,.]+)\s*元", label="机关运行经费"),
                   D.row("表四", "合计", "公用经费"), D.row("表四", "302", "合计"))
    retire = same(D.row("表四", "30302", "合计"), D.row("表三", "2080501", "合计"))
    pension = same(D.row("表四", "30108", "合计"), D.row("表三", "2080505", "合计"))
    med = D.row("表四", "30110", "合计")
    assert abs(med.value - D.row("表三", "2101101", "合计").value - D.row("表三", "2101102", "合计").value) < 1e-6
    health = same(D.row("表三", "210", "合计"), D.row("表一", "卫生健康支出", "预算数", side="支出"),
                  D.text("二、", r"卫生健康支出\s*([\d,.]+)\s*元", label="卫生健康支出"))
    cars_row = D.row("表六", "公务用车保有量", "2024年")
    assert D.table("表六")["rows"][0]["values"]["计量单位"] == "辆"
    cars_row.unit = "辆"  # the table is headed 单位：元, the row's 计量单位 is 辆
    cars = same(cars_row, D.fact("公务用车保有量"),
                D.text(S3, r"公务用车保有量\s*(\d+)\s*辆", unit="辆", label="公务用车保有量"))
    dc = D.row("表三", "2100401", "基本支出"), D.row("表三", "2100401", "项目支出")

    return [
        # ---- everyday words (8)
        Q("lookup", "卫健委今年请客吃饭、接待来人的钱预算了多少？", [jd], ["公务接待"], [],
          "公务接待费 25,000.00 元（表五 2024年预算数、表四 30217、说明四一致）。", "日常说法"),
        Q("lookup", "今年准备买新公车，这笔钱安排了多少？", [buy], ["购置"], [],
          "公务用车购置费 200,000.00 元，更新 1 辆应急保障车辆；2023 年为空。", "日常说法"),
        Q("lookup", "公车平时加油、保养、修理的钱一年预算多少？", [car], ["运行维护"], [],
          "公务用车运行维护费 96,000.00 元，与上年持平。", "日常说法"),
        Q("lookup", "给退休老同志发的退休费，今年预算了多少？", [retire], ["退休"], [],
          "表四 30302 退休费 = 表三 2080501 行政单位离退休 = 905,600.00 元。", "日常说法"),
        Q("lookup", "单位帮职工交的养老保险（社保）一年多少钱？", [pension], ["养老保险"], [],
          "表四 30108 机关事业单位基本养老保险缴费 = 表三 2080505，688,421.76 元（医保 30110 另计）。", "日常说法"),
        Q("lookup", "人头费，也就是人员经费，今年一共安排了多少？", [D.row("表四", "合计", "人员经费")], ["人员经费"], [],
          "表四 合计行 人员经费列 6,928,459.00 元。", "日常说法"),
        Q("lookup", "基本支出表里的办公费是多少？", [D.row("表四", "30201", "合计")], ["办公费"], [],
          "表四 30201 办公费（按原名问）。", "日常说法"),
        Q("lookup", "重大公共卫生服务今年预算多少？", [D.row("表三", "2100409", "合计")], ["重大公共卫生服务"], [],
          "按原名问；全部为项目支出 1,800,000.00 元。", "日常说法"),
        # ---- codes (4)
        Q("code_lookup", "2100401这个科目今年安排了多少钱？", [D.row("表三", "2100401", "合计")], ["疾病预防控制"], [],
          "疾病预防控制机构：基本支出 2,356,780.50 + 项目支出 420,000.00。", "编码"),
        Q("code_lookup", "功能分类210类一共预算多少？", [health], ["卫生健康"], [],
          "210 卫生健康支出 10,521,261.10 元（表三、表一、说明二）。", "编码"),
        Q("code_lookup", "经济科目30299是什么支出？预算多少？", [D.row("表四", "30299", "合计")], ["其他商品和服务"], [],
          "其他商品和服务支出 2,228,130.50 元。", "编码"),
        Q("code_lookup", "表三里编码2101199那一行是多少钱？", [D.row("表三", "2101199", "合计")], ["其他行政事业单位医疗"], [],
          "其他行政事业单位医疗支出 24,000.00 元；PDF 里科目名称折行，编码印在下一页第一行。", "编码"),
        # ---- English (4)
        Q("lookup", "How much has the health commission budgeted for basic salaries in 2024?",
          [D.row("表四", "30101", "合计")], [], [], "表四 30101 基本工资 2,150,000.00 元。", "英文"),
        Q("lookup", "What is the total 2024 budget for the \"three public expenses\" (official travel abroad, "
          "vehicles and hospitality)?", [sg], [], [], "“三公”经费 321,000.00 元。", "英文"),
        Q("lookup", "How much of the commission's 2024 budget is project expenditure?", [project], [], [],
          "项目支出 2,870,000.00 元（表三、表二合计行，说明三）。", "英文"),
        Q("lookup", "How much is budgeted for the housing provident fund?", [D.row("表三", "2210201", "合计")], [],
          ["表四:30113"], "2210201 住房公积金 = 表四 30113，512,306.64 元。", "英文"),
        # ---- amounts asked in 万元 (3)
        Q("aggregate", "卫健委2024年部门预算总额是多少万元？", [convert(total, "万元")], ["万元"], [],
          "12,627,589.50 元 = 1262.758950 万元（答 1262.76 万元即可）。", "以万元计"),
        Q("lookup", "行政运行（2100101）这一项折合多少万元？", [convert(D.row("表三", "2100101", "合计"), "万元")],
          ["行政运行"], [], "4,812,350.00 元 = 481.235 万元（481.23 或 481.24 均在容差内）。", "以万元计"),
        Q("lookup", "机关运行经费预算是多少万元？", [convert(running, "万元")], ["机关运行经费"], [],
          "说明五：机关运行经费 2,829,130.50 元 = 282.91305 万元；等于表四公用经费合计。", "以万元计"),
        # ---- arithmetic and change (4)
        Q("arithmetic", "项目支出占全部支出预算的比例是多少？请保留两位小数。",
          [pct(project, total)], ["项目支出"], [],
          "2,870,000.00 / 12,627,589.50。", "计算/变化"),
        Q("arithmetic", "疾病预防控制机构的基本支出比项目支出多多少钱？", [sub(*dc)], [], [],
          "2,356,780.50 − 420,000.00。", "计算/变化"),
        Q("aggregate", "基本工资加上津贴补贴一共多少？", [add(D.row("表四", "30101", "合计"), D.row("表四", "30102", "合计"))],
          ["基本工资", "津贴补贴"], [], "2,150,000.00 + 1,980,000.00。", "计算/变化"),
        Q("arithmetic", "按说明里“比2023年增加”的数字推算，2023年的“三公”经费预算是多少？", [sg_prev], ["2023"], [],
          "321,000.00 − 195,000.00 = 126,000.00，与表五 2023年预算数一致。", "计算/变化",
          extra_sources=["表五:合计"]),
        # ---- narrative (3)
        Q("reason", "今年为什么要安排公务用车购置费？", None, [D.phrase(S3, "更新"), D.phrase(S3, "年限")], D.sec(S3),
          "说明四：主要原因是更新 1 辆超过使用年限的应急保障车辆。", "说明文字"),
        Q("yes_no", "妇幼健康服务管理归卫健委负责吗？", None, [D.phrase("一、", "是|负责"), D.phrase("一、", "妇幼")],
          D.sec("一、"), "是：负责……基层卫生和妇幼健康服务管理等工作。", "说明文字"),
        Q("count", "到2024年底卫健委一共有几辆公务用车？", [cars], ["辆"], [],
          "年末公务用车保有量 9 辆（说明四、表六 2024年；2023 年为 8 辆）。", "说明文字"),
        # ---- unanswerable (4)
        U("卫健委2023年的办公费预算是多少？", "表四只有 2024 年数；表五的 2023 年数只有“三公”经费。"),
        U("委机关本级（不含疾控中心）的办公费预算是多少？", "基本支出表只有部门合计，不按预算单位拆分。"),
        U("卫健委2024年的预算最后实际执行了多少，决算数是多少？", "本文件是 2024 年部门预算，没有决算数。"),
        U("南江区教育委员会2024年的“三公”经费预算是多少？", "另一个部门。"),
    ]


# --------------------------------------------------------------------------- shili-xijiang-czj-final-2023 (部门决算, 元; 说明 万元)


def xijiang(D: Doc) -> list[Q]:
    S3 = "八、"
    jd = same(D.cell("附表7", "决算数公务接待费", "公务接待费"), D.row("附表6", "30217", "合计"),
              D.text(S3, r"公务接待费\s*([\d.]+)\s*万元", label="公务接待费"))
    car = same(D.cell("附表7", "决算数公务用车运行费", "公务用车运行费"), D.row("附表6", "30231", "合计"),
               D.text(S3, r"公务用车运行维护费\s*([\d.]+)\s*万元", label="公务用车运行维护费"))
    retire = same(D.row("附表6", "30302", "合计"), D.row("附表3", "2080501", "本年支出合计"),
                  D.text("六、", r"行政单位离退休（项）决算数为\s*([\d.]+)\s*万元", label="行政单位离退休决算数"))
    staff_cost = same(D.row("附表6", "合计", "人员经费"), D.text("七、", r"人员经费\s*([\d.]+)\s*万元", label="人员经费"))
    exp_total = same(D.row("附表1", "本年支出合计", "金额", side="支出"), D.row("附表3", "合计", "本年支出合计"),
                     D.text("二、", r"本年支出合计\s*([\d.]+)\s*万元", label="本年支出合计"))
    retire_budget = same(D.row("附表5", "2080501", "年初预算数"),
                         D.text("六、", r"年初预算数为\s*([\d.]+)\s*万元", label="行政单位离退休年初预算数"))
    other_income = same(D.row("附表1", "八、其他收入", "金额", side="收入"), D.row("附表2", "合计", "其他收入"),
                        D.text("三、", r"其他收入\s*([\d.]+)\s*万元", label="其他收入"))
    sg_rate = same(pct(D.cell("附表7", "决算数合计", "合计"), D.cell("附表7", "预算数合计", "合计")),
                   D.text(S3, r"完成预算的\s*([\d.]+)%", unit="%", label="完成预算的"))
    gpb_gap = sub(D.row("附表5", "合计", "调整预算数"), D.row("附表5", "合计", "决算数"))
    assert abs(D.row("附表5", "合计", "决算数").value / D.row("附表5", "合计", "调整预算数").value * 100
               - D.text("六、", r"完成调整预算的\s*([\d.]+)%", unit="%").value) < 0.005
    staff = D.text("一、", r"行政编制\s*(\d+)\s*名", unit="名", label="行政编制")

    return [
        # ---- everyday words (8)
        Q("lookup", "财政局2023年请客吃饭（公务接待）实际花了多少？", [jd], ["公务接待"], [],
          "决算数 18,650.00 元（附表7、附表6 30217）；说明八写作 1.86 万元，容差 50 元以接受说明的写法。", "日常说法"),
        Q("lookup", "公车的油费、修理费这些，2023年实际花了多少？", [car], ["公务用车"], [],
          "公务用车运行费决算 64,320.00 元（附表7、附表6 30231）；说明写 6.43 万元。预算数为 80,000.00。", "日常说法"),
        Q("lookup", "给退休老同志发的退休费，去年实际花了多少？", [retire], ["退休"], [],
          "附表6 30302 退休费 = 2080501 行政单位离退休 = 625,400.00 元（说明六 62.54 万元）。", "日常说法"),
        Q("lookup", "单位给职工交的职业年金，决算是多少？", [same(D.row("附表6", "30109", "合计"),
                                                        D.row("附表3", "2080506", "本年支出合计"))],
          ["职业年金"], [], "30109 职业年金缴费 = 2080506，154,604.93 元。", "日常说法"),
        Q("lookup", "2023年出差的差旅费实际支出多少？", [D.row("附表6", "30211", "合计")], ["差旅"], [], "", "日常说法"),
        Q("lookup", "人头费，也就是人员经费，去年一共花了多少？", [staff_cost], ["人员经费"], [],
          "附表6 合计行人员经费 3,928,518.41 元；说明七 392.85 万元。", "日常说法"),
        Q("lookup", "工会经费的决算数是多少？", [D.row("附表6", "30228", "合计")], ["工会经费"], [],
          "按原名问。", "日常说法"),
        Q("multi", "信息化建设年初预算是多少？最后实际花了多少？",
          [D.row("附表5", "2010607", "年初预算数"), D.row("附表5", "2010607", "决算数")], ["信息化建设"], [],
          "附表5 2010607：年初预算 450,000.00，决算 412,650.50（调整预算 450,000.00）。", "日常说法"),
        # ---- codes (4)
        Q("code_lookup", "2010608这个科目的决算数是多少？", [D.row("附表5", "2010608", "决算数")], ["财政委托业务"], [],
          "财政委托业务支出决算 1,234,567.89 元（附表5 = 附表3）；附表2 的收入数 1,199,567.89 不是支出。", "编码"),
        Q("code_lookup", "功能分类201类的年初预算数是多少？", [D.row("附表5", "201", "年初预算数")], ["一般公共服务"], [],
          "一般公共服务支出 年初预算 5,590,000.00 元。", "编码"),
        Q("code_lookup", "经济分类30201花了多少钱？", [D.row("附表6", "30201", "合计")], ["办公费"], [], "办公费。", "编码"),
        Q("code_lookup", "科目编码2101101对应的决算支出是多少？", [D.row("附表5", "2101101", "决算数")], ["行政单位医疗"], [],
          "行政单位医疗 198,766.40 元（各表一致；= 附表6 30110）。", "编码", extra_sources=["附表6:30110"]),
        # ---- English (4)
        Q("aggregate", "How much did the finance bureau spend in 2023 in total (current-year expenditure, "
          "not counting the year-end carry-over)?", [exp_total], [], [],
          "本年支出合计 7,374,217.16 元（说明 737.42 万元）；支出总计 7,524,217.16 含年末结转 150,000。", "英文"),
        Q("lookup", "What was the beginning-of-year budget for retiree costs of administrative units?",
          [retire_budget], [], [], "2080501 行政单位离退休 年初预算数 610,000.00 元（说明六 61 万元）。", "英文"),
        Q("lookup", "How much \"other income\" did the bureau receive in 2023?", [other_income], [], [],
          "其他收入 48,000.00 元，主要是代理业务手续费收入。", "英文"),
        Q("lookup", "How much did the bureau pay in basic wages in 2023?", [D.row("附表6", "30101", "合计")], [], [],
          "30101 基本工资 1,020,000.00 元。", "英文"),
        # ---- amounts asked in 万元 (3)
        Q("lookup", "津贴补贴实际发了多少万元？", [convert(D.row("附表6", "30102", "合计"), "万元")], ["津贴补贴"], [],
          "1,168,300.00 元 = 116.83 万元。", "以万元计"),
        Q("lookup", "住房公积金2023年决算数合多少万元？", [convert(D.row("附表5", "2210201", "决算数"), "万元")],
          ["住房公积金"], [], "289,934.76 元 = 28.993476 万元。", "以万元计", extra_sources=["附表6:30113"]),
        Q("lookup", "财政委托业务支出的年初预算是多少万元？", [convert(D.row("附表5", "2010608", "年初预算数"), "万元")],
          ["财政委托业务"], [], "1,200,000.00 元 = 120 万元。", "以万元计"),
        # ---- arithmetic and change (4)
        Q("arithmetic", "“三公”经费决算数占预算数的百分之多少？保留两位小数。", [sg_rate], ["三公"], [],
          "82,970.00 / 110,000.00 = 75.43%（说明八同）。", "计算/变化"),
        Q("arithmetic", "一般公共预算财政拨款支出，调整预算数和决算数相差多少？", [gpb_gap], [], [],
          "附表5 合计：7,450,698.77 − 7,326,217.16。", "计算/变化"),
        Q("aggregate", "基本养老保险缴费和职业年金缴费加起来一共多少？",
          [add(D.row("附表6", "30108", "合计"), D.row("附表6", "30109", "合计"))], ["养老保险", "职业年金"], [],
          "386,512.32 + 154,604.93。", "计算/变化"),
        Q("change", "一般行政管理事务的决算数比年初预算多了多少？",
          [sub(D.row("附表5", "2010602", "决算数"), D.row("附表5", "2010602", "年初预算数"))], ["一般行政管理事务"], [],
          "808,300.00 − 760,000.00（附表5，一般公共预算财政拨款口径）。", "计算/变化"),
        # ---- narrative (3)
        Q("reason", "行政单位离退休的决算为什么比年初预算多？", None, [D.phrase("六、", "新增退休")], D.sec("六、"),
          "说明六：决算 62.54 万元，年初预算 61 万元，主要原因是当年新增退休人员。", "说明文字"),
        Q("yes_no", "国有资产管理归财政局管吗？", None, [D.phrase("一、", "是|负责"), D.phrase("一、", "国有资产管理")],
          D.sec("一、"), "是：主要负责全区财政收支管理、预算编制和执行、国有资产管理及财政监督等工作。", "说明文字"),
        Q("count", "财政局有多少名行政编制？", [staff], ["编制"], [], "内设 8 个科室，行政编制 36 名。", "说明文字"),
        # ---- unanswerable (4)
        U("财政局2022年的差旅费是多少？", "本决算只有 2023 年度数，没有上年明细。"),
        U("西江区税务局2023年的决算支出是多少？", "另一个部门。"),
        U("财政委托业务的钱具体付给了哪家会计师事务所？", "文件没有任何受托机构名称。"),
        U("财政局内设的预算科2023年单独花了多少钱？", "只说内设 8 个科室，决算不按科室拆分。"),
    ]


# --------------------------------------------------------------------------- shili-dongling-slj-final-2023 (部门决算, 万元)


def dongling(D: Doc) -> list[Q]:
    S3 = "五、"
    jd = same(D.row("表7", "3.公务接待费", "决算数"), D.row("表6", "30217", "决算数"),
              D.text(S3, r"公务接待费\s*([\d.]+)\s*万元", label="公务接待费"))
    med = same(D.row("表6", "30110", "决算数"), D.row("表3", "2101101", "合计"))
    income = same(D.row("表1", "本年收入合计", "决算数", side="收入"), D.row("表2", "合计", "本年收入合计"),
                  D.text("二、", r"本年收入合计\s*([\d.]+)\s*万元", label="本年收入合计"))
    carry_end = same(D.row("表1", "年末结转和结余", "决算数", side="支出"),
                     D.row("表4", "年末财政拨款结转和结余", "小计", side="支出"),
                     D.text("二、", r"年末结转和结余\s*([\d.]+)\s*万元", label="年末结转和结余"))
    carry_start = D.row("表1", "年初结转和结余", "决算数", side="收入")
    carry_cut = sub(carry_start, carry_end)
    gap = sub(D.row("表1", "本年支出合计", "决算数", side="支出"), D.row("表1", "本年收入合计", "决算数", side="收入"))
    assert abs(carry_cut.value - gap.value) < 1e-6
    staff_cost = same(D.row("表6", "人员经费合计", "决算数"), D.text("四、", r"人员经费\s*([\d.]+)\s*万元", label="人员经费"))
    basic = same(D.row("表5", "合计", "基本支出"), D.row("表3", "合计", "基本支出"), D.fact("基本支出"),
                 D.text("四、", r"基本支出\s*([\d.]+)\s*万元", label="基本支出"))
    cars = same(D.fact("公务用车保有量"), D.text(S3, r"公务用车保有量\s*(\d+)\s*辆", unit="辆", label="公务用车保有量"))
    assert "保有量4辆" in D.table("表7")["note"]

    return [
        # ---- everyday words (8)
        Q("lookup", "水利局去年请客吃饭（公务接待）实际花了多少？", [jd], ["公务接待"], [],
          "表7 决算数 1.86 万元（全年预算 2.50）；表6 30217、说明五一致。", "日常说法"),
        Q("aggregate", "办公用的水费电费一共花了多少？", [add(D.row("表6", "30205", "决算数"), D.row("表6", "30206", "决算数"))],
          ["水费", "电费"], [], "表6 水费 3.18 + 电费 9.72。", "日常说法"),
        Q("lookup", "公车运行费全年预算是多少？", [D.row("表7", "（2）公务用车运行费", "全年预算数")], ["公务用车"], [],
          "表7 全年预算数 15.00 万元（决算 12.60）。", "日常说法"),
        Q("lookup", "给退休老同志发的退休费花了多少？", [D.row("表6", "30302", "决算数")], ["退休"], [],
          "表6 30302 退休费 18.64 万元。", "日常说法"),
        Q("lookup", "单位给职工交的医保，2023年实际交了多少？", [med], ["医疗保险"], [],
          "表6 30110 职工基本医疗保险缴费 = 2101101 行政单位医疗 31.18 万元。", "日常说法"),
        Q("lookup", "绩效工资发了多少？", [D.row("表6", "30107", "决算数")], ["绩效工资"], [], "", "日常说法"),
        Q("lookup", "防汛实际花了多少钱？", [D.row("表3", "2130314", "合计")], ["防汛"], [],
          "2130314 防汛 142.06 万元（表2、表3、表5 一致；全年预算 150.00）。", "日常说法"),
        Q("lookup", "请人干活的劳务费花了多少？", [D.row("表6", "30226", "决算数")], ["劳务费"], [], "", "日常说法"),
        # ---- codes (4)
        Q("multi", "表5里2130305的全年预算数和决算数分别是多少？",
          [D.row("表5", "2130305", "全年预算数"), D.row("表5", "2130305", "合计")], ["水利工程建设"], [],
          "一般公共预算财政拨款：全年预算 1300.00、决算 1265.48；表3 全部资金口径为 1300.48（含其他收入 35）。", "编码"),
        Q("code_lookup", "2130306花了多少钱？", [D.row("表3", "2130306", "合计")], ["水利工程运行与维护"], [],
          "水利工程运行与维护 318.75 万元（表2、表3、表5 一致）。", "编码"),
        Q("code_lookup", "经济分类30213是什么？决算多少？", [D.row("表6", "30213", "决算数")], ["维修"], [],
          "维修（护）费 6.90 万元。", "编码"),
        Q("code_lookup", "208类的全年预算数是多少？", [D.row("表5", "208", "全年预算数")], ["社会保障和就业"], [],
          "社会保障和就业支出 全年预算 87.35（决算 87.29）。", "编码"),
        # ---- English (4)
        Q("lookup", "How much did the water resources bureau actually spend on office expenses in 2023?",
          [D.row("表6", "30201", "决算数")], [], [], "表6 30201 办公费 22.46 万元。", "英文"),
        Q("aggregate", "What was the bureau's total income for 2023, not counting the balance carried over from "
          "the previous year?", [income], [], [], "本年收入合计 2379.92 万元（收入总计 2499.92 含年初结转 120）。", "英文"),
        Q("lookup", "What balance was carried over at the end of 2023?", [carry_end], [], [],
          "年末结转和结余 74.52 万元（表1、表4、说明二）。", "英文"),
        Q("lookup", "How much did the bureau contribute to the housing provident fund in 2023?",
          [same(D.row("表6", "30113", "决算数"), D.row("表3", "2210201", "合计"))], [], [],
          "30113 住房公积金 = 2210201，46.77 万元。", "英文"),
        # ---- amounts asked in 元 (3)
        Q("lookup", "差旅费花了多少元？", [convert(D.row("表6", "30211", "决算数"), "元")], ["差旅"], [],
          "4.35 万元 = 43500 元。", "以元计"),
        Q("lookup", "工会经费折合多少元？", [convert(D.row("表6", "30228", "决算数"), "元")], ["工会经费"], [],
          "6.72 万元 = 67200 元。", "以元计"),
        Q("lookup", "其他收入有多少元？", [convert(same(D.row("表1", "四、其他收入", "决算数", side="收入"),
                                                  D.row("表2", "合计", "其他收入")), "元")],
          ["其他收入"], [], "35.00 万元 = 350000 元（全部在 2130305 水利工程建设）。", "以元计"),
        # ---- arithmetic and change (4)
        Q("arithmetic", "人员经费占基本支出的百分之几？保留两位小数。", [pct(staff_cost, basic)], ["人员经费"], [],
          "479.71 / 577.91。", "计算/变化"),
        Q("arithmetic", "水利工程建设的一般公共预算财政拨款，全年预算数比决算数多出多少？",
          [sub(D.row("表5", "2130305", "全年预算数"), D.row("表5", "2130305", "合计"))], ["水利工程建设"], [],
          "1300.00 − 1265.48。", "计算/变化"),
        Q("aggregate", "基本工资和津贴补贴加起来多少？", [add(D.row("表6", "30101", "决算数"), D.row("表6", "30102", "决算数"))],
          ["基本工资", "津贴补贴"], [], "148.60 + 96.31。", "计算/变化"),
        Q("change", "年初结转和结余到年末减少了多少？", [carry_cut], ["减少"], [],
          "120.00 − 74.52 = 45.48（也等于本年支出合计 − 本年收入合计）。", "计算/变化"),
        # ---- narrative (3)
        Q("narrative", "农林水支出主要用在了哪些方面？", None,
          [D.phrase("三、", "水利工程建设"), D.phrase("三、", "防汛")], D.sec("三、"),
          "说明三：农林水支出 2225.16 万元，主要用于水利工程建设和防汛（本文件没有写变化原因的句子）。", "说明文字"),
        Q("yes_no", "农村水利是不是水利局负责的工作？", None, [D.phrase("一、", "是|负责"), D.phrase("一、", "农村水利")],
          D.sec("一、"), "是：负责……防汛抗旱和农村水利等工作。", "说明文字"),
        Q("count", "到2023年底水利局有几辆公务用车？", [cars], ["辆"], [],
          "年末公务用车保有量 4 辆（说明五、表7 注）。", "说明文字"),
        # ---- unanswerable (4)
        U("水利局2022年的办公费花了多少？", "本决算只有 2023 年度数。"),
        U("东岭区农业农村委员会2023年的决算支出是多少？", "另一个部门。"),
        U("水利工程建设是哪家施工企业承建的？", "文件没有任何企业名称。"),
        U("水利工程运行与维护的钱，每座水库分别花了多少？", "只有 2130306 一个合计数，没有按工程拆分。"),
    ]


# --------------------------------------------------------------------------- shili-linchuan-scjg-2024 (部门预算, 元; 说明 万元)


def linchuan(D: Doc) -> list[Q]:
    S3 = "四、"
    ST = "附表2-4"
    UNIT2 = "示例市临川区市场监管综合执法大队"
    jd = same(D.row(ST, "总计", "公务接待费"), D.row("附表2-3", "30217", "合计"),
              D.text(S3, r"公务接待费\s*([\d.]+)\s*万元", label="公务接待费"))
    car = same(D.row(ST, "总计", "公务用车运行费"), D.row("附表2-3", "30231", "合计"),
               D.text(S3, r"公务用车运行费\s*([\d.]+)\s*万元", label="公务用车运行费"))
    buy = same(D.row(ST, "总计", "公务用车购置费"), D.text(S3, r"公务用车购置费\s*([\d.]+)\s*万元", label="公务用车购置费"))
    assert buy.value == 0
    basic = same(D.row("附表2-3", "总计", "合计"), D.row("附表2-2", "总计", "基本支出"),
                 D.text("三、", r"基本支出\s*([\d.]+)\s*万元", label="基本支出"))
    gpb_total = same(D.row("附表2-2", "总计", "合计"), D.text("三、", r"一般公共预算支出\s*([\d.]+)\s*万元", label="一般公共预算支出"))
    gpb_project = same(D.row("附表2-2", "总计", "项目支出"), D.text("三、", r"项目支出\s*([\d.]+)\s*万元", label="项目支出"))
    food_all = D.row("附表1-3", "2013816", "合计")
    food_gpb = D.row("附表2-2", "2013816", "合计")
    food_other = D.row("附表1-2", "2013816", "其他收入")
    assert abs(food_all.value - food_gpb.value - food_other.value) < 1e-6
    units = D.text("一、", r"(\d+)\s*个单位", unit="个", label="单位个数")
    fund = D.row("附表2-5", "总计", "合计")
    assert fund.value == 0 and "无政府性基金" in D.table("附表2-5")["note"]

    return [
        # ---- everyday words (8)
        Q("lookup", "市场监管局今年招待客人吃饭（公务接待）预算了多少？", [jd], ["公务接待"], [],
          "附表2-4 总计 42,000.00 元 = 附表2-3 30217 = 说明四 4.2 万元。", "日常说法"),
        Q("lookup", "公车的油钱和修理费今年预算多少？", [car], ["公务用车"], [],
          "公务用车运行费 108,000.00 元（附表2-4 总计、附表2-3 30231、说明四 10.8 万元）。", "日常说法"),
        Q("yes_no", "今年有没有安排买新公车的钱？", [buy], ["购置"], [],
          "没有：公务用车购置费 0（附表2-4 为空，说明四写 0 万元）。", "日常说法"),
        Q("lookup", "给退休人员的退休费安排了多少？", [D.row("附表2-3", "30302", "合计")], ["退休"], [],
          "附表2-3 30302 退休费 7,000.00 元。", "日常说法"),
        Q("lookup", "单位给职工交的养老保险要多少钱？", [same(D.row("附表2-3", "30108", "合计"),
                                                       D.row("附表2-2", "2080505", "合计"))],
          ["养老保险"], [], "30108 = 2080505，812,604.16 元（职业年金 30109 另计）。", "日常说法"),
        Q("lookup", "综合执法大队的公务接待费预算是多少？", [D.row(ST, UNIT2, "公务接待费")], ["公务接待"], [],
          "附表2-4 按单位列示：执法大队 10,000.00 元（局机关 32,000.00）。", "日常说法"),
        Q("lookup", "绩效工资今年预算多少？", [D.row("附表2-3", "30107", "合计")], ["绩效工资"], [], "", "日常说法"),
        Q("lookup", "食品安全抽检监测经费这个项目预算多少？", [D.row("附表3-1", "食品安全抽检监测经费", "合计")],
          ["食品安全抽检"], [], "按原名问；附表3-1 合计 1,383,400.00 元（含其他资金 120,000.00）。", "日常说法"),
        # ---- codes (4)
        Q("multi", "2013816食品安全监管总共安排了多少？其中一般公共预算拨款多少？", [food_all, food_gpb],
          ["食品安全监管"], ["附表1-2:2013816"],
          "附表1-3 合计 1,983,400.00；附表2-2（一般公共预算）1,863,400.00。", "编码"),
        Q("code_lookup", "科目编码2013804是什么？预算多少？", [D.row("附表1-3", "2013804", "合计")], ["市场主体管理"], [],
          "市场主体管理 356,000.00 元（各表一致）。", "编码"),
        Q("code_lookup", "经济分类30228对应多少钱？", [D.row("附表2-3", "30228", "合计")], ["工会经费"], [],
          "工会经费 115,525.28 元。", "编码"),
        Q("code_lookup", "221类的预算是多少？", [D.row("附表1-3", "221", "合计")], ["住房保障"], [],
          "住房保障支出 609,453.12 元。", "编码", extra_sources=["附表1-1:四、住房保障支出"]),
        # ---- English (4)
        Q("lookup", "How much is the 2024 training budget of the market regulation bureau?",
          [D.row("附表2-3", "30216", "合计")], [], [], "30216 培训费 64,000.00 元。", "英文"),
        Q("lookup", "What is the budget for the smart market supervision platform project?",
          [D.row("附表3-1", "智慧市场监管平台建设", "合计")], [], [], "一次性项目 智慧市场监管平台建设 600,000.00 元。", "英文"),
        Q("aggregate", "How much is budgeted for government procurement in total?", [D.row("附表3-2", "总计", "合计")], [], [],
          "附表3-2 总计 1,946,000.00 元。", "英文"),
        Q("lookup", "How much is budgeted for travel expenses in 2024?", [D.row("附表2-3", "30211", "合计")], [], [],
          "30211 差旅费 98,600.00 元。", "英文"),
        # ---- amounts asked in 万元 (3)
        Q("aggregate", "一般公共预算基本支出一共多少万元？", [convert(basic, "万元")], ["基本支出"], [],
          "8,995,716.30 元 = 899.57163 万元（说明三 899.57 万元）。", "以万元计"),
        Q("lookup", "快检车检测设备的采购预算是多少万元？", [convert(D.row("附表3-2", "快检车检测设备", "合计"), "万元")],
          ["快检车"], [], "420,000.00 元 = 42 万元。", "以万元计"),
        Q("lookup", "行政运行（2013801）预算合多少万元？", [convert(D.row("附表1-3", "2013801", "合计"), "万元")],
          ["行政运行"], [], "6,842,315.28 元 = 684.231528 万元。", "以万元计"),
        # ---- arithmetic and change (4)
        Q("arithmetic", "一般公共预算支出里，项目支出占多少比例？保留两位小数。", [pct(gpb_project, gpb_total)],
          ["项目支出"], [], "2,467,900.00 / 11,463,616.30（附表2-2；说明三 246.79 / 1146.36）。", "计算/变化"),
        Q("arithmetic", "食品安全监管的合计数和一般公共预算拨款差了多少？这部分是什么钱？", [sub(food_all, food_gpb)],
          ["其他收入|其他资金"], ["附表1-2:2013816"],
          "1,983,400.00 − 1,863,400.00 = 120,000.00，即其他收入（附表1-2 其他收入列、附表3-1 其他资金）。", "计算/变化"),
        Q("aggregate", "执法记录仪和快检车检测设备两项采购加起来多少？",
          [add(D.row("附表3-2", "执法记录仪", "合计"), D.row("附表3-2", "快检车检测设备", "合计"))],
          ["执法记录仪", "快检车"], [], "96,000.00 + 420,000.00。", "计算/变化"),
        Q("arithmetic", "局机关的“三公”经费比综合执法大队多多少？",
          [sub(D.row(ST, "示例市临川区市场监督管理局机关", "合计"), D.row(ST, UNIT2, "合计"))], [], [],
          "116,000.00 − 34,000.00。", "计算/变化"),
        # ---- narrative (3)
        Q("count", "这个部门预算包括几个单位？", [units], ["执法大队"], [],
          "局机关本级和市场监管综合执法大队 2 个单位（说明一）。", "说明文字"),
        Q("yes_no", "市场主体登记注册是市场监管局负责的吗？", None,
          [D.phrase("一、", "是|负责"), D.phrase("一、", "登记注册")], D.sec("一、"),
          "是：负责……市场主体登记注册、食品药品安全监管和质量技术监督等工作。", "说明文字"),
        Q("yes_no", "今年有政府性基金预算安排的支出吗？", [fund], ["政府性基金"], [],
          "没有：附表2-5 注“本部门2024年无政府性基金预算拨款安排的支出”。本文件说明没有写原因的句子，以表注代替。",
          "说明文字"),
        # ---- unanswerable (4)
        U("市场监管局2023年的培训费预算是多少？", "本文件只有 2024 年数。"),
        U("临川区卫生健康委员会2024年的部门预算是多少？", "另一个部门。"),
        U("平台软件开发是哪家公司承接的？", "政府采购表只有采购项目和金额，没有供应商。"),
        U("综合执法大队自己的人员经费预算是多少？", "只有“三公”经费按单位列示；基本支出表只有部门合计。"),
    ]


# --------------------------------------------------------------------------- checks


def check_terms(D: Doc, questions: list[Q]) -> None:
    """Every must_mention alternative (except 是/否) occurs somewhere in the document."""
    text = D.corpus_text()
    for q in questions:
        for term in q.must:
            alts = [a for a in term.split("|") if a not in ("是", "否", "万元", "元", "减少", "增加", "持平", "没有")]  # units and direction words need not be printed
            if not alts:
                continue
            assert any(a in text for a in alts), (D.slug, q.question, term)


def check_scoring(path_text: str, name: str) -> None:
    """Load the set with the project's gold reader and score synthetic answers against it.

    A correct answer states every expected value as printed (and, for values given
    in 元, also as 万元 with two decimals when the tolerance allows) plus the
    must_mention terms; an unanswerable question is met by a refusal.
    """
    import tempfile

    from eval.gold import load_gold
    from eval.scoring import score_answer

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as fh:
        fh.write(path_text)
        tmp = Path(fh.name)
    try:
        golds = load_gold(tmp)
    finally:
        tmp.unlink()
    for g in golds:
        if not g.answerable:
            s = score_answer(g, {"id": g.id, "answer": "文件中没有这项信息。", "found": False,
                                 "figures": [], "citations": [], "latency_ms": 1})
            assert s.correct, (name, g.id, s.reasons)
            continue
        terms = "，".join(t.split("|")[0] for t in g.must_mention)
        parts = []
        for ev in g.expected or ():
            parts.append(f"{ev.value:,.2f}{ev.unit}" if ev.unit in MONEY else f"{ev.value:g}{ev.unit}")
        text = f"{terms}：" + "；".join(parts)
        s = score_answer(g, {"id": g.id, "answer": text, "found": True, "figures": [], "citations": [],
                             "latency_ms": 1})
        assert s.correct, (name, g.id, text, s.reasons)
        if g.expected and all(ev.unit == "元" for ev in g.expected) and g.tolerance >= NARRATIVE_ROUNDING_TOL:
            # the narrative's own wording (万元, two decimals) must also be accepted
            alt = f"{terms}：" + "；".join(f"{round(ev.value / 10000, 2)}万元" for ev in g.expected)
            s = score_answer(g, {"id": g.id, "answer": alt, "found": True, "figures": [], "citations": [],
                                 "latency_ms": 1})
            assert s.correct, (name, g.id, alt, s.reasons)


# --------------------------------------------------------------------------- main

SETS = [
    ("shili-nanjiang-wjw-2024", "nanjiang", nanjiang),
    ("shili-xijiang-czj-final-2023", "xijiang", xijiang),
    ("shili-dongling-slj-final-2023", "dongling", dongling),
    ("shili-linchuan-scjg-2024", "linchuan", linchuan),
]


def mix_for(slug: str) -> dict[str, int]:
    unit_bucket = "以元计" if slug == "shili-dongling-slj-final-2023" else "以万元计"
    return {"日常说法": 8, "编码": 4, "英文": 4, unit_bucket: 3, "计算/变化": 4, "说明文字": 3, "无法回答": 4}


def build(docs: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for slug, prefix, make in SETS:
        doc = Doc(docs, slug)
        questions = make(doc)
        counts: dict[str, int] = {}
        for q in questions:
            counts[q.kind] = counts.get(q.kind, 0) + 1
        assert counts == mix_for(slug), (slug, counts)
        texts = [q.question for q in questions]
        assert len(set(texts)) == len(texts), slug
        check_terms(doc, questions)
        lines = [json.dumps(render(prefix, i, q), ensure_ascii=False) for i, q in enumerate(questions, 1)]
        text = "\n".join(lines) + "\n"
        check_scoring(text, slug)
        out[f"{slug}.unseen.jsonl"] = text
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=Path, default=DEFAULT_DOCS, help="folder with the <slug>.truth.json files")
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    ap.add_argument("--check", action="store_true", help="compare with the files on disk, write nothing")
    args = ap.parse_args(argv)
    files = build(args.docs)
    if args.check:
        stale = [n for n, text in files.items()
                 if not (args.out / n).exists() or (args.out / n).read_text(encoding="utf-8") != text]
        for n in stale:
            print(f"out of date: {args.out / n}")
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (args.out / name).write_text(text, encoding="utf-8")
        print(f"wrote {args.out / name} ({text.count(chr(10))} questions)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
