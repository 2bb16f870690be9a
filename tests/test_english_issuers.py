"""Government bodies named in English: a domain, a kind of body and the places or name in pinyin,
read against the loaded documents' own issuers."""

from __future__ import annotations

from assistant.english import to_chinese
from assistant.english_issuers import EnglishIssuer, replace_english_issuers
from assistant.library import _romanised, _romanised_name

DOCS = [
    EnglishIssuer("a", "示例市石桥区市场监督管理局", _romanised("示例市石桥区")),
    EnglishIssuer("b", "示例市丰源区市场监督管理局", _romanised("示例市丰源区")),
    EnglishIssuer("c", "上海市普陀区人民政府万里街道办事处",
                  _romanised("上海市普陀区") + _romanised_name("上海市普陀区人民政府万里街道办事处", "上海市普陀区")),
    EnglishIssuer("d", "示例市云溪区统计局", _romanised("示例市云溪区")),
]


def test_a_body_named_by_place_domain_and_kind_becomes_its_issuer() -> None:
    text, put = replace_english_issuers("How much did the Yunxi District Statistics Bureau spend?", DOCS)
    assert put == ["示例市云溪区统计局"] and "示例市云溪区统计局" in text and "Bureau" not in text
    text, put = replace_english_issuers("What did the Shiqiao market supervision administration budget?", DOCS)
    assert put == ["示例市石桥区市场监督管理局"]


def test_a_subdistrict_is_named_by_its_own_name() -> None:
    assert _romanised_name("上海市普陀区人民政府万里街道办事处", "上海市普陀区")[:2] == ["Wanli", "wanli"]
    assert _romanised_name("示例市云溪区统计局", "示例市云溪区") == []
    _, put = replace_english_issuers("What did Wanli Subdistrict budget for cars?", DOCS)
    assert put == ["上海市普陀区人民政府万里街道办事处"]


def test_a_name_that_fits_several_issuers_gives_their_common_name() -> None:
    _, put = replace_english_issuers("Compare the market regulation bureau figures", DOCS)
    assert put == ["市场监督管理局"]


def test_a_name_no_document_fits_is_left_as_it_is() -> None:
    q = "What did the Chongqing Municipal Commission of Commerce spend?"
    assert replace_english_issuers(q, DOCS) == (q, [])


def test_chinese_in_brackets_is_the_item_and_the_english_before_it_only_renders_it() -> None:
    assert "市场主体管理" in to_chinese("How much was budgeted for market entity administration (市场主体管理)?")
    assert "行政运行" not in to_chinese("How much was budgeted for market entity administration (市场主体管理)?")
