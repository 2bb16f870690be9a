"""The chat over several documents, in headless Chromium against the real app on loopback.

A chat of its own (``python app.py --no-sample``) over a store holding two documents of
different issuers: the sample 部门预算 of 重庆市南岸区经济和信息化委员会 and the corpus's
示例市北城区司法局. Each answer names the documents it was read from above it; a comparison
answer shows its figures by document in a table and a bar chart; a single-document answer names
one document and shows no comparison; the documents panel is grouped by issuer. Then two years of
one 街道 are uploaded: the second upload suggests the year-on-year question, which fills the
question box and is answered across the two years. Screenshots go to ``tests/artifacts/``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from decimal import Decimal
from types import SimpleNamespace
from typing import IO

import pytest

from assistant import charts, render
from assistant.answer import Answer, Figure, Source
from app_fixtures import ARTIFACTS, READY_TIMEOUT_S, ROOT, AppServer
from conftest import CORPUS, NO_SHARED, SAMPLE_PDF

CHROMIUM = Path("/usr/bin/chromium")
SIFAJU = CORPUS / "shili-beicheng-sifaju-2024.pdf"
WANLI = [CORPUS / "real" / "putuo-wanli-2024ys.pdf", CORPUS / "real" / "putuo-wanli-2025ys.pdf"]


def _browser(test):
    """The marks of a test in the browser against the chat over the two documents."""
    for mark in (pytest.mark.browser,
                 pytest.mark.skipif(not CHROMIUM.exists(),
                                    reason="needs /usr/bin/chromium (apt-get install chromium)"),
                 pytest.mark.skipif(not SIFAJU.exists(), reason=NO_SHARED)):
        test = mark(test)
    return test


try:
    from playwright import sync_api
    expect = sync_api.expect
except ImportError:  # the browser tests skip; the others run
    sync_api = expect = None

ANSWER_TIMEOUT_MS = READY_TIMEOUT_S * 1000
UI_TIMEOUT_MS = 60_000
UPLOAD_TIMEOUT_MS = 300_000
JXW = "重庆市南岸区经济和信息化委员会"
SFJ = "示例市北城区司法局"
WANLI_NAME = "上海市普陀区人民政府万里街道办事处"


class StoreServer(AppServer):
    """``python app.py --no-sample`` over a store filled beforehand with ``python -m ingest``."""

    def __init__(self, files: list[Path]) -> None:
        def ingest(env: dict[str, str], log: IO[str]) -> None:
            subprocess.run([sys.executable, "-m", "ingest", *map(str, files), "--quiet"], cwd=ROOT, env=env,
                           stdout=log, stderr=subprocess.STDOUT, check=True, timeout=READY_TIMEOUT_S)

        super().__init__(args=["--no-sample"], before=ingest, prefix="budget-qa-scope-")


@pytest.fixture(scope="module")
def app_url():
    server = StoreServer([SAMPLE_PDF, SIFAJU])
    try:
        server.wait_until_up()
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="module")
def page(app_url):
    if sync_api is None:
        pytest.skip("needs playwright")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        ctx = b.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        pg = ctx.new_page()
        pg.goto(app_url, wait_until="domcontentloaded")
        expect(pg.get_by_text("部门预算问答").first).to_be_visible(timeout=UI_TIMEOUT_MS)
        expect(pg.locator("#bqa-docs")).to_contain_text(SFJ, timeout=ANSWER_TIMEOUT_MS)
        yield pg
        ctx.close()
        b.close()


def _ask(page, question: str) -> str:
    """Ask, wait for the answer's scope line, and return it."""
    lines = page.locator("#bqa-chat .bqa-scope-line")
    before = lines.count()
    box = page.locator("#bqa-question textarea, #bqa-question input").first
    box.fill(question)
    box.press("Enter")
    expect(lines).to_have_count(before + 1, timeout=ANSWER_TIMEOUT_MS)
    return lines.last.inner_text().strip()


@_browser
def test_documents_panel_groups_by_issuer(page):
    docs = page.locator("#bqa-docs")
    expect(docs).to_contain_text(JXW)
    text = docs.inner_text()
    assert "区级" in text and "nanan-jxw-2024" in text and "shili-beicheng-sifaju-2024" in text
    headers = [h.strip() for h in docs.locator("thead th").all_inner_texts()]
    assert [h for h in headers if h][:4] == ["单位", "年度", "类型", "级别"], headers


@_browser
def test_comparison_shows_scope_table_and_chart(page):
    line = _ask(page, "经信委和司法局谁的公务接待费多？")
    assert line.startswith("依据："), line
    assert JXW in line and SFJ in line, line
    panel = page.locator("#bqa-compare")
    expect(panel.locator("table")).to_be_visible(timeout=UI_TIMEOUT_MS)
    rows = panel.locator("tbody tr")
    expect(rows).to_have_count(2)
    table = panel.locator("table").inner_text()
    assert JXW in table and SFJ in table, table
    assert "4.00" in table and "2.50" in table and "万元" in table and "表四" in table, table
    chart = panel.locator("img")
    expect(chart).to_be_visible()
    assert chart.evaluate("i => i.naturalWidth") > 200
    # the answer itself, below its scope line
    expect(page.locator("#bqa-chat")).to_contain_text("多 1.50 万元")
    page.screenshot(path=str(ARTIFACTS / "chat-compare.png"), full_page=True)


@_browser
def test_single_document_answer_names_one_document(page):
    line = _ask(page, "经信委公务接待费预算多少？")
    assert line == f"依据：{JXW} 2024年部门预算", line
    assert SFJ not in line
    # shown as before: no comparison panel, the figure in the figures table
    expect(page.locator("#bqa-compare-panel")).to_be_hidden(timeout=UI_TIMEOUT_MS)
    expect(page.locator("#bqa-figures")).to_contain_text("4.00")
    page.screenshot(path=str(ARTIFACTS / "chat-single-scope.png"), full_page=True)


@_browser
@pytest.mark.skipif(not all(p.exists() for p in WANLI), reason="real PDFs of the shared corpus not found")
def test_upload_of_another_year_offers_year_on_year(page, tmp_path):
    status = page.locator("#bqa-upload-status")
    button = page.locator("#bqa-year-on-year")
    upload = page.locator("#bqa-upload input[type=file]")
    # the first year of a new issuer: nothing to compare with
    first = tmp_path / WANLI[0].name
    shutil.copy(WANLI[0], first)
    upload.set_input_files(str(first))
    expect(status).to_contain_text(f"已导入 {WANLI[0].stem}", timeout=UPLOAD_TIMEOUT_MS)
    expect(button).to_be_hidden()
    # the next year of the same 街道: the status line offers the year-on-year question
    second = tmp_path / WANLI[1].name
    shutil.copy(WANLI[1], second)
    upload.set_input_files(str(second))
    expect(status).to_contain_text(f"已导入 {WANLI[1].stem}", timeout=UPLOAD_TIMEOUT_MS)
    expect(button).to_be_visible(timeout=UI_TIMEOUT_MS)
    question = button.inner_text().strip()
    assert re.fullmatch(r"万里街道2025年比2024年\S+增加多少？", question), question
    expect(status).to_contain_text("比较两年")
    # the documents panel: one group for the 街道, its two years
    docs = page.locator("#bqa-docs")
    expect(docs).to_contain_text("putuo-wanli-2025ys", timeout=UI_TIMEOUT_MS)
    assert docs.inner_text().count(WANLI_NAME) == 1
    page.screenshot(path=str(ARTIFACTS / "chat-year-on-year-offer.png"), full_page=True)
    # the button fills the question box; asking it answers across the two years
    button.click()
    box = page.locator("#bqa-question textarea, #bqa-question input").first
    expect(box).to_have_value(question, timeout=UI_TIMEOUT_MS)
    lines = page.locator("#bqa-chat .bqa-scope-line")
    before = lines.count()
    box.press("Enter")
    expect(lines).to_have_count(before + 1, timeout=ANSWER_TIMEOUT_MS)
    line = lines.last.inner_text()
    assert f"{WANLI_NAME} 2024年部门预算" in line and f"{WANLI_NAME} 2025年部门预算" in line, line
    expect(page.locator("#bqa-chat")).to_contain_text("2025年比2024年")
    panel = page.locator("#bqa-compare")
    expect(panel.locator("tbody tr")).to_have_count(2, timeout=UI_TIMEOUT_MS)
    expect(panel.locator("img")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "chat-year-on-year.png"), full_page=True)


# -- without a browser: the same pieces, from Answer objects ---------------------------------

A = f"{JXW} 2024年部门预算"
B = f"{SFJ} 2024年部门预算"


def _fig(doc: str, value: str, unit: str, table: str, page: int, label: str) -> Figure:
    return Figure(Decimal(value), unit, label, Source(doc, table=table, row="公务接待费", page=page))


def _compare(route: str = "across:compare") -> Answer:
    a = _fig("nanan-jxw-2024", "4.00", "万元", "表四", 11, f"{A} 公务接待费")
    b = _fig("shili-beicheng-sifaju-2024", "25000", "元", "表3", 10, f"{B} 公务接待费")
    diff = Figure(Decimal("15000"), "元", f"{A}比{B}多", None, "40000 − 25000", (a, b))
    return Answer("经信委和司法局谁的公务接待费多？", "…", True, [diff, a, b], route=route, scope=[A, B])


def test_scope_line_names_the_documents():
    assert render.scope_line(_compare()) == f"依据：{A}；{B}"
    one = Answer("q", "t", True, scope=[A])
    assert render.scope_line(one) == f"依据：{A}"
    assert render.scope_line(Answer("q", "没有", False, scope=[A])) == f"查阅：{A}"
    assert render.scope_line(Answer("q", "t", True)) == ""
    many = Answer("q", "t", True, scope=[f"部门{i} 2024年部门预算" for i in range(9)])
    assert render.scope_line(many).endswith("等9份文件")


def test_comparison_rows_label_each_figure_with_its_document():
    rows = render.comparison_rows(_compare())
    assert rows == [[A, "公务接待费", "4.00", "万元", "表四", "11"],
                    [B, "公务接待费", "25,000", "元", "表3", "10"]]
    html = render.comparison_html(_compare(), b"png")
    assert "<table>" in html and "data:image/png;base64," in html and SFJ in html
    # one document, or an answer not across documents: shown as before
    single = Answer("q", "t", True, [_fig("nanan-jxw-2024", "4.00", "万元", "表四", 11, "公务接待费")],
                    route="lookup", scope=[A])
    assert render.comparison_rows(single) == [] and render.comparison_html(single) == ""


def test_comparison_chart_plots_one_unit():
    unit, values = charts.comparison_values([(A, Decimal("4.00"), "万元"), (B, Decimal("25000"), "元"),
                                             ("差", Decimal("5"), "%")])
    assert unit == "万元" and values == [(A, Decimal("4.00")), (B, Decimal("2.5"))]  # a tie: the larger
    unit, values = charts.comparison_values([(A, Decimal("4.00"), "万元"), (B, Decimal("25000"), "元"),
                                             ("c", Decimal("1200"), "元")])
    assert unit == "元" and [v for _, v in values] == [Decimal("40000"), Decimal("25000"), Decimal("1200")]
    unit, values = charts.comparison_values([(A, Decimal("156211123"), "元"), (B, Decimal("189767551"), "元")])
    assert unit == "万元" and values[0][1] == Decimal("15621.1123")
    assert charts.comparison_values([(A, Decimal(1), "万元")]) is None
    image = charts.comparison_chart([(A, Decimal("4.00"), "万元"), (B, Decimal("25000"), "元")], item="公务接待费")
    assert image is not None and image.width > 300


def _info(name: str, issuer: str | None, year: int | None, kind: str = "部门预算") -> SimpleNamespace:
    return SimpleNamespace(doc_id=f"id-{name}", name=name, title=name, issuer=issuer, year=year, kind=kind,
                           pages=10, tables=5, rows=50, chunks=8, source_path=None)


def test_documents_panel_and_cli_share_the_grouping():
    from assistant.cli import document_lines
    from assistant.ui import _doc_rows

    infos = [_info("w25", WANLI_NAME, 2025), _info("jxw", JXW, 2024), _info("w24", WANLI_NAME, 2024),
             _info("w24d", WANLI_NAME, 2024, "部门决算")]
    rows = _doc_rows(infos)
    assert [r[7] for r in rows] == ["w24", "w24d", "w25", "jxw"]  # by issuer, then year and kind
    assert [r[0] for r in rows] == [WANLI_NAME, "", "", JXW]
    assert rows[0][1:4] == [2024, "部门预算", "区级"]
    lines = document_lines(infos)
    assert [ln.split()[-1] for ln in lines if ln.startswith("  ")] == [r[7] for r in rows]


def test_year_on_year_question_only_for_another_year_of_the_issuer():
    from assistant.ui import ChatBackend

    class Backend(ChatBackend):
        def __init__(self, infos):
            self.infos, self.asked = infos, []

        def documents(self):
            return self.infos

        def ask(self, question, doc_ids=None):
            self.asked.append(question)
            ok = "总支出" in question  # the documents answer this item, not 支出总计
            return Answer(question, "…", ok, route="across:change" if ok else "refusal")

    b = Backend([_info("w24", WANLI_NAME, 2024), _info("jxw", JXW, 2024)])
    assert b.year_on_year_question("id-w24") is None and b.asked == []  # no other year
    b = Backend([_info("w24", WANLI_NAME, 2024), _info("w25", WANLI_NAME, 2025), _info("jxw", JXW, 2024)])
    assert b.year_on_year_question("id-w25") == "万里街道2025年比2024年总支出增加多少？"
    assert b.asked[0] == "万里街道2025年比2024年支出总计增加多少？"
