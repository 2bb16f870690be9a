"""Narrative sections of a disclosure: paragraphs, the heading tree and retrieval chunks.

The 情况说明 part of a 部门预算/部门决算 disclosure is numbered the way the genre
prints it::

    第一部分 …            level 0 (some templates only)
    一、部门收支总体情况   level 1
    （一）收入预算        level 2, often inline: "(一) 收入预算：2024 年年初预算数 …"
    1. …                 level 3, a heading only when short and heading-like
    （1）… / ①…          levels 4 and 5, same rule as level 3

:func:`build_sections` joins the wrapped lines of the PDF back into paragraphs
(across page breaks too, "…推动重 | 大技术改造…"), finds the headings and
returns one :class:`Section` per heading with its heading path and the page of
its heading. Standalone label lines such as "部门预算公开联系人：刘娟" become small
sections of their own. :func:`top_level_sections` folds the fine sections back
into their top-level parent (the shape of the truth files), and
:func:`chunk_sections` cuts sections into retrieval chunks that never cut a
sentence.
"""

from __future__ import annotations

import logging
import re
import statistics
import unicodedata
from dataclasses import dataclass, field

from ingest.model import Section, TextLine

__all__ = ["build_sections", "chunk_sections", "split_sentences", "top_level_sections"]

log = logging.getLogger(__name__)

_CN = "一二三四五六七八九十百零〇"
_MARKERS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (0, re.compile(rf"^第[{_CN}\d]+(?:部分|章|篇)")),
    (1, re.compile(rf"^[{_CN}]+\s*[、．.]")),
    (2, re.compile(rf"^[（(]\s*[{_CN}]+\s*[)）]")),
    (3, re.compile(r"^\d{1,2}\s*[、．.](?!\d)")),
    (4, re.compile(r"^[（(]\s*\d{1,2}\s*[)）]")),
    (5, re.compile(r"^[①-⑳]")),
)
_SENTENCE_END = set("。！？；!?;")
_PARAGRAPH_END = _SENTENCE_END | set("：:")
_CLOSERS = "”’\"」』）)】"
_NO_HEADING_END = _SENTENCE_END | set("，,、")
_LABEL = re.compile(r"^(?P<label>[^\s：:，,。；;！？!?、]{2,12})\s*[：:]\s*(?P<value>\S.*)$")
_NOT_LABELS = {"其中", "注", "备注", "说明", "单位", "金额单位", "附件", "附表"}
_CONTACT = re.compile(r"联系人|联系方式|联系电话|电话|地址|邮编|邮政编码|传真|邮箱|电子邮件|网址|咨询")
_TOC_LINE = re.compile(r"(?:[.…·．_]{3,}|\s{2,})\s*\d{1,3}\s*$")
_PAGE_NUMBER = re.compile(r"^(?:[-—–\s]*\d{1,3}[-—–\s]*|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?)$")
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_SPACED = re.compile(rf"[{_CJK}] [0-9A-Za-z]|[0-9A-Za-z] [{_CJK}]")
_TIGHT = re.compile(rf"[{_CJK}][0-9A-Za-z]|[0-9A-Za-z][{_CJK}]")
_INLINE_LABEL_MAX = 20


# -- lines -------------------------------------------------------------------


def marker_level(text: str) -> int | None:
    """The heading level a line's leading marker stands for, or None."""
    for level, pattern in _MARKERS:
        if pattern.match(text):
            return level
    return None


def _em_width(text: str) -> float:
    """Printed width of ``text`` in em, from character classes (CJK 1, digits 0.55, space 0.25)."""
    width = 0.0
    for ch in text:
        if ch == " ":
            width += 0.25
        elif ch.isascii():
            width += 0.55 if ch.isalnum() else 0.35
        elif unicodedata.east_asian_width(ch) in "WFA":
            width += 1.0
        else:
            width += 0.6
    return width


def _ends_with(text: str, chars: set[str]) -> bool:
    stripped = text.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in chars


def _clean(text: str) -> str:
    """Strip Markdown emphasis/heading marks and outer whitespace from one line."""
    t = text.strip()
    t = re.sub(r"^#{1,6}\s+", "", t)
    if t.startswith("**") and t.endswith("**") and len(t) > 4:
        t = t[2:-2].strip()
    return t


def _label(text: str) -> str | None:
    """The label of a standalone "标签：值" line (联系方式：023-…), or None."""
    if marker_level(text) is not None or _em_width(text) > 40:
        return None
    m = _LABEL.match(text)
    if not m or m.group("label") in _NOT_LABELS or _ends_with(text, _SENTENCE_END):
        return None
    return m.group("label")


@dataclass
class _Layout:
    """What the lines say about the page: full line width and the joining style.

    With line extents (``x0``/``x1`` on the lines, in points) the right margin and the
    first-line indent are measured; without them the width of a line is estimated
    from its characters, allowing for the stretch that justification gives spaces.
    """

    has_layout: bool
    measured: bool
    full: float  # right margin (measured) or full line width (estimated)
    left: float  # left margin (measured only)
    em: float  # body font size (1 when no sizes are known)
    body_size: float | None
    spaced: bool  # CJK and digits separated by a space ("2024 年")

    def width(self, line: TextLine) -> float:
        if self.measured:
            return float(getattr(line, "x1"))
        return _em_width(line.text) * (line.size or self.body_size or 1.0)

    def is_short(self, line: TextLine, first: bool) -> bool:
        """Whether the line stops noticeably before the right margin."""
        if self.measured:
            return self.width(line) < self.full - 0.8 * self.em
        indent = 2.0 * self.em if first else 0.0
        stretch = 0.75 * self.em * line.text.count(" ")
        return self.width(line) + stretch < self.full - indent - 1.5 * self.em

    def indented(self, line: TextLine) -> bool:
        """Whether the line starts right of the left margin (a first line), when measured."""
        return self.measured and float(getattr(line, "x0")) > self.left + 1.0 * self.em


def _layout(lines: list[TextLine]) -> _Layout:
    sizes = [round(ln.size, 1) for ln in lines if ln.size]
    body = statistics.mode(sizes) if sizes else None
    em = body or 1.0
    body_lines = [ln for ln in lines if not body or not ln.size or abs(ln.size - body) <= 0.6]
    measured = bool(body_lines) and all(
        getattr(ln, "x0", None) is not None and getattr(ln, "x1", None) is not None for ln in lines)
    if measured:
        widths = [float(getattr(ln, "x1")) for ln in body_lines]
        left = min(float(getattr(ln, "x0")) for ln in body_lines)
    else:
        widths = [_em_width(ln.text) * (ln.size or em) for ln in body_lines] or [0.0]
        left = 0.0
    top = max(widths)
    full = statistics.median([w for w in widths if w >= 0.85 * top])
    text = "\n".join(ln.text for ln in lines)
    spaced = len(_SPACED.findall(text)) > len(_TIGHT.findall(text))
    return _Layout(any(ln.page is not None for ln in lines), measured, full, left, em, body, spaced)


_RUN = "0-9A-Za-z.,%"


def _join(a: str, b: str, spaced: bool) -> str:
    """Join a wrapped line to the next: no space between CJK, one between words.

    Between CJK and a number the writer's own spacing decides: "拨款 | 5615.72 万元"
    joins with a space (the number is spaced on its other side), "编制35 | 名" without.
    """
    if not a or not b:
        return a + b
    x, y = a[-1], b[0]
    if x.isascii() and x.isalpha() and y.isascii() and y.isalpha():
        return f"{a} {b}"
    cjk = re.compile(rf"[{_CJK}]")
    if cjk.match(x) and y.isascii() and y.isalnum():
        m = re.match(rf"[{_RUN}]+", b)
        other = b[m.end(): m.end() + 1] if m else ""
    elif cjk.match(y) and x.isascii() and x.isalnum():
        m = re.search(rf"[{_RUN}]+$", a)
        other = a[m.start() - 1] if m and m.start() > 0 else ""
    else:
        return a + b
    if other == " ":
        return f"{a} {b}"
    if other and cjk.match(other):
        return a + b
    return f"{a} {b}" if spaced else a + b


# -- paragraphs ----------------------------------------------------------------


@dataclass
class _Para:
    text: str
    page: int | None
    kind: str  # heading | label | body
    level: int | None = None  # marker level of its first line
    heading: str | None = None


def _is_heading_line(line: TextLine, level: int | None, lay: _Layout, first: bool) -> bool:
    """A line that is a heading by itself: a marker, short, not a sentence."""
    if level is None:
        return False
    text = line.text
    if _ends_with(text, _NO_HEADING_END):
        return False
    if lay.has_layout and not lay.is_short(line, first):
        return False
    limit = 40 if level <= 2 else 25
    return _em_width(text) <= limit or (line.bold and level <= 2)


def _paragraphs(lines: list[TextLine], lay: _Layout) -> list[_Para]:
    paras: list[_Para] = []
    cur: list[TextLine] = []

    def close() -> None:
        nonlocal cur
        if cur:
            text = cur[0].text
            for ln in cur[1:]:
                text = _join(text, ln.text, lay.spaced)
            paras.append(_Para(text, cur[0].page, "body", marker_level(cur[0].text)))
        cur = []

    for ln in lines:
        level = marker_level(ln.text)
        if cur and _breaks(cur[-1], ln, level, len(cur) == 1, lay):
            close()
        if not cur:
            if _is_heading_line(ln, level, lay, True):
                paras.append(_Para(ln.text, ln.page, "heading", level, ln.text.rstrip("：: ")))
                continue
            label = _label(ln.text)
            if label and (not lay.has_layout or lay.is_short(ln, True)):
                paras.append(_Para(ln.text, ln.page, "label", None, label))
                continue
        cur.append(ln)
    close()
    return paras


def _breaks(prev: TextLine, line: TextLine, level: int | None, first: bool, lay: _Layout) -> bool:
    """Whether ``line`` starts a new paragraph after ``prev``."""
    ends = _ends_with(prev.text, _PARAGRAPH_END)
    if prev.size and line.size and abs(prev.size - line.size) > 1.0:
        return True
    if level is not None:
        # numbered items start paragraphs, unless a full line ran into "1.5" style text
        if level >= 3 and lay.has_layout and not ends and not lay.is_short(prev, first):
            return False
        return True
    if not lay.has_layout:
        return ends
    if lay.indented(line):
        return True
    short = lay.is_short(prev, first)
    if ends and short:
        return True
    if short and prev.page is not None and line.page == prev.page:
        return True  # a short unfinished line mid-page ends a block (title, label, heading)
    return False


# -- the heading tree ------------------------------------------------------------


@dataclass
class _Node:
    heading: str
    level: float
    page: int | None
    paras: list[str] = field(default_factory=list)
    pages: list[int | None] = field(default_factory=list)  # page each paragraph starts on
    children: list[_Node] = field(default_factory=list)
    label: str | None = None  # "contact" | "label" for label sections


def _inline_heading(text: str, level: int, fallback: bool) -> str | None:
    """The heading an inline item starts with: "(一) 收入预算：…" -> "(一) 收入预算"."""
    m = _MARKERS[level][1].match(text)
    if not m:
        return None
    rest = text[m.end():]
    stop = re.search(r"[：:。]", rest)
    if stop and stop.start() <= _INLINE_LABEL_MAX and not re.search(r"[，,；;]", rest[: stop.start()]):
        heading = text[: m.end() + stop.start()].rstrip()
        if heading.strip() != text[: m.end()].strip():
            return heading
    if not fallback:
        return None
    clause = re.split(r"[，,；;。：:]", rest, maxsplit=1)[0]
    return (text[: m.end()] + clause[:_INLINE_LABEL_MAX]).rstrip()


def _decide_runs(paras: list[_Para]) -> set[int]:
    """Indices of level-3+ items that are headings: a run of siblings where every item is a
    short heading line or starts with a short inline label, and some item has body text."""
    heads: set[int] = set()
    runs: dict[int, list[int]] = {}

    def finish(level: int) -> None:
        run = runs.pop(level, [])
        if not run:
            return
        ok = all(paras[i].kind == "heading" or _inline_heading(paras[i].text, paras[i].level or 0, False)
                 for i in run)
        has_body = any(paras[i].kind == "body" or (i + 1 < len(paras) and paras[i + 1].kind == "body"
                                                    and paras[i + 1].level is None) for i in run)
        if ok and has_body:
            heads.update(run)

    for i, p in enumerate(paras):
        if p.level is None or p.kind == "label":
            continue
        for lv in [lv for lv in runs if lv > p.level]:
            finish(lv)
        if p.level >= 3:
            runs.setdefault(p.level, []).append(i)
    for lv in list(runs):
        finish(lv)
    return heads


def _is_title_like(text: str) -> bool:
    return _em_width(text) <= 60 and not any(c in _SENTENCE_END for c in text)


def _tree(paras: list[_Para]) -> list[_Node]:
    heads = _decide_runs(paras)
    levels = [p.level for p in paras if p.level is not None and (p.level <= 2)]
    top = float(min(levels)) if levels else 1.0
    root = _Node("", -1.0, None)
    stack = [root]
    for i, p in enumerate(paras):
        is_section = p.level is not None and p.kind != "label" and (p.level <= 2 or i in heads)
        if is_section:
            assert p.level is not None
            inline = p.kind != "heading"
            heading = p.heading if not inline else _inline_heading(p.text, p.level, True)
            node = _Node(heading or p.text, float(p.level), p.page)
            if inline:
                node.paras.append(p.text)
                node.pages.append(p.page)
            while stack[-1].level >= node.level:
                stack.pop()
        elif p.kind == "label":
            assert p.heading is not None
            contact = bool(_CONTACT.search(p.heading)) or len(stack) == 1
            if contact:
                if stack[-1].label == "contact" and stack[-1].level > top:
                    stack.pop()
                if stack[-1].label == "contact" and stack[-1].level == top:
                    level = top + 0.5
                else:
                    level = top
                    del stack[1:]
                node = _Node(p.heading, level, p.page, [p.text], [p.page], label="contact")
            else:
                while stack[-1].label == "label":
                    stack.pop()
                node = _Node(p.heading, stack[-1].level + 0.5, p.page, [p.text], [p.page], label="label")
        else:
            if len(stack) == 1:
                if _is_title_like(p.text):
                    log.debug("title line left out of the sections: %s", p.text)
                    continue
                node = _Node("前言", top, p.page)
                stack[-1].children.append(node)
                stack.append(node)
            stack[-1].paras.append(p.text)
            stack[-1].pages.append(p.page)
            continue
        stack[-1].children.append(node)
        stack.append(node)
    return _drop_toc_entries(root.children)


def _drop_toc_entries(nodes: list[_Node]) -> list[_Node]:
    """Drop empty top-level headings repeated later (a table of contents without leaders)."""
    keep = []
    for i, n in enumerate(nodes):
        later = {re.sub(r"\s+", "", m.heading) for m in nodes[i + 1:]}
        if not n.paras and not n.children and re.sub(r"\s+", "", n.heading) in later:
            log.debug("table-of-contents entry dropped: %s", n.heading)
            continue
        keep.append(n)
    return keep


def _flatten(nodes: list[_Node], path: list[str], out: list[Section]) -> None:
    for n in nodes:
        p = [*path, n.heading]
        sec = Section(n.heading, "\n".join(n.paras), n.page, p)
        sec.para_pages = list(n.pages)  # type: ignore[attr-defined]  # read by chunk_sections
        out.append(sec)
        _flatten(n.children, p, out)


def _usable(lines: list[TextLine]) -> list[TextLine]:
    out = []
    for ln in lines:
        text = _clean(ln.text)
        if not text or _PAGE_NUMBER.match(text) or _TOC_LINE.search(text) or re.fullmatch(r"目\s*录", text):
            continue
        if text != ln.text:
            clean = TextLine(text, ln.page, ln.size, ln.bold)
            for attr in ("x0", "x1"):  # optional line extents, kept when present
                if getattr(ln, attr, None) is not None:
                    setattr(clean, attr, getattr(ln, attr))
            ln = clean
        out.append(ln)
    return out


def build_sections(lines: list[TextLine]) -> list[Section]:
    """Fine-grained sections of the narrative, in reading order, each with its heading path."""
    usable = _usable(lines)
    if not usable:
        return []
    lay = _layout(usable)
    paras = _paragraphs(usable, lay)
    out: list[Section] = []
    _flatten(_tree(paras), [], out)
    log.debug("%d lines -> %d paragraphs -> %d sections", len(usable), len(paras), len(out))
    return out


def top_level_sections(sections: list[Section]) -> list[Section]:
    """Fold sub-sections back into their top-level parent, the shape of the truth files.

    A sub-section contributes its heading line (unless its text starts with it, as an
    inline "(一) 收入预算：…" does) followed by its text.
    """
    out: list[Section] = []
    parts: list[str] = []
    for s in sections:
        if len(s.path) <= 1 or not out:
            if out:
                out[-1].text = "\n".join(p for p in parts if p)
            out.append(Section(s.heading, "", s.page, [s.heading]))
            parts = [s.text]
            continue
        if s.text.startswith(s.heading):
            parts.append(s.text)
        else:
            parts.append(s.heading)
            parts.append(s.text)
    if out:
        out[-1].text = "\n".join(p for p in parts if p)
    return out


# chunking lives in ingest.chunks; imported here for the callers that read it from this module
from ingest.chunks import chunk_sections, split_sentences  # noqa: E402
