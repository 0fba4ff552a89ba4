#!/usr/bin/env python3
"""Time `clientbook import` of a HubSpot-shaped contacts export (targets: 30 s into an empty
repository, lint of every new record included; 15 s for a re-import that changes nothing).

    python bench/import_bench.py [--companies 10000] [--runs 3] [--jobs 2] [--workdir bench/out]

The corpus (bench/import_corpus.py: 10,000 companies, 25,000 contact rows) and an empty
records repository (bench/generate.py with no clients: this repository's clientbook.yaml
and schemas, under git with a fixed author) are made once under WORKDIR. Each run copies
the empty repository, then times in fresh processes (start-up and imports included):

  a. clientbook import CSV --map MAP --jurisdiction GB   into the empty copy: every company
     a new record, linted, written through the write layer and committed on a new branch
  b. the same import again, into the filled copy: every company found, nothing written

and checks the results: a created COMPANIES records in one commit, `clientbook lint` finds
no errors in them (not timed), and b reports COMPANIES unchanged. Prints a Markdown table
(median, min, max) and writes WORKDIR/results-import.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import DEFAULT_TODAY, generate  # noqa: E402
from import_corpus import mapping_text, write  # noqa: E402
from lint_bench import GIT_ENV  # noqa: E402 - one fixed author for every benchmark's commits


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    done = subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)
    return done.stdout.decode()


def prepare(workdir: Path, companies: int) -> tuple[Path, Path, Path]:
    """(the empty repository, the corpus, the mapping), made when missing."""
    corpus = workdir / f"hubspot-contacts-{companies}.csv"
    if not corpus.exists():
        write(corpus, companies)
    mapping = workdir / "hubspot-contacts-gb.yaml"
    mapping.write_text(mapping_text(ROOT / "templates" / "import" / "hubspot-contacts.yaml"))
    empty = workdir / "repo-import-empty"
    if not (empty / ".git").is_dir():
        shutil.rmtree(empty, ignore_errors=True)
        generate(empty, 0)
        (empty / "clients" / ".gitkeep").write_text("")
        _git(empty, "init", "-q", "-b", "main")
        _git(empty, "add", "-A")
        _git(empty, "commit", "-q", "-m", "An empty records repository")
    return empty, corpus, mapping


def _clientbook() -> list[str]:
    exe = Path(sys.executable).with_name("clientbook")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "clientbook"]


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


CPU: dict[str, list[float]] = {}  # user + sys of each timed run (its workers and git included)


def _timed(repo: Path, args: list[str]) -> tuple[float, str]:
    env = {**os.environ, **GIT_ENV}
    cpu = _cpu()
    started = time.perf_counter()
    run = subprocess.run(
        [*_clientbook(), "--repo", str(repo), *args], capture_output=True, text=True, env=env
    )
    took = time.perf_counter() - started
    CPU.setdefault(args[-1], []).append(_cpu() - cpu)
    if run.returncode != 0:
        raise SystemExit(
            f"clientbook {' '.join(args)} failed ({run.returncode}): {run.stderr[-2000:]}"
        )
    return took, run.stdout


def one_run(
    empty: Path, corpus: Path, mapping: Path, workdir: Path, companies: int, jobs: int
) -> dict[str, float]:
    repo = workdir / "repo-import-run"
    shutil.rmtree(repo, ignore_errors=True)
    shutil.copytree(empty, repo, symlinks=True)
    args = [
        "import",
        str(corpus),
        "--map",
        str(mapping),
        "--jurisdiction",
        "GB",
        "--source",
        "HubSpot export (benchmark)",
        "--today",
        DEFAULT_TODAY,
        "--jobs",
        str(jobs),
    ]
    first, said = _timed(repo, [*args, "--branch", "import-bench"])
    made = len([n for n in os.listdir(repo / "clients") if n.endswith(".yaml")])
    assert made == companies, f"{made} records made, not {companies}:\n{said[-2000:]}"
    assert _git(repo, "rev-list", "--count", "HEAD").strip() == "2", "not one commit"
    again, said = _timed(repo, [*args, "--branch", "import-bench-2"])
    assert f"{companies:,} unchanged" in said, f"the re-import changed something:\n{said[-2000:]}"
    check = subprocess.run(
        [
            *_clientbook(),
            "--repo",
            str(repo),
            "lint",
            "--today",
            DEFAULT_TODAY,
            "--format",
            "json",
            "--jobs",
            str(jobs),
        ],
        capture_output=True,
        text=True,
    )
    errors = json.loads(check.stdout)["summary"]["errors"]
    assert errors == 0, f"lint finds {errors} errors in the imported records"
    return {"import into an empty repository": first, "re-import, nothing changes": again}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--companies", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    args = parser.parse_args(argv)
    from compiled import compile_clientbook

    compile_clientbook()  # measured as installed: compiled.py says why
    args.workdir.mkdir(parents=True, exist_ok=True)
    empty, corpus, mapping = prepare(args.workdir, args.companies)
    rows: dict[str, list[float]] = {}
    for _ in range(args.runs):
        for name, took in one_run(
            empty, corpus, mapping, args.workdir, args.companies, args.jobs
        ).items():
            rows.setdefault(name, []).append(took)
    print(
        f"| {args.companies:,} companies, {args.runs} runs, --jobs {args.jobs} | median, s | min | max |"
    )
    print("| --- | ---: | ---: | ---: |")
    for name, times in rows.items():
        print(f"| {name} | {statistics.median(times):.2f} | {min(times):.2f} | {max(times):.2f} |")
    for branch, times in CPU.items():
        print(f"CPU (user + sys) of the runs on {branch}: {', '.join(f'{t:.2f}' for t in times)} s")
    print(f"load average at the end: {os.getloadavg()}")
    (args.workdir / "results-import.json").write_text(
        json.dumps({"wall": rows, "cpu": CPU}, indent=1)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
