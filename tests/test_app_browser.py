"""The chat in headless Chromium: ask, see the cited figure; upload a bad file; phone width.

Runs the real app (``python app.py``) on a free port with its own store and
drives it with Playwright. Screenshots are kept in ``tests/artifacts/``.
Skipped when ``/usr/bin/chromium`` is missing (``apt-get install chromium``).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from app_fixtures import ARTIFACTS, READY_TIMEOUT_S, app_server, app_url  # noqa: F401  (fixtures)

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"),
]

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

ANSWER_TIMEOUT_MS = READY_TIMEOUT_S * 1000
UI_TIMEOUT_MS = 60_000
QUESTION = "经信委今年招待客人花多少钱？"


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield b
        b.close()


class OffsiteRequests(list):
    """Every http(s) request the page makes to a host other than the app's."""

    def watch(self, page, app: str) -> None:
        host = urlparse(app).hostname

        def on_request(request) -> None:
            u = urlparse(request.url)
            if u.scheme in ("http", "https", "ws", "wss") and u.hostname not in (host, "localhost"):
                self.append(request.url)

        page.on("request", on_request)


def _open(browser, url: str, offsite: OffsiteRequests, **context):
    ctx = browser.new_context(locale="zh-CN", **context)
    page = ctx.new_page()
    offsite.watch(page, url)
    page.goto(url, wait_until="domcontentloaded")
    expect(page.get_by_text("部门预算问答").first).to_be_visible(timeout=UI_TIMEOUT_MS)
    return ctx, page


def _ask(page, question: str) -> None:
    box = page.locator("#bqa-question textarea, #bqa-question input").first
    expect(box).to_be_visible(timeout=UI_TIMEOUT_MS)
    box.fill(question)
    box.press("Enter")


def _wait_for_answer(page) -> None:
    expect(page.locator("#bqa-citations details").first).to_be_visible(timeout=ANSWER_TIMEOUT_MS)


def test_ask_shows_figure_citation_and_page(browser, app_url):  # noqa: F811
    offsite = OffsiteRequests()
    ctx, page = _open(browser, app_url, offsite, viewport={"width": 1280, "height": 900})
    try:
        for q in ("经信委今年招待客人花多少钱", "什么是“三公”经费"):  # the example questions
            expect(page.get_by_text(q).first).to_be_visible(timeout=UI_TIMEOUT_MS)
        # the documents panel lists the ingested sample once start-up is done
        expect(page.locator("#bqa-docs")).to_contain_text("nanan-jxw-2024", timeout=ANSWER_TIMEOUT_MS)
        expect(page.locator("#bqa-chart img").first).to_be_visible(timeout=UI_TIMEOUT_MS)
        page.screenshot(path=str(ARTIFACTS / "chat-desktop-home.png"), full_page=True)

        _ask(page, QUESTION)
        _wait_for_answer(page)
        figures = page.locator("#bqa-figures")
        expect(figures).to_contain_text(re.compile(r"(^|\D)4(\.00)?(\D|$)"), timeout=UI_TIMEOUT_MS)
        assert "4.00" in figures.inner_text() or re.search(r"\b4\b", figures.inner_text())
        citations = page.locator("#bqa-citations")
        expect(citations).to_contain_text("表四")
        # a citation opens to its quoted passage
        first = citations.locator("details").first
        first.locator("summary").click()
        expect(first).to_have_attribute("open", re.compile(".*"))
        # the reply in the chat says the amount
        expect(page.locator("#bqa-chat")).to_contain_text("4")
        # the cited page is drawn from the PDF
        expect(page.locator("#bqa-pages img").first).to_be_visible(timeout=UI_TIMEOUT_MS)
        page.screenshot(path=str(ARTIFACTS / "chat-desktop-answer.png"), full_page=True)
        # a question that leans on the one before is read with it, and the chat says how
        _ask(page, "那公务用车运行维护费呢？")
        expect(page.locator("#bqa-chat")).to_contain_text("接上一问", timeout=ANSWER_TIMEOUT_MS)
        expect(figures).to_contain_text(re.compile(r"(^|\D)6(\.00)?(\D|$)"), timeout=UI_TIMEOUT_MS)
    finally:
        ctx.close()
    assert offsite == [], f"the page made requests off the machine: {offsite}"


PDFS = Path(__file__).resolve().parent / "pdfs"


def test_bad_upload_shows_one_line_error(browser, app_url, tmp_path):  # noqa: F811
    bad = tmp_path / "not-really.pdf"
    bad.write_text("这不是PDF文件，只是一段文字。\n第二行。\n", encoding="utf-8")
    # the lead's fixtures for the other kinds of bad input, when present
    others = [PDFS / "encrypted.pdf", PDFS / "scanned-page.pdf"]
    offsite = OffsiteRequests()
    ctx, page = _open(browser, app_url, offsite, viewport={"width": 1280, "height": 900})
    try:
        docs = page.locator("#bqa-docs")
        expect(docs).to_contain_text("nanan-jxw-2024", timeout=ANSWER_TIMEOUT_MS)
        rows_before = docs.locator("tbody tr").count()
        error = page.locator("#bqa-upload-status .bqa-error")

        for i, path in enumerate([bad] + [p for p in others if p.exists()]):
            page.locator("#bqa-upload input[type=file]").set_input_files(str(path))
            expect(error).to_contain_text(path.name, timeout=UI_TIMEOUT_MS * 2)
            text = error.inner_text().strip()
            assert "\n" not in text and "Traceback" not in text, text
            assert len(text) < 400, text
            if i == 0:
                page.screenshot(path=str(ARTIFACTS / "chat-upload-error.png"), full_page=True)
        # the store is untouched: still the one sample document
        page.reload()
        expect(docs).to_contain_text("nanan-jxw-2024", timeout=UI_TIMEOUT_MS)
        assert docs.locator("tbody tr").count() == rows_before
        assert "not-really" not in docs.inner_text()
    finally:
        ctx.close()
    assert offsite == [], f"the page made requests off the machine: {offsite}"


def test_unticking_every_document_asks_for_one(browser, app_url):  # noqa: F811
    offsite = OffsiteRequests()
    ctx, page = _open(browser, app_url, offsite, viewport={"width": 1280, "height": 900})
    try:
        scope = page.locator("#bqa-scope")
        box = scope.get_by_role("checkbox", name=re.compile("2024"))
        expect(box).to_be_checked(timeout=ANSWER_TIMEOUT_MS)  # every document, by default
        box.uncheck()
        _ask(page, QUESTION)
        expect(page.locator("#bqa-chat")).to_contain_text("勾选至少一个", timeout=UI_TIMEOUT_MS)
        box.check()
        _ask(page, QUESTION)
        _wait_for_answer(page)
        expect(page.locator("#bqa-citations")).to_contain_text("表四")
    finally:
        ctx.close()
    assert offsite == [], f"the page made requests off the machine: {offsite}"


def test_phone_width(browser, app_url):  # noqa: F811
    offsite = OffsiteRequests()
    ctx, page = _open(browser, app_url, offsite, viewport={"width": 390, "height": 844},
                      device_scale_factor=2, is_mobile=True, has_touch=True)
    try:
        expect(page.locator("#bqa-question")).to_be_visible(timeout=UI_TIMEOUT_MS)
        page.screenshot(path=str(ARTIFACTS / "chat-phone-home.png"))
        _ask(page, "2150517 产业发展预算多少")
        _wait_for_answer(page)
        expect(page.locator("#bqa-figures")).to_contain_text("1,324", timeout=UI_TIMEOUT_MS)
        expect(page.locator("#bqa-pages img").first).to_be_visible(timeout=UI_TIMEOUT_MS)
        page.screenshot(path=str(ARTIFACTS / "chat-phone-answer.png"), full_page=True)
        # nothing forces the page wider than the phone
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390 + 2, f"page is {width}px wide at a 390px viewport"
        box = page.locator("#bqa-chat").bounding_box()
        assert box is not None and box["width"] <= 390
    finally:
        ctx.close()
    assert offsite == [], f"the page made requests off the machine: {offsite}"
