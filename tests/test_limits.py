"""Bounded ingest: file size, page count, and time per page and per document.

The fixtures are built here (``scripts/make_bad_pdfs.py``): one tall page holding a
ruled table of 5,000 rows, and a 100-page scan with no text layer. Everything
runs the real pdfplumber on them; the CLI runs as a subprocess so that its time
and peak memory are its own (``os.wait4``).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner

from ingest.cli import main
from ingest.errors import BudgetQAError, LimitExceeded, ScannedPDF, message_zh
from ingest.limits import Limits
from tests.conftest import ROOT, SAMPLE_PDF
from tests.test_ingest_cli import tree_digest

_spec = importlib.util.spec_from_file_location("make_bad_pdfs", ROOT / "scripts" / "make_bad_pdfs.py")
make_bad_pdfs = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
_spec.loader.exec_module(make_bad_pdfs)  # type: ignore[union-attr]

GB = 1024 ** 3


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("limits")
    return {
        "huge": make_bad_pdfs.huge_table_pdf(folder / "huge-5000-rows.pdf", rows=5000),
        "huge unruled": make_bad_pdfs.huge_table_pdf(folder / "huge-5000-rows-unruled.pdf", rows=5000, ruled=False),
        "banded": make_bad_pdfs.huge_table_pdf(folder / "table-700-rows.pdf", rows=700),
        "small": make_bad_pdfs.huge_table_pdf(folder / "table-20-rows.pdf", rows=20),
        "scan": make_bad_pdfs.scanned_pdf(folder / "scan-100-pages.pdf", pages=100),
    }


@pytest.fixture(scope="module")
def small_store(fixtures: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding one small document (no embeddings), to show that a refusal leaves it as it was."""
    from ingest.pipeline import ingest_paths
    from store.config import load_settings

    folder = tmp_path_factory.mktemp("small-store")
    ingest_paths([fixtures["small"]], load_settings({"BUDGET_QA_DATA_DIR": str(folder)}), embed=False)
    return folder


@pytest.fixture
def store(small_store: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "store-copy"
    shutil.copytree(small_store, copy, symlinks=True)
    return copy


def run_cli(args: list[str], env: dict[str, str], tmp: Path) -> tuple[int, str, float, int]:
    """``python -m ingest ARGS``: exit code, stderr, seconds, peak resident bytes of that process."""
    full_env = {**os.environ, **env}
    out, err = tmp / "cli.out", tmp / "cli.err"
    start = time.monotonic()
    with out.open("w") as o, err.open("w") as e:
        proc = subprocess.Popen([sys.executable, "-m", "ingest", *args, "--quiet"], cwd=ROOT, env=full_env,
                                stdout=o, stderr=e)
        _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, err.read_text("utf-8"), seconds, usage.ru_maxrss * 1024


def one_line(stderr: str) -> str:
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error: ") and "Traceback" not in stderr
    return lines[0]


# -- the 5,000-row page ------------------------------------------------------------------------


def test_generated_page_holds_5000_ruled_rows(fixtures: dict[str, Path]) -> None:
    with pdfplumber.open(fixtures["huge"]) as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        assert page.height > 70_000
        assert len(page.horizontal_edges) >= 5002


@pytest.mark.parametrize("kind", ["huge", "huge unruled"])
def test_5000_row_page_refused_within_60s_and_2gb_store_unchanged(
        kind: str, fixtures: dict[str, Path], store: Path, tmp_path: Path) -> None:
    before = tree_digest(store)
    code, stderr, seconds, peak = run_cli([str(fixtures[kind])], {"BUDGET_QA_DATA_DIR": str(store)}, tmp_path)
    print(f"\n5,000-row page ({kind}), CLI, default limits: exit {code}, {seconds:.1f} s, "
          f"peak {peak / 2**20:.0f} MB")
    assert seconds < 60 and peak < 2 * GB
    # ingested or refused, whichever the machine's speed gives under the default 10 s page budget
    assert code in (0, 1), stderr
    if code == 1:
        line = one_line(stderr)
        assert "page 1" in line and "BUDGET_QA_PAGE_TIME_S" in line
        assert tree_digest(store) == before
    else:
        from store.config import load_settings
        from store.local import Store

        docs = Store(load_settings({"BUDGET_QA_DATA_DIR": str(store)})).list_documents()
        assert 5000 in [d.rows for d in docs]


def test_page_budget_interrupts_the_parsing_itself(fixtures: dict[str, Path]) -> None:
    """With a 1 s budget the work stops about 1 s in, while pdfminer is still reading the page."""
    from ingest.pipeline import parse_path

    start = time.monotonic()
    with pytest.raises(LimitExceeded, match="page 1 takes longer than the per-page budget of 1 s"):
        parse_path(fixtures["huge"], limits=Limits(page_time_s=1.0))
    assert time.monotonic() - start < 5


def test_huge_page_tables_found_in_bands_row_for_row(fixtures: dict[str, Path]) -> None:
    """A page over the band threshold (700 ruled rows) is read whole: every row, code and figure."""
    from ingest import pdf as pdfmod
    from ingest.pipeline import parse_path

    with pdfplumber.open(fixtures["banded"]) as pdf:
        chars = pdf.pages[0].chars
        assert pdfmod._huge(pdf.pages[0], chars)
    doc = parse_path(fixtures["banded"], limits=Limits(page_time_s=0))
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.columns == ["合计", "基本支出", "项目支出"]
    assert len(table.rows) == 700
    for i, row in enumerate(table.rows):
        basic, project = 100 + i % 97, 50 + i % 13
        assert row.code == str(2010101 + i) and row.name == f"项目支出明细{i + 1}"
        assert [str(row.values[c].value) for c in table.columns] == [
            f"{basic + project:.2f}", f"{basic:.2f}", f"{project:.2f}"]


def test_disclosure_pages_are_not_banded() -> None:
    """The band path is for pathological pages only; the sample's pages are far below its thresholds."""
    from ingest import pdf as pdfmod

    with pdfplumber.open(SAMPLE_PDF) as pdf:
        assert not any(pdfmod._huge(p, p.chars) for p in pdf.pages)


# -- the 100-page scan -------------------------------------------------------------------------


def test_100_page_scan_refused_quickly(fixtures: dict[str, Path], store: Path, tmp_path: Path) -> None:
    before = tree_digest(store)
    code, stderr, seconds, _ = run_cli([str(fixtures["scan"])], {"BUDGET_QA_DATA_DIR": str(store)}, tmp_path)
    print(f"\n100-page scan: exit {code}, {seconds:.1f} s")
    assert code == 1 and "text layer" in one_line(stderr)
    assert seconds < 15  # the interpreter's start-up included
    assert tree_digest(store) == before


def test_scan_stops_after_its_first_pages(fixtures: dict[str, Path]) -> None:
    from ingest.pdf import SCAN_PAGES, extract_pdf

    events: list = []
    with pytest.raises(ScannedPDF):
        extract_pdf(fixtures["scan"], progress=events.append)
    assert max(e.done for e in events if e.stage == "page") == SCAN_PAGES


# -- size and page count -------------------------------------------------------------------------


def test_file_over_the_size_limit(tmp_path: Path, store: Path) -> None:
    big = tmp_path / "big.pdf"
    big.write_bytes(SAMPLE_PDF.read_bytes() + b"\n%" + b"0" * (2 * 1024 * 1024))
    before = tree_digest(store)
    result = CliRunner().invoke(main, [str(big)], env={"BUDGET_QA_DATA_DIR": str(store),
                                                       "BUDGET_QA_MAX_UPLOAD_MB": "2"})
    assert result.exit_code == 1
    line = one_line(result.stderr)
    assert "big.pdf is 2.6 MB; the largest file accepted is 2 MB" in line and "BUDGET_QA_MAX_UPLOAD_MB" in line
    assert tree_digest(store) == before


def test_document_over_the_page_limit(fixtures: dict[str, Path], store: Path) -> None:
    before = tree_digest(store)
    result = CliRunner().invoke(main, [str(SAMPLE_PDF)], env={"BUDGET_QA_DATA_DIR": str(store),
                                                              "BUDGET_QA_MAX_PAGES": "20"})
    assert result.exit_code == 1
    line = one_line(result.stderr)
    assert "has 25 pages; the most accepted is 20" in line and "BUDGET_QA_MAX_PAGES" in line
    assert tree_digest(store) == before


def test_document_time_budget() -> None:
    from ingest.pipeline import parse_path

    with pytest.raises(LimitExceeded, match="per-document budget of 0.2 s .*BUDGET_QA_DOCUMENT_TIME_S"):
        parse_path(SAMPLE_PDF, limits=Limits(document_time_s=0.2))


def test_limits_come_from_the_settings() -> None:
    from store.config import load_settings

    s = load_settings({"BUDGET_QA_MAX_UPLOAD_MB": "7", "BUDGET_QA_MAX_PAGES": "9",
                       "BUDGET_QA_PAGE_TIME_S": "2.5", "BUDGET_QA_DOCUMENT_TIME_S": "0"})
    assert Limits.from_settings(s) == Limits(max_upload_mb=7, max_pages=9, page_time_s=2.5, document_time_s=0)
    assert Limits.from_settings(load_settings({})) == Limits()


def test_bad_limit_value_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, [str(SAMPLE_PDF)], env={"BUDGET_QA_DATA_DIR": str(tmp_path / "s"),
                                                              "BUDGET_QA_MAX_PAGES": "many"})
    assert result.exit_code == 1
    assert "BUDGET_QA_MAX_PAGES must be a whole number" in one_line(result.stderr)
    assert not (tmp_path / "s").exists()


# -- the chat's upload ---------------------------------------------------------------------------


def test_chat_upload_shows_the_limit_in_chinese(fixtures: dict[str, Path], store: Path, tmp_path: Path) -> None:
    """The chat's upload goes through ChatBackend.ingest and shows ``message_zh`` of the error."""
    from assistant.ui import ChatBackend
    from store.config import load_settings

    # a 1 s page budget, so the page is refused on any machine (at the default 10 s a fast one
    # ingests it: test_5000_row_page_refused_within_60s_and_2gb_store_unchanged)
    backend = ChatBackend(load_settings({"BUDGET_QA_DATA_DIR": str(store), "BUDGET_QA_PAGE_TIME_S": "1"}))
    before = tree_digest(store)
    start = time.monotonic()
    with pytest.raises(BudgetQAError) as info:
        backend.ingest(fixtures["huge"])
    seconds = time.monotonic() - start
    print(f"\n5,000-row page, chat upload, 1 s page budget: refused after {seconds:.1f} s")
    assert seconds < 60
    text = message_zh(info.value, fixtures["huge"].name)
    assert "第 1 页" in text and "1 秒" in text and fixtures["huge"].name in text and "\n" not in text
    assert tree_digest(store) == before

    backend = ChatBackend(load_settings({"BUDGET_QA_DATA_DIR": str(store), "BUDGET_QA_MAX_PAGES": "20"}))
    with pytest.raises(BudgetQAError) as info:
        backend.ingest(fixtures["scan"])
    assert "100 页，超过上限 20 页" in message_zh(info.value, "scan.pdf")

    backend = ChatBackend(load_settings({"BUDGET_QA_DATA_DIR": str(store), "BUDGET_QA_MAX_UPLOAD_MB": "1"}))
    big = tmp_path / "big.pdf"
    big.write_bytes(SAMPLE_PDF.read_bytes() + b"\n%" + b"0" * 2**20)
    with pytest.raises(BudgetQAError) as info:
        backend.ingest(big)
    assert "“big.pdf”有 1.6 MB，超过上限 1 MB" in message_zh(info.value, big.name)
    assert tree_digest(store) == before
