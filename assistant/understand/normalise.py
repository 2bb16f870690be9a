"""The first stage of understanding a question: one written form for what people type many ways.

Before a question is linked to the documents it is rewritten, conservatively, so that
later stages see one form:

* traditional characters → simplified (OpenCC ``t2s``): 經信委 → 经信委;
* full-width digits, Latin letters, ``％`` and ``．`` → ASCII; Chinese punctuation is kept
  (later stages read ，。？ as clause marks);
* years written in Chinese numerals → digits: 二〇二四年 → 2024年;
* amounts written in Chinese numerals before a money or count unit → digits:
  五万元 → 5万元, 一百二十万 → 120万, 十二万五千元 → 125000元, 百分之五 → 5%.

Words that merely contain numerals (三公经费, 一般公共预算, 十四五, 第一季度) are left alone:
only a numeral directly followed by a unit, or a four-digit Chinese year, is converted.

Misspellings are not listed here: a homophone typo is repaired against the loaded documents'
own names (:func:`repair_homophones`), whose pinyin the typo shares.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Normalised", "normalise", "repair_homophones"]

_CN_DIGIT = {"〇": "0", "○": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4",
             "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
# "X和前一年比，是增加还是减少" / "和上年相比，…": the comparison said the one way the rest reads it
_COMPARED_WITH = re.compile(r"(?:跟|与|和|同)\s*(20\d\d\s*年度?|上一?年度?|去年|前一年)\s*(?:相)?比(?:较)?(?:起来|的话)?(?:是)?(?:[，,]\s*)?"
                            r"(?=增|减|多|少|涨|降|上升|下降|有|变|怎么|如何|是否|的?变化)")
# "跟上年比，X是否下降": the comparison said first, put before what is said of X
_COMPARED_FIRST = re.compile(r"^(?:跟|与|和|同)\s*(20\d\d\s*年度?|上一?年度?|去年|前一年)\s*(?:相)?比(?:较)?(?:起来|的话)?[，,]\s*"
                             r"(?P<x>[^，,。？?]{2,30}?)(?P<be>是(?=增|减|多|少|上升|下降|降|涨|变))?"
                             r"(?=是不是|是否|有没有|有所|增|减|多了|少了|上升|下降|降|涨|变)")
# "X在Y里占几成": X's share of Y, said the one way the rest reads it (X占Y的…)
_SHARE_INSIDE = re.compile(r"(?P<x>[\u4e00-\u9fff“”]{2,20}?)在(?P<y>[\u4e00-\u9fff“”]{2,20}?)(?:里面|里头|当中|里|中)(?:大概|大约)?占"
                           r"(?=几成|多少|百分之|多大|的?比)")
# "白沙区那个街道": the body of that place, said with a pointing word
_PLACE_THAT = re.compile(r"([\u4e00-\u9fff][区县市镇])(?:的)?(?:那个|这个|那家|这家|那一个|那一家)(?=[\u4e00-\u9fff]{0,4}"
                         r"(?:街道|局|委|院|办|中心|所|部|站|队|馆|单位|部门))")
_YEAR_CN = re.compile(r"([〇○零一二三四五六七八九]{4})(?=年)")
_NUMERAL = "零〇一二两三四五六七八九十百千万亿点"
# a numeral directly before a unit; the unit group keeps 万/亿 that end the numeral itself
_AMOUNT_CN = re.compile(rf"(?<![{_NUMERAL}第哪每这那同单唯任某其之])([{_NUMERAL}]{{1,12}})(万元|亿元|千元|元|万|亿|个|人|名|辆|台|套)")
_TOP_CN = re.compile(r"(?<=[前后])([一二两三四五六七八九十]{1,3})(?=[项名个位类])")
_PERCENT_CN = re.compile(rf"百分之([{_NUMERAL}]+)")
_FULL_WIDTH = {**{chr(0xFF10 + i): str(i) for i in range(10)},
               **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
               **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
               "％": "%", "．": ".", "＋": "+", "－": "-", "\u3000": " "}
_FULL_WIDTH_TABLE = str.maketrans(_FULL_WIDTH)


# spoken fillers that open a question (嗯……那个，就是…): interjections, and 那个/这个 or 就是 said
# before the question proper; 那个 without a pause after it is a pointer, not a filler
_OPENING_FILLER = re.compile(r"^(?:(?:嗯+|呃+|额+|唔+|哦+|啊+|唉|哎|emm+)(?:[…\.。，,、~～\s]+|(?=[\u4e00-\u9fff]))|"
                             r"(?:那个|这个|就是说?|然后)[…\.。，,、\s]+|就是说?(?=[\u4e00-\u9fff]{2}))+")


@dataclass(frozen=True)
class Normalised:
    """A question as typed and as rewritten; ``changes`` lists what was rewritten (for --explain)."""

    original: str
    text: str
    changes: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


def _numeral_value(cn: str) -> str | None:
    """The digits a Chinese numeral states (一百二十 → 120, 两 → 2), or None when it is not one."""
    import cn2an

    if not cn or cn in ("点",) or cn.startswith("点") or cn.endswith("点"):
        return None
    try:
        value = cn2an.cn2an(cn.replace("两", "二"), "strict")
    except (ValueError, KeyError):
        return None
    text = f"{value}"
    return text[:-2] if text.endswith(".0") else text


def _amounts(text: str) -> str:
    def percent(m: re.Match[str]) -> str:
        v = _numeral_value(m.group(1))
        return f"{v}%" if v is not None else m.group(0)

    def amount(m: re.Match[str]) -> str:
        cn, unit = m.group(1), m.group(2)
        # 一百二十万 / 三千万元: the trailing 万 or 亿 of the numeral is the unit's, not the number's
        if cn.endswith(("万", "亿")) and unit in ("元", "个", "人", "名"):
            cn, unit = cn[:-1], cn[-1] + unit
        if len(cn) == 1 and cn in "万亿千百点":
            return m.group(0)
        v = _numeral_value(cn)
        return f"{v}{unit}" if v is not None else m.group(0)

    text = _PERCENT_CN.sub(percent, text)
    text = _TOP_CN.sub(lambda m: _numeral_value(m.group(1)) or m.group(0), text)
    return _AMOUNT_CN.sub(amount, text)


def normalise(question: str) -> Normalised:
    """The question in one written form (see the module docstring); meaning is unchanged."""
    text = str(question).strip()
    changes: list[str] = []
    simplified = _t2s().convert(text)
    if simplified != text:
        changes.append("繁→简")
        text = simplified
    half = text.translate(_FULL_WIDTH_TABLE)
    if half != text:
        changes.append("全角→半角")
        text = half
    opened = _OPENING_FILLER.sub("", text)
    if opened != text and opened:
        changes.append("语气词")
        text = opened
    years = _YEAR_CN.sub(lambda m: "".join(_CN_DIGIT[c] for c in m.group(1)), text)
    if years != text:
        changes.append("中文年份→数字")
        text = years
    share = _SHARE_INSIDE.sub(r"\g<x>占\g<y>的", text)
    if share != text:
        changes.append("在…里占→占…的")
        text = share
    pointed = _PLACE_THAT.sub(r"\1的", text)
    if pointed != text:
        changes.append("那个→的")
        text = pointed
    compared = _COMPARED_FIRST.sub(lambda m: f"{m.group('x')}比{m.group(1)}", text)  # (是 before 减少: dropped)
    compared = _COMPARED_WITH.sub(r"比\1", compared)
    if compared != text:
        changes.append("比较句式")
        text = compared
    amounts = _amounts(text)
    if amounts != text:
        changes.append("中文数字→数字")
        text = amounts
    return Normalised(str(question), text, tuple(changes))


# -- homophone typos against the documents' own names --------------------------------------------

@lru_cache(maxsize=200_000)
def _pinyin(text: str) -> tuple[str, ...]:
    from pypinyin import lazy_pinyin

    return tuple(lazy_pinyin(text))


@lru_cache(maxsize=20_000)
def readings(char: str) -> frozenset[str]:
    """Every toneless reading of one character (长: chang, zhang)."""
    from pypinyin import Style, pinyin

    got = pinyin(char, style=Style.NORMAL, heteronym=True, errors="default")
    return frozenset(got[0]) if got and got[0] else frozenset({char})


class HomophoneIndex:
    """The loaded documents' names by their toneless pinyin, to repair typos that sound alike.

    Only names of three or more Chinese characters are indexed (two-character words share
    their pinyin with too many others), and a pinyin shared by two different names is dropped.
    """

    def __init__(self, names: Iterable[str]) -> None:
        by_sound: dict[tuple[str, ...], str | None] = {}
        for n in names:
            if len(n) < 3 or not re.fullmatch(r"[\u4e00-\u9fff]+", n):
                continue
            key = _pinyin(n)
            if key in by_sound and by_sound[key] != n:
                by_sound[key] = None  # ambiguous sound: never a repair
            else:
                by_sound[key] = n
        self._by_sound = {k: v for k, v in by_sound.items() if v is not None}
        # a character of several readings typed by another of them (常宁 for 长宁, read zhang ning):
        # the name under each of its other readings, one character at a time, used only when no
        # name has the sound itself
        other: dict[tuple[str, ...], str | None] = {}
        for key, n in self._by_sound.items():
            for i, ch in enumerate(n):
                for r in readings(ch) - {key[i]}:
                    alt = key[:i] + (r,) + key[i + 1:]
                    if alt not in self._by_sound:
                        other[alt] = n if other.get(alt, n) == n else None
        self._by_other = {k: v for k, v in other.items() if v is not None}
        # sounds an input method's fuzzy pinyin joins (明政 typed for 民政: ming/min), the last
        # resort: a sound two names share this way is never a repair
        fuzzy: dict[tuple[str, ...], str | None] = {}
        for key, n in self._by_sound.items():
            f = _fuzzy(key)
            fuzzy[f] = n if fuzzy.get(f, n) == n else None
        self._by_fuzzy = {k: v for k, v in fuzzy.items() if v is not None}
        self._names = sorted({v for v in self._by_sound.values()}, key=len, reverse=True)
        self._lengths = sorted({len(k) for k in self._by_sound}, reverse=True)

    def repair(self, text: str) -> tuple[str, list[tuple[str, str]]]:
        """``text`` with each run of Chinese characters that sounds like a known name but is written
        otherwise replaced by that name; also the (typed, name) pairs replaced."""
        if not self._by_sound:
            return text, []
        fixes: list[tuple[str, str]] = []
        out = text
        for run in re.finditer(r"[\u4e00-\u9fff]{3,}", text):
            s = run.group(0)
            sounds = _pinyin(s)
            # names the text already spells right that overlap a span (…和机关运行经费: 机关运行经费)
            spelled = [(k, k + len(nm)) for nm in self._names if nm in s for k in _find_all(s, nm)]
            i = 0
            while i < len(s):
                for n in self._lengths:
                    if i + n > len(s):
                        continue
                    name = self._by_sound.get(sounds[i:i + n]) or self._by_other.get(sounds[i:i + n]) \
                        or self._by_fuzzy.get(_fuzzy(sounds[i:i + n]))
                    if name is not None:
                        typed = s[i:i + n]
                        # a repair never cuts a name the text spells right in two (三公经费和机关运行经费
                        # is not 三公经费合计 + 关运行经费)
                        if typed != name and sum(a != b for a, b in zip(typed, name)) <= max(1, n // 3) \
                                and not any(a < i + n and i < b and not (i <= a and b <= i + n) for a, b in spelled):
                            fixes.append((typed, name))
                        i += n - 1
                        break
                i += 1
        for typed, name in fixes:
            out = out.replace(typed, name)
        return out, fixes


def _fuzzy(sounds: tuple[str, ...]) -> tuple[str, ...]:
    """Syllables as fuzzy pinyin hears them: zh/z, ch/c, sh/s and in/ing, en/eng, an/ang alike."""
    return tuple(re.sub(r"(?<=[iea])ng$", "n", re.sub(r"^([zcs])h", r"\1", x)) for x in sounds)


def _find_all(s: str, sub: str) -> list[int]:
    out, k = [], s.find(sub)
    while k >= 0:
        out.append(k)
        k = s.find(sub, k + 1)
    return out


def repair_homophones(text: str, names: Iterable[str]) -> str:
    """``text`` with homophone typos of ``names`` repaired (see :class:`HomophoneIndex`)."""
    return HomophoneIndex(names).repair(text)[0]
