#!/usr/bin/env python3
"""Time `clientbook lint --shard 1/4` against the unsharded run on one repository.

    python shard_bench.py REPO [--repeat 3] [--jobs 1] [--today 2026-11-23]

Each command runs in its own process, cold (--no-cache), REPEAT times, interleaved so
that a change in the machine's load hits every command alike. Wall time and CPU time
(user + system of the process and its workers, from os.wait4) are reported as medians;
CPU time is what a dedicated CI runner would spend, on a machine shared with others.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


def run(cmd, cwd):
    with open(os.devnull, "wb") as null:
        t = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=cwd, stdout=null, stderr=subprocess.PIPE)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{cmd} exited {code}: {p.stderr.read().decode()[-2000:]}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("repo", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", default="1")
    ap.add_argument("--today", default="2026-11-23")
    ap.add_argument("--shards", default="4")
    a = ap.parse_args()
    from compiled import compile_clientbook

    compile_clientbook()  # measured as installed: compiled.py says why
    cb = str(Path(sys.executable).parent / "clientbook")
    facts = a.repo.resolve().parent / f"{a.repo.name}.facts.json"
    base = [cb, "lint", "--no-cache", "--jobs", a.jobs, "--today", a.today, "--format", "json"]
    n = a.shards
    from collections import Counter

    from clientbook.core.repo import client_names
    from clientbook.lint.shard import shard_of

    sizes = Counter(shard_of(f"clients/{f}", int(n)) for f in client_names(a.repo))
    big = max(sizes, key=sizes.get)
    print(f"records per shard of {n}: {sorted(sizes.items())}")
    cmds = {
        "unsharded": base,
        f"--shard 1/{n}": [*base, "--shard", f"1/{n}"],
        "--write-facts": [
            cb,
            "lint",
            "--no-cache",
            "--jobs",
            a.jobs,
            "--today",
            a.today,
            "--write-facts",
            str(facts),
        ],
        f"--shard 1/{n} --facts": [*base, "--shard", f"1/{n}", "--facts", str(facts)],
        f"--shard {big}/{n} --facts (the largest)": [
            *base,
            "--shard",
            f"{big}/{n}",
            "--facts",
            str(facts),
        ],
    }
    times = {k: [] for k in cmds}
    for _ in range(a.repeat):
        for k, c in cmds.items():
            times[k].append(run(c, a.repo))
    print(f"load average before/after: {os.getloadavg()}")
    ref_wall = statistics.median(w for w, _, _ in times["unsharded"])
    ref_cpu = statistics.median(c for _, c, _ in times["unsharded"])
    print("| command | wall (median) | CPU (median) | wall % | CPU % | peak RSS |")
    print("|---|---:|---:|---:|---:|---:|")
    for k, v in times.items():
        w = statistics.median(x for x, _, _ in v)
        c = statistics.median(x for _, x, _ in v)
        m = max(x for _, _, x in v)
        print(
            f"| {k} | {w:.2f} s | {c:.2f} s | {100 * w / ref_wall:.0f}% | {100 * c / ref_cpu:.0f}% | {m:.0f} MB |"
        )
    print("runs:", json.dumps({k: [[round(x, 2) for x in r] for r in v] for k, v in times.items()}))


main()
