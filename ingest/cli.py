"""``python -m ingest PATH...``: read disclosures into the local store."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ingest.errors import BudgetQAError
from ingest.progress import TerminalProgress

__all__ = ["main"]


@click.command(name="ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dump-json", "dump_json", type=click.Path(file_okay=False, path_type=Path),
              help="Also write DIR/<document id>.json in the shape of the corpus truth files.")
@click.option("--no-embed", is_flag=True, help="Store rows and chunks without computing embeddings.")
@click.option("--quiet", "-q", is_flag=True, help="No progress, only the summary.")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Store folder (default: BUDGET_QA_DATA_DIR).")
def main(paths: tuple[Path, ...], dump_json: Path | None, no_embed: bool, quiet: bool,
         data_dir: Path | None) -> None:
    """Ingest budget disclosures (PDF, or the .txt/.md text form) into the local store.

    Every file is parsed before anything is written; if one fails, the store is
    left exactly as it was.
    """
    from store.config import load_settings
    from ingest.pipeline import ingest_paths

    try:
        settings = load_settings(data_dir=data_dir)
    except ValueError as e:  # a BUDGET_QA_* variable that is not a number, or not positive
        click.echo(f"error: {e}; fix the environment variable", err=True)
        sys.exit(1)
    progress = TerminalProgress(quiet=quiet)
    try:
        results = ingest_paths(list(paths), settings, progress=progress,
                               embed=not no_embed, dump_json=dump_json)
    except BudgetQAError as e:
        progress.clear()
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        progress.clear()
        click.echo("interrupted; the store is unchanged", err=True)
        sys.exit(130)
    except Exception as e:  # the edge of the program: no traceback for the user
        progress.clear()
        click.echo(f"error: could not ingest ({type(e).__name__}: {e}); the store is unchanged",
                   err=True)
        sys.exit(1)
    for r in results:
        click.echo(
            f"{r.name}: {r.title} — {r.tables} tables, {r.rows} rows, {r.chunks} chunks; checks "
            f"{r.checks_ok} ok, {r.checks_rounding} rounding (0.01), {r.checks_warning} warnings"
        )
        for note in r.notes:
            click.echo(f"  {note}")
    total_rows = sum(r.rows for r in results)
    from store.servers import store_location

    click.echo(f"stored {len(results)} document(s), {total_rows} rows in {store_location(settings)}")
