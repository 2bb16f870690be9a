"""Answers across documents: the same item compared between departments, followed across years of
one department, ranked and added, with 元 and 万元 tables converted before any arithmetic and every
operand cited to its own document."""

from __future__ import annotations

import copy
import json
from decimal import Decimal

import pytest

from assistant.core import Assistant
from ingest.model import Cell, Document

from conftest import CORPUS, ROOT


def _truth(path) -> Document:  # type: ignore[no-untyped-def]
    return Document.from_truth_dict(json.loads(path.read_text("utf-8")))


def _year_before(doc: Document, reception: str) -> Document:
    """The same department's disclosure of the year before, its 公务接待费 printed as ``reception``."""
    old = copy.deepcopy(doc)
    old.doc_id, old.year, old.source = doc.doc_id + "-prev", doc.year - 1, doc.source.replace("2024", "2023")
    for t in old.tables:
        if t.role == "sangong":
            for r in t.rows:
                if "公务接待费" in r.values:
                    r.values["公务接待费"] = Cell.of(reception)
    return old


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    sfj = _truth(CORPUS / "shili-beicheng-sifaju-2024.truth.json")  # 万元: 公务接待费 2.50
    return {
        "jxw": _truth(CORPUS / "nanan-jxw-2024.truth.json"),  # 万元: 公务接待费 4.00
        "sfj": sfj,
        "sfj23": _year_before(sfj, "3.10"),
        "wjw": _truth(ROOT / "tests" / "pdfs" / "shili-nanjiang-wjw-2024.truth.json"),  # 元
    }


@pytest.fixture(scope="module")
def assistant(docs: dict[str, Document]) -> Assistant:
    return Assistant(list(docs.values()))


def _leaf_documents(fig) -> set[str]:  # type: ignore[no-untyped-def]
    return {fig.source.document} if fig.source else {d for o in fig.operands for d in _leaf_documents(o)}


def test_change_across_years_of_one_department(assistant: Assistant) -> None:
    ans = assistant.ask("司法局2024年比2023年公务接待费变化了多少？")
    assert ans.route == "across:change"
    diff, rate = ans.figures[0], ans.figures[1]
    assert (diff.value, diff.unit) == (Decimal("0.60"), "万元") and "减少" in ans.text
    assert rate.unit == "%" and rate.value == Decimal("19.35")
    assert len(diff.operands) == 2 and {o.source.page for o in diff.operands} == {10}


def test_relative_years_count_from_the_departments_latest_document(assistant: Assistant) -> None:
    ans = assistant.ask("司法局今年比去年公务接待费少了多少？")
    assert ans.route == "across:change" and ans.figures[0].value == Decimal("0.60")


def test_units_are_converted_before_comparing(assistant: Assistant, docs: dict[str, Document]) -> None:
    ans = assistant.ask("经信委和南江区卫健委谁的公务接待费多？多多少？")
    assert ans.route == "across:compare"
    diff = ans.figures[0]
    wjw = next(f for f in ans.figures[1:] if f.unit == "元")
    # computed in 元, the smaller unit, so nothing is rounded away
    assert diff.unit == "元" and diff.value == abs(Decimal("40000") - wjw.value)
    assert _leaf_documents(diff) == {"nanan-jxw-2024", "shili-nanjiang-wjw-2024"}


def test_ranking_and_sum_over_departments(assistant: Assistant) -> None:
    ranked = assistant.ask("这几个部门哪个的公务接待费最多？")
    assert ranked.route == "across:rank"
    first = ranked.text.split("1.")[1]
    assert "经济和信息化委员会" in first.split("；")[0]
    total = assistant.ask("经信委和司法局招待费合计多少？")
    assert total.route == "across:sum" and total.figures[0].value == Decimal("6.50")
    # the department's latest document is the one added, never both of its years
    assert _leaf_documents(total.figures[0]) == {"nanan-jxw-2024", "shili-beicheng-sifaju-2024"}


def test_why_a_figure_changed_is_read_from_the_latest_document(assistant: Assistant, docs) -> None:  # type: ignore[no-untyped-def]
    plan = assistant.plan("司法局今年招待开支为啥下降了？")
    assert plan.scope.doc_ids == (docs["sfj"].doc_id,)


def test_explain_prints_the_plan(assistant: Assistant) -> None:
    text = assistant.plan("司法局和經信委誰的三公經費多").explain()
    assert "繁→简" in text and "compare" in text and "三公经费是多少" in text


def test_ranking_with_a_total_and_how_many_times(assistant: Assistant) -> None:
    both = assistant.ask("2024年这几个部门的公务接待费加起来一共多少？哪个部门最多？")
    assert both.route == "across:rank" and "合计" in both.text
    total = both.figures[0]
    assert total.label == "合计" and len(total.operands) >= 3
    times = assistant.ask("经信委和司法局2024年的公务接待费，多的是少的几倍？")
    ratio = next(f for f in times.figures if f.unit == "倍")
    assert ratio.value == Decimal("1.60")  # 4.00 ÷ 2.50


def test_completion_rate_of_a_final_account() -> None:
    """完成了预算的百分之几: the actual figure ÷ the budget the question names (调整 / 年初), read
    from the table; where the tables print only actual figures, from the narrative's sentence."""
    from ingest.model import Section

    final = _truth(ROOT / "tests" / "pdfs" / "shili-xijiang-czj-final-2023.truth.json")  # 元
    one = Assistant([final])
    adjusted = one.ask("2010608完成了调整预算的百分之几？")
    rate = next(f for f in adjusted.figures if f.unit == "%")
    assert rate.value == Decimal("94.97")  # 1234567.89 ÷ 1300000
    opening = one.ask("财政委托业务支出的执行率是多少（按年初预算）？")
    assert next(f for f in opening.figures if f.unit == "%").value == Decimal("102.88")  # ÷ 1200000
    said = copy.deepcopy(final)
    said.doc_id = "said"
    said.sections.append(Section(heading="七、其他说明", page=9, text=(
        "1、培训支出（项）。主要用于：干部培训。全年预算为20.00万元，支出决算为18.50万元。"
        "2、会议支出（项）。主要用于：工作会议。全年预算为4.00万元，支出决算为4.00万元。")))
    narrated = Assistant([said]).ask("培训支出完成了百分之几？")
    assert next(f for f in narrated.figures if f.unit == "%").value == Decimal("92.50")


def test_each_items_share_after_the_items(docs: dict[str, Document]) -> None:
    """"A和B各是多少？各占…的多少？": the share of each item the part before named."""
    ans = Assistant([docs["jxw"]]).ask("基本支出和项目支出各是多少？各占支出总计的多少？")
    shares = [f for f in ans.figures if f.unit == "%"]
    assert len(shares) == 2 and sum(f.value for f in shares) == Decimal("100.00")


def test_a_topic_amount_from_the_table_titled_by_it() -> None:
    """机关运行经费 asked of a document with a table titled by it: that table's total, not a figure
    of a narrative sentence that only resembles it."""
    doc = _truth(ROOT / "tests" / "real" / "jiangsu-jcy-2017ys.truth.json")
    ans = Assistant([doc]).ask("机关运行经费是多少？")
    assert ans.figures[0].value == Decimal("6032.55") and ans.figures[0].source.table == "十"


def test_something_inside_a_row_is_not_answered_with_the_row(docs: dict[str, Document]) -> None:
    one = Assistant([docs["jxw"]])
    inside = one.ask("办公费里面，订报纸具体花多少钱？")
    assert not inside.found and "办公费" in inside.text
    part = one.ask("基本支出里人员经费多少？")
    assert part.found and part.figures[0].value == Decimal("833.90")


def test_a_per_unit_figure_from_a_count_the_question_gives(docs: dict[str, Document]) -> None:
    one = Assistant([docs["jxw"]])
    given = one.ask("按8辆车算，每辆车的公务用车运行维护费大约多少？")
    per = given.figures[0]
    # (less than one 万元 each: said in 元)
    assert given.found and per.unit == per.operands[0].unit == "元" and "÷ 8" in (per.formula or "")
    assert per.value == (per.operands[0].value / 8).quantize(Decimal("0.01"))
    held = one.ask("每辆车的公务用车运行维护费是多少？")  # no count asked: the document's own (共有车辆2辆)
    assert held.found and "÷ 2" in (held.figures[0].formula or "") and "共有车辆" in held.text


def test_an_amount_asked_after_an_explanation_is_the_explained_items(docs: dict[str, Document]) -> None:
    from ingest.model import Section

    doc = copy.deepcopy(docs["jxw"])
    doc.sections.append(Section(heading="五、名词解释", page=6, text="行政运行：指行政单位（包括实行公务员管理的事业单位）的基本支出。"))
    ans = Assistant([doc]).ask("“行政运行”指的是什么？今年安排了多少？")
    alone = Assistant([doc]).ask("行政运行今年安排了多少？")
    assert ans.found and alone.found and alone.figures[0].value in [f.value for f in ans.figures]
    assert "基本支出" in ans.text


def test_a_total_after_an_empty_carry_over_row_is_the_total() -> None:
    """收入合计 printed after a 上年结转 row left empty is the department's total (nothing carried)."""
    doc = _truth(ROOT / "tests" / "real" / "jiangsu-jcy-2018ys.truth.json")
    ans = Assistant([doc]).ask("收支预算总计是多少？")
    assert ans.figures[0].value == Decimal("21955.35") and ans.figures[0].source.table == "公开01表"


def test_one_years_budget_against_another_years_final_accounts(docs: dict[str, Document]) -> None:
    """"2024年预算和2025年决算比": both documents of the issuer, each its own kind of figure; the
    item is named once, the comparing clauses are not part of it."""
    final = copy.deepcopy(docs["sfj"])
    final.doc_id, final.year, final.kind = "sfj-final", 2025, "部门决算"
    final.source = final.source.replace("2024", "2025js")
    one = Assistant([docs["sfj"], final])
    plan = one.plan("司法局2024年的公务接待费预算，和2025年的公务接待费决算比，是多了还是少了？差多少？")
    assert plan.across.value == "change" and set(plan.scope.doc_ids) == {docs["sfj"].doc_id, "sfj-final"}
    assert plan.item == "公务接待费是多少"
    ans = one.ask("司法局2024年的公务接待费预算，和2025年的公务接待费决算比，是多了还是少了？差多少？")
    assert ans.route == "across:change" and "预算数也有决算数" in ans.text


def test_an_opening_budget_a_final_account_never_prints_is_declined() -> None:
    """A generated 决算 (tests/pdfs/gen3) prints actual figures only: its opening budget is not
    stood in for by the actual figure."""
    from ingest.pipeline import parse_path

    final = parse_path(ROOT / "tests" / "pdfs" / "gen3" / "gen-0001-2026js.pdf")
    one = Assistant([final])
    ans = one.ask("年初预算安排的项目支出是多少？")
    assert not ans.found and "年初预算" in ans.text
    assert one.ask("项目支出决算是多少？").found


def test_counting_documents_and_the_two_ends_of_a_ranking(assistant: Assistant) -> None:
    """"有几家安排了X": the documents whose figure is not 0, counted and named; "最高和最低的分别是
    哪家": those two only, not the whole list."""
    counted = assistant.ask("这几个部门里，有几家安排了公务接待费？各是多少？")
    count = next(f for f in counted.figures if f.label == "文件数")
    assert count.unit == "家" and count.value >= 2
    ends = assistant.ask("这几个部门的公务接待费，最高和最低的分别是哪家？")
    assert "最高的是" in ends.text and "最低的是" in ends.text
    assert len([ln for ln in ends.text.splitlines() if ln.startswith("- ")]) == 2


def test_a_threshold_needs_an_amount_to_compare(docs: dict[str, Document]) -> None:
    one = Assistant([docs["jxw"]])
    ans = one.ask("公务接待费有没有超过3万元？")
    assert ans.found and ans.text.startswith("是") and ans.figures[0].value == Decimal("4.00")


def test_why_it_rose_when_it_fell_and_no_reason_is_printed(docs: dict[str, Document]) -> None:
    from ingest.model import Section

    doc = copy.deepcopy(docs["jxw"])
    doc.sections.append(Section(heading="八、其他说明", page=7, text="2024 年培训费预算 3 万元，比 2023 年减少 1.5 万元。"))
    ans = Assistant([doc]).ask("培训费为什么涨了？")
    assert ans.found and "减少" in ans.text and "不是增加" in ans.text and "没有说明原因" in ans.text
    assert any(f.value == Decimal("1.5") for f in ans.figures)


def test_is_one_item_more_than_another_and_by_how_much(docs: dict[str, Document]) -> None:
    one = Assistant([docs["jxw"]])
    ans = one.ask("公务接待费是不是比公务用车运行维护费还多？")
    assert ans.found and any(f.formula and "-" in f.formula for f in ans.figures)
    code = one.ask("行政运行在功能分类里的科目编码是多少？")
    assert code.found
