#!/usr/bin/env python3
"""Time `clientbook lint` against check-jsonschema on the same records and the same schema.

    python bench/lint_bench.py [--sizes 1000,10000] [--workdir bench/out] [--skip-check-jsonschema]

For each size, a synthetic records repository is generated (bench/generate.py) under
WORKDIR/repo-SIZE, or reused when one with the same count, seed, generator, config and
schemas is already there, and committed to a fresh git repository with a fixed author and
date. Then each of these runs in its own process, timed by the wall clock, with the peak
resident set size of the child as the kernel reports it to os.wait4:

  a. clientbook lint --no-cache                       cold, one process
  b. clientbook lint --jobs 2 --no-cache              cold, two worker processes
  c. clientbook lint, twice                           the first fills the cache, the second is warm
  d. clientbook lint --changed-since HEAD             after 3 uncommitted edits; with the cache warm
                                                      from c, then again with the cache deleted
  e. check-jsonschema --schemafile client.schema.json clients/*.yaml

os.wait4 reports the largest single process of the child's tree (workers included), not
their sum; the "sum RSS" column samples /proc every 10 ms and adds up the whole tree.

Exit codes 0 and 1 are both fine for clientbook (1 means findings at error severity) and
for check-jsonschema (1 means a record is invalid); anything else is a failure, reported
with the end of its stderr, and makes this script exit 1.

The table is printed as Markdown and written as JSON to WORKDIR/results-lint.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TOOLS = ROOT / "tools"
sys.path.insert(0, str(HERE))

from fingerprint import files_sha256  # noqa: E402
from generate import DEFAULT_TODAY, generate  # noqa: E402
from procstats import TreeSampler  # noqa: E402

SEED = 1
CHANGED_FILES = 3
MANIFEST = ".bench-manifest.json"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Clientbook Bench",
    "GIT_AUTHOR_EMAIL": "bench@northwind.example",
    "GIT_AUTHOR_DATE": "2026-11-23T09:00:00+00:00",
    "GIT_COMMITTER_NAME": "Clientbook Bench",
    "GIT_COMMITTER_EMAIL": "bench@northwind.example",
    "GIT_COMMITTER_DATE": "2026-11-23T09:00:00+00:00",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_TERMINAL_PROMPT": "0",
}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- running and measuring one command ------------------------------------------------------


@dataclass
class Run:
    wall_s: float
    peak_rss_mb: float
    tree_rss_mb: float
    exit_code: int
    stdout: Path
    stderr: Path


def run_timed(cmd: list[str], *, cwd: Path, env: dict[str, str], log_dir: Path, label: str) -> Run:
    """Run cmd once; wall time, the child's peak RSS from wait4, and the sampled tree RSS."""
    log_dir.mkdir(parents=True, exist_ok=True)
    out_path = log_dir / f"{label}.stdout"
    err_path = log_dir / f"{label}.stderr"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(
            cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err
        )
        sampler = TreeSampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        sampler.stop()
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4: tell Popen
    peak_kb = usage.ru_maxrss  # kilobytes on Linux
    return Run(
        wall,
        peak_kb / 1024,
        max(sampler.peak_kb, peak_kb) / 1024,
        proc.returncode,
        out_path,
        err_path,
    )


# --- the records repository -----------------------------------------------------------------


def _git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run(
        ["git", "-C", str(repo), *args], env=env, check=check, text=True, capture_output=True
    )


# three independent generators: generate_blind.py's was written without reading the other two
SHAPES = {"generate": "generate.py", "alt": "generate_alt.py", "blind": "generate_blind.py"}


def prepare_repo(
    repo: Path, size: int, seed: int, today: str, force: bool, shape: str = "generate"
) -> tuple[bool, float]:
    """Generate and commit the repository, or reuse it; returns (reused, generation seconds).

    `shape` picks the generator: generate.py's records, generate_alt.py's (written apart,
    shaped otherwise: six scripts, block scalars, comments, mixed quoting), or
    generate_blind.py's (written without reading either)."""
    manifest = {
        "count": size,
        "seed": seed,
        "today": today,
        "shape": shape,
        "generator": files_sha256(HERE / SHAPES[shape]),
        "config": files_sha256(ROOT / "clientbook.yaml"),
        "schemas": files_sha256(ROOT / "schemas"),
    }
    manifest_path = repo / MANIFEST
    if not force and manifest_path.is_file() and (repo / ".git").is_dir():
        try:
            same = json.loads(manifest_path.read_text()) == manifest
        except (OSError, ValueError):
            same = False
        count = (
            sum(1 for p in (repo / "clients").glob("*.yaml")) if (repo / "clients").is_dir() else -1
        )
        head = _git(repo, "rev-parse", "--verify", "-q", "HEAD", check=False).returncode == 0
        if same and count == size and head:
            _git(repo, "checkout", "-q", "--", ".")  # undo edits a previous, interrupted run left
            _git(repo, "clean", "-fdq", "--", "clients")
            return True, 0.0
    if repo.exists():
        shutil.rmtree(repo)
    started = time.perf_counter()
    if shape == "alt":
        import generate_alt  # only when asked for

        generate_alt.generate(repo, size, seed, today)
    elif shape == "blind":  # a script apart: run as a user would
        script = [sys.executable, str(HERE / SHAPES[shape]), "--count", str(size)]
        script += ["--seed", str(seed), "--out", str(repo), "--today", today, "--layout", "flat"]
        subprocess.run(script, check=True, stdout=subprocess.DEVNULL)
    else:
        generate(repo, size, seed, today)
    elapsed = time.perf_counter() - started
    (repo / ".gitignore").write_text(f"/.clientbook/\n/{MANIFEST}\n", encoding="utf-8")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(
        repo,
        "-c",
        "commit.gpgsign=false",
        "commit",
        "-q",
        "--no-verify",
        "-m",
        f"Synthetic records: {size} clients, seed {seed}",
    )
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return False, elapsed


_INTERACTIONS = re.compile(r"interactions:[ ]*(?:\[\][ ]*)?(?:#.*)?$")


def _value(line: str) -> str:
    """The plain or quoted value of a `key: value  # comment` line."""
    return line.split(":", 1)[1].split(" #")[0].strip().strip("'\"")


def edit_files(repo: Path, files: list[Path], today: str, round_no: int) -> None:
    """Restore `files` from HEAD, then add one interaction at the end of each one's list.

    The new interaction is dated `today` (never before the last one) and handled by the
    record's owner, so the records stay valid. `round_no` makes each round's text new, so
    that a cache can never already hold it.
    """
    _git(repo, "checkout", "-q", "--", *(str(f.relative_to(repo)) for f in files))
    for path in files:
        lines = path.read_text(encoding="utf-8").split("\n")
        owner = next(_value(ln) for ln in lines if ln.startswith("owner:"))
        start = next((i for i, ln in enumerate(lines) if _INTERACTIONS.match(ln)), -1)
        if start < 0:  # a record with none yet: the list goes last
            while lines and not lines[-1]:
                lines.pop()
            lines += ["interactions:", ""]
            start = len(lines) - 2
        lines[start] = "interactions:"  # `interactions: []` too
        end = next(
            (
                i
                for i in range(start + 1, len(lines))
                if lines[i] and not lines[i].startswith((" ", "#", "-"))
            ),
            len(lines),
        )
        # before the blank lines and column-0 comments that head the next key
        while end > start + 1 and (not lines[end - 1] or lines[end - 1].startswith("#")):
            end -= 1
        # at the list's own indentation: at its key's, or under it by 2 or 4 (generators differ)
        item = next((ln for ln in lines[start + 1 : end] if ln.lstrip().startswith("- ")), "  - ")
        dash = " " * (len(item) - len(item.lstrip()))
        new = [
            f"{dash}- date: {today}",
            f"{dash}  channel: email",
            f"{dash}  direction: inbound",
            f"{dash}  by: {owner}",
            f'{dash}  summary: "Asked for a copy of the latest invoice (benchmark edit, round {round_no})."',
        ]
        lines[end:end] = new
        path.write_text("\n".join(lines), encoding="utf-8")


# --- the benchmark ------------------------------------------------------------------------------


@dataclass
class Row:
    size: int
    variant: str
    tool: str
    command: list[str]
    wall_s: float | None = None
    peak_rss_mb: float | None = None
    tree_rss_mb: float | None = None
    exit_code: int | None = None
    findings: int | None = None
    runs_wall_s: list[float] = field(default_factory=list)
    ok: bool = True
    error: str = ""
    vs_check_jsonschema: str = ""
    speedup: float | None = None
    fraction: float | None = None


def _count_findings(stdout: Path) -> int | None:
    """How many diagnostics a --format json report holds, if its shape is recognisable."""
    try:
        data = json.loads(stdout.read_text(encoding="utf-8") or "null")
    except (OSError, ValueError):
        return None
    if isinstance(data, list):
        return len(data)
    if isinstance(data, dict):
        for key in ("diagnostics", "findings", "problems", "results"):
            if isinstance(data.get(key), list):
                return len(data[key])
        summary = data.get("summary")
        if isinstance(summary, dict):
            numbers = [
                v
                for k, v in summary.items()
                if k in ("errors", "warnings", "notes", "infos") and isinstance(v, int)
            ]
            if numbers:
                return sum(numbers)
    return None


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.rows: list[Row] = []
        self.failed = False
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(TOOLS), env.get("PYTHONPATH", "")) if p)
        env.pop("PYTHONSTARTUP", None)
        self.env = env
        self.clientbook = [sys.executable, "-m", "clientbook"]
        self.cjs = None if args.skip_check_jsonschema else _find_check_jsonschema()

    def measure(
        self,
        row: Row,
        cwd: Path,
        log_dir: Path,
        label: str,
        prepare: Callable[[int], None] | None = None,
    ) -> Row:
        """Run row.command args.repeat times (prepare(round) before each): best wall, worst RSS."""
        ok_codes = (0, 1)
        for round_no in range(1, self.args.repeat + 1):
            if prepare is not None:
                prepare(round_no)
            run = run_timed(
                row.command, cwd=cwd, env=self.env, log_dir=log_dir, label=f"{label}-{round_no}"
            )
            row.runs_wall_s.append(round(run.wall_s, 4))
            row.exit_code = run.exit_code
            row.peak_rss_mb = max(row.peak_rss_mb or 0.0, run.peak_rss_mb)
            row.tree_rss_mb = max(row.tree_rss_mb or 0.0, run.tree_rss_mb)
            if run.exit_code not in ok_codes:
                row.ok = False
                row.error = f"exit {run.exit_code}: " + _tail(run.stderr)
                self.failed = True
                break
            if row.tool == "clientbook":
                row.findings = _count_findings(run.stdout)
        row.wall_s = min(row.runs_wall_s) if row.runs_wall_s else None
        status = (
            f"{row.wall_s:.3f}s, {row.peak_rss_mb:.0f} MB, exit {row.exit_code}"
            if row.ok
            else row.error
        )
        log(f"  {row.variant}: {status}")
        self.rows.append(row)
        return row

    def lint(self, repo: Path, *extra: str) -> list[str]:
        return [
            *self.clientbook,
            "--repo",
            str(repo),
            "lint",
            "--today",
            self.args.today,
            "--format",
            "json",
            *extra,
        ]

    def clientbook_works(self) -> str:
        probe = subprocess.run(
            [*self.clientbook, "--help"], env=self.env, capture_output=True, text=True, check=False
        )
        if probe.returncode != 0:
            return (
                (probe.stderr or probe.stdout).strip().splitlines()[-1]
                if (probe.stderr or probe.stdout)
                else f"exit {probe.returncode}"
            )
        return ""

    def run_size(self, size: int, clientbook_problem: str) -> None:
        workdir: Path = self.args.workdir
        shape = self.args.shape
        repo = workdir / (f"repo-{size}" if shape == "generate" else f"repo-{shape}-{size}")
        repo = repo.resolve()
        log(f"size {size}: {repo}")
        reused, gen_s = prepare_repo(
            repo, size, self.args.seed, self.args.today, self.args.regenerate, shape
        )
        log(
            f"  {'reused the repository' if reused else f'generated and committed in {gen_s:.1f}s'}"
        )
        files = sorted((repo / "clients").glob("*.yaml"))
        for path in files:  # the same warm page cache for every tool
            path.read_bytes()
        log_dir = workdir / "logs" / f"lint-{size}"
        cache_root = repo / ".clientbook"
        cache = cache_root / "cache"
        first = len(self.rows)

        if clientbook_problem:
            self.rows.append(
                Row(
                    size,
                    "clientbook lint (all variants)",
                    "clientbook",
                    self.clientbook,
                    ok=False,
                    error=f"clientbook does not run: {clientbook_problem}",
                )
            )
            self.failed = True
        else:
            shutil.rmtree(cache_root, ignore_errors=True)
            self.measure(
                Row(size, "a. cold, --no-cache", "clientbook", self.lint(repo, "--no-cache")),
                repo,
                log_dir,
                "a-cold",
            )
            self.measure(
                Row(
                    size,
                    "b. cold, --jobs 2 --no-cache",
                    "clientbook",
                    self.lint(repo, "--jobs", "2", "--no-cache"),
                ),
                repo,
                log_dir,
                "b-jobs2",
            )
            self.measure(
                Row(size, "c. cache fill (first run)", "clientbook", self.lint(repo)),
                repo,
                log_dir,
                "c-fill",
                prepare=lambda _r: shutil.rmtree(cache_root, ignore_errors=True),
            )
            self.measure(
                Row(size, "c. warm cache", "clientbook", self.lint(repo)), repo, log_dir, "c-warm"
            )
            n = min(CHANGED_FILES, len(files))
            changed = [files[(i + 1) * len(files) // (n + 1)] for i in range(n)]
            self.measure(
                Row(
                    size,
                    f"d. --changed-since HEAD, {n} edited, warm cache",
                    "clientbook",
                    self.lint(repo, "--changed-since", "HEAD"),
                ),
                repo,
                log_dir,
                "d-warm",
                prepare=lambda r: edit_files(repo, changed, self.args.today, r),
            )
            if not cache.exists():
                log(f"  note: {cache} does not exist; the cold variant of d deletes nothing")

            def cold_edit(r: int) -> None:
                edit_files(repo, changed, self.args.today, 100 + r)
                shutil.rmtree(cache, ignore_errors=True)

            self.measure(
                Row(
                    size,
                    f"d. --changed-since HEAD, {n} edited, cold cache",
                    "clientbook",
                    self.lint(repo, "--changed-since", "HEAD"),
                ),
                repo,
                log_dir,
                "d-cold",
                prepare=cold_edit,
            )
            _git(repo, "checkout", "-q", "--", ".")

        if self.cjs is not None:
            self.run_check_jsonschema(size, repo, files, log_dir)
        elif not self.args.skip_check_jsonschema:
            log("  check-jsonschema is not installed: skipped (pip install check-jsonschema)")

        baseline = next(
            (r for r in self.rows[first:] if r.tool == "check-jsonschema" and r.ok), None
        )
        for row in self.rows[first:]:
            if row.tool == "check-jsonschema":
                row.vs_check_jsonschema = "baseline" if row.ok else ""
            elif baseline is not None and row.ok and row.wall_s and baseline.wall_s:
                row.speedup = baseline.wall_s / row.wall_s
                row.fraction = row.wall_s / baseline.wall_s
                word = (
                    f"{row.speedup:.1f}× faster"
                    if row.speedup >= 1
                    else f"{1 / row.speedup:.1f}× slower"
                )
                row.vs_check_jsonschema = f"{word} ({row.fraction:.3f})"

    def run_check_jsonschema(self, size: int, repo: Path, files: list[Path], log_dir: Path) -> None:
        schema = repo / "schemas" / "client.schema.json"
        if not schema.is_file():
            schema = ROOT / "schemas" / "client.schema.json"
        assert self.cjs is not None
        base = [self.cjs, "--schemafile", str(schema)]
        rel = [p.relative_to(repo).as_posix() for p in files]
        # Stay well inside ARG_MAX (which also holds the environment): one chunk for 10,000 files.
        budget = min(os.sysconf("SC_ARG_MAX") // 2, 1 << 20) - sum(
            len(k) + len(v) + 2 for k, v in self.env.items()
        )
        chunks: list[list[str]] = [[]]
        used = sum(len(a) + 1 for a in base)
        for arg in rel:
            if chunks[-1] and used + len(arg) + 1 > budget:
                chunks.append([])
                used = sum(len(a) + 1 for a in base)
            chunks[-1].append(arg)
            used += len(arg) + 1
        label = "e. check-jsonschema" + (f" ({len(chunks)} batches)" if len(chunks) > 1 else "")
        total = Row(size, label, "check-jsonschema", [*base, f"clients/*.yaml ({len(rel)} files)"])
        per_round: list[float] = []
        for round_no in range(1, self.args.repeat + 1):
            wall = 0.0
            for i, chunk in enumerate(chunks):
                run = run_timed(
                    [*base, *chunk],
                    cwd=repo,
                    env=self.env,
                    log_dir=log_dir,
                    label=f"e-check-jsonschema-{round_no}-{i}",
                )
                wall += run.wall_s
                total.exit_code = max(total.exit_code or 0, run.exit_code)
                total.peak_rss_mb = max(total.peak_rss_mb or 0.0, run.peak_rss_mb)
                total.tree_rss_mb = max(total.tree_rss_mb or 0.0, run.tree_rss_mb)
                if run.exit_code not in (0, 1):
                    total.ok = False
                    total.error = f"exit {run.exit_code}: " + _tail(run.stderr)
                    self.failed = True
                    break
                if run.exit_code == 1:
                    log(f"  check-jsonschema found invalid records: see {run.stdout}")
            per_round.append(round(wall, 4))
            if not total.ok:
                break
        total.runs_wall_s = per_round
        total.wall_s = min(per_round) if per_round and total.ok else None
        status = (
            f"{total.wall_s:.3f}s, {total.peak_rss_mb:.0f} MB, exit {total.exit_code}"
            if total.ok
            else total.error
        )
        log(f"  {label}: {status}")
        self.rows.append(total)


def _find_check_jsonschema() -> str | None:
    beside = Path(sys.executable).parent / "check-jsonschema"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("check-jsonschema")


def _version(cmd: list[str], env: dict[str, str]) -> str:
    try:
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return (
        done.stdout.strip().splitlines()[-1] if done.returncode == 0 and done.stdout.strip() else ""
    )


def markdown(rows: list[Row]) -> str:
    head = (
        "| size | variant | wall s | peak RSS MB | sum RSS MB | exit | findings | "
        "vs check-jsonschema (× faster; clientbook/cjs) |"
    )
    out = [head, "|---:|---|---:|---:|---:|---:|---:|---|"]
    for r in rows:

        def num(v: float | None, fmt: str) -> str:
            return format(v, fmt) if v is not None else "—"

        findings = str(r.findings) if r.findings is not None else "—"
        exit_code = str(r.exit_code) if r.exit_code is not None else "—"
        verdict = r.vs_check_jsonschema if r.ok else "FAILED: " + r.error.splitlines()[0][:80]
        out.append(
            f"| {r.size:,} | {r.variant} | {num(r.wall_s, '.3f')} | {num(r.peak_rss_mb, '.0f')} | "
            f"{num(r.tree_rss_mb, '.0f')} | {exit_code} | {findings} | {verdict} |"
        )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="1000,10000", help="comma-separated record counts (default 1000,10000)"
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        default=HERE / "out",
        help="where repositories, logs and results go (default bench/out, git-ignored)",
    )
    parser.add_argument("--skip-check-jsonschema", action="store_true", help="time clientbook only")
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs per variant; the best wall time is kept"
    )
    parser.add_argument("--seed", type=int, default=SEED, help=f"generator seed (default {SEED})")
    parser.add_argument(
        "--today", default=DEFAULT_TODAY, help=f"the date lint runs as (default {DEFAULT_TODAY})"
    )
    parser.add_argument(
        "--regenerate", action="store_true", help="regenerate repositories even if reusable"
    )
    parser.add_argument(
        "--shape",
        choices=sorted(SHAPES),
        default="generate",
        help="the corpus: generate.py's, generate_alt.py's or generate_blind.py's records "
        "(default generate)",
    )
    args = parser.parse_args(argv)
    from compiled import compile_clientbook

    compile_clientbook()  # measured as installed: compiled.py says why
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error("--sizes takes whole numbers separated by commas, for example 1000,10000")
    if not sizes or any(s < 1 for s in sizes):
        parser.error("--sizes must be positive")
    if args.repeat < 1:
        parser.error("--repeat must be 1 or more")
    args.workdir = args.workdir.resolve()
    args.workdir.mkdir(parents=True, exist_ok=True)
    if shutil.which("git") is None:
        log("git is needed to build the benchmark repositories")
        return 2

    bench = Bench(args)
    problem = bench.clientbook_works()
    if problem:
        log(f"clientbook does not run ({problem}); its variants are reported as failed")
    for size in sizes:
        bench.run_size(size, problem)

    table = markdown(bench.rows)
    print(table)
    for r in bench.rows:
        if not r.ok:
            print(f"\n{r.size:,} {r.variant} failed:\n{r.error}")
    meta = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "today": args.today,
        "seed": args.seed,
        "repeat": args.repeat,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "clientbook": _version([*bench.clientbook, "--version"], bench.env),
        "check_jsonschema": _version([bench.cjs, "--version"], bench.env) if bench.cjs else None,
        "peak_rss": "ru_maxrss from os.wait4: the largest single process in the child's tree",
        "sum_rss": "sampled every 10 ms from /proc: all processes of the tree added up",
    }
    results = {"meta": meta, "results": [asdict(r) for r in bench.rows], "markdown": table}
    out = args.workdir / "results-lint.json"
    out.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    log(f"wrote {out}")
    return 1 if bench.failed else 0


if __name__ == "__main__":
    sys.exit(main())
