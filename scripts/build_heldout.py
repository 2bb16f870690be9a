"""Build the held-out question sets in tests/data/heldout/ from the corpus truth files.

    .venv/bin/python scripts/build_heldout.py                 # write all three sets
    .venv/bin/python scripts/build_heldout.py --check         # rebuild in memory, compare with the files on disk
    .venv/bin/python scripts/build_heldout.py --corpus DIR    # truth files elsewhere (default ../shared/corpus)

Every question below names the truth it asks about: a table row and column
(``D.row("表三", "30205", "总计")``), a narrative fact of the fictional documents
(``D.fact("机关运行经费")``), a number read out of a narrative section with a
regular expression (``D.text("四、", r"公务接待费\\s*([\\d.]+)\\s*万元")``) or a field
of a performance table (``D.field("表十一", 1, "当年预算")``). The expected values,
the formulas and most sources are computed from those pointers; no figure is
typed in by hand. Where the same figure is stated in two places (a table row and
the narrative, or a fact and the section text) the script asserts that they
agree, so a wrong pointer fails the build instead of writing a wrong answer.

The sets are measurement data: they are written from the documents and the gold
format only, and must not be used to tune the answering code.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
OUT_DIR = ROOT / "tests" / "data" / "heldout"

MONEY_TOL = 0.01
PCT_TOL = 0.05
COUNT_TOL = 0

FUNCTIONAL_ROLES = ("gpb_exp", "dept_income", "dept_exp", "fund_exp")


# --------------------------------------------------------------------------- values


@dataclass
class Val:
    """A figure with the arithmetic that produced it and the places that support it."""

    value: float
    formula: str  # how the value follows from document references
    sources: list[str] = field(default_factory=list)
    compound: bool = False  # True when the value is computed, not read

    def __add__(self, other: "Val") -> "Val":
        return add(self, other)


def _merge(*parts: Val) -> list[str]:
    out: list[str] = []
    for part in parts:
        for src in part.sources:
            if src not in out:
                out.append(src)
    return out


def add(*parts: Val) -> Val:
    return Val(sum(p.value for p in parts), " + ".join(p.formula for p in parts), _merge(*parts), True)


def sub(a: Val, b: Val) -> Val:
    return Val(a.value - b.value, f"{_paren(a)} - {_paren(b)}", _merge(a, b), True)


def pct(a: Val, b: Val) -> Val:
    """a as a percentage of b."""
    return Val(a.value / b.value * 100, f"{_paren(a)} / {_paren(b)} * 100", _merge(a, b), True)


def yuan(a: Val) -> Val:
    """An amount in 万元 converted to 元."""
    return Val(a.value * 10000, f"{_paren(a)} * 10000", _merge(a), True)


def _paren(v: Val) -> str:
    return f"({v.formula})" if v.compound and (" + " in v.formula or " - " in v.formula) else v.formula


def same(*parts: Val) -> Val:
    """Several places state the same figure: assert they agree, keep every source."""
    first = parts[0]
    for other in parts[1:]:
        assert abs(first.value - other.value) < 1e-6, (first.formula, first.value, other.formula, other.value)
    return Val(first.value, first.formula, _merge(*parts), first.compound)


# --------------------------------------------------------------------------- documents


class Doc:
    """Pointers into one truth file."""

    def __init__(self, corpus: Path, slug: str) -> None:
        self.slug = slug
        self.truth = json.loads((corpus / f"{slug}.truth.json").read_text(encoding="utf-8"))
        self.facts = self.truth.get("facts") or {}
        self.sections = self.truth["narrative"]["sections"]

    # -- tables

    def table(self, table_id: str, seq: int | None = None) -> dict:
        hits = [t for t in self.truth["tables"] if t["table_id"] == table_id and (seq is None or t.get("seq") == seq)]
        assert len(hits) == 1, (self.slug, table_id, seq, len(hits))
        return hits[0]

    def _find_row(self, tb: dict, key: str, side: str | None) -> dict:
        rows = [
            r
            for r in tb["rows"]
            if (r.get("code") == key or (r.get("code") is None and r["name"] == key) or r["name"] == key)
            and (side is None or r.get("side") == side)
        ]
        assert len(rows) == 1, (self.slug, tb["table_id"], key, side, len(rows))
        return rows[0]

    def row(self, table_id: str, key: str, col: str, *, seq: int | None = None, side: str | None = None,
            also: bool = True) -> Val:
        """The value in column ``col`` of the row whose code (or name) is ``key``.

        An empty cell is a zero amount, as printed. For a functional code, every
        other table that prints the same code with the same value in the same
        column is added to the sources.
        """
        tb = self.table(table_id, seq)
        r = self._find_row(tb, key, side)
        assert col in r["values"], (self.slug, table_id, key, col, list(r["values"]))
        v = r["values"][col]
        value = 0.0 if v is None else float(v)
        tid = f"{table_id}#{seq}" if seq is not None else table_id
        src = [f"{tid}:{key}"]
        if also and r.get("code") and tb["role"] in FUNCTIONAL_ROLES:
            for other in self.truth["tables"]:
                if other is tb or other["role"] not in FUNCTIONAL_ROLES:
                    continue
                for orow in other["rows"]:
                    if orow.get("code") == key and col in orow["values"]:
                        ov = orow["values"][col]
                        if (0.0 if ov is None else float(ov)) == value:
                            src.append(f"{other['table_id']}:{key}")
        return Val(value, f"{tid}:{key}.{col}", src)

    def cell(self, table_id: str, col: str) -> Val:
        """A one-row table (三公 in one row): the column is the item, as in the gold sources."""
        tb = self.table(table_id)
        assert len(tb["rows"]) == 1, (self.slug, table_id)
        v = tb["rows"][0]["values"][col]
        return Val(0.0 if v is None else float(v), f"{table_id}:{col}", [f"{table_id}:{col}"])

    def field(self, table_id: str, seq: int, name: str) -> Val:
        tb = self.table(table_id, seq)
        v = float(tb["fields"][name])
        project = tb["fields"]["项目名称"]
        return Val(v, f"{table_id}#{seq}:{project}.{name}", [f"{table_id}#{seq}:{project}"])

    def ind(self, table_id: str, seq: int, name: str, col: str = "指标值") -> Val:
        """An indicator row of a performance table."""
        tb = self.table(table_id, seq)
        r = self._find_row(tb, name, None)
        return Val(float(r["values"][col]), f"{table_id}#{seq}:{name}.{col}",
                   [f"{table_id}#{seq}:{name}", f"{table_id}#{seq}:{tb['fields']['项目名称']}"])

    # -- narrative

    def heading(self, prefix: str) -> str:
        hits = [s["heading"] for s in self.sections if s["heading"].startswith(prefix)]
        assert len(hits) == 1, (self.slug, prefix, hits)
        return hits[0]

    def section_text(self, prefix: str) -> str:
        return next(s["text"] for s in self.sections if s["heading"] == self.heading(prefix))

    def subheading(self, prefix: str, sub: str) -> str:
        """The exact sub-heading (with its own brackets and spacing) inside a section."""
        text = self.section_text(prefix)
        m = re.search(r"^([(（][一二三四五六七八九十]+[)）]\s*" + re.escape(sub) + r")", text, re.M)
        if m is None:  # sub-heading run into a sentence, e.g. "（一）机关运行经费。2024 年…"
            m = re.search(r"([(（][一二三四五六七八九十]+[)）]\s*" + re.escape(sub) + r")", text)
        assert m, (self.slug, prefix, sub)
        return m.group(1)

    def sec(self, prefix: str, sub: str | None = None) -> list[str]:
        out = [f"说明:{self.heading(prefix)}"]
        if sub:
            out.append(f"说明:{self.subheading(prefix, sub)}")
        return out

    def text(self, prefix: str, pattern: str, group: int = 1, *, sub: str | None = None, label: str = "") -> Val:
        """A number read out of a narrative section by a regular expression."""
        text = self.section_text(prefix)
        ms = list(re.finditer(pattern, text))
        assert len(ms) == 1, (self.slug, prefix, pattern, len(ms))
        value = float(ms[0].group(group))
        name = label or ms[0].group(0)
        return Val(value, f"说明:{self.heading(prefix)}[{name}]", self.sec(prefix, sub))

    def fact(self, key: str, *, sub: str | None = None) -> Val:
        f = self.facts[key]
        value = float(f["value"])
        return Val(value, f"说明:{f['section']}[{key}]", self.sec(f["section"], sub))

    def phrase(self, prefix: str, words: str) -> str:
        """Assert that a must_mention term is really in the section text, and return it."""
        for w in words.split("|"):
            if w in ("是", "否"):
                continue
            assert w in self.section_text(prefix), (self.slug, prefix, w)
        return words

    def fact_text(self, key: str, words: str) -> str:
        for w in words.split("|"):
            assert w in self.facts[key]["text"], (self.slug, key, w)
        return words


# --------------------------------------------------------------------------- questions


@dataclass
class Q:
    qtype: str
    question: str
    values: list[tuple[Val, str]] | None  # (value, unit); None: answer in words or unanswerable
    must: list[str]
    sources: list[str]
    notes: str
    kind: str  # the mix bucket: 日常说法, 编码/原名, 英文, 以元计, 计算/变化, 说明文字, 无法回答
    extra_sources: list[str] = field(default_factory=list)


def V(v: Val, unit: str = "万元") -> list[tuple[Val, str]]:
    return [(v, unit)]


def Vs(*pairs: tuple[Val, str]) -> list[tuple[Val, str]]:
    return list(pairs)


def U(question: str, notes: str) -> Q:
    return Q("unanswerable", question, None, [], [], notes, "无法回答")


def _round(value: float, unit: str) -> float | int:
    if unit in ("名", "个", "辆", "所", "件", "人"):
        assert abs(value - round(value)) < 1e-9, value
        return int(round(value))
    r = round(value + 0.0, 2)
    return int(r) if r == int(r) else r


def _tolerance(units: list[str]) -> float:
    if all(u in ("万元", "元") for u in units):
        return MONEY_TOL
    if all(u == "%" for u in units):
        return PCT_TOL
    if all(u in ("名", "个", "辆", "所", "件") for u in units):
        return COUNT_TOL
    raise ValueError(f"mixed units {units}")


def render(prefix: str, n: int, q: Q) -> dict:
    sources: list[str] = []
    formula = None
    expected = None
    if q.values:
        units = [u for _, u in q.values]
        expected = {
            "values": [{"value": _round(v.value, u), "unit": u} for v, u in q.values],
            "tolerance": _tolerance(units),
        }
        formulas = [v.formula for v, _ in q.values]
        if any(v.compound for v, _ in q.values):
            formula = "; ".join(formulas)
        for v, _ in q.values:
            for s in v.sources:
                if s not in sources:
                    sources.append(s)
    for s in q.sources + q.extra_sources:
        if s not in sources:
            sources.append(s)
    if q.qtype == "unanswerable":
        assert not q.values and not sources
    notes = f"[{q.kind}] {q.notes}".strip()
    return {
        "id": f"ho-{prefix}-{n:03d}",
        "question": q.question,
        "type": q.qtype,
        "answerable": q.qtype != "unanswerable",
        "expected": expected,
        "must_mention": q.must,
        "sources": sources,
        "formula": formula,
        "notes": notes,
    }


# --------------------------------------------------------------------------- nanan-jxw-2024 (real)


def nanan(D: Doc) -> list[Q]:
    S3 = "四、“三公”经费情况说明"
    OTHER = "五、其他重要事项的情况说明"
    # narrative figures (the real document has no `facts`: read them from the text)
    jd_text = D.text(S3, r"公务接待费\s*([\d.]+)\s*万元", label="公务接待费")
    car_text = D.text(S3, r"公务用车运行维护费\s*([\d.]+)\s*万元", label="公务用车运行维护费")
    car_cut = D.text(S3, r"公务用车运行维护费\s*[\d.]+\s*万元，比\s*2023\s*年减少\s*([\d.]+)\s*万元",
                     label="公务用车运行维护费比2023年减少")
    sg_cut = D.text(S3, r"“三公”经费预算\s*[\d.]+\s*万元，比\s*2023\s*年减少\s*([\d.]+)\s*万元",
                    label="“三公”经费比2023年减少")
    run = D.text(OTHER, r"运行经费\s*([\d.]+)\s*万元", sub="机关运行经费", label="机关运行经费")
    run_up = D.text(OTHER, r"运行经费\s*[\d.]+\s*万元，比\s*2023\s*年增加\s*([\d.]+)\s*万元",
                    sub="机关运行经费", label="机关运行经费比2023年增加")
    staff = lambda pat, lab: D.text("一、", pat, sub="单位构成", label=lab)  # noqa: E731
    admin = staff(r"行政编制(\d+)名", "行政编制")
    admin_real = staff(r"行政编制\d+名\(实有(\d+)名\)", "行政编制实有")
    worker_real = staff(r"工勤编制\d+名\(实有(\d+)名\)", "工勤编制实有")
    inst_real = staff(r"事业编制\s*\d+\s*名\(实有\s*(\d+)\s*名\)", "事业编制实有")

    jd = same(D.cell("表四", "公务接待费"), jd_text)
    car = same(D.cell("表四", "公务用车运行费"), D.row("表三", "30231", "总计"), car_text)
    hpf = same(D.row("表二", "2210201", "总计"), D.row("表三", "30113", "总计"))
    total = same(D.row("表二", "合计", "总计"), D.row("表八", "合计", "总计"), D.row("表六", "合计", "预算数", side="支出"))

    return [
        # ---- everyday words (8)
        Q("lookup", "单位今年请客吃饭、接待来访的钱预算了多少？", V(jd), ["公务接待"], [],
          "公务接待费 4 万元（表四；说明写“公务接待费 4 万元”）。", "日常说法"),
        Q("lookup", "公车一年的油费、修理费这些预算多少？", V(car), ["公务用车"], [],
          "公务用车运行维护费：表四“公务用车运行费”，表三 30231，说明“三公”一节均为 6 万元。", "日常说法"),
        Q("aggregate", "给离退休老同志的钱今年一共安排了多少？",
          V(add(D.row("表二", "2080501", "总计"), D.row("表二", "2080502", "总计"))), ["退休"], [],
          "行政单位离退休 + 事业单位离退休；与表三 30305 生活补助（139.18）相等。",
          "日常说法", extra_sources=["表三:30305"]),
        Q("lookup", "单位给职工交的住房公积金是多少？", V(hpf), ["住房公积金"], [],
          "表二/表七/表八 2210201 与表三 30113 都是 50.22。", "日常说法"),
        Q("aggregate", "水电费一共多少？", V(add(D.row("表三", "30205", "总计"), D.row("表三", "30206", "总计"))),
          ["水费", "电费"], [], "表三 水费 2.00 + 电费 0.20。", "日常说法"),
        Q("lookup", "打电话、上网、寄信这类邮电开销安排了多少？", V(D.row("表三", "30207", "总计")), ["邮电费"], [],
          "", "日常说法"),
        Q("lookup", "单位给职工交的基本医疗保险（医保）是多少？", V(D.row("表三", "30110", "总计")),
          ["医疗保险"], [], "表三 30110 职工基本医疗保险缴费；也等于表二 2101101 行政单位医疗 32.82 + 2101102 事业单位医疗 9.68。",
          "日常说法"),
        Q("lookup", "今年给员工发奖金准备了多少钱？", V(D.row("表三", "30103", "总计")), ["奖金"], [],
          "表三 30103 奖金（不含绩效工资 30107）。", "日常说法"),
        # ---- codes and exact names (6)
        Q("code_lookup", "科目编码2080506对应的金额是多少？", V(D.row("表二", "2080506", "总计")), ["职业年金"], [],
          "机关事业单位职业年金缴费支出。", "编码/原名"),
        Q("code_lookup", "表三里面“福利费”那一行是多少？", V(D.row("表三", "30229", "总计")), ["福利费"], [],
          "", "编码/原名"),
        Q("code_lookup", "经济分类科目30112是什么支出？安排了多少？", V(D.row("表三", "30112", "总计")),
          ["其他社会保障缴费"], [], "", "编码/原名"),
        Q("code_lookup", "款级科目21508的预算合计是多少？", V(D.row("表二", "21508", "总计")), ["中小企业"], [],
          "支持中小企业发展和管理支出，全部为项目支出（2150805 中小企业发展专项）。", "编码/原名"),
        Q("code_lookup", "表八里“事业单位离退休”这一行的基本支出是多少？", V(D.row("表八", "2080502", "基本支出")),
          ["事业单位离退休"], [], "", "编码/原名"),
        Q("code_lookup", "表三中编码30307那一行填的是多少？", V(D.row("表三", "30307", "总计")), ["医疗费补助"], [],
          "", "编码/原名"),
        # ---- English (6)
        Q("lookup", "How much has the commission budgeted for official receptions (hospitality) in 2024?", V(jd), [], D.sec(S3),
          "公务接待费 4 万元 = 40,000 yuan.", "英文"),
        Q("arithmetic", "What percentage of the department's 2024 budget goes to project expenditure?",
          V(pct(D.row("表二", "合计", "项目支出"), D.row("表二", "合计", "总计")), "%"), [], D.sec("三、"),
          "项目支出 4646 / 总计 5615.72。", "英文"),
        Q("count", "How many administrative staff positions does the commission itself have?", V(admin, "名"), [], [],
          "行政编制 20 名（实有 20 名）；不含工勤编制和中小企业服务中心的事业编制。", "英文"),
        Q("aggregate", "What is the total 2024 budget of the Nan'an District Economy and Information Technology Commission?",
          V(total), [], D.sec("二、", "收入预算") + D.sec("二、", "支出预算"), "收入、支出预算均为 5615.72 万元。", "英文"),
        Q("lookup", "How much is budgeted for staff basic salaries in 2024?", V(D.row("表三", "30101", "总计")), [], [],
          "表三 30101 基本工资。", "英文"),
        Q("change", "By how much did the budget for the \"three public expenses\" fall compared with 2023?", V(sg_cut), [], [],
          "“三公”经费 10 万元，比 2023 年减少 2 万元。English answers: must_mention left empty.", "英文",
          extra_sources=["表四:合计"]),
        # ---- amounts asked in 元 (5)
        Q("lookup", "公务接待费是多少元？", V(yuan(jd), "元"), ["公务接待"], [], "4 万元 = 40000 元。", "以元计"),
        Q("lookup", "培训费预算是多少元？", V(yuan(D.row("表三", "30216", "总计")), "元"), ["培训费"], [],
          "2.06 万元 = 20600 元。", "以元计"),
        Q("lookup", "电费一年预算多少块钱？", V(yuan(D.row("表三", "30206", "总计")), "元"), ["电费"], [],
          "0.20 万元 = 2000 元。", "以元计"),
        Q("lookup", "办公费折合多少元？", V(yuan(D.row("表三", "30201", "总计")), "元"), ["办公费"], [],
          "29.10 万元 = 291000 元。", "以元计"),
        Q("aggregate", "基本支出里的人员经费总共是多少元？", V(yuan(D.row("表三", "合计", "人员经费")), "元"), ["人员经费"], [],
          "表三合计行人员经费 833.90 万元（明细相加为 833.91，按表内合计）。", "以元计"),
        # ---- arithmetic and change (5)
        Q("arithmetic", "资源勘探工业信息等支出里，基本支出比项目支出少多少？",
          V(sub(D.row("表二", "215", "项目支出"), D.row("表二", "215", "基本支出"))), ["基本支出"], [],
          "表二 215：项目支出 4520 − 基本支出 633.98。", "计算/变化"),
        Q("arithmetic", "住房公积金占人员经费的比例是多少？",
          V(pct(D.row("表三", "30113", "总计"), D.row("表三", "合计", "人员经费")), "%"), ["住房公积金"], [],
          "50.22 / 833.90。", "计算/变化"),
        Q("arithmetic", "照说明的说法，2023年公车运行维护费的预算是多少？", V(add(car_text, car_cut)), ["2023"], [],
          "2024 年 6 万元，比 2023 年减少 2 万元，故 2023 年为 8 万元。", "计算/变化"),
        Q("arithmetic", "基本养老保险缴费和职业年金缴费两项加起来多少？",
          V(add(D.row("表三", "30108", "总计"), D.row("表三", "30109", "总计"))), ["养老保险", "职业年金"], [],
          "表三 30108 + 30109；与表二 2080505 + 2080506 相同。", "计算/变化",
          extra_sources=["表二:2080505", "表二:2080506"]),
        Q("change", "机关运行经费比上年涨了百分之几？", V(pct(run_up, sub(run, run_up)), "%"), ["增加"], [],
          "增加 5.3 万元，2023 年为 102.44 − 5.3 = 97.14 万元，5.3 / 97.14。", "计算/变化"),
        # ---- narrative (4)
        Q("reason", "听说办公设备越来越旧，这让哪项经费比上年多了？多了多少？", V(run_up),
          [D.phrase(OTHER, "运行经费"), D.phrase(OTHER, "增加")], [],
          "机关运行经费增加 5.3 万元，原因为人员增加及办公设备日益老化。", "说明文字"),
        Q("yes_no", "规模以上工业企业的安全生产指导归不归经信委管？", None,
          [D.phrase("一、", "是|负责"), D.phrase("一、", "安全生产")], D.sec("一、", "职能职责"),
          "职能职责第 11 条：指导辖区内规模以上工业企业安全生产及工业控制系统信息安全建设。", "说明文字"),
        Q("narrative", "名词解释里“项目支出”是指什么？", None,
          [D.phrase("六、", "基本支出之外"), D.phrase("六、", "特定行政任务")], D.sec("六、", "项目支出"),
          "指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。", "说明文字"),
        Q("count", "经信委机关加上中小企业服务中心，实际在编的一共有多少人？",
          V(add(admin_real, worker_real, inst_real), "名"), ["编制"], [],
          "行政编制实有 20 + 工勤编制实有 1 + 事业编制实有 12；退休人员不算。", "说明文字"),
        # ---- unanswerable (6)
        U("2023年经信委的工会经费预算是多少？", "表三只有 2024 年数；说明只给 2023 年的总额和三公、运行经费变化，没有明细科目的上年数。"),
        U("南岸区商务委员会2024年的“三公”经费预算是多少？", "另一个部门，本文件不涉及。"),
        U("经信委分管财务的副主任叫什么名字？", "文件只给出预算公开联系人，没有领导姓名。"),
        U("经信委2023年度决算的“三公”经费实际支出是多少？", "本文件是 2024 年部门预算，没有决算数。"),
        U("中小企业服务中心自己的日常公用经费是多少？", "表三只有部门合计，没有按单位拆分。"),
        U("市级中小微企业发展专项资金具体补助了哪些企业？", "表十一只给出补助企业数目标，没有企业名单。"),
    ]


# --------------------------------------------------------------------------- shili-donghu-jiaowei-2024


def donghu(D: Doc) -> list[Q]:
    S3 = "四、“三公”经费情况说明"
    OTHER = "五、其他重要事项的情况说明"
    jd = same(D.row("表四", "2.公务接待费", "2024年预算数"), D.row("表三", "30217", "总计"), D.fact("公务接待费"))
    car = same(D.row("表四", "（2）公务用车运行维护费", "2024年预算数"), D.row("表三", "30231", "总计"),
               D.fact("公务用车运行维护费"))
    hpf = same(D.row("表二", "2210201", "总计"), D.row("表三", "30113", "总计"))
    run = same(D.fact("机关运行经费", sub="机关运行经费"),
               D.text(OTHER, r"运行经费\s*([\d.]+)\s*万元", sub="机关运行经费", label="机关运行经费"))
    run_up = D.text(OTHER, r"运行经费\s*[\d.]+\s*万元，比\s*2023\s*年增加\s*([\d.]+)\s*万元",
                    sub="机关运行经费", label="机关运行经费比2023年增加")
    run_prev = sub(run, run_up)
    assert abs(run_prev.value - D.fact("机关运行经费上年").value) < 1e-6
    fund_up = same(D.fact("政府性基金比上年增减"),
                   D.text("三、", r"政府性基金预算拨款支出\s*[\d.]+\s*万元，比\s*2023\s*年增加\s*([\d.]+)\s*万元",
                          label="政府性基金比2023年增加"))
    retired_parts = [
        D.text("一、", r"行政编制\d+名\(实有\d+名\)，退休人员(\d+)名", sub="单位构成", label="教委机关退休人员"),
        D.text("一、", r"事业编制\s*40\s*名\(实有\s*\d+\s*名\)，退休人员\s*(\d+)\s*名", sub="单位构成",
               label="教师进修学院退休人员"),
        D.text("一、", r"事业编制\s*8\s*名\(实有\s*\d+\s*名\)，退休人员\s*(\d+)\s*名", sub="单位构成",
               label="学生资助管理中心退休人员"),
    ]
    retired = add(*retired_parts)
    assert retired.value == D.fact("退休人员").value
    total_exp = D.row("表八", "合计", "总计")
    assert total_exp.value == D.fact("支出预算合计").value

    return [
        # ---- everyday words (8)
        Q("lookup", "教委招待来访客人的费用今年预算多少？", V(jd), ["公务接待"], D.sec(S3),
          "公务接待费 3.2 万元（表四、表三 30217、说明一致）。", "日常说法"),
        Q("lookup", "公车的油钱和修车钱一年安排了多少？", V(car), ["公务用车"], D.sec(S3),
          "公务用车运行维护费 9.6 万元。", "日常说法"),
        Q("aggregate", "发给离退休人员的钱一共安排了多少？",
          V(add(D.row("表二", "2080501", "总计"), D.row("表二", "2080502", "总计"))), ["退休"], [],
          "行政单位离退休 + 事业单位离退休；与表三 30302 退休费 49.5 + 30305 生活补助 217.56 相等。",
          "日常说法", extra_sources=["表三:30302", "表三:30305"]),
        Q("lookup", "给职工交的公积金今年是多少？", V(hpf), ["住房公积金"], [], "", "日常说法"),
        Q("aggregate", "水电费一共多少？", V(add(D.row("表三", "30205", "总计"), D.row("表三", "30206", "总计"))),
          ["水费", "电费"], [], "表三 水费 2.59 + 电费 7.01。", "日常说法"),
        Q("lookup", "出差的路费住宿费（差旅）预算了多少？", V(D.row("表三", "30211", "总计")), ["差旅费"], [],
          "", "日常说法"),
        Q("lookup", "单位开会的钱安排了多少？", V(D.row("表三", "30215", "总计")), ["会议费"], [], "", "日常说法"),
        Q("lookup", "办公楼和设备修修补补的钱有多少？", V(D.row("表三", "30213", "总计")), ["维修"], [],
          "表三 30213 维修（护）费。", "日常说法"),
        # ---- codes and exact names (6)
        Q("code_lookup", "科目编码2050204对应的金额是多少？", V(D.row("表二", "2050204", "总计")), ["高中教育"], [],
          "", "编码/原名"),
        Q("code_lookup", "表三里面“印刷费”那一行是多少？", V(D.row("表三", "30202", "总计")), ["印刷费"], [],
          "", "编码/原名"),
        Q("code_lookup", "2050904是哪个科目？今年安排了多少？", V(D.row("表二", "2050904", "总计")), ["教学设施"], [],
          "城市中小学教学设施（教育费附加安排的支出）。", "编码/原名"),
        Q("code_lookup", "表二中2050199那一行，基本支出和项目支出各是多少？",
          Vs((D.row("表二", "2050199", "基本支出"), "万元"), (D.row("表二", "2050199", "项目支出"), "万元")),
          ["其他教育管理事务"], [], "", "编码/原名"),
        Q("code_lookup", "经济分类30111对应的是什么？金额多少？", V(D.row("表三", "30111", "总计")), ["公务员医疗补助"], [],
          "", "编码/原名"),
        Q("code_lookup", "政府性基金预算支出表里2296004那一行的金额是多少？", V(D.row("表五", "2296004", "总计")),
          ["彩票公益金"], [], "用于教育事业的彩票公益金。", "编码/原名"),
        # ---- English (6)
        Q("lookup", "How much is budgeted for official trips abroad in 2024?",
          V(same(D.row("表四", "1.因公出国（境）费", "2024年预算数"), D.fact("因公出国（境）费"))), [], [],
          "因公出国（境）费 0 万元; an answer must state 0 (an English \"none\" is not a recognised negation).", "英文"),
        Q("arithmetic", "Counting all funding sources, what share of the department's total 2024 expenditure budget is project spending?",
          V(pct(D.row("表八", "合计", "项目支出"), total_exp), "%"), [], [],
          "表八 项目支出 10701.5（一般公共预算 10441.5 + 政府性基金 260）/ 12249.5。", "英文"),
        Q("count", "How many administrative staff positions does the education commission itself have?",
          V(D.fact("行政编制", sub="单位构成"), "名"), [], [], "行政编制 35 名（实有 33 名）。", "英文"),
        Q("lookup", "How much is budgeted for preschool education in 2024?", V(D.row("表二", "2050201", "总计")), [], [],
          "", "英文", extra_sources=["表十一#1:学前教育普惠性资助"]),
        Q("lookup", "What was the 2023 budget for the \"three public expenses\"?",
          V(same(D.row("表四", "合计", "2023年预算数"), D.fact("三公经费上年预算"))), [], [], "", "英文"),
        Q("count", "How many vehicles did the department's units have at the end of 2023?",
          V(D.fact("车辆总数", sub="国有资产占有使用情况"), "辆"), [], [], "共有车辆 3 辆（一般公务用车 3 辆）。", "英文"),
        # ---- amounts asked in 元 (5)
        Q("lookup", "公务接待费是多少元？", V(yuan(jd), "元"), ["公务接待"], [], "3.2 万元 = 32000 元。", "以元计"),
        Q("lookup", "邮电费折合多少元？", V(yuan(D.row("表三", "30207", "总计")), "元"), ["邮电费"], [],
          "4.65 万元 = 46500 元。", "以元计"),
        Q("lookup", "小学教育今年的预算是多少元？", V(yuan(D.row("表二", "2050202", "总计")), "元"), ["小学教育"], [],
          "3260 万元 = 32600000 元。", "以元计"),
        Q("lookup", "电费预算多少块钱？", V(yuan(D.row("表三", "30206", "总计")), "元"), ["电费"], [],
          "7.01 万元 = 70100 元。", "以元计"),
        Q("lookup", "机关运行经费是多少元？", V(yuan(run), "元"), ["运行经费"], [], "69.74 万元 = 697400 元。", "以元计"),
        # ---- arithmetic and change (5)
        Q("change", "初中教育和2023年的预算比，多了还是少了？差多少？",
          V(sub(D.row("表二", "2050203", "2023年预算数"), D.row("表二", "2050203", "总计"))), ["减少"], [],
          "表二 2050203：2023 年 2236，2024 年 2140，减少 96。", "计算/变化"),
        Q("arithmetic", "城市中小学教学设施这个科目比上年下降了百分之几？",
          V(pct(sub(D.row("表二", "2050904", "2023年预算数"), D.row("表二", "2050904", "总计")),
                D.row("表二", "2050904", "2023年预算数")), "%"), ["减少"], [],
          "(1650 − 1200) / 1650。", "计算/变化"),
        Q("arithmetic", "按说明推算，2023年的机关运行经费是多少？", V(run_prev), ["运行经费"], [],
          "69.74 − 3.18 = 66.56（说明写“比 2023 年增加 3.18 万元”）。", "计算/变化"),
        Q("arithmetic", "公车运行维护费占“三公”经费的比例是多少？",
          V(pct(car, D.row("表四", "合计", "2024年预算数")), "%"), ["公务用车"], [], "9.6 / 12.8。", "计算/变化"),
        Q("aggregate", "学前教育普惠性资助和中小学教学设施更新两个项目的预算合计多少？",
          V(add(D.field("表十一", 1, "当年预算"), D.field("表十一", 2, "当年预算"))),
          ["学前教育", "教学设施"], [], "表十一两个项目当年预算 1850 + 1200；与表二 2050201、2050904 相同。", "计算/变化",
          extra_sources=["表二:2050201", "表二:2050904"]),
        # ---- narrative (4)
        Q("reason", "政府性基金的钱今年为什么比去年多了？", V(fund_up),
          [D.fact_text("原因:政府性基金变化", "彩票公益金"), D.fact_text("原因:政府性基金变化", "范围扩大")], [],
          "比 2023 年增加 45 万元，主要原因是彩票公益金助学补助对象范围扩大。", "说明文字"),
        Q("yes_no", "全区的教育督导评估是不是教委负责的？", None,
          [D.phrase("一、", "是|负责"), D.phrase("一、", "督导")], D.sec("一、", "职能职责"),
          "职能职责第 6 条：负责全区教育督导评估工作。", "说明文字"),
        Q("narrative", "名词解释中“机关运行经费”是怎么定义的？", None,
          [D.phrase("六、", "行政单位"), D.phrase("六、", "货物和服务")], D.sec("六、", "机关运行经费"),
          "指为保障行政单位（含参公事业单位）运行用于购买货物和服务的各项资金。", "说明文字"),
        Q("count", "教委和下属两个单位的退休人员加起来一共多少人？", V(retired, "名"), ["退休"], [],
          "教委机关 58 + 教师进修学院 21 + 学生资助管理中心 3。", "说明文字"),
        # ---- unanswerable (6)
        U("2023年教委的办公费预算是多少？", "表三（经济分类）没有 2023 年数；表二的 2023 年列只有功能分类科目。"),
        U("东湖区卫生健康委员会2024年的部门预算是多少？", "另一个部门。"),
        U("教师进修学院的院长是谁？", "文件没有给出任何领导姓名，只有预算公开联系人。"),
        U("教委2023年度决算的教育支出是多少？", "本文件是 2024 年部门预算，没有决算数。"),
        U("学生资助管理中心单独的人员经费是多少？", "基本支出预算表只有部门合计，不按单位拆分。"),
        U("学前教育普惠性资助具体补助了哪些幼儿园？", "表十一只有补助幼儿园数量目标（60 所），没有名单。"),
    ]


# --------------------------------------------------------------------------- shili-beicheng-sifaju-2024


def beicheng(D: Doc) -> list[Q]:
    S3 = "二、“三公”经费情况说明"
    OTHER = "五、其他重要事项的情况说明"
    jd = same(D.cell("表3", "公务接待费"), D.row("表2-2", "30217", "总计"), D.fact("公务接待费"))
    buy = same(D.cell("表3", "公务用车购置费"), D.fact("公务用车购置费"))
    car = same(D.cell("表3", "公务用车运行费"), D.row("表2-2", "30231", "总计"), D.fact("公务用车运行维护费"))
    sg = same(D.cell("表3", "合计"), D.fact("三公经费预算"))
    sg_up = D.text(S3, r"“三公”经费预算\s*[\d.]+\s*万元，比\s*2023\s*年增加\s*([\d.]+)\s*万元",
                   label="“三公”经费比2023年增加")
    sg_prev = sub(sg, sg_up)
    assert abs(sg_prev.value - D.fact("三公经费上年预算").value) < 1e-6
    run_cut = D.text(OTHER, r"运行经费\s*[\d.]+\s*万元，比\s*2023\s*年减少\s*([\d.]+)\s*万元",
                     sub="机关运行经费", label="机关运行经费比2023年减少")
    assert abs(run_cut.value - (D.fact("机关运行经费上年").value - D.fact("机关运行经费").value)) < 1e-6
    jd_cut = D.text(S3, r"公务接待费\s*[\d.]+\s*万元，比\s*2023\s*年减少\s*([\d.]+)\s*万元",
                    label="公务接待费比2023年减少")
    assert abs(jd_cut.value - (D.fact("公务接待费上年").value - D.fact("公务接待费").value)) < 1e-6
    total_exp = same(D.row("表1-2", "合计", "总计"), D.row("表2-1", "合计", "总计"), D.fact("支出预算合计"))
    jails = D.ind("表6-1", 2, "司法所数量")
    assert re.search(rf"全区\s*{int(jails.value)}\s*个基层司法所", D.table("表6-1", 2)["fields"]["项目概况"])

    return [
        # ---- everyday words (8)
        Q("lookup", "司法局请客吃饭（接待）的钱今年预算多少？", V(jd), ["公务接待"], D.sec(S3),
          "公务接待费 2.5 万元（表3、表2-2 30217、说明一致）。", "日常说法"),
        Q("lookup", "今年买公车要花多少钱？", V(buy), ["购置"], D.sec(S3),
          "公务用车购置费 25 万元（更新 1 辆执法执勤用车）；表5 政府采购“执法执勤用车”也是 25 万元。", "日常说法",
          extra_sources=["表5:执法执勤用车"]),
        Q("lookup", "公车的油费修理费一年预算多少？", V(car), ["公务用车"], D.sec(S3),
          "公务用车运行维护费 12 万元，与上年持平。", "日常说法"),
        Q("aggregate", "给离退休人员的钱今年一共多少？",
          V(add(D.row("表2-1", "2080501", "总计"), D.row("表2-1", "2080502", "总计"))), ["退休"], [],
          "行政单位离退休 + 事业单位离退休；与表2-2 30302 退休费 20.57 + 30305 生活补助 93.61 相等。",
          "日常说法", extra_sources=["表2-2:30302", "表2-2:30305"]),
        Q("aggregate", "水电费一共多少？", V(add(D.row("表2-2", "30205", "总计"), D.row("表2-2", "30206", "总计"))),
          ["水费", "电费"], [], "表2-2 水费 1.86 + 电费 4.11。", "日常说法"),
        Q("lookup", "单位给职工交的医保是多少？", V(D.row("表2-2", "30110", "总计")), ["医疗保险"], [],
          "表2-2 30110 职工基本医疗保险缴费（另有 30111 公务员医疗补助缴费 5.38，不算在内）。", "日常说法"),
        Q("lookup", "出差花的钱（差旅）预算多少？", V(D.row("表2-2", "30211", "总计")), ["差旅费"], [], "", "日常说法"),
        Q("lookup", "办公楼物业费预算了多少？", V(D.row("表2-2", "30209", "总计")), ["物业"], [],
          "表2-2 30209 物业管理费。", "日常说法"),
        # ---- codes and exact names (6)
        Q("code_lookup", "科目编码2040604对应的金额是多少？", V(D.row("表1-2", "2040604", "总计")), ["基层司法业务"], [],
          "", "编码/原名"),
        Q("code_lookup", "表2-2里面“福利费”那一行是多少？", V(D.row("表2-2", "30229", "总计")), ["福利费"], [],
          "", "编码/原名"),
        Q("code_lookup", "2040601行政运行有多少？算基本支出还是项目支出？", V(D.row("表2-1", "2040601", "基本支出")),
          ["基本支出"], [], "全部为基本支出 457.66。", "编码/原名"),
        Q("code_lookup", "经济分类30213是什么？安排了多少？", V(D.row("表2-2", "30213", "总计")), ["维修"], [],
          "维修（护）费。", "编码/原名"),
        Q("code_lookup", "部门支出总表中2101103这一行是多少？", V(D.row("表1-2", "2101103", "总计")), ["公务员医疗补助"], [],
          "", "编码/原名"),
        Q("code_lookup", "政府采购表里“普法宣传品印制”那一行多少钱？属于哪类采购？", V(D.row("表5", "普法宣传品印制", "总计")),
          ["货物"], [], "8 万元，采购类别为货物。", "编码/原名"),
        # ---- English (6)
        Q("lookup", "How much will the justice bureau spend on office equipment purchases in 2024?",
          V(D.row("表2-2", "31002", "总计")), [], [], "表2-2 31002 办公设备购置。", "英文"),
        Q("arithmetic", "What share of the bureau's total 2024 spending goes to public security?",
          V(pct(D.row("表1-2", "204", "总计"), total_exp), "%"), [], [], "公共安全支出 1226.77 / 1569.2。", "英文"),
        Q("count", "How many staff does the Public Legal Service Centre actually have?",
          V(D.fact("事业编制实有", sub="单位构成"), "名"), [], [], "事业编制 12 名（实有 11 名）。", "英文"),
        Q("aggregate", "What is the bureau's total expenditure budget for 2024?", V(total_exp), [],
          D.sec("三、", "支出预算"), "", "英文"),
        Q("lookup", "How much is budgeted for legal publicity and education (law popularisation) work?",
          V(D.row("表1-2", "2040605", "总计")), [], [], "2040605 普法宣传。", "英文"),
        Q("count", "How many grassroots judicial offices does the bureau keep running?", V(jails, "个"), [], [],
          "表6-1 基层司法所运行及人民调解：司法所数量 12 个（项目概况“全区 12 个基层司法所”）。", "英文"),
        # ---- amounts asked in 元 (5)
        Q("lookup", "公务接待费是多少元？", V(yuan(jd), "元"), ["公务接待"], [], "2.5 万元 = 25000 元。", "以元计"),
        Q("lookup", "公务用车购置费折合多少元？", V(yuan(buy), "元"), ["购置"], [], "25 万元 = 250000 元。", "以元计"),
        Q("lookup", "社区矫正今年预算多少元？", V(yuan(D.row("表1-2", "2040610", "总计")), "元"), ["社区矫正"], [],
          "88 万元 = 880000 元。", "以元计"),
        Q("lookup", "会议费安排了多少块钱？", V(yuan(D.row("表2-2", "30215", "总计")), "元"), ["会议费"], [],
          "1.72 万元 = 17200 元。", "以元计"),
        Q("lookup", "政府采购里法律援助服务的预算是多少元？", V(yuan(D.row("表5", "法律援助服务", "总计")), "元"),
          ["法律援助"], [], "60 万元 = 600000 元。", "以元计"),
        # ---- arithmetic and change (5)
        Q("arithmetic", "公共安全支出里项目支出比基本支出多多少？",
          V(sub(D.row("表1-2", "204", "项目支出"), D.row("表1-2", "204", "基本支出"))), ["项目支出"], [],
          "625.5 − 601.27。", "计算/变化"),
        Q("arithmetic", "买车的钱占“三公”经费的百分之几？", V(pct(buy, sg), "%"), ["购置"], [], "25 / 39.5。", "计算/变化"),
        Q("arithmetic", "照说明推算，2023年的“三公”经费预算是多少？", V(sg_prev), ["2023"], [],
          "39.5 − 24.5（说明“比 2023 年增加 24.5 万元”）。", "计算/变化"),
        Q("change", "机关运行经费跟上年比是涨了还是降了？变动多少？", V(run_cut), ["减少"], [],
          "86.84 万元，比 2023 年减少 2.06 万元。", "计算/变化"),
        Q("aggregate", "基层司法业务和社区矫正两个科目加起来多少？",
          V(add(D.row("表1-2", "2040604", "总计"), D.row("表1-2", "2040610", "总计"))), ["基层司法", "社区矫正"], [],
          "156 + 88。", "计算/变化"),
        # ---- narrative (4)
        Q("reason", "接待费为什么比去年少了？", V(jd_cut), [D.fact_text("原因:公务接待费变化", "接待规模")], [],
          "比 2023 年减少 0.5 万元，主要原因是严格控制公务接待规模。", "说明文字"),
        Q("yes_no", "行政复议和行政应诉是司法局的职责吗？", None,
          [D.phrase("一、", "是|负责"), D.phrase("一、", "行政复议")], D.sec("一、", "职能职责"),
          "职能职责第 3 条：负责行政复议、行政应诉工作。", "说明文字"),
        Q("narrative", "因公出国（境）费都包括哪些开支？", None,
          [D.phrase("六、", "国际旅费"), D.phrase("六、", "住宿费")], D.sec("六、", "“三公”经费"),
          "名词解释：国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等。", "说明文字"),
        Q("count", "局里现有的执勤执法用车有几辆？", V(D.fact("执勤执法用车", sub="国有资产占有使用情况"), "辆"),
          ["执勤执法"], [], "截止 2023 年 12 月共有车辆 4 辆，其中执勤执法用车 3 辆（不含 2024 年拟购的 1 辆）。", "说明文字"),
        # ---- unanswerable (6)
        U("司法局2023年的差旅费预算是多少？", "表2-2 只有 2024 年数，说明没有差旅费的上年数。"),
        U("北城区公安分局2024年的部门预算是多少？", "另一个部门。"),
        U("北城区司法局局长是谁？", "文件只给出预算公开联系人，没有领导姓名。"),
        U("司法局2023年度决算中公共安全支出实际是多少？", "本文件是 2024 年部门预算，没有决算数。"),
        U("公共法律服务中心自己的公务接待费是多少？", "三公经费和基本支出表只有部门合计，不按单位拆分。"),
        U("今年法律援助的受援人都是哪些人？", "表6-1 只有案件数和满意度目标，没有受援人情况。"),
    ]


# --------------------------------------------------------------------------- main

SETS = [
    ("nanan-jxw-2024", "nanan", nanan),
    ("shili-donghu-jiaowei-2024", "donghu", donghu),
    ("shili-beicheng-sifaju-2024", "beicheng", beicheng),
]

MIX = {"日常说法": 8, "编码/原名": 6, "英文": 6, "以元计": 5, "计算/变化": 5, "说明文字": 4, "无法回答": 6}


def build(corpus: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for slug, prefix, make in SETS:
        doc = Doc(corpus, slug)
        questions = make(doc)
        counts: dict[str, int] = {}
        for q in questions:
            counts[q.kind] = counts.get(q.kind, 0) + 1
        assert counts == MIX, (slug, counts)
        texts = [q.question for q in questions]
        assert len(set(texts)) == len(texts), slug
        lines = [json.dumps(render(prefix, i, q), ensure_ascii=False) for i, q in enumerate(questions, 1)]
        out[f"{slug}.heldout.jsonl"] = "\n".join(lines) + "\n"
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    ap.add_argument("--check", action="store_true", help="compare with the files on disk, write nothing")
    args = ap.parse_args(argv)
    files = build(args.corpus)
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
