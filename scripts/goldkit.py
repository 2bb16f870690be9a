"""The machinery the gold-set builders share (scripts/build_fresh.py, scripts/build_blind.py):
pointers into a truth file (T table cell, N narrative number, S narrative phrases, V expected
value, Q question), a document that resolves them, one gold line per question, and the
write/--check command line.

Every expected value, formula and source is computed from the pointers; where a figure is
printed in more than one place (``Q.also``), the places are checked to agree, to the precision
printed, before they are named as sources.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MONEY = {"元": 1.0, "千元": 1e3, "万元": 1e4, "亿元": 1e8}
ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\([一二三四五六七八九十\d]+\)|\d+\.)")


# --------------------------------------------------------------------------- pointers

@dataclass(frozen=True)
class T:
    """A table cell: table id, row (digits = code, else row name), column."""

    table: str
    row: str
    col: str
    side: str | None = None
    src: str | None = None  # source target when not the row (one-row tables: the column)


@dataclass(frozen=True)
class N:
    """A number stated in a narrative section (heading prefix), read by a regex group."""

    heading: str
    regex: str
    group: int = 1
    unit: str | None = None  # default: the document's narrative_unit (else its unit)


@dataclass(frozen=True)
class S:
    """A narrative section that must contain every given phrase (no number)."""

    heading: str
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class V:
    """One expected value: ``expr`` over the pointer values {0}, {1}, … in ``unit``."""

    expr: str
    refs: tuple
    unit: str
    nd: int = 2  # decimals of the expected value (0 for counts)


@dataclass
class Q:
    bucket: str
    type: str
    question: str
    values: list[V] = field(default_factory=list)
    must: list[str] = field(default_factory=list)
    also: list = field(default_factory=list)  # places printing the same figure as values[0]
    texts: list[S] = field(default_factory=list)  # narrative support without a figure
    sources: list[str] = field(default_factory=list)  # extra sources named by hand
    note: str = ""
    answerable: bool = True


def strip_ordinal(name: str) -> str:
    return ORDINAL.sub("", name).strip()


class Doc:
    def __init__(self, slug: str, folder: Path, show: bool = False) -> None:
        self.slug = slug
        self.truth = json.loads((folder / f"{slug}.truth.json").read_text("utf-8"))
        ids = [t["table_id"] for t in self.truth["tables"]]
        # a table id printed more than once (项目绩效目标表 per project) is never pointed at
        self.tables = {t["table_id"]: t for t in self.truth["tables"] if ids.count(t["table_id"]) == 1}
        self.narrative_unit = self.truth.get("narrative_unit") or self.truth["unit"]
        self.sections = self.truth["narrative"]["sections"]
        self.show = show

    # -- tables
    def row(self, ref: T) -> dict:
        table = self.tables[ref.table]
        if ref.row.isdigit():
            rows = [r for r in table["rows"] if r.get("code") == ref.row]
        else:
            rows = [r for r in table["rows"]
                    if r["name"] == ref.row or strip_ordinal(r["name"]) == strip_ordinal(ref.row)]
        if ref.side is not None:
            rows = [r for r in rows if r.get("side") == ref.side]
        assert len(rows) == 1, f"{self.slug}: {ref} matches {len(rows)} rows"
        return rows[0]

    def table_value(self, ref: T) -> tuple[float, str]:
        row = self.row(ref)
        value = row["values"].get(ref.col, "missing")
        assert isinstance(value, (int, float)) and not isinstance(value, bool), \
            f"{self.slug}: {ref} is {value!r}"
        unit = self.tables[ref.table]["unit"]
        if self.show:
            self.occurrences(row)
        return float(value), unit

    def occurrences(self, row: dict) -> None:
        key = row.get("code") or strip_ordinal(row["name"])
        for t in self.truth["tables"]:
            for r in t["rows"]:
                if (row.get("code") and r.get("code") == row["code"]) or \
                        (not row.get("code") and strip_ordinal(r["name"]) == key):
                    print(f"    {self.slug} {t['table_id']} {key}: {r['values']}")

    def describe(self, ref) -> str:
        """Where a pointer reads, for the notes: 表四 30216 培训费[合计] or 说明 四、…."""
        if isinstance(ref, T):
            row = self.row(ref)
            name = " ".join(x for x in (row.get("code"), row["name"]) if x)
            return f"{ref.table} {name}[{ref.col}]"
        return f"说明“{self.section(ref.heading)['heading']}”"

    def source_of(self, ref) -> str:
        if isinstance(ref, T):
            if ref.src:
                return f"{ref.table}:{ref.src}"
            row = self.row(ref)
            return f"{ref.table}:{row.get('code') or strip_ordinal(row['name'])}"
        return f"说明:{self.section(ref.heading)['heading']}"

    # -- narrative
    def section(self, prefix: str) -> dict:
        found = [s for s in self.sections if s["heading"].startswith(prefix)]
        assert len(found) == 1, f"{self.slug}: heading {prefix!r} matches {len(found)} sections"
        return found[0]

    def sentence(self, s: S) -> str:
        """The sentence of the section that holds the last phrase, for the notes."""
        text = self.section(s.heading)["text"]
        for part in re.split(r"(?<=[。；])", text):
            if s.phrases[-1] in part:
                return " ".join(part.split())
        raise AssertionError(s)

    def narrative_value(self, ref: N) -> tuple[float, str]:
        text = self.section(ref.heading)["text"]
        found = re.findall(ref.regex, text)
        assert len(found) == 1, f"{self.slug}: {ref.regex!r} found {len(found)} times in {ref.heading}"
        m = re.search(ref.regex, text)
        return float(m.group(ref.group).replace(",", "")), (ref.unit or self.narrative_unit)

    def value(self, ref) -> tuple[float, str]:
        return self.table_value(ref) if isinstance(ref, T) else self.narrative_value(ref)

    def check_text(self, s: S) -> None:
        text = self.section(s.heading)["text"]
        for phrase in s.phrases:
            assert phrase in text, f"{self.slug}: {phrase!r} not in section {s.heading}"


def _num(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


def printed(value: float, unit: str) -> str:
    """A figure as the document prints it (money with two decimals), for formulas."""
    if unit in MONEY:
        return f"{value:.2f}"
    return f"{value:g}"


def same_figure(a: float, unit_a: str, b: float, unit_b: str) -> bool:
    """Equal to the precision printed (two decimals in the coarser unit)."""
    if unit_a in MONEY and unit_b in MONEY:
        ya, yb = a * MONEY[unit_a], b * MONEY[unit_b]
        half = 0.005 * max(MONEY[unit_a], MONEY[unit_b]) + 1e-6
        return abs(ya - yb) <= half
    return abs(a - b) < 1e-9


def build_line(doc: Doc, qid: str, q: Q) -> dict:
    if not q.answerable:
        assert q.type == "unanswerable" and not q.values and not q.must
        return {"id": qid, "question": q.question, "type": "unanswerable", "answerable": False,
                "expected": None, "must_mention": [], "sources": [], "formula": None,
                "notes": f"{q.bucket}：{q.note}".rstrip("：")}
    if q.type == "yes_no":
        assert len(q.values) == 1, f"{qid}: a yes/no question states one amount (0 = no)"
    if q.bucket == "英文":
        assert not q.must, f"{qid}: English questions keep must_mention empty"
        assert re.search(r"[A-Za-z]{3,}", q.question)
    sources: list[str] = []

    def add(src: str) -> None:
        if src not in sources:
            sources.append(src)

    values, formulas, explain = [], [], []
    for v in q.values:
        got = [doc.value(r) for r in v.refs]
        nums = [g[0] for g in got]
        result = eval(v.expr.format(*[repr(n) for n in nums]), {"__builtins__": {}})  # noqa: S307
        if v.unit not in MONEY and v.unit != "%":
            assert all(u == v.unit for _, u in got), f"{qid}: {got} asked as {v.unit}"
        if v.unit in MONEY:
            # every pointer of a money expression is money; a unit change is written in the expr
            for _, u in got:
                assert u in MONEY, f"{qid}: {u}"
            scale = {u for _, u in got}
            assert len(scale) == 1, f"{qid}: mixed units {scale}"
            (src_unit,) = scale
            if v.expr in ("{0}", "{0}-{1}", "{0}+{1}", "{0}+{1}+{2}", "{0}+{1}+{2}+{3}"):
                assert src_unit == v.unit, f"{qid}: {src_unit} asked as {v.unit} without conversion"
            elif v.expr == "{0}/10000":
                assert (src_unit, v.unit) == ("元", "万元")
            elif v.expr == "{0}*10000":
                assert (src_unit, v.unit) == ("万元", "元")
            else:
                raise AssertionError(f"{qid}: unexpected money expr {v.expr}")
        rounded = round(result + (1e-9 if result >= 0 else -1e-9), v.nd)
        value = int(rounded) if v.nd == 0 or rounded == int(rounded) else rounded
        if v.nd == 0:
            assert abs(result - value) < 1e-9, f"{qid}: count {result} not whole"
        values.append({"value": value, "unit": v.unit})
        places = "，".join(f"{doc.describe(r)} {printed(n, u)} {u}" for r, (n, u) in zip(v.refs, got))
        if v.expr != "{0}":
            formulas.append(v.expr.format(*[printed(n, u) for n, u in got]))
            explain.append(f"{places}；{formulas[-1]} = {_num(result)}")
        else:
            explain.append(places)
        for r in v.refs:
            add(doc.source_of(r))
    # places printing the same figure as the first value's first pointer
    if q.also:
        base, base_unit = doc.value(q.values[0].refs[0])
        for r in q.also:
            other, other_unit = doc.value(r)
            assert same_figure(base, base_unit, other, other_unit), \
                f"{qid}: {r} = {other} {other_unit} disagrees with {base} {base_unit}"
            add(doc.source_of(r))
    for s in q.texts:
        doc.check_text(s)
        add(f"说明:{doc.section(s.heading)['heading']}")
        explain.append(f"说明“{doc.section(s.heading)['heading']}”：" + doc.sentence(s))
    for src in q.sources:
        head, _, target = src.partition(":")
        if head != "说明":
            assert head in doc.tables, f"{qid}: no table {head}"
        else:
            assert any(s["heading"] == target for s in doc.sections), f"{qid}: no section {target}"
        add(src)
    assert sources, f"{qid}: no source"
    if not q.values:
        assert q.must, f"{qid}: a question without figures needs must_mention"
    tolerance = 0 if all(isinstance(v["value"], int) and v["unit"] not in MONEY and v["unit"] != "%"
                         for v in values) else 0.01
    body = "；".join(explain)
    if q.also:
        body += "（另见 " + "、".join(doc.describe(r) for r in q.also) + "，数值一致）"
    if q.note:
        body = (body + "。" if body else "") + q.note
    notes = f"{q.bucket}：{body}" if body else q.bucket
    return {
        "id": qid,
        "question": q.question,
        "type": q.type,
        "answerable": True,
        "expected": {"values": values, "tolerance": tolerance} if values else None,
        "must_mention": list(q.must),
        "sources": sources,
        "formula": "; ".join(formulas) if formulas else None,
        "notes": notes,
    }


def build_sets(sets: dict[str, dict], plan: dict[str, int], buckets: dict[str, str], id_prefix: str,
               out: Path, default_dir: Path, show: bool = False, one_yes_no: bool = False) -> dict[Path, str]:
    """One ``<slug>.<out.name>.jsonl`` text per set: the plan's bucket counts, distinct question
    texts, at most three expected values a line (the padding rule), ids ``<prefix>-<short>-NNN``."""
    files: dict[Path, str] = {}
    for slug, spec in sets.items():
        doc = Doc(slug, spec.get("dir", default_dir), show=show)
        qs: list[Q] = spec["questions"]
        for q in qs:
            assert q.bucket in buckets, q.bucket
        counts = {b: sum(1 for q in qs if q.bucket == b) for b in plan}
        assert counts == plan, f"{slug}: bucket counts {counts}"
        if one_yes_no:
            assert sum(1 for q in qs if q.type == "yes_no") == 1, f"{slug}: one yes/no question"
        assert len({q.question for q in qs}) == len(qs), f"{slug}: duplicate question text"
        lines = []
        for i, q in enumerate(qs, 1):
            qid = f"{id_prefix}-{spec['short']}-{i:03d}"
            if show:
                print(qid, q.question)
            lines.append(build_line(doc, qid, q))
        # money questions: a bare figure in the document's unit must not exceed the padding rule
        for line in lines:
            if line["expected"]:
                assert len(line["expected"]["values"]) <= 3
        files[out / f"{slug}.{out.name}.jsonl"] = "".join(
            json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    return files


def main(description: str, build: Callable[[bool], dict[Path, str]], out: Path, script: str) -> int:
    """Write the sets, or with ``--check`` exit 1 when a written file is not current."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--check", action="store_true", help="exit 1 if a written file is not current")
    ap.add_argument("--show", action="store_true", help="print where each referenced row occurs")
    args = ap.parse_args()
    files = build(args.show)
    if args.check:
        stale = [p for p, text in files.items() if not p.exists() or p.read_text("utf-8") != text]
        for p in stale:
            print(f"stale: {p.relative_to(ROOT)}", file=sys.stderr)
        print("ok" if not stale else f"{len(stale)} file(s) not current; run {script}")
        return 1 if stale else 0
    out.mkdir(parents=True, exist_ok=True)
    for p, text in files.items():
        p.write_text(text, "utf-8")
        print(f"wrote {p.relative_to(ROOT)} ({text.count(chr(10))} questions)")
    return 0
