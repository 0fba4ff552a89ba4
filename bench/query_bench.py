#!/usr/bin/env python3
"""Time `clientbook query` and `clientbook export --all --format sqlite` on synthetic records.

    python bench/query_bench.py [--sizes 10000] [--workdir bench/out] [--repeat 3] [--shape generate|alt]

The repository is bench/generate.py's (or, with --shape alt, bench/generate_alt.py's), made
(or reused) by lint_bench.prepare_repo under WORKDIR/repo-SIZE (repo-alt-SIZE). Each command runs in a fresh process, timed by the wall clock:

  a. export --all --format sqlite, cold       .clientbook/ deleted first: no parse, lint or history cache
  b. query, cold                              .clientbook/ deleted first; builds and keeps the database
  c. query --history, first                   reads the history into its cache (run once: it is cold once)
  d. query --history, warm                    the history cache and the database kept
  e. query, warm                              the same inputs: the kept database, read-only

The table is printed as Markdown and written as JSON to WORKDIR/results-query.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import DEFAULT_TODAY  # noqa: E402
from lint_bench import SEED, SHAPES, TOOLS, log, prepare_repo, run_timed  # noqa: E402

STATEMENT = (
    "SELECT owner, count(*) AS clients, min(last_interaction) AS oldest FROM clients "
    "WHERE status = 'active' AND last_interaction < '2026-06-01' GROUP BY owner ORDER BY owner"
)


def timed(
    ctx: tuple[Path, Path, dict[str, str], int],
    label: str,
    cmd: list[str],
    cold: bool,
    once: bool = False,
) -> float:
    """The median wall time of `cmd` run `repeat` times (once: one time) in repo
    (.clientbook/ deleted before each when cold)."""
    repo, logs, env, repeat = ctx
    repeat = 1 if once else repeat
    walls = []
    for n in range(repeat):
        if cold:
            shutil.rmtree(repo / ".clientbook", ignore_errors=True)
        run = run_timed(cmd, cwd=repo, env=env, log_dir=logs, label=f"{label}-{n}")
        if run.exit_code not in (0, 1):
            raise SystemExit(f"{label} failed: {run.stderr.read_text()[-2000:]}")
        walls.append(run.wall_s)
    log(f"{label}: {', '.join(f'{w:.2f}' for w in walls)}")
    return statistics.median(walls)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000")
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--today", default=DEFAULT_TODAY)
    parser.add_argument("--shape", choices=sorted(SHAPES), default="generate")
    args = parser.parse_args(argv)
    from compiled import compile_clientbook

    compile_clientbook()  # measured as installed: compiled.py says why
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(TOOLS), os.environ.get("PYTHONPATH", "")]),
    }
    clientbook = [sys.executable, "-m", "clientbook"]
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        repo = args.workdir / (f"repo-{size}" if args.shape == "generate" else f"repo-alt-{size}")
        reused, _ = prepare_repo(repo, size, SEED, args.today, False, args.shape)
        log(f"repo-{size}: {'reused' if reused else 'generated'}")
        logs = args.workdir / f"logs-query-{size}"
        query = [*clientbook, "query", STATEMENT, "--today", args.today]
        export = [*clientbook, "export", "--all", "--format", "sqlite", "--today", args.today]
        out = args.workdir / f"clients-{size}.db"

        ctx = (repo, logs, env, args.repeat)
        row = {
            "size": size,
            "export_cold_s": timed(ctx, "export-cold", [*export, "--out", str(out)], True),
            "query_cold_s": timed(ctx, "query-cold", query, True),
            "query_history_s": timed(ctx, "query-history", [*query, "--history"], False, True),
            "query_history_warm_s": timed(ctx, "query-history-warm", [*query, "--history"], False),
            "query_warm_s": timed(ctx, "query-warm", query, False),
            "db_mb": round(out.stat().st_size / 2**20, 1),
        }
        results.append(row)
    (args.workdir / "results-query.json").write_text(json.dumps(results, indent=2) + "\n")
    print(
        "| records | export sqlite, cold | query, cold | query --history, first | "
        "query --history, warm | query, warm | db |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        print(
            f"| {r['size']:,} | {r['export_cold_s']:.2f} s | {r['query_cold_s']:.2f} s | "
            f"{r['query_history_s']:.2f} s | {r['query_history_warm_s']:.2f} s | "
            f"{r['query_warm_s']:.2f} s | {r['db_mb']} MB |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
