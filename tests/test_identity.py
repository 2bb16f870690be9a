"""The document's identity from the document: issuer, year, kind, region, level and short forms.

Every corpus file, every genre variant under tests/pdfs and every real PDF of
``shared/corpus/real`` is read from its cover (page 1, as ingest reads it); the
truth is what each cover prints. A few are also parsed whole, through the pipeline.
"""

from __future__ import annotations

import os
from pathlib import Path

import pdfplumber
import pytest

from ingest.meta import document_meta, level_of, short_forms, split_issuer
from ingest.model import Document, Table
ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("BUDGET_QA_SHARED", ROOT.parent / "shared"))  # as tests/conftest.py finds it
CORPUS = SHARED / "corpus"

REAL = CORPUS / "real"
PDFS = ROOT / "tests" / "pdfs"

# file → (issuer, year, kind, level), as each cover prints it
TRUTH = {
    CORPUS / "nanan-jxw-2024.pdf": ("重庆市南岸区经济和信息化委员会", 2024, "部门预算", "区级"),
    CORPUS / "nanan-jxw-2024.txt": ("重庆市南岸区经济和信息化委员会", 2024, "部门预算", "区级"),
    CORPUS / "shili-donghu-jiaowei-2024.pdf": ("示例市东湖区教育委员会", 2024, "部门预算", "区级"),
    CORPUS / "shili-donghu-jiaowei-2024-lo.pdf": ("示例市东湖区教育委员会", 2024, "部门预算", "区级"),
    CORPUS / "shili-beicheng-sifaju-2024.pdf": ("示例市北城区司法局", 2024, "部门预算", "区级"),
    PDFS / "shili-county-final-2023.pdf": ("示例县农业农村局", 2023, "部门决算", "县级"),
    PDFS / "shili-dongling-slj-final-2023.pdf": ("示例市东岭区水利局", 2023, "部门决算", "区级"),
    PDFS / "shili-linchuan-scjg-2024.pdf": ("示例市临川区市场监督管理局", 2024, "部门预算", "区级"),
    PDFS / "shili-linchuan-scjg-2024.md": ("示例市临川区市场监督管理局", 2024, "部门预算", "区级"),
    PDFS / "shili-nanjiang-wjw-2024.pdf": ("示例市南江区卫生健康委员会", 2024, "部门预算", "区级"),
    PDFS / "shili-xijiang-czj-final-2023.pdf": ("示例市西江区财政局", 2023, "部门决算", "区级"),
    PDFS / "shili-xijiang-czj-final-2023.md": ("示例市西江区财政局", 2023, "部门决算", "区级"),
    REAL / "putuo-sww-2025ys.pdf": ("上海市普陀区商务委员会", 2025, "部门预算", "区级"),
    REAL / "putuo-swwdw-2025ys.pdf": ("上海市普陀区商务委员会", 2025, "单位预算", "区级"),
    REAL / "putuo-wanli-2024ys.pdf": ("上海市普陀区人民政府万里街道办事处", 2024, "部门预算", "区级"),
    REAL / "putuo-wanli-2025ys.pdf": ("上海市普陀区人民政府万里街道办事处", 2025, "部门预算", "区级"),
    REAL / "putuo-ghzyj-2024js.pdf": ("上海市普陀区规划和自然资源局", 2024, "部门决算", "区级"),
    REAL / "putuo-shgzb-2024js.pdf": ("中共上海市普陀区委社会工作部", 2024, "部门决算", "区级"),
    REAL / "shanghai-template-js-2024.pdf": ("上海市XX局", 2024, "部门决算", "市级"),
    REAL / "chongqing-jxw-2026ys.pdf": ("重庆市经济和信息化委员会", 2026, "部门预算", "市级"),
    REAL / "chongqing-swjw-2026ys.pdf": ("重庆市商务委员会", 2026, "部门预算", "市级"),
    REAL / "guangzhou-wjw-2026ys.pdf": ("广州市卫生健康委员会", 2026, "部门预算", "市级"),
    REAL / "jiangsu-jcy-2017ys.pdf": ("江苏省人民检察院", 2017, "部门预算", "省级"),
    REAL / "jiangsu-jcy-2018ys.pdf": ("江苏省人民检察院", 2018, "部门预算", "省级"),
    REAL / "jiangsu-jcy-2019ys.pdf": ("江苏省人民检察院", 2019, "部门预算", "省级"),
}
needs_corpus = pytest.mark.skipif(not REAL.exists(), reason="shared corpus not available")


def cover_lines(path) -> list[str]:
    """The head lines ingest reads: page 1's lines for a PDF, the first lines of a text form."""
    if path.suffix != ".pdf":
        from ingest.text import extract_text

        return extract_text(path.read_text("utf-8")).head_lines
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        try:
            from ingest.pdf import HEAD_LINES, _read_page

            return [ln.text for ln in _read_page(page, 1)[2][:HEAD_LINES]]
        except (ImportError, TypeError):  # the reader changed shape: page 1's plain lines
            return [ln["text"] for ln in page.extract_text_lines()][:15]


@needs_corpus
@pytest.mark.parametrize("path", list(TRUTH), ids=lambda p: p.name)
def test_cover_gives_issuer_year_kind_level(path) -> None:
    issuer, year, kind, level = TRUTH[path]
    meta = document_meta(cover_lines(path), [], [])
    assert (meta.issuer, meta.year, meta.kind, meta.level) == (issuer, year, kind, level)
    assert meta.region and issuer.replace("中共", "").startswith(meta.region)
    assert meta.issuer in meta.title or meta.region in meta.title
    assert meta.aliases and meta.issuer not in meta.aliases


@needs_corpus
@pytest.mark.parametrize("name", ["putuo-swwdw-2025ys.pdf", "putuo-shgzb-2024js.pdf", "jiangsu-jcy-2017ys.pdf"])
def test_whole_pipeline_gives_identity(name: str) -> None:
    from ingest.pipeline import parse_path

    doc = parse_path(REAL / name)
    issuer, year, kind, level = TRUTH[REAL / name]
    assert (doc.issuer, doc.year, doc.kind, doc.level) == (issuer, year, kind, level)
    assert doc.aliases == short_forms(issuer) and doc.region == split_issuer(issuer)[0]
    assert set(doc.units.values()) <= {"元", "万元"} and doc.units


@pytest.mark.parametrize(("issuer", "region", "body"), [
    ("上海市普陀区商务委员会", "上海市普陀区", "商务委员会"),
    ("上海市普陀区人民政府万里街道办事处", "上海市普陀区", "人民政府万里街道办事处"),
    ("中共上海市普陀区委社会工作部", "上海市普陀区", "区委社会工作部"),
    ("广州市卫生健康委员会", "广州市", "卫生健康委员会"),
    ("江苏省人民检察院", "江苏省", "人民检察院"),
    ("示例县农业农村局", "示例县", "农业农村局"),
    ("示例市临川区市场监督管理局", "示例市临川区", "市场监督管理局"),
    ("北京市西城区城市管理委员会", "北京市西城区", "城市管理委员会"),
    ("上海市普陀区社区卫生服务中心", "上海市普陀区", "社区卫生服务中心"),
    ("上海市XX局", "上海市", "XX局"),
])
def test_region_is_split_from_the_name(issuer: str, region: str, body: str) -> None:
    assert split_issuer(issuer) == (region, body)


def test_levels_follow_the_last_place() -> None:
    assert [level_of(r) for r in ("江苏省", "重庆市", "上海市普陀区", "示例县", None)] == [
        "省级", "市级", "区级", "县级", None]


@pytest.mark.parametrize(("issuer", "expected"), [
    ("上海市普陀区商务委员会", ["商务委员会", "普陀区商务委员会", "商务委", "普陀区商务委"]),
    ("示例市南江区卫生健康委员会", ["卫生健康委员会", "卫健委", "南江区卫健委"]),
    ("示例市南江区卫生健康局", ["卫健局"]),
    ("重庆市南岸区经济和信息化委员会", ["经济和信息化委员会", "经信委", "南岸区经信委"]),
    ("上海市普陀区人民政府办公室", ["区政府办公室", "区府办"]),
    ("上海市普陀区规划和自然资源局", ["规划和自然资源局", "规资局"]),
    ("江苏省人民检察院", ["人民检察院", "检察院", "省检察院"]),
    ("中共上海市普陀区委社会工作部", ["社会工作部", "区委社会工作部", "社工部"]),
    ("上海市普陀区人民政府万里街道办事处", ["万里街道办事处", "万里街道", "普陀区万里街道"]),
    ("示例市临川区市场监督管理局", ["市场监督管理局", "市监局"]),
    ("广州市卫生健康委员会", ["卫健委", "广州市卫健委"]),
])
def test_short_forms_by_rule(issuer: str, expected: list[str]) -> None:
    forms = short_forms(issuer)
    assert all(e in forms for e in expected), forms
    assert issuer not in forms and len(forms) == len(set(forms))


def test_short_forms_never_misread_the_name() -> None:
    """No form repeats an initial (农业农村局 is no 农农局) or splits a place (广州 + 市…)."""
    assert not any("农农" in f for f in short_forms("示例县农业农村局"))
    assert not any(f.startswith(("州", "广州卫")) for f in short_forms("广州市卫生健康委员会"))
    assert "临川区市场监督管理局" in short_forms("示例市临川区市场监督管理局")
    assert "普陀区社会工作部" not in short_forms("中共上海市普陀区委社会工作部")
    assert not any("人民院" in f for f in short_forms("江苏省人民检察院"))


@needs_corpus
def test_every_issuer_gets_forms_by_the_same_rule() -> None:
    for issuer, *_ in set(TRUTH.values()):
        region, body = split_issuer(issuer)
        forms = short_forms(issuer)
        assert region and forms, issuer
        assert body in forms or body.replace("区委", "") in forms or body.startswith("人民政府"), (issuer, forms)
        assert all(len(f) < len(issuer) for f in forms), (issuer, forms)


def test_identity_on_hand_made_documents_and_json_round_trip() -> None:
    doc = Document("d1", "t", "上海市普陀区商务委员会", 2025, "单位预算", "元", "x.pdf", 3,
                   tables=[Table("表1", "收入", "元", 1, ["合计"]), Table("表7", "三公", "万元", 3, ["合计"])])
    assert (doc.region, doc.level) == ("上海市普陀区", "区级") and "商务委" in doc.aliases
    assert doc.units == {"表1": "元", "表7": "万元"}
    back = Document.from_truth_dict(doc.to_truth_dict())
    assert (back.region, back.level, back.aliases) == (doc.region, doc.level, doc.aliases)
    try:
        from store.local import document_from_json, document_to_json
    except ImportError:
        from assistant.store import document_from_json, document_to_json
    again = document_from_json(document_to_json(doc))
    assert (again.region, again.level, again.aliases, again.kind) == (doc.region, doc.level, doc.aliases, "单位预算")
    stated = Document("d2", "t", "示例镇人民政府", 2024, "部门预算", None, "y.pdf", 1, level="乡镇级", aliases=["示例镇"])
    assert stated.level == "乡镇级" and stated.aliases == ["示例镇"]


def test_documents_listed_by_issuer_and_year() -> None:
    from types import SimpleNamespace

    from assistant.cli import document_lines

    def info(doc_id: str, issuer: str | None, year: int | None, kind: str) -> SimpleNamespace:
        return SimpleNamespace(doc_id=doc_id, name=f"{doc_id}.pdf", issuer=issuer, year=year, kind=kind,
                               pages=20, tables=9, rows=100, chunks=10)

    lines = document_lines([
        info("w25", "上海市普陀区人民政府万里街道办事处", 2025, "部门预算"),
        info("unit", "上海市普陀区商务委员会", 2025, "单位预算"),
        info("none", None, None, "部门预算"),
        info("dept", "上海市普陀区商务委员会", 2025, "部门预算"),
        info("w24", "上海市普陀区人民政府万里街道办事处", 2024, "部门预算"),
    ])
    assert lines[0].startswith("上海市普陀区人民政府万里街道办事处（上海市普陀区；区级）") and "万里街道" in lines[0]
    assert [ln.split()[-1] for ln in lines if ln.startswith("  ")] == [
        "w24.pdf", "w25.pdf", "dept.pdf", "unit.pdf", "none.pdf"]
    assert lines[1].split()[:3] == ["2024", "部门预算", "区级"] and "9 tables, 100 rows" in lines[1]
    assert lines[3].startswith("上海市普陀区商务委员会") and "商务委" in lines[3]
    assert lines[-2] == "(issuer not stated)"


def test_cover_forms_by_hand() -> None:
    """A title naming only a place with the issuer on the next line; a labelled issuer; a year on
    its own line; a name split over three lines; 单位 told from table titles when the cover says 预算."""
    nxt = document_meta(["上海市普陀区2025年区级部门预算", "上海市普陀区商务委员会"], [], [])
    assert (nxt.issuer, nxt.region, nxt.level, nxt.title) == (
        "上海市普陀区商务委员会", "上海市普陀区", "区级", "上海市普陀区商务委员会2025年区级部门预算")
    short = document_meta(["上海市普陀区2025年区级部门预算", "编制部门：商务委员会"], [], [])
    assert short.issuer == "上海市普陀区商务委员会"
    lone = document_meta(["江苏省人民检察院", "年部门预算", "2017"], [], [])
    assert (lone.issuer, lone.year, lone.kind) == ("江苏省人民检察院", 2017, "部门预算")
    party = document_meta(["中共上海市普陀区委", "社会工作部 2024 年度", "部门决算"], [], [])
    assert (party.issuer, party.year, party.kind) == ("中共上海市普陀区委社会工作部", 2024, "部门决算")
    titles = [Table("1", "2025年预算单位财务收支预算总表", "元", 1, []), Table("2", "2025年预算单位收入预算总表", "元", 2, [])]
    unit = document_meta(["附件", "上海市普陀区商务委员会2025年预算"], titles, [])
    assert (unit.issuer, unit.kind) == ("上海市普陀区商务委员会", "单位预算")
