"""Row match of parsed tables against a truth file (shared/corpus/*.truth.json).

A truth row is matched by a parsed row of the same table (table id, and seq for
repeated tables) with the same code, or, where the truth row has no code, the
same name (all whitespace and a leading 其中： removed; a code the row prints does not count
against it, as in two-sided tables whose truth leaves codes out), and the same values: numbers equal, blank
or null equal to null, texts equal without whitespace. A table of one unlabelled row is
matched by its figures alone. Each parsed row matches at most one truth row.

``python -m ingest.rowmatch [files…]`` prints the rates for the corpus PDFs and
the seed text form (default: every ``*.pdf`` and ``*.txt`` with a truth file in
the shared corpus folder, then every real PDF of ``corpus/real`` whose truth file
is in ``tests/real``).
"""

from __future__ import annotations

import json
import os
import pathlib
import re
import sys
import time
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from .model import DASHES, Document, Extracted

__all__ = ["RowMatchReport", "TableMatch", "corpus_dir", "default_files", "document_from_extracted", "real_truth_dir", "row_match", "truth_for"]


@dataclass
class TableMatch:
    key: str
    expected: int
    matched: int
    missing: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.matched / self.expected if self.expected else 1.0


@dataclass
class RowMatchReport:
    doc_id: str
    expected: int
    matched: int
    tables: list[TableMatch] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def missing(self) -> list[str]:
        return [f"{t.key}: {m}" for t in self.tables for m in t.missing]

    def summary(self) -> str:
        lines = [f"{self.doc_id}: {self.matched}/{self.expected} rows = {self.rate:.1%}"]
        lines += [f"  {t.key}: {t.matched}/{t.expected}" for t in self.tables if t.matched < t.expected]
        return "\n".join(lines)


def _key(t: dict[str, Any]) -> str:
    return f"{t['table_id']}#{t['seq']}" if t.get("seq") else str(t["table_id"])


def _norm(s: Any) -> str:
    return "".join(str(s or "").split())


def _name(s: Any) -> str:
    """A row name as compared: no whitespace, no leading 其中： (printed before sub-items, not
    part of their name)."""
    return re.sub(r"^其中[：:]", "", _norm(s))


def _same_value(want: Any, got: Any) -> bool:
    if want is None or want == "":
        return got is None or got == "" or (isinstance(got, str) and got.strip() in DASHES)
    if isinstance(want, (int, float)) and not isinstance(want, bool):
        try:
            return got is not None and not isinstance(got, bool) and Decimal(str(got)) == Decimal(str(want))
        except InvalidOperation:
            return False
    return _norm(want) == _norm(got)


def _row_matches(want: dict[str, Any], got: dict[str, Any], by_values: bool = False) -> bool:
    if want.get("code"):
        if _norm(got.get("code")) != _norm(want["code"]):
            return False
    elif not by_values and _name(got.get("name")) != _name(want.get("name")):
        return False  # no code in the truth: the name decides, whatever code was printed
    values = got.get("values") or {}
    return all(_same_value(v, values.get(c)) for c, v in (want.get("values") or {}).items())


def _describe(row: dict[str, Any]) -> str:
    side = f"[{row['side']}] " if row.get("side") else ""
    return f"{side}{row.get('code') or ''} {row.get('name')} {json.dumps(row.get('values'), ensure_ascii=False)}"


def row_match(doc_truth: dict[str, Any], truth: dict[str, Any]) -> RowMatchReport:
    """Compare a produced truth-shaped dict with a truth file, per table and overall."""
    produced: dict[str, list[dict[str, Any]]] = {}
    for t in doc_truth.get("tables", []):
        produced.setdefault(_key(t), []).extend(t.get("rows", []))
    report = RowMatchReport(doc_id=str(truth.get("doc_id")), expected=0, matched=0)
    for t in truth.get("tables", []):
        key = _key(t)
        pool = list(produced.get(key, []))
        used = [False] * len(pool)
        tm = TableMatch(key=key, expected=len(t.get("rows", [])), matched=0)
        # a table of one unlabelled row (三公 in one row): its row is matched by its figures, the
        # label being whatever names it (合计, 2025年预算数, the heading over its figures)
        one_row = len(t.get("rows", [])) == 1 == len(pool) and not t["rows"][0].get("code")
        for want in t.get("rows", []):
            hit = next((i for i, got in enumerate(pool) if not used[i] and _row_matches(want, got, one_row)), None)
            if hit is None:
                tm.missing.append(_describe(want))
            else:
                used[hit] = True
                tm.matched += 1
        report.tables.append(tm)
        report.expected += tm.expected
        report.matched += tm.matched
    return report


def document_from_extracted(ex: Extracted, doc_id: str, source: str = "") -> Document:
    """Just enough of a Document to compare its tables with a truth file."""
    return Document(
        doc_id=doc_id, title="", issuer=None, year=None, kind=None, unit=None,
        source=source or doc_id, pages=ex.pages, tables=ex.tables,
    )


def corpus_dir() -> pathlib.Path:
    """The shared corpus folder (env BUDGET_QA_SHARED overrides the shared root)."""
    root = os.environ.get("BUDGET_QA_SHARED")
    base = pathlib.Path(root) if root else pathlib.Path(__file__).resolve().parents[2] / "shared"
    return base / "corpus" if (base / "corpus").is_dir() else base


def real_truth_dir() -> pathlib.Path:
    """Truth files for the real disclosures of ``corpus/real`` (kept with the tests)."""
    return pathlib.Path(__file__).resolve().parents[1] / "tests" / "real"


def truth_for(path: pathlib.Path) -> pathlib.Path | None:
    """The truth file of a document: beside it, or in tests/real for a real disclosure."""
    for cand in (path.with_name(path.stem + ".truth.json"), real_truth_dir() / (path.stem + ".truth.json")):
        if cand.exists():
            return cand
    return None


def default_files() -> list[pathlib.Path]:
    """Every corpus PDF / text with a truth file, then the real PDFs with one in tests/real."""
    folder = corpus_dir()
    files = sorted(p for p in folder.iterdir() if p.suffix in (".pdf", ".txt"))
    real = folder / "real"
    if real.is_dir():
        files += sorted(p for p in real.iterdir() if p.suffix == ".pdf" and (real_truth_dir() / (p.stem + ".truth.json")).exists())
    return files


def _extract(path: pathlib.Path) -> Extracted:
    if path.suffix.lower() == ".pdf":
        from .pdf import extract_pdf

        return extract_pdf(path)
    from .text import extract_text

    return extract_text(path.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    verbose = "-v" in args
    files = [pathlib.Path(a) for a in args if a != "-v"]
    if not files:
        files = default_files()
    worst = 1.0
    for path in files:
        truth_path = truth_for(path)
        if truth_path is None:
            continue
        start = time.perf_counter()
        ex = _extract(path)
        took = time.perf_counter() - start
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        doc = document_from_extracted(ex, path.stem, path.name)
        rep = row_match(doc.to_truth_dict(), truth)
        worst = min(worst, rep.rate)
        print(f"{path.name:40s} {rep.matched:4d}/{rep.expected:<4d} {rep.rate:7.2%}  ({took:.2f}s)")
        if verbose:
            for m in rep.missing:
                print("    missing", m)
    return 0 if worst >= 0.99 else 1


if __name__ == "__main__":
    raise SystemExit(main())
