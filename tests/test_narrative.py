"""Narrative sections and chunks, on the corpus PDFs (lines read with pdfplumber) and the text form."""

from __future__ import annotations

import json
import re
from functools import lru_cache

import pdfplumber
import pytest

from ingest.model import Section, TextLine
from ingest.narrative import build_sections, chunk_sections, split_sentences, top_level_sections

from tests.conftest import CORPUS, needs_shared
SEED = "nanan-jxw-2024"
DOCS = [SEED, "shili-donghu-jiaowei-2024", "shili-beicheng-sifaju-2024", "shili-donghu-jiaowei-2024-lo"]

pytestmark = needs_shared


def truth(doc: str) -> dict:
    return json.loads((CORPUS / f"{doc}.truth.json").read_text("utf-8"))


@lru_cache(maxsize=None)
def _pdf_lines(doc: str, extents: bool) -> tuple[TextLine, ...]:
    """Narrative lines of the pages the truth's narrative covers, as a PDF reader gives them."""
    last = max(s["page"] for s in truth(doc)["narrative"]["sections"])
    out = []
    with pdfplumber.open(CORPUS / f"{doc}.pdf") as pdf:
        for number, page in enumerate(pdf.pages[:last], 1):
            for ln in page.extract_text_lines():
                chars = ln["chars"]
                sizes = [round(c["size"], 1) for c in chars]
                if max(sizes) < 11.5:  # table body text (10 pt) and table labels (11 pt)
                    continue
                if re.fullmatch(r"表[一二三四五六七八九十\d-]+", ln["text"].strip()):
                    continue
                bold = sum("Bold" in c["fontname"] for c in chars) > len(chars) / 2
                line = TextLine(ln["text"], number, max(set(sizes), key=sizes.count), bold)
                if extents:
                    line.x0, line.x1 = ln["x0"], ln["x1"]  # type: ignore[attr-defined]
                out.append(line)
    # a table title on the last narrative page (15 pt, bold) is not narrative
    return tuple(ln for ln in out if not (ln.size and ln.size > 14 and "表" in ln.text and ln.page and ln.page > 1))


def pdf_lines(doc: str, extents: bool = False) -> list[TextLine]:
    return list(_pdf_lines(doc, extents))


def text_lines() -> list[TextLine]:
    """The seed's text form: every line up to the first table, without pages."""
    out = []
    for raw in (CORPUS / f"{SEED}.txt").read_text("utf-8").splitlines():
        if raw.strip() == "表一":
            break
        out.append(TextLine(raw, None))
    return out


def find(sections: list[Section], heading: str) -> Section:
    return next(s for s in sections if s.heading == heading)


# -- headings and text against the truth --------------------------------------------


@pytest.mark.parametrize("doc", DOCS)
def test_top_level_headings_match_truth(doc: str) -> None:
    top = top_level_sections(build_sections(pdf_lines(doc)))
    assert [s.heading for s in top] == [s["heading"] for s in truth(doc)["narrative"]["sections"]]
    assert [s.page for s in top] == [s["page"] for s in truth(doc)["narrative"]["sections"]]


def test_text_form_headings_and_text_match_truth() -> None:
    top = top_level_sections(build_sections(text_lines()))
    expected = truth(SEED)["narrative"]["sections"]
    assert [s.heading for s in top] == [s["heading"] for s in expected]
    assert [s.text for s in top] == [s["text"] for s in expected]


@pytest.mark.parametrize("doc", [SEED, "shili-beicheng-sifaju-2024"])
def test_seed_top_level_text_matches_truth(doc: str) -> None:
    top = top_level_sections(build_sections(pdf_lines(doc)))
    assert [s.text for s in top] == [s["text"] for s in truth(doc)["narrative"]["sections"]]


@pytest.mark.parametrize("doc", DOCS[:3])
def test_line_extents_give_exact_paragraphs(doc: str) -> None:
    """With x0/x1 on the lines, the first-line indent separates every paragraph."""
    top = top_level_sections(build_sections(pdf_lines(doc, extents=True)))
    assert [s.text for s in top] == [s["text"] for s in truth(doc)["narrative"]["sections"]]


@pytest.mark.parametrize("form", ["pdf", "text"])
def test_page_break_joins(form: str) -> None:
    sections = build_sections(pdf_lines(SEED) if form == "pdf" else text_lines())
    text = "\n".join(s.text for s in sections)
    for joined in ("推动重大技术改造项目实施", "负责中小企业发展政策宣传", "区级高质量发展扶持、智能制造",
                   "一般公共预算拨款政府采购 0 万元：", "公务接待费反映单位按规定开支的各类公务接待"):
        assert joined in text, joined
    assert "一般公共预算拨款 5615.72 万元" in text  # CJK | number keeps the printed space


def test_fine_sections_and_paths() -> None:
    sections = build_sections(pdf_lines(SEED))
    income = find(sections, "(一) 收入预算")
    assert income.page == 3
    assert income.path == ["二、部门收支总体情况", "(一) 收入预算"]
    assert income.text.startswith("(一) 收入预算：2024 年年初预算数 5615.72 万元")
    assert income.text.endswith("主要是一般公共预算拨款减少 2953.67 万元。")
    # every narrative heading the seed questions cite is a section of its own
    for heading in ("(一) 职能职责", "（二）单位构成", "(二) 支出预算", "（一）机关运行经费", "（二）政府采购情况",
                    "（三）绩效目标设置情况", "（四）国有资产占有使用情况", "（二）基本支出", "（四）“三公”经费",
                    "四、“三公”经费情况说明", "三、部门预算情况说明", "部门预算公开联系人", "联系方式"):
        find(sections, heading)
    contact = find(sections, "联系方式")
    assert contact.text == "联系方式：023-62989435" and contact.page == 6
    assert find(sections, "部门预算公开联系人").text == "部门预算公开联系人：刘娟"
    assert find(sections, "（四）“三公”经费").path == ["六、专业性名词解释", "（四）“三公”经费"]
    # the 18 numbered duties are a list, not sections; title lines are not sections
    duties = find(sections, "(一) 职能职责")
    assert duties.text.count("\n") == 17 and duties.text.startswith("1.贯彻执行")
    assert not any(re.match(r"\d+[.、]", s.heading) for s in sections)
    assert not any("情况说明" in s.heading and "年" in s.heading for s in sections)


def test_single_line_sections_from_text_form() -> None:
    sections = build_sections(text_lines())
    assert find(sections, "(一) 收入预算").page is None
    assert find(sections, "（二）单位构成").text.startswith("本部门纳入2024年部门预算编制范围的单位有")


# -- chunks --------------------------------------------------------------------------


@pytest.mark.parametrize("max_chars", [120, 400])
def test_chunks_never_cut_a_sentence(max_chars: int) -> None:
    sections = build_sections(pdf_lines(SEED))
    chunks = chunk_sections(sections, SEED, max_chars=max_chars)
    assert len({c.chunk_id for c in chunks}) == len(chunks)
    by_section: dict[str, list] = {}
    for c in chunks:
        assert re.fullmatch(rf"{SEED}:s\d+:c\d+", c.chunk_id)
        assert c.text == c.text.strip() and c.text
        by_section.setdefault(c.chunk_id.rsplit(":", 1)[0], []).append(c)
    sentences = {s for sec in sections for para in sec.text.split("\n") for s in split_sentences(para)}
    for key, group in by_section.items():
        sec = sections[int(key.split(":s")[1])]
        assert all(c.section == " > ".join(sec.path) for c in group)
        for c in group:
            assert c.text[-1] in "。！？；!?;”" or sec.text.endswith(c.text[-20:])
            if len(c.text) > max_chars:  # only a single long sentence may exceed the limit
                assert c.text in sentences
            for piece in c.text.split("\n"):
                assert piece in sec.text
    income = next(c for c in chunks if c.section.endswith("(一) 收入预算"))
    assert income.page == 3 and income.text.startswith("(一) 收入预算：")
    assert any(c.page == 2 and c.section.endswith("(一) 职能职责") for c in chunks)


def test_chunk_overlap_and_long_sentence() -> None:
    long = "甲" * 50 + "。"
    sec = Section("一、测试", "一句。二句。三句。\n" + long, 1, ["一、测试"])
    chunks = chunk_sections([sec], "d", max_chars=8, overlap_sentences=1)
    assert [c.text for c in chunks] == ["一句。二句。", "二句。三句。", long]
    assert [c.chunk_id for c in chunks] == ["d:s0:c0", "d:s0:c1", "d:s0:c2"]
    assert chunk_sections([Section("一、空", "", 1, ["一、空"])], "d") == []


# -- synthetic layouts ---------------------------------------------------------------


def lines(*texts: str) -> list[TextLine]:
    return [TextLine(t, None) for t in texts]


def test_inline_and_standalone_level3_headings() -> None:
    sections = build_sections(lines(
        "目 录", "一、收入情况……………1", "二、支出情况……………3",
        "某某区某某局", "2024年部门决算情况说明",
        "一、收入情况",
        "(一) 财政拨款收入",
        "1.一般公共预算",
        "本年收入 100 万元。",
        "2.政府性基金",
        "本年收入 0 万元。",
        "二、支出情况",
        "1.办公费：用于日常办公。",
        "2.印刷费：用于资料印刷。",
        "联系电话：010-12345678",
    ))
    assert [s.path for s in sections] == [
        ["一、收入情况"],
        ["一、收入情况", "(一) 财政拨款收入"],
        ["一、收入情况", "(一) 财政拨款收入", "1.一般公共预算"],
        ["一、收入情况", "(一) 财政拨款收入", "2.政府性基金"],
        ["二、支出情况"],
        ["二、支出情况", "1.办公费"],
        ["二、支出情况", "2.印刷费"],
        ["联系电话"],
    ]
    assert sections[2].text == "本年收入 100 万元。"
    assert sections[5].text == "1.办公费：用于日常办公。"
    top = top_level_sections(sections)
    assert [s.heading for s in top] == ["一、收入情况", "二、支出情况", "联系电话"]
    assert top[0].text == "(一) 财政拨款收入\n1.一般公共预算\n本年收入 100 万元。\n2.政府性基金\n本年收入 0 万元。"


def test_numbered_list_stays_text() -> None:
    sections = build_sections(lines(
        "一、主要职能", "1.负责全区教育工作。", "2.统筹管理学前教育；推进均衡发展。", "3.完成交办的其他任务。"))
    assert [s.heading for s in sections] == ["一、主要职能"]
    assert sections[0].text.count("\n") == 2


def test_own_change_is_read_from_the_items_own_clause() -> None:
    """An item's change against last year comes from the clause that names it, not from the
    sentence's other items (a parent's total change stands after the parenthesis)."""
    from assistant.narrative import NarrativeIndex, asked_direction, own_change
    from ingest.model import Document, Section

    text = ("会议费80万元，本年数小于上年预算数12.5万元，主要原因是压缩会议规模。"
            "差旅及交通费300万元（差旅费120万元，比上年增加20万元；交通费180万元，比上年减少5万元。）"
            "比上年增加15万元，主要原因是业务量增加。"
            "资料费6万元，与上年持平。"
            "专项业务费主要用于印刷费等项目支出。与上年相比增加9万元。"
            "项目支出预算数为500万元。与上年相比减少7万元。"
            "行政运行（项）120万元，比上年增加30万元，主要原因是人员增加。")
    doc = Document(doc_id="t", title="t", issuer="某局", year=2024, kind="部门预算", unit="万元", source="t.pdf",
                   pages=1, tables=[], sections=[Section(heading="三、支出情况", text=text, page=3)], chunks=[])
    nx = NarrativeIndex([doc])
    meeting = own_change(nx, doc, ["会议费"])
    assert meeting and meeting.direction == "减少" and meeting.figure and float(meeting.figure.value) == 12.5
    travel = own_change(nx, doc, ["差旅费"])
    assert travel and travel.direction == "增加" and float(travel.figure.value) == 20
    assert own_change(nx, doc, ["差旅及交通费"]) is None  # its own change is not in its clause
    flat = own_change(nx, doc, ["资料费"])
    assert flat and flat.direction == "持平" and flat.figure is None
    # the next sentence counts only when the name opens its own sentence
    project = own_change(nx, doc, ["项目支出"])
    assert project and project.direction == "减少" and float(project.figure.value) == 7
    assert own_change(nx, doc, ["印刷费"]) is None
    admin = own_change(nx, doc, ["行政运行"])  # the level in brackets after the name is passed over
    assert admin and admin.direction == "增加" and float(admin.figure.value) == 30
    assert asked_direction("会议费为什么涨了") == "增加" and asked_direction("为什么少了") == "减少"
    assert asked_direction("会议费比上年增减多少") is None
