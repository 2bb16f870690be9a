"""``python -m eval``: score answer files, answer gold sets, and write the report."""

from __future__ import annotations

from eval.answer import answer
from eval.cli import cli
from eval.run import report

cli.add_command(answer)
cli.add_command(report)


def main() -> None:
    """Run the click group under the name people type."""
    cli(prog_name="python -m eval")


if __name__ == "__main__":
    main()
