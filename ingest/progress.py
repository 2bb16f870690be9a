"""Render progress events as one updating line on a terminal (or plain lines in a log)."""

from __future__ import annotations

import sys
from typing import TextIO

from ingest.events import Progress

__all__ = ["TerminalProgress"]


class TerminalProgress:
    """A progress callback that draws ``[#####.....] page 12/25  tables 6  rows 140``."""

    def __init__(self, stream: TextIO | None = None, quiet: bool = False) -> None:
        # On a terminal, progress is one line on stderr, rewritten in place and cleared at the
        # end; in a pipe or a log it goes to stdout, so that stderr carries only errors.
        if stream is None:
            stream = sys.stderr if sys.stderr.isatty() else sys.stdout
        self.stream = stream
        self.quiet = quiet
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self._open_line = False

    def clear(self) -> None:
        """Remove the live progress line (before an error message is printed)."""
        if self.tty and self._open_line:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self._open_line = False

    def __call__(self, event: Progress) -> None:
        if self.quiet:
            return
        if event.stage in ("page", "embed") and event.total:
            bar = _bar(event.done, event.total)
            what = "page" if event.stage == "page" else "embedding"
            extra = f"  tables {event.tables}  rows {event.rows}" if event.stage == "page" else ""
            line = f"  {bar} {what} {event.done}/{event.total}{extra}"
            if self.tty:
                self.stream.write("\r" + line.ljust(72))
                self._open_line = True
                if event.done >= event.total:
                    self._end()
            elif event.done >= event.total or event.done % 5 == 0:
                self.stream.write(line + "\n")
        else:
            self._end()
            label = {"open": "reading", "file": "file", "parsed": "parsed", "narrative": "narrative",
                     "checks": "checks", "store": "writing store", "done": "done",
                     "tables": "tables"}.get(event.stage, event.stage)
            if event.stage == "file" and event.total > 1:
                label = f"file {event.done + 1}/{event.total}"
            self.stream.write(f"{label}: {event.message}\n" if event.message else f"{label}\n")
        self.stream.flush()

    def _end(self) -> None:
        if self._open_line:
            self.stream.write("\n")
            self._open_line = False


def _bar(done: int, total: int, width: int = 24) -> str:
    filled = int(width * done / total) if total else width
    return "[" + "#" * filled + "." * (width - filled) + "]"
