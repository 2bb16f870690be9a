"""Build the small genre-variation PDFs under tests/pdfs/ (HTML printed by headless Chromium).

    python scripts/make_test_pdfs.py [--chromium /usr/bin/chromium] [--only SLUG]

The documents are invented (issuers 示例县…/示例市…) and exercise layouts the corpus
does not. ``shili-county-final-2023`` is a three-table sample: a 决算 table in 元
with separate 类/款/项 columns, a 栏次 row, rows that print only the 款 or 项 part,
totals last, no outer left/right border and a letter-spaced title; a two-sided
收入支出决算总表 with 行次 columns; an economic-classification table with
501/50101 codes and "-" / "/" / 0.00 cells.

The whole documents in ``scripts/variants/`` also get ``<slug>.truth.json`` (the
corpus truth shape) written from the same data that produced their HTML, and,
where a module asks for it, the Markdown text form ``<slug>.md``: xijiang (决算 in
元, 附表 numbering, split 类/款/项 columns), nanjiang (预算 in 元, Word-style
ruling), dongling (决算 in 万元, totals last, two-sided 基本支出 with codes) and
linchuan (another region's 预算 template, 附表1-1…, 总计 first).

The text is set in WenQuanYi Zen Hei (Debian fonts-wqy-zenhei) where installed:
its TrueType subset is about a third of the Noto CJK CFF subset, which keeps each
PDF well under 150 KB. Noto Sans CJK SC is the fallback.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from variants import dongling, linchuan, nanjiang, xijiang  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parents[1] / "tests" / "pdfs"

CSS = """
@page { size: A4; margin: 20mm 18mm; }
body { font-family: 'WenQuanYi Zen Hei', 'Noto Sans CJK SC', sans-serif; font-size: 11pt; }
h1 { font-size: 18pt; font-weight: normal; text-align: center; }
.label { font-size: 11pt; margin-top: 4mm; }
.title { font-size: 15pt; font-weight: normal; text-align: center; margin: 2mm 0; }
.unit { text-align: right; font-size: 10pt; }
table { border-collapse: collapse; width: 100%; font-size: 10pt; }
td, th { border: 0.6pt solid #000; padding: 3pt 4pt; font-weight: normal; }
td.n { text-align: right; }
table.open td:first-child, table.open th:first-child { border-left: none; }
table.open td:last-child, table.open th:last-child { border-right: none; }
.note { font-size: 10pt; margin-top: 2mm; }
.pb { page-break-before: always; }
"""


def row(cells: list[str], numeric_from: int) -> str:
    return "<tr>" + "".join(
        f'<td class="n">{c}</td>' if i >= numeric_from else f"<td>{c}</td>" for i, c in enumerate(cells)
    ) + "</tr>"


def final_accounts_html() -> str:
    t3 = [
        ["213", "", "", "农林水支出", "1,200,000.00", "1,150,500.00"],
        ["", "01", "", "农业农村", "1,000,000.00", "980,500.00"],
        ["", "", "01", "行政运行", "800,000.00", "790,500.00"],
        ["", "", "99", "其他农业农村支出", "200,000.00", "190,000.00"],
        ["", "05", "", "巩固脱贫攻坚成果衔接乡村振兴", "200,000.00", "170,000.00"],
        ["", "", "04", "社会发展", "200,000.00", "170,000.00"],
        ["221", "02", "01", "住房公积金", "-", "0.00"],
        ["", "", "", "合计", "1,200,000.00", "1,150,500.00"],
    ]
    summary = [
        ["一、一般公共预算财政拨款收入", "1", "1,150,500.00", "一、农林水支出", "5", "1,150,500.00"],
        ["二、政府性基金预算财政拨款收入", "2", "", "二、住房保障支出", "6", "0.00"],
        ["本年收入合计", "3", "1,150,500.00", "本年支出合计", "7", "1,150,500.00"],
        ["年初结转和结余", "4", "/", "年末结转和结余", "8", "/"],
    ]
    basic = [
        ["", "合计", "790,500.00", "700,000.00", "90,500.00"],
        ["501", "机关工资福利支出", "700,000.00", "700,000.00", "-"],
        ["50101", "工资奖金津补贴", "520,000.00", "520,000.00", "-"],
        ["50102", "社会保障缴费", "180,000.00", "180,000.00", "-"],
        ["502", "机关商品和服务支出", "90,500.00", "/", "90,500.00"],
        ["50201", "办公经费", "90,500.00", "/", "90,500.00"],
    ]
    return f"""<html><head><meta charset="utf-8"><style>{CSS}</style></head><body>
<h1>示例县农业农村局 2023 年度部门决算</h1>
<p>一、部门基本情况</p>
<p>示例县农业农村局是县政府工作部门，主要负责全县农业农村工作。</p>
<div class="label pb">表3</div>
<div class="title">示 例 县 农 业 农 村 局 一 般 公 共 预 算 财 政 拨 款 支 出 决 算 表</div>
<div class="unit">单位：元</div>
<table class="open">
<tr><td colspan="4">项目</td><td rowspan="2">年初预算数</td><td rowspan="2">决算数</td></tr>
<tr><td>类</td><td>款</td><td>项</td><td>科目名称</td></tr>
<tr><td colspan="4">栏次</td><td class="n">1</td><td class="n">2</td></tr>
{''.join(row(r, 4) for r in t3)}
</table>
<div class="note">注：本表按功能分类科目列示。</div>
<div class="label">表1</div>
<div class="title">示例县农业农村局收入支出决算总表</div>
<div class="unit">单位：元</div>
<table>
<tr><td colspan="3">收入</td><td colspan="3">支出</td></tr>
<tr><td>项目</td><td>行次</td><td>金额</td><td>项目</td><td>行次</td><td>金额</td></tr>
{''.join(row(r, 9) for r in summary)}
</table>
<div class="label pb">表5</div>
<div class="title">示例县农业农村局一般公共预算财政拨款基本支出决算表</div>
<div class="unit">单位：元</div>
<table>
<tr><td colspan="2">政府预算支出经济分类科目</td><td colspan="3">本年支出</td></tr>
<tr><td>科目编码</td><td>科目名称</td><td>合计</td><td>人员经费</td><td>公用经费</td></tr>
{''.join(row(r, 2) for r in basic)}
</table>
</body></html>"""


DOCS = {"shili-county-final-2023.pdf": final_accounts_html}
VARIANTS = [xijiang, nanjiang, dongling, linchuan]  # modules with build() -> variants.common.Doc (and MARKDOWN = True for a text form)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser") or "chromium")
    ap.add_argument("--only", help="build only the document with this slug")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    jobs = dict(DOCS)
    pages: dict[str, int] = {}
    for module in VARIANTS:
        doc = module.build()
        name = doc.slug + ".pdf"
        jobs[name] = doc.html
        pages[name] = len(doc.pages)
        (OUT / (doc.slug + ".truth.json")).write_text(json.dumps(doc.truth(), ensure_ascii=False, indent=1) + "\n", "utf-8")
        if getattr(module, "MARKDOWN", False):
            (OUT / (doc.slug + ".md")).write_text(doc.markdown(), "utf-8")
    if args.only:
        jobs = {k: v for k, v in jobs.items() if k.startswith(args.only)}
    with tempfile.TemporaryDirectory() as tmp:
        for name, build in jobs.items():
            html = pathlib.Path(tmp) / (name + ".html")
            html.write_text(build(), encoding="utf-8")
            subprocess.run(
                [
                    args.chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--no-pdf-header-footer", "--disable-pdf-tagging", f"--print-to-pdf={OUT / name}", html.as_uri(),
                ],
                check=True,
                capture_output=True,
                timeout=120,
            )
            qpdf = shutil.which("qpdf")
            if qpdf:  # recompress: the embedded CJK font subset dominates the size
                packed = pathlib.Path(tmp) / name
                subprocess.run(
                    [qpdf, "--object-streams=generate", "--recompress-flate", "--compression-level=9", str(OUT / name), str(packed)],
                    check=True,
                )
                shutil.copyfile(packed, OUT / name)
            print(OUT / name, (OUT / name).stat().st_size, "bytes")
            if name in pages:  # content that overflows a page shows up as an extra page
                got = int(subprocess.run([qpdf or "qpdf", "--show-npages", str(OUT / name)], capture_output=True, text=True).stdout)
                if got != pages[name]:
                    raise SystemExit(f"{name}: {got} pages printed, {pages[name]} laid out; a page overflows")


if __name__ == "__main__":
    main()
