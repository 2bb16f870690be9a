"""Questions in English: detection, a Chinese reading of the question, and English wording.

The lookup works on Chinese budget terms, so an English question is first read
into Chinese with the vocabulary (concept English names → official names,
English phrases → Chinese question words). The answer keeps the same figures
and citations and is worded in English, naming each item in Chinese as well
(公务接待费 official reception) so that the printed name can be found in the
document.
"""

from __future__ import annotations

import re

from assistant.vocabulary import Vocabulary, load_vocabulary

__all__ = ["is_english", "to_chinese", "EN"]

_LATIN = re.compile(r"[A-Za-z]")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def is_english(text: str) -> bool:
    """True when the question is written mostly in Latin letters."""
    latin = len(_LATIN.findall(text))
    cjk = len(_CJK.findall(text))
    return latin >= 6 and latin > 2 * cjk


def to_chinese(text: str, vocab: Vocabulary | None = None) -> str:
    """A Chinese reading of an English question (budget terms and question words).

    Codes, years and Chinese words in the question are kept as they are.
    """
    vocab = vocab or load_vocabulary()
    low = " " + re.sub(r"[\s?？!.,]+", " ", text.lower()).strip() + " "
    pairs: list[tuple[str, str]] = []
    for c in vocab.concepts:
        target = c.aliases[0] if c.kind in ("total",) and c.aliases else (c.names[0] if c.names else c.id)
        if c.kind in ("total_of_role", "sangong_total") and c.aliases:
            target = c.aliases[0]
        for e in c.en:
            pairs.append((e.lower(), target))
    for col, d in vocab.columns.items():
        for e in d.get("en", []):
            pairs.append((e.lower(), col))
    for e, zh in vocab.english.items():
        pairs.append((e.lower(), zh))
    for key, words in vocab.departments.items():
        for w in words:
            if _LATIN.search(w):
                pairs.append((w.lower(), key))
    pairs.sort(key=lambda p: -len(p[0]))
    out = low
    for en, zh in pairs:
        out = re.sub(rf"(?<![a-z]){re.escape(en)}(?![a-z])", f" {zh} " if zh else " ", out)
    # keep numbers, codes, years and any Chinese; drop the remaining English words
    out = re.sub(r"\b(19|20)(\d\d)\b", r"\1\2年", out)
    out = re.sub(r"[A-Za-z'’-]+", " ", out)
    return re.sub(r"\s+", "", out) or text


EN: dict[str, str] = {
    "not_found": "The document does not say: {reason}.",
    "not_loaded": "No loaded document is from {dept}; the loaded disclosures are: {docs}.",
    "other_year": "The loaded disclosure covers {have}; it has no figures for {year}.",
    "final": "The loaded document is a budget (部门预算), not final accounts (决算); it has no 决算 figures.",
    "zero": "{label}: none budgeted (0 {unit}; the cell is empty in {table}).",
}
