"""Throwaway servers on loopback for the server backend: PostgreSQL and ``chroma run``.

Used by the store tests (tests/test_store_backends.py) and the scale benchmark
(scripts/bench_scale.py ``--backend servers``)::

    stops: list = []
    try:
        database_url = start_postgres(stops)   # postgresql://postgres@127.0.0.1:<port>/postgres
        chroma_url = start_chroma(stops)       # http://127.0.0.1:<port>
        ...
    finally:
        for stop in reversed(stops):
            stop()

Each server gets a temporary folder and a free port on 127.0.0.1; ``stop`` ends it and removes
the folder. PostgreSQL refuses to run as root, so as root it runs as the ``postgres`` user (the
Debian package creates it). :class:`ServerUnavailable` says what is not installed.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

__all__ = ["ServerUnavailable", "free_port", "start_chroma", "start_postgres"]

Stops = list[Callable[[], None]]


class ServerUnavailable(RuntimeError):
    """A server's program is not installed here."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_postgres(stops: Stops) -> str:
    """A fresh PostgreSQL cluster (trust authentication, fsync off); its URL."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    initdb = found[-1] if found else shutil.which("initdb")
    if not initdb:
        raise ServerUnavailable("PostgreSQL is not installed (apt-get install postgresql)")
    bindir = Path(initdb).parent
    folder = Path(tempfile.mkdtemp(prefix="budget-qa-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        import pwd

        pw = pwd.getpwnam("postgres")
        os.chown(folder, pw.pw_uid, pw.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    data = folder / "data"
    subprocess.run([*as_user, str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                    "-E", "UTF8", "--locale=C", "--no-sync"],
                   check=True, capture_output=True)
    opts = f"-h 127.0.0.1 -p {port} -k {folder} -c fsync=off -c full_page_writes=off"
    subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-o", opts,
                    "-l", str(folder / "log"), "-w", "-t", "60", "start"],
                   check=True, capture_output=True)

    def stop() -> None:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)

    stops.append(stop)
    return f"postgresql://postgres@127.0.0.1:{port}/postgres"


def start_chroma(stops: Stops) -> str:
    """``chroma run`` (the chromadb package's command, beside this Python) on a fresh folder; its URL."""
    chroma = Path(sys.executable).parent / "chroma"
    if not chroma.exists():
        raise ServerUnavailable("the chroma command is not installed (pip install chromadb)")
    folder = Path(tempfile.mkdtemp(prefix="budget-qa-chroma-"))
    port = free_port()
    log = open(folder / "log", "wb")  # noqa: SIM115  (closed by stop)
    proc = subprocess.Popen([str(chroma), "run", "--path", str(folder / "data"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=log, stderr=subprocess.STDOUT, cwd=folder)

    def stop() -> None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
        shutil.rmtree(folder, ignore_errors=True)

    stops.append(stop)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("chroma run stopped: " + (folder / "log").read_text("utf-8", "replace")[-500:])
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"chroma run did not listen on 127.0.0.1:{port} within 60 s")
