"""The chat (Gradio Blocks): questions and cited answers, the documents panel, a chart.

:class:`ChatBackend` holds the store and the assistant and does the work (no
Gradio in it); :func:`build_ui` lays out the page and wires the events.

* a question → the answer text under a line naming the documents it was read
  from (``依据：…``), a table of its figures, the citations (each opening to its
  quoted passage) and the cited pages drawn from the PDF with the cited row or
  passage highlighted; an answer across documents (compared, followed across
  years, ranked, added, listed) also shows its figures by document in a table
  and a bar chart, in one unit;
* the documents panel lists the store grouped by issuer and year (as
  ``python -m assistant documents`` does), takes a new disclosure (ingested
  with a progress bar; a bad file shows its one-line error and leaves the store
  as it was; a second year of an issuer offers a year-on-year question) and
  chooses which documents to ask about;
* a chart of the chosen document's expenditure by 功能分类 类;
* ``/chat`` — a stable API endpoint: question in, answer text out.

Many people can use it at once: questions (the page's and ``/chat``'s) are
answered by up to ``settings.workers`` threads sharing one read-only
assistant; the cited pages are drawn afterwards in their own event with its
own small pool (``PAGE_WORKERS``), so a slow page never holds a question back;
an upload is ingested in its own event and the new assistant replaces the old
one in one step when it is loaded, questions meanwhile using the old one.
"""

from __future__ import annotations

import html
import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import gradio as gr
from PIL import Image

from assistant import charts, pages, render
from assistant.answer import Answer, Citation
from assistant.config import Settings
from assistant.store import DocumentInfo, Store
from ingest.errors import BudgetQAError, StoreError, message_zh
from ingest.events import Progress

__all__ = ["EXAMPLES", "ChatBackend", "CitedPage", "build_ui", "launch_kwargs", "progress_text"]

log = logging.getLogger(__name__)

EXAMPLES = [
    "经信委今年招待客人花多少钱？",
    "2150517 产业发展预算多少",
    "基本支出占总支出的比例是多少？",
    "为什么项目支出减少了？",
    "什么是“三公”经费？",
]
DOC_COLUMNS = ["单位", "年度", "类型", "级别", "页数", "表格", "行数", "文件"]
# what a year-on-year question asks of a department's documents, tried in this order
YEAR_ON_YEAR_ITEMS = ("支出总计", "总支出", "三公经费")
MAX_PAGES_SHOWN = 3
PAGE_WORKERS = 2  # cited pages drawn at the same time (each is a PDF render and a PNG)
DRAWING_PAGES = '<p class="bqa-muted">正在绘制原文页面…</p>'
READY_TIMEOUT_S = 900.0
RELEASE_AFTER_S = 30.0  # a replaced assistant's store is closed this long after the swap
FOLLOW_S = 2.0  # how often the store's version is compared, to follow changes made by other processes

STAGE_NAMES = {
    "open": "读取文件", "file": "文件", "page": "解析页面", "tables": "识别表格",
    "narrative": "整理说明文字", "checks": "核对数字", "parsed": "解析完成",
    "embed": "建立检索索引", "store": "写入资料库", "wait": "等待另一个导入完成", "done": "完成",
}


def progress_text(event: Progress) -> str:
    """One line in Chinese for a progress event: ``解析页面 12/25 · 表格 6 · 行 140``."""
    parts = [STAGE_NAMES.get(event.stage, event.stage)]
    if event.total:
        parts[0] += f" {event.done}/{event.total}"
    if event.tables or event.rows:
        parts.append(f"表格 {event.tables} · 行 {event.rows}")
    if event.message and event.stage in ("open", "file"):
        parts.append(event.message)
    return " · ".join(parts)


class ChatBackend:
    """The store, the assistant over it, and the first-start ingest of the sample."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.store = Store(settings)
        self.ready = threading.Event()
        self.version = 0  # goes up each time the documents change
        self.status = "正在载入资料库…"
        self.startup_error: str | None = None
        self._assistant: Any = None
        self._lock = threading.RLock()
        self._ingest_lock = threading.Lock()
        self._charts: dict[tuple[int, str], Image.Image | None] = {}
        self._chart_lock = threading.Lock()
        self._loaded_version: int | None = None  # the store version the assistant was loaded from
        self._checked = 0.0

    # -- start-up ------------------------------------------------------------------

    def start(self, console: Callable[[Progress], None] | None = None, *, sample: bool = True,
              background: bool = True) -> None:
        """Ingest the bundled sample if the store is empty (and ``sample``), then load the assistant.

        In the background by default, so the page is up (and shows the progress) at once.
        """
        if background:
            threading.Thread(target=self._startup, args=(console, sample), name="startup",
                             daemon=True).start()
        else:
            self._startup(console, sample)

    def _startup(self, console: Callable[[Progress], None] | None, sample: bool = True) -> None:
        from assistant.service import ensure_sample

        try:
            self.store.check_model()
            if sample and self.store.is_empty():
                self.status = f"首次启动：正在导入示例文件 {self.settings.sample_pdf.name}…"

                def progress(event: Progress) -> None:
                    if console is not None:
                        console(event)
                    self.status = f"首次启动，正在导入示例文件：{progress_text(event)}"

                with self._ingest_lock:
                    ensure_sample(self.settings, progress=progress)
            self.reload()
            self.status = ""
        except BudgetQAError as e:
            self.startup_error = str(e)
            self.status = f"启动失败：{e}"
            log.error("start-up failed: %s", e)
        except Exception as e:  # keep serving: the page says what went wrong
            self.startup_error = f"{type(e).__name__}: {e}"
            self.status = f"启动失败：{self.startup_error}"
            log.exception("start-up failed")
        finally:
            self.ready.set()

    def reload(self) -> None:
        from assistant.service import load_assistant

        loaded = self.store.version()
        assistant = load_assistant(self.settings, require_documents=False)
        with self._lock:
            if self._loaded_version is not None and loaded < self._loaded_version:
                # a reload that started earlier finished later: keep the newer assistant
                old, assistant = assistant, None
            else:
                old, self._assistant = self._assistant, assistant
                self._loaded_version = loaded
                self.version += 1
        if old is not None:
            _release_later(old)

    def follow(self, now: float | None = None) -> None:
        """Reload in the background when the store changed since the assistant was loaded (a
        document uploaded through another chat process or ingested from the CLI); checked at
        most every ``FOLLOW_S`` seconds."""
        import time

        now = time.monotonic() if now is None else now
        if self._loaded_version is None or now - self._checked < FOLLOW_S:
            return
        self._checked = now
        try:
            changed = self.store.version() != self._loaded_version
        except Exception:  # the store unreachable for a moment: keep answering from what is loaded
            log.warning("reading the store version failed", exc_info=True)
            return
        if changed and not self._ingest_lock.locked():
            threading.Thread(target=self._follow_reload, name="follow", daemon=True).start()

    def _follow_reload(self) -> None:
        # under the ingest lock: an upload stored by this process reloads by itself, and two
        # reloads for one change would count two versions
        if not self._ingest_lock.acquire(blocking=False):
            return
        try:
            if self.store.version() != self._loaded_version:
                self.reload()
        except Exception:
            log.exception("reloading after a change by another process failed")
        finally:
            self._ingest_lock.release()

    # -- asking --------------------------------------------------------------------

    def ask(self, question: str, doc_ids: Sequence[str] | None = None, previous: str | None = None) -> Answer:
        """Answer ``question`` from ``doc_ids`` (None: every document); ``previous`` is the
        question before it in the same chat."""
        if not self.ready.wait(READY_TIMEOUT_S):
            raise StoreError("资料库仍在导入示例文件，请稍后再问")
        self.follow()
        with self._lock:
            assistant = self._assistant
        if assistant is None:
            raise StoreError(self.startup_error or "资料库还没有文件；请先上传一份部门预算或决算 PDF")
        return assistant.ask(question, doc_ids=list(doc_ids) if doc_ids else None, previous=previous)

    def answer_text(self, question: str) -> str:
        """The answer text alone (the ``/chat`` endpoint); errors come back as their message."""
        try:
            return self.ask(question).text
        except BudgetQAError as e:
            return message_zh(e)

    # -- documents -----------------------------------------------------------------

    def documents(self) -> list[DocumentInfo]:
        try:
            return self.store.list_documents()
        except Exception:  # a store being swapped or damaged: show nothing rather than fail
            log.exception("listing documents failed")
            return []

    def document(self, doc_id: str):  # -> Document | None
        with self._lock:
            assistant = self._assistant
        whole = getattr(assistant, "document", None)  # one document, tables and narrative
        if callable(whole):
            try:
                doc = whole(doc_id)
            except (KeyError, LookupError):
                doc = None
            if doc is not None:
                return doc
        docs = getattr(assistant, "documents", None)
        docs = docs() if callable(docs) else docs
        if not docs:
            docs = self.store.documents()
        return next((d for d in docs if d.doc_id == doc_id), None)

    def ingest(self, path: Path, progress: Callable[[Progress], None] | None = None) -> list[Any]:
        """Ingest one file; raises BudgetQAError (store untouched) for a bad one."""
        from ingest.pipeline import ingest_paths

        with self._ingest_lock:
            results = ingest_paths([Path(path)], self.settings, progress=progress)
            self.reload()
        return results

    def _resolve(self, document: str) -> DocumentInfo | None:
        for info in self.documents():
            if document in (info.doc_id, info.name, info.title) or Path(document).stem == info.name:
                return info
        return None

    def year_on_year_question(self, doc_id: str) -> str | None:
        """For a document whose issuer has a document of another year in the store: a question
        comparing the two years (``万里街道2025年比2024年总支出增加多少？``) that the documents
        answer, or None. Its short name and item are tried until the assistant answers it."""
        infos = self.documents()
        new = next((i for i in infos if i.doc_id == doc_id), None)
        if new is None or not new.issuer or not new.year:
            return None
        others = [i for i in infos if i.issuer == new.issuer and i.year and i.year != new.year]
        if not others:
            return None
        other = max(others, key=lambda i: (-abs(i.year - new.year), i.year))  # the nearest year
        y1, y0 = max(new.year, other.year), min(new.year, other.year)
        names = render.document_groups([new])[0].forms[:3] + [new.issuer]
        for name in names:
            for item in YEAR_ON_YEAR_ITEMS:
                q = f"{name}{y1}年比{y0}年{item}增加多少？"
                try:
                    answer = self.ask(q)
                except Exception:
                    log.warning("the year-on-year question %r failed", q, exc_info=True)
                    return None
                if answer.found and answer.route == "across:change":
                    return q
        return None

    def comparison_html(self, answer: Answer) -> str:
        """An answer across documents: its figures by document as a table, and their bar chart
        (empty for an answer from one document)."""
        found = render.comparison_figures(answer)
        if not found:
            return ""
        several = len({d.item for d in found}) > 1
        bars = [(f"{d.document} · {d.item}" if several and d.item else d.document, d.figure.value,
                 d.figure.unit) for d in found]
        try:
            items = {d.item for d in found}
            image = charts.comparison_chart(bars, item=next(iter(items)) if len(items) == 1 else "")
        except Exception:  # a table without its chart rather than no answer
            log.exception("drawing the comparison chart failed")
            image = None
        return render.comparison_html(answer, pages.png_bytes(image) if image is not None else None)

    # -- cited pages ---------------------------------------------------------------

    def _page_targets(self, answer: Answer, limit: int) -> list[tuple[Path, int, tuple[pages.Box, ...], str]]:
        """(pdf, page, boxes to mark, caption) for each page the answer cites, at most ``limit``."""
        targets: dict[tuple[str, int], list[Citation]] = {}
        cites = list(answer.citations)
        if not cites:  # figures without citations still say where they stand
            cites = [Citation(document=f.source.document, table=f.source.table, code=f.source.code,
                              row=f.source.row, page=f.source.page, section=f.source.section)
                     for f in answer.figures if f.source and f.source.page]
        for c in cites:
            if c.page:
                targets.setdefault((c.document, c.page), []).append(c)
        out: list[tuple[Path, int, tuple[pages.Box, ...], str]] = []
        for (document, page), group in targets.items():
            if len(out) >= limit:
                break
            try:  # the store may be in the middle of a swap: no page rather than a failure
                info = self._resolve(document)
                pdf = self.store.pdf_path(info.doc_id) if info else None
            except Exception:
                log.exception("finding the PDF of %s failed", document)
                pdf = None
            if pdf is None:
                continue
            boxes: list[pages.Box] = []
            for c in group:
                values = [f.value for f in answer.figures if f.source and _same_place(f.source, c)]
                boxes += pages.find_highlights(pdf, page, code=c.code, row=c.row,
                                               values=values, quote=c.quote)
            label = "；".join(dict.fromkeys(render.citation_label(c) for c in group))
            if not boxes:
                label += "（未能在页面上定位）"
            out.append((pdf, page, tuple(boxes), label))
        return out

    def cited_pages(self, answer: Answer, limit: int = MAX_PAGES_SHOWN) -> list[CitedPage]:
        """The pages the answer cites, drawn with the cited rows and passages highlighted."""
        out: list[CitedPage] = []
        for pdf, page, boxes, label in self._page_targets(answer, limit):
            try:
                image = pages.render_page(pdf, page, boxes)
            except Exception:
                log.exception("rendering page %s of %s failed", page, pdf)
                continue
            out.append(CitedPage(image, label, list(boxes)))
        return out

    def page_items(self, answer: Answer | None, limit: int = MAX_PAGES_SHOWN) -> list[tuple[bytes, str, bytes | None]]:
        """The cited pages as ``render.pages_html`` items; a page drawn once is kept (by file,
        page and marks), so many people asking the same thing cost one drawing."""
        if answer is None:
            return []
        out: list[tuple[bytes, str, bytes | None]] = []
        for pdf, page, boxes, label in self._page_targets(answer, limit):
            try:
                detail, whole = _drawn_page(str(pdf), page, boxes)
            except Exception:
                log.exception("rendering page %s of %s failed", page, pdf)
                continue
            out.append((detail, label, whole))
        return out

    # -- chart -----------------------------------------------------------------------

    def chart(self, doc_id: str | None) -> Image.Image | None:
        """The expenditure chart of a document, drawn once per store version."""
        if not doc_id:
            return None
        key = (self.version, doc_id)
        with self._chart_lock:
            if key in self._charts:
                return self._charts[key]
        doc = self.document(doc_id)
        image = charts.expenditure_chart(doc) if doc is not None else None
        with self._chart_lock:
            if len(self._charts) > 32:
                self._charts.clear()
            self._charts[key] = image
        return image


def _release_later(assistant: Any, delay: float | None = None) -> None:
    """Close the store handles (open vector segments) of an assistant that was replaced, once the
    questions it was still answering are done, so that the writer may remove old segments."""
    store = getattr(getattr(assistant, "search", None), "store", None)
    close = getattr(store, "close", None)
    if not callable(close):
        return
    timer = threading.Timer(RELEASE_AFTER_S if delay is None else delay, close)
    timer.daemon = True
    timer.start()


@lru_cache(maxsize=64)
def _drawn_page(pdf: str, page: int, boxes: tuple[pages.Box, ...]) -> tuple[bytes, bytes | None]:
    """(the band around the marks, the whole page or None) as PNG bytes."""
    image = pages.render_page(pdf, page, boxes)
    detail = pages.crop_to_boxes(image, boxes)
    if detail is image:
        return pages.png_bytes(image), None
    return pages.png_bytes(detail), pages.png_bytes(image)


@dataclass
class CitedPage:
    """A cited page drawn from its PDF, the caption, and the boxes marked on it."""

    image: Image.Image
    caption: str
    boxes: list[pages.Box]

    def html_item(self) -> tuple[bytes, str, bytes | None]:
        """(the band around the marks, caption, the whole page or None) for render.pages_html."""
        detail = pages.crop_to_boxes(self.image, self.boxes)
        if detail is self.image:
            return pages.png_bytes(self.image), self.caption, None
        return pages.png_bytes(detail), self.caption, pages.png_bytes(self.image)


def _same_place(source: Any, c: Citation) -> bool:
    if source.document != c.document or (c.table and source.table != c.table):
        return False
    if c.code:
        return source.code == c.code
    return bool(c.row) and source.row == c.row


# -- layout ---------------------------------------------------------------------------

CSS = """
.bqa-status:empty { display: none; }
.bqa-error { color: #b42318; font-weight: 600; }
.bqa-ok { color: #067647; }
.bqa-muted { color: #667085; }
.bqa-citations details { border: 1px solid var(--border-color-primary); border-radius: 6px;
  padding: 4px 10px; margin: 6px 0; }
.bqa-citations summary { cursor: pointer; font-weight: 600; }
.bqa-citations blockquote { margin: 6px 0; padding-left: 10px;
  border-left: 3px solid #f0b400; white-space: pre-wrap; }
.bqa-page { margin: 0 0 12px 0; }
.bqa-page img { max-width: 100%; height: auto; border: 1px solid var(--border-color-primary); }
.bqa-whole summary { cursor: pointer; font-size: 0.9em; color: #475467; }
.bqa-page figcaption { font-size: 0.9em; color: #475467; margin-top: 4px; }
.bqa-where { font-size: 0.85em; color: #667085; margin: 4px 0; }
.bqa-scope-line { font-size: 0.85em; color: #475467; margin: 0 0 6px 0 !important; }
.bqa-compare table { border-collapse: collapse; font-size: 0.9em; width: 100%; }
.bqa-compare th, .bqa-compare td { border: 1px solid var(--border-color-primary); padding: 3px 6px;
  text-align: left; }
.bqa-compare td.bqa-num { text-align: right; white-space: nowrap; }
.bqa-compare-chart { display: block; max-width: 560px !important; margin-top: 8px; }
.gradio-container { max-width: 1280px !important; }
#bqa-figures table { min-width: 560px; }  /* scrolls sideways on a phone instead of squashing */
#bqa-docs table { min-width: 480px; }
img { max-width: 100%; height: auto; }
@media (max-width: 640px) {
  .gradio-container { padding: 4px !important; }
}
"""

FONT_STACK = ("Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
              "system-ui", "sans-serif")


def launch_kwargs(max_upload_mb: int | None = None) -> dict[str, Any]:
    """Theme, CSS and footer for ``Blocks.launch`` (gradio 6 takes them there); with
    ``max_upload_mb``, Gradio refuses a larger upload while it arrives (HTTP 413, and a message in
    the page), before any of it is written to disk."""
    theme = gr.themes.Default(font=FONT_STACK, font_mono=("Noto Sans Mono CJK SC", "monospace"))
    kwargs: dict[str, Any] = {"theme": theme, "css": CSS, "footer_links": ["api"], "ssr_mode": False}
    if max_upload_mb:
        kwargs["max_file_size"] = max_upload_mb * 1024 * 1024
    return kwargs


def _doc_label(info: DocumentInfo) -> str:
    bits = [info.issuer or info.title or info.name]
    if info.year:
        bits.append(f"{info.year}年")
    if info.kind:
        bits.append(info.kind)
    return " ".join(bits)


def _doc_rows(infos: Sequence[DocumentInfo]) -> list[list[Any]]:
    """The documents grouped by issuer and year (as ``python -m assistant documents`` lists
    them); the issuer is named on the first row of its group."""
    rows: list[list[Any]] = []
    for g in render.document_groups(infos):
        for n, i in enumerate(g.documents):
            issuer = (g.issuer or "（未注明单位）") if n == 0 else ""
            rows.append([issuer, i.year or "", i.kind or "", render.document_level(i) or "",
                         i.pages or "", i.tables, i.rows, i.name])
    return rows


def _reply(answer: Answer) -> str:
    """The chat's reply: the documents it was read from, above the answer."""
    body = render.answer_markdown(answer)
    if answer.asked_as:  # a question read with the one before it: say how it was read
        body = f"*接上一问，按「{answer.asked_as}」回答。*\n\n{body}"
    line = render.scope_line(answer)
    if not line:
        return body
    return f'<p class="bqa-scope-line">{html.escape(line)}</p>\n\n{body}'


def _comparison_panel(content: str) -> tuple[Any, str]:
    return gr.Accordion(visible=bool(content)), content


def build_ui(backend: ChatBackend) -> gr.Blocks:
    """The chat page. Launch it with ``**launch_kwargs()``."""

    workers = max(1, int(getattr(backend.settings, "workers", 1) or 1))

    def chart_for(doc_id: str | None) -> Image.Image | None:
        return backend.chart(doc_id)

    def refresh(seen: dict | None, selected: list[str] | None, chart_doc: str | None,
                force: bool = False):
        """Status line, and when the documents changed: table, choices and chart.

        ``seen`` (per browser session) is the store version last shown and the
        document ids then known, so a new document is added to the selection
        while documents the user unticked stay unticked.
        """
        seen = seen or {"version": -1, "ids": []}
        status = backend.status
        if status and not backend.ready.is_set():
            status_md = f"**{html.escape(status)}**"
        elif backend.startup_error:
            status_md = f'<span class="bqa-error">{html.escape(status)}</span>'
        else:
            status_md = ""
        # every second while the sample is ingested, then now and then to pick up
        # documents another browser tab uploaded
        timer = gr.Timer(1.0 if not backend.ready.is_set() else 5.0)
        backend.follow()  # documents another chat process or the CLI added
        if seen["version"] == backend.version and not force:
            return status_md, gr.skip(), gr.skip(), gr.skip(), gr.skip(), seen, timer
        infos = backend.documents()
        ids = [i.doc_id for i in infos]
        choices = [(_doc_label(i), i.doc_id) for i in infos]
        if seen["version"] < 0 or selected is None:
            value = ids  # the first look: every document
        else:
            value = [i for i in ids if i in selected or i not in seen["ids"]]
        chart_doc = chart_doc if chart_doc in ids else (ids[0] if ids else None)
        return (status_md, _doc_rows(infos), gr.CheckboxGroup(choices=choices, value=value),
                gr.Dropdown(choices=choices, value=chart_doc), chart_for(chart_doc),
                {"version": backend.version, "ids": ids}, timer)

    def respond(question: str, history: list[dict], selected: list[str] | None,
                chosen: bool, before: Answer | None = None) -> Iterator[tuple]:
        question = (question or "").strip()
        history = list(history or [])
        history.append({"role": "user", "content": question or "（空问题）"})
        wait = "正在查找…" if backend.ready.is_set() else "正在导入示例文件，导入完成后立即回答…"
        yield (history + [{"role": "assistant", "content": wait}], "", gr.skip(), gr.skip(), gr.skip(),
               None) + _comparison_panel("")
        all_ids = [i.doc_id for i in backend.documents()]
        if not chosen:
            # the user has not touched the list (it may not even be filled in yet): every document
            selected = None
        if all_ids and selected is not None and not selected:
            history.append({"role": "assistant", "content": "请先在「文件」中勾选至少一个要提问的文件。"})
            yield (history, "", [], render.citations_html(None), render.pages_html([]),
                   None) + _comparison_panel("")
            return
        doc_ids = None if not selected or set(all_ids) <= set(selected) else list(selected)
        try:
            # the question before in this chat, as it was read, for a question that leans on it
            previous = (before.asked_as or before.question) if isinstance(before, Answer) and history[:-1] else None
            answer = backend.ask(question, doc_ids, previous=previous)
        except BudgetQAError as e:
            history.append({"role": "assistant", "content": message_zh(e)})
            yield (history, "", [], render.citations_html(None), render.pages_html([]),
                   None) + _comparison_panel("")
            return
        history.append({"role": "assistant", "content": _reply(answer)})
        # the pages are drawn by the next event (show_pages), in its own pool
        yield (history, "", render.figure_rows(answer), render.citations_html(answer),
               DRAWING_PAGES, answer) + _comparison_panel(backend.comparison_html(answer))

    def show_pages(answer: Answer | None) -> str:
        if answer is None:
            return gr.skip()
        return render.pages_html(backend.page_items(answer))

    def upload(file: str | None, selected: list[str] | None, seen: dict | None, chart_doc: str | None,
               progress: gr.Progress = gr.Progress()):
        hidden = gr.Button(visible=False)
        if not file:
            return (gr.skip(),) * 7 + (None, gr.skip())
        path = Path(file)
        progress(0, desc=f"读取 {path.name}")

        def on_progress(event: Progress) -> None:
            frac = event.done / event.total if event.total else None
            progress(frac, desc=progress_text(event))

        try:
            results = backend.ingest(path, on_progress)
        except BudgetQAError as e:
            msg = f'<span class="bqa-error">未导入：{html.escape(message_zh(e, path.name))}</span>'
            return (msg,) + (gr.skip(),) * 6 + (None, hidden)
        except Exception as e:  # an unexpected failure still gets one line, not a stack
            log.exception("ingest of %s failed", path)
            msg = (f'<span class="bqa-error">未导入：{html.escape(path.name)} 导入时出错'
                   f"（{type(e).__name__}）</span>")
            return (msg,) + (gr.skip(),) * 6 + (None, hidden)
        r = results[0]
        msg = (f'<span class="bqa-ok">已导入 {html.escape(r.name)}：{r.tables} 张表、{r.rows} 行、'
               f"{r.chunks} 段文字</span>")
        _, table, choices, dropdown, chart, version, _ = refresh(seen, selected, chart_doc, force=True)
        suggest = hidden
        try:
            q = backend.year_on_year_question(r.doc_id)
        except Exception:
            log.exception("finding a year-on-year question failed")
            q = None
        if q:
            msg += ('<br><span class="bqa-muted">同一单位已有另一年度的文件，可以比较两年：</span>')
            suggest = gr.Button(value=q, visible=True)
        return msg, table, choices, dropdown, chart, version, gr.skip(), None, suggest

    with gr.Blocks(title="部门预算问答", analytics_enabled=False) as demo:
        seen = gr.State({"version": -1, "ids": []})
        answered = gr.State(None)  # the last answer, whose cited pages are drawn next
        chosen = gr.State(False)  # the user has ticked or unticked a document
        gr.Markdown("## 部门预算问答\n"
                    "问部门预算、决算公开文件里的数字和说明，每个答案都注明出处（表、行、页码）。")
        status = gr.Markdown(elem_id="bqa-status", elem_classes=["bqa-status"])
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=320):
                chatbot = gr.Chatbot(label="问答", elem_id="bqa-chat", height=420, buttons=["copy"],
                                     placeholder="在下面输入问题，或点一个示例问题。")
                with gr.Row(equal_height=True):
                    question = gr.Textbox(show_label=False, elem_id="bqa-question", lines=1,
                                          placeholder="输入问题，例如：公务接待费预算多少？",
                                          scale=5, min_width=180, submit_btn="提问")
                examples = gr.Examples(EXAMPLES, inputs=[question], label="示例问题")
                with gr.Accordion("各文件的数字", open=True, visible=False,
                                  elem_id="bqa-compare-panel") as compare_panel:
                    compare = gr.HTML("", elem_id="bqa-compare")
                with gr.Accordion("答案中的数字", open=True):
                    figures = gr.Dataframe(elem_id="bqa-figures", headers=render.FIGURE_COLUMNS, value=[],
                                           interactive=False, wrap=True, max_height=320, show_label=False)
                with gr.Accordion("出处（点开看原文）", open=True):
                    citations = gr.HTML(render.citations_html(None), elem_id="bqa-citations")
                with gr.Accordion("原文页面（高亮处为引用的行或段落）", open=True):
                    page_images = gr.HTML(render.pages_html([]), elem_id="bqa-pages")
            with gr.Column(scale=2, min_width=300):
                with gr.Accordion("文件", open=True):
                    docs_table = gr.Dataframe(elem_id="bqa-docs", headers=DOC_COLUMNS, value=[],
                                              interactive=False, wrap=True, show_label=False, max_height=260)
                    doc_choice = gr.CheckboxGroup(elem_id="bqa-scope", label="提问范围（默认全部）",
                                                  choices=[], show_select_all=True)
                    upload_box = gr.File(elem_id="bqa-upload", label="上传部门预算 / 决算 PDF",
                                         file_types=[".pdf", ".txt", ".md"], file_count="single",
                                         type="filepath")
                    upload_status = gr.Markdown(elem_id="bqa-upload-status")
                    year_on_year = gr.Button(visible=False, elem_id="bqa-year-on-year", size="sm",
                                             variant="secondary")
                with gr.Accordion("支出结构（功能分类·类）", open=True):
                    chart_doc = gr.Dropdown(elem_id="bqa-chart-doc", label="文件", choices=[],
                                            interactive=True)
                    chart = gr.Image(elem_id="bqa-chart", show_label=False, format="png",
                                     interactive=False, buttons=["download", "fullscreen"])
        timer = gr.Timer(1.0)

        doc_outputs = [status, docs_table, doc_choice, chart_doc, chart, seen, timer]
        ask_outputs = [chatbot, question, figures, citations, page_images, answered, compare_panel,
                       compare]
        ask = dict(fn=respond, inputs=[question, chatbot, doc_choice, chosen, answered], outputs=ask_outputs,
                   api_visibility="private", concurrency_id="ask", concurrency_limit=workers)
        draw = dict(fn=show_pages, inputs=[answered], outputs=[page_images], api_visibility="private",
                    concurrency_id="pages", concurrency_limit=PAGE_WORKERS, show_progress="minimal")
        question.submit(**ask).then(**draw)
        examples.load_input_event.then(**ask).then(**draw)
        timer.tick(refresh, [seen, doc_choice, chart_doc], doc_outputs, api_visibility="private",
                   show_progress="hidden")
        demo.load(lambda s, sel, c: refresh(s, sel, c, force=True), [seen, doc_choice, chart_doc],
                  doc_outputs, api_visibility="private", show_progress="hidden")
        upload_box.upload(upload, [upload_box, doc_choice, seen, chart_doc],
                          [upload_status, docs_table, doc_choice, chart_doc, chart, seen, timer,
                           upload_box, year_on_year],
                          api_visibility="private", concurrency_id="ingest", concurrency_limit=1)
        doc_choice.input(lambda: True, None, chosen, api_visibility="private", show_progress="hidden",
                         queue=False)
        # the suggested year-on-year question goes into the question box, to ask or edit
        year_on_year.click(lambda q: q, [year_on_year], [question], api_visibility="private",
                           show_progress="hidden", queue=False)
        chart_doc.change(chart_for, [chart_doc], [chart], api_visibility="private",
                         show_progress="hidden")

        def chat(question: str) -> str:
            """Answer a question about the disclosures in the store; returns the answer text."""
            return backend.answer_text(question)

        # real types, not the strings `from __future__ import annotations` leaves: the API
        # schema (and gradio_client) then says str in, str out
        chat.__annotations__ = {"question": str, "return": str}
        gr.api(chat, api_name="chat", concurrency_id="ask", concurrency_limit=workers)
    return demo
