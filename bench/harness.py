"""Timing helpers for SIGAP benchmarks: run a callable many times, report median and p95, and
append a row to bench/RESULTS.md with the machine, date, data size and database."""

import os
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


@dataclass
class Timing:
    name: str
    runs: int
    median_ms: float
    p95_ms: float
    max_ms: float


def measure(name: str, func: Callable[[], object], *, runs: int = 50, warmup: int = 3) -> Timing:
    for _ in range(warmup):
        func()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, int(round(0.95 * len(samples))) - 1)]
    return Timing(name, runs, statistics.median(samples), p95, samples[-1])


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{mem}, Python {platform.python_version()}"


def record(suite: str, database: str, data_size: str, timings: list[Timing]) -> str:
    """Append the timings as a Markdown table to RESULTS.md and return the table."""
    lines = [
        f"### {suite} — {database} — {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        "",
        f"Machine: {machine()}. Data: {data_size}.",
        "",
        "| measurement | runs | median ms | p95 ms | max ms |",
        "|---|---:|---:|---:|---:|",
    ]
    for t in timings:
        lines.append(
            f"| {t.name} | {t.runs} | {t.median_ms:.1f} | {t.p95_ms:.1f} | {t.max_ms:.1f} |"
        )
    table = "\n".join(lines) + "\n\n"
    with RESULTS.open("a", encoding="utf-8") as handle:
        handle.write(table)
    return table
