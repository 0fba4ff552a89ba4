#!/usr/bin/env python3
"""Time the site's update in place after one record changed, over several rounds (target 0.5 s).

    python bench/update_bench.py DIR [--rounds 5] [--against CHECKOUT]

DIR is a repository whose site was built (scale_bench.py's, with `--reuse DIR` or after its
site step). Each round restores the record scale_bench edits (the first with a plain
`interactions:` list in the second half of the files) and builds, then adds an interaction
as scale_bench does (lint_bench.edit_files: `git checkout` of the file, an interaction dated
the day added) and builds again, timed: an edit that changes the client's directory row,
its dashboard figures and its row on its owner's and team's pages. Each build is a fresh
process that must say it updated the site in place.

With `--against CHECKOUT` (another checkout's folder, say a `git worktree` of an earlier
commit), each round is run a second time, alternated, with that checkout's `tools/` first on
the import path, in a copy of DIR (the site's state is kept by the output folder's path, and
two versions of it must not share one): the two figures then share the machine's moment.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from lint_bench import edit_files  # noqa: E402
from scale_bench import TODAY, client_files  # noqa: E402

BUILD = [sys.executable, "-m", "clientbook", "build", "--today", TODAY]


def _record(repo: Path) -> Path:
    files = client_files(repo)
    for name in files[len(files) // 2 :]:
        if "\ninteractions:\n" in (repo / name).read_text(encoding="utf-8"):
            return repo / name
    raise SystemExit(f"{repo}: no record with a plain interactions: list")


def _build(repo: Path, tools: Path | None, in_place: bool = True) -> float:
    env = dict(os.environ)
    if tools is not None:
        env["PYTHONPATH"] = str(tools)
    start = time.perf_counter()
    done = subprocess.run(BUILD, cwd=repo, env=env, capture_output=True, text=True)
    took = time.perf_counter() - start
    if done.returncode != 0 or (in_place and "in place" not in done.stdout):
        raise SystemExit(f"{repo}: not an update in place:\n{done.stdout}{done.stderr}")
    return took


def _round(repo: Path, tools: Path | None, number: int) -> float:
    path = _record(repo)
    subprocess.run(["git", "checkout", "-q", "--", str(path.relative_to(repo))], cwd=repo)
    _build(repo, tools, in_place=False)  # a copy's first build is a full one
    edit_files(repo, [path], TODAY, 1000 + number)
    return _build(repo, tools)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("repo", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--against", type=Path, help="another checkout, alternated")
    args = parser.parse_args(argv)
    from compiled import compile_clientbook

    compile_clientbook()  # measured as installed: compiled.py says why
    repo = args.repo.resolve()
    runs: dict[str, tuple[Path, Path | None]] = {"this checkout": (repo, None)}
    if args.against:
        copy = repo.with_name(repo.name + "-against")
        if not copy.exists():
            shutil.copytree(repo, copy, symlinks=True)
        runs["against"] = (copy, args.against.resolve() / "tools")
        compile_clientbook(args.against.resolve() / "tools")
    times: dict[str, list[float]] = {name: [] for name in runs}
    try:
        for number in range(args.rounds):
            for name, (where, tools) in runs.items():
                times[name].append(_round(where, tools, number))
                print(f"round {number + 1}, {name}: {times[name][-1]:.3f} s", flush=True)
    finally:
        for where, _ in runs.values():
            subprocess.run(["git", "checkout", "-q", "--", "."], cwd=where)
    print("| build | rounds | median | min | max |\n| --- | ---: | ---: | ---: | ---: |")
    for name, took in times.items():
        print(
            f"| {name}, one record changed | {len(took)} | {statistics.median(took):.3f} s"
            f" | {min(took):.3f} s | {max(took):.3f} s |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
