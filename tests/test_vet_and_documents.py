"""What an answer must not pass off as the answer, and questions about the documents themselves:
a count asked and money found, an amount asked and no figure found, a total over documents one
of which lacks the item, a body named that no loaded document is; the loaded documents counted
and named by year and kind."""

from __future__ import annotations

import copy
import json
from decimal import Decimal

import pytest

from assistant.answer import Answer, Figure
from assistant.core import Assistant
from assistant.router import split_parts
from assistant.understand.scope import _kind_wanted
from assistant.vet import vet
from assistant.within import read_ranking
from ingest.model import Document

from conftest import CORPUS


def _truth(name: str) -> Document:
    return Document.from_truth_dict(json.loads((CORPUS / name).read_text("utf-8")))


@pytest.fixture(scope="module")
def jxw() -> Document:
    return _truth("nanan-jxw-2024.truth.json")


@pytest.fixture(scope="module")
def sfj() -> Document:
    return _truth("shili-beicheng-sifaju-2024.truth.json")


def test_count_asked_and_money_found_is_declined() -> None:
    money = Answer("q", "公务用车购置费 0 万元（说明，第1页）。", True,
                   [Figure(Decimal("0"), "万元", "公务用车购置费")], [], route="lookup")
    out = vet("街道办有几辆车？", money)
    assert not out.found and "数量" in out.text and "公务用车购置费" in out.text


def test_count_stated_or_no_count_asked_passes() -> None:
    cars = Answer("q", "截至年底共有车辆 7 辆（说明，第28页）。", True, [], [], route="narrative")
    assert vet("有几辆公务用车？", cars).found
    ranked = Answer("q", "从高到低排列：1. 统计局 22.23 万元", True,
                    [Figure(Decimal("22.23"), "万元", "三公经费")], [], route="across:rank")
    assert vet("这几份报告按接待费从多到少排一下", ranked).found  # 这几份: these, not how many
    funds = Answer("q", "项目支出 498.21 万元", True, [Figure(Decimal("498.21"), "万元", "项目支出")], [])
    assert vet("实行绩效管理的项目经费有多少？", funds).found  # 项目经费 is an amount


def test_amount_asked_and_no_figure_found_is_declined() -> None:
    name_only = Answer("q", "预算公开联系人：李华（说明“联系人”，第2页）。", True, [], [], route="narrative")
    out = vet("李华每个月拿多少钱？", name_only)
    assert not out.found and "金额" in out.text
    reason = Answer("q", "主要原因是项目调整。", True, [], [], route="narrative")
    assert vet("为什么比上年少了？", reason).found  # a reason is not an amount


def test_total_over_documents_one_of_which_lacks_the_item_is_not_computed(jxw: Document, sfj: Document) -> None:
    ans = Assistant([jxw, sfj]).ask("经信委和司法局的节能环保支出加起来一共多少？")  # only 经信委 prints it
    assert not ans.found and "合计" in ans.text and "司法局" in ans.text
    assert all(f.formula is None for f in ans.figures)  # no total of one document's figure
    assert any("节能环保" in f.label for f in ans.figures)  # what was found is still shown


def test_a_body_no_loaded_document_is_declined_with_one_document_loaded(jxw: Document) -> None:
    ans = Assistant([jxw]).ask("黄浦区外滩街道办事处的公务接待费是多少？")
    assert not ans.found and "外滩街道" in ans.text


def test_documents_counted_and_named_by_year_and_kind(jxw: Document, sfj: Document) -> None:
    old = copy.deepcopy(sfj)
    old.doc_id, old.year = sfj.doc_id + "-2023", 2023
    a = Assistant([jxw, sfj, old])
    ans = a.ask("载入的文件里，2024年的有几份？分别是哪些部门？")
    assert ans.found and ans.route == "across:documents"
    assert [(f.value, f.unit) for f in ans.figures][:2] == [(Decimal(2), "份"), (Decimal(2), "个")]
    assert "经济和信息化委员会" in ans.text and "司法局" in ans.text and "2023" not in ans.text
    every = a.ask("库里一共有几份文件？涉及几个部门？")
    assert [f.value for f in every.figures][:2] == [Decimal(3), Decimal(2)]


def test_both_kinds_named_as_alternatives_filter_neither() -> None:
    assert _kind_wanted("决算报告取决算数、预算报告取预算数，谁的接待费最少") is None
    assert _kind_wanted("去年的预算或者决算一共几份") is None
    assert _kind_wanted("哪个部门的接待费决算数最多") == "决算"


def test_a_clause_asking_another_version_of_the_item_is_a_part_of_its_own() -> None:
    assert split_parts("公务接待费预算数是多少，决算数多少，执行了百分之几？") == [
        "公务接待费预算数是多少", "决算数多少", "执行了百分之几"]
    assert split_parts("会议费全年预算多少、实际多少？") == ["会议费全年预算多少", "实际多少"]
    assert split_parts("基本支出和项目支出各多少，一共多少？") == ["基本支出和项目支出各多少，一共多少"]


def test_top_n_items_of_a_row_read_as_a_ranking() -> None:
    r = read_ranking("对个人和家庭的补助中哪两项花得最多")
    assert r is not None and r.n == 2


def test_a_totals_own_change_is_the_clause_the_narrative_opens_with_plain_expenditure(jxw: Document) -> None:
    from ingest.model import Section

    doc = copy.deepcopy(jxw)
    doc.doc_id = "jxw-plain-change"
    doc.sections = [s for s in doc.sections if "比" not in s.text] + [Section(
        "（二）支出预算", "支出预算数 1234.56 万元，其中：一般公共服务支出 1000.00 万元；支出比上年增加 7.89 万元。", 3,
        ["一、收支总体情况", "（二）支出预算"])]
    ans = Assistant([doc]).ask("总支出为什么比上年减少了？")
    assert ans.found and "增加" in ans.text and "不是减少" in ans.text
    assert any(f.value == Decimal("7.89") for f in ans.figures)


def test_a_whole_named_before_the_part_is_the_whole(jxw: Document) -> None:
    from ingest.model import Section

    doc = copy.deepcopy(jxw)
    doc.doc_id = "jxw-procurement-said"
    doc.tables = [t for t in doc.tables if "采购" not in (t.title or "")]  # the narrative states it only
    doc.sections = doc.sections + [Section(
        "三、政府采购预算情况", "本部门政府采购预算200.00万元，其中：政府采购货物预算50.00万元、政府采购服务预算150.00万元。",
        9, ["三、政府采购预算情况"])]
    ans = Assistant([doc]).ask("政府采购预算里，服务类采购占了百分之几？")
    assert ans.found and any(f.unit == "%" and f.value == Decimal("75.00") for f in ans.figures)


def test_why_of_a_total_no_row_names_reads_the_change_the_narrative_states(jxw: Document) -> None:
    from ingest.model import Section

    doc = copy.deepcopy(jxw)
    doc.doc_id = "jxw-said-total"
    doc.sections = [s for s in doc.sections if "比" not in s.text and "相比" not in s.text] + [Section(
        "一、收入支出决算总体情况说明", "本部门2024年度收入支出总计500.00万元。与 2023 年度相比，收入支出总计减少 12.50 万元，"
        "下降2.44%。主要原因：部分项目已完成。", 20, ["一、收入支出决算总体情况说明"])]
    ans = Assistant([doc]).ask("今年的支出为什么比去年多了？")
    assert ans.found and "减少" in ans.text and "不是增加" in ans.text and "项目已完成" in ans.text
    assert any(f.value == Decimal("12.50") for f in ans.figures)


def test_a_verb_and_the_official_car_names_the_cars_cost() -> None:
    from assistant.vocabulary import load_vocabulary

    vocab = load_vocabulary()
    assert [h.concept.id for h in vocab.find_concepts("养公车一年花多少")] == ["car_running"]
    assert [h.concept.id for h in vocab.find_concepts("准备花多少钱买公务车")] == ["car_purchase"]


def _with_section(doc: Document, doc_id: str, heading: str, text: str) -> Document:
    from ingest.model import Section

    out = copy.deepcopy(doc)
    out.doc_id = doc_id
    out.sections = [s for s in out.sections if "比" not in s.text] + [Section(heading, text, 1, [heading])]
    return out


def test_the_budget_as_a_whole_changes_as_its_spending_side(jxw: Document) -> None:
    doc = _with_section(jxw, "jxw-whole", "(二) 支出预算", "(二) 支出预算：2024 年年初预算数 900.00 万元；支出比 2023 年增加 30.00 万元。")
    ans = Assistant([doc]).ask("他们2024年的预算比2023年压缩了多少？")
    assert ans.found and "增加" in ans.text and any(f.value == Decimal("30.00") for f in ans.figures)


def test_last_years_total_worked_out_from_the_change_the_narrative_states(jxw: Document) -> None:
    doc = _with_section(jxw, "jxw-prev", "(二) 支出预算", "(二) 支出预算：支出比 2023 年减少 12.01 万元。")
    ans = Assistant([doc]).ask("按这份文件的说法，2023年的支出总额是多少？")
    assert ans.found and "推算" in ans.text and ans.figures[0].formula and "12.01" in ans.figures[0].formula


def test_rows_listed_under_a_coded_row_are_counted(jxw: Document) -> None:
    ans = Assistant([jxw]).ask("“工业和信息产业监管”这一款下面列了几个项级科目？")
    assert ans.found and ans.route == "count" and ans.figures[0].unit == "个"


def test_a_year_alone_after_a_change_asks_that_years_figure(jxw: Document) -> None:
    doc = _with_section(jxw, "jxw-year-after", "(二) 支出预算", "(二) 支出预算：支出比 2023 年减少 20.00 万元。")
    ans = Assistant([doc]).ask("今年的预算比2023年多了多少？2023年是多少？")
    assert ans.found and "减少" in ans.text and any("推算" in (f.label or "") or f.formula for f in ans.figures)


def test_the_year_before_worked_out_when_asked_with_a_lead_in(jxw: Document) -> None:
    doc = _with_section(jxw, "jxw-year-lead", "(一) 收入预算", "(一) 收入预算：收入比 2023 年增加 20.00 万元。")
    ans = Assistant([doc]).ask("今年的收入预算比2023年多了多少？照这么算2023年大概是多少？")
    assert ans.found and "推算" in ans.text
