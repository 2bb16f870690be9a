"""Question variants for invariance tests (in the manner of CheckList), and the invariance rate.

From each gold question, :func:`make_variants` writes the same question the
ways people also type it; a sound assistant answers every variant with the
figures it gives the original:

* ``traditional``: traditional characters (OpenCC ``s2t``);
* ``fullwidth``: ASCII digits and letters as their full-width forms (２０２４年);
* ``homophone``: one character of a common word (never a proper name, a code
  or a number) replaced by another common character of the same pinyin, as a
  pinyin keyboard lets slip (预算 → 玉算);
* ``filler``: spoken filler words (请问, 那个, 呃, 一下) put before the question
  and after a leading year;
* ``clause_order``: the two clauses of a two-clause question swapped, unless the
  second leans on the first (其中…, 那…, 分别…).

A kind that would not change the question (no digits to widen, one clause) is
not produced. Everything is deterministic for a given ``seed``: the random
choices are seeded by the seed and the question text.

:func:`invariance` compares answers: a variant is invariant when its answer has
the same ``found`` and states the same figures (money amounts in 万元,
percentages and counted quantities, from the figures and the text) as the
original question's answer.

``python -m eval variants --questions Q.jsonl --out V.jsonl`` writes the
variants as gold lines (the original line with ``id`` ``<id>~<kind>``, the new
``question``, and ``variant_of`` / ``variant`` keys), so ``eval answer`` and
``eval score`` read them as they are.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import click

from eval.scoring import _MONEY_IN_YUAN, _figure_mentions, extract_mentions

__all__ = ["KINDS", "Changed", "Invariance", "Variant", "answer_signature", "invariance", "make_variants",
           "variant_lines", "variants"]

KINDS = ("traditional", "fullwidth", "homophone", "filler", "clause_order")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NAME_TAGS = ("nr", "ns", "nt", "nz", "m", "eng", "x")
_NAME_ENDS = ("u", "v", "m", "x", "r", "c", "d", "f")
_BODY_ENDS = ("委", "局", "厅", "办", "署", "中心")
_CLAUSE_SPLIT = re.compile(r"[，,；;]")
# a clause that refers to the one before it (其中…, 那…, 分别…) cannot come first
_LEANS_BACK = re.compile(r"(?:其中|其|那|而|但|并|同时|分别|另外|还|以及|如果|则|且|又|也|它|这|该|此|比|较)")
_END = re.compile(r"[？?。！!\s]*$")
_NOT_IN_TIME = ("年", "月", "日")


@dataclass(frozen=True)
class Variant:
    kind: str
    question: str


# --- generation ---------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _homophones() -> dict[str, list[str]]:
    """Toned pinyin → the common characters (GB 2312 level 1, the 3,755 常用字) that read so, most
    frequent first by jieba's dictionary."""
    import jieba
    from pypinyin import Style, pinyin

    common = [bytes((hi, lo)).decode("gb2312") for hi in range(0xB0, 0xD8) for lo in range(0xA1, 0xFF)
              if not (hi == 0xD7 and lo > 0xF9)]
    freq = dict.fromkeys(common, 0)
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as f:
        for line in f:
            word, _, rest = line.partition(" ")
            if word in freq:
                freq[word] = int(rest.split()[0])
    out: dict[str, list[str]] = {}
    for ch in sorted(common, key=lambda c: (-freq[c], c)):
        out.setdefault(pinyin(ch, style=Style.TONE3)[0][0], []).append(ch)
    return out


def _traditional(q: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(q)


def _fullwidth(q: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in q)


def _words(q: str) -> list[tuple[str, str]]:
    import jieba.posseg as pseg

    return [(w.word, w.flag) for w in pseg.lcut(q)]


def _homophone(q: str, rng: random.Random) -> str:
    """One character of a common word swapped for a common character of the same toned pinyin."""
    from pypinyin import Style, lazy_pinyin

    table = _homophones()
    spots: list[tuple[int, str]] = []  # (position in q, replacement candidates)
    pos = 0
    in_name = False
    for word, flag in _words(q):
        start, pos = pos, pos + len(word)
        # a name runs on after a place or body name until a particle, verb, number or mark
        # (jieba cuts 南岸区经信委 as 南岸区 / 经 / 信委 as often as whole)
        in_name = flag.startswith(_NAME_TAGS) or word.endswith(_BODY_ENDS) or (
            in_name and not flag.startswith(_NAME_ENDS))
        if in_name or len(word) < 2 or any(not _CJK.fullmatch(c) for c in word):
            continue
        readings = lazy_pinyin(word, style=Style.TONE3)
        if len(readings) != len(word):
            continue
        for i, (ch, reading) in enumerate(zip(word, readings)):
            others = [c for c in table.get(reading, []) if c != ch][:5]
            if others:
                spots.append((start + i, "".join(others)))
    if not spots:
        return q
    at, others = rng.choice(spots)
    return q[:at] + rng.choice(others) + q[at + 1:]


_TIME_PHRASE = re.compile(
    r"(?<![比较和与同至到\d])((?:\d{4}|今|去|上|明)年(?:度)?的?)(?=[\u4e00-\u9fff])(?![比和与至到同相较有是])")


def _filler(q: str, rng: random.Random) -> str:
    """A spoken opening (请问, 呃，, 请问一下，, 那个，) and, after a leading year, 那个."""
    body = _TIME_PHRASE.sub(r"\1那个", q, count=1)
    return rng.choice(("请问", "呃，", "请问一下，", "那个，")) + body


def _clause_order(q: str) -> str:
    end = _END.search(q)
    tail = end.group(0) if end else ""
    core = q[: len(q) - len(tail)]
    parts = _CLAUSE_SPLIT.split(core)
    if len(parts) != 2 or not all(p.strip() for p in parts) or _LEANS_BACK.match(parts[1].strip()):
        return q
    sep = _CLAUSE_SPLIT.search(core).group(0)  # type: ignore[union-attr]
    return parts[1].strip() + sep + parts[0].strip() + tail


def make_variants(question: str, seed: int = 0) -> list[Variant]:
    """The variants of one question that differ from it, in the order of ``KINDS``."""
    rng = random.Random(f"{seed}\x00{question}")
    made = {
        "traditional": _traditional(question),
        "fullwidth": _fullwidth(question),
        "homophone": _homophone(question, rng),
        "filler": _filler(question, rng),
        "clause_order": _clause_order(question),
    }
    return [Variant(k, made[k]) for k in KINDS if made[k] != question]


def variant_lines(golds: Iterable[Mapping[str, Any]], seed: int = 0,
                  kinds: Sequence[str] = KINDS) -> list[dict[str, Any]]:
    """Gold lines of every variant: the original line with a new id and question, plus
    ``variant_of`` (the original id) and ``variant`` (the kind)."""
    out = []
    for g in golds:
        for v in make_variants(str(g["question"]), seed):
            if v.kind in kinds:
                out.append({**g, "id": f"{g['id']}~{v.kind}", "question": v.question,
                            "variant_of": g["id"], "variant": v.kind})
    return out


# --- invariance --------------------------------------------------------------------------------

def answer_signature(answer: Mapping[str, Any] | None) -> tuple[bool, frozenset[tuple[str, float]]]:
    """``found`` and the figures an answer states: money in 万元, percentages, and quantities with a
    counting unit (years, months and days are dates, not figures; bare numbers are left out)."""
    if answer is None:
        return (False, frozenset())
    figures = [f for f in answer.get("figures") or [] if isinstance(f, Mapping) and "value" in f]
    stated: set[tuple[str, float]] = set()
    for m in extract_mentions(str(answer.get("answer") or "")) + _figure_mentions(figures):
        if m.kind == "money":
            stated.add(("money", round(m.value * _MONEY_IN_YUAN[m.unit] / 1e4, 6)))
        elif m.kind == "percent":
            stated.add(("%", round(m.value, 6)))
        elif m.kind == "other" and m.unit not in _NOT_IN_TIME:
            stated.add((m.unit, round(m.value, 6)))
    return (bool(answer.get("found")), frozenset(stated))


@dataclass(frozen=True)
class Changed:
    """A variant whose answer differs from the original's."""

    id: str
    kind: str
    question: str
    original: str
    variant: str


@dataclass(frozen=True)
class Invariance:
    n: int
    same: int
    per_kind: dict[str, tuple[int, int]]  # kind → (same, n)
    changed: list[Changed] = field(default_factory=list)

    @property
    def rate(self) -> float | None:
        return self.same / self.n if self.n else None


def _brief(answer: Mapping[str, Any] | None) -> str:
    if answer is None:
        return "(no answer)"
    text = " ".join(str(answer.get("answer") or "").split())
    return ("" if answer.get("found") else "[not found] ") + (text[:120] + ("…" if len(text) > 120 else ""))


def invariance(variants: Iterable[Mapping[str, Any]], answers: Iterable[Mapping[str, Any]]) -> Invariance:
    """The share of variants whose answer has the same signature as their original's.

    ``variants`` are variant lines (``id``, ``variant_of``, ``variant``, ``question``); ``answers``
    hold one answer line per id, originals and variants alike. A variant or original without an
    answer counts as changed."""
    by_id = {str(a.get("id")): a for a in answers}
    per_kind: dict[str, list[int]] = {k: [0, 0] for k in KINDS}
    changed: list[Changed] = []
    n = same = 0
    for v in variants:
        original, answer = by_id.get(str(v["variant_of"])), by_id.get(str(v["id"]))
        kind = str(v.get("variant") or "")
        counts = per_kind.setdefault(kind, [0, 0])
        n += 1
        counts[1] += 1
        if original is not None and answer is not None and answer_signature(original) == answer_signature(answer):
            same += 1
            counts[0] += 1
        else:
            changed.append(Changed(str(v["id"]), kind, str(v["question"]), _brief(original), _brief(answer)))
    return Invariance(n, same, {k: (s, t) for k, (s, t) in per_kind.items() if t}, changed)


def format_invariance(inv: Invariance) -> str:
    """``invariance 0.953 (123/129) traditional 1.000 fullwidth …``"""
    rate = "n/a" if inv.rate is None else f"{inv.rate:.3f}"
    kinds = " ".join(f"{k} {s / t:.3f}" for k, (s, t) in inv.per_kind.items())
    return f"invariance {rate} ({inv.same}/{inv.n})" + (f" {kinds}" if kinds else "")


# --- command line ------------------------------------------------------------------------------

def _read_lines(path: Path) -> list[dict[str, Any]]:
    from eval.gold import load_gold

    load_gold(path)  # the same checks, and the same one-line errors, as every gold file
    return [json.loads(ln) for ln in path.read_text("utf-8").splitlines() if ln.strip()]


@click.command(name="variants")
@click.option("--questions", "questions", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Gold question set (JSON Lines).")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the variants (gold lines, JSON Lines).")
@click.option("--seed", default=0, show_default=True, help="Seed of the homophone and filler choices.")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS),
              help="Only these kinds (repeatable); all by default.")
def variants(questions: Path, out: Path, seed: int, kinds: tuple[str, ...]) -> None:
    """Write variants of every question (traditional, full-width, homophone, filler, clause order)."""
    from eval.gold import GoldFormatError

    try:
        golds = _read_lines(questions)
    except GoldFormatError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(2)
    lines = variant_lines(golds, seed, kinds or KINDS)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(json.dumps(v, ensure_ascii=False) + "\n" for v in lines), "utf-8")
    counts = {k: sum(1 for v in lines if v["variant"] == k) for k in (kinds or KINDS)}
    click.echo(f"wrote {len(lines)} variants of {len(golds)} questions to {out} ("
               + ", ".join(f"{k} {c}" for k, c in counts.items()) + ")")

