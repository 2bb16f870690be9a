"""Answers from 项目绩效目标表 / 部门整体绩效目标表: indicators, target values, weights, project budgets."""

from __future__ import annotations

import logging
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from assistant import arithmetic as ar
from assistant.answer import Citation, Figure, Source
from assistant.compose import amount, figure_sentence, quote_short, where
from assistant.lookup import doc_name
from assistant.narrative import bigrams, coverage
from assistant.parts import HandlerBase, Part
from assistant.router import Intent
from assistant.vocabulary import normalize

if TYPE_CHECKING:
    from ingest.model import Document

log = logging.getLogger(__name__)


class PerformanceAnswers(HandlerBase):
    """Performance-target tables."""

    # -- performance tables ------------------------------------------------------------------
    def _perf_tables(self, p: str, doc: Document) -> list[Any]:
        n = normalize(p)
        nx = self.a.narrative
        # (a table whose project name was not read names no project)
        projects = [t for t in doc.tables if t.role == "perf_project" and len(str(t.fields.get("项目名称") or "")) >= 2]
        named = [t for t in projects if normalize(str(t.fields.get("项目名称"))) in n]
        if not named:
            named = [t for t in projects if coverage(nx, str(t.fields.get("项目名称")), p) >= 0.8]
        if named:
            return named
        if re.search(r"整体绩效|部门整体", n):
            return [t for t in doc.tables if t.role == "perf_overall"]
        perf = [t for t in doc.tables if t.role in ("perf_overall", "perf_project")]
        if re.search(r"指标|目标值|权重|绩效目标表", n):
            return perf
        if re.search(r"目标|计划|要求|控制在", n) and any(coverage(nx, r.name, p) >= 0.6 for t in perf for r in t.rows):
            return perf
        return []

    def _perf_source(self, doc: Document, value: Decimal, unit: str) -> Source | None:
        for t in doc.tables:
            if t.role in ("perf_project", "perf_overall"):
                for r in t.rows:
                    c = r.values.get("指标值")
                    if c and c.value == value and unit in str((r.values.get("计量单位") or c).text):
                        return Source(document=doc_name(doc), table=t.key, row=r.name, column="指标值",
                                      page=r.page or t.page)
        return None

    @staticmethod
    def _indicator(t: Any, r: Any, src: Any, cit: Any, lang: str) -> Part | None:
        """One indicator's target value, with its operator and unit."""
        val = r.values.get("指标值")
        if val is None or val.value is None:
            return None
        unit = str((r.values.get("计量单位") or r.values.get("计量。单位") or val).text or "")
        op = str((r.values.get("指标性质") or val).text or "")
        f = Figure(val.value, unit, r.name, src(t, r, "指标值"))
        text = f"“{r.name}”目标值 {op if op in ('≥', '≤', '>', '<') else ''}{ar.fmt(val.value)}{unit}"
        return Part(f"{text}{where(f, lang)}。", True, [f], [cit(t, r, f'{r.name} {val.text}')], "performance")

    def performance(self, p: str, doc: Document, it: Intent, tabs: list[Any], lang: str) -> Part | None:
        nx = self.a.narrative
        rows = [(t, r) for t in tabs for r in t.rows]
        core = re.sub(r"目标值?|指标|是多少|多少|的|权重|分别|整体绩效|部门整体|绩效目标表|项目|今年|当年", " ", p)
        for t in tabs:
            if t.fields.get("项目名称"):
                core = core.replace(str(t.fields["项目名称"]), " ")
        best = max(rows, key=lambda tr: coverage(nx, tr[1].name, core) + 0.3 * coverage(nx, core, tr[1].name),
                   default=None)
        def src(t: Any, r: Any, col: str) -> Source:
            return Source(document=doc_name(doc), table=t.key, row=r.name, column=col, page=r.page or t.page,
                          table_title=t.title)
        def cit(t: Any, r: Any | None, q: str | None = None) -> Citation:
            return Citation(document=doc_name(doc), table=t.key, row=r.name if r else str(t.fields.get("项目名称")),
                            page=(r.page if r else None) or t.page, quote=q)
        if it.max_weight and rows:
            t, r = max(rows, key=lambda tr: tr[1].values.get("指标权重").value or 0)
            f = Figure(r.values["指标权重"].value, "分", f"{r.name}权重", src(t, r, "指标权重"))
            return Part(f"权重最高的指标是“{r.name}”，权重 {ar.fmt(f.value)}{where(f, lang)}。", True, [f],
                        [cit(t, r)], "performance")
        if it.count and re.search(r"指标", p):
            t = tabs[0]
            f = Figure(Decimal(len(t.rows)), "个", "绩效指标个数", src(t, t.rows[0], "指标") if t.rows else None)
            names = "、".join(r.name for r in t.rows)
            return Part(f"共 {len(t.rows)} 个绩效指标：{names}{where(f, lang)}。", True, [f], [cit(t, r) for r in t.rows[:1]],
                        "count")
        if re.search(r"核心", p):
            core_rows = [(t, r) for t, r in rows if str((r.values.get("是否核心") or r.values.get("指标值")).text) == "是"]
            if core_rows:
                names = "、".join(r.name for _, r in core_rows)
                return Part(f"核心指标：{names}{where(Figure(Decimal(0), '', '', src(*core_rows[0], '是否核心')), lang)}。",
                            True, [], [cit(t, r) for t, r in core_rows] + [cit(tabs[0], None)], "performance")
        asks_money = bool(re.search(r"预算|多少钱|安排了?多少|资金多少|金额", p)) and not re.search(r"指标|目标", p)
        # "X和Y各定了多少": each indicator named, each from its own row
        pieces = [x for x in re.split(r"和|、|与|以及|及|[，,；;]", core) if len(bigrams(x)) >= 2]
        if len(pieces) >= 2 and rows and not asks_money:
            found = []
            for piece in pieces:
                t, r = max(rows, key=lambda tr: len(bigrams(tr[1].name) & bigrams(piece)))
                if len(bigrams(r.name) & bigrams(piece)) >= 2 and all(r is not x for _, x in found):
                    found.append((t, r))
            each = [self._indicator(t, r, src, cit, lang) for t, r in found]
            each = [x for x in each if x is not None]
            if len(each) >= 2:
                return Part("".join(x.text for x in each), True, [f for x in each for f in x.figures],
                            [c for x in each for c in x.citations], "performance")
        shared = len(bigrams(best[1].name) & bigrams(core)) if best is not None else 0
        if best is not None and not asks_money and (coverage(nx, best[1].name, core) >= 0.5 or shared >= 2):
            t, r = best
            val = r.values.get("指标值")
            unit = str((r.values.get("计量单位") or val).text or "")
            if val is None or val.value is None:
                return Part(f"“{r.name}”的指标值为“{val.text if val else ''}”{where(Figure(Decimal(0), '', '', src(t, r, '指标值')), lang)}。",
                            True, [], [cit(t, r)], "performance")
            op = str((r.values.get("指标性质") or val).text or "")
            f = Figure(val.value, unit, r.name, src(t, r, "指标值"))
            figs = [f]
            text = f"“{r.name}”目标值 {op if op in ('≥', '≤', '>', '<') else ''}{ar.fmt(val.value)}{unit}"
            if re.search(r"权重", p) and r.values.get("指标权重"):
                w = Figure(r.values["指标权重"].value, "分", "指标权重", src(t, r, "指标权重"))
                figs.append(w)
                text += f"，权重 {ar.fmt(w.value)}"
            name = str(t.fields.get("项目名称") or t.title)
            return Part(f"{text}（{name}）{where(f, lang)}。", True, figs, [cit(t, r, f'{r.name} {val.text}')], "performance")
        proj = [t for t in tabs if t.role == "perf_project" and t.fields.get("当年预算") is not None]
        if not proj or not re.search(r"预算|多少钱|安排|资金|金额|多少", p):
            return None

        def budget(t: Any) -> tuple[Figure, Citation]:
            name, v = t.fields.get("项目名称"), t.fields.get("当年预算")
            f = Figure(Decimal(str(v)), t.unit or "万元", f"{name}当年预算",
                       Source(document=doc_name(doc), table=t.key, row=str(name), column="当年预算",
                              page=t.page, table_title=t.title))
            return f, cit(t, None, f"项目名称 {name} 当年预算 {v}")

        if len(proj) == 1:
            f, c = budget(proj[0])
            return Part(figure_sentence(f"“{proj[0].fields.get('项目名称')}”项目当年预算", f, lang, doc.year), True,
                        [f], [c], "performance")
        # several projects named: each one's budget, and their sum when a total is asked
        pairs = [budget(t) for t in proj]
        figs, cits = [f for f, _ in pairs], [c for _, c in pairs]
        shown = "、".join(f"“{t.fields.get('项目名称')}” {amount(f)}" for t, f in zip(proj, figs))
        if it.add or re.search(r"两个|几个|这些|总共|合计|一共|加起来", p):
            tot = ar.total(figs, "项目当年预算合计")
            if lang == "en":
                text = f"Together {amount(tot)} ({tot.formula}): {shown}{where(figs, lang)}."
            else:
                text = f"合计 {amount(tot)}（{tot.formula}）：{shown}{where(figs, lang)}。"
            return Part(text, True, [tot, *figs], cits, "arithmetic")
        text = (f"Current-year budgets: {shown}{where(figs, lang)}." if lang == "en"
                else f"当年预算分别为：{shown}{where(figs, lang)}。")
        return Part(text, True, figs, cits, "performance")

    # -- targets written in a project table's 绩效目标 column -----------------------------------

    def target_text(self, p: str, doc: Document, matches: list[Any], lang: str) -> Part | None:
        """A target a project table states in words (a 绩效目标 column of prose): the named
        project's whole target ("甲项目定了什么绩效目标"), or the one indicator asked of it
        ("…完成率定为多少", with the number the prose gives it)."""
        if not re.search(r"目标", p):
            return None
        cells = [(t, r, str(c.text)) for t in doc.tables for r in t.rows
                 for k, c in r.values.items() if "绩效目标" in k and c is not None and c.text and len(str(c.text)) >= 8]
        if not cells:
            return None
        named = {id(it.row) for m in matches for it in m.items if it.row is not None}
        own = [x for x in cells if id(x[1]) in named]
        n = normalize(p)
        if not own:  # a project named by the words of its name after its unit ("设备更新项目")
            said = re.findall(r"([\u4e00-\u9fff]{4,30}?)项目", n)
            own = [x for x in cells for w in said if len(w) >= 4 and w in normalize(x[1].name)]
        asks_number = bool(re.search(r"多少|几|百分之|达到多少", p))

        def cell(t: Any, r: Any, quote: str) -> tuple[Source, Citation]:
            page = r.page or t.page
            return (Source(document=doc_name(doc), table=t.key, row=r.name, column="绩效目标", page=page),
                    Citation(document=doc_name(doc), table=t.key, row=r.name, page=page, quote=quote[:160]))

        if own and not asks_number:
            t, r, text = own[0]
            src, cit = cell(t, r, text)
            f = Figure(Decimal(0), "", "", src)
            return Part(f"{r.name}的绩效目标：{quote_short(text, 300).rstrip('。')}{where(f, lang)}。", True, [], [cit],
                        "performance", matches)
        # the indicator asked: the longest run of the question's words that a target's prose holds
        core = re.sub(r"绩效目标|目标值?|是多少|多少|是什么|定了?|要求|达到|的|[？?，,。\s]", " ", n)
        for m in matches:
            for it in m.items[:1]:
                core = core.replace(normalize(it.name), " ")
        words = [w for w in core.split() if len(w) >= 2]
        grams = {w[i:i + 2] for w in words for i in range(len(w) - 1)}
        best: tuple[int, Any, Any, str] | None = None
        for t, r, text in own or cells:  # the clause holding most of the asked words, and a number
            for clause in re.split(r"[，,；;。]", text):
                cn = normalize(clause)
                score = sum(g in cn for g in grams)
                if re.search(r"\d", cn) and (best is None or score > best[0]):
                    best = (score, t, r, clause)
        if best is None or best[0] < 4:
            return None
        _, t, r, clause = best
        cn = normalize(clause)
        after = max(cn.find(g) + 2 for g in grams if g in cn)  # the number after the last asked word
        num = re.search(r"(\d+(?:\.\d+)?)\s*(%|％|分钟|秒|个|人|家|次|天|小时)?", cn[after:])
        if num is None:
            return None
        hit = words[0] if words else "绩效目标"
        unit = "%" if num.group(2) in ("%", "％") else (num.group(2) or "")
        src, cit = cell(t, r, clause.strip())
        f = Figure(Decimal(num.group(1)), unit, hit, src)
        return Part(f"{r.name}的绩效目标写明：{clause.strip()}{where(f, lang)}。", True, [f], [cit], "performance", matches)
