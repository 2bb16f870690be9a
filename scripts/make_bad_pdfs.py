"""Rebuild the bad-input fixtures in tests/pdfs/ (kept in the repository; run by hand).

- scanned-page.pdf: one page of the sample disclosure rendered to a grey image, with no text layer.
- encrypted.pdf: the same, encrypted with the user password "secret" (needs Debian's qpdf).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "pdfs"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    pdf = pdfium.PdfDocument(str(ROOT / "data" / "samples" / "nanan-jxw-2024.pdf"))
    image = pdf[10].render(scale=0.6).to_pil().convert("L")
    scanned = OUT / "scanned-page.pdf"
    image.save(scanned, "PDF", resolution=72)
    subprocess.run(["qpdf", "--encrypt", "secret", "owner", "256", "--", str(scanned),
                    str(OUT / "encrypted.pdf")], check=True)


if __name__ == "__main__":
    main()
