"""Render a cited PDF page as an image, with the cited row or passage highlighted.

The page is drawn with pypdfium2; the words to mark are found with pdfplumber
(both in PDF points, origin at the top left), then a translucent rectangle is
drawn over them with PIL:

* a table row: the word that is the row's code (or the row name), widened to
  every word on the same line, so the whole printed row is marked; when the
  value stands on another line (a one-row table such as 表四 under its column
  headers), the value and the name are marked each on their own;
* a narrative passage: the characters of the quote, line by line.

Nothing is marked when nothing is found; the page is still shown.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw

from ingest.model import parse_amount

__all__ = ["Box", "crop_to_boxes", "find_highlights", "png_bytes", "render_page"]

HIGHLIGHT_FILL = (255, 214, 0, 90)  # translucent yellow
HIGHLIGHT_EDGE = (230, 120, 0, 230)
DEFAULT_SCALE = 1.6  # 1 point -> 1.6 px: a 595 pt A4 page is ~950 px wide

_SPACE = re.compile(r"\s+")
# PDFium may not be called from two threads at once, not even for two documents
# (pypdfium2's documentation): every call into it holds this lock
_PDFIUM_LOCK = threading.Lock()


@dataclass(frozen=True)
class Box:
    """A rectangle on a page, in PDF points from the top left."""

    x0: float
    top: float
    x1: float
    bottom: float

    def union(self, other: Box) -> Box:
        return Box(min(self.x0, other.x0), min(self.top, other.top),
                   max(self.x1, other.x1), max(self.bottom, other.bottom))

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top


def _box(obj: dict) -> Box:
    return Box(float(obj["x0"]), float(obj["top"]), float(obj["x1"]), float(obj["bottom"]))


def _squash(text: str | None) -> str:
    return _SPACE.sub("", text or "")


# -- finding what to mark -----------------------------------------------------------


def find_highlights(
    pdf_path: str | Path,
    page: int,
    *,
    code: str | None = None,
    row: str | None = None,
    values: Iterable[Decimal] = (),
    quote: str | None = None,
) -> list[Box]:
    """Boxes (PDF points) to mark on ``page`` (1-based) for a row or a quoted passage.

    ``code``/``row``/``values`` describe a table row; ``quote`` a narrative passage.
    Returns ``[]`` when the page has no text layer, is rotated, or nothing matches.
    """
    words, chars = _page_text(str(pdf_path), page)
    if not words:
        return []
    values = [v for v in values if v is not None]
    if code or row:
        boxes = _row_boxes(words, chars, code=code, row=row, values=values)
        if boxes:
            return boxes
    if quote:
        boxes = _quote_boxes(chars, quote)
        if boxes:
            return boxes
    if values:  # a figure without a row we could find: mark the value itself
        return [_box(w) for w in words if _amount(w["text"]) in values][:1]
    return []


@lru_cache(maxsize=32)
def _page_text(pdf_path: str, page: int) -> tuple[tuple[dict, ...], tuple[dict, ...]]:
    import pdfplumber

    try:
        with pdfplumber.open(pdf_path) as pdf:
            if not 1 <= page <= len(pdf.pages):
                return (), ()
            p = pdf.pages[page - 1]
            if int(getattr(p, "rotation", 0) or 0) % 360:
                return (), ()  # pdfplumber's coordinates would not match the rendered page
            words = p.extract_words(keep_blank_chars=False, use_text_flow=False)
            chars = [c for c in p.chars if c.get("text", "").strip()]
    except Exception:  # a damaged page must not break the answer
        return (), ()
    keep = ("text", "x0", "x1", "top", "bottom")
    return (tuple({k: w[k] for k in keep} for w in words),
            tuple({k: c[k] for k in keep} for c in chars))


def _amount(text: str) -> Decimal | None:
    try:
        return parse_amount(text)
    except Exception:
        return None


def _line_of(words: Sequence[dict], band: Box, slack: float = 2.0) -> list[dict]:
    """Words whose vertical middle lies within ``band`` (widened by ``slack``)."""
    lo, hi = band.top - slack, band.bottom + slack
    return [w for w in words if lo <= (float(w["top"]) + float(w["bottom"])) / 2 <= hi]


def _row_boxes(words, chars, *, code, row, values) -> list[Box]:
    anchors: list[Box] = []
    if code:
        anchors = [_box(w) for w in words if w["text"].strip() == code]
    name_hits = _text_hits(chars, row) if row else []
    if not anchors:
        anchors = [b for hit in name_hits for b in hit]
    if not anchors:
        return []

    best: tuple[int, list[Box]] | None = None
    for anchor in anchors:
        band = anchor
        # a wrapped row name (机关事业单位基本养老保险缴费支 / 出) stands just above or
        # below the code: widen the band to take it in
        for hit in name_hits:
            for b in hit:
                if abs(b.middle - anchor.middle) <= 2.5 * max(anchor.height, 1.0):
                    band = band.union(b)
        line = _line_of(words, band)
        row_box = band
        for w in line:
            row_box = row_box.union(_box(w))
        has_value = any(_amount(w["text"]) in values for w in line) if values else False
        score = (2 if has_value else 0) + (1 if code else 0)
        if best is None or score > best[0]:
            best = (score, [row_box])
    assert best is not None
    score, boxes = best
    if values and score < 2:
        # the value stands on another line (a one-row table under its headers):
        # mark the name and the value each on its own
        anchor = anchors[0]
        value_boxes = [_box(w) for w in words if _amount(w["text"]) in values]
        if value_boxes:
            value_boxes.sort(key=lambda b: (abs(b.x0 - anchor.x0) + abs(b.top - anchor.top)))
            return [anchor, value_boxes[0]]
    return boxes


def _text_hits(chars: Sequence[dict], text: str | None) -> list[list[Box]]:
    """Every place ``text`` (spaces ignored) is printed, as one box per printed line."""
    needle = _squash(text)
    if not needle:
        return []
    stream = "".join(c["text"] for c in chars)
    hits = []
    start = stream.find(needle)
    while start >= 0:
        hits.append(_line_boxes(chars[start:start + len(needle)]))
        start = stream.find(needle, start + 1)
    return hits


def _line_boxes(chars: Sequence[dict]) -> list[Box]:
    """Group characters into printed lines; one box per line."""
    lines: list[Box] = []
    for c in chars:
        b = _box(c)
        if lines and abs(lines[-1].middle - b.middle) <= max(b.height, 1.0) * 0.6:
            lines[-1] = lines[-1].union(b)
        else:
            lines.append(b)
    return lines


def _quote_boxes(chars: Sequence[dict], quote: str) -> list[Box]:
    q = _squash(quote).strip("…").strip("...")
    if not q:
        return []
    hits = _text_hits(chars, q)
    if hits:
        return hits[0]
    # the quote may be shortened or run onto the next page: mark its longest printed piece
    stream = "".join(c["text"] for c in chars)
    for size in (60, 40, 24, 12):
        if len(q) < size:
            continue
        for piece in (q[:size], q[-size:]):
            at = stream.find(piece)
            if at >= 0:
                end = at + size
                # extend the match as far as the quote keeps agreeing with the page
                i = q.find(piece) + size
                while end < len(stream) and i < len(q) and stream[end] == q[i]:
                    end += 1
                    i += 1
                return _line_boxes(chars[at:end])
    return []


# -- drawing ----------------------------------------------------------------------


def render_page(
    pdf_path: str | Path,
    page: int,
    boxes: Sequence[Box] = (),
    *,
    scale: float = DEFAULT_SCALE,
    pad: float = 2.0,
) -> Image.Image:
    """The page (1-based) as an RGB image, with ``boxes`` (PDF points) highlighted."""
    import pypdfium2 as pdfium

    with _PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(str(pdf_path))
        try:
            if not 1 <= page <= len(pdf):
                raise ValueError(f"page {page} is not in {Path(pdf_path).name} ({len(pdf)} pages)")
            bitmap = pdf[page - 1].render(scale=scale)
            image = bitmap.to_pil().convert("RGBA")
            bitmap.close()
        finally:
            pdf.close()
    if boxes:
        overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(overlay)
        for b in boxes:
            rect = ((b.x0 - pad) * scale, (b.top - pad) * scale,
                    (b.x1 + pad) * scale, (b.bottom + pad) * scale)
            draw.rectangle(rect, fill=HIGHLIGHT_FILL, outline=HIGHLIGHT_EDGE,
                           width=max(1, round(scale)))
        image = Image.alpha_composite(image, overlay)
    return image.convert("RGB")


def crop_to_boxes(image: Image.Image, boxes: Sequence[Box], *, scale: float = DEFAULT_SCALE,
                  margin: float = 120.0, min_width: float = 320.0) -> Image.Image:
    """The part of a rendered page around ``boxes``: ``margin`` points on every side and at
    least ``min_width`` points wide, so the marked row is legible on a phone. The whole
    image when there are no boxes or the part would be most of the page."""
    if not boxes:
        return image
    x0 = min(b.x0 for b in boxes) - margin
    x1 = max(b.x1 for b in boxes) + margin
    if x1 - x0 < min_width:
        grow = (min_width - (x1 - x0)) / 2
        x0, x1 = x0 - grow, x1 + grow
    width = image.width / scale
    if x1 > width:  # slide the window back onto the page rather than narrow it
        x0, x1 = x0 - (x1 - width), width
    if x0 < 0:
        x0, x1 = 0, x1 - x0
    left, right = max(0, int(x0 * scale)), min(image.width, int(x1 * scale))
    top = max(0, int((min(b.top for b in boxes) - margin) * scale))
    bottom = min(image.height, int((max(b.bottom for b in boxes) + margin) * scale))
    if (right - left) * (bottom - top) >= 0.8 * image.width * image.height:
        return image
    return image.crop((left, top, right, bottom))


def png_bytes(image: Image.Image) -> bytes:
    """The image as PNG file bytes."""
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return buf.getvalue()
