"""Scoring rules, gold/answer validation, the ``score`` command and the report."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from eval.cli import cli
from eval.gold import AnswerFormatError, ExpectedValue, GoldFormatError, GoldItem, load_answers, load_gold
from eval.report import write_report
from eval.scoring import citation_hit, extract_mentions, money_amounts, percentile, score_answer, score_set
from ingest.errors import BudgetQAError
from tests.conftest import CORPUS, SHARED

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
GOLD_SAMPLE = DATA / "gold-sample.jsonl"
ANSWERS_SAMPLE = DATA / "answers-sample.jsonl"


def gold(
    values: list[tuple[float, str]] | None = None,
    must: tuple[str, ...] = (),
    sources: tuple[str, ...] = ("表四:公务接待费",),
    answerable: bool = True,
    tolerance: float = 0.01,
    qtype: str = "lookup",
) -> GoldItem:
    expected = None if values is None else tuple(ExpectedValue(v, u) for v, u in values)
    return GoldItem(
        id="q1", question="问题？", type=qtype, answerable=answerable, expected=expected,
        tolerance=tolerance, must_mention=must, sources=sources,
    )


def answer(text: str = "", found: bool = True, figures: list[dict[str, Any]] | None = None,
           citations: list[dict[str, Any]] | None = None, latency: float = 5.0) -> dict[str, Any]:
    return {"id": "q1", "answer": text, "found": found, "figures": figures or [],
            "citations": citations or [], "latency_ms": latency}


# --- expected values -------------------------------------------------------

VALUE_CASES = [
    # (text, expected value, expected unit, tolerance, correct)
    ("公务接待费4万元", 4, "万元", 0.01, True),
    ("公务接待费40000元", 4, "万元", 0.01, True),
    ("公务接待费40,000元", 4, "万元", 0.01, True),
    ("公务接待费0.0004亿元", 4, "万元", 0.01, True),
    ("公务接待费4千元", 4, "万元", 0.01, False),
    ("部门预算5,615.72万元", 5615.72, "万元", 0.01, True),
    ("部门预算5615.72 万元", 5615.72, "万元", 0.01, True),
    ("部门预算5，615.72万元", 5615.72, "万元", 0.01, True),
    ("部门预算５６１５．７２万元", 5615.72, "万元", 0.01, True),
    ("部门预算1.2亿元", 12000, "万元", 0.01, True),
    ("预算数为4（表四）", 4, "万元", 0.01, True),
    ("见表1-2和表4", 2, "万元", 0.01, False),
    ("约4万，见表3", 4, "万元", 0.01, True),
    ("共3万人", 3, "万元", 0.01, False),
    ("公务接待费4.01万元", 4, "万元", 0.01, True),
    ("公务接待费4.02万元", 4, "万元", 0.01, False),
    ("收入减少-2953.67万元", 2953.67, "万元", 0.01, True),
    ("问的是元：4万元", 40000, "元", 0.5, True),
    ("问的是元：4.1万元", 40000, "元", 0.5, False),
    ("下降了34.47%", 34.47, "%", 0.01, True),
    ("下降了34.47％", 34.47, "%", 0.01, True),
    ("下降了百分之34.47", 34.47, "%", 0.01, True),
    ("下降了34.47个百分点", 34.47, "%", 0.01, True),
    ("下降了34.47万元", 34.47, "%", 0.01, False),
    ("下降了34.5%", 34.47, "%", 0.01, False),
    ("行政编制20名", 20, "名", 0.01, True),
    ("行政编制20人", 20, "名", 0.01, True),
    ("行政编制21名", 20, "名", 0.01, False),
    ("公务用车2辆", 2, "辆", 0.01, True),
    ("公务用车2万元", 2, "辆", 0.01, False),
    ("30个工作日内拨付", 30, "个工作日", 0.01, True),
    ("权重为20", 20, "", 0.01, True),
    ("权重为25", 20, "", 0.01, False),
]


@pytest.mark.parametrize(("text", "value", "unit", "tol", "correct"), VALUE_CASES)
def test_expected_value_in_text(text: str, value: float, unit: str, tol: float, correct: bool) -> None:
    score = score_answer(gold([(value, unit)], tolerance=tol), answer(text))
    assert score.correct is correct, score.reasons
    if not correct:
        assert any(r.startswith("does not state") for r in score.reasons)


FIGURE_CASES = [
    ({"value": 4.0, "unit": "万元"}, True),
    ({"value": 40000, "unit": "元"}, True),
    ({"value": 4, "unit": ""}, True),
    ({"value": 4, "unit": "%"}, False),
    ({"value": 5, "unit": "万元"}, False),
]


@pytest.mark.parametrize(("figure", "correct"), FIGURE_CASES)
def test_expected_value_in_figures(figure: dict[str, Any], correct: bool) -> None:
    score = score_answer(gold([(4, "万元")]), answer("见表四。", figures=[figure]))
    assert score.correct is correct, score.reasons


ZERO_CASES = [
    ("今年没有安排公务用车购置费", True),
    ("公务用车购置费未列支", True),
    ("因公出国（境）费未安排", True),
    ("该项为零", True),
    ("本单位无该项收支", True),
    ("公务用车购置费0万元", True),
    ("公务用车购置费0.00万元", True),
    ("公务用车购置费安排了5万元", False),
]


@pytest.mark.parametrize(("text", "correct"), ZERO_CASES)
def test_zero_met_by_negation(text: str, correct: bool) -> None:
    assert score_answer(gold([(0, "万元")]), answer(text)).correct is correct


def test_every_expected_value_is_needed() -> None:
    g = gold([(13, "名"), (12, "名")])
    assert score_answer(g, answer("事业编制13名，实有12名")).correct
    score = score_answer(g, answer("事业编制13名"))
    assert not score.correct and score.reasons == ["does not state 12 名 (±0.01)"]
    big = score_answer(gold([(13240000, "元")], tolerance=1), answer("1000万元"))
    assert big.reasons == ["does not state 13240000 元 (±1)"]


# --- must_mention ----------------------------------------------------------

MENTION_CASES = [
    ("公务接待", "公务接待费4万元", True),
    ("公务接待", "公务 接待费4万元", True),
    ("2023", "比２０２３年减少", True),
    ("ＡＢ", "ab类", True),
    ("增加|增长", "比上年增长5万元", True),
    ("减少", "比上年压减5万元", True),
    ("减少", "比上年下降5万元", True),
    ("下降", "比上年减少5万元", True),
    ("减少", "比上年少了5万元", True),
    ("增加", "比上年多了5万元", True),
    ("增加", "比上年提高5万元", True),
    ("没有", "今年未安排", True),
    ("持平", "与上年没有变化", True),
    ("持平", "与上年相同", True),
    ("公务接待", "招待费4万元", False),
    ("减少", "比上年增加5万元", False),
    ("增加|增长", "比上年持平", False),
    ("人员增加", "人员增长", False),
]


@pytest.mark.parametrize(("term", "text", "correct"), MENTION_CASES)
def test_must_mention(term: str, text: str, correct: bool) -> None:
    score = score_answer(gold(None, must=(term,)), answer(text))
    assert score.correct is correct, score.reasons
    if not correct:
        assert score.reasons == [f"does not mention '{term}'"]


# --- padding ---------------------------------------------------------------

PADDING_CASES = [
    # (text, number of expected values, correct)
    ("4万元、1万元、2万元、3万元、5万元、6万元", 1, True),
    ("4万元、1万元、2万元、3万元、5万元、6万元、7万元", 1, False),
    ("4万元、40000元、4.00万元、1万元、2万元、3万元、5万元、6万元", 1, True),
    ("4万元、1%、2%、3%、5名、6名、7名、8、9", 1, True),
    ("4万元、1万元、2万元、3万元、5万元、6万元、7万元、8万元、9万元", 3, True),
    ("4万元、1万元、2万元、3万元、5万元、6万元、7万元、8万元、9万元、10万元", 3, False),
]


@pytest.mark.parametrize(("text", "n_values", "correct"), PADDING_CASES)
def test_padding(text: str, n_values: int, correct: bool) -> None:
    values = [(4, "万元")] * n_values
    score = score_answer(gold(values), answer(text))
    assert score.correct is correct, score.reasons
    if not correct:
        assert score.reasons[0].startswith("padded:")


def test_padding_counts_money_figures() -> None:
    figures = [{"value": v, "unit": "万元"} for v in (1, 2, 3, 5, 6, 7)]
    assert len(money_amounts("4万元", figures)) == 7
    assert not score_answer(gold([(4, "万元")]), answer("4万元", figures=figures)).correct


# --- found / refusals --------------------------------------------------------

FOUND_CASES = [
    (True, True, "公务接待费4万元", True),
    (True, False, "公务接待费4万元", False),
    (False, False, "文件没有这项内容", True),
    (False, True, "主任是张三", False),
]


@pytest.mark.parametrize(("answerable", "found", "text", "correct"), FOUND_CASES)
def test_found(answerable: bool, found: bool, text: str, correct: bool) -> None:
    g = gold([(4, "万元")] if answerable else None, answerable=answerable, qtype="lookup" if answerable else "unanswerable")
    assert score_answer(g, answer(text, found=found)).correct is correct


OUTCOME_CASES = [
    # (values, must, answerable, found, text, outcome)
    ([(4, "万元")], (), True, True, "公务接待费4万元", "correct"),
    ([(4, "万元")], (), True, True, "公务接待费5万元", "wrong"),
    ([(4, "万元")], (), True, True, "公务接待费40万元", "wrong"),
    ([(4, "万元")], (), True, False, "文件没有这项内容", "refused"),
    ([(4, "万元")], (), True, False, "没有找到4万元以外的数", "refused"),
    (None, (), False, True, "主任是张三", "wrong"),
    (None, (), False, False, "文件没有这项内容", "correct"),
    ([(4, "万元")], (), True, True, "公务接待费见表四", "incomplete"),
    ([(4, "万元")], ("公务接待",), True, True, "4万元", "incomplete"),
    ([(2.5, "万元")], ("减少",), True, True, "比上年增加2.5万元", "wrong"),
    ([(0, "万元")], ("持平",), True, True, "比上年增加0万元", "wrong"),
    ([(2.5, "万元")], ("减少",), True, True, "比上年变化2.5万元", "incomplete"),
    ([(1, "万元")], (), True, True, "1万元、2万元、3万元、4万元、5万元、6万元、7万元", "wrong"),
]


@pytest.mark.parametrize(("values", "must", "answerable", "found", "text", "outcome"), OUTCOME_CASES)
def test_outcome_separates_wrong_answers_from_refusals(values: list[tuple[float, str]] | None, must: tuple[str, ...],
                                                       answerable: bool, found: bool, text: str, outcome: str) -> None:
    g = gold(values, must=must, answerable=answerable, qtype="lookup" if answerable else "unanswerable")
    s = score_answer(g, answer(text, found=found))
    assert s.outcome == outcome
    assert s.correct is (outcome == "correct")


def test_set_lists_wrong_answers_first() -> None:
    result = score_set(load_gold(GOLD_SAMPLE), load_answers(ANSWERS_SAMPLE))
    assert [s.id for s in result.wrong] == ["dev-012", "dev-016", "dev-041", "dev-118"]
    assert [s.id for s in result.refused] == ["dev-002"] == result.false_refusals
    assert [s.outcome for s in result.failures] == ["wrong"] * 4 + ["refused", "incomplete"]


# --- citations ---------------------------------------------------------------

def cit(table: str | None = None, code: Any = None, row: str | None = None,
        section: str | None = None, quote: str | None = None) -> dict[str, Any]:
    return {"document": "d", "table": table, "section": section, "code": code, "row": row, "page": 1, "quote": quote}


CITATION_CASES = [
    ("表四:公务接待费", cit("表四", row="公务接待费"), True),
    ("表四:公务接待费", cit("表四", row="公务接待费（万元）"), True),
    ("表四:公务接待费", cit("表四", quote="公务接待费 4.00"), True),
    ("表四:公务接待费", cit("表 四", row="公务 接待费"), True),
    ("表四:公务接待费", cit("表三", row="公务接待费"), False),
    ("表四:公务用车运行费", cit("表四", row="公务用车运行维护费"), False),
    ("表四:2.公务接待费", cit("表四", row="公务接待费"), True),
    ("表四:（1）公务用车购置费", cit("表四", row="(1) 公务用车购置费"), True),
    ("表二:2150517", cit("表二", code="2150517"), True),
    ("表二:2150517", cit("表二", code=2150517), True),
    ("表二:2150517", cit("表七", code="2150517"), False),
    ("表二:208", cit("表二", quote="2080501 行政单位离退休 123.12"), False),
    ("表二:208", cit("表二", quote="208 社会保障和就业支出 348.08"), True),
    ("表二:208", cit("表二", quote="208 348.08"), True),
    ("表十一#3:盐业储备仓储补助", cit("表十一", row="盐业储备仓储补助"), True),
    ("表十一#3:盐业储备仓储补助", cit("表十一#2", row="盐业储备仓储补助"), False),
    ("表十一:盐业储备仓储补助", cit("表十一#3", row="盐业储备仓储补助"), True),
    ("表十一:盐业储备仓储补助", cit("表十", row="盐业储备仓储补助"), False),
    ("表1-2:2040610", cit("表1-2", code="2040610"), True),
    ("表1-2:2040610", cit("表1", code="2040610"), False),
    ("说明:(一) 收入预算", cit(section="（一）收入预算"), True),
    ("说明:(一) 收入预算", cit(section="收入预算"), True),
    ("说明:(一) 收入预算", cit(section="（二）支出预算"), False),
    ("说明:（四）“三公”经费", cit(section="四、“三公”经费情况说明"), True),
    ("说明:三、部门预算情况说明", cit(section="部门预算情况说明"), True),
    ("说明:三、部门预算情况说明", cit("表二", row="部门预算情况说明"), False),
]


@pytest.mark.parametrize(("source", "citation", "hit"), CITATION_CASES)
def test_citation_hit(source: str, citation: dict[str, Any], hit: bool) -> None:
    assert citation_hit(gold(None, sources=(source,)), [citation]) is hit


def test_citation_hit_is_none_without_sources_or_for_unanswerable() -> None:
    assert citation_hit(gold(None, sources=()), [cit("表四", row="公务接待费")]) is None
    g = gold(None, answerable=False, qtype="unanswerable")
    assert citation_hit(g, [cit("表四", row="公务接待费")]) is None


def test_citation_does_not_change_correctness() -> None:
    score = score_answer(gold([(4, "万元")]), answer("4万元", citations=[cit("表九", row="x")]))
    assert score.correct and score.citation_hit is False


# --- number extraction and percentiles ---------------------------------------

def test_extract_mentions_units() -> None:
    found = [(m.value, m.kind) for m in extract_mentions("2024年预算5,615.72万元，占34.47%，20名，约4万，3万人，代码2150517")]
    assert found == [(2024, "other"), (5615.72, "money"), (34.47, "percent"), (20, "other"),
                     (4, "money"), (3, "other"), (2150517, "bare")]


def test_percentile() -> None:
    assert percentile([], 50) is None
    assert percentile([8.0], 95) == 8.0
    assert percentile([1, 2, 3, 4], 50) == 2.5
    assert percentile(range(1, 101), 95) == pytest.approx(95.05)


# --- whole sets ---------------------------------------------------------------

def test_score_set_on_sample() -> None:
    result = score_set(load_gold(GOLD_SAMPLE), load_answers(ANSWERS_SAMPLE), name="sample")
    assert (result.n_correct, result.n_total) == (12, 18)
    assert sorted(s.id for s in result.failures) == ["dev-002", "dev-012", "dev-013", "dev-016", "dev-041", "dev-118"]
    assert result.per_type["change"] == (1, 3)
    assert result.per_type["unanswerable"] == (1, 2)
    assert (result.refusal_correct, result.refusal_total) == (1, 2)
    assert result.false_refusals == ["dev-002"]
    assert (result.citation_hits, result.citation_total) == (14, 16)
    latencies = [json.loads(line)["latency_ms"] for line in ANSWERS_SAMPLE.read_text().splitlines()]
    assert result.latency_p50 == pytest.approx(percentile(latencies, 50))


def test_score_set_missing_and_unknown_answers() -> None:
    g = [gold([(4, "万元")]), GoldItem("q2", "问？", "count", True, (ExpectedValue(2, "辆"),), 0, (), ())]
    result = score_set(g, [answer("4万元"), dict(answer("x"), id="zz")])
    assert (result.n_correct, result.n_total) == (1, 2)
    assert result.failures[0].reasons == ["no answer for this id"]
    assert result.unknown_answer_ids == ["zz"]
    assert result.false_refusals == []


# --- gold and answer validation -----------------------------------------------

GOOD = {"id": "q1", "question": "公务接待费？", "type": "lookup", "answerable": True,
        "expected": {"values": [{"value": 4, "unit": "万元"}], "tolerance": 0.01},
        "must_mention": ["公务接待"], "sources": ["表四:公务接待费"], "formula": None, "notes": ""}


def _with(**changes: Any) -> str:
    return json.dumps({**GOOD, "id": "q2", **changes}, ensure_ascii=False)


def _values(value: Any = 4, unit: Any = "万元", tolerance: Any = 0.01) -> dict[str, Any]:
    return {"values": [{"value": value, "unit": unit}], "tolerance": tolerance}


GOLD_ERRORS = [
    ("{not json", "Q.jsonl:2: not valid JSON"),
    ("[1, 2]", "Q.jsonl:2: a line must be a JSON object, got [1, 2]"),
    (json.dumps({k: v for k, v in GOOD.items() if k != "sources"}), "Q.jsonl:2: missing key 'sources'"),
    (_with(type="lookups"), "Q.jsonl:2: type is 'lookups', not one of aggregate,"),
    (_with(expected=_values(value="abc")), "Q.jsonl:2: expected.values[0].value is 'abc', not a number"),
    (_with(expected=_values(value=True)), "Q.jsonl:2: expected.values[0].value is true, not a number"),
    (_with(expected=_values(unit=4)), "Q.jsonl:2: expected.values[0].unit is 4, not a string"),
    (_with(expected=_values(tolerance=-1)), "Q.jsonl:2: expected.tolerance is -1, must not be negative"),
    (_with(expected={"values": [], "tolerance": 0}), "Q.jsonl:2: expected.values is empty"),
    (_with(expected={"values": [{"value": 1, "unit": "名"}]}), "Q.jsonl:2: missing key 'expected.tolerance'"),
    (_with(expected=[4]), "Q.jsonl:2: expected is [4], not an object"),
    (_with(answerable="yes"), "Q.jsonl:2: answerable is 'yes', not true or false"),
    (_with(must_mention="公务接待"), "Q.jsonl:2: must_mention is '公务接待', not a list"),
    (_with(sources=["表四公务接待费"]), "Q.jsonl:2: sources[0] is '表四公务接待费', not '表N:<code or row>'"),
    (_with(id="q1"), "Q.jsonl:2: duplicate id 'q1' (first on line 1)"),
    (_with(id=""), "Q.jsonl:2: id is empty"),
]


@pytest.mark.parametrize(("second_line", "message"), GOLD_ERRORS)
def test_gold_errors_name_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        second_line: str, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    Path("Q.jsonl").write_text(json.dumps(GOOD, ensure_ascii=False) + "\n" + second_line + "\n", encoding="utf-8")
    with pytest.raises(GoldFormatError) as info:
        load_gold("Q.jsonl")
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)
    assert isinstance(info.value, BudgetQAError)


def test_gold_accepts_null_expected_blank_lines_and_extra_keys(tmp_path: Path) -> None:
    unanswerable = {**GOOD, "id": "q2", "type": "unanswerable", "answerable": False, "expected": None,
                    "must_mention": [], "sources": [], "extra": 1}
    path = tmp_path / "Q.jsonl"
    path.write_text(json.dumps(GOOD) + "\n\n" + json.dumps(unanswerable) + "\n", encoding="utf-8")
    items = load_gold(path)
    assert [i.id for i in items] == ["q1", "q2"]
    assert items[0].expected == (ExpectedValue(4.0, "万元"),) and items[1].expected is None


def test_gold_empty_or_missing_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("Q.jsonl").write_text("\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r"^Q\.jsonl: no questions"):
        load_gold("Q.jsonl")
    with pytest.raises(GoldFormatError, match=r"^nope\.jsonl: no such file"):
        load_gold("nope.jsonl")


def test_shared_gold_files_load() -> None:
    for path in [GOLD_SAMPLE, *CORPUS.glob("*.qa.jsonl"), SHARED / "eval" / "seed-dev.jsonl"]:
        if path.exists():
            assert load_gold(path)


ANSWER_ERRORS = [
    ({"found": "true"}, "A.jsonl:1: found is 'true', not true or false"),
    ({"latency_ms": -3}, "A.jsonl:1: latency_ms is -3, must not be negative"),
    ({"latency_ms": "fast"}, "A.jsonl:1: latency_ms is 'fast', not a number"),
    ({"figures": [{"value": "x", "unit": "万元"}]}, "A.jsonl:1: figures[0].value is 'x', not a number"),
    ({"figures": {"value": 4}}, "A.jsonl:1: figures is {\"value\": 4}, not a list"),
    ({"citations": [{"table": ["表四"]}]}, "A.jsonl:1: citations[0].table is [\"表四\"], not a string or null"),
    ({"answer": None}, "A.jsonl:1: answer is null, not a string"),
]


@pytest.mark.parametrize(("change", "message"), ANSWER_ERRORS)
def test_answer_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: dict[str, Any], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    Path("A.jsonl").write_text(json.dumps({**answer("4万元"), **change}, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(AnswerFormatError) as info:
        load_answers("A.jsonl")
    assert str(info.value) == message


def test_answer_duplicate_and_missing_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    line = json.dumps(answer("4万元"))
    Path("A.jsonl").write_text(line + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(AnswerFormatError, match=r"^A\.jsonl:2: duplicate id 'q1' \(first on line 1\)$"):
        load_answers("A.jsonl")
    Path("A.jsonl").write_text(json.dumps({"id": "q1", "answer": ""}) + "\n", encoding="utf-8")
    with pytest.raises(AnswerFormatError, match=r"^A\.jsonl:1: missing key 'found', 'figures', 'citations', 'latency_ms'$"):
        load_answers("A.jsonl")


# --- command line -----------------------------------------------------------------

LAST_LINE = re.compile(r"^accuracy \d\.\d{3} \(\d+/\d+\) wrong \d+ refused \d+ citations (\d\.\d{3}|n/a) latency p50 \d+ ms p95 \d+ ms$")


def test_cli_score_last_line() -> None:
    result = CliRunner().invoke(cli, ["score", "--questions", str(GOLD_SAMPLE), "--answers", str(ANSWERS_SAMPLE)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert LAST_LINE.match(lines[-1])
    assert lines[-1] == "accuracy 0.667 (12/18) wrong 4 refused 1 citations 0.875 latency p50 8 ms p95 16 ms"
    assert lines[0] == "wrong answers (4):" and "refusals of answerable questions (1):" in lines
    assert lines.index("refusals of answerable questions (1):") > lines.index("wrong answers (4):")
    assert "wrong answers: 4 (dev-012, dev-016, dev-041, dev-118)" in lines
    assert any(line.startswith("FAIL dev-012 | 2024年基本支出比2023年增加了多少？ | does not state 45.86 万元") for line in lines)
    assert "false refusals: 1 (dev-002)" in lines
    assert "refusal accuracy on unanswerable: 1/2 0.500" in lines
    assert any(re.match(r"^\s+change\s+1/3\s+0\.333$", line) for line in lines)


def test_cli_malformed_file_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    bad = dict(GOOD, expected=_values(value="abc"))
    Path("Q.jsonl").write_text(json.dumps(GOOD) + "\n" + json.dumps(dict(bad, id="q2")) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["score", "--questions", "Q.jsonl", "--answers", str(ANSWERS_SAMPLE)])
    assert result.exit_code == 2
    assert result.stderr == "Q.jsonl:2: expected.values[0].value is 'abc', not a number\n"
    assert result.stdout == ""


def test_python_m_eval_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "A.jsonl"
    bad.write_text("{oops\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "eval", "score", "--questions", str(GOLD_SAMPLE), "--answers", str(bad)],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith(f"{bad}:1: not valid JSON")


def test_independent_scorer_agrees_on_sample() -> None:
    proc = subprocess.run([sys.executable, "scripts/check_scorer_agreement.py", "--questions", str(GOLD_SAMPLE),
                           "--answers", str(ANSWERS_SAMPLE)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "difference       0.000" in proc.stdout and "disagree" not in proc.stdout


# --- report ----------------------------------------------------------------------

def test_write_report(tmp_path: Path) -> None:
    result = score_set(load_gold(GOLD_SAMPLE), load_answers(ANSWERS_SAMPLE), name="seed-dev sample")
    baseline = {"label": "BM25 ceiling", "per_type": {"lookup": 0.9}, "sets": {"seed-dev sample": {"count": [3, 4]}}}
    settings = {"documents": ["nanan-jxw-2024.pdf"], "embedding model": "e5-small", "versions": {"budget-qa": "0.1.0"}}
    path = write_report([result], tmp_path / "out", settings, baseline)
    text = path.read_text(encoding="utf-8")
    assert path.name == "report.md"
    assert "| seed-dev sample | 18 | 66.7% (12/18) | 4 | 1 |" in text
    assert "| versions.budget-qa | 0.1.0 |" in text
    assert "| count | 1/2 | 50.0% | 75.0% |" in text
    assert "| dev-013 | incomplete | 项目支出比上年减少了多少？ | does not mention '减少' |" in text
    failures = text[text.index("### Failures"):]
    assert failures.index("| dev-118 | wrong |") < failures.index("| dev-002 | refused |") < failures.index("| dev-013 |")
    charts = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert charts and all((path.parent / c).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for c in charts)


def test_write_report_several_sets_without_baseline(tmp_path: Path) -> None:
    sample = score_set(load_gold(GOLD_SAMPLE), load_answers(ANSWERS_SAMPLE))
    path = write_report({"一": sample, "two": sample}, tmp_path, {}, None)
    text = path.read_text(encoding="utf-8")
    assert text.count("\n## ") == 4  # summary, settings, two sets
    assert len(list(tmp_path.glob("*.png"))) == 2
