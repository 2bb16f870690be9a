"""The understanding stage alone: normalisation, homophone repair, scope and plan (no model, no store)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from assistant.understand.normalise import HomophoneIndex, normalise
from assistant.understand.plan import Across, item_question, plan_across
from assistant.understand.scope import abbreviates, doc_forms, resolve_scope, strip_region


@pytest.mark.parametrize("typed, expected", [
    ("經信委今年招待客人花多少錢？", "经信委今年招待客人花多少钱？"),
    ("２０２４年３０１０１是什么", "2024年30101是什么"),
    ("二〇二四年三公经费多少", "2024年三公经费多少"),
    ("公务接待费超过五万元了吗", "公务接待费超过5万元了吗"),
    ("超过十万了吗", "超过10万了吗"),
    ("一百二十万元", "120万元"),
    ("三千万元", "3000万元"),
    ("十二万五千元", "125000元"),
    ("零点五万元", "0.5万元"),
    ("增长了百分之五吗", "增长了5%吗"),
    ("支出最多的前三项", "支出最多的前3项"),
    ("有两辆车吗", "有2辆车吗"),
])
def test_normalise_rewrites(typed: str, expected: str) -> None:
    assert normalise(typed).text == expected


@pytest.mark.parametrize("kept", [
    "三公经费是多少", "一般公共预算支出", "哪一项支出最多", "一次性补助", "第一季度", "十四五规划",
    "每一人", "2150517 产业发展预算多少",
])
def test_normalise_keeps_words_that_hold_numerals(kept: str) -> None:
    assert normalise(kept).text == kept


def test_homophone_typo_repaired_only_against_known_names() -> None:
    index = HomophoneIndex(["公务接待费", "公务用车运行维护费", "商务委员会"])
    assert index.repair("公务街待费多少")[0] == "公务接待费多少"
    assert index.repair("尚务委员会的预算")[0] == "商务委员会的预算"
    assert index.repair("公务接待费")[1] == []
    # a sound two different names share is never a repair
    assert HomophoneIndex(["其他支出", "其它支出"]).repair("其他支出")[1] == []


@dataclass
class Doc:
    doc_id: str
    issuer: str | None
    year: int | None
    kind: str | None
    title: str = ""
    aliases: list[str] = field(default_factory=list)


DOCS = [
    Doc("sww25", "上海市普陀区商务委员会", 2025, "部门预算", aliases=["商务委"]),
    Doc("swwdw25", "上海市普陀区商务委员会", 2025, "单位预算", aliases=["商务委"]),
    Doc("wl24", "上海市普陀区人民政府万里街道办事处", 2024, "部门预算"),
    Doc("wl25", "上海市普陀区人民政府万里街道办事处", 2025, "部门预算"),
    Doc("sfj24", "示例市北城区司法局", 2024, "部门预算"),
    Doc("gh24", "上海市普陀区规划和自然资源局", 2024, "部门决算"),
    Doc("jcy19", "江苏省人民检察院", 2019, "部门预算"),
]


@pytest.mark.parametrize("issuer, form", [
    ("上海市普陀区商务委员会", "商务委员会"),
    ("上海市普陀区人民政府万里街道办事处", "万里街道办事处"),
    ("重庆市南岸区经济和信息化委员会", "经济和信息化委员会"),
    ("江苏省人民检察院", "人民检察院"),
    ("示例市北城区司法局", "司法局"),
])
def test_strip_region(issuer: str, form: str) -> None:
    assert strip_region(issuer) == form


def test_doc_forms_include_spoken_shortenings() -> None:
    forms = doc_forms(DOCS[2])
    assert "万里街道" in forms and "万里街道办事处" in forms
    assert "检察院" in doc_forms(DOCS[6])


def test_scope_by_issuer_form_and_year() -> None:
    _, s = resolve_scope("万里街道2025年三公经费多少", DOCS)
    assert s.doc_ids == ("wl25",)
    _, s = resolve_scope("万里街道今年比去年多了多少", DOCS)
    assert set(s.doc_ids) == {"wl24", "wl25"} and set(s.years) == {2024, 2025}


def test_scope_relative_year_counts_from_each_issuers_latest_document() -> None:
    _, s = resolve_scope("今年公务接待费多少", DOCS)
    assert "wl25" in s.doc_ids and "wl24" not in s.doc_ids and "sfj24" in s.doc_ids


def test_scope_by_kind() -> None:
    _, s = resolve_scope("商务委单位预算的公务接待费", DOCS)
    assert s.doc_ids == ("swwdw25",)
    _, s = resolve_scope("实际支出多少", DOCS)
    assert s.doc_ids == ("gh24",)


def test_scope_two_issuers_are_two_mentions() -> None:
    _, s = resolve_scope("司法局和检察院谁的三公经费多", DOCS)
    assert [m.doc_ids for m in s.mentions] == [("sfj24",), ("jcy19",)]


def test_scope_declines_a_department_not_loaded() -> None:
    _, s = resolve_scope("财政局三公经费多少", DOCS, other_departments=["财政局"])
    assert s.doc_ids == () and "财政局" in (s.why or "")


def test_scope_repairs_issuer_typos_by_sound() -> None:
    names = [f for d in DOCS for f in doc_forms(d)]
    q, s = resolve_scope("尚务委员会的公务接待费", DOCS, homophones=HomophoneIndex(names))
    assert q.startswith("商务委员会") and set(s.doc_ids) == {"sww25", "swwdw25"}


def _plan(q: str):  # type: ignore[no-untyped-def]
    norm = normalise(q)
    text, scope = resolve_scope(norm.text, DOCS)
    return plan_across(norm, text, scope, {d.doc_id: d.issuer or d.doc_id for d in DOCS})


@pytest.mark.parametrize("question, across", [
    ("司法局的公务接待费多少", Across.ONE),
    ("司法局和检察院谁的三公经费多", Across.COMPARE),
    ("司法局比检察院的三公经费多多少", Across.COMPARE),
    ("万里街道2025年比2024年三公经费增加多少", Across.CHANGE),
    ("哪个部门出国花钱最多", Across.RANK),
    ("司法局和检察院招待费合计多少", Across.SUM),
    ("检察院是司法局的几倍（会议费）", Across.COMPARE),
    ("公务接待费多少", Across.EACH),
    ("税务局的公务接待费", Across.EACH),  # the answering stage declines bodies no document names
])
def test_plan_operation(question: str, across: Across) -> None:
    assert _plan(question).across is across


def test_plan_item_is_the_question_without_scope_and_operation_words() -> None:
    p = _plan("司法局和检察院谁的三公经费多")
    assert p.item == "三公经费是多少"
    p = _plan("万里街道2025年比2024年三公经费增长率是多少")
    assert p.item == "三公经费是多少" and p.rate
    assert item_question("司法局的公务接待费多少", _plan("司法局的公务接待费多少").scope, Across.ONE) == "公务接待费多少"


def test_plan_explain_names_documents() -> None:
    text = _plan("萬里街道今年比去年少了多少").explain({"wl24": "万里 2024", "wl25": "万里 2025"})
    assert "繁→简" in text and "万里 2024" in text and "change" in text


@pytest.mark.parametrize("short, name, expected", [
    ("规划资源局", "规划和自然资源局", True),
    ("卫健局", "卫生健康局", True),
    ("区府办", "区政府办公室", True),
    ("经信委", "经济和信息化委员会", True),
    ("万里街道", "万里街道办事处", True),
    ("税务局", "商务委员会", False),
    ("资源局", "规划和自然资源局", False),  # the name's first character is kept
])
def test_abbreviates(short: str, name: str, expected: bool) -> None:
    assert abbreviates(short, name) is expected


def test_scope_by_a_spoken_shortening() -> None:
    _, s = resolve_scope("规划资源局去年的招待开支决算是多少", DOCS)
    assert s.doc_ids == ("gh24",) and s.mentions[0].text == "规划资源局"


@pytest.mark.parametrize("question, n, level, descending, economic", [
    ("功能科目里花钱最多的前3类是什么", 3, "类", True, False),
    ("功能分类里哪一类的钱最多", 1, "类", True, False),
    ("一般公共预算支出最少的款是哪个", 1, "款", False, False),
    ("基本支出里哪一类经济科目最多", 1, "类", True, True),
    ("支出前5的项级科目", 5, "项", True, False),
])
def test_read_ranking(question: str, n: int, level: str, descending: bool, economic: bool) -> None:
    from assistant.within import read_ranking

    r = read_ranking(question)
    assert r is not None and (r.n, r.level, r.descending, r.economic) == (n, level, descending, economic)


@pytest.mark.parametrize("question", ["项目支出权重最高的指标", "公务接待费多少", "最多能报销多少"])
def test_not_a_ranking(question: str) -> None:
    from assistant.within import read_ranking

    assert read_ranking(question) is None


def test_read_threshold() -> None:
    from decimal import Decimal

    from assistant.within import read_threshold

    t = read_threshold("出国费用超过100万了吗？")
    assert t is not None and (t.value, t.unit, t.above) == (Decimal("100"), "万元", True)
    t = read_threshold("差旅费不到5万元吧？")
    assert t is not None and t.above is False
    assert read_threshold("超过预算的部分是多少") is None


def test_item_keeps_codes_that_start_like_years() -> None:
    text, scope = resolve_scope("2080501是哪个科目，安排了多少？", DOCS)
    assert "2080501" in plan_across(normalise(text), text, scope, {d.doc_id: d.issuer or "" for d in DOCS}).item


def test_a_place_that_is_not_the_loaded_issuers_declines() -> None:
    """A region named before an issuer's name picks that region's department: when only another
    region's department of the same name is loaded, nothing is in scope and the reason says so."""
    _, s = resolve_scope("安徽省检察院的会议费预算", DOCS)
    assert s.doc_ids == () and "安徽省" in (s.why or "") and "江苏省人民检察院" in (s.why or "")
    _, s = resolve_scope("静安区商务委的公务接待费", DOCS)
    assert s.doc_ids == () and "静安区商务委" in (s.why or "")
    # the loaded issuer's own region, and words that are not places, keep the scope
    _, s = resolve_scope("普陀区商务委单位预算的公务接待费", DOCS)
    assert s.doc_ids == ("swwdw25",)
    _, s = resolve_scope("江苏省检察院的会议费预算", DOCS)
    assert s.doc_ids == ("jcy19",)
    _, s = resolve_scope("这个区商务委单位预算的公务接待费", DOCS)
    assert s.doc_ids == ("swwdw25",)


def test_a_shortening_with_a_region_names_that_regions_issuer() -> None:
    city = Doc("cq", "重庆市经济和信息化委员会", 2026, "部门预算")
    district = Doc("na", "重庆市南岸区经济和信息化委员会", 2024, "部门预算")
    _, s = resolve_scope("重庆市经信委的三公经费", [city, district])
    assert s.doc_ids == ("cq",)
    _, s = resolve_scope("南岸区经信委的三公经费", [city, district])
    assert s.doc_ids == ("na",)
    assert abbreviates("南岸区经信委", "南岸区经济和信息化委员会")
    assert not abbreviates("重庆市经信委", "重庆市南岸区经济和信息化委员会")


def test_a_kind_left_out_is_not_the_kind_wanted() -> None:
    _, s = resolve_scope("不算决算，2024年哪个部门的基本支出多", DOCS)
    assert "gh24" not in s.doc_ids and s.kind != "决算"
    p = _plan("只看2024年的部门预算（不含决算），哪个部门的基本支出多，多多少")
    assert "决算" not in p.item and set(p.scope.doc_ids) == {"wl24", "sfj24"}
    assert p.across is Across.COMPARE  # two departments in scope, named by neither


def test_a_place_beside_a_department_narrows_to_that_department() -> None:
    city = Doc("cq", "重庆市经济和信息化委员会", 2026, "部门预算", aliases=["Chongqing", "经信委"])
    trade = Doc("sw", "重庆市商务委员会", 2026, "部门预算", aliases=["Chongqing", "商务委"])
    _, s = resolve_scope("Chongqing 经信委的政府采购预算", [city, trade])
    assert s.doc_ids == ("cq",) and [m.text for m in s.mentions] == ["经信委"]
    _, s = resolve_scope("Chongqing 的政府采购预算", [city, trade])
    assert set(s.doc_ids) == {"cq", "sw"}


def test_two_english_questions_in_one_are_read_one_by_one() -> None:
    from assistant.english import to_chinese

    text = to_chinese("What is the total 2026 budget, and how much of it is for basic expenditure?")
    first, second = text.split("？")
    assert "2026" in first and second.startswith("其中") and "基本支出" in second


def test_one_name_that_fits_two_issuers_is_answered_for_each() -> None:
    city = Doc("cq", "重庆市经济和信息化委员会", 2026, "部门预算", aliases=["经信委"])
    district = Doc("na", "重庆市南岸区经济和信息化委员会", 2024, "部门预算", aliases=["经信委"])
    norm = normalise("经信委一共有几辆车")
    text, scope = resolve_scope(norm.text, [city, district])
    plan = plan_across(norm, text, scope, {"cq": city.issuer, "na": district.issuer})
    assert plan.across is Across.EACH and set(plan.scope.doc_ids) == {"cq", "na"}


def test_unit_budgets_of_any_issuer_and_an_unnamed_total() -> None:
    """"两份单位预算（不是部门预算）…加起来": the 单位预算 of every issuer, added; the kind left
    out is not a kind asked."""
    p = _plan("单位预算（不是部门预算）的公务接待费加在一起多少")
    assert p.scope.doc_ids == ("swwdw25",) or set(p.scope.doc_ids) == {"swwdw25"}
    p = _plan("2024年的预算里，公务接待费加在一起一共多少")
    assert p.across is Across.SUM and "加在一起" not in p.item


def test_the_item_inside_a_container_clause() -> None:
    p = _plan("司法局和检察院的“三公”经费里，公务接待费各安排了多少？谁多，多多少？")
    assert p.across is Across.COMPARE and "公务接待费" in p.item


def test_a_district_named_alone_and_a_department_set_aside() -> None:
    stats = Doc("tj", "示例市云溪区统计局", 2025, "部门预算")
    env = Doc("hb", "示例市云溪区生态环境局", 2022, "单位预算")
    other = Doc("ny", "示例市南岭区农业农村委员会", 2026, "部门决算")
    _, s = resolve_scope("云溪区的几份材料，三公经费从高到低排个队", [stats, env, other])
    assert set(s.doc_ids) == {"tj", "hb"}
    _, s = resolve_scope("云溪区财政局的三公经费", [stats, env, other])  # a body of the district, not loaded:
    assert s.mentions == ()  # the district does not stand for it (the answering stage declines the body)
    _, s = resolve_scope("统计局（不是生态环境局）的三公经费", [stats, env, other])
    assert s.doc_ids == ("tj",)
    _, s = resolve_scope("数据采集是不是统计局的职责", [stats, env, other])
    assert s.doc_ids == ("tj",)


def test_rankings_within_a_named_row_and_at_the_finest_level() -> None:
    import json

    from assistant.core import Assistant
    from ingest.model import Document
    from tests.conftest import CORPUS

    doc = Document.from_truth_dict(json.loads((CORPUS / "nanan-jxw-2024.truth.json").read_text("utf-8")))
    one = Assistant([doc])
    inside = one.ask("商品和服务支出里面，花钱最多的前两个科目是哪些？")
    assert inside.route == "rank" and all(f.source.code.startswith("302") for f in inside.figures)
    assert len(inside.figures) == 2
    finest = one.ask("基本支出按经济科目细分，金额最大的两项是什么？")
    assert finest.route == "rank" and all(len(f.source.code) == 5 for f in finest.figures)


def test_how_many_sub_items_a_coded_row_has() -> None:
    import json

    from assistant.core import Assistant
    from ingest.model import Document
    from tests.conftest import CORPUS

    doc = Document.from_truth_dict(json.loads((CORPUS / "nanan-jxw-2024.truth.json").read_text("utf-8")))
    ans = Assistant([doc]).ask("商品和服务支出下面分成了几个小项？")
    kids = [r for t in doc.tables if t.key == "表三" for r in t.rows if r.code and len(r.code) == 5
            and r.code.startswith("302")]
    assert ans.route == "count" and ans.figures[0].value == len(kids) and ans.figures[0].unit == "个"


def test_how_much_a_row_has_is_its_amount_not_its_sub_items() -> None:
    from assistant.within import _CHILD_COUNT

    assert not _CHILD_COUNT.search("节能环保支出有多少？")
    assert _CHILD_COUNT.search("节能环保支出有几个科目？")
