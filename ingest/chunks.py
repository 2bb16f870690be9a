"""Retrieval chunks of narrative sections, never cutting a sentence."""

from __future__ import annotations

import re

from ingest.model import Chunk, Section

__all__ = ["chunk_sections", "split_sentences"]

_SENTENCE = re.compile(r"[^。！？；!?;]*[。！？；!?;]+[”’\"」』）)】]*|[^。！？；!?;]+$")


# -- chunks --------------------------------------------------------------------


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph, each keeping its end mark and closing quotes."""
    return [m for m in _SENTENCE.findall(paragraph) if m.strip()]


def chunk_sections(sections: list[Section], doc_key: str, max_chars: int = 400,
                   overlap_sentences: int = 1) -> list[Chunk]:
    """Retrieval chunks of at most ``max_chars`` that never cut a sentence.

    Sentences end at 。！？； and at paragraph ends; a sentence longer than
    ``max_chars`` makes a chunk of its own. Consecutive chunks of a section
    share ``overlap_sentences`` sentences when that still fits.
    """
    chunks: list[Chunk] = []
    for si, sec in enumerate(sections):
        paras = sec.text.split("\n")
        pages = getattr(sec, "para_pages", None)
        if not pages or len(pages) != len(paras):
            pages = [sec.page] * len(paras)
        units: list[tuple[str, bool, int | None]] = []  # sentence, ends its paragraph, page
        for para, page in zip(paras, pages):
            sents = split_sentences(para.strip())
            units.extend((s, k == len(sents) - 1, page) for k, s in enumerate(sents))
        if not units:
            continue
        label = " > ".join(sec.path or [sec.heading])
        n = i = 0
        carry: list[tuple[str, bool, int | None]] = []
        while i < len(units):
            cur = list(carry)
            size = sum(len(u[0]) for u in cur)
            if cur and size + len(units[i][0]) > max_chars:
                cur, size = [], 0
            start = i
            while i < len(units) and (i == start or size + len(units[i][0]) <= max_chars):
                cur.append(units[i])
                size += len(units[i][0])
                i += 1
            text = "".join(s + ("\n" if end else "") for s, end, _ in cur).strip()
            page = next((u[2] for u in cur if u[2] is not None), sec.page)
            chunks.append(Chunk(f"{doc_key}:s{si}:c{n}", text, label, page))
            n += 1
            more = i < len(units) and len(cur) > overlap_sentences > 0
            carry = cur[-overlap_sentences:] if more else []
    return chunks
