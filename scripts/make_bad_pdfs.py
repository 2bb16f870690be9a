"""Bad-input fixtures: two kept in tests/pdfs/, two built on demand by the tests.

    python scripts/make_bad_pdfs.py                      # rebuild the kept fixtures
    python scripts/make_bad_pdfs.py --huge OUT.pdf [--rows 5000]
    python scripts/make_bad_pdfs.py --scan OUT.pdf [--pages 100]

Kept in the repository (rebuilt by hand):

- scanned-page.pdf: one page of the sample disclosure rendered to a grey image, with no text layer.
- encrypted.pdf: the same, encrypted with the user password "secret" (needs Debian's qpdf).

Built on demand (pure Python, no browser, a few seconds):

- :func:`huge_table_pdf`: one tall page holding a ruled 一般公共预算支出表 of ``rows`` rows
  (7-digit 功能分类 codes, names, three amount columns). The text uses the PDF's
  predefined Chinese font STSong-Light (Adobe-GB1, UniGB-UCS2-H), so nothing is embedded
  and every reader extracts the characters.
- :func:`scanned_pdf`: ``pages`` pages that are only images (no text layer), as a scanner makes.
"""

from __future__ import annotations

import argparse
import subprocess
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "pdfs"


def _hex(text: str) -> str:
    return "<" + text.encode("utf-16-be").hex().upper() + ">"


def _write_pdf(path: Path, page_objs: list[bytes], extra: list[bytes]) -> None:
    """Objects 1 (catalog) and 2 (pages) are written here; ``page_objs`` and ``extra`` follow."""
    n_pages = len(page_objs)
    kids = " ".join(f"{3 + i} 0 R" for i in range(n_pages))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode(), *page_objs, *extra]
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))


def _stream(data: bytes) -> bytes:
    packed = zlib.compress(data)
    return f"<< /Length {len(packed)} /Filter /FlateDecode >>\nstream\n".encode() + packed + b"\nendstream"


def huge_table_pdf(path: Path, rows: int = 5000, ruled: bool = True) -> Path:
    """One page, one table of ``rows`` budget rows (plus its header row), ruled or aligned only."""
    row_h, size = 14.0, 8.0
    cols = [40.0, 110.0, 300.0, 390.0, 480.0, 570.0]  # x of the vertical rules
    top_margin = 90.0
    height = top_margin + (rows + 1) * row_h + 40.0
    width = 610.0
    ops: list[str] = []

    def text(x: float, y: float, s: str, sz: float = size) -> None:
        ops.append(f"BT /F1 {sz:g} Tf {x:.1f} {y:.1f} Td {_hex(s)} Tj ET")

    text(40, height - 40, "表五", 10)
    text(150, height - 58, "2024年一般公共预算支出预算表", 14)
    text(500, height - 78, "单位：万元", 9)
    header = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
    table_top = height - top_margin
    ops.append("0.5 w")
    for k in range(rows + 2 if ruled else 0):  # horizontal rules
        y = table_top - k * row_h
        ops.append(f"{cols[0]:.1f} {y:.1f} m {cols[-1]:.1f} {y:.1f} l S")
    bottom = table_top - (rows + 1) * row_h
    for x in cols if ruled else ():
        ops.append(f"{x:.1f} {table_top:.1f} m {x:.1f} {bottom:.1f} l S")
    for j, h in enumerate(header):
        text(cols[j] + 3, table_top - row_h + 4, h)
    for i in range(rows):
        y = table_top - (i + 2) * row_h + 4
        basic, project = 100 + i % 97, 50 + i % 13
        cells = [f"{2010101 + i}", f"项目支出明细{i + 1}", f"{basic + project:.2f}", f"{basic:.2f}", f"{project:.2f}"]
        for j, c in enumerate(cells):
            x = cols[j] + 3 if j < 2 else cols[j + 1] - 3 - 0.5 * size * len(c)
            text(x, y, c)
    content = "\n".join(ops).encode()
    page = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width:g} {height:g}] "
            f"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>").encode()
    font = (b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
            b"/DescendantFonts [6 0 R] >>")
    cid = (b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
           b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> "
           b"/FontDescriptor 7 0 R /DW 1000 /W [1 95 500] >>")
    desc = (b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
            b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_pdf(path, [page], [_stream(content), font, cid, desc])
    return path


def scanned_pdf(path: Path, pages: int = 100) -> Path:
    """``pages`` image-only pages (a grey scan with dark bands, no text layer)."""
    w, h = 595, 842
    img_w, img_h = 620, 877  # a small 75 dpi greyscale scan
    data = b"".join(bytes([40 if y % 60 < 3 else 235]) * img_w for y in range(img_h))
    page_objs, extra = [], []
    first_extra = 3 + pages
    for i in range(pages):
        content_id = first_extra + 2 * i
        image_id = content_id + 1
        page_objs.append((f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w} {h}] "
                          f"/Resources << /XObject << /Im0 {image_id} 0 R >> >> /Contents {content_id} 0 R >>").encode())
        extra.append(_stream(f"q {w} 0 0 {h} 0 0 cm /Im0 Do Q".encode()))
        packed = zlib.compress(data)
        extra.append(f"<< /Type /XObject /Subtype /Image /Width {img_w} /Height {img_h} /ColorSpace /DeviceGray "
                     f"/BitsPerComponent 8 /Length {len(packed)} /Filter /FlateDecode >>\nstream\n".encode()
                     + packed + b"\nendstream")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_pdf(path, page_objs, extra)
    return path


def kept_fixtures() -> None:
    import pypdfium2 as pdfium

    OUT.mkdir(parents=True, exist_ok=True)
    pdf = pdfium.PdfDocument(str(ROOT / "data" / "samples" / "nanan-jxw-2024.pdf"))
    image = pdf[10].render(scale=0.6).to_pil().convert("L")
    scanned = OUT / "scanned-page.pdf"
    image.save(scanned, "PDF", resolution=72)
    subprocess.run(["qpdf", "--encrypt", "secret", "owner", "256", "--", str(scanned),
                    str(OUT / "encrypted.pdf")], check=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--huge", type=Path, help="write the one-page table of --rows rows here")
    ap.add_argument("--rows", type=int, default=5000)
    ap.add_argument("--unruled", action="store_true", help="the table without rules (aligned text only)")
    ap.add_argument("--scan", type=Path, help="write an image-only PDF of --pages pages here")
    ap.add_argument("--pages", type=int, default=100)
    args = ap.parse_args()
    if args.huge:
        print(huge_table_pdf(args.huge, args.rows, ruled=not args.unruled))
    if args.scan:
        print(scanned_pdf(args.scan, args.pages))
    if not (args.huge or args.scan):
        kept_fixtures()


if __name__ == "__main__":
    main()
