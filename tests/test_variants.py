"""Question variants (CheckList-style invariance tests) and the invariance rate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypinyin import Style, lazy_pinyin

from eval.cli import cli
from eval.variants import KINDS, answer_signature, invariance, make_variants, variant_lines

QUESTIONS = [
    {"id": "q1", "question": "2024年公务接待费预算是多少？", "type": "lookup", "answerable": True,
     "expected": {"values": [{"value": 4, "unit": "万元"}], "tolerance": 0.01}, "must_mention": [],
     "sources": [], "formula": None},
    {"id": "q2", "question": "按说明推算，2023年经信委的部门预算总额是多少？", "type": "arithmetic",
     "answerable": True, "expected": None, "must_mention": [], "sources": [], "formula": None},
    {"id": "q3", "question": "机关运行经费为什么增加？", "type": "reason", "answerable": True, "expected": None,
     "must_mention": [], "sources": [], "formula": None},
]


def by_kind(question: str, seed: int = 0) -> dict[str, str]:
    return {v.kind: v.question for v in make_variants(question, seed)}


def test_each_kind_is_produced() -> None:
    kinds = {k for q in QUESTIONS for k in by_kind(q["question"])}
    assert kinds == set(KINDS)


def test_variants_are_deterministic() -> None:
    for q in QUESTIONS:
        assert make_variants(q["question"], seed=7) == make_variants(q["question"], seed=7)
    seeds = {by_kind("2024年公务接待费预算是多少？", s)["homophone"] for s in range(12)}
    assert len(seeds) > 1  # the seed chooses


def test_traditional_and_fullwidth() -> None:
    v = by_kind("2024年公务接待费预算是多少？")
    assert v["traditional"] == "2024年公務接待費預算是多少？"
    assert v["fullwidth"] == "２０２４年公务接待费预算是多少？"
    assert "fullwidth" not in by_kind("机关运行经费为什么增加？")  # no digit or letter to widen


def test_homophone_swaps_one_character_of_a_common_word_for_the_same_pinyin() -> None:
    for q in [x["question"] for x in QUESTIONS] + ["经信委今年招待客人花多少钱？", "南岸区经信委的部门预算总共是多少？"]:
        for seed in range(5):
            h = by_kind(q, seed)["homophone"]
            assert len(h) == len(q)
            diff = [i for i, (a, b) in enumerate(zip(q, h)) if a != b]
            assert len(diff) == 1, (q, h)
            i = diff[0]
            assert lazy_pinyin(q[i], style=Style.TONE3) == lazy_pinyin(h[i], style=Style.TONE3) or \
                lazy_pinyin(q, style=Style.TONE3)[i] == lazy_pinyin(h[i], style=Style.TONE3)[0]
            assert h[i].encode("gb2312")[0] < 0xD8  # a common character (GB 2312 level 1)
            # never inside a proper name or a number
            assert not (q.startswith("南岸区经信委") and i < 6) and not q[i].isdigit()


def test_filler_and_clause_order() -> None:
    v = by_kind("2024年公务接待费预算是多少？")
    assert v["filler"].endswith("2024年那个公务接待费预算是多少？")
    assert v["filler"][: -len("2024年那个公务接待费预算是多少？")] in ("请问", "呃，", "请问一下，", "那个，")
    assert "比上年那个" not in by_kind("收入预算比上年减少的主要原因是什么？")["filler"]
    assert by_kind(QUESTIONS[1]["question"])["clause_order"] == "2023年经信委的部门预算总额是多少，按说明推算？"
    assert "clause_order" not in by_kind("2024年公务接待费预算是多少？")
    assert "clause_order" not in by_kind("政府采购预算总额多少，其中货物类占多少？")  # 其中 leans back


def test_variant_lines_keep_the_gold_line() -> None:
    lines = variant_lines(QUESTIONS)
    first = lines[0]
    assert first["id"] == "q1~traditional" and first["variant_of"] == "q1" and first["variant"] == "traditional"
    assert first["expected"] == QUESTIONS[0]["expected"] and first["type"] == "lookup"
    assert len({v["id"] for v in lines}) == len(lines)


def test_variants_command(tmp_path: Path) -> None:
    q = tmp_path / "q.jsonl"
    q.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in QUESTIONS), "utf-8")
    out = tmp_path / "v.jsonl"
    result = CliRunner().invoke(cli, ["variants", "--questions", str(q), "--out", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(ln) for ln in out.read_text("utf-8").splitlines()]
    assert lines == variant_lines(QUESTIONS)
    assert result.output.startswith(f"wrote {len(lines)} variants of 3 questions")
    # the variants are gold lines: eval score reads them
    from eval.gold import load_gold

    assert len(load_gold(out)) == len(lines)


# --- invariance ------------------------------------------------------------------------------------

def ans(qid: str, text: str, found: bool = True, figures: list[dict] | None = None) -> dict:
    return {"id": qid, "answer": text, "found": found, "figures": figures or [], "citations": []}


def test_signature_reads_figures_and_text() -> None:
    a = ans("x", "2024年公务接待费 4.00 万元（表四，第11页），占 40%。", figures=[{"value": 4.0, "unit": "万元"}])
    assert answer_signature(a) == (True, frozenset({("money", 4.0), ("%", 40.0), ("页", 11.0)}))
    # 40000 元 is 4 万元; the year is not a figure
    assert answer_signature(ans("x", "2023年为40000元")) == (True, frozenset({("money", 4.0)}))


def test_invariance_on_hand_made_answers() -> None:
    variants = [
        {"id": "q1~traditional", "variant_of": "q1", "variant": "traditional", "question": "公務接待費？"},
        {"id": "q1~homophone", "variant_of": "q1", "variant": "homophone", "question": "公务街待费？"},
        {"id": "q1~filler", "variant_of": "q1", "variant": "filler", "question": "请问公务接待费？"},
        {"id": "q2~filler", "variant_of": "q2", "variant": "filler", "question": "请问谁？"},
        {"id": "q3~fullwidth", "variant_of": "q3", "variant": "fullwidth", "question": "２０２４？"},
        {"id": "q4~traditional", "variant_of": "q4", "variant": "traditional", "question": "無答案"},
    ]
    answers = [
        ans("q1", "公务接待费 4.00 万元"),
        ans("q1~traditional", "公务接待费 4 万元（表四）"),        # same figure, other words: invariant
        ans("q1~homophone", "没有找到", found=False),               # refused: changed
        ans("q1~filler", "公务用车购置费 0.5 万元"),               # another figure: changed
        ans("q2", "没有写", found=False),
        ans("q2~filler", "文件没有说", found=False),                # both refuse: invariant
        ans("q3", "三公经费 10 万元"),
        ans("q3~fullwidth", "三公经费 10 万元，比上年减少 2 万元"),  # an extra figure: changed
        # q4~traditional has no answer: changed
    ]
    inv = invariance(variants, answers)
    assert (inv.same, inv.n) == (2, 6) and inv.rate == pytest.approx(2 / 6)
    assert inv.per_kind == {"traditional": (1, 2), "fullwidth": (0, 1), "homophone": (0, 1), "filler": (1, 2)}
    assert [c.id for c in inv.changed] == ["q1~homophone", "q1~filler", "q3~fullwidth", "q4~traditional"]
    assert inv.changed[0].variant.startswith("[not found]")


def test_report_prints_invariance_beside_accuracy(tmp_path: Path) -> None:
    from eval.gold import load_gold
    from eval.report import write_report
    from eval.scoring import score_set

    q = tmp_path / "q.jsonl"
    q.write_text(json.dumps(QUESTIONS[0], ensure_ascii=False) + "\n", "utf-8")
    result = score_set(load_gold(q), [ans("q1", "公务接待费 4 万元")], name="s")
    variants = variant_lines(QUESTIONS[:1])
    answers = [ans("q1", "公务接待费 4 万元")] + [ans(v["id"], "公务接待费 4 万元") for v in variants[:-1]]
    inv = invariance(variants, answers)
    text = write_report([result], tmp_path / "out", {}, None, {"s": inv}).read_text("utf-8")
    n = len(variants)
    assert "| set | questions | accuracy | wrong | refused | invariance |" in text
    assert f"| s | 1 | 100.0% (1/1) | 0 | 0 | {(n - 1) / n:.1%} ({n - 1}/{n}) |" in text
    assert "### Invariance over question variants" in text and variants[-1]["id"] in text
