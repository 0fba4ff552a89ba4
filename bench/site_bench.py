#!/usr/bin/env python3
"""Time `clientbook build` on repositories with git history, and MkDocs on as many pages.

    python bench/site_bench.py [--sizes 1000x5000,10000x20000] [--workdir bench/out] [--skip-mkdocs]
                               [--repeat 3]

Uses the repositories history_bench.py builds (WORKDIR/history-CLIENTSxCOMMITS; run it first).
Each variant runs in its own process, timed by the wall clock, with the child's peak RSS:

  a. cold         no caches at all (history, lint, parsed records), then a full build
  b. warm full    every cache warm, no previous site (so every page is rendered); --repeat
                  runs, each reported, and their median
  c. incremental  one record changed (uncommitted), the previous site kept; --repeat runs,
                  each changing the record again, and their median
  d. mkdocs       `mkdocs build` of one Markdown page per client holding the same fields
                  (what a team might use instead), for the per-page rate side by side;
                  up to 2,000 clients (its navigation makes it quadratic in the pages)

The previous site is moved aside before a timed build and deleted only after the last
one: on ext4 without a journal (this machine's disk), a file created within a minute (or
five, while the inode table is dirty) of many deletions costs a scan past every recently
freed inode (`recently_deleted` in the kernel's inode allocator), which charged the build
up to 4 s for the benchmark's own `rm -rf` of 10,000 pages just before it.

clientbook's modules are compiled to bytecode first, as `pip install .` does: this machine
sets PYTHONDONTWRITEBYTECODE=1, and a source tree run from there would compile its 60-odd
modules at every command's start (0.1 s, a fifth of an update in place).

Targets (issue 4): warm full build of 10,000 clients under 15 s; cold at most the history
extraction's cold time plus 30 s; incremental under 5% of the warm full build; peak memory
under 1 GB; the directory's search data under 2 MB compressed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOOLS = HERE.parent / "tools"
TODAY = "2026-11-23"
MKDOCS_MAX_PAGES = 2000


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process."""
    env = {**os.environ, "PYTHONPATH": str(TOOLS), "CI": "true"}
    # the previous step's writes and deletions (a 10,000-file site) are flushed first, so
    # their writeback is not charged to the build being timed
    os.sync()
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(
            f"{' '.join(cmd)} failed: {proc.stderr.read().decode()[-2000:] if proc.stderr else status}"
        )
    return seconds, usage.ru_maxrss / 1024


def clientbook(repo: Path, out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "clientbook",
        "--repo",
        str(repo),
        "build",
        "--today",
        TODAY,
        "--out",
        str(out),
    ]


def markdown_pages(repo: Path, docs: Path) -> int:
    """One Markdown page per client with its main fields, for MkDocs."""
    sys.path.insert(0, str(TOOLS))
    from clientbook.core.records import load_records

    shutil.rmtree(docs, ignore_errors=True)
    (docs / "clients").mkdir(parents=True)
    records = [r for r in load_records(repo, use_cache=True) if r.data]
    lines = ["# Clients", ""]
    for record in records:
        d = record.data or {}
        page = [
            f"# {d.get('name')}",
            "",
            f"- Status: {d.get('status')} since {d.get('since')}",
            f"- Owner: {d.get('owner')}",
            f"- Industry: {d.get('industry', '')}",
            "",
            "## Contacts",
            "",
        ]
        page += [
            f"- {c.get('name')}: {c.get('email', '')} {c.get('phone', '')}"
            for c in d.get("contacts", [])
        ]
        page += ["", "## Interactions", ""]
        page += [
            f"- {i.get('date')} {i.get('channel')}: {i.get('summary')}"
            for i in d.get("interactions", [])
        ]
        (docs / "clients" / f"{record.id}.md").write_text("\n".join(page) + "\n", encoding="utf-8")
        lines.append(f"- [{d.get('name')}](clients/{record.id}.md)")
    (docs / "index.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(records)


def run(size: str, workdir: Path, skip_mkdocs: bool, repeat: int) -> list[dict[str, object]]:
    repo = workdir / f"history-{size}"
    if not (repo / "clientbook.yaml").is_file():
        raise SystemExit(f"{repo} does not exist: run bench/history_bench.py --sizes {size} first")
    out = workdir / f"site-{size}"
    rows: list[dict[str, object]] = []

    def row(variant: str, seconds: float, rss: float, pages: int) -> None:
        rows.append(
            {
                "size": size,
                "variant": variant,
                "seconds": round(seconds, 2),
                "peak_rss_mb": round(rss),
                "ms_per_page": round(seconds / pages * 1000, 2) if pages else None,
            }
        )
        print(f"  {size} {variant}: {seconds:.2f} s, {rss:.0f} MB", flush=True)

    pages = len(list((repo / "clients").glob("*.yaml")))
    speed = machine_speed()
    rows.append(
        {"size": size, "variant": "machine speed (fixed work, s)", "seconds": round(speed, 3)}
    )
    print(f"  {size} machine speed: {speed:.3f} s for the fixed work", flush=True)
    shutil.rmtree(repo / ".clientbook", ignore_errors=True)
    asides: list[Path] = []
    try:
        _measure(repo, out, pages, repeat, row, asides)
    finally:
        for folder in asides:
            shutil.rmtree(folder, ignore_errors=True)
    search = (
        (out / "index.html")
        .read_text(encoding="utf-8")
        .split('id="clients-data">')[1]
        .split("</script>")[0]
    )
    rows.append(
        {
            "size": size,
            "variant": "search data, gzipped",
            "kb": round(len(gzip.compress(search.encode())) / 1024),
        }
    )
    # MkDocs lists every page in every page's navigation: its time grows with the square of
    # the page count (10,000 pages would take hours), so it runs at the smaller sizes only.
    if (
        not skip_mkdocs
        and pages <= MKDOCS_MAX_PAGES
        and shutil.which("mkdocs", path=str(Path(sys.executable).parent))
    ):
        site = workdir / f"mkdocs-{size}"
        count = markdown_pages(repo, site / "docs")
        (site / "mkdocs.yml").write_text(
            "site_name: Clients\nuse_directory_urls: false\n", encoding="utf-8"
        )
        mkdocs = str(Path(sys.executable).parent / "mkdocs")
        row(
            "d. mkdocs build, same number of pages",
            *timed([mkdocs, "build", "--quiet"], site),
            count,
        )
    return rows


def machine_speed() -> float:
    """Seconds this machine takes for a fixed piece of pure-Python work, best of three.

    Its speed on the same work has varied by half from one hour to the next; printed
    with each size, it tells which figures were taken on a slower machine.
    """
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        sum(i * i for i in range(3_000_000))
        best = min(best, time.perf_counter() - start)
    return best


def _move_aside(out: Path, asides: list[Path]) -> None:
    """Take the previous site out of the way without deleting its files now (see the top)."""
    if out.exists():
        aside = out.with_name(f".aside-{out.name}-{len(asides)}")
        shutil.rmtree(aside, ignore_errors=True)
        out.rename(aside)
        asides.append(aside)


def _measure(
    repo: Path,
    out: Path,
    pages: int,
    repeat: int,
    row: Callable[[str, float, float, int], None],
    asides: list[Path],
) -> None:
    _move_aside(out, asides)
    row("a. cold (no caches)", *timed(clientbook(repo, out), repo), pages)
    runs = []
    for n in range(repeat):
        _move_aside(out, asides)
        seconds, rss = timed(clientbook(repo, out), repo)
        runs.append(seconds)
        row(f"b. warm full build, run {n + 1}", seconds, rss, pages)
    if repeat > 1:
        row("b. warm full build, median", statistics.median(runs), rss, pages)
    target = sorted((repo / "clients").glob("*.yaml"))[0]
    original = target.read_bytes()
    runs = []
    try:
        for n in range(repeat):
            target.write_text(
                original.decode("utf-8").replace("industry: ", f"industry: Changed {n} ", 1),
                encoding="utf-8",
            )
            seconds, rss = timed(clientbook(repo, out), repo)
            runs.append(seconds)
            row(f"c. incremental (one record changed), run {n + 1}", seconds, rss, pages)
    finally:
        target.write_bytes(original)
    if repeat > 1:
        row("c. incremental, median", statistics.median(runs), rss, pages)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000x5000,10000x20000")
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    parser.add_argument("--skip-mkdocs", action="store_true")
    parser.add_argument(
        "--repeat", type=int, default=3, help="warm full builds and incremental ones per size"
    )
    args = parser.parse_args()
    from compiled import compile_clientbook

    compile_clientbook()  # measured as installed: compiled.py says why
    rows = [
        r
        for size in args.sizes.split(",")
        for r in run(size, args.workdir, args.skip_mkdocs, args.repeat)
    ]
    print(
        "\n| size | variant | seconds | ms per page | peak RSS MB |\n| --- | --- | ---: | ---: | ---: |"
    )
    for r in rows:
        if "kb" in r:
            print(f"| {r['size']} | {r['variant']} | {r['kb']} KB | | |")
        elif "peak_rss_mb" not in r:
            print(f"| {r['size']} | {r['variant']} | {r['seconds']} | | |")
        else:
            print(
                f"| {r['size']} | {r['variant']} | {r['seconds']} | {r['ms_per_page']} | {r['peak_rss_mb']} |"
            )
    (args.workdir / "results-site.json").write_text(
        json.dumps(rows, indent=2) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
