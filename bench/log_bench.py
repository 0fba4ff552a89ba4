#!/usr/bin/env python3
"""Time `clientbook log` and `clientbook task` in a large records repository (target: 0.5 s).

    python bench/log_bench.py [--count 10000] [--runs 5] [--workdir bench/out] [--shape generate|alt]

A synthetic repository of COUNT clients is generated (bench/generate.py, or with
`--shape alt` bench/generate_alt.py) under WORKDIR/repo-log-SHAPE-COUNT by
lint_bench.prepare_repo, or reused, and put under git with a fixed author. Each of these then runs RUNS times, each in a fresh process timed by
the wall clock (start-up and imports included), on a different client each time:

  a. clientbook log ID --channel phone --summary …        the client named by its id
  b. clientbook log PREFIX --summary …                    a unique id prefix (channel: preferred)
  c. clientbook task ID --due … --summary …               a task
  d. clientbook log ID --done DATE                        closing the task of c

and, as a control, `clientbook --version` (Python starting and importing click, nothing else).

Each command touches one file; the working tree is restored with `git checkout` after each
run. Prints a Markdown table (median, min, max) and writes WORKDIR/results-log.json.
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

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import DEFAULT_TODAY  # noqa: E402
from lint_bench import GIT_ENV, SEED, SHAPES, prepare_repo  # noqa: E402 - one fixed author


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def prepare(workdir: Path, count: int, shape: str) -> Path:
    """lint_bench's repository of `count` clients of `shape`, with the staff member's git email."""
    repo = workdir / f"repo-log-{shape}-{count}"
    prepare_repo(repo, count, SEED, DEFAULT_TODAY, False, shape)
    _git(repo, "config", "user.email", "amara.okafor@northwind.example")
    return repo


def _clientbook() -> list[str]:
    exe = Path(sys.executable).with_name("clientbook")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "clientbook"]


def _timed(repo: Path, args: list[str]) -> float:
    started = time.perf_counter()
    run = subprocess.run(
        [*_clientbook(), "--repo", str(repo), *args, "--today", DEFAULT_TODAY],
        capture_output=True,
        text=True,
        check=False,
    )
    took = time.perf_counter() - started
    if run.returncode != 0:
        raise SystemExit(
            f"clientbook {' '.join(args)} failed ({run.returncode}): {run.stderr[-500:]}"
        )
    return took


def _unique_prefix(ids: list[str], client: str) -> str:
    for n in range(3, len(client) + 1):
        if sum(1 for i in ids if i.startswith(client[:n])) == 1:
            return client[:n]
    return client


def measure(repo: Path, runs: int) -> dict[str, list[float]]:
    ids = sorted(p.stem for p in (repo / "clients").glob("*.yaml"))
    step = max(len(ids) // (runs + 1), 1)
    picked = [ids[(i + 1) * step] for i in range(runs)]
    names = ("--version", "log ID", "log PREFIX", "task", "log --done")
    rows: dict[str, list[float]] = {k: [] for k in names}
    for client in picked:
        started = time.perf_counter()  # a control: Python starting and importing click alone
        subprocess.run([*_clientbook(), "--version"], capture_output=True, check=True)
        rows["--version"].append(time.perf_counter() - started)
        rows["log ID"].append(
            _timed(repo, ["log", client, "--channel", "phone", "--summary", "Bench call"])
        )
        _git(repo, "checkout", "-q", "--", "clients")
        prefix = _unique_prefix(ids, client)
        rows["log PREFIX"].append(
            _timed(repo, ["log", prefix, "--channel", "email", "--summary", "Bench note"])
        )
        _git(repo, "checkout", "-q", "--", "clients")
        due = "2026-12-15"
        rows["task"].append(_timed(repo, ["task", client, "--due", due, "--summary", "Bench"]))
        rows["log --done"].append(_timed(repo, ["log", client, "--done", due]))
        _git(repo, "checkout", "-q", "--", "clients")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    parser.add_argument("--shape", choices=sorted(SHAPES), default="generate")
    args = parser.parse_args(argv)
    from compiled import compile_clientbook

    compile_clientbook()  # measured as installed: compiled.py says why
    args.workdir.mkdir(parents=True, exist_ok=True)
    repo = prepare(args.workdir, args.count, args.shape)
    rows = measure(repo, args.runs)
    print(f"| {args.count:,} clients ({args.shape}), {args.runs} runs | median, s | min | max |")
    print("| --- | ---: | ---: | ---: |")
    for name, times in rows.items():
        print(
            f"| `clientbook {name}` | {statistics.median(times):.3f} | {min(times):.3f} | {max(times):.3f} |"
        )
    (args.workdir / "results-log.json").write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
