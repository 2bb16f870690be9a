"""Government bodies named in English questions, read against the loaded documents.

"the Yunxi District Statistics Bureau", "Wanli Subdistrict", "the Xijiang District culture and
tourism commission": an English name is a domain (统计, 文化和旅游), a kind of body at its end
(bureau → 局, commission → 委员会, subdistrict → 街道) and the places or the name before it in
pinyin. The domains and kinds are the genre's (``glossary_en.json``: ``issuer_domains``,
``issuer_types``); the places and names are the documents' own, romanised. A name that fits
loaded documents is replaced in the question by their Chinese issuer, which the scope then reads
as it reads any Chinese question; a name that fits none is left as it is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache

from assistant.english import GLOSSARY
from assistant.understand.scope import district_of

__all__ = ["EnglishIssuer", "replace_english_issuers"]


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, list[str]]]:
    data = json.loads(GLOSSARY.read_text(encoding="utf-8"))
    domains = {k.lower(): v for k, v in data["issuer_domains"].items() if not k.startswith("_")}
    types = {k.lower(): v for k, v in data["issuer_types"].items() if not k.startswith("_")}
    return domains, types


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    domains, types = _tables()
    alt = lambda words: "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))  # noqa: E731
    # places and names are capitalised words (the pinyin of the documents' own); the domain and
    # the kind of body are read in any case
    # (a word that opens a longer kind of body, "High People's Court", is not a place)
    leads = {t.split()[0] for t in types if " " in t and t.split()[0].isalpha()}
    not_lead = rf"(?!(?i:{'|'.join(sorted(leads))})\s)" if leads else ""
    places = rf"(?:{not_lead}[A-Z][a-z]+(?:\s+(?:District|City|County|Municipal(?:ity)?|Province|Provincial))?\s+){{0,3}}"
    return re.compile(
        rf"(?P<places>{places})(?:(?P<domain>(?i:{alt(domains)}))\s+)?(?P<type>(?i:{alt(types)}))\b"
        rf"(?:\s+(?i:of|for)\s+(?P<domain2>(?i:{alt(domains)})))?(?:\s*\((?P<paren>[A-Z][A-Za-z\s]+?)\))?")


class EnglishIssuer:
    """A loaded document as English names may call it: its issuer, its places and name in
    pinyin (lower case)."""

    def __init__(self, doc_id: str, issuer: str, romanised: Iterable[str]) -> None:
        self.doc_id = doc_id
        self.issuer = issuer
        self.words = {w.lower() for w in romanised if w.isascii()}


_NOT_NAMES = {"district", "city", "county", "municipal", "municipality", "province", "provincial", "the", "of",
              "in", "which", "what", "how", "did", "does", "do", "is", "was", "and", "or", "for", "by", "yuan"}


def _words(text: str | None) -> list[str]:
    return [w.lower() for w in re.findall(r"[A-Za-z]+", text or "") if w.lower() not in _NOT_NAMES]


def replace_english_issuers(text: str, docs: list[EnglishIssuer],
                            missing: list[str] | None = None) -> tuple[str, list[str]]:
    """``text`` with each English body name that fits loaded documents replaced by their Chinese
    issuer (their common name when several issuers fit); also the Chinese names put in. A body
    named by words no loaded document has ("the Longmen sub-district office") is added to
    ``missing``, as it was said."""
    domains, types = _tables()
    put: list[str] = []

    def sub(m: re.Match[str]) -> str:
        domain_en = (m.group("domain") or m.group("domain2") or "").lower()
        domain_en = re.sub(r"\s+", " ", domain_en)
        kind = types[re.sub(r"\s+", " ", m.group("type").lower())]
        head = m.group("places")
        if not domain_en:  # a capitalised domain (Statistics Bureau) was read as a place: take it back
            for k in sorted(domains, key=len, reverse=True):
                back = re.search(r"\b" + re.escape(k).replace(r"\ ", r"\s+") + r"\s*$", head, re.I)
                if back:
                    domain_en, head = k, head[:back.start()]
                    break
        said = _words(head) + _words(m.group("paren"))
        if not domain_en and not said:
            return m.group(0)  # "the bureau": no name to read
        domain = domains.get(domain_en, "")
        fits = [d for d in docs
                if (not domain or domain in d.issuer)
                and any(d.issuer.endswith(k) or k in d.issuer for k in kind)
                and all(w in d.words for w in said)]
        if not fits:
            # "the Jinshui District Civil Affairs Bureau" where only 金水区统计局 is loaded: the body
            # in Chinese (金水区民政局), so the scope declines a body no document is of
            named = [d for d in docs if said and all(w in d.words for w in said)]
            places = {district_of(d.issuer) for d in named}
            if domain and len(places) == 1 and None not in places:
                return f" {places.pop()}{domain}{kind[0]} "
            # "the Zhejiang High People's Court" where only 浙江省人民检察院 is loaded: a body whose
            # kind names it alone (a court, a procuratorate), in the place those documents are of
            regions = {r.group(0) for d in named if (r := re.match(r"^.{2,8}?(?:省|自治区|市)", d.issuer))}
            if not domain and len(kind[0]) >= 3 and len(regions) == 1:
                return f" {regions.pop()}{kind[0]} "
            if missing is not None and said and not any(w in d.words for d in docs for w in said):
                missing.append(m.group(0).strip())
            return m.group(0)
        issuers = list(dict.fromkeys(d.issuer for d in fits))
        name = issuers[0] if len(issuers) == 1 else _common_tail(issuers)
        if not name:
            return m.group(0)
        put.append(name)
        return f" {name} "

    out = _pattern().sub(sub, text)
    return re.sub(r"\s{2,}", " ", out).strip(), put


def _common_tail(names: list[str]) -> str:
    """The longest ending all names share (示例市丰源区市场监督管理局, 示例市石桥区市场监督管理局 →
    市场监督管理局), or '' when it is too short to name a body."""
    tail = names[0]
    for n in names[1:]:
        while tail and not n.endswith(tail):
            tail = tail[1:]
    tail = re.sub(r"^[省市区县]", "", tail)  # the place's ending is not part of the body's name
    return tail if len(tail) >= 3 else ""
