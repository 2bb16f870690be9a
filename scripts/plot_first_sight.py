"""Draw the first-sight trend (each round's new sets, scored once before any fix they prompted)
from the table in a day's report, beside the 85% bar.

    .venv/bin/python scripts/plot_first_sight.py [reports/2026-12-05/README.md] [--out PNG]

Reads the rows of the "The trend of first sight" table (round, single documents, several
documents together) and writes a line chart next to the report (``first-sight-trend.png``).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def read_trend(report: Path) -> list[tuple[int, float, float]]:
    """(round, single-document %, several-together %) from the report's trend table."""
    text = report.read_text("utf-8")
    part = text[text.index("## The trend of first sight"):]
    rows = []
    for line in part.splitlines():
        m = re.match(r"\|\s*(\d+)[^|]*\|\s*([\d.]+)%[^|]*\|\s*([\d.]+)%", line)
        if m:
            rows.append((int(m.group(1)), float(m.group(2)), float(m.group(3))))
        elif rows and not line.startswith("|"):
            break
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report", nargs="?", type=Path, default=ROOT / "reports" / "2026-12-05" / "README.md")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    rows = read_trend(args.report)
    fig = Figure(figsize=(7.5, 3.6), dpi=110)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    rounds = [r for r, _, _ in rows]
    ax.plot(rounds, [s for _, s, _ in rows], marker="o", label="single documents (each alone)")
    ax.plot(rounds, [t for _, _, t in rows], marker="s", label="nine documents together")
    ax.axhline(85, color="grey", linestyle="--", linewidth=1, label="bar: 85% right")
    ax.set_xlabel("round (new sets, scored once before any fix)")
    ax.set_ylabel("right on first sight (%)")
    ax.set_ylim(0, 100)
    ax.set_xticks(rounds)
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    out = args.out or args.report.with_name("first-sight-trend.png")
    fig.savefig(out)
    print(f"{len(rows)} rounds → {out}")
    for r, s, t in rows:
        print(f"  round {r:>2}: {s:5.1f}%  {t:5.1f}%")


if __name__ == "__main__":
    main()
