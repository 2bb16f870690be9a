"""Plans across documents read from the question's own grammar: documents put in order, a
change worded as cutting back, each document's own year before, a count before a body's name,
the clause that names the item."""

from __future__ import annotations

import copy
import json
from decimal import Decimal

import pytest

from assistant.answer import Answer, Figure
from assistant.core import Assistant
from assistant.vet import vet
from assistant.understand.plan import Across
from ingest.model import Document

from conftest import CORPUS


def _truth(name: str) -> Document:
    return Document.from_truth_dict(json.loads((CORPUS / name).read_text("utf-8")))


def _twin(doc: Document, doc_id: str, issuer: str) -> Document:
    """``doc`` as another issuer's document (the same tables and text)."""
    twin = copy.deepcopy(doc)
    twin.doc_id, twin.issuer = doc_id, issuer
    return twin


@pytest.fixture(scope="module")
def assistant() -> Assistant:
    jxw = _truth("nanan-jxw-2024.truth.json")
    sfj = _truth("shili-beicheng-sifaju-2024.truth.json")
    old = copy.deepcopy(sfj)
    old.doc_id, old.year = sfj.doc_id + "-2023", 2023
    return Assistant([jxw, sfj, old])


def test_order_words_rank_the_named_documents(assistant: Assistant) -> None:
    plan = assistant.plan("经信委和司法局2024年、司法局2023年，按公务接待费从低到高排一下")
    assert plan.across is Across.RANK and len(plan.scope.doc_ids) == 3 and not plan.descending


def test_cutting_back_is_a_change_not_part_of_the_item(assistant: Assistant) -> None:
    plan = assistant.plan("司法局2024年的公务接待费比2023年压减了多少？")
    assert plan.across is Across.CHANGE and "压减" not in plan.item


def test_each_documents_own_year_before_is_not_a_scope_year(assistant: Assistant) -> None:
    plan = assistant.plan("经信委和司法局的支出和各自上一年比，变了多少？")
    assert plan.scope.years == () and "上年" in plan.item


def test_a_count_before_a_body_is_not_a_place(assistant: Assistant) -> None:
    plan = assistant.plan("两份司法局的文件，公务接待费各是多少？")
    assert plan.across is not Across.DECLINE and len(plan.scope.doc_ids) == 2


def test_the_item_is_read_from_the_clause_that_names_it(assistant: Assistant) -> None:
    plan = assistant.plan("同为区级部门，经信委的公务接待费是司法局的多少倍？")
    assert plan.across is Across.COMPARE and "公务接待费" in plan.item


def test_a_column_only_another_table_prints_is_read_there() -> None:
    from conftest import ROOT

    unit = Document.from_truth_dict(json.loads((ROOT / "tests" / "real" / "putuo-swwdw-2025ys.truth.json")
                                               .read_text("utf-8")))
    ans = Assistant([unit]).ask("社会保障和就业支出里人员经费是多少？")
    assert ans.found and ans.figures[0].value == Decimal("3565865")
    assert ans.figures[0].source.table == "1"  # the summary table, the only one with 人员经费 by function


def test_which_of_two_named_in_english_is_compared() -> None:
    from assistant.english import to_chinese

    zh = to_chinese("Which spent more on official receptions (公务接待费): 甲局 in 2025, or 乙委 in 2026? By how much?")
    assert zh.startswith("甲局") and "比乙委" in zh and "公务接待费" in zh and zh.endswith("多多少")


def test_the_nth_largest_asks_the_top_n() -> None:
    from assistant.within import read_ranking

    r = read_ranking("按功能分类的类看，最多的是哪一类？第三多的呢？")
    assert r is not None and r.n == 3


def test_a_unit_the_department_does_not_budget_separately_is_declined() -> None:
    from ingest.model import Section

    doc = _truth("nanan-jxw-2024.truth.json")
    doc.doc_id = "jxw-with-unit"
    doc.sections = doc.sections + [Section("2. 机构设置", "2. 重庆市南岸区企业服务中心，不单列预算。", 2, ["一、部门职责", "机构设置"])]
    ans = Assistant([doc]).ask("南岸区企业服务中心今年预算总额是多少？")
    assert not ans.found and "企业服务中心" in ans.text


def test_english_plural_nouns_read_as_their_singular() -> None:
    from assistant.english import to_chinese

    assert "支出总额" in to_chinese("What were the total expenditures in 2024?")


@pytest.fixture(scope="module")
def three_cities() -> Assistant:
    from conftest import ROOT

    jxw = _truth("nanan-jxw-2024.truth.json")  # 重庆市南岸区
    sfj = _truth("shili-beicheng-sifaju-2024.truth.json")  # 示例市北城区
    wjw = Document.from_truth_dict(json.loads((ROOT / "tests" / "pdfs" / "shili-nanjiang-wjw-2024.truth.json")
                                              .read_text("utf-8")))  # 示例市南江区
    return Assistant([jxw, sfj, wjw])


def test_a_city_named_alone_scopes_its_districts_bodies(three_cities: Assistant) -> None:
    plan = three_cities.plan("示例市这几家单位里，公务接待费最高的是哪家？")
    assert plan.across is Across.RANK and len(plan.scope.doc_ids) == 2


def test_a_counted_group_of_named_documents_is_added(three_cities: Assistant) -> None:
    plan = three_cities.plan("示例市的两家单位，公务接待费加起来是多少？")
    assert plan.across is Across.SUM and len(plan.scope.doc_ids) == 2


def test_documents_counted_before_a_kind_picks_among_them(assistant: Assistant) -> None:
    ans = assistant.ask("载入的文件有几份是2024年的？其中哪一份是决算？")
    assert ans.route == "across:documents" and ans.figures[0].value == Decimal(2)


def test_an_item_named_is_not_a_question_about_the_documents(assistant: Assistant) -> None:
    plan = assistant.plan("“公务接待费”（科目30217）这一项，载入的文件里哪些列了？")
    assert plan.across is not Across.DOCS


def test_a_year_said_after_one_issuer_is_that_issuers(three_cities: Assistant) -> None:
    ans = three_cities.ask("南岸区经信委、北城区司法局（2023年）的公务接待费各是多少？")
    assert any(f.value == Decimal("4.00") for f in ans.figures)  # 经信委's own 2024 figure is still given
    assert not any(f.value == Decimal("2.50") for f in ans.figures)  # 司法局's 2024 figure is not its 2023 one


def test_the_place_before_a_name_goes_with_it(three_cities: Assistant) -> None:
    plan = three_cities.plan("北城区司法局和南江区卫健委的公务接待费加起来多少？")
    assert "北城区" not in plan.item and "南江区" not in plan.item and "公务接待费" in plan.item


def test_a_count_total_is_the_sentence_total_not_its_last_part() -> None:
    from ingest.model import Section

    doc = _truth("nanan-jxw-2024.truth.json")
    doc.doc_id = "jxw-cars"
    doc.sections = [s for s in doc.sections if "辆" not in s.text] + [Section(
        "（四）国有资产占有使用情况", "截至2023年底，本部门共有车辆12辆，其中业务用车5辆，其他用车7辆。", 5, ["（四）国有资产占有使用情况"])]
    ans = Assistant([doc]).ask("他们有多少辆车？")
    assert ans.found and ans.figures[0].value == Decimal(12)


def test_per_vehicle_from_the_vehicles_the_document_says_it_holds() -> None:
    from ingest.model import Section

    doc = _truth("nanan-jxw-2024.truth.json")
    doc.doc_id = "jxw-fleet"
    doc.sections = [s for s in doc.sections if "辆" not in s.text] + [Section(
        "（四）国有资产占有使用情况", "截至2023年底，本部门共有车辆4辆，其中其他用车4辆。", 5, ["（四）国有资产占有使用情况"])]
    a = Assistant([doc])
    running = a.ask("公务用车运行维护费是多少？").figures[0]
    ans = a.ask("按现有车辆平均，每辆车的运行维护费是多少？")
    assert ans.found and ans.figures[0].formula == f"{running.value:.2f} ÷ 4"


def test_both_kinds_together_filter_neither() -> None:
    from assistant.understand.scope import _kind_wanted

    assert _kind_wanted("这几份预决算里，接待费最多的是谁") is None
    assert _kind_wanted("各单位的三公经费是多少？请注明哪个是决算、哪个是预算") is None


def test_documents_past_an_amount_the_question_names(three_cities: Assistant) -> None:
    ans = three_cities.ask("哪些单位的公务接待费超过了3万元？")
    assert ans.found and ans.route == "across:threshold" and ans.figures[0].value == Decimal(1)
    assert "经济和信息化委员会" in ans.text and "司法局" not in ans.text  # 4.00 万元 passes, 2.50 万元 does not


def test_the_top_n_documents_only() -> None:
    from assistant.across import top_n

    assert top_n("三公经费最高的三家是谁") == 3 and top_n("前2名") == 2 and top_n("the top 4") == 4
    assert top_n("哪个最高") is None


def test_one_documents_figure_as_a_share_of_anothers(three_cities: Assistant) -> None:
    ans = three_cities.ask("北城区司法局的公务接待费相当于南岸区经信委公务接待费的百分之几？")
    pct = ans.figures[0]
    assert ans.found and pct.unit == "%" and pct.value == Decimal("62.50")  # 2.50 ÷ 4.00, as the question orders them


def test_each_documents_change_against_its_own_year_before(three_cities: Assistant) -> None:
    plan = three_cities.plan("北城区司法局和南岸区经信委的公务接待费比各自上一年分别变了多少？")
    assert plan.across is Across.EACH


def test_a_fund_named_before_an_item_is_not_the_item() -> None:
    ans = Assistant([_truth("nanan-jxw-2024.truth.json")]).ask("一般公共预算安排的公务接待费是多少？")
    assert ans.found and ans.figures[0].value == Decimal("4.00") and "公务接待费" in ans.figures[0].label


def test_english_and_why_is_a_part_of_its_own() -> None:
    from assistant.english import to_chinese

    assert "？" in to_chinese("How much was budgeted for official receptions in 2024, and why did it change?")


def test_units_of_a_department_ranked_by_the_column_named() -> None:
    from conftest import ROOT

    gz = Document.from_truth_dict(json.loads((ROOT / "tests" / "real" / "guangzhou-wjw-2026ys.truth.json")
                                             .read_text("utf-8")))
    ans = Assistant([gz]).ask("下属单位里，哪家的一般公共预算收入最多？第二名呢？")
    assert ans.found and ans.route == "rank" and len(ans.figures) == 2
    assert ans.figures[0].value >= ans.figures[1].value and ans.figures[0].source.column == "一般公共预算"


def test_a_shortening_with_one_character_of_the_same_sound_names_the_issuer() -> None:
    from assistant.understand.scope import abbreviates_by_sound

    assert abbreviates_by_sound("规化资源局", "上海市普陀区规划和自然资源局"[6:])
    assert not abbreviates_by_sound("规划资源局", "规划和自然资源局")  # spelled right: plain abbreviates
    assert not abbreviates_by_sound("教育局", "规划和自然资源局")


def test_each_issuers_change_when_all_are_said_to_have_changed(three_cities: Assistant) -> None:
    plan = three_cities.plan("北城区司法局和南岸区经信委的公务接待费都比上年少了，各少了多少？")
    assert plan.across is Across.EACH and "上年" in plan.item


def test_each_and_a_counted_group_are_the_documents_not_the_item(three_cities: Assistant) -> None:
    plan = three_cities.plan("示例市两家单位的公务接待费，分别占各自支出总额的百分之几？")
    assert "单位" not in plan.item and "各自" not in plan.item and "公务接待费" in plan.item


def test_a_fund_and_a_column_read_the_funds_table_in_that_column() -> None:
    from conftest import ROOT

    cq = Document.from_truth_dict(json.loads((ROOT / "tests" / "real" / "chongqing-jxw-2026ys.truth.json")
                                             .read_text("utf-8")))
    ans = Assistant([cq]).ask("一般公共预算安排的基本支出是多少？")
    assert ans.found and ans.figures[0].value == Decimal("43908.70")  # 基本支出小计 of the 一般公共预算 table


def test_both_ends_of_a_ranking_when_both_are_asked() -> None:
    ans = Assistant([_truth("nanan-jxw-2024.truth.json")]).ask("基本支出按经济分类的类看，哪一类最多、哪一类最少？")
    assert ans.found and "最多" in ans.text and "最少" in ans.text and len(ans.figures) >= 2


def test_two_characters_head_a_row_only_where_the_questions_word_ends() -> None:
    ans = Assistant([_truth("nanan-jxw-2024.truth.json")]).ask("绩效自评平均得分多少？")
    assert not any("绩效" in f.label and f.unit == "万元" for f in ans.figures)


def test_a_bracketed_note_on_one_document_neither_narrows_nor_filters(three_cities: Assistant) -> None:
    plan = three_cities.plan("示例市那两家单位的公务接待费从高到低排个序（北城区司法局用它的预算数）。")
    assert plan.across is Across.RANK and len(plan.scope.doc_ids) == 2 and "预算数" not in plan.item


def test_one_issuers_years_each_against_its_own_year_before(assistant: Assistant) -> None:
    plan = assistant.plan("司法局2023年和2024年的公务接待费各比上一年少了多少？")
    assert plan.across is Across.EACH
    assert assistant.plan("司法局今年和去年的公务接待费各多少？减少了多少？").across is not Across.EACH


def test_how_much_a_body_spent_is_its_total_expenditure() -> None:
    from assistant.english import to_chinese

    assert "支出总额" in to_chinese("How much did the bureau spend in 2024?")
    assert "支出总额" not in to_chinese("How much did the bureau spend on receptions in 2024?")


def test_a_column_asked_after_a_definition_is_the_departments() -> None:
    ans = Assistant([_truth("nanan-jxw-2024.truth.json")]).ask("“基本支出”指的是什么？今年基本支出是多少？")
    assert ans.found and any(f.unit == "万元" for f in ans.figures)


def test_a_ranked_rows_share_of_its_tables_total_when_asked() -> None:
    ans = Assistant([_truth("nanan-jxw-2024.truth.json")]).ask("按功能分类的类，哪一类支出最多？占百分之几？")
    pct = [f for f in ans.figures if f.unit == "%"]
    assert ans.found and pct and pct[0].formula and "÷" in pct[0].formula


def test_a_typo_is_repaired_where_it_cuts_no_name_spelled_right() -> None:
    from assistant.understand.normalise import HomophoneIndex

    h = HomophoneIndex(["办公费", "三公经费合计", "机关运行经费"])
    assert h.repair("今年办工费花了多少？")[0] == "今年办公费花了多少？"
    assert h.repair("三公经费和机关运行经费各是多少")[1] == []


def test_a_side_alone_is_the_departments_total() -> None:
    ans = Assistant([_truth("nanan-jxw-2024.truth.json")]).ask("2024年一共支出多少？")
    assert ans.found and ans.route == "lookup" and "总额" in ans.figures[0].label


def test_a_level_of_document_set_aside() -> None:
    from conftest import ROOT

    dept = Document.from_truth_dict(json.loads((ROOT / "tests" / "real" / "putuo-sww-2025ys.truth.json").read_text("utf-8")))
    unit = Document.from_truth_dict(json.loads((ROOT / "tests" / "real" / "putuo-swwdw-2025ys.truth.json").read_text("utf-8")))
    unit.doc_id, unit.kind = "swwdw", "单位预算"
    a = Assistant([dept, unit, _truth("nanan-jxw-2024.truth.json")])
    plan = a.plan("只看部门预算、不算单位预算，支出总额最大的是谁？")
    assert "swwdw" not in plan.scope.doc_ids and len(plan.scope.doc_ids) == 2


def test_the_whole_named_as_a_container_is_not_the_item() -> None:
    from assistant.lookup import DocTables, find_matches
    from assistant.vocabulary import load_vocabulary

    tables = DocTables(_truth("nanan-jxw-2024.truth.json"), load_vocabulary())
    labels = [m.label for m in find_matches("部门预算里的政府采购预算是多少", tables)]
    assert "部门预算" not in labels


def test_several_issuers_each_against_a_year_named(three_cities: Assistant) -> None:
    plan = three_cities.plan("北城区司法局和南岸区经信委2024年的公务接待费，和2023年比各减少了多少？")
    assert plan.across is Across.EACH


def test_the_rows_of_a_level_counted_and_named() -> None:
    ans = Assistant([_truth("nanan-jxw-2024.truth.json")]).ask("今年的支出按功能分类一共涉及几个类？分别是哪些？")
    assert ans.found and ans.figures[0].unit == "个" and ans.figures[0].value == len(ans.figures) - 1


def _real_truth(slug: str) -> Document:
    from conftest import ROOT

    return Document.from_truth_dict(json.loads((ROOT / "tests" / "real" / f"{slug}.truth.json").read_text("utf-8")))


def test_a_column_no_table_prints_is_the_row_that_closes_its_group() -> None:
    # the 决算's 基本支出 table prints 人员经费合计 and 公用经费合计 as rows, not as columns
    doc = _real_truth("putuo-shgzb-2024js")
    ans = Assistant([doc]).ask("人员经费是多少？")
    assert ans.found and ans.figures[0].value == Decimal("95.36") and ans.figures[0].label == "人员经费"


def test_a_follow_up_after_a_figure_the_narrative_states_asks_the_new_item() -> None:
    from ingest.model import Section

    doc = _real_truth("putuo-shgzb-2024js")
    doc.sections = [Section("（一）机关运行经费支出情况", "机关运行经费支出10.23万元，比2023年度增加10.23万元。", 21,
                            ["十一、其他重要事项的情况说明", "（一）机关运行经费支出情况"])]
    ans = Assistant([doc]).ask("机关运行经费是多少？人员经费呢？")
    values = {f.value for f in ans.figures}
    assert Decimal("10.23") in values and Decimal("95.36") in values


@pytest.fixture(scope="module")
def two_bases() -> Assistant:
    """A budget whose narrative states 项目支出's change twice: all funds (支出预算) and 一般公共预算."""
    from ingest.model import Section

    doc = _real_truth("chongqing-swjw-2026ys")
    doc.sections = [
        Section("(二) 支出预算", "(二)支出预算:2026年年初预算数174,900.64万元。支出比2025年减少86,685.29万元,"
                "主要是基本支出增加4,372.14万元,项目支出减少91,057.43万元。", 3, ["二、部门预算情况说明", "(二) 支出预算"]),
        Section("三、财政拨款情况说明", "2026年一般公共预算财政拨款支出101,833.84万元,比2025年减少7,885.67万元。"
                "其中:基本支出43,436.09万元,主要用于保障在职人员工资福利,比2025年增加4,245.49万元,主要原因是"
                "社保基数政策性调整;项目支出58,397.75万元,主要用于内陆开放高地建设、国际消费中心城市建设、稳住外贸外资"
                "基本盘、现代流通体系建设等重点工作,比2025年减少12,131.16万元,主要原因是暂缓安排市级配套资金。",
                4, ["三、财政拨款情况说明"]),
    ]
    return Assistant([doc])


def test_the_change_stated_beside_the_items_own_figure_is_its_change(two_bases: Assistant) -> None:
    ans = two_bases.ask("一般公共预算的项目支出比上年减少了多少？")
    values = {f.value for f in ans.figures}
    assert Decimal("12131.16") in values and Decimal("91057.43") not in values


def test_a_bare_why_after_a_change_gives_that_changes_reason(two_bases: Assistant) -> None:
    ans = two_bases.ask("一般公共预算安排的项目支出比上年减了多少？什么原因？")
    assert ans.found and "暂缓安排" in ans.text
    assert Decimal("91057.43") not in {f.value for f in ans.figures}


def test_money_carried_over_is_not_last_years_figure() -> None:
    from ingest.model import Section

    doc = _real_truth("guangzhou-wjw-2026ys")
    doc.sections = [Section("一、部门预算收支增减变化情况", "2026年本部门收入预算3,324,258.76万元，比上年减少189,749.55万元，"
                            "下降5.4%。", 114, ["一、部门预算收支增减变化情况"])]
    a = Assistant([doc])
    ans = a.ask("收入预算较上年减少多少？")
    assert Decimal("189749.55") in {f.value for f in ans.figures}
    assert all("结转" not in f.label for f in ans.figures)


def test_a_place_named_beside_department_names_keeps_that_places_ones() -> None:
    from assistant.understand.scope import Mention, _places_narrow

    q = "东湖区两家（财政局、教委）的会议费合计多少？"
    place = Mention("东湖区", 0, ("bs-tj", "bs-sc"))
    tj = Mention("财政局", q.find("财政局"), ("bs-tj", "fy-tj"))
    sc = Mention("教委", q.find("教委"), ("bs-sc",))
    out = _places_narrow([place, tj, sc], q)
    assert [m.doc_ids for m in out] == [("bs-tj",), ("bs-sc",)]


def test_a_reading_note_in_brackets_does_not_narrow_the_place() -> None:
    from assistant.understand.scope import Mention, _places_narrow

    q = "东湖区那几家单位的支出加起来多少（财政局取决算数）？"
    place = Mention("东湖区", 0, ("bs-tj", "bs-sc"))
    tj = Mention("财政局", q.find("财政局"), ("bs-tj", "fy-tj"))
    assert [m.doc_ids for m in _places_narrow([place, tj], q)] == [("bs-tj", "bs-sc"), ("bs-tj", "fy-tj")]


def test_who_spent_most_states_the_first_three_not_every_document() -> None:
    from assistant.across import ranked_count

    assert ranked_count("几个部门里谁的会议费最高？") == 3
    assert ranked_count("按公务接待费从高到低排一下，谁最多？") is None  # the order asked: all of it
    assert ranked_count("加起来一共多少？哪个部门最多？") is None  # a sum needs every one
    assert ranked_count("最高的两家是谁？") == 2


def test_a_question_that_leans_on_the_one_before_is_read_with_it(assistant: Assistant) -> None:
    first = assistant.ask("司法局2024年公务接待费是多少？")
    other = assistant.ask("那经信委的呢？", previous="司法局2024年公务接待费是多少？")
    assert other.asked_as.startswith("经信委") and "公务接待费" in other.asked_as
    assert other.found and other.figures and other.figures[0].value != first.figures[0].value
    same = assistant.ask("那这笔钱折合多少元？", previous="司法局2024年公务接待费是多少？")
    assert same.asked_as.startswith("司法局2024年") and same.found


def test_a_question_that_names_its_own_body_or_every_document_stands_alone(assistant: Assistant) -> None:
    before = "司法局2024年公务接待费是多少？"
    for q in ("经信委2024年的公务接待费是多少？", "这些单位里谁的公务接待费最多？", "公务接待费是什么意思？"):
        assert assistant.ask(q, previous=before).asked_as == ""


def test_follow_on_swaps_the_body_and_keeps_the_item() -> None:
    from assistant.understand.followon import follow_on
    from assistant.understand.scope import Mention

    def mentions(t: str) -> list[Mention]:
        return [Mention(n, t.find(n), (n,)) for n in ("东湖区财政局", "西江区财政局") if n in t]

    assert follow_on("西江区财政局的呢？", "东湖区财政局2024年的会议费是多少？", mentions) == "西江区财政局的会议费是多少？"
    assert follow_on("那2023年呢？", "东湖区财政局2024年的会议费是多少？", mentions) == "东湖区财政局2023年的会议费是多少？"
    assert follow_on("会议费是多少？", "东湖区财政局2024年支出多少？", mentions) == "会议费是多少？"
    # in a chat with no body named, the thing asked before stands in front of a comparison or a pointer
    none = lambda t: []  # noqa: E731
    assert follow_on("比上年多了多少？", "2024年的会议费是多少？", none) == "2024年的会议费比上年多了多少？"
    assert follow_on("这笔钱占支出总额的比例是多少？", "2010301是什么科目？安排了多少？", none) == \
        "2010301占支出总额的比例是多少？"


def test_a_column_read_in_another_table_is_read_on_the_same_row() -> None:
    # 基本支出 is a column of the function table, not of the economic one: the row printed there
    # under the same name, never another row of the name's concept (住房公积金)
    doc = _real_truth("putuo-wanli-2025ys")
    ans = Assistant([doc]).ask("基本支出里养老保险缴费、职业年金缴费加起来多少？")
    values = {f.value for f in ans.figures}
    assert Decimal("7240733") in values and Decimal("3846732") not in values


def test_a_funds_column_is_not_a_budget_column_of_a_final_account() -> None:
    # 一般公共预算财政拨款 heads a column of the 决算's 财政拨款收支总表: not the 全年预算 asked
    from ingest.model import Section

    doc = _real_truth("putuo-shgzb-2024js")
    doc.sections = [Section("（三）一般公共预算财政拨款支出决算具体情况", "2024年度一般公共预算财政拨款支出年初预算为0万元，"
                            "全年预算为321.02万元，支出决算为307.82万元。", 18, ["（三）一般公共预算财政拨款支出决算具体情况"])]
    values = {f.value for f in Assistant([doc]).ask("一般公共预算支出的全年预算是多少？").figures}
    assert Decimal("321.02") in values and Decimal("264.87") not in values


def test_a_comparison_taken_for_granted_is_confirmed_or_corrected(assistant: Assistant) -> None:
    both = assistant.ask("经信委和司法局2024年的公务接待费各是多少？")
    jxw, sfj = (next(f.value for f in both.figures if name in (f.label or "")) for name in ("南岸区", "司法局"))
    ans = assistant.ask("经信委2024年的公务接待费应该比司法局2024年高吧？")
    assert ans.text.startswith("是的" if jxw > sfj else "不是")
    ans = assistant.ask("经信委2024年的公务接待费应该比司法局2024年低吧？")
    assert ans.text.startswith("是的" if jxw < sfj else "不是")


def test_whose_document_is_answered_with_its_issuer(assistant: Assistant) -> None:
    ans = assistant.ask("2023年那份文件是哪个部门的？公务接待费多少？")
    assert ans.found and "司法局" in ans.text and "2023" in ans.text
    plan = assistant.plan("北城区一共有几个部门的材料？")
    assert plan.across is Across.DOCS


def test_a_share_asked_against_a_bar_gets_the_verdict() -> None:
    doc = _real_truth("putuo-wanli-2025ys")
    a = Assistant([doc])
    share = a.ask("城乡社区支出占支出总计的比例是多少？").figures
    pct = next(f.value for f in share if f.unit == "%")
    ans = a.ask("城乡社区支出在支出总计里是不是超过了七成？")
    assert ans.found and ans.text.startswith("是，" if pct > 70 else "没有，")
    ans = a.ask("城乡社区支出占支出总计的比例不到一半吧？")
    assert ans.text.startswith("是，" if pct < 50 else "不是，")


def test_a_rows_code_is_stated_when_asked() -> None:
    doc = _real_truth("jiangsu-jcy-2017ys")
    ans = Assistant([doc]).ask("提租补贴的功能分类编码是什么？")
    assert "2210202" in ans.text
    ans = Assistant([doc]).ask("提租补贴按经济分类的科目代码？")
    assert "30312" in ans.text


def test_a_share_of_a_funds_column_reads_that_column() -> None:
    doc = _real_truth("putuo-sww-2025ys")
    ans = Assistant([doc]).ask("一般公共预算基本支出当中，人员经费的占比？")
    pct = next(f for f in ans.figures if f.unit == "%")
    assert abs(pct.value - Decimal("91.38")) < Decimal("0.01")


def test_which_bodies_give_an_item_asks_every_document_for_the_item(assistant: Assistant) -> None:
    plan = assistant.plan("哪几家单位公开了政府采购预算？各多少？")
    assert plan.across is Across.EACH and "政府采购预算" in plan.item and "公开" not in plan.item
    ans = assistant.ask("哪几家单位公开了政府采购预算？各多少？")
    assert "经济和信息化委员会" in ans.text and "司法局" in ans.text


def test_both_up_on_a_named_year_is_each_ones_own_change(assistant: Assistant) -> None:
    plan = assistant.plan("经信委和司法局2024年的支出都比2023年多了，各多了多少？")
    assert plan.across is Across.EACH and "比上年" in plan.item and "2023" not in plan.item


def test_the_cli_reads_a_question_after_the_one_before(use_sample_store) -> None:  # noqa: ANN001
    from click.testing import CliRunner

    from assistant.cli import cli

    out = CliRunner().invoke(cli, ["ask", "那公务用车运行维护费呢？", "--after", "经信委今年招待客人花多少钱？", "--json"])
    assert out.exit_code == 0, out.output
    got = json.loads(out.output.strip().splitlines()[-1])
    assert got["asked_as"].startswith("经信委") and got["found"]


def test_a_part_of_a_count_is_counted_in_the_same_unit() -> None:
    from ingest.model import Section

    doc = _truth("shili-beicheng-sifaju-2024.truth.json")
    doc.sections = doc.sections + [Section("（三）国有资产占用情况", "截至2023年底，本部门共有车辆9辆，其中：一般公务用车3辆、"
                                           "执法执勤用车5辆、其他用车1辆。", 9, ["（三）国有资产占用情况"])]
    ans = Assistant([doc]).ask("总共几辆车？其中执法执勤用车多少？")
    assert {(f.value, f.unit) for f in ans.figures} >= {(Decimal("9"), "辆")} and "执法执勤用车5辆" in ans.text


def test_a_unit_of_a_loaded_place_no_document_prints_is_declined() -> None:
    doc = _truth("shili-beicheng-sifaju-2024.truth.json")
    ans = Assistant([doc]).ask("北城区公证服务中心2024年安排了多少预算？")
    assert not ans.found and "公证服务中心" in ans.text


def test_an_item_a_per_unit_table_does_not_split_is_declined_for_the_unit() -> None:
    doc = _real_truth("guangzhou-wjw-2026ys")
    ans = Assistant([doc]).ask("广州市第一人民医院2026年招待费花多少？")
    assert not ans.found and "第一人民医院" in ans.text


def test_buying_said_verb_first_names_the_purchase_row() -> None:
    doc = _truth("nanan-jxw-2024.truth.json")
    ans = Assistant([doc]).ask("今年有没有钱购置新的公务用车？")
    assert ans.found and "购置" in ans.figures[0].label


def test_a_count_before_a_name_fitting_several_issuers_compares_them() -> None:
    jxw, sfj = _truth("nanan-jxw-2024.truth.json"), _truth("shili-beicheng-sifaju-2024.truth.json")
    other = copy.deepcopy(sfj)
    other.doc_id, other.issuer = "xj-sfj", "示例市西江区司法局"
    plan = Assistant([jxw, sfj, other]).plan("两个司法局的公务接待费谁高？高多少？")
    assert plan.across is Across.COMPARE and len(plan.scope.doc_ids) == 2


def test_one_issuers_two_years_one_over_the_other(assistant: Assistant) -> None:
    ans = assistant.ask("司法局的公务接待费，2024年是2023年的几倍？")
    assert ans.found and any(f.unit == "倍" for f in ans.figures)


def test_something_inside_a_named_whole_that_no_table_splits_is_declined(assistant: Assistant) -> None:
    ans = assistant.ask("司法局2024年政府采购里面预留给中小企业的有多少？")
    assert not ans.found


def test_a_sum_stated_in_wan_yuan_is_the_sum_the_text_gives() -> None:
    from assistant.arithmetic import fmt

    doc = _real_truth("putuo-sww-2025ys")  # tables in 元
    ans = Assistant([doc]).ask("人员经费是多少万元？")
    assert ans.found and all(f.value == Decimal(fmt(f.value, "万元")) for f in ans.figures if f.unit == "万元")


def test_a_hearsay_opening_is_not_a_body_and_a_wrong_premise_is_corrected() -> None:
    doc = _truth("shili-beicheng-sifaju-2024.truth.json")  # its narrative: 三公 比 2023 年增加
    ans = Assistant([doc]).ask("据说这个局2024年的“三公”经费比上年压缩了，压缩了多少？")
    assert ans.found and "不是减少" in ans.text


def test_a_sentence_wrapped_onto_the_next_line_is_read_whole() -> None:
    from assistant.narrative import _unwrapped

    text = ("（二）绩效目标设置情况。2024 年项目支出均实行了绩效目标管理，涉及一般公共预算财政拨款\n"
            "135.07 万元。\n联系人：张三\n电话：12345678\n1.负责全区统计工作；\n2.承办交办的其他事项。")
    lines = _unwrapped(text)
    assert lines[0].endswith("财政拨款135.07 万元。") and "联系人：张三" in lines and len(lines) == 5


def test_a_year_before_is_worked_out_from_an_amount_never_from_a_rate() -> None:
    from assistant import arithmetic as ar
    from assistant.answer import Figure

    with pytest.raises(ValueError):
        ar.previous_from_change(Figure(Decimal("100"), "万元", "x"), Figure(Decimal("20"), "%", "y"), "增加", "z")


def test_indicators_named_together_each_get_their_target() -> None:
    from ingest.model import Cell, Row, Table

    doc = _truth("nanan-jxw-2024.truth.json")
    cols = ["指标性质", "指标值", "计量单位", "指标权重(%)"]

    def row(name: str, value: str, unit: str) -> Row:
        return Row(name, {"指标性质": Cell.of("≥"), "指标值": Cell.of(value), "计量单位": Cell.of(unit),
                          "指标权重(%)": Cell.of("10")})

    doc.tables = doc.tables + [
        Table("表十", "2024年部门整体绩效目标表", "", 20, cols, [row("新增规上工业企业数量", "60", "家"),
                                                                row("工业投资增长率", "8", "%")], role="perf_overall"),
        Table("表十一", "2024年项目绩效目标表", "", 21, cols, [row("培训人次", "500", "人次")], role="perf_project"),
    ]
    ans = Assistant([doc]).ask("部门整体绩效目标里，新增规上工业企业数量和工业投资增长率各定了多少？")
    assert {(f.value, f.unit) for f in ans.figures} >= {(Decimal("60"), "家"), (Decimal("8"), "%")}


def test_a_count_of_bodies_is_not_answered_with_a_count_of_cars() -> None:
    cars = Answer("q", "共有车辆0辆（说明，第5页）。", True, [], [], route="count")
    assert not vet("纳入这份决算的单位一共有几个？", copy.deepcopy(cars)).found
    assert vet("一共有几辆车？", copy.deepcopy(cars)).found
    staff = Answer("q", "行政编制20名（说明，第2页）。", True, [Figure(Decimal("20"), "名", "行政编制")], [], route="count")
    assert vet("有多少个行政编制？", staff).found


def test_levels_counted_when_asked_of_the_classification() -> None:
    doc = _truth("nanan-jxw-2024.truth.json")
    ans = Assistant([doc]).ask("支出分布在几个功能分类的“类”里？")
    assert ans.found and ans.figures[0].unit == "个"


def test_the_figure_asked_among_several_in_one_sentence_is_picked() -> None:
    from ingest.model import Section

    doc = _real_truth("putuo-shgzb-2024js")  # no procurement table: the narrative tells it
    doc.sections = [Section("（二）政府采购支出情况", "2024年度政府采购金额（以合同签订为准）为100.00万元，其中：货物采购"
                                           "金额20.00万元、工程采购金额70.00万元、服务采购金额10.00万元。", 8, ["（二）政府采购支出情况"])]
    ans = Assistant([doc]).ask("政府采购里，工程采购的合同金额是多少元？")
    assert Decimal("700000") in {f.value for f in ans.figures}


def test_budgets_and_final_accounts_named_together_keep_both_kinds(assistant: Assistant) -> None:
    plan = assistant.plan("这几份预算决算里，谁家的公务接待费最多？")
    assert plan.across is Across.RANK and len(plan.scope.doc_ids) == 3 and plan.item.startswith("公务接待费")


def test_a_difference_asked_in_wan_yuan_is_given_in_wan_yuan(assistant: Assistant) -> None:
    ans = assistant.ask("经信委和司法局2024年的预算总额差多少万元？")
    assert ans.found and ans.figures[0].unit == "万元"


def test_english_how_many_times_larger_is_a_ratio() -> None:
    from assistant.english import to_chinese

    zh = to_chinese("How many times larger is 甲局's total budget than 乙委's?")
    assert zh.endswith("的几倍") and zh.startswith("甲局")
    assert vet("How many times larger is A than B?", Answer("q", "A is higher. That is 8.41 times as much.", True,
                                                            [Figure(Decimal("8.41"), "倍", "x")], [])).found


def test_a_year_before_needs_a_sentence_that_names_the_item() -> None:
    from ingest.model import Section

    doc = _truth("shili-beicheng-sifaju-2024.truth.json")
    doc.sections = [Section("（八）机关运行经费", "2024年，本部门收入预算1569.20万元，比2023年预算增加100.00万元。", 6,
                            ["（八）机关运行经费"])]
    ans = Assistant([doc]).ask("2023年的机关运行经费预算是多少？")
    assert Decimal("1469.20") not in {f.value for f in ans.figures}


def test_budget_and_actual_stated_in_the_narrative_give_their_difference() -> None:
    from ingest.model import Section

    doc = _real_truth("putuo-shgzb-2024js")
    doc.sections = [Section("（三）一般公共预算财政拨款支出决算具体情况", "行政运行（项）。年初预算为50.00万元，支出决算为45.50万元，"
                            "完成年初预算的91.00%。", 18, ["（三）一般公共预算财政拨款支出决算具体情况"])]
    ans = Assistant([doc]).ask("行政运行决算比年初预算少花了多少？")
    assert Decimal("4.50") in {f.value for f in ans.figures}


def test_a_hedged_year_before_with_a_how_to_is_worked_out_from_the_total() -> None:
    doc = _truth("shili-beicheng-sifaju-2024.truth.json")
    plain = Assistant([doc]).ask("2023年的预算是多少？")
    hedged = Assistant([doc]).ask("2023年的预算大概是多少？按说明里的增减推一下。")
    assert [f.value for f in hedged.figures][:1] == [f.value for f in plain.figures][:1]


# -- rules of the genre read from the thirteenth round of never-seen sets -------------------------

def test_a_three_character_shortening_typed_by_sound_swaps_only_its_middle() -> None:
    from assistant.understand.scope import abbreviates_by_sound

    assert abbreviates_by_sound("规化局", "规划和自然资源局")
    assert not abbreviates_by_sound("归划局", "规划和自然资源局")  # the first character is as printed


def test_spoken_fillers_opening_a_question_are_dropped() -> None:
    from assistant.understand.normalise import normalise

    assert normalise("嗯……那个，就是西江区的统计局跟民政局，谁的住房公积金多？").text.startswith("西江区的统计局")
    assert normalise("那个部门的三公经费多少").text == "那个部门的三公经费多少"  # a pointer, not a filler


def test_the_two_things_asked_before_are_what_a_difference_points_at(assistant: Assistant) -> None:
    first = assistant.ask("经信委和司法局的公务接待费各是多少？")
    then = assistant.ask("两者差多少？", previous=first.asked_as or first.question)
    assert "经信委" in then.asked_as and "司法局" in then.asked_as and then.found
    assert any(f.value == Decimal("1.5") for f in then.figures)


def test_a_part_asking_the_code_the_difference_or_the_share_reads_the_row_before(assistant: Assistant) -> None:
    code = assistant.ask("经信委行政运行支出多少？科目编码是啥？")
    assert "2150501" in code.text
    gap = assistant.ask("经信委基本支出和项目支出各多少？差多少？")
    assert any(f.value == Decimal("3676.28") for f in gap.figures)
    share = assistant.ask("经信委机关运行经费多少？占基本支出多少？")
    assert any(f.unit == "%" and f.value == Decimal("10.56") for f in share.figures)


def test_a_definition_names_the_term_asked_or_is_not_given(assistant: Assistant) -> None:
    ans = assistant.ask("经信委的机关运行经费是指什么？")
    assert "“三公”经费：指" not in ans.text  # the seed defines 三公 but not 机关运行经费
    sfj = assistant.ask("司法局2024年机关运行经费是指什么？")
    assert "机关运行经费：指" in sfj.text


def test_a_bodys_duties_come_from_its_duties_section(assistant: Assistant) -> None:
    ans = assistant.ask("经信委主要管什么？")
    assert ans.found and "职能职责" in ans.text and "贯彻执行" in ans.text


def test_a_list_of_units_without_amounts_states_no_figure() -> None:
    from assistant.lookup import has_amounts
    from ingest.model import Cell, Row, Table

    units = Table("表@4", "", "万元", 4, ["备注"], [Row("某区某某服务中心", {"备注": Cell("", None)})])
    blank = Table("表9", "三公经费", "万元", 9, ["公务接待费"], [Row("合计", {"公务接待费": Cell("", None)})])
    assert not has_amounts(units) and has_amounts(blank)  # a blank 三公 table states zeros


def test_an_english_body_not_loaded_is_named_in_chinese_and_declined() -> None:
    from assistant.english_issuers import EnglishIssuer, replace_english_issuers

    loaded = [EnglishIssuer("a", "示例市金水区统计局", ["jinshui"])]
    text, put = replace_english_issuers("the total budget of the Jinshui District Civil Affairs Bureau", loaded)
    assert "金水区民政局" in text and put == []


def test_which_bodies_went_up_lists_each_documents_own_change(assistant: Assistant) -> None:
    ans = assistant.ask("哪些单位的三公经费比上年增加了？")
    assert ans.route == "across:turn" and ans.found


def test_a_place_typed_by_another_reading_of_its_character_is_repaired() -> None:
    from assistant.understand.normalise import HomophoneIndex

    text, fixed = HomophoneIndex(["长宁区商务委员会"]).repair("常宁区商务委员会的基本支出是多少")
    assert text.startswith("长宁区商务委员会") and fixed == [("常宁区商务委员会", "长宁区商务委员会")]


def test_a_share_asked_after_a_figure_is_of_that_figure_not_its_row(assistant: Assistant) -> None:
    ans = assistant.ask("经信委基本支出是多少？占总支出的百分之几？")
    assert any(f.unit == "%" for f in ans.figures) and "基本支出" in ans.text


def test_a_named_project_is_not_answered_with_a_class_row() -> None:
    from assistant.answer import Source

    row = Figure(Decimal("152679.32"), "万元", "2026年卫生健康支出",
                 Source(document="d", table="表5", code="210", row="卫生健康支出", column="合计", page=16))
    ans = vet("急救医疗指挥中心调度席位扩容项目给了多少钱？", Answer("q", "2026年卫生健康支出 152679.32 万元", True, [row]))
    assert not ans.found and "调度席位扩容" in ans.text
    own = Figure(Decimal("1000"), "万元", "2024年中小企业发展专项",
                 Source(document="d", table="表二", code=None, row="中小企业发展专项", column="合计", page=9))
    assert vet("中小企业那个专项今年安排了多少钱？", Answer("q", "1000.00 万元", True, [own])).found


def test_a_row_name_with_a_unit_suffix_is_a_unit_not_the_row() -> None:
    from assistant.answer import Source

    row = Figure(Decimal("315.89"), "万元", "2025年司法",
                 Source(document="d", table="表二", code="20406", row="司法", column="合计", page=3))
    assert not vet("各司法所各自拿到多少钱？", Answer("q", "2025年司法 315.89 万元", True, [row])).found
    assert vet("司法支出多少？", Answer("q", "2025年司法 315.89 万元", True, [copy.copy(row)])).found


def test_a_column_named_in_a_ranking_ranks_by_that_column() -> None:
    doc = _truth("shili-beicheng-sifaju-2024.truth.json")
    ans = Assistant([doc]).ask("项目支出中哪一项最多？")
    assert ans.route == "rank" and "项目支出最多" in ans.text


def test_a_follow_up_naming_only_a_column_keeps_the_item_before() -> None:
    from assistant.understand.followon import follow_on

    asked = follow_on("那调整预算呢？", "某局2024年会议费实际用了多少？", lambda _: [])
    assert asked.startswith("某局2024年会议费") and "实际" not in asked and asked.endswith("调整预算呢？")


def test_a_follow_up_naming_a_place_and_its_units_asks_them_all() -> None:
    from assistant.understand.followon import follow_on
    from assistant.understand.scope import Mention

    def mentions(text: str) -> list[Mention]:
        return [Mention(n, text.find(n), ("a", "b")) for n in ("北城区", "南岸区财政局") if n in text]

    asked = follow_on("那北城区的3家单位呢？", "南岸区财政局的会议费合计多少？", mentions)
    assert asked.startswith("北城区") and "会议费" in asked


def test_which_bodies_went_up_counted_lists_each_documents_own_change(assistant: Assistant) -> None:
    ans = assistant.ask("三公经费比上年多了的单位有几家？")
    assert ans.route == "across:turn" and ans.figures[0].unit == "家"


def test_both_kinds_counted_counts_each_kind(assistant: Assistant) -> None:
    ans = assistant.ask("预算几份、决算几份？")
    assert ans.route == "across:documents" and {f.label for f in ans.figures} >= {"决算文件数", "预算文件数"}


def test_an_english_court_is_not_the_procuratorate() -> None:
    from assistant.english_issuers import EnglishIssuer, replace_english_issuers

    loaded = [EnglishIssuer("a", "浙江省人民检察院", ["zhejiang"])]
    text, put = replace_english_issuers("spending of the Zhejiang High People's Court", loaded)
    assert "浙江省高级人民法院" in text and put == []


def test_a_rate_of_change_asked_with_the_change_is_worked_out() -> None:
    doc = _truth("shili-beicheng-sifaju-2024.truth.json")
    ans = Assistant([doc]).ask("2024年支出比上年增加了多少？增长率是多少？")
    assert ans.found and any(f.unit == "%" for f in ans.figures)


def test_another_item_then_both_together_adds_the_item_before() -> None:
    from assistant.understand.followon import follow_on

    asked = follow_on("初中教育呢？2个合计多少？", "某教委2024年高中教育是多少", lambda _: [])
    assert asked == "某教委2024年高中教育和初中教育合计多少？"


def test_a_name_typed_with_a_fuzzy_pinyin_final_is_repaired() -> None:
    from assistant.understand.normalise import HomophoneIndex

    text, fixed = HomophoneIndex(["东区民政局"]).repair("东区明政局的会议费")
    assert text.startswith("东区民政局") and fixed == [("东区明政局", "东区民政局")]


def test_a_comparison_said_with_gen_bi_reads_as_bi() -> None:
    from assistant.understand.normalise import normalise

    assert normalise("支出跟2022年比是增加还是减少？").text == "支出比2022年增加还是减少？"
    assert normalise("和上年相比，增加了多少").text == "比上年增加了多少"


def test_a_place_whose_bodies_are_several_adds_them() -> None:
    jxw, sfj = _truth("nanan-jxw-2024.truth.json"), _truth("shili-beicheng-sifaju-2024.truth.json")
    other = _twin(jxw, "bc-jxw", "示例市北城区经济和信息化委员会")
    plan = Assistant([jxw, sfj, other]).plan("北城区的公务接待费加一块儿是多少？")
    assert plan.across is Across.SUM and len(plan.scope.doc_ids) == 2


def test_a_follow_up_about_the_whole_of_an_amount_leans_on_the_question_before() -> None:
    from assistant.understand.followon import follow_on

    asked = follow_on("它占全部收入的百分之几？", "某局2023年会议费用了多少？", lambda _: [])
    assert asked.startswith("某局2023年会议费") and asked.endswith("占全部收入的百分之几？")


def test_both_after_a_name_that_fits_two_documents_asks_them_together() -> None:
    from assistant.understand.followon import follow_on
    from assistant.understand.scope import Mention

    def mentions(text: str) -> list[Mention]:
        return [Mention("北城区", text.find("北城区"), ("a", "b"))] if "北城区" in text else []

    assert follow_on("这两家加一块多少？", "北城区的会议费是多少？", mentions) == "北城区的会议费加一块多少？"


def test_how_much_apart_after_a_change_is_the_change_itself(assistant: Assistant) -> None:
    ans = assistant.ask("司法局今年公务接待费比2023年是多了还是少了？差了多少？")
    assert ans.found and not any("之差" in f.label for f in ans.figures)



def _with_sentence(tmp_path, sentence: str) -> Document:  # type: ignore[no-untyped-def]
    """The 临川区市场监管局 text form with ``sentence`` added to its first section."""
    from conftest import ROOT
    from ingest.pipeline import parse_path

    text = (ROOT / "tests" / "pdfs" / "shili-linchuan-scjg-2024.md").read_text("utf-8")
    text = text.replace("\n二、收支预算总体情况", f"\n{sentence}\n\n二、收支预算总体情况", 1)
    path = tmp_path / "with-sentence.md"
    path.write_text(text, "utf-8")
    return parse_path(path)


def _with_units_sentence(tmp_path) -> Document:  # type: ignore[no-untyped-def]
    return _with_sentence(tmp_path, "本部门预算包括局本部以及下属3家预算单位。本部门中，行政单位1家，参公单位1家，事业单位2家。")


def test_counts_of_one_kind_set_apart_by_their_words_are_not_added(tmp_path) -> None:  # type: ignore[no-untyped-def]
    doc = _with_sentence(tmp_path, "编报绩效目标的2024年度项目12个。绩效自评的2024年度项目9个，平均得分98分。"
                                   "绩效跟踪评价的2024年度项目3个。")
    ans = Assistant([doc]).ask("做了绩效自评的项目一共几个？")
    assert ans.found and ans.figures[0].value == 9


def test_a_count_after_a_clause_mark_belongs_to_the_next_number(tmp_path) -> None:  # type: ignore[no-untyped-def]
    a = Assistant([_with_units_sentence(tmp_path)])
    assert [f.value for f in a.ask("事业单位有几家？").figures][:1] == [Decimal(2)]
    both = a.ask("本部门预算涵盖几家单位？其中事业单位有几家？")
    assert {Decimal(4), Decimal(2)} <= {f.value for f in both.figures}  # 本部 and its 3 units; 2 of them


def test_one_row_as_a_multiple_of_another_in_one_document() -> None:
    doc = _truth("nanan-jxw-2024.truth.json")
    ans = Assistant([doc]).ask("人员经费是公用经费的几倍？")
    assert ans.found and ans.figures[0].unit == "倍" and "÷" in (ans.figures[0].formula or "")


def test_which_three_ranks_three() -> None:
    from assistant.within import read_ranking

    r = read_ranking("基本支出里，哪3个经济科目钱最多？")
    assert r is not None and r.n == 3 and r.economic


def test_a_units_income_is_read_in_an_income_table() -> None:
    doc = _real_truth("guangzhou-wjw-2026ys")  # each unit's row in the income, spending and basic tables
    ans = Assistant([doc]).ask("广州血液中心今年收入多少？")
    assert ans.found and "收入" in (ans.figures[0].source.table_title or "")


def test_the_group_of_bodies_in_scope_is_not_part_of_the_item(assistant: Assistant) -> None:
    plan = assistant.plan("那两个部门里，公务接待费谁最多？")
    assert plan.item.startswith("公务接待费")


def test_bi_before_a_name_that_opens_with_zhong_compares(assistant: Assistant) -> None:
    from assistant.understand.plan import _BI
    import re

    assert re.search(_BI, "A局的会议费比重庆市的多吗？")
    assert not re.search(_BI, "会议费占总支出比重是多少？")


def test_the_units_a_document_covers_are_counted_from_its_printed_list() -> None:
    from ingest.model import Cell, Row, Table

    doc = copy.deepcopy(_truth("nanan-jxw-2024.truth.json"))
    units = Table("表@4", "部门决算单位构成", "", 4, ["单位名称", "备注"],
                  [Row(n, {"备注": Cell("", None)}) for n in ("某局（本级）", "某局执法大队", "某区土地发展中心")],
                  header_rows=[["序号", "单位名称", "备注"]])
    doc.tables.append(units)
    ans = Assistant([doc]).ask("本部门共纳入几家单位？")
    assert ans.found and ans.figures[0].value == 3



def test_is_it_more_of_two_equal_figures_says_no() -> None:
    jxw = _truth("nanan-jxw-2024.truth.json")
    twin = _twin(jxw, "bc-jxw", "示例市北城区经济和信息化委员会")
    ans = Assistant([jxw, twin]).ask("南岸区经信委的公务接待费是不是比北城区经信委的还多？")
    assert ans.text.startswith("不是：两者相同")


def test_a_change_of_an_item_named_inside_another_is_the_inner_items() -> None:
    doc = _truth("shili-beicheng-sifaju-2024.truth.json")
    ans = Assistant([doc]).ask("三公经费当中的公务接待费比上年增加了多少？")
    assert ans.found and "公务接待费" in ans.text.split("，")[0]


def test_a_possessive_inside_an_english_term_is_dropped() -> None:
    from assistant.english import to_chinese

    assert "公务用车运行维护费" in to_chinese("How much is budgeted for running its official vehicles?")
    assert "公务用车运行维护费" in to_chinese("How much is spent on running official cars?")


def test_the_rows_under_the_row_just_read_are_listed_with_their_amounts() -> None:
    doc = _truth("nanan-jxw-2024.truth.json")
    ans = Assistant([doc]).ask("社会保障和就业支出是多少？它下面有哪些款，各多少？")
    assert ans.found and len([f for f in ans.figures if f.source and f.source.code and len(f.source.code) == 5]) == 2


def test_a_blank_form_gives_no_amount() -> None:
    from ingest.model import Cell

    doc = copy.deepcopy(_truth("nanan-jxw-2024.truth.json"))
    for t in doc.tables:
        for r in t.rows:
            r.values = {k: Cell("XX", None) for k in r.values}
    ans = Assistant([doc]).ask("三公经费花了多少？")
    assert not ans.found and "空白" in ans.text


def test_a_threshold_asked_with_le_meiyou_is_judged() -> None:
    doc = _truth("nanan-jxw-2024.truth.json")
    ans = Assistant([doc]).ask("办公费超过1000万了没有？")
    assert ans.route.startswith("threshold") and ans.text.startswith("否")


def test_a_comparison_said_first_is_put_before_what_is_said_of_the_item() -> None:
    from assistant.understand.normalise import normalise

    assert normalise("与上年相比，一般公共预算收入是否下降了？").text == "一般公共预算收入比上年是否下降了？"


def test_a_place_before_a_short_name_two_issuers_share_picks_its_own() -> None:
    jxw = _truth("nanan-jxw-2024.truth.json")
    twin = _twin(jxw, "bc-jxw", "示例市北城区经济和信息化委员会")
    plan = Assistant([jxw, twin]).plan("北城区经信委的会议费有多少？")
    assert plan.scope.doc_ids == ("bc-jxw",)


def test_the_kind_street_office_names_every_loaded_street_office() -> None:
    jxw = _truth("nanan-jxw-2024.truth.json")
    a, b = _twin(jxw, "wj", "示例市丰源区望江街道办事处"), _twin(jxw, "wl", "上海市普陀区人民政府万里街道办事处")
    plan = Assistant([jxw, a, b]).plan("几个街道办的会议费分别多少？")
    assert set(plan.scope.doc_ids) == {"wj", "wl"}


def test_a_reason_in_the_sentence_after_the_change_is_given(tmp_path) -> None:  # type: ignore[no-untyped-def]
    doc = _with_sentence(tmp_path, "与 2023 年度相比，收入支出总计增加 98.76 万元，增长9.3%。主要原因：年内新设执法中队。")
    ans = Assistant([doc]).ask("收入支出总计比上年减少了吧？为啥？")
    assert ans.found and "新设执法中队" in ans.text and "不是减少" in ans.text


def test_a_bodys_own_office_is_not_another_body() -> None:
    from assistant.understand.scope import body_names

    assert body_names("一共包含几家单位（算上街道本部）？") == []
    assert [n for n, _ in body_names("卫健局机关运行经费多少")] == ["卫健局"]


def test_it_in_another_year_is_the_thing_before_in_that_year() -> None:
    from assistant.understand.followon import follow_on

    assert follow_on("它上年呢？", "会议费今年是否比去年减少了？", lambda _: []) == "会议费上年呢？"


def test_the_kind_of_body_said_for_itself_asks_its_duties() -> None:
    from assistant.narrative_answers import NarrativeAnswers

    doc = _twin(_truth("nanan-jxw-2024.truth.json"), "hy", "示例市云溪区花园街道办事处")
    assert NarrativeAnswers._about_itself("这个街道办管哪些事", doc)


def test_a_whole_budget_asked_in_money_words_is_the_department_total() -> None:
    ans = Assistant([_truth("nanan-jxw-2024.truth.json")]).ask("经信委今年总共预算多少钱？")
    assert ans.found and "总额" in ans.figures[0].label


def test_this_body_and_this_item_point_at_the_question_before() -> None:
    from assistant.understand.followon import follow_on
    from assistant.understand.scope import Mention

    def mentions(text: str) -> list[Mention]:
        return [Mention("审计局", text.find("审计局"), ("a",))] if "审计局" in text else []

    asked = follow_on("这家的会议费是多少，都用在哪些地方？", "审计局2025年基本支出是多少？", mentions)
    assert asked.startswith("审计局2025年会议费")
    assert follow_on("这一项比上年多了还是少了？", "审计局2025年检察监督是多少", mentions).startswith("审计局2025年检察监督比上年")


def test_a_change_of_the_budgets_income_is_said_with_its_total(tmp_path) -> None:  # type: ignore[no-untyped-def]
    doc = _with_sentence(tmp_path, "收入比 2023 年增加 70.54 万元。")
    ans = Assistant([doc]).ask("今年预算收入比2023年减少了吧？")
    assert ans.found and "不是减少" in ans.text and len([f for f in ans.figures if f.unit in ("万元", "元")]) == 2


def test_a_why_asked_alone_after_a_change_asks_the_reason_of_that_change() -> None:
    from assistant.understand.followon import follow_on

    assert follow_on("怎么少了这么多？", "某局会议费比上年变化多少？", lambda _: []) == "某局会议费为什么比上年少？"
    assert follow_on("为什么？", "某局会议费是多少？", lambda _: []) == "为什么？"  # no change asked before


def test_per_visit_from_the_visits_the_document_states(tmp_path) -> None:  # type: ignore[no-untyped-def]
    doc = _with_sentence(tmp_path, "公务接待费主要用于接待上级部门调研，列明公务接待2批次、26人次，其中：接待外宾0批次、0人次。")
    ans = Assistant([doc]).ask("公务接待每人次合多少钱？")
    assert ans.found and ans.figures[0].formula.endswith("÷ 26")


def test_names_of_one_length_are_tried_in_the_order_given(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from assistant.narrative import own_change

    doc = _with_sentence(tmp_path, "财政拨款支出比 2023 年增加 2 万元。财政拨款收入比 2023 年增加 3 万元。")
    a = Assistant([doc])
    nx = a.library.view(doc.doc_id).narrative
    for first, second, value in (("财政拨款收入", "财政拨款支出", 3), ("财政拨款支出", "财政拨款收入", 2)):
        got = own_change(nx, doc, [first, second])
        assert got is not None and got.figure is not None and got.figure.value == value


def test_the_budgets_own_verb_with_a_word_of_the_whole_is_the_department_total() -> None:
    from assistant.understand.followon import follow_on

    ans = Assistant([_truth("nanan-jxw-2024.truth.json")]).ask("经信委今年总共安排多少资金？")
    assert ans.found and "总额" in ans.figures[0].label
    # the next question about its change is asked of that total, named
    assert follow_on("和上年比增加了多少？", "某局今年总共安排多少资金？", lambda _: []).startswith("某局今年预算总额")


def test_a_purchase_verb_before_the_vehicles_asks_their_purchase() -> None:
    from assistant.english import to_chinese
    from assistant.vocabulary import load_vocabulary

    vocab = load_vocabulary()
    assert [h.concept.id for h in vocab.find_concepts("今年打算添置几辆新的公务车吗")] == ["car_purchase"]
    assert [h.concept.id for h in vocab.find_concepts(to_chinese("Will the office buy official cars?"))] == ["car_purchase"]


def test_whether_an_amount_is_there_is_answered_yes_or_no_first() -> None:
    from assistant.compose import polar_lead

    zero, some = Figure(Decimal(0), "万元", "会议费", None), Figure(Decimal("2.5"), "万元", "会议费", None)
    assert polar_lead("今年有没有安排会议费？", "会议费 0 万元。", [zero], "zh").startswith("没有")
    assert polar_lead("Does the office budget any money for meetings?", "x", [some], "en").startswith("Yes")
    assert polar_lead("会议费有没有超过2万？", "会议费 2.5 万元。", [some], "zh") == "会议费 2.5 万元。"  # a mark: not here


def test_a_reason_alone_of_a_change_stated_without_one_is_declined(tmp_path) -> None:  # type: ignore[no-untyped-def]
    doc = _with_sentence(tmp_path, "2024年公务接待费预算4.2万元，比 2023 年增加 0.60 万元。")
    a = Assistant([doc])
    assert not a.ask("公务接待费为何比2023年有所增加？").found  # the document gives no reason
    ans = a.ask("公务接待费为何比2023年有所增加？增加了多少万元？")
    assert ans.found and any(f.value == Decimal("0.60") for f in ans.figures)


def _mentions(*names: str):  # type: ignore[no-untyped-def]
    from assistant.understand.scope import Mention

    def of(text: str) -> list[Mention]:
        return [Mention(n, text.find(n), (n,)) for n in names if n in text]
    return of


def test_another_body_in_its_own_year_then_a_comparison_leans_on_the_question_before() -> None:
    from assistant.understand.followon import follow_on

    got = follow_on("还有乙委2023年的呢？和甲局差几何？", "某区甲局2022年会议费是多少？", _mentions("甲局", "乙委"))
    assert got == "乙委2023年会议费是多少？和甲局差几何？"


def test_a_place_and_that_one_picks_the_body_before_in_that_place() -> None:
    from assistant.understand.followon import follow_on
    from assistant.understand.scope import Mention

    def mentions(text: str) -> list[Mention]:
        out = []
        if "卫健委" in text:
            out.append(Mention("卫健委", text.find("卫健委"), ("a", "b")))
        if "丙区" in text:
            out.append(Mention("丙区", text.find("丙区"), ("b", "c")))
        return out

    got = follow_on("丙区的那个部门较上年有何增减？", "卫健委的会议费是多少？", mentions)
    assert got.startswith("丙区卫健委的会议费") and got.endswith("较上年有何增减？")


def test_this_subject_code_the_row_named_before_asked_anew() -> None:
    from assistant.understand.followon import follow_on

    got = follow_on("该科目其他部门列了吗？", "甲局2025年的2080505机关事业单位基本养老保险缴费支出是多少？", lambda _: [])
    assert got == "2080505机关事业单位基本养老保险缴费支出其他部门列了吗？"


def test_a_comparison_with_a_body_said_first_is_of_the_question_before() -> None:
    from assistant.understand.followon import follow_on

    got = follow_on("同乙局相比，哪个高？", "甲局2026年会议费多少？", _mentions("甲局", "乙局"))
    assert got == "甲局2026年会议费跟乙局比，哪个高？"


def test_this_body_in_another_year_is_the_question_before_of_that_year() -> None:
    from assistant.understand.followon import follow_on

    assert follow_on("该单位上年的呢？", "甲局2026年会议费是多少？", _mentions("甲局")) == "甲局上年会议费是多少？"


def test_one_bodys_share_of_a_total_just_added_over_several() -> None:
    jxw = _truth("nanan-jxw-2024.truth.json")
    twin = _twin(jxw, "bc-sfj", "示例市北城区司法局")
    a = Assistant([jxw, twin])
    before = a.ask("南岸区经信委和北城区司法局的公务接待费加起来一共多少？")
    assert before.found and before.route == "across:sum"
    ans = a.ask("北城区司法局占当中多大比例？", previous=before.asked_as or before.question)
    assert ans.found and ans.figures[0].unit == "%" and ans.figures[0].value == Decimal("50.00")


def test_a_year_right_after_one_of_two_names_is_that_ones() -> None:
    from assistant.across import _years_for
    from assistant.understand.plan import Plan
    from assistant.understand.scope import Mention, Scope

    text = "乙委2023年的会议费比甲局多多少？"
    scope = Scope(("a", "b"), (Mention("乙委", 0, ("b",)), Mention("甲局", text.find("甲局"), ("a",))), (2023,))
    plan = Plan(text, text, (), scope, Across.COMPARE, "会议费")
    jxw = _truth("nanan-jxw-2024.truth.json")
    a, b = _twin(jxw, "a", "甲局"), _twin(jxw, "b", "乙委")
    a.year, b.year = 2022, 2023
    assert _years_for(plan, b) == (2023,) and _years_for(plan, a) == ()
    joined = Plan("甲局和乙委2023年的会议费", "甲局和乙委2023年的会议费", (), Scope(
        ("a", "b"), (Mention("甲局", 0, ("a",)), Mention("乙委", 3, ("b",))), (2023,)), Across.COMPARE, "会议费")
    assert _years_for(joined, a) == (2023,)  # said after names joined by 和: of all of them


def test_a_reason_naming_no_body_after_a_question_of_one_body_is_that_bodys() -> None:
    jxw = _truth("nanan-jxw-2024.truth.json")
    a = Assistant([jxw, _twin(jxw, "bc-sfj", "示例市北城区司法局")])
    assert a.standalone("为什么比上年少了？", "北城区司法局的会议费是多少？").startswith("示例市北城区司法局")
    assert a.standalone("哪家为什么少了？", "北城区司法局的会议费是多少？") == "哪家为什么少了？"


def test_a_score_is_read_as_a_figure_of_its_own_unit() -> None:
    from assistant.narrative import _NUM

    assert [m.group(2) for m in _NUM.finditer("自评项目2个，平均得分95.5分，用时30分钟")] == ["个", "分"]


def test_which_one_of_the_documents_is_a_question_about_the_documents(assistant: Assistant) -> None:
    assert assistant.plan("这几份材料里哪一份是决算？").across is Across.DOCS


def test_units_listed_after_their_count_are_units_not_broken_out(tmp_path) -> None:  # type: ignore[no-untyped-def]
    doc = _with_sentence(tmp_path, "下设二级预算单位2个，分别是：示例市临川区计量检定测试站，示例市临川区消费者权益服务中心。")
    ans = Assistant([doc]).ask("临川区计量检定测试站今年预算多少？")
    assert not ans.found and "测试站" in ans.text


def test_a_target_asked_and_an_amount_found_is_declined() -> None:
    f = Figure(Decimal("13641.34"), "万元", "检察", None)
    ans = vet("某项目的绩效指标有哪些？", Answer("q", "2017年检察 13641.34 万元。", True, [f], route="lookup"))
    assert not ans.found and "绩效目标" in ans.text


def test_the_units_a_budget_covers_are_the_sentence_stating_them(tmp_path) -> None:  # type: ignore[no-untyped-def]
    doc = _with_sentence(tmp_path, "")
    ans = Assistant([doc]).ask("本预算涵盖几个单位，都是谁？")
    assert ans.found and "综合执法大队" in ans.text


def test_zhuanxiang_opening_an_item_is_not_the_end_of_a_project_name() -> None:
    from assistant.vet import _other_project

    f = Figure(Decimal("58.05"), "万元", "专项统计调查", None)
    assert _other_project("哪几家列了专项统计调查的经费？", Answer("q", "x", True, [f])) is None


def test_the_carry_over_from_last_year_is_a_row_not_last_year() -> None:
    from assistant.router import classify

    assert not classify("一般公共预算的上年结转是多少？").prev_year
    assert classify("一般公共预算上年是多少？").prev_year


def test_which_loaded_documents_asked_in_english_is_about_the_documents(assistant: Assistant) -> None:
    assert assistant.plan("How many of the loaded documents are final accounts?").across is Across.DOCS


def test_a_part_that_comes_out_larger_than_its_whole_is_declined() -> None:
    f = Figure(Decimal("616.49"), "%", "占比", None, "1387.72 ÷ 225.10 × 100")
    ans = vet("货物采购占采购总额的百分之几？", Answer("q", "x", True, [f], route="arithmetic"))
    assert not ans.found
    ok = vet("决算是预算的百分之几？", Answer("q", "x", True, [f], route="arithmetic"))
    assert ok.found  # one figure against another may pass 100%


def test_a_share_inside_the_thing_before_is_of_that_thing() -> None:
    from assistant.understand.followon import follow_on

    assert follow_on("其中会议费所占比例是多少？", "某局2024年的三公经费一共多少钱？", lambda _: []) \
        == "某局2024年的三公经费里，会议费所占比例是多少？"


def test_both_after_a_name_that_fits_two_compares_the_two() -> None:
    from assistant.understand.followon import follow_on
    from assistant.understand.scope import Mention

    def mentions(text: str) -> list[Mention]:
        return [Mention("卫健委", text.find("卫健委"), ("a", "b"))] if "卫健委" in text else []

    assert follow_on("这两家哪个高？", "卫健委的会议费是多少？", mentions) == "两个卫健委的会议费哪个高？"


def test_each_then_added_of_a_name_that_fits_two_adds_both() -> None:
    jxw = _truth("nanan-jxw-2024.truth.json")
    plan = Assistant([jxw, _twin(jxw, "bc-jxw", "示例市北城区经济和信息化委员会")]).plan("经信委的会议费各是多少？合计呢？")
    assert plan.across is Across.SUM


def test_both_after_which_bodies_have_it_is_the_same_item_added() -> None:
    from assistant.understand.followon import follow_on

    assert follow_on("两家合计多少？", "哪些单位列了会议费？各多少？", lambda _: []) == "会议费合计多少？"


def test_gansha_asks_what_it_is_for() -> None:
    from assistant.router import classify

    assert classify("这笔机动经费是干啥用的？").listing


def test_by_what_percentage_in_english_is_a_rate_of_change() -> None:
    from assistant.english import to_chinese

    assert "增长率" in to_chinese("By what percentage did spending rise compared with 2023?")


def test_a_carry_over_asked_and_another_row_found_is_declined() -> None:
    f = Figure(Decimal("101833.84"), "万元", "一般公共预算资金", None)
    assert not vet("政府性基金的上年结转有多少？", Answer("q", "x", True, [f], route="lookup")).found
    assert vet("收入总计（含上年结转）是多少？", Answer("q", "x", True, [f], route="lookup")).found
    assert vet("不算结转，本年收入多少？", Answer("q", "x", True, [f], route="lookup")).found


@pytest.fixture(scope="module")
def one_doc() -> Assistant:
    return Assistant([_truth("nanan-jxw-2024.truth.json")])


def test_a_second_clause_with_you_asks_the_other_side_of_the_same_item(one_doc: Assistant) -> None:
    # "公车购置…，运行又…": 运行 keeps the head word of the name before it (公车运行, not 运行经费)
    ans = one_doc.ask("公车购置安排了多少，运行又安排了多少？")
    labels = " ".join(f.label for f in ans.figures)
    assert "购置" in labels and "运行维护" in labels and "机关运行" not in labels


def test_a_version_asked_with_you_is_the_same_item_in_that_version(one_doc: Assistant) -> None:
    from assistant.parts import Part
    from assistant.router import split_parts
    assert split_parts("培训费实际花了多少？年初预算又是多少？") == ["培训费实际花了多少", "年初预算又是多少"]
    doc = one_doc.library.document(next(iter(one_doc.library.by_id)))
    asked = one_doc._follow_up("年初预算又是多少", "2024年培训费实际花了多少", Part("", True), doc)
    assert asked == "2024年培训费年初预算是多少"


def test_other_before_a_concept_word_is_its_row_printed_as_other(one_doc: Assistant) -> None:
    from assistant.lookup import find_matches
    tables = one_doc.tables[next(iter(one_doc.library.by_id))]
    ms = find_matches("单位交的医保和其他社保一共多少", tables)
    assert [m.items[0].name for m in ms if m.items][-1] == "其他社会保障缴费"


def test_a_concepts_rows_come_in_the_concepts_order_whatever_the_hash_seed() -> None:
    import os
    import subprocess
    import sys
    code = ("import json;from assistant.lookup import DocTables,_concept_items;from ingest.model import Document;"
            "from assistant.vocabulary import load_vocabulary;from conftest import CORPUS;"
            "d=Document.from_truth_dict(json.loads((CORPUS/'nanan-jxw-2024.truth.json').read_text('utf-8')));"
            "v=load_vocabulary();t=DocTables(d,v);print([i.name for i in _concept_items(v.concept('social_ins'),t)])")
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           cwd=os.path.dirname(__file__), env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("0", "1", "2")}
    assert len(seen) == 1


def _mentions_of(*names: str):  # type: ignore[no-untyped-def]
    from assistant.understand.scope import Mention
    return lambda t: [Mention(n, t.find(n), (n,)) for n in names if n in t]


def test_the_other_end_or_a_place_of_a_ranking_asked_before() -> None:
    from assistant.understand.followon import follow_on
    before = "这几家里，谁的会议费最多？"
    assert follow_on("最少的是哪家？", before, _mentions_of()) == "这几家里，谁的会议费最少？"
    assert follow_on("排第三的呢？", before, _mentions_of()) == "这几家里，谁的会议费第三多？"


def test_the_place_asked_of_a_ranking_is_stated_with_those_above_it(assistant: Assistant) -> None:
    ans = assistant.ask("经信委和司法局2024年、司法局2023年，谁的公务接待费第二多？")
    assert ans.text.startswith("排第2的是") and ans.route == "across:rank"


def test_that_side_after_a_new_body_is_the_question_before_of_it() -> None:
    from assistant.understand.followon import follow_on
    asked = follow_on("西江区财政局那边呢？", "东湖区财政局2024年的会议费是多少？", _mentions_of("东湖区财政局", "西江区财政局"))
    assert asked == "西江区财政局的会议费是多少？"


def test_more_than_another_item_is_the_item_before_against_it() -> None:
    from assistant.understand.followon import follow_on
    asked = follow_on("比差旅费多多少？", "东湖区财政局2024年的会议费是多少？", _mentions_of("东湖区财政局"))
    assert asked == "东湖区财政局2024年的会议费比差旅费多多少？"


def test_the_fund_an_item_is_paid_from_is_not_an_item_of_its_own() -> None:
    from assistant.lookup import DocTables, find_matches
    doc = _truth("nanan-jxw-2024.truth.json")
    names = [m.label for m in find_matches("一般公共预算拨款里工业和信息产业监管支出是多少", DocTables(doc)) if m.items]
    assert not any("拨款" in n for n in names)


def _unit_row(row: str) -> Figure:
    from assistant.answer import Source
    return Figure(Decimal("1520.40"), "万元", f"2026年{row}",
                  Source(document="d", table="表11", row=row, column="合计", page=26, table_title="部门预算基本支出预算表"))


def test_a_person_asked_is_not_answered_with_an_amount() -> None:
    fig = _unit_row("检察")
    assert not vet("市审计局的局长叫什么名字？", Answer("q", "检察 1520.40 万元", True, [fig])).found
    assert vet("功能科目2080504叫什么名字？", Answer("q", "检察 1520.40 万元", True, [fig])).found


def test_people_counted_without_a_measure_word_are_not_an_amount() -> None:
    fig = _unit_row("市第三中学")
    assert not vet("市第三中学有多少在编教职工？", Answer("q", "1520.40 万元", True, [fig])).found
    assert vet("有多少在编人员经费？", Answer("q", "1520.40 万元", True, [_unit_row("人员经费")])).found


def test_an_item_of_a_unit_is_not_the_units_own_total() -> None:
    fig = _unit_row("市第三中学")
    assert not vet("市第三中学的校舍维修费有多少？", Answer("q", "1520.40 万元", True, [fig])).found
    assert vet("市第三中学今年的预算有多少？", Answer("q", "1520.40 万元", True, [fig])).found
    assert vet("市第三中学的基本支出是多少？", Answer("q", "1520.40 万元", True, [fig])).found


def test_inside_the_thing_before_is_asked_of_the_same_body() -> None:
    from assistant.understand.followon import follow_on
    asked = follow_on("其中差旅费是多少？", "东湖区财政局2024年的商品和服务支出是多少？", _mentions_of("东湖区财政局"))
    assert asked == "东湖区财政局2024年的商品和服务支出里，差旅费是多少？"


def test_which_body_has_the_amount_said(assistant: Assistant) -> None:
    ans = assistant.ask("哪个单位的公务接待费正好是4万元？")
    assert ans.route == "across:which" and ans.found and "经信委" in ans.text.split("\n")[0] or "经济" in ans.text
    none = assistant.ask("哪个单位的公务接待费正好是4.37万元？")
    assert none.route == "across:which" and not none.found


def test_a_pointing_word_between_a_place_and_a_body_kind_is_of() -> None:
    from assistant.understand.normalise import normalise
    assert normalise("青山区那个街道今年有多少钱？").text == "青山区的街道今年有多少钱？"
    assert normalise("那个街道今年有多少钱？").text == "那个街道今年有多少钱？"


def test_that_one_of_a_new_place_is_the_question_before_of_it() -> None:
    from assistant.understand.followon import follow_on
    asked = follow_on("西江区那个呢？", "东湖区财政局2024年的会议费是多少？", _mentions_of("东湖区财政局", "西江区"))
    assert asked == "西江区的会议费是多少？"


def test_largest_and_smallest_in_english_states_both_ends(assistant: Assistant) -> None:
    ans = assistant.ask("Which of these bodies has the largest official reception spending, and which the smallest?")
    assert ans.text.startswith("Highest:") and "lowest:" in ans.text


def test_what_is_left_unspent_is_the_difference_of_the_two_stated() -> None:
    from assistant.core import _UNSPENT
    for q in ("跟实际支出比还有多少没花出去", "还剩多少没用", "没花完的有多少"):
        assert _UNSPENT.search(q)
    assert not _UNSPENT.search("还有多少项目")


def test_running_the_vehicles_in_english_is_their_running_term_not_the_agencys() -> None:
    from assistant.english import to_chinese
    assert to_chinese("And the upkeep of the official cars?") == "公务用车运行维护费"
    assert "公务用车运行维护费" in to_chinese("What were the running costs of the vehicles?")
    assert "机关运行经费" in to_chinese("How much is spent on running costs?")


def test_an_amount_asked_on_a_condition_is_the_amount_just_found() -> None:
    from assistant.core import _BARE_AMOUNT
    assert _BARE_AMOUNT.match("办了的话花了多少")
    assert _BARE_AMOUNT.match("如果有，一共花了多少？")


def test_a_xiang_printed_under_several_kuan_is_named_with_its_kuan() -> None:
    from types import SimpleNamespace as NS
    from assistant.table_answers import _with_parent
    rows = [NS(code="20103", name="政府办公厅（室）及相关机构事务"), NS(code="2010302", name="一般行政管理事务"),
            NS(code="20133", name="宣传事务"), NS(code="2013302", name="一般行政管理事务"),
            NS(code="2013301", name="行政运行")]
    tables = NS(items=rows, by_code={r.code: [r] for r in rows})
    assert _with_parent("一般行政管理事务", rows[3], tables) == "宣传事务 一般行政管理事务"  # type: ignore[arg-type]
    assert _with_parent("行政运行", rows[4], tables) == "行政运行"  # type: ignore[arg-type]


def test_against_last_year_after_a_total_is_that_totals_change(one_doc: Assistant) -> None:
    ans = one_doc.ask("2024年收入预算一共多少？比2023年多还是少？")
    assert "减少 2953.67 万元" in ans.text and "没有说明" not in ans.text


def test_a_narrative_prints_an_amount_in_wan_or_yuan() -> None:
    from assistant.change_answers import _amount_forms
    forms = _amount_forms(Figure(Decimal("156211123"), "元", "收入合计"))
    assert "15621.11万" in forms and "156,211,123元" in forms


def test_a_place_is_read_in_every_reading_of_its_polyphones() -> None:
    from assistant.library import _romanised
    assert "Changning" in _romanised("示例市长宁区") and "Zhangning" in _romanised("示例市长宁区")


def test_a_body_named_in_english_that_no_document_is_of_is_declined(assistant: Assistant) -> None:
    ans = assistant.ask("How much did the Longmen Subdistrict Office spend in 2024?")
    assert not ans.found and ans.route == "refusal"


def test_what_a_body_plans_to_spend_in_all_is_its_total(one_doc: Assistant) -> None:
    ans = one_doc.ask("2024年一共打算花多少钱？")
    assert ans.found and any(f.value == Decimal("5615.72") for f in ans.figures)


def test_a_place_in_a_ranking_asked_in_english_is_read_as_that_place() -> None:
    from assistant.english import to_chinese
    assert "第二多" in to_chinese("Which body has the biggest hospitality budget, and which is second?")
    assert "第三多" in to_chinese("Who has the third largest training budget?")


def test_a_chinese_follow_up_after_an_english_question_leans_on_its_reading(assistant: Assistant) -> None:
    ans = assistant.ask("那最少的是哪个？", previous="Which of these bodies has the largest official reception spending?")
    assert ans.asked_as and "最少" in ans.asked_as and ans.route == "across:rank"


def test_the_other_end_of_a_ranking_leaves_the_question_asked_after_it() -> None:
    from assistant.understand.followon import follow_on
    asked = follow_on("最少的呢？", "这几家里，谁的会议费最多？第二多的是谁？", _mentions_of())
    assert asked == "这几家里，谁的会议费最少？"


def test_one_documents_class_row_for_a_named_project_is_not_a_line_of_a_listing() -> None:
    from assistant.answer import Source
    from assistant.vet import vet_listed
    row = Figure(Decimal("41.95"), "万元", "卫生健康支出",
                 Source(document="d", table="表二", code="210", row="卫生健康支出", column="合计", page=3))
    ans = vet_listed("急救调度平台那个席位扩容项目花多少钱", Answer("q", "卫生健康支出 41.95 万元", True, [row]))
    assert not ans.found and ans.route.endswith("declined-project")
    assert vet_listed("卫生健康支出多少", Answer("q", "卫生健康支出 41.95 万元", True, [row])).found


def test_a_district_said_without_qu_names_its_bodies() -> None:
    from types import SimpleNamespace as NS
    from assistant.understand.scope import _mentions
    docs = [NS(doc_id="a", issuer="示例市东湖区审计局", forms=["示例市东湖区审计局", "东湖区审计局", "审计局"]),
            NS(doc_id="b", issuer="示例市白沙区审计局", forms=["示例市白沙区审计局", "白沙区审计局", "审计局"])]
    said = {m.text: m.doc_ids for m in _mentions("东湖那个是白沙的几倍？", docs)}  # type: ignore[arg-type]
    assert said == {"东湖": ("a",), "白沙": ("b",)}
    assert not _mentions("东湖路改造花了多少？", docs)  # type: ignore[arg-type]


def test_the_one_in_each_place_of_a_name_that_fits_two() -> None:
    from assistant.understand.followon import follow_on
    from assistant.understand.scope import Mention

    def mentions(t: str) -> list[Mention]:
        out = [Mention("审计局", t.find("审计局"), ("a", "b"))] if "审计局" in t and "区审计局" not in t else []
        return out + [Mention(p, t.find(p), (i,)) for p, i in (("东湖", "a"), ("白沙", "b")) if p in t]
    asked = follow_on("东湖那个比白沙的多多少？", "审计局的会议费是多少？", mentions)
    assert asked == "东湖审计局的会议费比白沙审计局的多多少？"


def test_which_of_a_places_bodies_is_larger_compares_them() -> None:
    sfj = _truth("shili-beicheng-sifaju-2024.truth.json")
    two = Assistant([sfj, _twin(sfj, "audit", "示例市北城区审计局")])
    plan = two.plan("北城区那两个单位，哪个支出规模更大？")
    assert plan.across is Across.COMPARE and len(plan.scope.doc_ids) == 2


def test_they_with_no_body_named_is_the_body_before() -> None:
    from assistant.understand.followon import follow_on
    asked = follow_on("他们有没有开会的开支？", "东湖区财政局2024年的培训费是多少？", _mentions_of("东湖区财政局"))
    assert asked.startswith("东湖区财政局2024年") and "他们" not in asked


def test_a_yes_no_asked_with_you_meiyou_is_answered_you_or_meiyou(one_doc: Assistant) -> None:
    assert one_doc.ask("有没有项目实行绩效目标管理？").text.startswith("有。")
    assert one_doc.ask("是否实行了绩效目标管理？").text.startswith("是。")


def test_how_many_units_in_english_is_a_count_of_bodies() -> None:
    from assistant.english import to_chinese
    assert "几个预算单位" in to_chinese("How many budget units does the department budget cover?")
    assert "几个" not in to_chinese("How many groups were received?")


def test_why_below_budget_after_an_actual_figure_asks_its_reason() -> None:
    from assistant.understand.followon import follow_on
    asked = follow_on("怎么比预算少了这么多？", "东湖区财政局2024年会议费决算是多少？", _mentions_of("东湖区财政局"))
    assert asked == "东湖区财政局2024年会议费决算为什么比预算少？"


def test_spending_spread_over_how_many_classes_counts_the_classes(one_doc: Assistant) -> None:
    ans = one_doc.ask("这些钱花在了几个大类上？")
    assert ans.found and ans.text.startswith("共 ") and "个类" in ans.text


def test_named_projects_added_up_from_class_rows_are_declined() -> None:
    from assistant.answer import Source
    rows = [Figure(Decimal(v), "元", n, Source(document="d", table="表5", code=c, row=n, column="合计", page=15))
            for v, n, c in (("1720", "科学技术支出", "206"), ("88", "卫生健康支出", "210"))]
    total = Figure(Decimal("1808"), "元", "合计", None, formula="1720 + 88", operands=tuple(rows))
    ans = vet("数字会展、智慧康养这两个专项加起来多少钱？", Answer("q", "合计 1808 元", True, [*rows, total]))
    assert not ans.found and "智慧康养" in ans.text


def test_x_inside_y_takes_a_share_is_x_over_y() -> None:
    from assistant.understand.normalise import normalise
    assert normalise("人员经费在基本支出里占几成？").text == "人员经费占基本支出的几成？"


def test_asking_for_a_percentage_instructs_the_part_before() -> None:
    from assistant.router import split_parts
    assert split_parts("培训费占三公的几成？给个百分比。") == ["培训费占三公的几成，给个百分比"]


def test_trips_abroad_in_english_whatever_words_sit_between() -> None:
    from assistant.english import to_chinese
    assert "因公出国（境）费" in to_chinese("How much went on overseas official trips?")
    assert "因公出国（境）费" in to_chinese("What about official visits abroad?")


def test_the_other_end_asked_in_english_after_a_ranking(assistant: Assistant) -> None:
    before = "Which of these bodies has the smallest official reception spending?"
    ans = assistant.ask("And the largest?", previous=before)
    assert "最多" in ans.asked_as and ans.route == "across:rank" and ans.text.startswith("The highest")
