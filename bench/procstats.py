"""Measuring a benchmark's child process: the memory of its whole process tree, from /proc.

Shared by lint_bench.py, history_bench.py and scale_bench.py. os.wait4 reports the largest
single process of a child's tree; the sampler here adds up every process of the tree, every
few milliseconds. `measure` runs a command and reports both, with its wall and CPU time.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass


def children(pid: int) -> list[int]:
    """The child processes of every thread of `pid` (chromedriver starts the browser from a
    thread of its own, whose children the main thread's list leaves out)."""
    found: list[int] = []
    try:
        threads = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for tid in threads:
        try:
            with open(f"/proc/{pid}/task/{tid}/children", encoding="ascii") as fh:
                found.extend(int(x) for x in fh.read().split())
        except OSError:
            continue
    return found


def rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    except (OSError, IndexError, ValueError):
        return 0


def pss_kb(pid: int) -> int:
    """The process's proportional set size: each page shared by N processes counts 1/N, so
    the PSS of a tree adds up to the memory it holds (a forked worker's RSS counts every page
    it shares with its parent again)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, IndexError, ValueError):
        pass
    return 0


class TreeSampler(threading.Thread):
    """Samples the summed RSS of a process and all its descendants until stopped, and every
    PSS_EVERY samples their summed PSS (the kernel walks each page table for it)."""

    PSS_EVERY = 10

    def __init__(self, pid: int, interval: float = 0.01) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.peak_kb = 0
        self.peak_pss_kb = 0
        self._halt = threading.Event()

    def run(self) -> None:
        if not os.path.exists(f"/proc/{self.pid}"):
            return
        tick = 0
        while not self._halt.is_set():
            total, todo, seen = 0, [self.pid], set()
            while todo:
                p = todo.pop()
                if p in seen:
                    continue
                seen.add(p)
                total += rss_kb(p)
                todo.extend(children(p))
            self.peak_kb = max(self.peak_kb, total)
            if tick % self.PSS_EVERY == 0:
                self.peak_pss_kb = max(self.peak_pss_kb, sum(pss_kb(p) for p in seen))
            tick += 1
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()


@dataclass
class Measured:
    """One command's run: wall time, CPU, and memory two ways."""

    wall_s: float
    peak_rss_mb: float  # the largest single process of the tree, as os.wait4 reports it
    tree_rss_mb: float  # every process of the tree added up, sampled
    cpu_s: float  # user + system of the child and of the children it waited for
    exit_code: int
    stdout: str
    stderr: str
    tree_pss_mb: float = 0.0  # every process's PSS added up, sampled less often: what it holds


def measure(
    cmd: list[str],
    *,
    cwd: str | os.PathLike[str] | None = None,
    env: dict[str, str] | None = None,
    stdout_path: str | os.PathLike[str] | None = None,
    interval: float = 0.02,
) -> Measured:
    """Run `cmd` once to its end. Its standard output goes to `stdout_path` when given (and is
    not returned), else it is returned, as is the end of its standard error."""
    with tempfile.TemporaryFile() as err, open(stdout_path or os.devnull, "wb") as sink:
        out = sink if stdout_path else subprocess.PIPE
        started = time.perf_counter()
        proc = subprocess.Popen(
            cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err
        )
        sampler = TreeSampler(proc.pid, interval)
        sampler.start()
        captured = b""
        if proc.stdout is not None:  # read as it comes, so a full pipe cannot stall the child
            captured = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        sampler.stop()
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4: tell Popen
        err.seek(0)
        stderr = err.read()[-20000:].decode("utf-8", "replace")
    return Measured(
        wall,
        usage.ru_maxrss / 1024,
        max(sampler.peak_kb, usage.ru_maxrss) / 1024,
        usage.ru_utime + usage.ru_stime,
        proc.returncode,
        captured.decode("utf-8", "replace"),
        stderr,
        sampler.peak_pss_kb / 1024,
    )
