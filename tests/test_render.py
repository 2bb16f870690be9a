"""Rendering of answers, cited pages and the expenditure chart (no browser, no store)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image

from assistant import charts, pages, render
from assistant.answer import Answer, Citation, Figure, Source
from ingest.model import Cell, Document, Row, Table

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "samples" / "nanan-jxw-2024.pdf"
needs_sample = pytest.mark.skipif(not SAMPLE.exists(), reason=f"sample PDF missing: {SAMPLE}")


def _reception() -> Answer:
    src = Source(document="nanan-jxw-2024", table="表四", row="公务接待费", page=11)
    return Answer(
        question="经信委今年招待客人花多少钱？",
        text="2024年公务接待费预算 4.00 万元（表四）。",
        found=True,
        figures=[Figure(Decimal("4.00"), "万元", "公务接待费", src)],
        citations=[Citation(document="nanan-jxw-2024", table="表四", row="公务接待费", page=11,
                            quote="公务接待费 4.00")],
        route="lookup",
    )


# -- render ---------------------------------------------------------------------------


def test_format_amount_keeps_printed_decimals():
    assert render.format_amount(Decimal("4.00")) == "4.00"
    assert render.format_amount(Decimal("1324.00")) == "1,324.00"
    assert render.format_amount(Decimal("4646")) == "4,646"
    assert render.format_amount(Decimal("1E+1")) == "10"
    assert render.format_amount(None) == ""


def test_figure_rows_have_the_seven_columns():
    rows = render.figure_rows(_reception())
    assert render.FIGURE_COLUMNS == ["数值", "单位", "表", "科目编码", "科目名称", "栏目", "页码"]
    assert rows == [["4.00", "万元", "表四", "", "公务接待费", "", "11"]]


def test_derived_figure_lists_formula_and_operands():
    basic = Figure(Decimal("969.72"), "万元", "基本支出",
                   Source("nanan-jxw-2024", "表二", None, "合计", "基本支出", 8))
    total = Figure(Decimal("5615.72"), "万元", "支出合计",
                   Source("nanan-jxw-2024", "表二", None, "合计", "总计", 8))
    share = Figure(Decimal("17.27"), "%", "基本支出占比", None,
                   formula="969.72 ÷ 5,615.72 × 100", operands=(basic, total))
    answer = Answer("基本支出占总支出的比例是多少？", "基本支出占 17.27%。", True, figures=[share])
    rows = render.figure_rows(answer)
    assert [r[0] for r in rows] == ["17.27", "969.72", "5,615.72"]
    assert rows[0][5] == "969.72 ÷ 5,615.72 × 100"
    assert rows[1][2:] == ["表二", "", "合计", "基本支出", "8"]
    md = render.answer_markdown(answer)
    assert "计算：基本支出占比：969.72 ÷ 5,615.72 × 100 = 17.27%" in md


def test_answer_markdown_has_text_and_sources():
    md = render.answer_markdown(_reception())
    assert md.startswith("2024年公务接待费预算 4.00 万元（表四）。")
    assert "出处：表四 · 公务接待费 · 第11页" in md


def test_citation_label_for_rows_and_sections():
    assert render.citation_label(Citation("d", table="表二", code="2150517", row="产业发展",
                                          page=9)) == "表二 · 2150517 产业发展 · 第9页"
    assert render.citation_label(Citation("d", section="四、“三公”经费情况说明", page=4)) \
        == "四、“三公”经费情况说明 · 第4页"
    assert render.citation_label(Citation("doc-name")) == "doc-name"


def test_citations_html_is_expandable_and_escaped():
    answer = _reception()
    answer.citations.append(Citation("nanan-jxw-2024", section="说明 <b>", page=4, quote="a < b & c"))
    html = render.citations_html(answer)
    assert html.count("<details") == 2
    assert "<summary>表四 · 公务接待费 · 第11页</summary>" in html
    assert "<blockquote>公务接待费 4.00</blockquote>" in html
    assert "a &lt; b &amp; c" in html and "说明 &lt;b&gt;" in html
    assert "没有引用" in render.citations_html(Answer("q", "t", False))


# -- pages ----------------------------------------------------------------------------


@needs_sample
def test_row_with_code_is_highlighted_across_the_row():
    boxes = pages.find_highlights(SAMPLE, 9, code="2150517", row="产业发展", values=[Decimal("1324.00")])
    assert len(boxes) == 1
    b = boxes[0]
    assert b.x1 - b.x0 > 300  # code, name and amounts: the whole printed row
    assert b.bottom - b.top < 20  # one line


@needs_sample
def test_wrapped_row_name_is_taken_in():
    boxes = pages.find_highlights(SAMPLE, 8, code="2080505", row="机关事业单位基本养老保险缴费支出",
                                  values=[Decimal("59.34")])
    assert len(boxes) == 1 and boxes[0].bottom - boxes[0].top > 15  # two printed lines


@needs_sample
def test_one_row_table_marks_header_and_value():
    boxes = pages.find_highlights(SAMPLE, 11, row="公务接待费", values=[Decimal("4.00")])
    assert len(boxes) == 2
    header, value = boxes
    assert value.top > header.bottom  # the value stands under its column header
    assert abs(value.x0 - header.x0) < 40


@needs_sample
def test_quote_is_found_across_line_breaks():
    quote = "公务接待费 4 万元，比 2023 年减少 0 万元；公务用车运行维护费 6 万元"
    boxes = pages.find_highlights(SAMPLE, 4, quote=quote)
    assert len(boxes) == 2  # the quote runs onto a second line


@needs_sample
def test_nothing_found_means_no_boxes():
    assert pages.find_highlights(SAMPLE, 9, code="9999999", row="不存在的科目") == []
    assert pages.find_highlights(SAMPLE, 99, quote="任何") == []


@needs_sample
def test_render_page_draws_translucent_highlight():
    plain = pages.render_page(SAMPLE, 11, scale=1.0)
    boxes = pages.find_highlights(SAMPLE, 11, row="公务接待费", values=[Decimal("4.00")])
    marked = pages.render_page(SAMPLE, 11, boxes, scale=1.0)
    assert plain.size == marked.size == (595, 842)
    b = boxes[1]
    x, y = int(b.x0) - 1, int((b.top + b.bottom) / 2)  # inside the padded box, left of the text
    r, g, bl = marked.getpixel((x, y))
    assert r > 200 and g > 180 and bl < 200  # yellow over white paper
    assert plain.getpixel((x, y)) == (255, 255, 255)
    with pytest.raises(ValueError):
        pages.render_page(SAMPLE, 0)


# -- charts ---------------------------------------------------------------------------


def _doc(role: str = "gpb_exp") -> Document:
    def row(code, name, total):
        return Row(name=name, code=code, values={"总计": Cell.of(total), "基本支出": Cell.of("")})

    table = Table("表二", "一般公共预算财政拨款支出预算表", "万元", 8, ["总计", "基本支出"], role=role,
                  rows=[row(None, "合计", "5,615.72"), row("208", "社会保障和就业支出", "348.08"),
                        row("20805", "行政事业单位养老支出", "228.18"),
                        row("215", "资源勘探工业信息等支出", "5,153.98"),
                        row("221", "住房保障支出", "50.22"), row("222", "空行", "")])
    return Document("d1", "2024年部门预算", "重庆市南岸区经济和信息化委员会", 2024, "部门预算", "万元",
                    "x.pdf", 25, tables=[table])


def test_expenditure_items_are_class_level_rows():
    table, items = charts.expenditure_items(_doc())
    assert table is not None and table.table_id == "表二"
    assert [(i.code, i.value) for i in items] == [
        ("215", Decimal("5153.98")), ("208", Decimal("348.08")), ("221", Decimal("50.22"))]


def test_expenditure_falls_back_to_dept_exp():
    table, items = charts.expenditure_items(_doc(role="dept_exp"))
    assert table is not None and len(items) == 3
    assert charts.expenditure_items(_doc(role="sangong")) == (None, [])


def test_expenditure_chart_is_an_image():
    image = charts.expenditure_chart(_doc())
    assert isinstance(image, Image.Image)
    assert image.width > 400 and image.height > 150
    assert charts.expenditure_chart(_doc(role="other")) is None


def test_cjk_font_is_found_when_installed():
    installed = any(Path(p).exists() for p in (
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"))
    font = charts.cjk_font()
    if installed:
        assert font is not None and "CJK" in font
    else:  # no CJK font: the chart is still drawn, with codes as labels
        assert charts.expenditure_chart(_doc()) is not None


@needs_sample
def test_crop_keeps_the_marks_and_their_surroundings():
    boxes = pages.find_highlights(SAMPLE, 11, row="公务接待费", values=[Decimal("4.00")])
    page = pages.render_page(SAMPLE, 11, boxes)
    detail = pages.crop_to_boxes(page, boxes)
    assert detail.width < page.width and detail.height < page.height
    assert detail.width >= 320 * pages.DEFAULT_SCALE - 2
    assert pages.crop_to_boxes(page, []) is page


def test_pages_html_inlines_png_and_whole_page():
    html = render.pages_html([(b"\x89PNG-detail", "表四 · 公务接待费 · 第11页", b"\x89PNG-whole"),
                              (b"\x89PNG", "第4页")])
    assert html.count("<figure") == 2
    assert html.count("data:image/png;base64,") == 3
    assert "<summary>看整页</summary>" in html
    assert "<figcaption>表四 · 公务接待费 · 第11页</figcaption>" in html
    assert "没有可显示" in render.pages_html([])
