"""``python -m ingest``: bad input gets one clear line, a non-zero exit, and an untouched store."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ingest.cli import main
from tests.conftest import CORPUS, ROOT, SAMPLE_PDF

PDFS = ROOT / "tests" / "pdfs"


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file and link under ``folder`` with a hash of its bytes (or link target)."""
    if not folder.exists():
        return {}
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = str(p.relative_to(folder))
        if p.is_symlink():
            out[rel] = "-> " + str(p.readlink())
        elif p.is_file():
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    """name → (file, a phrase its error line must contain)."""
    text_as_pdf = tmp / "notes.pdf"
    text_as_pdf.write_text("这不是PDF文件，只是一段文字。\n", "utf-8")
    binary = tmp / "photo.jpg"
    binary.write_bytes(bytes(range(256)) * 20)
    empty = tmp / "empty.pdf"
    empty.write_bytes(b"")
    truncated = tmp / "truncated.pdf"
    data = SAMPLE_PDF.read_bytes()
    truncated.write_bytes(data[: len(data) // 3])
    not_disclosure = tmp / "poem.txt"
    not_disclosure.write_text("床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n" * 5, "utf-8")
    return {
        "text named .pdf": (text_as_pdf, "not a PDF"),
        "binary file": (binary, "not a PDF"),
        "empty": (empty, "empty"),
        "truncated": (truncated, "PDF"),
        "encrypted": (PDFS / "encrypted.pdf", "encrypted"),
        "scanned": (PDFS / "scanned-page.pdf", "text layer"),
        "not a disclosure": (not_disclosure, "budget disclosure"),
        "missing": (tmp / "nowhere.pdf", "does not exist"),
    }


CASES = ["text named .pdf", "binary file", "empty", "truncated", "encrypted", "scanned",
         "not a disclosure", "missing"]


@pytest.fixture
def populated_store(sample_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    store = tmp_path / "populated"
    shutil.copytree(sample_store, store, symlinks=True)
    monkeypatch.setenv("BUDGET_QA_DATA_DIR", str(store))
    return store


@pytest.mark.parametrize("case", CASES)
def test_bad_input_one_line_and_store_untouched(case: str, tmp_path: Path, populated_store: Path) -> None:
    path, phrase = bad_inputs(tmp_path)[case]
    before = tree_digest(populated_store)
    result = CliRunner().invoke(main, [str(path)])
    assert result.exit_code == 1, result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert phrase.lower() in lines[0].lower()
    assert "Traceback" not in result.output
    assert tree_digest(populated_store) == before


def test_bad_input_on_empty_store_creates_nothing(tmp_path: Path, _own_store: Path) -> None:
    path, _ = bad_inputs(tmp_path)["scanned"]
    result = CliRunner().invoke(main, [str(path)])
    assert result.exit_code == 1
    assert not _own_store.exists()


def test_one_bad_file_among_good_ones_writes_nothing(tmp_path: Path, populated_store: Path) -> None:
    before = tree_digest(populated_store)
    bad, _ = bad_inputs(tmp_path)["text named .pdf"]
    result = CliRunner().invoke(main, [str(CORPUS / "nanan-jxw-2024.txt"), str(bad)])
    assert result.exit_code == 1
    assert tree_digest(populated_store) == before


def test_subprocess_exit_code_and_no_traceback(tmp_path: Path) -> None:
    bad, _ = bad_inputs(tmp_path)["encrypted"]
    proc = subprocess.run([sys.executable, "-m", "ingest", str(bad)], capture_output=True,
                          text=True, cwd=ROOT)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().count("\n") == 0


def test_text_form_ingests_with_summary_and_dump(tmp_path: Path) -> None:
    out = tmp_path / "dump"
    result = CliRunner().invoke(main, [str(CORPUS / "nanan-jxw-2024.txt"), "--dump-json", str(out),
                                       "--no-embed"])
    assert result.exit_code == 0, result.output
    assert "tables" in result.stdout and "rows" in result.stdout
    dumped = list(out.glob("*.json"))
    assert len(dumped) == 1
    data = json.loads(dumped[0].read_text("utf-8"))
    assert {"tables", "narrative", "doc_id", "title"} <= set(data)
    assert data["tables"][0]["rows"]


@pytest.mark.parametrize("case, phrase", [("encrypted", "已加密"), ("scanned", "扫描件"),
                                          ("text named .pdf", "不是 PDF"), ("empty", "空文件"),
                                          ("not a disclosure", "不是部门预算或决算")])
def test_chat_shows_the_same_error_in_chinese(case: str, phrase: str, tmp_path: Path) -> None:
    from ingest.errors import BudgetQAError, message_zh
    from ingest.pipeline import parse_path

    path, _ = bad_inputs(tmp_path)[case]
    with pytest.raises(BudgetQAError) as info:
        parse_path(path)
    text = message_zh(info.value, path.name)
    assert phrase in text and path.name in text and "\n" not in text
