"""Write an evaluation report: ``report.md`` plus one PNG chart per question set.

``write_report(set_scores, out_dir, settings_info, baseline)`` takes

* ``set_scores``: the :class:`~eval.scoring.SetScore` of each question set,
  as a sequence (named by ``SetScore.name``) or a mapping name → score;
* ``settings_info``: what the run used (documents, embedding model, package
  versions …); rendered as a two-column table, nested mappings as
  ``outer.inner`` rows and lists joined with commas;
* ``baseline`` (optional): a retrieval ceiling per question type, drawn next to
  the accuracy bars and listed in the per-type tables::

      {"label": "retrieval ceiling",             # optional, legend text
       "per_type": {"lookup": 0.94, ...},        # used for every set
       "sets": {"seed-dev": {"lookup": 0.97}}}   # optional, per set, wins

  A value is a fraction in [0, 1], a ``[hits, total]`` pair, or a mapping
  with ``"ceiling"`` or ``"accuracy"``.

The report has a summary table over all sets (accuracy, wrong answers,
refusals, and the invariance rate over question variants when given), the
settings, then a section per set: chart, per-type table, refusal/citation/
latency figures, the invariance per variant kind, and the failures (id,
outcome, question, why), wrong answers first. Charts are drawn with matplotlib's Agg canvas
(no pyplot, no global backend change), in a CJK-capable font when one is
installed (Noto Sans/Serif CJK, Source Han, WenQuanYi …), otherwise in the
default font with CJK glyph warnings silenced.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from eval.scoring import SetScore

__all__ = ["cjk_font_name", "write_report"]

_CJK_FONT_HINTS = (
    "Noto Sans CJK",
    "Noto Serif CJK",
    "Source Han Sans",
    "Source Han Serif",
    "WenQuanYi",
    "Droid Sans Fallback",
    "SimHei",
    "Microsoft YaHei",
    "PingFang",
)


def cjk_font_name() -> str | None:
    """The family name of an installed CJK-capable font, or None."""
    from matplotlib import font_manager

    names = {entry.name for entry in font_manager.fontManager.ttflist}
    for hint in _CJK_FONT_HINTS:
        for name in sorted(names):
            if name.startswith(hint):
                return name
    return None


def _cell(value: Any) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(str(value).split()).replace("|", "\\|") or " "


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def _ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f} ms"


def _slug(name: str) -> str:
    slug = re.sub(r"[^0-9A-Za-z._-]+", "-", name).strip("-")
    return slug or "set"


def _fraction(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, Mapping):
        for key in ("ceiling", "accuracy"):
            if key in value:
                return _fraction(value[key])
        return None
    if isinstance(value, Sequence) and not isinstance(value, str) and len(value) == 2:
        hits, total = value
        return float(hits) / float(total) if total else None
    return None


def _baseline_for(baseline: Mapping[str, Any] | None, set_name: str) -> dict[str, float]:
    if not baseline:
        return {}
    merged: dict[str, Any] = dict(baseline.get("per_type") or {})
    merged.update((baseline.get("sets") or {}).get(set_name) or {})
    out = {}
    for qtype, value in merged.items():
        fraction = _fraction(value)
        if fraction is not None:
            out[str(qtype)] = fraction
    return out


def _draw_chart(result: SetScore, ceiling: dict[str, float], label: str, path: Path) -> None:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*[Gg]lyph.*missing.*")
        _draw(result, ceiling, label, path)


def _draw(result: SetScore, ceiling: dict[str, float], label: str, path: Path) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    family = cjk_font_name()
    font = FontProperties(family=family) if family else FontProperties()
    types = list(result.per_type)
    accuracy = [result.type_accuracy.get(t, 0.0) for t in types]
    fig = Figure(figsize=(max(6.0, 0.7 * len(types) + 2), 4.0), dpi=110)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    xs = list(range(len(types)))
    width = 0.4 if ceiling else 0.6
    offset = width / 2 if ceiling else 0.0
    ax.bar([x - offset for x in xs], accuracy, width, label="accuracy", color="#3b6ea5")
    if ceiling:
        known = [(x, ceiling[t]) for x, t in zip(xs, types) if t in ceiling]
        ax.bar([x + offset for x, _ in known], [v for _, v in known], width,
               label=label, color="#c9a227")
        ax.legend(prop=font, loc="upper center", ncol=2, frameon=False)
    ax.set_xticks(xs)
    ax.set_xticklabels(types, rotation=35, ha="right", fontproperties=font, fontsize=8)
    ax.set_ylim(0, 1.18 if ceiling else 1.05)
    ax.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    ax.set_ylabel("share correct", fontproperties=font)
    ax.set_title(f"{result.name or 'question set'}: accuracy per question type", fontproperties=font)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, format="png")


def _settings_rows(info: Mapping[str, Any], prefix: str = "") -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for key, value in info.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            rows.extend(_settings_rows(value, prefix=f"{name}.") or [(name, "")])
        elif isinstance(value, (list, tuple, set)):
            rows.append((name, ", ".join(str(v) for v in value)))
        else:
            rows.append((name, "" if value is None else str(value)))
    return rows


def _summary(results: list[SetScore], baseline: Mapping[str, Any] | None = None,
             label: str = "retrieval ceiling", invariance: Mapping[str, Any] | None = None) -> list[str]:
    """One row per set: accuracy, wrong answers, refusals; with variants, the invariance rate beside
    accuracy; with a baseline, its overall ceiling (the ``all`` entry)."""
    inv = " invariance |" if invariance else ""
    extra = f" {_cell(label)} |" if baseline else ""
    lines = [
        "| set | questions | accuracy | wrong | refused |" + inv + extra
        + " refusal accuracy | citation hits | p50 | p95 |",
        "| --- | ---: | ---: | ---: | ---: |" + (" ---: |" if invariance else "") + (" ---: |" if baseline else "")
        + " ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        cells = ""
        if invariance:
            cells += f" {_invariance_cell((invariance or {}).get(r.name))} |"
        if baseline:
            cells += f" {_pct(_baseline_for(baseline, r.name).get('all'))} |"
        lines.append(
            f"| {_cell(r.name)} | {r.n_total} | {_pct(r.accuracy)} ({r.n_correct}/{r.n_total}) "
            f"| {len(r.wrong)} | {len(r.refused)} |{cells}"
            f" {_pct(r.refusal_accuracy)} | {_pct(r.citation_rate)} "
            f"| {_ms(r.latency_p50)} | {_ms(r.latency_p95)} |"
        )
    return lines


def _invariance_cell(inv: Any) -> str:
    if inv is None or not getattr(inv, "n", 0):
        return "n/a"
    return f"{_pct(inv.rate)} ({inv.same}/{inv.n})"


def _invariance_section(inv: Any) -> list[str]:
    """Per-kind invariance and the variants whose answer changed."""
    if inv is None or not inv.n:
        return []
    lines = ["", f"### Invariance over question variants: {_invariance_cell(inv)}", "",
             "| variant | same answer | rate |", "| --- | ---: | ---: |"]
    for kind, (same, n) in inv.per_kind.items():
        lines.append(f"| {_cell(kind)} | {same}/{n} | {_pct(same / n if n else None)} |")
    if inv.changed:
        lines += ["", "| id | variant question | original answer | variant answer |", "| --- | --- | --- | --- |"]
        lines += [f"| {_cell(c.id)} | {_cell(c.question)} | {_cell(c.original)} | {_cell(c.variant)} |"
                  for c in inv.changed]
    return lines


def _section(result: SetScore, chart: str, ceiling: dict[str, float], label: str,
             invariance: Any = None) -> list[str]:
    lines = [f"## {result.name or 'question set'}", "", f"![accuracy per question type]({chart})", ""]
    head = "| type | correct | accuracy |" + (f" {_cell(label)} |" if ceiling else "")
    rule = "| --- | ---: | ---: |" + (" ---: |" if ceiling else "")
    lines += [head, rule]
    for qtype, (right, total) in result.per_type.items():
        row = f"| {_cell(qtype)} | {right}/{total} | {_pct(right / total if total else None)} |"
        if ceiling:
            row += f" {_pct(ceiling.get(qtype))} |"
        lines.append(row)
    refused = ", ".join(result.false_refusals) or "none"
    lines += [
        "",
        f"- accuracy: {_pct(result.accuracy)} ({result.n_correct}/{result.n_total})",
        f"- wrong answers (a figure the gold contradicts, or an answer to an unanswerable question): "
        f"{len(result.wrong)}",
        f"- refusals of answerable questions: {len(result.refused)}",
        f"- refusal accuracy on unanswerable questions: {_pct(result.refusal_accuracy)} "
        f"({result.refusal_correct}/{result.refusal_total})",
        f"- false refusals ({len(result.false_refusals)}): {refused}",
        f"- citation hits: {_pct(result.citation_rate)} ({result.citation_hits}/{result.citation_total})",
        f"- latency: p50 {_ms(result.latency_p50)}, p95 {_ms(result.latency_p95)}",
    ]
    if result.unknown_answer_ids:
        lines.append(f"- answers ignored (id not in the set): {', '.join(result.unknown_answer_ids)}")
    lines += _invariance_section(invariance)
    lines += ["", f"### Failures ({len(result.failures)}: wrong answers first, then refusals)", ""]
    if not result.failures:
        lines.append("None.")
    else:
        lines += ["| id | outcome | question | why |", "| --- | --- | --- | --- |"]
        lines += [
            f"| {_cell(s.id)} | {_cell(s.outcome)} | {_cell(s.question)} | {_cell('; '.join(s.reasons))} |"
            for s in result.failures
        ]
    return lines + [""]


def write_report(
    set_scores: Sequence[SetScore] | Mapping[str, SetScore],
    out_dir: str | Path,
    settings_info: Mapping[str, Any],
    baseline: Mapping[str, Any] | None = None,
    invariance: Mapping[str, Any] | None = None,
) -> Path:
    """Write ``report.md`` and its charts into ``out_dir``; return the report path.

    ``invariance`` maps a set name to its :class:`eval.variants.Invariance` (optional)."""
    if isinstance(set_scores, Mapping):
        results = [s if s.name == name else _renamed(s, name) for name, s in set_scores.items()]
    else:
        results = list(set_scores)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    label = str((baseline or {}).get("label") or "retrieval ceiling")
    lines = ["# Evaluation report", "", "## Summary", "", *_summary(results, baseline, label, invariance), "", "## Settings", ""]
    rows = _settings_rows(settings_info)
    if rows:
        lines += ["| setting | value |", "| --- | --- |"]
        lines += [f"| {_cell(k)} | {_cell(v)} |" for k, v in rows]
    else:
        lines.append("Not recorded.")
    lines.append("")
    for number, result in enumerate(results, start=1):
        ceiling = _baseline_for(baseline, result.name)
        chart = f"accuracy-{number}-{_slug(result.name)}.png"
        _draw_chart(result, ceiling, label, out / chart)
        lines += _section(result, chart, ceiling, label, (invariance or {}).get(result.name))
    path = out / "report.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _renamed(result: SetScore, name: str) -> SetScore:
    from dataclasses import replace

    return replace(result, name=name)
