"""Operations within one document that its tables answer as a whole, not row by row.

* **Ranking** (哪一类支出最多, 支出最多的前三类, 最少的款): the rows of one classification level
  (功能分类 类/款/项 by 3/5/7-digit codes, or 经济分类 类/款 by 3/5 digits) of the expenditure
  table the question names (一般公共预算, 政府性基金) or else the all-funds one, ordered by the
  table's total column. Every ranked figure cites its row.
* **Thresholds** (超过100万了吗, 不到5万吧): the item's figure (answered as any lookup) compared
  with the amount the question gives, in the figure's unit, and the verdict stated first.

The grammar read here (最多, 前N, 类/款/项, 超过/不到) is the question's; the rows are the
document's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from decimal import Decimal

from assistant.answer import Answer, Figure
from assistant.compose import amount, where
from assistant.lookup import DocTables, Item, cite, figure, strip_ordinal
from ingest.cross import total_column
from ingest.model import Document, Table

__all__ = ["Ranking", "Threshold", "count_children", "list_children", "rank_rows", "read_ranking", "read_threshold",
           "threshold_answer"]

_RANK = re.compile(r"最(?P<dir>多|大|高|少|小|低)|排名|排序|排行|前(?:\d+|[一二两三四五六七八九十])")
_LEVEL_WORD = re.compile(r"(?P<lvl>类|款|项)(?:级)?")
_COUNTED = re.compile(r"(?P<n>\d+|几|[一二两三四五六七八九十])\s*(?:个|大)?(?P<lvl>类|款|项)")
CN_DIGIT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_CLASSIFIED = re.compile(r"功能|科目|分类|类|款|用途|经济|(?:\d+|几|哪|[一二两三四五六七八九十])项")
_ECONOMIC = re.compile(r"经济分类|经济科目|用途|经济类")
_NOT_RANKED = re.compile(r"权重|分值|指标|项目(?!支出)")
_FUND_ROLES = (("政府性基金", "fund_exp"), ("国有资本", "soe_exp"), ("一般公共预算", "gpb_exp"))
_LEVEL_DIGITS = {"类": 3, "款": 5, "项": 7}
_MONEY = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}
_THRESHOLD = re.compile(
    r"(?P<cmp>超过|超出|高于|多于|大于|达到|到了|过了|不到|低于|少于|小于|不足|不超过)\s*"
    r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>亿元|万元|亿|万|元)?")
_YES_NO = re.compile(r"吗|没有|没|是否|有没有|呢|[?？]$")


@dataclass(frozen=True)
class Ranking:
    """Rows of one classification level ranked by the total column."""

    n: int
    level: str  # 类 | 款 | 项
    economic: bool
    descending: bool
    fund_role: str | None  # gpb_exp / fund_exp / soe_exp when the question names the fund


@dataclass(frozen=True)
class Threshold:
    """An amount the question compares the item with: ``above`` for 超过, else 不到."""

    value: Decimal
    unit: str | None
    above: bool
    clause: str  # the words of the comparison, removed from the item question


def read_ranking(q: str) -> Ranking | None:
    """The ranking a question asks for within one document, or None."""
    m = _RANK.search(q)
    if m is None or _NOT_RANKED.search(q) or not _CLASSIFIED.search(q):
        return None
    counted = _COUNTED.search(q)
    top = re.search(r"前(\d+|[一二两三四五六七八九十])", q)  # 前N anywhere, after 最多 too
    first = top.group(1) if top else None
    n = (int(first) if first.isdigit() else CN_DIGIT[first]) if first else None
    if n is None and counted and counted.group("n").isdigit():
        n = int(counted.group("n"))
    elif n is None and counted and counted.group("n") in CN_DIGIT:
        n = CN_DIGIT[counted.group("n")]
    which_n = re.search(r"哪(\d+|[二两三四五六七八九十])(?:个|项|家|类|款)", q)  # "哪三个…最多": the top three
    if n is None and which_n:
        n = int(which_n.group(1)) if which_n.group(1).isdigit() else CN_DIGIT[which_n.group(1)]
    if n is None:
        n = 3 if re.search(r"哪几|哪些|排名|排序|排行", q) else 1
    nth = re.search(r"第([二两三四五六七八九十]|\d+)(?:多|大|高|少|小|低|名|位)", q)  # "第三大的是哪项": the top three
    if nth:
        n = max(n, int(nth.group(1)) if nth.group(1).isdigit() else CN_DIGIT[nth.group(1)])
    level = counted.group("lvl") if counted else None
    if level is None:
        lw = re.search(r"(?P<lvl>类|款|项)级", q) or _LEVEL_WORD.search(q.replace("项目", ""))
        level = lw.group("lvl") if lw else "类"
    if level == "项" and not re.search(r"项级|(?:\d+|[一二两三四五六七八九十])项|几项|哪项|哪一项", q):
        level = "类"
    if re.search(r"细分|明细|最细|具体科目", q):
        level = "项"  # the finest rows the table prints (经济分类: 款)
    fund = next((role for word, role in _FUND_ROLES if word in q), None)
    return Ranking(n=max(1, min(n, 20)), level=level, economic=bool(_ECONOMIC.search(q)),
                   descending=m.group("dir") not in ("少", "小", "低"), fund_role=fund)


def _ranked_table(doc: Document, r: Ranking) -> Table | None:
    roles = ("gpb_basic",) if r.economic else ((r.fund_role,) if r.fund_role else ("dept_exp", "gpb_exp"))
    digits = min(_LEVEL_DIGITS[r.level], 5) if r.economic else _LEVEL_DIGITS[r.level]  # 经济分类: 类 and 款
    for role in roles:
        for t in doc.tables:
            if (t.role or "").removeprefix("f_") == role and any(
                    row.code and len(row.code) == digits for row in t.rows):
                return t
    return None


def _parent_named(doc: Document, q: str) -> tuple[Table, str, str] | None:
    """A coded row of a classification table that the question names as the whole to rank
    within (商品和服务支出里…最多的前三个): (its table, its code, its name); the basic-expenditure
    table (经济分类) first."""
    n = re.sub(r"\s", "", q)
    best: tuple[int, Table, str, str] | None = None
    for role in ("gpb_basic", "gpb_exp", "dept_exp"):
        for t in doc.tables:
            if (t.role or "").removeprefix("f_") != role:
                continue
            for row in t.rows:
                name = strip_ordinal(row.name or "")
                if row.code and len(row.code) in (3, 5) and len(name) >= 3 and name in n:
                    if best is None or len(name) > best[0]:
                        best = (len(name), t, row.code, name)
        if best is not None:
            return best[1], best[2], best[3]
    return None


def rank_rows(doc: Document, tables: DocTables, r: Ranking, lang: str = "zh", q: str = "") -> Answer | None:
    """The answer to a ranking, or None when no table of the document holds such rows. A coded
    row the question names (``q``) is the whole: its children are ranked."""
    parent = _parent_named(doc, q) if q else None
    t = parent[0] if parent else _ranked_table(doc, r)
    col = total_column(t) if t is not None else None
    if t is None or col is None:
        return None
    # "X列里哪一项最多": the rows ranked by the column the question names, not the total
    named = [c for c in t.columns if c != col and len(c) >= 4 and re.sub(r"\s", "", c) in q]
    if len(named) == 1:
        col = named[0]
    digits = _LEVEL_DIGITS[r.level] if not r.economic else min(_LEVEL_DIGITS[r.level], 5)
    if parent is not None:
        digits = len(parent[1]) + 2
    items = [it for it in tables.items if it.table is t and it.code and len(it.code) == digits
             and (parent is None or it.code.startswith(parent[1]))
             and it.values.get(col) is not None and it.values[col].value is not None]
    if not items:
        return None
    items.sort(key=lambda it: it.values[col].value, reverse=r.descending)  # type: ignore[arg-type,return-value]
    top = items[: r.n]
    figs = [figure(doc, it, col) for it in top]
    level = {3: "类", 5: "款", 7: "项"}.get(digits, r.level)
    kind = f"{parent[2]}的下级科目" if parent else ("经济分类" if r.economic else "功能分类") + level
    most = "最多" if r.descending else "最少"
    listed = "；".join(f"{i}. {strip_ordinal(it.name)}（{it.code}）{amount(f)}"
                      for i, (it, f) in enumerate(zip(top, figs), 1))
    if lang == "zh":
        text = f"按{kind}，{col}{most}的{'是' if r.n == 1 else f'{len(top)}个是'}：{listed}{where(figs, lang)}。"
    else:
        text = f"By {kind}, {'largest' if r.descending else 'smallest'} {col}: {listed}{where(figs, lang)}."
    return Answer("", text, True, figs, [cite(doc, it, col) for it in top], route="rank", language=lang)


def read_threshold(q: str) -> Threshold | None:
    """The amount a yes/no question compares an item with (超过100万了吗), or None."""
    m = _THRESHOLD.search(q)
    if m is None or not _YES_NO.search(q[m.end():] or q):
        return None
    unit = m.group("unit")
    unit = {"亿": "亿元", "万": "万元"}.get(unit or "", unit)
    return Threshold(Decimal(m.group("num")), unit, m.group("cmp") not in (
        "不到", "低于", "少于", "小于", "不足", "不超过"), m.group(0))


def threshold_answer(item_answer: Answer, t: Threshold, lang: str = "zh") -> Answer | None:
    """The item's answer with the verdict against the threshold stated first, or None when the
    answer has no money figure to compare."""
    fig: Figure | None = next((f for f in item_answer.figures if f.unit in _MONEY), None)
    if fig is None:
        return None
    unit = t.unit or fig.unit
    value = fig.value * _MONEY[fig.unit] / _MONEY.get(unit, _MONEY[fig.unit])
    above = value > t.value
    limit = f"{t.value.normalize():f}{unit}"
    if lang == "zh":
        verdict = (f"{'超过' if above else '没有超过'}{limit}" if t.above else
                   f"{'不到' if value < t.value else '没有低于'}{limit}")
        head = ("是，" if (above if t.above else value < t.value) else "否，") + verdict + "。"
    else:
        yes = above if t.above else value < t.value
        head = f"{'Yes' if yes else 'No'}: {'above' if above else 'not above'} {limit}. "
    return Answer(item_answer.question, head + item_answer.text, True, item_answer.figures,
                  item_answer.citations, route=f"threshold:{item_answer.route}", language=lang)


def _rows_under(tables: DocTables, t: Table, col: str, code: str) -> list[Item]:
    """The coded rows of ``t`` one level below ``code`` that print a figure in ``col``."""
    return [it for it in tables.items if it.table is t and it.code and len(it.code) == len(code) + 2
            and it.code.startswith(code) and it.values.get(col) is not None and it.values[col].value is not None]


_CHILD_COUNT = re.compile(r"(?:分成|分为|分了|包括|包含|下设|下分|细分|有)了?(?:几|多少)(?:个|项|类|款)(?:小项|科目|明细|子项)?|"
                          r"(?:几|多少)个?(?:小项|科目|明细|子项)|"  # a measure word: 有多少 alone asks the amount
                          r"(?:下面|下边|下头|之下|里面|下)(?:列了?|有|分了?|设了?)?(?:几|多少)个?(?:[项款类]级)?(?:科目|项|款)")


def count_children(doc: Document, tables: DocTables, q: str, lang: str = "zh") -> Answer | None:
    """"商品和服务支出分成了几个小项": the coded rows one level below the row the question names,
    counted and listed (those the table prints a figure for)."""
    if not _CHILD_COUNT.search(q):
        return None
    parent = _parent_named(doc, q)
    if parent is None:
        return None
    t, code, name = parent
    col = total_column(t)
    kids = _rows_under(tables, t, col, code) if col else []
    if not kids:
        return None
    figs = [figure(doc, it, col) for it in kids]  # type: ignore[arg-type]
    count = Figure(Decimal(len(kids)), "个", f"{name}的下级科目数", None)
    listed = "、".join(f"{strip_ordinal(it.name)}（{it.code}）" for it in kids)
    text = (f"{name}（{code}）下列了 {len(kids)} 个科目：{listed}{where(figs, lang)}。" if lang == "zh" else
            f"{name} ({code}) has {len(kids)} sub-items: {listed}{where(figs, lang)}.")
    # the count is the answer; the rows are cited, their amounts were not asked
    return Answer("", text, True, [count], [cite(doc, it, col) for it in kids], route="count",  # type: ignore[arg-type]
                  language=lang)


def list_children(doc: Document, tables: DocTables, table_key: str, code: str, name: str,
                  lang: str = "zh") -> Answer | None:
    """"…它下面有哪些款": the coded rows one level below the row ``code`` of the table
    ``table_key``, each with its amount in the table's total column; None when it prints none."""
    t = next((x for x in doc.tables if x.key == table_key), None)
    col = total_column(t) if t is not None else None
    if t is None or col is None:
        return None
    kids = _rows_under(tables, t, col, code)
    while len(kids) == 1 and _rows_under(tables, t, col, kids[0].code or ""):  # one 款 holding all of a 类: its 项
        kids = _rows_under(tables, t, col, kids[0].code or "")
    if not kids:
        return None
    figs = [figure(doc, it, col) for it in kids]
    listed = "；".join(f"{strip_ordinal(it.name)}（{it.code}）{amount(f)}" for it, f in zip(kids, figs))
    text = (f"{name}（{code}）下分 {len(kids)} 项：{listed}{where(figs, lang)}。" if lang == "zh" else
            f"{name} ({code}) has {len(kids)} sub-items: {listed}{where(figs, lang)}.")
    return Answer("", text, True, figs, [cite(doc, it, col) for it in kids], route="children", language=lang)


# how many 类 / 款 / 项 ("几个类", "几个功能分类的“类”")
_LEVEL_COUNT = re.compile(r"(?:几|多少)(?:个|种)?(?:(?:支出)?(?:功能|经济)分类(?:科目)?的?)?大?[“\"「]?(类|款|项)[”\"」]?(?!目|支出)")


def count_level_rows(doc: Document, tables: DocTables, q: str, lang: str = "zh") -> Answer | None:
    """"功能分类有几个类，是哪几类": the rows of that classification level, counted and
    named (ranked by amount, as :func:`rank_rows` lists them)."""
    levels = _LEVEL_COUNT.search(q)
    # ("花在了几个大类上": spending's classes, which the functional classification is)
    if levels is None or not re.search(r"功能|经济|分类|科目", q) and not re.search(
            r"(?:花|用|支出)[^，,。？?]{0,6}(?:几|多少)(?:个|种)?大类", q):
        return None
    level = levels.group(1)
    listed = rank_rows(doc, tables, Ranking(n=20, level=level, economic=bool(_ECONOMIC.search(q)), descending=True,
                                            fund_role=None), lang, "")
    if listed is None:
        return None
    n = len([f for f in listed.figures if f.unit in _MONEY])
    listed.figures = [Figure(Decimal(n), "个", f"{level}的个数", None)] + listed.figures
    listed.text = (f"共 {n} 个{level}。" if lang == "zh" else f"{n} in all. ") + listed.text
    return listed


_UNIT_RANK = re.compile(r"最(?P<dir>多|高|大|少|低|小)|前\s*(?:\d+|[一二两三四五六七八九十])|第[二两三四五六七八九十\d]|排名|排序|排行")
_UNITS_ASKED = re.compile(r"单位|医院|学校|中心|所属|下属|下面|哪家|哪几家|哪个单位")


def rank_units(doc: Document, tables: DocTables, q: str, lang: str = "zh") -> Answer | None:
    """"所属单位中谁的财政拨款收入最高、谁第二": the rows of the table
    that lists the department's units (one row a unit, no codes), ranked by the column the
    question names (else the table's total column); the top N, each with its figure."""
    m = _UNIT_RANK.search(q)
    if m is None or not _UNITS_ASKED.search(q):
        return None
    by_table: dict[int, list[Any]] = {}
    for it in tables.items:
        if it.unit:
            by_table.setdefault(id(it.table), []).append(it)
    n = re.sub(r"\s", "", q)
    best = None
    for its in by_table.values():
        t = its[0].table
        if len(its) < 3:
            continue
        cols = sorted((c for c in t.columns if len(c) >= 2 and c in n and c not in ("合计", "总计")), key=len, reverse=True)
        col = cols[0] if cols else total_column(t)
        if col is None:
            continue
        score = (len(cols[0]) if cols else 0, len(its))
        if best is None or score > best[0]:
            best = (score, t, col)
    if best is None:
        return None
    _, t, col = best
    rows = [it for it in tables.items if it.table is t and not it.code and not it.is_total()
            and it.values.get(col) is not None and it.values[col].value is not None]
    if len(rows) < 3:
        return None
    low = m.group("dir") in ("少", "低", "小") if m.group("dir") else False
    rows.sort(key=lambda it: it.values[col].value, reverse=not low)
    top = re.search(r"前\s*(\d+|[一二两三四五六七八九十])|第([二两三四五六七八九十]|\d+)|哪\s*(\d+|[两三四五六七八九十])\s*(?:家|个)", q)
    k = 1
    if top:
        g = top.group(1) or top.group(2) or top.group(3)
        k = int(g) if g.isdigit() else CN_DIGIT[g]
    elif re.search(r"哪几|哪些", q):
        k = 3
    picked = rows[:max(1, min(k, len(rows)))]
    figs = [figure(doc, it, col) for it in picked]  # type: ignore[arg-type]
    listed = "；".join(f"{i}. {strip_ordinal(it.name)} {amount(f)}" for i, (it, f) in enumerate(zip(picked, figs), 1))
    word = "最少" if low else "最多"
    text = (f"按{t.title or t.key}的“{col}”，{word}的{'是' if len(picked) == 1 else f'{len(picked)}家是'}：{listed}"
            f"{where(figs, lang)}。" if lang == "zh" else
            f"By “{col}” of {t.title or t.key}: {listed}{where(figs, lang)}.")
    return Answer("", text, True, figs, [cite(doc, it, col) for it in picked], route="rank",  # type: ignore[arg-type]
                  language=lang)
