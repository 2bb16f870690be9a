"""Read a budget-disclosure PDF: its tables (as printed) and its narrative lines.

pdfplumber finds the ruled tables on each page (rules drawn as thin filled
rectangles or as stroked lines; a missing outer left/right border is added
back), and falls back to text alignment on pages that print figures without
rules. Cell text is rebuilt from the characters so that wrapped cells join
without spaces while paragraph breaks inside a cell survive. The label, title
and unit lines above each table and the 备注 line below it go with the table;
everything else, except running headers/footers and page numbers, is narrative.
The pieces go to :mod:`ingest.tables`, which stitches and names them.
"""

from __future__ import annotations

import bisect
import functools
import logging
import pathlib
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from .errors import BudgetQAError, CorruptPDF, EmptyFile, EncryptedPDF, NotAPDF, ScannedPDF
from .events import Progress, ProgressCallback, emit
from .limits import Budget
from .model import Extracted, TextLine, parse_amount
from .tables import RawTable, assemble_tables, contents_numbers, fix_radicals, is_title, join_cjk, norm, table_label, unit_of

__all__ = ["extract_pdf"]

log = logging.getLogger(__name__)

_CJK_CHAR = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
_NOTE = re.compile(r"^\s*(备注|注|说明)\s*[：:]")
_PAGE_NO = re.compile(r"^[-—–\s]*(第\s*)?\d{1,4}\s*(页)?\s*([/／共]\s*\d{1,4}\s*页?)?[-—–\s]*$")
_PREAMBLE = re.compile(r"^(编制|单位|编制单位|金额单位)")
HEAD_LINES = 15
CHECK_EVERY = 500  # characters and rules parsed between two looks at the time budget
HUGE_CHARS = 20_000  # a page with more characters than this ...
HUGE_RULES = 300  # ... or more full-width row rules has its tables found band by band
BAND_ROWS = 60  # row rules (or text lines) per band on such a page
SCAN_PAGES = 10  # no text layer on this many first pages: a scan, refused without reading on


@dataclass
class _PLine:
    """A text line on a page with its box and font facts."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


# -- opening -------------------------------------------------------------------------


def _open(path: pathlib.Path) -> Any:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    name = path.name
    try:
        head = path.read_bytes()[:1024]
    except OSError as e:
        raise CorruptPDF(f"{name} cannot be read ({e.strerror}); check the path and permissions") from e
    if not head:
        raise EmptyFile(f"{name} is empty (0 bytes); ingest the complete file")
    if b"%PDF" not in head:
        raise NotAPDF(f"{name} is not a PDF (no %PDF header); give a PDF or a text/Markdown disclosure")
    try:
        pdf = pdfplumber.open(path)
        _ = pdf.pages
    except (PDFPasswordIncorrect, PDFEncryptionError) as e:
        raise EncryptedPDF(f"{name} is encrypted (it needs a password); save an unprotected copy and ingest that") from e
    except Exception as e:  # pdfminer raises many kinds on damaged files
        inner = [e, *getattr(e, "args", ())]
        if any(isinstance(x, (PDFPasswordIncorrect, PDFEncryptionError)) for x in inner) or "password" in str(e).lower():
            raise EncryptedPDF(f"{name} is encrypted (it needs a password); save an unprotected copy and ingest that") from e
        raise CorruptPDF(f"{name} is damaged or truncated and cannot be opened ({type(e).__name__}); get a fresh copy") from e
    return pdf


# -- characters → lines and cell texts ---------------------------------------------


def _is_bold(fontname: str) -> bool:
    f = fontname.lower()
    return any(k in f for k in ("bold", "heavy", "black", ",b", "-b", "semibold", "medium"))


def _fix_box(ch: dict[str, Any]) -> None:
    """Put a glyph box whose font metrics hang it below its baseline back on the line.

    Some embedded fonts (digits in Chongqing's 2026 tables) declare a box that
    starts at the baseline and reaches a full em below it, so the digits of a row
    look like a line of their own under the row's Chinese text and can fall into
    the next table row. The box is moved to where an ordinary glyph's box sits
    (0.8 em above the baseline to 0.2 em below); other glyphs are left alone.
    """
    m = ch.get("matrix")
    size = ch.get("size") or 0
    if not m or size <= 0 or abs(m[1]) > 1e-6 or abs(m[2]) > 1e-6 or m[0] <= 0 or m[3] <= 0:
        return  # rotated or mirrored text
    above = (ch["y1"] - m[5]) / size  # how far the box reaches above the baseline, in em
    if above >= 0.3:
        return
    shift = (0.8 - above) * size
    for k in ("y0", "y1"):
        ch[k] += shift
    for k in ("top", "bottom"):
        ch[k] -= shift
    if "doctop" in ch:
        ch["doctop"] -= shift


def _line_text(chars: list[dict[str, Any]]) -> str:
    """Characters of one line, left to right; a wide gap becomes a space."""
    out: list[str] = []
    prev = None
    for ch in sorted(chars, key=lambda c: c["x0"]):
        if prev is not None and ch["text"] != " " and out and out[-1] != " ":
            gap = ch["x0"] - prev["x1"]
            if gap > 0.3 * max(ch["size"], 1):
                out.append(" ")
        out.append(ch["text"])
        prev = ch
    return "".join(out).strip()


def _group_lines(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Cluster characters into lines by their vertical position."""
    lines: list[list[dict[str, Any]]] = []
    for ch in sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"])):
        if lines:
            last = lines[-1]
            ref = last[0]
            mid = (ch["top"] + ch["bottom"]) / 2
            if ref["top"] - 0.5 <= mid <= ref["bottom"] + 0.5 and abs(ch["top"] - ref["top"]) < 0.6 * max(ref["size"], 1):
                last.append(ch)
                continue
        lines.append([ch])
    return lines


def _page_lines(chars: list[dict[str, Any]]) -> list[_PLine]:
    out = []
    for group in _group_lines(chars):
        text = _line_text(group)
        if not text:
            continue
        visible = [c for c in group if c["text"].strip()] or group
        sizes = sorted(c["size"] for c in visible)
        out.append(
            _PLine(
                text=text,
                x0=min(c["x0"] for c in group),
                x1=max(c["x1"] for c in group),
                top=min(c["top"] for c in group),
                bottom=max(c["bottom"] for c in group),
                size=round(sizes[len(sizes) // 2], 1),
                bold=sum(_is_bold(c.get("fontname", "")) for c in visible) > len(visible) / 2,
            )
        )
    return out


def _cell_text(chars: list[dict[str, Any]], x1: float) -> str:
    """A cell's text: wrapped lines joined without a break, paragraphs with ``\\n``.

    A line that stops well short of the cell's right edge and ends a sentence
    (。；;！？) ends a paragraph.
    """
    parts: list[str] = []
    groups = _group_lines(chars)
    for k, group in enumerate(groups):
        text = _line_text(group)
        if not text:
            continue
        parts.append(text)
        if k + 1 < len(groups):
            size = max(c["size"] for c in group)
            right = max(c["x1"] for c in group)
            parts.append("\n" if right < x1 - 2.5 * size and text[-1] in "。；;！？!?" else "")
    return join_cjk("".join(parts))


# -- table finding ---------------------------------------------------------------------


def _open_sides(page: Any, tables: list[Any]) -> list[dict[str, Any]]:
    """Vertical rules to add where a table has no outer left/right border.

    Row rules that run past a found table's left or right side mean the outer
    column was cut off; a rule is added at the end of those row rules.
    """
    horiz = [e for e in page.edges if e["orientation"] == "h" and e["x1"] - e["x0"] > 3]
    extra = []
    for t in tables:
        x0, top, x1, bottom = t.bbox
        rows = [e for e in horiz if top - 1 <= e["top"] <= bottom + 1]
        left = min((e["x0"] for e in rows), default=x0)
        right = max((e["x1"] for e in rows), default=x1)
        for x in (left, right):
            if x < x0 - 3 or x > x1 + 3:
                extra.append({"x0": x, "x1": x, "top": top, "bottom": bottom, "height": bottom - top, "width": 0, "orientation": "v", "object_type": "line"})
    return extra


def _white(color: Any) -> bool:
    """A fill or stroke colour that is white in gray, RGB or CMYK."""
    if isinstance(color, (int, float)):
        return color >= 0.99
    if isinstance(color, (list, tuple)) and color:
        if len(color) == 4:
            return all(isinstance(v, (int, float)) and v <= 0.01 for v in color)
        return all(isinstance(v, (int, float)) and v >= 0.99 for v in color)
    return False


def _drawn(obj: dict[str, Any]) -> bool:
    """Whether a graphic draws a visible rule: white cell backgrounds (a spreadsheet
    export paints one behind every cell, title rows included) draw none."""
    if obj.get("object_type") not in ("rect", "line", "curve"):
        return True
    stroked = obj.get("stroke") and not _white(obj.get("stroking_color"))
    filled = obj.get("fill") and not _white(obj.get("non_stroking_color"))
    return bool(stroked or filled)


def _find_tables(page: Any, lines: list[_PLine]) -> list[Any]:
    if any(not _drawn(o) for o in page.rects):
        page = page.filter(_drawn)
    tables = [t for t in page.find_tables() if len(t.columns) >= 2]
    extra = _open_sides(page, tables)
    if extra:
        tables = [t for t in page.find_tables({"explicit_vertical_lines": extra}) if len(t.columns) >= 2]
    if tables:
        return tables
    numeric = sum(1 for ln in lines if sum(parse_amount(w) is not None for w in ln.text.split()) >= 2)
    if numeric < 3:
        return []
    text_settings = {
        "vertical_strategy": "text",
        "horizontal_strategy": "text",
        "snap_tolerance": 3,
        "join_tolerance": 3,
        "min_words_vertical": 2,
        "min_words_horizontal": 1,
    }
    found = [t for t in page.find_tables(text_settings) if len(t.columns) >= 3 and len(t.rows) >= 3]
    return [t for t in found if _tabular(t.extract())]


_PROSE = re.compile(r"[，。；：、,;]")


def _tabular(grid: list[list[str | None]]) -> bool:
    """Whether an alignment-found grid is a table rather than justified prose with figures.

    Narrative that states many amounts (a document in 元 writes "12,627,589.50 元" in
    every sentence) lines up into columns too; its cells are sentence pieces.
    """
    cells = [c.strip() for row in grid for c in row if c and c.strip()]
    if not cells:
        return False
    prose = sum(1 for c in cells if _PROSE.search(c) or len(c) > 30)
    return prose <= 0.15 * len(cells)


def _grid(table: Any, chars: list[dict[str, Any]]) -> list[list[str | None]]:
    """The table's cell texts; ``None`` for positions covered by a merged cell."""
    mids = [(c["top"] + c["bottom"]) / 2 for c in chars]
    grid: list[list[str | None]] = []
    for row in table.rows:
        out: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                out.append(None)
                continue
            x0, top, x1, bottom = cell
            lo, hi = bisect.bisect_left(mids, top), bisect.bisect_right(mids, bottom)
            inside = [c for c in chars[lo:hi] if x0 - 0.5 <= (c["x0"] + c["x1"]) / 2 <= x1 + 0.5]
            out.append(_cell_text(inside, x1))
        grid.append(out)
    return grid


def _col_x(table: Any) -> list[tuple[float, float]]:
    """Each grid column's x-extent, from the cell edges of the whole table.

    pdfplumber's ``table.columns`` takes a column's extent from its first cell, so a
    header cell merged over several columns (项目 over 类/款/项/名称) makes the
    column as wide as the merge; the distinct left edges of all cells do not.
    """
    cells = [c for c in table.cells if c]
    if not cells:
        return [(c.bbox[0], c.bbox[2]) for c in table.columns]
    lefts: list[float] = []
    for x in sorted(c[0] for c in cells):
        if not lefts or x - lefts[-1] > 1:
            lefts.append(x)
    right = max(c[2] for c in cells)
    edges = [*lefts, right]
    if len(edges) - 1 != len(table.columns):
        return [(c.bbox[0], c.bbox[2]) for c in table.columns]
    return [(edges[k], edges[k + 1]) for k in range(len(edges) - 1)]


def _inside(ch: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
    return any(x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1 for x0, top, x1, bottom in boxes)


# -- label / title / unit / note around a table ------------------------------------------


def _preamble(region: list[_PLine]) -> tuple[str | None, str | None, str | None, int]:
    """(label, title, unit, first consumed index) from the lines above a table."""
    label_idx = next((i for i in range(len(region) - 1, -1, -1) if table_label(region[i].text)), None)
    unit = next((u for ln in region for u in [unit_of(ln.text)] if u), None)
    if label_idx is not None:
        label, rest = table_label(region[label_idx].text) or ("", "")
        title_parts = [rest] if rest else []
        if not (rest and is_title(rest)):
            for ln in region[label_idx + 1:]:
                if unit_of(ln.text) or _PREAMBLE.match(norm(ln.text)):
                    break
                title_parts.append(ln.text)
                if is_title(ln.text):
                    break
        unit = next((u for ln in region[label_idx:] for u in [unit_of(ln.text)] if u), None)
        return label, join_cjk(" ".join(title_parts)) or None, unit, label_idx
    title_idx = None
    for i in range(len(region) - 1, max(-1, len(region) - 7), -1):
        t = region[i].text
        if is_title(t):
            title_idx = i
            break
        if not (unit_of(t) or _PREAMBLE.match(norm(t)) or len(norm(t)) <= 40 and not re.search(r"[。；]$", t)):
            break
    if title_idx is not None:
        start = title_idx
        while start > 0:
            prev, cur = region[start - 1], region[start]
            if (
                cur.top - prev.bottom < 0.8 * cur.size and abs(prev.size - cur.size) < 0.6
                and len(norm(prev.text)) <= 40 and not re.search(r"[。；：:，,]$", prev.text)
                and not table_label(prev.text)
            ):
                start -= 1
            else:
                break
        title = join_cjk(" ".join(ln.text for ln in region[start: title_idx + 1]))
        unit = next((u for ln in region[start:] for u in [unit_of(ln.text)] if u), None)
        return None, title, unit, start
    tail = len(region)
    for i in range(len(region) - 1, max(-1, len(region) - 4), -1):
        if unit_of(region[i].text):
            return None, None, unit_of(region[i].text), i
    return None, None, None, tail


def _caption(text: str) -> bool:
    """A label, title or unit line: the start of the next table, never part of a 备注."""
    return bool(table_label(text) or is_title(text) or (unit_of(text) and len(norm(text)) <= 30))


def _note(below: list[_PLine]) -> tuple[str | None, int]:
    """(备注 text, number of lines it takes) from the lines under a table."""
    if not below or not _NOTE.match(below[0].text):
        return None, 0
    n = 1
    while (
        n < len(below) and n < 4 and below[n].top - below[n - 1].bottom < 0.6 * below[n].size
        and not _NOTE.match(below[n].text) and not _caption(below[n].text)
    ):
        n += 1
    return join_cjk("".join(ln.text for ln in below[:n])), n


# -- bounded reading: parsing under the time budget, huge pages in bands --------------------


@functools.cache
def _budgeted_device() -> type:
    """pdfplumber's page device, looking at the time budget every CHECK_EVERY characters/rules."""
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    class BudgetedDevice(PDFPageAggregatorWithMarkedContent):  # type: ignore[misc]
        budget: Budget

        def _tick(self) -> None:
            self.budget.page_objects += 1
            if self.budget.page_objects % CHECK_EVERY == 0:
                self.budget.check()

        def render_char(self, *args: Any, **kwargs: Any) -> float:
            self._tick()
            return super().render_char(*args, **kwargs)  # type: ignore[no-any-return]

        def paint_path(self, *args: Any, **kwargs: Any) -> None:
            self._tick()
            super().paint_path(*args, **kwargs)

    return BudgetedDevice


@functools.cache
def _warn_unbounded() -> None:
    log.warning("this pdfplumber cannot parse pages under the time budget; pages are read unbounded")


def _parse_within(page: Any, budget: Budget) -> None:
    """Parse the page's content and objects as pdfplumber does, stopping when the budget runs out.

    pdfplumber parses a page in one uninterruptible step when ``page.chars`` is
    first read (half a minute for a page of 5,000 table rows); here the same two
    steps (pdfminer's content interpretation, then the layout items turned into
    object dicts) look at the clock as they go, and leave their results where
    pdfplumber keeps them (``_layout``, ``_objects``).
    """
    if hasattr(page, "_objects"):
        return
    try:
        from pdfminer.pdfinterp import PDFPageInterpreter

        device_class = _budgeted_device()
        iter_objects = page.iter_layout_objects
    except (ImportError, AttributeError):  # a pdfplumber without these parts: its own, unbounded parse
        _warn_unbounded()
        return
    if not hasattr(page, "_layout"):
        device = device_class(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
        device.budget = budget
        PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
        page._layout = device.get_result()
    objects: dict[str, list[dict[str, Any]]] = {}
    for n, obj in enumerate(iter_objects(page._layout._objs), start=1):
        if n % CHECK_EVERY == 0:
            budget.check()
        if obj["object_type"] != "anno":
            objects.setdefault(obj["object_type"], []).append(obj)
    page._objects = objects


def _row_rules(page: Any) -> list[float]:
    """The y of each horizontal rule that spans (nearly) the widest ruled width on the page."""
    cover: dict[float, float] = {}
    for e in page.horizontal_edges:
        if e["x1"] - e["x0"] > 3:
            y = round(e["top"], 1)
            cover[y] = cover.get(y, 0.0) + e["x1"] - e["x0"]
    widest = max(cover.values(), default=0.0)
    return sorted(y for y, w in cover.items() if w >= 0.8 * widest)


class _Joined:
    """Tables found in consecutive bands of a huge page, read as one (what ``_read_page`` uses of a table)."""

    def __init__(self, table: Any) -> None:
        self.parts = [table]
        self.bbox = tuple(table.bbox)
        self.columns = table.columns
        self._edges = _column_edges(table)

    def takes(self, table: Any, bbox: tuple[float, float, float, float]) -> bool:
        edges = _column_edges(table)
        return abs(bbox[1] - self.bbox[3]) <= 2 and len(edges) == len(self._edges) and all(
            abs(a - b) <= 1.5 for a, b in zip(edges, self._edges))

    def add(self, table: Any, bbox: tuple[float, float, float, float]) -> None:
        self.parts.append(table)
        x0, top, x1, _ = self.bbox
        self.bbox = (min(x0, bbox[0]), top, max(x1, bbox[2]), bbox[3])

    @property
    def rows(self) -> list[Any]:
        return [r for t in self.parts for r in t.rows]

    @property
    def cells(self) -> list[Any]:
        return [c for t in self.parts for c in t.cells]


def _column_edges(table: Any) -> list[float]:
    cols = table.columns
    return [c.bbox[0] for c in cols] + [cols[-1].bbox[2]] if cols else []


def _huge(page: Any, chars: list[dict[str, Any]]) -> bool:
    return len(chars) > HUGE_CHARS or len(_row_rules(page)) > HUGE_RULES


def _find_tables_banded(page: Any, lines: list[_PLine], budget: Budget | None) -> list[Any]:
    """Tables of a huge page, found band by band (BAND_ROWS rows each) and joined again.

    pdfplumber's cell finding grows with the square of the intersections on a
    page (about ten minutes for one page of 5,000 ruled rows); bands cut at full-width
    row rules (or between text lines when there are none) keep each search small,
    and the time budget is looked at between bands.
    """
    rules = _row_rules(page)
    if len(rules) >= 2:
        cuts = rules[BAND_ROWS::BAND_ROWS]
    else:
        cuts = [(lines[k - 1].bottom + lines[k].top) / 2 for k in range(BAND_ROWS, len(lines), BAND_ROWS)]
    top, bottom = page.bbox[1], page.bbox[3]
    bounds = [top, *[c for c in cuts if top < c < bottom], bottom]
    joined: list[_Joined] = []
    for (a, b), band in zip(zip(bounds, bounds[1:]), _band_pages(page, bounds)):
        if budget is not None:
            budget.check()
        band_lines = [ln for ln in lines if a <= (ln.top + ln.bottom) / 2 <= b]
        for t in sorted(_find_tables(band, band_lines), key=lambda t: t.bbox[1]):
            bbox = tuple(t.bbox)
            if joined and joined[-1].takes(t, bbox):
                joined[-1].add(t, bbox)
            else:
                joined.append(_Joined(t))
    return joined


def _band_pages(page: Any, bounds: list[float]) -> list[Any]:
    """The page cut into horizontal bands between ``bounds`` (each padded by half a point).

    ``page.crop`` copies every object of the page for each crop (minutes and
    gigabytes for a hundred bands of a 170,000-character page); here each object
    is put into the bands it touches in one pass, copied (clipped) only where it
    crosses a band's edge, as the rules of the table's columns do.
    """
    from pdfplumber.page import CroppedPage
    from pdfplumber.utils.geometry import clip_obj

    x0, top, x1, bottom = page.bbox
    boxes = [(x0, max(top, a - 0.5), x1, min(bottom, b + 0.5)) for a, b in zip(bounds, bounds[1:])]
    last = len(boxes) - 1
    kinds = list(page.objects)
    parts: list[dict[str, list[dict[str, Any]]]] = [{k: [] for k in kinds} for _ in boxes]
    for kind, objs in page.objects.items():
        for o in objs:
            lo = max(0, bisect.bisect_left(bounds, o["top"] - 0.5) - 1)
            hi = min(last, bisect.bisect_right(bounds, o["bottom"] + 0.5) - 1)
            for k in range(lo, hi + 1):
                bx0, btop, bx1, bbottom = boxes[k]
                if btop <= o["top"] and o["bottom"] <= bbottom:
                    parts[k][kind].append(o)
                else:
                    clipped = clip_obj(o, boxes[k])
                    if clipped is not None:
                        parts[k][kind].append(clipped)
    pages = []
    for box, objects in zip(boxes, parts):
        band = CroppedPage(page, box)
        band._objects = objects
        pages.append(band)
    return pages


# -- the page loop ------------------------------------------------------------------------


def _read_page(page: Any, number: int, budget: Budget | None = None) -> tuple[list[RawTable], list[_PLine], list[_PLine]]:
    """Tables and narrative lines of one page (plus all its lines for the head).

    With a ``budget``, the page is parsed under it (:func:`_parse_within`) and it is
    looked at between stages; a huge page has its tables found in bands.
    """
    if budget is not None:
        _parse_within(page, budget)
    chars = [c for c in page.chars if c["text"]]
    for c in chars:
        c["text"] = fix_radicals(c["text"])
        _fix_box(c)
    all_lines = _page_lines(chars)
    if budget is not None:
        budget.check()
    if _huge(page, chars):
        tables = _find_tables_banded(page, all_lines, budget)
    else:
        tables = sorted(_find_tables(page, all_lines), key=lambda t: t.bbox[1])
    if budget is not None:
        budget.check()
    boxes = [t.bbox for t in tables]
    within = _CharIndex(chars)
    inside = {id(c) for box in boxes for c in within(box)}
    outside = [c for c in chars if id(c) not in inside] if boxes else chars
    lines = _page_lines(outside) if boxes else all_lines
    consumed: set[int] = set()
    raws: list[RawTable] = []
    prev_bottom = -1.0
    for k, t in enumerate(tables):
        x0, top, x1, bottom = box = boxes[k]  # a pdfplumber Table computes its bbox anew on each read
        next_top = boxes[k + 1][1] if k + 1 < len(tables) else float("inf")
        above = [i for i, ln in enumerate(lines) if ln.bottom <= top + 1 and ln.top >= prev_bottom - 1 and i not in consumed]
        label, title, unit, first = _preamble([lines[i] for i in above])
        consumed.update(above[first:])
        below = [i for i, ln in enumerate(lines) if ln.top >= bottom - 1 and ln.bottom <= next_top + 1]
        note, n = _note([lines[i] for i in below])
        consumed.update(below[:n])
        grid = _grid(t, within(box))
        if budget is not None:
            budget.check()
        raws.append(
            RawTable(
                grid=grid,
                page=number,
                row_pages=[number] * len(grid),
                label=label,
                title=title,
                unit=unit,
                note=note,
                col_x=_col_x(t),
            )
        )
        prev_bottom = bottom
    beside = [i for i, ln in enumerate(lines) if _PAGE_NO.match(ln.text) and any(
        b[1] - 1 <= (ln.top + ln.bottom) / 2 <= b[3] + 1 for b in boxes)]
    consumed.update(beside)  # a page number on the same line as a table row's figures
    narrative = [ln for i, ln in enumerate(lines) if i not in consumed]
    return raws, narrative, all_lines


class _CharIndex:
    """The characters inside a box (as :func:`_inside` tells), by their middle's height.

    Sorted once per page, so finding each table's characters costs a bisection and
    its own rows, not a pass over the page (which a page of many tables would pay
    once per table).
    """

    def __init__(self, chars: list[dict[str, Any]]) -> None:
        self.chars = sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2)
        self.mids = [(c["top"] + c["bottom"]) / 2 for c in self.chars]

    def __call__(self, box: tuple[float, float, float, float]) -> list[dict[str, Any]]:
        x0, top, x1, bottom = box
        lo, hi = bisect.bisect_left(self.mids, top - 1), bisect.bisect_right(self.mids, bottom + 1)
        return [c for c in self.chars[lo:hi] if x0 - 1 <= (c["x0"] + c["x1"]) / 2 <= x1 + 1]


def _carry_labels(raws: list[RawTable], pages: list[tuple[float, list[_PLine]]]) -> None:
    """A label printed alone at the foot of a page ("公开04表") names the table that
    opens the next page; it moves onto that table and out of the narrative."""
    first: dict[int, RawTable] = {}
    for raw in raws:
        if raw.page is not None:
            first.setdefault(raw.page, raw)
    for number, raw in first.items():
        if raw.label or number < 2 or number - 2 >= len(pages):
            continue
        lines = pages[number - 2][1]
        k = len(lines) - 1
        while k >= 0 and _PAGE_NO.match(lines[k].text):
            k -= 1
        found = table_label(lines[k].text) if k >= 0 else None
        if found and not found[1]:
            raw.label = found[0]
            del lines[k]


def _drop_running(pages: list[tuple[float, list[_PLine]]]) -> list[list[_PLine]]:
    """Remove page numbers and lines repeated at the top/bottom of many pages."""
    def edge(ln: _PLine, height: float) -> bool:
        return ln.top < 0.08 * height or ln.bottom > 0.92 * height

    sig = Counter(
        re.sub(r"\d+", "#", norm(ln.text))
        for height, lines in pages
        for ln in {re.sub(r"\d+", "#", norm(x.text)): x for x in lines if edge(x, height)}.values()
    )
    repeated = {s for s, n in sig.items() if n >= max(3, len(pages) // 2)}
    out = []
    for height, lines in pages:
        keep = []
        for ln in lines:
            if edge(ln, height) and (_PAGE_NO.match(ln.text) or re.sub(r"\d+", "#", norm(ln.text)) in repeated):
                continue
            keep.append(ln)
        out.append(keep)
    return out


def extract_pdf(path: pathlib.Path, progress: ProgressCallback | None = None,
                budget: Budget | None = None) -> Extracted:
    """Tables and narrative of a budget-disclosure PDF.

    Raises EmptyFile, NotAPDF, CorruptPDF, EncryptedPDF or ScannedPDF, and
    LimitExceeded when the page count or the ``budget``'s time runs over
    (default: the default limits, :class:`~ingest.limits.Limits`).
    """
    path = pathlib.Path(path)
    budget = budget or Budget(path.name)
    pdf = _open(path)
    raws: list[RawTable] = []
    page_lines: list[tuple[float, list[_PLine]]] = []
    head: list[str] = []
    has_text = False
    with pdf:
        total = len(pdf.pages)
        budget.check_pages(total)
        emit(progress, Progress(stage="open", done=0, total=total, message=path.name))
        for number, page in enumerate(pdf.pages, start=1):
            if not has_text and number > SCAN_PAGES:
                break  # a scan: no need to look through the rest of it
            budget.start_page(number)
            try:
                page_raws, narrative, all_lines = _read_page(page, number, budget)
                budget.end_page()
            except BudgetQAError:
                raise
            except Exception as e:
                raise CorruptPDF(f"{path.name} page {number} cannot be read ({type(e).__name__}); get a fresh copy") from e
            finally:
                page.close()
            has_text = has_text or bool(all_lines)
            if number == 1:
                head = [ln.text for ln in all_lines[:HEAD_LINES]]
            raws += page_raws
            page_lines.append((float(page.height), narrative))
            emit(
                progress,
                Progress(stage="page", done=number, total=total, tables=len(raws), rows=sum(len(r.grid) for r in raws)),
            )
    if not has_text:
        raise ScannedPDF(f"{path.name} has no text layer (scanned pages); run OCR on it first and ingest the result")
    budget.check()
    _carry_labels(raws, page_lines)
    contents = contents_numbers([ln.text for _, kept in page_lines for ln in kept])
    tables = assemble_tables(raws, contents=contents)
    emit(progress, Progress(stage="tables", done=total, total=total, tables=len(tables), rows=sum(len(t.rows) for t in tables)))
    lines = [
        TextLine(text=ln.text, page=i, size=ln.size, bold=ln.bold, x0=ln.x0, x1=ln.x1)
        for i, kept in enumerate(_drop_running(page_lines), start=1)
        for ln in kept
    ]
    return Extracted(tables=tables, lines=lines, pages=total, head_lines=head)
