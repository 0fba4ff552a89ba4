#!/usr/bin/env python3
"""Time `clientbook fmt --check` on a large repository (targets: 10 s cold, 1 s warm).

    python bench/fmt_bench.py [--count 10000] [--shape generate|alt|blind] [--repeat 3]
                              [--workdir bench/out]

The repository is lint_bench.prepare_repo's corpus of COUNT clients of the shape asked for,
under WORKDIR. generate.py writes records as fmt would, so every file is canonical;
generate_alt.py's and generate_blind.py's are not (comments, quoting, indentation of their
own), so for those shapes the repository is formatted once with `clientbook fmt` first (not
timed) — a repository that runs `fmt --check` in CI is one that was formatted. Each run is
a fresh process:

  a. fmt --check, cold            .clientbook/ deleted first: every file read and decided
  b. fmt --check --jobs 2, cold   the same in two worker processes
  c. fmt --check, warm            the canonical files' hashes in the cache: nothing parsed

Prints a Markdown table (median, min, max, peak memory) and writes WORKDIR/results-fmt.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import DEFAULT_TODAY  # noqa: E402
from lint_bench import GIT_ENV, SEED, SHAPES, TOOLS, log, prepare_repo, run_timed  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--shape", choices=sorted(SHAPES), default="generate")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    args = parser.parse_args(argv)
    from compiled import compile_clientbook

    compile_clientbook()  # measured as installed: compiled.py says why
    repo = args.workdir / f"repo-fmt-{args.shape}-{args.count}"
    prepare_repo(repo, args.count, SEED, DEFAULT_TODAY, False, args.shape)
    env = {
        **os.environ,
        **GIT_ENV,
        "PYTHONPATH": os.pathsep.join([str(TOOLS), os.environ.get("PYTHONPATH", "")]),
    }
    clientbook = [sys.executable, "-m", "clientbook", "--repo", str(repo), "fmt"]
    if args.shape != "generate":
        subprocess.run([*clientbook], env=env, capture_output=True, check=False)
    logs = args.workdir / f"logs-fmt-{args.shape}"
    rows = {}
    for label, extra, cold in (
        ("fmt --check, cold", [], True),
        ("fmt --check --jobs 2, cold", ["--jobs", "2"], True),
        ("fmt --check, warm", [], False),
    ):
        walls, peaks = [], []
        for n in range(args.repeat):
            if cold:
                shutil.rmtree(repo / ".clientbook", ignore_errors=True)
            run = run_timed(
                [*clientbook, "--check", *extra],
                cwd=repo,
                env=env,
                log_dir=logs,
                label=f"{label.split(',')[0].replace(' ', '-')}-{n}",
            )
            if run.exit_code != 0:
                raise SystemExit(f"{label} exit {run.exit_code}: {run.stdout.read_text()[-500:]}")
            walls.append(run.wall_s)
            peaks.append(run.tree_rss_mb)
        log(f"{label}: {', '.join(f'{w:.2f}' for w in walls)}")
        rows[label] = {"walls": walls, "peak_mb": max(peaks)}
    print(f"| {args.count:,} clients ({args.shape}) | median | min | max | peak |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, row in rows.items():
        w = row["walls"]
        print(
            f"| `{label}` | {statistics.median(w):.2f} s | {min(w):.2f} s | {max(w):.2f} s "
            f"| {row['peak_mb']:.0f} MB |"
        )
    (args.workdir / f"results-fmt-{args.shape}.json").write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
