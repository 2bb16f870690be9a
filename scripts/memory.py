"""Resident memory of this process, for the benchmark scripts (Linux /proc)."""

from __future__ import annotations

import resource


def rss_mb() -> float:
    """Current resident set size in MB."""
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def peak_mb() -> float:
    """Peak resident set size of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
