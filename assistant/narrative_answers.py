"""Answers from the narrative: quotes, counts, yes/no, definitions, contacts and reasons."""

from __future__ import annotations

import logging
import re
from difflib import SequenceMatcher
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from assistant import arithmetic as ar
from assistant.answer import Citation, Figure, Source
from assistant.compose import amount, quote_short, where
from assistant.lookup import current_column, doc_name, figure, find_matches, is_final, strip_ordinal, unit_lists
from assistant.narrative import (
    HEAD_NUMBER, MONEY_UNITS, OwnChange, asked_direction, bigrams, budget_actual, count_list, coverage, numbered_items, own_change, pick_figures,
    reason_segments)
from assistant.parts import HandlerBase, Part
from assistant.router import Intent
from assistant.table_answers import drop_fund_qualifier
from assistant.vocabulary import normalize

if TYPE_CHECKING:
    from ingest.model import Document

log = logging.getLogger(__name__)

_NARRATIVE_SYNONYMS = {"买": "购置", "购买": "购置", "现有": "共有", "现在": "共有", "目前": "共有", "一共": "共有",
                       "公车": "公务用车 车辆", "实际": "实有", "人数": "编制", "内设": "科室", "部门": "科室",
                       "花在": "用于", "用在": "用于", "干什么": "用于", "干啥": "用于", "负责": "职责"}
# which units a budget covers, and the sentence stating it ("2017年部门预算包括…", "纳入2022年部门预算
#编制范围的单位有…", "决算包括：…本级决算、下属…")
_WHICH_UNITS = re.compile(r"(?:哪些|哪几|什么|几个|几家)(?:个|家)?(?:单位|部门|机构)|(?:单位|机构)(?:有|是)?(?:哪些|哪几)")
_COVERS = re.compile(r"包括|包含|算进|算在|纳入|涵盖|范围|构成|组成|含了")
_SCOPE_SENTENCE = re.compile(r"(?:预算|决算)(?:编制)?(?:范围)?(?:的单位)?(?:包括|包含|涵盖|由)|"
                             r"纳入.{0,12}(?:预算|决算).{0,6}范围的单位(?:有|包括)")
# what a body does: its 职能职责 section
_DUTIES = re.compile(r"干什么|做什么|干啥|负责什么|负责哪些|管什么|管哪些|管啥|职能|职责|主要任务|(?:挂|加挂)(?:了|的|着)?(?:哪些|什么|几块|几个)?牌子")
_INCLUDES = re.compile(r"^(.{2,}?)(?:是否|是不是|有没有)?(?:包不包括|包括|包含|含有|含不含|含|涵盖|算上|计入)(.{2,}?)(?:吗|么|没有|不|呢)?$")
_BELONGS = re.compile(r"^(.{2,}?)(?:算不算|属不属于|是否属于|属于|算是|(?<![预决核计推打])算(?!术|法))(.{2,}?)(?:吗|么|不|呢)?$")
# everyday words for what the 名词解释 lists inside an item
_ITEM_WORDS = {"油费": "燃料费", "加油": "燃料费", "汽油": "燃料费", "修车": "维修费", "保养": "维修费", "过路费": "过路过桥费",
               "停车费": "过路过桥费", "车险": "保险费", "机票": "国际旅费", "吃饭": "伙食费", "饭钱": "伙食费",
               "住宿": "住宿费", "酒店": "住宿费", "外宾": "外宾接待", "购置税": "车辆购置税", "买车": "公务用车购置"}
def strip_paren(text: str) -> str:
    """``因公出国（境）费`` → ``因公出国境费``: brackets dropped so that both printings match."""
    return re.sub(r"[（()）]", "", text)


_CONTINUES = re.compile(r"^\s*(负责|主要|包括|承担|同时|并|另外|具体|用于|以及|还)")
# 多少个 is said of anything counted (多少个编制 → 名), so 个 accepts every count unit
_COUNT_UNITS = {"个": {"个", "名", "人", "辆", "家", "条", "项", "所", "件", "户"}, "名": {"名", "人"}, "辆": {"辆"}, "条": {"条"}, "人次": {"人次"}, "家": {"家"},
                "项": {"项", "个"}, "所": {"所"}, "件": {"件"}, "户": {"户"}, "批": {"批", "批次"}, "批次": {"批次", "批"},
                "分": {"分"}}


def _own_lead(own: OwnChange, p: str) -> str:
    """The item's own change as a reason's lead ("X比上年减少 N 万元"), with the
    direction the question took for granted corrected."""
    change = f"比上年{own.direction} {amount(own.figure)}" if own.figure else "与上年持平"
    premise = asked_direction(p)
    return f"{own.name}{change}" + (f"（不是{premise}）" if premise and premise != own.direction else "")


def _shared_run(a: str, b: str) -> int:
    """Length of the longest run of Chinese characters ``a`` and ``b`` share."""
    a, b = normalize(a), normalize(b)
    m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return len(re.sub(r"[^\u4e00-\u9fff]", "", a[m.a:m.a + m.size]))


class NarrativeAnswers(HandlerBase):
    """Answers whose figure or words stand in a sentence of the narrative."""

    # -- narrative answers ------------------------------------------------------------------
    def _extra(self, p: str, doc: Document) -> list[Any]:
        """Passages the hybrid (dense + keyword) search finds for the part; one search per part."""
        if self.a.search is None:
            return []
        memo: dict[tuple[str, str], list[Any]] = self.__dict__.setdefault("_extra_memo", {})
        key = (p, doc.doc_id)
        found = memo.get(key)  # one lookup: another thread may clear the memo at any moment
        if found is not None:
            return found
        try:
            found = self.a.search.search(p, 5, [doc.doc_id])
        except Exception:  # the hybrid store is optional here; keyword ranking still answers
            log.warning("narrative search failed", exc_info=True)
            return []  # not remembered: the next question searches again
        if len(memo) > 512:
            memo.clear()
        memo[key] = found
        return found

    def _expand(self, p: str, concepts: bool = True) -> str:
        extra = [v for k, v in _NARRATIVE_SYNONYMS.items() if k in p]
        if concepts:
            hits = self.vocab.find_concepts(p)
            extra += [h.concept.names[0] for h in hits if h.concept.names and h.concept.kind != "total"]
        return p + " " + " ".join(extra)

    def _nfig(self, pick: Any, label: str | None = None) -> tuple[Figure, Citation]:
        f = pick.fig
        fig = f.figure(label or (f.label or f.segment.subject or "数"))
        return fig, f.segment.unit.citation(quote_short(f.segment.text, 120))

    def narrative(self, p: str, doc: Document, it: Intent, lang: str, whole: str) -> Part | None:
        nx = self.a.narrative
        ids = [doc.doc_id]
        if _DUTIES.search(p) and not re.search(r"多少|几|钱|经费|预算|支出|是不是|是否|吗|\d", p) and self._about_itself(p, doc):
            # "X局主要管什么": the section on its duties (its own name would find 单位构成 instead)
            r = self._duties(doc, lang)
            if r is not None:
                return r
        q = self._expand(p)
        extra = self._extra(p, doc)
        if it.who or it.phone:
            key = "联系方式|电话" if it.phone else "联系人"
            for sc, seg in nx.rank_segments(q + " " + key.replace("|", " "), ids, extra, k=6):
                if re.search(key, seg.text):
                    return Part(seg.text.strip("。") + where([Figure(Decimal(0), "", "", seg.unit.source())], lang) + "。",
                                True, [], [seg.unit.citation(seg.text)], "narrative")
        if it.full:
            picks = pick_figures(nx, q + " 编制", doc_ids=ids, units={"名", "人"}, exclude=list(it.excluded), n=6)
            quota = next((x for x in picks if not x.fig.actual), None)
            if quota:
                seg = quota.fig.segment
                act = next((g for g in seg.figs if g.actual and g.start > quota.fig.start), None)
                if act:
                    f1, c1 = self._nfig(quota, quota.fig.label)
                    f2 = act.figure("实有")
                    full = act.value >= quota.fig.value
                    verdict = ("已满员" if full else f"未满员（空缺 {ar.fmt(quota.fig.value - act.value)} 名）")
                    return Part(f"{quota.fig.label} {amount(f1)}，实有 {amount(f2)}，{verdict}{where(f1, lang)}。",
                                True, [f1, f2], [c1], "narrative")
        if it.which_year:
            for sc, seg in nx.rank_segments(q, ids, extra, k=5):
                m = re.search(r"(19|20)\d\d\s*年(起|开始|以来)?", seg.text)
                if m:
                    y = Decimal(m.group(0)[:4])
                    fig = Figure(y, "年", "年份", seg.unit.source())
                    return Part(f"{m.group(0)}：{quote_short(seg.text, 120)}{where(fig, lang)}", True, [fig],
                                [seg.unit.citation(seg.text)], "narrative")
        if it.count:
            r = self._count(p, q, doc, it, lang, extra)
            if r:
                return r
        if it.definition:
            # the entry that defines the term asked (its head names it), not the nearest other one
            quoted = re.search(r"[“\"]([^”\"]{2,20})[”\"]", p)
            term = quoted.group(1) if quoted else re.sub(
                r"^.*(?:里|中|上)(?:说)?(?:的|[，,])|^(?:请问)?(?:什么是|什么叫|何为|何谓)|(?:具体)?(?:是指|指的是|指|是)(?:什么|啥)(?:意思|钱|经费)?.*$|"
                r"(?:是)?(?:怎么|怎样|如何)(?:定义|解释|界定|说)的?.*$|"
                r"什么意思.*$|的?含义.*$|的?定义.*$|[？?。，,\s]|20\d\d\s*年度?|今年|的$", "",
                self._strip_department(p, doc))  # type: ignore[attr-defined]
            for sc, seg in nx.rank_segments(q, ids, extra, k=8):
                # an entry under 名词解释, or a sentence written as one ("（八）X：指…") where the
                # section's heading was not read as such
                if any("名词解释" in h or "名词" in h for h in seg.unit.path) or re.match(
                        r"^[（(]?[一二三四五六七八九十\d]*[)）、.．]?\s*[^：:，,。]{2,24}[：:]\s*(?:是)?指", seg.text):
                    head = re.split(r"[：:]", seg.text, maxsplit=1)[0] if re.search(r"[：:]", seg.text[:40]) else seg.text[:30]
                    if len(term) >= 2 and normalize(term) not in normalize(head) and coverage(nx, term, head) < 0.6:
                        continue
                    return self._quote(seg, lang, seg.unit.text)
        if it.yes_no:
            return self._yes_no(p, q, doc, lang, extra)
        if re.search(r"多少|几", p) and not it.listing:
            picks = pick_figures(nx, q, doc_ids=ids, units=MONEY_UNITS, exclude=list(it.excluded), extra=extra)
            # the best figure whose own words name what is asked (the whole's figure, said in the
            # same sentence as its parts, is not the part asked)
            pick = next((pk for pk in picks[:5] if pk.score > 6 and self._names_asked(p, pk)), None)
            if pick is not None:
                f, c = self._nfig(pick)
                seg = pick.fig.segment
                want = "万元" if it.in_wan and f.unit == "元" else "元" if it.in_yuan and f.unit != "元" else None
                if want:  # "折合多少万元": the stated amount converted, beside the quote
                    g = ar.convert(f, want)
                    return Part(f"{quote_short(seg.text, 110)}折合 {amount(g)}（{g.formula}）{where(f, lang)}", True,
                                [g, f], [c], "narrative")
                return Part(f"{quote_short(seg.text, 110)}{where(f, lang)}", True, [f], [c], "narrative")
            return None
        ranked = nx.rank_segments(q, ids, extra, list(it.excluded), k=5)
        if it.listing:
            ranked = sorted(ranked, key=lambda x: -(x[0] + (6 if re.search(r"用于|包括|负责|有：|职责是|[：:].+、", x[1].text) else 0)))
        if ranked and ranked[0][0] > 6:
            best = ranked[0][1]
            return self._quote(best, lang, self._continued(best) if it.listing else None)
        return self._section_answer(p, doc, lang)

    def _names_sub_unit(self, p: str, doc: Document) -> bool:
        from assistant.handlers import _names_unit

        n = normalize(p)
        return any(_names_unit(n, normalize(u)) for u in getattr(self, "sub_units", lambda d: [])(doc))

    def _names_asked(self, p: str, pick: Any) -> bool:
        """True when the words right around the picked number name what the question asks: a
        figure whose own clause shares little with the question ("人民调解员补贴" against
        "法律援助案件补贴标准提高增加安排 24 万元") is not its answer."""
        nx = self.a.narrative
        core = re.sub(r"多少钱?|几|是|有|的|了|吗|呢|今年|预算|安排|经费|资金|钱|一共|共|总共|折合|换算成?|"
                      r"[万亿千]?元|20\d\d年?|[？?，,。]", " ", p)
        for key in self.vocab.departments_named(p):
            for w in self.vocab.department_words(key):
                core = core.replace(w, " ")
        if not bigrams(core):
            return True
        f = pick.fig
        near = f.label + " " + f.segment.subject + " " + f.segment.unit.heading
        extra = " ".join(h.concept.names[0] for h in self.vocab.find_concepts(p) if h.concept.names)
        return max(coverage(nx, core, near), coverage(nx, core + " " + extra, near + " " + extra) * 0.9) >= 0.5

    @staticmethod
    def _about_itself(p: str, doc: Document) -> bool:
        """True when what the question asks the duties of is the document's body itself (its
        names, a pointer, or nothing), not a unit inside it or a classification row."""
        from assistant.understand.scope import doc_forms

        head = p[:_DUTIES.search(p).start()]  # type: ignore[union-attr]
        for f in sorted(doc_forms(doc), key=len, reverse=True):
            head = head.replace(f, "") if len(f) >= 2 else head
        # the kind of body it is, said for itself ("这个街道办", "这个局")
        issuer = doc.issuer or ""
        kinds = [k for k in ("街道办事处", "委员会", "办公室", "街道", "局", "委", "院", "办") if issuer.endswith(k)]
        kinds += ["街道办"] if issuer.endswith("街道办事处") else []
        for k in sorted(kinds, key=len, reverse=True):
            head = re.sub(rf"(?:这个|那个|该|本)?{k}", "", head)
        head = re.sub(r"[\u4e00-\u9fff]{1,6}?[省市区县](?=[\u4e00-\u9fff]|$)|主要|具体|平时|日常|这个|那个|本|该|他们|它们|她们|他|它|部门|单位|"
                      r"机关|的|是|都|要|还|在|[？?，,。\s]", "", head)
        return len(head) <= 1

    def _duties(self, doc: Document, lang: str) -> Part | None:
        """The body's duties: the section headed 职能/职责 (主要职责, 职能职责), else the passage a
        short line naming them opens (上海市普陀区商务委员会主要职能 …) when the page put no heading."""
        units = [u for u in self.a.narrative.units if u.doc is doc and not u.table]
        duty = re.compile(r"职能|职责")
        start = next((k for k, u in enumerate(units)
                      if duty.search(HEAD_NUMBER.sub("", u.heading))
                      and len(u.heading) <= 14), None)
        if start is not None:
            heading = units[start].heading
            chosen = [u for u in units if u.heading == heading]
        else:
            start = next((k for k, u in enumerate(units) if len(u.text) <= 30 and duty.search(u.text)
                          and not re.search(r"\d", u.text)), None)
            if start is None:
                return None
            chosen = units[start + 1:start + 4]
        if not chosen:
            return None
        numbered = [u for u in chosen if re.match(r"^\d+\s*[.、．]", u.text)]
        body = quote_short("".join(dict.fromkeys(u.text for u in chosen[:4])), 240)
        head = f"共 {len(numbered)} 条：" if len(numbered) >= 2 else ""
        src = Figure(Decimal(0), "", "", chosen[0].source())
        return Part(f"{head}{body.rstrip('。')}{where(src, lang)}。", True, [], [chosen[0].citation(body)], "narrative")

    def _section_answer(self, p: str, doc: Document, lang: str) -> Part | None:
        """The opening of the section whose heading the question names ("职责有哪些" → (一) 职能职责)."""
        nx = self.a.narrative
        core = re.sub(r"哪些|什么|多少|主要|情况|是|有|的|吗|呢|[？?，,。]", " ", p)
        if _DUTIES.search(p):
            core += " 职能职责"
        if not bigrams(core):
            return None
        best: tuple[float, str] | None = None
        for u in nx.units:
            if u.doc is not doc or u.table:
                continue
            h = HEAD_NUMBER.sub("", u.heading)
            cov = coverage(nx, core, h)
            if cov >= 0.5 and (best is None or cov > best[0]):
                best = (cov, u.heading)
        if best is None:
            return None
        units = [u for u in nx.units if u.doc is doc and not u.table and u.heading == best[1]]
        term = re.sub(r"(?:的)?(?:情况|说明|简介|概况)+$", "", HEAD_NUMBER.sub("", best[1]))
        if re.search(r"多少|几", p) and (any(re.search(r"^.{0,16}?[：:]\s*(?:指|是指)", u.text) for u in units)
                                       or not any(term in u.text for u in units[:3])):
            # an amount asked: a term's definition, or text that never names the heading's term
            # (what the page ran on below a heading), is no answer
            return None
        numbered = [u for u in units if re.match(r"^\d+\s*[.、．]", u.text)]
        body = quote_short("".join(u.text for u in units[:3]), 200)
        head = f"共 {len(numbered)} 条：" if len(numbered) >= 2 else ""
        u = units[0]
        src = Figure(Decimal(0), "", "", u.source())
        return Part(f"{head}{body.rstrip('。')}{where(src, lang)}。", True, [], [u.citation(body)], "narrative")

    @staticmethod
    def _continued(seg: Any, limit: int = 220) -> str:
        """The sentence with the sentences after it that go on about the same subject
        ("…主要职责是为中小企业发展提供服务。负责中小企业发展政策宣传、…等工作。")."""
        segs = seg.unit.segments
        i = next((k for k, s in enumerate(segs) if s is seg), None)
        text = seg.text
        if i is None:
            return text
        for nxt in segs[i + 1:]:
            if not _CONTINUES.match(nxt.text) or len(text) + len(nxt.text) > limit:
                break
            text += nxt.text
        return text

    def _quote(self, seg: Any, lang: str, text: str | None = None) -> Part:
        body = quote_short(text or seg.text, 200 if text is None or len(text) <= 220 else 200)
        figs = [f.figure(f.label or seg.subject) for f in seg.figs if body.find(f"{f.value}") >= 0 and f.change != "持平"][:5]
        src = Figure(Decimal(0), "", "", seg.unit.source())
        return Part(f"{body.rstrip('。')}{where(src, lang)}。", True, figs, [seg.unit.citation(body)], "narrative")

    def _count(self, p: str, q: str, doc: Document, it: Intent, lang: str, extra: list[Any]) -> Part | None:
        nx = self.a.narrative
        if it.count == "条" and re.search(r"职责|职能", p):
            items = numbered_items(nx, doc, "职")
            if items:
                u = items[0]
                fig = Figure(Decimal(len(items)), "条", "职能职责条数", u.source())
                return Part(f"职能职责共列了 {len(items)} 条（第1条：{quote_short(u.text, 40)}）{where(fig, lang)}。",
                            True, [fig], [u.citation(u.text)], "count")
        listed = self._unit_list_table(doc) if (
            it.count in ("个", "家", None) and re.search(r"单位", p) and not re.search(r"下属|所属|下设|直属|事业|行政|科室", p)
            and re.search(r"包括|包含|算进|纳入|构成|组成|涵盖|汇总|合并|范围|一共|总共|共有", p)) else None
        if listed is not None:
            # how many units the document covers: the printed list of them
            t, names = listed
            fig = Figure(Decimal(len(names)), it.count or "个", "单位数",
                         Source(document=doc_name(doc), table=t.key, page=t.page, table_title=t.title))
            return Part(f"共 {len(names)} {it.count or '个'}：{'、'.join(names)}{where(fig, lang)}。", True, [fig],
                        [Citation(document=doc_name(doc), table=t.key, page=t.page)], "count")
        units = _COUNT_UNITS.get(it.count or "", {it.count or ""})
        q = self._expand(p, concepts=False)
        buying = bool(re.search(r"购置|买|新增|计划|安排|更新|添置", p))
        if it.count == "辆" and not buying:
            q += " 车辆 公务用车 共有车辆"  # "几辆车": the vehicles the department holds, however named
        picks = pick_figures(nx, q, doc_ids=[doc.doc_id], units=units, actual=True if it.wants_actual else None,
                             exclude=list(it.excluded), extra=extra, n=8)
        both = bool(re.search(r"加上|连同|以及|和|与|及", p))  # "机关加上服务中心": every unit named
        if it.add and it.wants_actual and (both or not self._names_sub_unit(p, doc)):
            # "实际在编的一共有多少人": every unit's 实有 figure, added up
            acts = [(seg, f) for seg in nx.segments if seg.unit.doc is doc for f in seg.figs
                    if f.actual and f.unit in ("名", "人")]
            if len(acts) >= 2:
                parts = [(f.figure("实有"), seg.unit.citation(seg.text)) for seg, f in acts]
                tot = ar.total([f for f, _ in parts], "实有人数合计")
                shown = "、".join(f"{re.sub(r'[（(].*$', '', prev.label if (prev := next((g for g in reversed(seg.figs) if g.end <= f.start and not g.actual), None)) else '编制')}实有 {amount(fig)}"
                                 for (seg, f), (fig, _) in zip(acts, parts))
                return Part(f"实有人数合计 {amount(tot)}（{tot.formula}）：{shown}{where(tot, lang)}。", True,
                            [tot] + [f for f, _ in parts], list(dict.fromkeys(c for _, c in parts)), "arithmetic")
        if it.add and picks and not it.wants_actual:
            key = re.sub(r"^(其中|共有|本部门)", "", picks[0].fig.label)[-4:]
            same = [x for x in picks if not x.fig.actual and key and key in x.fig.label]
            if "编制" in p:
                same = [x for x in picks if not x.fig.actual and "编制" in x.fig.label]
            seen, uniq = set(), []
            for x in same:
                if id(x.fig) not in seen:
                    seen.add(id(x.fig))
                    uniq.append(x)
            # a count of one kind of project beside counts of others (自评 / 跟踪评价 / 编报目标): the figures whose
            # own words (what sets their labels apart) the question names, not all of them added
            asked = bigrams(normalize(p))
            labels = [x.fig.label for x in uniq]
            tail = 0  # the ending every label shares ("…的2024年度项目", "…编制")
            while tail < min(map(len, labels), default=0) and len({lb[len(lb) - tail - 1] for lb in labels}) == 1:
                tail += 1
            named = [len(bigrams(lb[:len(lb) - tail]) & asked) for lb in labels]
            if len(uniq) >= 2 and max(named) > 0 and named.count(max(named)) < len(uniq):
                uniq = [x for x, k in zip(uniq, named) if k == max(named)]
                picks = uniq + [x for x in picks if x not in uniq]
            if len(uniq) >= 2:
                parts = [self._nfig(x) for x in uniq]
                tot = ar.total([f for f, _ in parts], key)
                shown = "、".join(f"{f.label} {amount(f)}" for f, _ in parts)
                return Part(f"合计 {amount(tot)}（{tot.formula}）：{shown}{where(tot, lang)}。", True,
                            [tot] + [f for f, _ in parts], [c for _, c in parts], "arithmetic")
        if not it.wants_actual:
            picks = [x for x in picks if not x.fig.actual] or picks
        if not re.search(r"购置|买|新增|计划|安排", p):  # holdings, not purchases, unless purchases are asked
            picks = [x for x in picks if "购置" not in x.fig.segment.text] or picks
        list_seg = None
        if re.search(r"单位", p) and not re.search(r"科室", p) and it.count in ("个", "家", None):
            for sc, seg in nx.rank_segments(q + " 单位有", [doc.doc_id], extra, k=5):
                # the sentence that lists the units ("纳入…的单位有：A、B"), not any list naming 单位
                if count_list(seg.text) and re.search(r"单位(?:有|包括|为|是)?[：:]|单位(?:有|包括)", seg.text):
                    list_seg = seg
                    break
        if list_seg is not None:
            items = count_list(list_seg.text)
            if re.search(r"下属|所属|下设|直属|下面|下辖", p) and doc.issuer:
                # the department itself is listed first; its subordinate units are the rest
                items = [x for x in items if normalize(doc.issuer) not in normalize(x)] or items
            fig = Figure(Decimal(len(items)), it.count or "个", "个数", list_seg.unit.source())
            return Part(f"共 {len(items)} {it.count or '个'}：{'、'.join(items)}{where(fig, lang)}。", True, [fig],
                        [list_seg.unit.citation(list_seg.text)], "count")
        part = re.search(r"其中([\u4e00-\u9fff]{2,10}?)(?:有|是|为)?(?:几|多少)", p)
        if part and picks:  # "…？其中X几家": the number the part's own words name
            own = [x for x in picks if x.fig.label and x.fig.label.endswith(part.group(1))]
            picks = own + [x for x in picks if x not in own]
        if picks and picks[0].score > (0 if it.count in ("辆", "条", "所", "家") else 3):
            seg = picks[0].fig.segment
            # "共有车辆70辆，其中业务用车17辆…": the total the sentence states first, not a part of it
            total = next((x for x in seg.figs if x.unit in units and re.search(r"共有|共计|合计|总数|总计", x.label)
                          and not x.change), None)
            if total is not None and not re.search(r"其中|分别", p) and not buying:
                picks = [next((x for x in picks if x.fig is total), None) or FigPick(total, picks[0].score)] + picks
            f, c = self._nfig(picks[0])
            figs = [f]
            k = seg.text.find(picks[0].fig.label or "\0")
            with_itself = re.search(r"本部(?:以及|及|和|、)(?:其)?下属\s*(\d+)\s*[家个]", seg.text[max(k, 0):])
            if (with_itself and Decimal(with_itself.group(1)) == f.value and it.count in ("家", "个")
                    and not re.search(r"下属|所属|下设|直属|下面|下辖", p)):
                # "包括本部以及下属5家预算单位": the units the budget covers are the 5 and the
                # department's own office
                whole_n = ar.total([f, Figure(Decimal(1), f.unit, "本部", f.source)], "单位数（本部＋下属）")
                return Part(f"共 {amount(whole_n)}（{whole_n.formula}：本部1{f.unit}，下属{amount(f)}）。原文："
                            f"{quote_short(seg.text, 100)}{where(f, lang)}", True, [whole_n, f], [c], "count")
            # "多少批次、多少人次": the other counts asked, from the same sentence
            for u in re.findall(r"(?:几|多少)\s*(批次|人次|个|名|辆|条|家|项|所|件|户|批|人)", p)[1:]:
                g = next((x for x in seg.figs if x.unit in _COUNT_UNITS.get(u, {u}) and x.value != f.value), None)
                if g is not None:
                    figs.append(g.figure(g.label))
            return Part(f"{quote_short(seg.text, 100)}{where(f, lang)}", True, figs, [c], "count")
        return None

    @staticmethod
    def _unit_list_table(doc: Document) -> tuple[Any, list[str]] | None:
        """A printed list of the units a document covers (序号, 单位名称; no amounts), and their
        names, itself included; None when the document prints none."""
        for t in unit_lists(doc):
            names = [r.name for r in t.rows if r.name and not re.match(r"^(?:合计|总计|小计)$", r.name)]
            if names:
                return t, names
        return None

    @staticmethod
    def _alternatives(word: str) -> list[str]:
        """A word and the wording the disclosures use for it (油费 → 燃料费)."""
        out = [word]
        for k, v in _ITEM_WORDS.items():
            if k in word:
                out.append(word.replace(k, v))
                out.append(v)
        return out

    def budget_scope(self, p: str, doc: Document, lang: str) -> Part | None:
        """"本预算涵盖几个单位" (however said: 包括, 纳入, 算在内): the sentence in which the
        document states what its budget (决算) is made of, quoted."""
        if not (_WHICH_UNITS.search(p) and _COVERS.search(p)):
            return None
        for u in self.a.narrative.units:
            if u.doc is not doc or u.table:
                continue
            for sent in re.split(r"(?<=[。；;])", re.sub(r"\s+", "", u.text)):
                if _SCOPE_SENTENCE.search(sent):
                    f = Figure(Decimal(0), "", "", u.source())
                    return Part(f"{quote_short(sent, 200).rstrip('。；;')}{where(f, lang)}。", True, [],
                                [u.citation(sent[:160])], "narrative")
        return None

    def inclusion(self, p: str, doc: Document, lang: str) -> Part | None:
        """"X包括Y吗" / "Y算不算X": answered from the explanation of X (名词解释 first)."""
        t = re.sub(r"[？?。！!\s]", "", p)
        m = _INCLUDES.search(t)
        if m:
            x, y = m.group(1), m.group(2)
        elif (m := _BELONGS.search(t)):
            y, x = m.group(1), m.group(2)
        else:
            return None
        x, y = re.sub(r"^(请问|那么?|那)|的$", "", x), re.sub(r"在内$|的$|费用$", "", y)
        if len(normalize(x)) < 2 or len(normalize(y)) < 2 or re.search(r"多少|几|安排|有没有|哪些|什么", x + y):
            return None
        names = [x] + [h.concept.names[0] for h in self.vocab.find_concepts(x) if h.concept.names]
        names = [normalize(n) for n in names if len(normalize(n)) >= 2]
        nx = self.a.narrative
        best: tuple[float, Any] | None = None
        for seg in nx.segments:
            if seg.unit.doc is not doc:
                continue
            st = normalize(seg.text)
            k = next((st.find(n) for n in names if n in st), -1)
            if k < 0 or not re.search(r"指|反映|包括|包含|含|用于", st[k:]):
                continue
            score = max(coverage(nx, w, seg.text) for w in self._alternatives(y)) + (0.5 if any("名词" in h for h in seg.unit.path) else 0)
            if best is None or score > best[0]:
                best = (score, seg)
        if best is None:
            return None
        seg = best[1]
        body = quote_short(seg.text, 160).rstrip("。；;")
        src = Figure(Decimal(0), "", "", seg.unit.source())
        has = max(coverage(nx, w, seg.text) for w in self._alternatives(y)) >= 0.8
        excluded = has and re.search(r"(不含|不包括|除外|不得)", seg.text)
        if lang == "en":
            head = "No." if excluded else "Yes." if has else f"The document's explanation of {x} does not mention {y}."
            return Part(f"{head} {body}{where(src, lang)}.", True, [], [seg.unit.citation(body)], "yes_no")
        head = "否。" if excluded else "是。" if has else f"文件对{x}的解释中没有提到{y}："
        return Part(f"{head}{body}{where(src, lang)}。", True, [], [seg.unit.citation(body)], "yes_no")

    def _yes_no(self, p: str, q: str, doc: Document, lang: str, extra: list[Any]) -> Part | None:
        nx = self.a.narrative
        core = re.sub(r"是不是|是否|有没有|吗|呢|包括|包含|负责|的职责|职责|经信委|委员会|局|的|[？?]", " ", p)
        for k in self.vocab.departments:
            core = core.replace(k, " ")
        best = None
        for sc, seg in nx.rank_segments(q, [doc.doc_id], extra, k=6):
            if re.search(r"有没有|有无|是否有", p) and any("名词" in h for h in seg.unit.path):
                continue  # a definition says what a word means, never that the department has it
            cov = coverage(nx, core, seg.text + seg.unit.heading)
            if best is None or cov > best[0]:
                best = (cov, seg)
        if best is None:
            return None
        cov, seg = best
        body = quote_short(seg.text, 160)
        src = Figure(Decimal(0), "", "", seg.unit.source())
        if cov >= 0.6:
            neg = re.search(r"(无|没有|未)(使用|安排)?", seg.text) and not re.search(r"(无|没有|未)", p)
            # "共有车辆0辆": a count of none is a no
            neg = neg or re.search(r"(?:共有|保有量?为?|数量为?|现有)[^，。；;]{0,12}?(?<![\d.])0\s*(?:辆|个|台|套|人|家|处)", seg.text)
            # "有没有X": X's own amount stated as 0 is a no as well
            neg = neg or bool(re.search(r"有没有|有无|是否有", p) and seg.figs and seg.figs[0].value == 0
                              and not seg.figs[0].change)
            # (asked 有没有 / 是否有, the answer is 有 / 没有, in the question's own words)
            has = re.search(r"有没有|有无|是否有|有吗", p)
            head = ("没有" if neg else "有") if has else "否" if neg else "是"
            figs = [f.figure(f.label or seg.subject) for f in seg.figs][:3]
            return Part(f"{head}。{body.rstrip('。')}{where(src, lang)}。", True, figs, [seg.unit.citation(body)], "yes_no")
        return Part(f"文件没有列出这一项。最接近的内容是：{body.rstrip('。')}{where(src, lang)}。", True, [],
                    [seg.unit.citation(body)], "yes_no")

    # -- effect from its reason, definitions --------------------------------------------------
    def effect_reason(self, p: str, doc: Document, lang: str) -> Part | None:
        """"办公设备老化让哪项经费比上年多了？多了多少？": the sentence whose stated reason matches
        the question, answered with its subject and change (机关运行经费 增加 5.3 万元)."""
        nx = self.a.narrative
        cause = re.sub(r"(让|使|使得|导致|造成|因为|由于|哪项|哪一项|哪个|哪类|什么|经费|支出|费用|收入|项目|比上年|比去年|"
                       r"增加|减少|多了|少了|下降|上升|增长|降低|变化|多少|了|的|[？?，,。])", " ", p)
        if not bigrams(cause):
            return None
        best: tuple[float, Any, str] | None = None
        for seg in nx.segments:
            if seg.unit.doc is not doc:
                continue
            m = re.search(r"(主要原因(?:一|之一)?[是为：:]|原因(?:一)?[是为：:]|主要是|主要由于|由于|因为)", seg.text)
            if not m or not any(f.change for f in seg.figs):
                continue
            clause = seg.text[m.end():]
            # the cause may be reworded around a shared term ("办公设备越来越旧" ~ "办公设备日益老化")
            cov = coverage(nx, cause, clause) + (0.5 if _shared_run(cause, clause) >= 4 else 0)
            if cov >= 0.5 and (best is None or cov > best[0]):
                best = (cov, seg, seg.text[m.start():].rstrip("。；;"))
        if best is None:
            return None
        _, seg, clause = best
        k = seg.text.find(clause)
        ch = [f for f in seg.figs if f.change and f.start < (k if k > 0 else len(seg.text))] or [f for f in seg.figs if f.change]
        f = ch[-1]
        subj = re.sub(r"^\s*(?:[（(][一二三四五六七八九十]+[)）])?\s*", "", seg.subject).rstrip("。，, ")
        subj = re.sub(r"^20\d\d\s*年\s*", "", subj)
        head = subj or (seg.unit.heading or "")
        amt = f.figure(f"比上年{f.change}")
        text = (f"{head}比上年{f.change} {amount(amt)}，{clause}。原文：{quote_short(seg.text, 120)}"
                f"{where(amt, lang)}")
        return Part(text, True, [amt], [seg.unit.citation(seg.text)], "reason")

    def covers(self, p: str, doc: Document, lang: str) -> Part | None:
        """"因公出国（境）费都包括哪些开支？": the explanation (名词解释 first) of the item, in full."""
        nx = self.a.narrative
        names: list[str] = []
        for h in self.vocab.find_concepts(p):
            names += [normalize(strip_paren(n)) for n in (*h.concept.names, *h.concept.aliases[:3])]
        head = re.split(r"都|包括|包含|涵盖|含有|指|反映|是什么|的定义", p)[0]
        head = re.sub(r"^(请问|那么?|什么是)|的$", "", head)
        if len(normalize(head)) >= 2:
            names.insert(0, normalize(strip_paren(head)))
        names = [n for n in dict.fromkeys(names) if len(n) >= 2]
        if not names:
            return None
        best: tuple[float, Any] | None = None
        for seg in nx.segments:
            if seg.unit.doc is not doc:
                continue
            st = normalize(strip_paren(seg.text))
            for rank, n in enumerate(names):
                k = st.find(n)
                if k < 0 or not re.match(r"^[：:]?(费用?)?(是)?(指|反映|包括|包含|主要用于|用于)", st[k + len(n):]):
                    continue
                score = len(n) - rank * 0.1 + (5 if any("名词" in h for h in seg.unit.path) else 0)
                if best is None or score > best[0]:
                    best = (score, seg)
        if best is None:
            return None
        seg = best[1]
        body = seg.text.strip().rstrip("。；;")
        body = re.sub(r"^其中[，,]", "", body)
        src = Figure(Decimal(0), "", "", seg.unit.source())
        return Part(f"{body}{where(src, lang)}。", True, [], [seg.unit.citation(seg.text)], "narrative")

    # -- changes, previous year, reasons ------------------------------------------------------
    def _reason_after(self, own: OwnChange, p: str, lang: str) -> Part | None:
        """The reason stated in the sentence after the item's own change ("…增加307.82万元，增长
        100%。主要原因：单位于2024年成立"), with the change; None when none follows it."""
        k = own.unit.text.find(own.quote)
        after = re.search(r"(?:主要原因(?:一|之一)?[是为：:]|原因(?:一)?[是为：:])[^。]*",
                          own.unit.text[k + len(own.quote):][:300]) if k >= 0 else None
        if after is None:
            return None
        text = f"{_own_lead(own, p)}，{after.group(0)}{where(Figure(Decimal(0), '', '', own.unit.source()), lang)}。"
        return Part(text, True, [own.figure] if own.figure else [], [own.unit.citation(own.quote)], "reason")

    def reason(self, p: str, doc: Document, lang: str) -> Part | None:
        ranked = reason_segments(self.a.narrative, self._expand(p), [doc.doc_id], self._extra(p, doc))
        tables = self.a.tables[doc.doc_id]
        if not ranked:
            asked = next((m for m in find_matches(p, tables) if m.items or m.concept), None)
            own = self._change_of(asked, p, doc)
            return self._reason_after(own, p, lang) if own is not None else None
        asked = next((m for m in drop_fund_qualifier(p, find_matches(p, tables), before_columns=True)
                      if m.items or m.concept), None)
        if asked is not None:  # a reason given for another item ("项目支出…主要原因是…") ranks lower
            ranked.sort(key=lambda r: -(r[0] - (5 if self._names_other_item(r[1].subject, asked, tables) else 0)))
        _, seg, clause = ranked[0]
        own = self._change_of(asked, p, doc)
        if asked is None and own is None and len(normalize(re.sub(
                r"为什么|为啥|原因|分别|各自|是什么|什么|是|呢|吗|比(?:上年|去年|上一年|20\d\d年?度?)|[多少]了|那么多|这么多|"
                r"增加了?|减少了?|增长了?|下降了?|[涨降升]了?|[？?，,。]", "", p))) < 2:
            return None  # "原因分别是什么" names nothing: no reason of some other item is passed off for it
        if own is not None:  # the reason given beside the item's own change, when there is one
            _, seg, clause = next((r for r in ranked if r[1].unit is own.unit), ranked[0])
        if own is not None:  # the item's own change, from its own clause, before the reason
            lead = _own_lead(own, p)
            cites = [own.unit.citation(own.quote)]
            if seg.unit is not own.unit or own.quote not in seg.text:
                cites.append(seg.unit.citation(seg.text))
            text = f"{lead}，{clause}{where(Figure(Decimal(0), '', '', seg.unit.source()), lang)}。"
            return Part(text, True, [own.figure] if own.figure else [], cites, "reason")
        figs = [f.figure(f.label or seg.subject) for f in seg.figs if f.change and f.change != "持平"][:4]
        ch = next((f for f in seg.figs if f.change), None)
        subject = re.sub(r"比$", "", seg.subject)
        lead = f"{subject}{'比上年' + ch.change + ' ' + amount(ch.figure('')) if ch and ch.change != '持平' else ''}，" if subject else ""
        text = f"{lead}{clause}{where(Figure(Decimal(0), '', '', seg.unit.source()), lang)}。"
        return Part(text, True, figs, [seg.unit.citation(seg.text)], "reason")

    def _said(self, p: str, doc: Document, matches: list[Any]) -> Any:
        from assistant.table_answers import COMPLETION

        names: list[str] = []
        if not matches:  # an item no table prints: the words before the question's verb
            cut = COMPLETION.search(p)
            head = re.sub(r"^(?:20\d\d\s*年度?|今年|去年)|的$", "", p[: cut.start()] if cut else "").strip(" ，,的")
            names = [head] if len(head) >= 2 else []
        for m in matches:
            names += [m.label] + [strip_ordinal(x.name) for x in m.items[:2]]
            if m.concept is not None:
                names += list(m.concept.names)
        wanted = re.search(r"年初|全年|调整", p)
        return budget_actual(self.a.narrative, doc, names, wanted.group(0) if wanted else None)

    def said_budget(self, p: str, doc: Document, m: Any, lang: str) -> Part | None:
        """A 决算 row's budget that no table prints, from the narrative's own sentence (with the
        actual figure it states beside it)."""
        said = self._said(p, doc, [m])
        if said is None:
            return None
        figs = [said.budget, said.actual]
        gap = ""
        if re.search(r"少花|多花|差|少了?多少|多了?多少|超(?:出|支|过)|节余|结余|没花完|剩", p):
            # "决算比预算少花了多少": the difference, worked out from the two stated figures
            d = ar.difference(said.budget, said.actual, "预算与决算之差")
            word = "少" if d.value > 0 else "多"
            shown = Figure(abs(d.value), d.unit, f"决算比{said.budget_word}预算{word}", None, d.formula, d.operands)
            figs.insert(0, shown)
            gap = f"，决算比{said.budget_word}预算{word} {amount(shown)}（{d.formula}）"
        text = (f"{said.name}{said.budget_word}预算 {amount(said.budget)}，决算 {amount(said.actual)}{gap}"
                f"{where(said.budget, lang)}。")
        return Part(text, True, figs, [said.unit.citation(said.quote)], "lookup", [m])

    def said_completion(self, p: str, doc: Document, matches: list[Any], lang: str) -> Part | None:
        """A 决算's completion rate from the budget and actual figures its narrative states for the
        item (tables of some templates print only the actual figure)."""
        from assistant.table_answers import COMPLETION

        if not is_final(doc) or not COMPLETION.search(p):
            return None
        said = self._said(p, doc, matches)
        if said is None:
            return None
        rate = ar.share(said.actual, said.budget, f"{said.name}完成{said.budget_word}预算的比例")
        text = (f"{said.name}{said.budget_word}预算 {amount(said.budget)}，决算 {amount(said.actual)}，"
                f"完成{said.budget_word}预算的 {ar.fmt(rate.value, '%')}%（{rate.formula}）"
                f"{where(said.actual, lang)}。")
        return Part(text, True, [said.budget, said.actual, rate], [said.unit.citation(said.quote)], "arithmetic")

    def change_without_reason(self, p: str, doc: Document, matches: list[Any], lang: str,
                              whole: str = "") -> Part | None:
        """"X为什么涨了" where the narrative gives X's change but no reason: the change (and the
        real direction, when the question assumed the other one), and that no reason is given."""
        asked = next((m for m in matches if m.items or m.concept), None)
        own = self._change_of(asked, p, doc)
        if own is None:
            return None
        change = f"比上年{own.direction} {amount(own.figure)}" if own.figure else "与上年持平"
        premise = asked_direction(p)
        fix = f"（不是{premise}）" if premise and premise != own.direction else ""
        if not fix and lang == "zh" and not re.search(r"多少|几", whole or p):
            # only the reason was asked, of a change the question had right (read in Chinese; an
            # English premise is not read here): the document does not answer it, and the change
            # is said beside the refusal as what the document does state
            return Part(f"文件没有说明原因（{own.name}{change}，说明只写了这个数）", False, [], [], "change", matches)
        text = (f"{own.name}{change}{fix}；文件没有说明原因。原文：{quote_short(own.quote, 100)}"
                f"{where(own.figure or Figure(Decimal(0), '', '', own.unit.source()), lang)}")
        return Part(text, True, [own.figure] if own.figure else [], [own.unit.citation(own.quote)], "change", matches)

    def _change_of(self, asked: Any, p: str, doc: Document) -> OwnChange | None:
        """The change the narrative states for the item a match names, or, with none, for what
        the question's own words name (:meth:`_said_change`)."""
        return self._own_change(asked, doc) if asked is not None else self._said_change(p, doc)

    def _said_change(self, p: str, doc: Document) -> OwnChange | None:
        """The change of what a why-question is about when no table names it (财政拨款支出, plain
        支出): the words before its 为什么 or its 比, found where the narrative states a change."""
        cands = []
        p = self._strip_department(p, doc)  # type: ignore[attr-defined]
        for cut in (r"为什么|为啥|怎么会|何故|原因", r"比(?=上年|去年|上一年|20\d\d)"):
            m = re.search(cut, p)
            if m:
                cands += [p[:m.start()], p[m.end():]]
        cands = cands or [re.sub(r"(?:是|有|为)?(?:多少|几)", "", p)]  # "预算2025年是多少": the thing asked
        for c in cands:
            c = re.split(r"比(?=上年|去年|上一年|20\d\d)|为什么|为啥", c)[0]
            c = re.sub(r"20\d\d\s*年度?|今年|去年|本年|上年|他们|她们|它们|[他她它]|(?:这个|该|本)(?:部门|单位)|是不是|是否|有没有|"
                       r"大概|大约|约|左右|估计|差不多|应该|的|了|是|呢|[？?，,。\s]", "", c)
            c = re.sub(r"^(?:预算|决算)(?=收入|支出)", "", c)  # "预算收入" of a budget is its 收入
            if c in ("预算", "部门预算", "总预算", "预算总额", "决算", "收支", "收支预算", "收支决算", "预算规模"):
                c = "支出"  # the budget as a whole: its spending side (收入 and 支出 balance)
            if len(c) >= 2:
                # plain 支出 / 收入 is the department's total, named as the genre names totals
                totals = ["收入支出总计", f"本年{c}合计", f"{c}总计", f"{c}合计"] if c in ("支出", "收入") else []
                return own_change(self.a.narrative, doc, ([c] if len(c) > 2 else []) + totals,
                                  opening=(c,) if c in ("支出", "收入") else ())
        return None

    def _own_change(self, asked: Any, doc: Document) -> OwnChange | None:
        """What the narrative says of the asked item's own change against last year."""
        if asked is None:
            return None
        names = [asked.label] + [strip_ordinal(x.name) for x in asked.items[:2]]
        if asked.concept is not None:
            names += list(asked.concept.names)
        # a total (本年支出合计, 收入总计) is what the narrative calls plain 支出 / 收入
        total = any(x.is_total() for x in asked.items[:2]) or re.search(r"合计|总计|总额|^总", asked.label or "")
        if total and re.search(r"收支|总计", asked.label or ""):
            names += ["收入支出总计", "收支总计"]  # 收支总计 is what the narrative calls 收入支出总计
        said = [w for w in ("收入", "支出") if w in (asked.label or "")]
        sides = tuple(said[:1] if said else [w for w in ("收入", "支出") if any(w in n for n in names if n)][:1]) \
            if total else ()
        return own_change(self.a.narrative, doc, names, opening=sides, value=self._stated_value(asked, doc))

    def _stated_value(self, asked: Any, doc: Document) -> Decimal | None:
        """The asked row's (or column's) current figure in 万元, as a narrative would state it
        beside the item's change; None where no table prints it."""
        f = self._table_current(asked, doc)  # type: ignore[attr-defined]
        if f is None:
            return None
        return f.value / 10000 if f.unit == "元" else f.value

