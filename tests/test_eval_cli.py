"""``python -m eval answer`` and ``report`` end to end on a few gold questions."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from eval.cli import cli
from eval.answer import answer
from eval.run import report
from tests.conftest import CORPUS, SHARED

cli.add_command(answer)
cli.add_command(report)

IDS = {"dev-008", "dev-022", "dev-061", "dev-089", "dev-117"}


def subset(tmp_path: Path) -> Path:
    lines = [ln for ln in (SHARED / "eval" / "seed-dev.jsonl").read_text("utf-8").splitlines()
             if ln.strip() and json.loads(ln)["id"] in IDS]
    q = tmp_path / "subset.jsonl"
    q.write_text("\n".join(lines) + "\n", "utf-8")
    return q


def test_answer_then_score(tmp_path: Path) -> None:
    q = subset(tmp_path)
    out = tmp_path / "answers.jsonl"
    result = CliRunner().invoke(cli, ["answer", "--questions", str(q), "--docs",
                                      str(CORPUS / "nanan-jxw-2024.txt"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    answers = [json.loads(ln) for ln in out.read_text("utf-8").splitlines()]
    assert {a["id"] for a in answers} == IDS
    refused = next(a for a in answers if a["id"] == "dev-117")
    assert refused["found"] is False and not refused["figures"]
    scored = CliRunner().invoke(cli, ["score", "--questions", str(q), "--answers", str(out)])
    assert scored.exit_code == 0
    assert scored.output.strip().splitlines()[-1].startswith("accuracy 1.000 (5/5)")


def test_report_with_baseline(tmp_path: Path) -> None:
    q = subset(tmp_path)
    out = tmp_path / "report"
    result = CliRunner().invoke(cli, ["report", "--out", str(out), "--set",
                                      f"{q}={CORPUS / 'nanan-jxw-2024.pdf'}"])
    assert result.exit_code == 0, result.output
    text = (out / "report.md").read_text("utf-8")
    assert "plain RAG top-5 ceiling" in text
    assert list(out.glob("*.png"))
    assert "baseline ceiling" in result.output
    # variants of every question are answered too; the invariance rate stands beside accuracy
    assert re.search(r"accuracy \d\.\d{3} \(\d+/5\) wrong \d+ refused \d+ .*\| invariance \d\.\d{3} \(\d+/\d+\)",
                     result.output), result.output
    assert "| invariance |" in text and "### Invariance over question variants" in text
    assert (out / "subset.variants.jsonl").exists()


def test_answer_needs_documents(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["answer", "--questions", str(subset(tmp_path)), "--out",
                                      str(tmp_path / "a.jsonl")])
    assert result.exit_code == 2
    assert "--docs" in result.stderr
