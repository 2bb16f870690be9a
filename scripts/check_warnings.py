"""Identity and arithmetic-check counts per disclosure: ``python scripts/check_warnings.py FILE... [-v]``.

Each file is parsed through the ingest pipeline (no store, no embeddings) and one line
is printed: issuer, year, kind, level, then the checks that are ok, rounding and
warnings; with ``-v`` every rounding and warning message follows, one line each
(table, row, column, page, both figures).

    .venv/bin/python scripts/check_warnings.py ../shared/corpus/*.pdf ../shared/corpus/real/*.pdf tests/pdfs/shili-*
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.errors import InputError  # noqa: E402
from ingest.pipeline import parse_path  # noqa: E402


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    files = [Path(a) for a in argv if a != "-v"]
    total = 0
    for f in files:
        start = time.perf_counter()
        try:
            doc = parse_path(f)
        except InputError as e:
            print(f"{f.name}: {e}")
            continue
        counts = {s: sum(c.status == s for c in doc.checks) for s in ("ok", "rounding", "warning")}
        total += counts["warning"]
        print(f"{f.name:36s} {doc.issuer} | {doc.year} | {doc.kind} | {doc.level} | "
              f"checks {counts['ok']} ok, {counts['rounding']} rounding, {counts['warning']} warnings "
              f"({time.perf_counter() - start:.0f} s)", flush=True)
        if verbose:
            for c in doc.checks:
                if c.status != "ok":
                    print(f"    {c.status}: {c.message}", flush=True)
    print(f"{len(files)} files, {total} warnings")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
