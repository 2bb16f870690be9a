"""scripts/gen_corpus.py: generated disclosures read back through the real ingest pipeline."""

from __future__ import annotations

import json
import shutil
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from ingest.pipeline import parse_path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import gen_corpus  # noqa: E402


def _manifest(folder: Path) -> list[dict]:
    return [json.loads(line) for line in (folder / "manifest.jsonl").read_text("utf-8").splitlines() if line.strip()]


def test_same_seed_same_files(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    gen_corpus.write_corpus(6, 3, a)
    gen_corpus.write_corpus(6, 3, b)
    gen_corpus.write_corpus(6, 4, c)
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    assert len(names) == 7  # six documents and the manifest
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    assert (a / "manifest.jsonl").read_bytes() != (c / "manifest.jsonl").read_bytes()


def test_varied_issuers_years_kinds_units(tmp_path: Path) -> None:
    lines = gen_corpus.write_corpus(40, 1, tmp_path)
    assert len({m["issuer"] for m in lines}) >= 25
    assert {m["kind"] for m in lines} == {"部门预算", "部门决算", "单位预算"}
    assert {m["unit"] for m in lines} == {"万元", "元"}
    assert len({m["year"] for m in lines}) >= 4 and all(2022 <= m["year"] <= 2026 for m in lines)
    assert any("街道办事处" in m["issuer"] for m in lines)
    assert len({(m["issuer"], m["year"], m["kind"]) for m in lines}) == 40


def _pick(lines: list[dict]) -> list[dict]:
    """A 预算 in 元, a 决算 in 万元 and one numbered 附表1…: both units, both genres, both layouts."""
    yuan = next(m for m in lines if m["unit"] == "元" and m["kind"] != "部门决算")
    final = next(m for m in lines if m["unit"] == "万元" and m["kind"] == "部门决算")
    fubiao = next(m for m in lines if m["style"] == "附表" and m not in (yuan, final))
    return [yuan, final, fubiao]


def test_generated_documents_ingest_with_exact_arithmetic(tmp_path: Path) -> None:
    lines = gen_corpus.write_corpus(12, 1, tmp_path)
    for m in _pick(lines):
        doc = parse_path(tmp_path / m["file"])
        assert (doc.issuer, doc.year, doc.kind, doc.unit) == (m["issuer"], m["year"], m["kind"], m["unit"])
        assert m["short"] in doc.aliases
        assert len(doc.tables) == m["tables"]
        assert doc.checks, "the checks ran"
        bad = [c.message for c in doc.checks if c.status != "ok"]
        assert not bad, bad
        sangong = next(t for t in doc.tables if "三公" in t.title)
        printed = {c.value for r in sangong.rows for c in r.values.values() if c.value is not None}
        assert Decimal(m["expected"]["公务接待费"]) in printed
        assert Decimal(m["expected"]["三公经费合计"]) in printed
        total = {c.value for t in doc.tables for r in t.rows for c in r.values.values() if r.name in ("合计", "支出合计")}
        assert Decimal(m["expected"]["支出总计"]) in total
        assert m["issuer"] in doc.title or str(m["year"]) in doc.title


def test_bench_scale_checks_answers_against_the_manifest(tmp_path: Path) -> None:
    """bench_scale's questions name each chosen document, and its verdict converts units."""
    from types import SimpleNamespace

    import bench_scale

    lines = gen_corpus.write_corpus(8, 2, tmp_path)
    asked = bench_scale.questions(lines, 3, 2)
    assert len(asked) == 6 and all(m["short"] in q for q, _, m in asked)
    m = {"unit": "万元", "expected": {"公务接待费": "4.50"}}
    fig = lambda v, u: SimpleNamespace(value=Decimal(v), unit=u)  # noqa: E731
    ask = lambda *f: SimpleNamespace(found=True, figures=list(f))  # noqa: E731
    assert bench_scale.verdict(ask(fig("45000", "元")), "公务接待费", m) == "right"
    assert bench_scale.verdict(ask(fig("4.50", "万元")), "公务接待费", m) == "right"
    assert bench_scale.verdict(ask(fig("4.40", "万元")), "公务接待费", m) == "wrong"
    assert bench_scale.verdict(SimpleNamespace(found=False, figures=[]), "公务接待费", m) == "refused"


@pytest.mark.skipif(not shutil.which("chromium"), reason="chromium not installed (Debian's chromium prints the PDFs)")
def test_pdf_form_reads_as_the_text_form(tmp_path: Path) -> None:
    """--pdf: the printed document gives the same issuer, tables and rows as its text form, checks clean."""
    lines = gen_corpus.write_corpus(3, 5, tmp_path, shutil.which("chromium"))
    m = next(m for m in lines if m["unit"] == "元") if any(m["unit"] == "元" for m in lines) else lines[0]
    pdf, text = parse_path(tmp_path / m["pdf"]), parse_path(tmp_path / m["file"])
    assert pdf.pages and pdf.pages > 1
    assert (pdf.issuer, pdf.year, pdf.kind, pdf.unit) == (m["issuer"], m["year"], m["kind"], m["unit"])
    rows = lambda d: [(t.table_id, r.code, r.name, {k: c.value for k, c in r.values.items()}) for t in d.tables for r in t.rows]  # noqa: E731
    assert rows(pdf) == rows(text)
    assert not [c.message for c in pdf.checks if c.status != "ok"]
