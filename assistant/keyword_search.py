"""In-memory BM25 keyword search over narrative passages (Chinese and English).

Text is tokenised into jieba words plus character bigrams of every CJK run, so
that a query matches both whole words (机关运行经费) and fragments the word
segmenter splits differently (运行经费 / 行经). :class:`KeywordIndex` is the
keyword half of the hybrid narrative search and, on its own, the search used
when no vector store is loaded.

    >>> idx = KeywordIndex()
    >>> idx.add([Passage("d", "d", "s", 1, "车辆 2 辆", 0.0)])
    >>> [p.text for p, _ in idx.search("几辆车", 1)]
    ['车辆 2 辆']
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

import jieba

from store.passage import Passage

__all__ = ["KeywordIndex", "tokenize"]

log = logging.getLogger(__name__)

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_WORD = re.compile(r"[A-Za-z]+|\d+(?:\.\d+)?")
_STOP = frozenset(
    "的 了 是 在 和 与 及 有 吗 呢 吧 啊 多少 什么 哪些 哪个 怎么 为什么 几 个 一 这 那 其 中 其中 "
    "请问 一下 今年 情况 the a an of is are what how much many for to in and on was".split()
)


def tokenize(text: str) -> list[str]:
    """jieba words (stop words dropped) plus CJK character bigrams, lower-cased."""
    tokens: list[str] = []
    for w in jieba.lcut(text):
        w = w.strip().lower()
        if w and w not in _STOP and (_CJK_RUN.fullmatch(w) or _WORD.fullmatch(w)):
            tokens.append(w)
    for run in _CJK_RUN.findall(text):
        tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
    return tokens


class KeywordIndex:
    """BM25 (k1=1.5, b=0.75) over passages; ``search`` returns (passage, score) best first."""

    def __init__(self, k1: float = 1.5, b: float = 0.75) -> None:
        self.k1 = k1
        self.b = b
        self._passages: list[Passage] = []
        self._tfs: list[Counter[str]] = []
        self._lens: list[int] = []
        self._df: Counter[str] = Counter()

    def __len__(self) -> int:
        return len(self._passages)

    def add(self, passages: Iterable[Passage]) -> None:
        """Index more passages (their ``score`` field is ignored)."""
        for p in passages:
            tf = Counter(tokenize(p.text + " " + p.section))
            self._passages.append(p)
            self._tfs.append(tf)
            self._lens.append(sum(tf.values()))
            self._df.update(tf.keys())

    def _idf(self, term: str) -> float:
        n = len(self._passages)
        df = self._df.get(term, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def search(self, query: str, k: int = 5, doc_ids: list[str] | None = None) -> list[tuple[Passage, float]]:
        """The ``k`` best passages for ``query`` (restricted to ``doc_ids`` when given)."""
        if not self._passages:
            return []
        q = Counter(tokenize(query))
        avg = sum(self._lens) / len(self._lens) or 1.0
        scored: list[tuple[float, int]] = []
        allowed = set(doc_ids) if doc_ids else None
        for i, tf in enumerate(self._tfs):
            if allowed is not None and self._passages[i].doc_id not in allowed:
                continue
            s = 0.0
            norm = self.k1 * (1 - self.b + self.b * self._lens[i] / avg)
            for term, qn in q.items():
                f = tf.get(term)
                if f:
                    s += qn * self._idf(term) * f * (self.k1 + 1) / (f + norm)
            if s > 0:
                scored.append((s, i))
        scored.sort(key=lambda x: -x[0])
        return [(replace(self._passages[i], score=s), s) for s, i in scored[:k]]
