"""Tables read from the real corpus PDFs with pdfplumber, checked against the truth files."""

from __future__ import annotations

import json
import pathlib
import time
from decimal import Decimal

import pytest

from ingest.errors import CorruptPDF, EmptyFile, EncryptedPDF, NotAPDF, ScannedPDF
from ingest.model import Extracted, Table
from ingest.pdf import extract_pdf
from ingest.rowmatch import document_from_extracted, row_match
from tests.conftest import CORPUS, NO_SHARED


def corpus() -> pathlib.Path:
    return CORPUS


PDFS = [
    "nanan-jxw-2024.pdf",
    "shili-donghu-jiaowei-2024.pdf",
    "shili-donghu-jiaowei-2024-lo.pdf",
    "shili-beicheng-sifaju-2024.pdf",
]
_CACHE: dict[str, Extracted] = {}


def extracted(name: str) -> Extracted:
    path = corpus() / name
    if not path.exists():
        pytest.skip(f"{NO_SHARED}: {path.name} missing")
    if name not in _CACHE:
        _CACHE[name] = extract_pdf(path)
    return _CACHE[name]


def truth(name: str) -> dict:
    return json.loads((corpus() / (pathlib.Path(name).stem + ".truth.json")).read_text(encoding="utf-8"))


def table(ex: Extracted, table_id: str, seq: int | None = None) -> Table:
    return next(t for t in ex.tables if t.table_id == table_id and t.seq == seq)


@pytest.mark.parametrize("name", PDFS)
def test_row_match_at_least_99_percent(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    ex = extracted(name)
    doc = document_from_extracted(ex, pathlib.Path(name).stem, name)
    report = row_match(doc.to_truth_dict(), truth(name))
    with capsys.disabled():
        print(f"\nrow match {name}: {report.matched}/{report.expected} = {report.rate:.2%}")
    assert report.rate >= 0.99, report.summary() + "\n" + "\n".join(report.missing[:20])


@pytest.mark.parametrize("name", PDFS)
def test_table_metadata_as_truth(name: str) -> None:
    ex = extracted(name)
    got = {(t.table_id, t.seq): t for t in ex.tables}
    for want in truth(name)["tables"]:
        t = got[(want["table_id"], want.get("seq"))]
        assert t.columns == want["columns"], t.key
        assert (t.page, t.page_end) == (want["page"], want["page_end"]), t.key
        assert t.unit == want["unit"] and t.role == want["role"], t.key
        assert t.note == want.get("note"), t.key
        assert t.column_groups == want.get("column_groups"), t.key
    assert len(ex.tables) == len(truth(name)["tables"])


def test_split_row_across_page_break_is_one_row() -> None:
    t = table(extracted("nanan-jxw-2024.pdf"), "表七")
    rows = [r for r in t.rows if r.code == "2101199"]
    assert len(rows) == 1
    r = rows[0]
    assert r.name == "其他行政事业单位医疗支出"
    assert r.values["总计"].text == "11.48" and r.value("总计") == Decimal("11.48")
    assert r.values["一般公共预算拨款收入"].value == Decimal("11.48")
    assert r.page == 14 and r.parent_code == "21011" and r.level == 3
    assert not any(x.name == "支出" or x.name == "其他行政事业单位医疗" for x in t.rows)


def test_rounding_as_published() -> None:
    t = table(extracted("nanan-jxw-2024.pdf"), "表三")
    total = t.rows[0]
    assert total.name == "合计" and total.code is None
    assert total.values["总计"].text == "969.72" and total.value("人员经费") == Decimal("833.90")
    gpb = table(extracted("nanan-jxw-2024.pdf"), "表二")
    assert next(r for r in gpb.rows if r.code == "20805").value("总计") == Decimal("228.18")


def test_last_performance_table_fields_across_pages() -> None:
    ex = extracted("nanan-jxw-2024.pdf")
    perf = [t for t in ex.tables if t.table_id == "表十一"]
    assert [t.seq for t in perf] == [1, 2, 3, 4, 5, 6, 7]
    last = perf[-1]
    assert (last.page, last.page_end) == (24, 25)
    assert last.fields["项目名称"] == "工业、信息化及智能制造"
    assert last.fields["主管部门"] == "402-重庆市南岸区经济和信息化委员会"
    assert last.fields["当年预算"] == Decimal("40.00")
    assert last.fields["当年绩效目标"] == "积极培育创新型中小企业、专精特新中小企业、专精特新“小巨人”企业。"
    assert "\n二、一是根据" in last.fields["项目概况"]
    assert [r.name for r in last.rows][-1] == "助力企业创建数字化工厂及车间数"
    assert last.rows[3].values["指标值"].value == Decimal("6000") and last.rows[3].values["计量单位"].text == "万元"
    assert truth("nanan-jxw-2024.pdf")["tables"][-1]["fields"] == {
        k: (float(v) if isinstance(v, Decimal) else v) for k, v in last.fields.items()
    }


def test_merged_header_names_and_paths() -> None:
    ex = extracted("nanan-jxw-2024.pdf")
    sangong = table(ex, "表四")
    assert sangong.columns[2] == "公务用车购置及运行费小计"
    assert sangong.rows[0].name == "2024年预算数" and sangong.rows[0].value("公务接待费") == Decimal("4.00")
    gpb = table(ex, "表二")
    assert gpb.column_paths["基本支出"] == ["2024年预算数", "基本支出"]
    assert gpb.header_rows[0][:3] == ["功能分类科目", "", "2023年预算数"]


def test_two_sided_summary_has_sides() -> None:
    t = table(extracted("shili-donghu-jiaowei-2024.pdf"), "表一")
    assert t.column_groups == {"收入": ["预算数"], "支出": ["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]}
    spend = next(r for r in t.rows if r.side == "支出" and r.name == "其他支出")
    assert spend.value("政府性基金预算") == Decimal("260.00")
    assert {r.side for r in t.rows} == {"收入", "支出"}


def test_repeated_header_on_continuation_is_dropped() -> None:
    t = table(extracted("shili-beicheng-sifaju-2024.pdf"), "表1-1")
    assert (t.page, t.page_end) == (4, 5)
    assert not any(r.name in ("科目名称", "科目编码", "科目") for r in t.rows)
    assert len(t.rows) == 26


def test_procurement_category_and_sequence_column() -> None:
    t = table(extracted("shili-donghu-jiaowei-2024.pdf"), "表九")
    assert t.rows[0].name == "合计" and t.rows[0].category is None
    assert [r.category for r in t.rows[1:4]] == ["货物", "工程", "服务"]


def test_narrative_excludes_tables() -> None:
    ex = extracted("nanan-jxw-2024.pdf")
    assert ex.pages == 25
    assert ex.head_lines[:2] == ["重庆市南岸区经济和信息化委员会", "2024 年部门预算情况说明"]
    texts = [ln.text for ln in ex.lines]
    assert not any("单位：万元" in t or t.startswith("表") and len(t) < 5 for t in texts)
    assert max(ln.page for ln in ex.lines) == 6
    heading = next(ln for ln in ex.lines if ln.text == "一、单位基本情况")
    assert heading.bold and heading.size == 12.0


def test_seed_pdf_is_fast() -> None:
    path = corpus() / "nanan-jxw-2024.pdf"
    if not path.exists():
        pytest.skip(f"{NO_SHARED}: {path.name} missing")
    start = time.perf_counter()
    extract_pdf(path)
    assert time.perf_counter() - start < 10


def test_progress_events() -> None:
    events = []
    extract_pdf(corpus() / "shili-beicheng-sifaju-2024.pdf", progress=events.append)
    pages = [e for e in events if e.stage == "page"]
    assert [e.done for e in pages] == list(range(1, 15)) and pages[-1].total == 14 and pages[-1].tables > 0


# -- unreadable inputs ---------------------------------------------------------------------


def test_empty_file(tmp_path: pathlib.Path) -> None:
    p = tmp_path / "empty.pdf"
    p.write_bytes(b"")
    with pytest.raises(EmptyFile, match="empty"):
        extract_pdf(p)


def test_not_a_pdf(tmp_path: pathlib.Path) -> None:
    p = tmp_path / "report.pdf"
    p.write_text("这不是PDF", encoding="utf-8")
    with pytest.raises(NotAPDF, match="not a PDF"):
        extract_pdf(p)


def test_truncated_pdf(tmp_path: pathlib.Path) -> None:
    p = tmp_path / "cut.pdf"
    p.write_bytes((corpus() / "shili-beicheng-sifaju-2024.pdf").read_bytes()[:3000])
    with pytest.raises(CorruptPDF, match="damaged"):
        extract_pdf(p)


def test_scanned_pdf(tmp_path: pathlib.Path) -> None:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    doc.new_page(595, 842)
    p = tmp_path / "scan.pdf"
    doc.save(str(p))
    with pytest.raises(ScannedPDF, match="no text layer"):
        extract_pdf(p)


def test_encrypted_pdf() -> None:
    # a disclosure encrypted with a user password (scripts/make_bad_pdfs.py)
    with pytest.raises(EncryptedPDF, match="password"):
        extract_pdf(pathlib.Path(__file__).resolve().parent / "pdfs" / "encrypted.pdf")


# -- genre variations (tests/pdfs, built by scripts/make_test_pdfs.py) -------------------

GENRE = pathlib.Path(__file__).resolve().parent / "pdfs" / "shili-county-final-2023.pdf"


@pytest.fixture(scope="module")
def county() -> Extracted:
    if not GENRE.exists():
        pytest.skip("run scripts/make_test_pdfs.py first")
    return extract_pdf(GENRE)


def test_final_accounts_in_yuan_with_split_class_columns(county: Extracted) -> None:
    t = table(county, "表3")
    assert t.title == "示例县农业农村局一般公共预算财政拨款支出决算表"  # letter-spaced title
    assert (t.unit, t.role, t.columns) == ("元", "f_gpb_exp", ["年初预算数", "决算数"])
    assert [r.code for r in t.rows] == ["213", "21301", "2130101", "2130199", "21305", "2130504", "2210201", None]
    assert t.rows[-1].name == "合计" and t.rows[-1].value("决算数") == Decimal("1150500.00")
    assert t.rows[0].value("年初预算数") == Decimal("1200000.00")  # first column despite no outer border
    assert t.rows[3].parent_code == "21301"
    assert t.rows[6].values["年初预算数"].text == "-" and t.rows[6].values["决算数"].value == Decimal("0.00")
    assert t.note == "注：本表按功能分类科目列示。"


def test_final_accounts_two_sided_with_line_numbers(county: Extracted) -> None:
    t = table(county, "表1")
    assert t.role == "f_dept_summary" and t.column_groups == {"收入": ["金额"], "支出": ["金额"]}
    income = [r.name for r in t.rows if r.side == "收入"]
    assert income[0] == "一、一般公共预算财政拨款收入" and "年初结转和结余" in income
    assert next(r for r in t.rows if r.name == "本年支出合计").value("金额") == Decimal("1150500.00")


def test_government_economic_codes(county: Extracted) -> None:
    t = table(county, "表5")
    assert [r.code for r in t.rows] == [None, "501", "50101", "50102", "502", "50201"]
    assert t.rows[2].parent_code == "501" and t.rows[2].level == 2
    assert t.rows[4].values["人员经费"].text == "/" and t.rows[4].value("人员经费") is None
    assert t.column_paths["人员经费"] == ["本年支出", "人员经费"]


def test_genre_narrative(county: Extracted) -> None:
    assert [ln.text for ln in county.lines][:2] == ["示例县农业农村局 2023 年度部门决算", "一、部门基本情况"]
