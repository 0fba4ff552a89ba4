#!/usr/bin/env python3
"""The YAML reading path: parsers per file, and `clientbook lint` cold and warm, on any corpus.

    python bench/yaml_bench.py parse [--repo DIR ...] [--files N] [--repeat 7]
    python bench/yaml_bench.py lint --repo DIR [--repo DIR ...] [--tools DIR] [--repeat 3]
                                    [--sides full,fast]

`parse` reads the sample clients (clients/) and up to N files of each repository's clients/
into memory, then times, in this process, CPU time per file (the best of --repeat passes,
so that other work on the machine counts as little as it can):

  full path       libyaml composes the nodes, our walk builds the data (the loader before
                  the fast path; yamlfull.full_load)
  load_document   the loader: the fast path, and the full path for files it turns away
  fast path       yamlfast.fast_data alone, and its parts: the gate on the bytes, yaml-rs,
                  and the check of keys, depth and scalars
  yaml-rs         yaml_rs.loads alone (Rust, builds Python objects; no styles, no positions)
  rapidyaml       ryml.parse_in_arena alone (C++, a tree with styles), and the same tree
                  walked from Python into data (one SWIG call per node and property)
  PyYAML          yaml.load with CSafeLoader (libyaml, YAML 1.1 resolution)

and how many files take the fast path, with the reason for the others.

`lint` times `clientbook lint --today 2026-11-23 --format json` in fresh processes on each
repository, --repeat times each: a. cold, one process (--no-cache); b. cold, --jobs 2
(--no-cache); c. warm (the cache filled by one untimed run). Each run is made on two sides,
alternately: "fast" (as installed) and "full" (yaml-rs hidden from the process, so every
file takes the full path, as before the fast path existed). Wall time, CPU time of the
process and its workers (user + system, from os.wait4) and peak RSS of the largest process;
the median of the runs and their range. Every file is read once before, so that the page
cache is warm for every run. --tools points PYTHONPATH at another tree (a "before" copy),
whose modules are compiled to bytecode first, as for this one. The load average is printed
before and after: this machine is shared, and wall time follows the load.

Corpora: `python bench/generate.py --count 10000 --seed 1 --out DIR` and
`python bench/generate_alt.py --count 10000 --seed 1 --out DIR` (records of another shape).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tools"))

TODAY = "2026-11-23"


# --- parse: parsers per file, in this process ----------------------------------------------------


def corpus(folder: Path, limit: int) -> list[bytes]:
    files = sorted(folder.rglob("*.yaml"))  # a shard folder a letter, as the blind corpus has
    random.Random(1).shuffle(files)
    return [f.read_bytes() for f in files[:limit]]


def per_file_ms(work: Callable[[Any], object], items: list[Any], repeat: int) -> float:
    """CPU milliseconds per item: the best of `repeat` passes over all of them."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        for item in items:
            work(item)
        best = min(best, time.process_time() - started)
    return best / len(items) * 1000


def ryml_walk(tree: Any, node: int) -> Any:
    """A rapidyaml tree to data, from Python: the cost of reading its tree one call at a time."""
    import ryml

    if tree.is_map(node):
        out = {}
        child = tree.first_child(node)
        while child != ryml.NONE:
            out[bytes(tree.key(child)).decode()] = ryml_walk(tree, child)
            child = tree.next_sibling(child)
        return out
    if tree.is_seq(node):
        items = []
        child = tree.first_child(node)
        while child != ryml.NONE:
            items.append(ryml_walk(tree, child))
            child = tree.next_sibling(child)
        return items
    value = tree.val(node)
    return None if value is None else bytes(value).decode()


def parsers() -> dict[str, Callable[[bytes], object]]:
    import yaml

    from clientbook.core.yamlfast import fast_data
    from clientbook.core.yamlfastcheck import scalars_agree
    from clientbook.core.yamlfastgate import gate_text
    from clientbook.core.yamlfull import full_load
    from clientbook.core.yamlio import MAX_FILE_SIZE, load_document

    out: dict[str, Callable[[bytes], object]] = {
        "full path (libyaml + our build)": full_load,
        "load_document (fast path + fallback)": load_document,
        "fast path": lambda raw: fast_data(raw, MAX_FILE_SIZE),
        "  its gate on the bytes": gate_text,
    }
    try:
        import yaml_rs

        out["yaml-rs loads"] = lambda raw: yaml_rs.loads(raw.decode(), parse_datetime=False)

        def check(raw: bytes) -> object:
            text = raw.decode()
            data = yaml_rs.loads(text, parse_datetime=False)
            return isinstance(data, dict) and scalars_agree(data, text)

        out["  yaml-rs + its check"] = check
    except ImportError:
        print("yaml-rs is not installed: its rows are left out", file=sys.stderr)
    try:
        import ryml

        def ryml_parse(raw: bytes) -> Any:
            tree = ryml.Tree()
            ryml.parse_in_arena(raw, tree)
            return tree

        out["rapidyaml parse (tree only)"] = ryml_parse
        out["rapidyaml parse + walk to data"] = lambda raw: ryml_walk(
            tree := ryml_parse(raw), tree.root_id()
        )
    except ImportError:
        print("rapidyaml is not installed: its rows are left out", file=sys.stderr)
    out["PyYAML CSafeLoader load"] = lambda raw: yaml.load(raw, Loader=yaml.CSafeLoader)
    return out


def fallback_reasons(raws: list[bytes]) -> Counter[str]:
    from clientbook.core.yamlfast import fast_data
    from clientbook.core.yamlfastgate import gate_text
    from clientbook.core.yamlfull import full_load
    from clientbook.core.yamlio import MAX_FILE_SIZE

    reasons: Counter[str] = Counter()
    for raw in raws:
        if fast_data(raw, MAX_FILE_SIZE) is not None:
            reasons["fast path"] += 1
            continue
        full = full_load(raw)
        if full.problems:
            reasons["full path: a problem"] += 1
        elif full.traps:
            reasons["full path: a trap"] += 1
        elif gate_text(raw.removeprefix(b"\xef\xbb\xbf")) is None:
            reasons["full path: turned away by the gate"] += 1
        else:
            reasons["full path: the check was not sure"] += 1
    return reasons


def run_parse(args: argparse.Namespace) -> int:
    sets = {"sample clients": corpus(ROOT / "clients", args.files)}
    for repo in args.repo:
        sets[str(repo)] = corpus(repo / "clients", args.files)
    table = parsers()
    print("| parser | " + " | ".join(sets) + " |")
    print("|---|" + "---:|" * len(sets))
    for name, work in table.items():
        cells = [f"{per_file_ms(work, raws, args.repeat):.3f} ms" for raws in sets.values()]
        print(f"| {name} | " + " | ".join(cells) + " |")
    for label, raws in sets.items():
        kb = sum(map(len, raws)) / len(raws) / 1024
        reasons = ", ".join(f"{k} {v}" for k, v in fallback_reasons(raws).most_common())
        print(f"\n{label}: {len(raws)} files, {kb:.1f} KB each; {reasons}")
    return 0


# --- lint: clientbook in fresh processes ---------------------------------------------------------


def timed(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, float, int]:
    """(wall s, CPU s of the tree, peak RSS MB of its largest process, exit code)."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def side_env(tools: Path, side: str, scratch: Path) -> dict[str, str]:
    """The environment of one side: "fast" (as installed) or "full" (yaml-rs hidden, so every
    file takes the full path: the loader as it was before the fast path)."""
    paths = [str(tools)]
    if side == "full":
        hidden = scratch / "no-yaml-rs" / "yaml_rs"
        hidden.mkdir(parents=True, exist_ok=True)
        (hidden / "__init__.py").write_text('raise ImportError("hidden by yaml_bench")\n')
        paths.insert(0, str(hidden.parent))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_lint(args: argparse.Namespace) -> int:
    from compiled import compile_clientbook

    tools = (args.tools or ROOT / "tools").resolve()
    compile_clientbook(tools)  # measured as installed: compiled.py says why
    envs = {side: side_env(tools, side, args.scratch) for side in args.sides.split(",")}
    print(f"tools: {tools}; load average before: {load_average()}")
    print("| repository | variant | side | wall s, median (range) | CPU s, median | peak RSS MB |")
    print("|---|---|---|---:|---:|---:|")
    failed = False
    for repo in args.repo:
        repo = repo.resolve()
        for path in (repo / "clients").rglob("*.yaml"):
            path.read_bytes()
        base = [sys.executable, "-m", "clientbook", "--repo", str(repo), "lint"]
        base += ["--today", TODAY, "--format", "json"]
        variants = {
            "a. cold, one process": [*base, "--no-cache"],
            "b. cold, --jobs 2": [*base, "--jobs", "2", "--no-cache"],
            "c. warm": base,
        }
        for name, cmd in variants.items():
            runs: dict[str, list[tuple[float, float, float, int]]] = {side: [] for side in envs}
            for _ in range(args.repeat):  # the sides alternate, so that both meet the same load
                for side, env in envs.items():
                    if name.startswith("c."):
                        shutil.rmtree(repo / ".clientbook" / "cache", ignore_errors=True)
                        timed(cmd, env, repo)  # fills the cache
                    runs[side].append(timed(cmd, env, repo))
            for side, done in runs.items():
                walls = [r[0] for r in done]
                failed |= any(r[3] not in (0, 1) for r in done)
                print(
                    f"| {repo.name} | {name} | {side} | {statistics.median(walls):.2f} "
                    f"({min(walls):.2f}–{max(walls):.2f}) | "
                    f"{statistics.median(r[1] for r in done):.2f} | {max(r[2] for r in done):.0f} |",
                    flush=True,
                )
    print(f"load average after: {load_average()}")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    parse = sub.add_parser("parse", help="parsers per file, in this process")
    parse.add_argument("--repo", type=Path, action="append", default=[], help="a corpus")
    parse.add_argument("--files", type=int, default=1000, help="files read from each corpus")
    parse.add_argument("--repeat", type=int, default=7, help="passes; the best is kept")
    lint = sub.add_parser("lint", help="clientbook lint in fresh processes")
    lint.add_argument("--repo", type=Path, action="append", required=True, help="a corpus")
    lint.add_argument("--tools", type=Path, help="the package tree to run (default: this one)")
    lint.add_argument("--repeat", type=int, default=3, help="runs of each variant")
    lint.add_argument(
        "--sides",
        default="full,fast",
        help="fast: as installed; full: yaml-rs hidden, every file on the full path (default both)",
    )
    lint.add_argument(
        "--scratch", type=Path, default=Path("/tmp/yaml-bench"), help="where the hiding shim goes"
    )
    args = parser.parse_args(argv)
    return run_parse(args) if args.command == "parse" else run_lint(args)


if __name__ == "__main__":
    sys.exit(main())
