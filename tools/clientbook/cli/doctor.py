"""`clientbook doctor`'s checks: what this machine and this repository need, and how to fix
what is missing. Each check says ok, warn (a feature will not work) or error (nothing
will), with the fix in words. Nothing is written, and no check reaches the network.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import pickle
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from clientbook.core.config import ConfigError, load_config
from clientbook.core.journal import JOURNALS
from clientbook.core.repo import RepoNotFound, client_files, client_names, find_root
from clientbook.core.schema import SchemaError
from clientbook.lint.rule_ids import check_rule_ids
from clientbook.lint.run import build_checker
from clientbook.util.cachedir import CACHE_DIR

GIT_AT_LEAST = (2, 25)  # ls-files -z, rev-parse --show-toplevel in worktrees, sparse index


@dataclass(frozen=True)
class Check:
    name: str
    state: str  # ok, warn, error
    detail: str
    fix: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"check": self.name, "state": self.state, "detail": self.detail, "fix": self.fix}


def _run(*command: str, cwd: Path | None = None) -> str | None:
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    except OSError:
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def check_python() -> Check:
    version = ".".join(map(str, sys.version_info[:3]))
    return Check("python", "ok", f"Python {version} ({sys.executable})")


def check_git() -> Check:
    out = _run("git", "--version")
    if out is None:
        return Check(
            "git",
            "warn",
            "git is not installed: lint works, history, audit, diff and erase do not",
            "install git (apt install git, brew install git)",
        )
    found = re.search(r"(\d+)\.(\d+)", out)
    version = (int(found[1]), int(found[2])) if found else (0, 0)
    if version < GIT_AT_LEAST:
        at_least = ".".join(map(str, GIT_AT_LEAST))
        return Check("git", "warn", out, f"git {at_least} or later is needed for history")
    return Check("git", "ok", out)


def check_repository(root: Path) -> Check:
    inside = _run("git", "rev-parse", "--is-inside-work-tree", cwd=root)
    if inside != "true":
        return Check(
            "repository",
            "warn",
            f"{root} is not in a git repository: no history, no audit trail",
            "git init && git add -A && git commit -m 'Client records'",
        )
    if _run("git", "rev-parse", "--is-shallow-repository", cwd=root) == "true":
        return Check(
            "repository",
            "warn",
            f"{root} is a shallow clone: history stops at its boundary",
            "git fetch --unshallow (in CI: actions/checkout with fetch-depth: 0)",
        )
    count = len(client_names(root))
    return Check("repository", "ok", f"{root}: {count} client files, full git history")


def check_config(root: Path) -> Check:
    try:
        config = load_config(root)
        check_rule_ids(config)
        build_checker(config, dt.date.today())
    except ConfigError as err:
        first = err.diagnostics[0]
        where = f"{first.file}:{first.line}:{first.column}"
        more = f" (and {len(err.diagnostics) - 1} more)" if len(err.diagnostics) > 1 else ""
        return Check(
            "config",
            "error",
            f"{where}: {first.message}{more}",
            "clientbook lint shows every problem",
        )
    except SchemaError as err:
        d = err.diagnostic
        return Check(
            "schema", "error", f"{d.file}:{d.line}:{d.column}: {d.message}", "fix the schema file"
        )
    return Check("config", "ok", "clientbook.yaml and the schema are valid")


def check_filter_repo() -> Check:
    if importlib.util.find_spec("git_filter_repo") is None:
        return Check(
            "git-filter-repo",
            "warn",
            "not installed: erase cannot purge a client from the history",
            "pip install git-filter-repo",
        )
    return Check("git-filter-repo", "ok", "installed (erase --purge-history)")


def _uses_sops(root: Path) -> bool:
    if (root / ".sops.yaml").is_file():
        return True
    for path in client_files(root):
        try:
            if b"\nsops:" in path.read_bytes():
                return True
        except OSError:
            continue
    return False


def check_sops(root: Path) -> Check:
    if not _uses_sops(root):
        return Check("sops", "ok", "no encrypted records (no .sops.yaml): not needed")
    missing = [tool for tool in ("sops", "age") if shutil.which(tool) is None]
    if missing:
        return Check(
            "sops",
            "warn",
            f"the repository encrypts fields, but {' and '.join(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} not installed: encrypted values cannot be edited",
            "install them (https://github.com/getsops/sops, https://age-encryption.org)",
        )
    return Check("sops", "ok", "sops and age installed")


def _cache_problem(path: Path) -> str:
    """Why a cache file cannot be read ('' when it can)."""
    try:
        if path.suffix == ".sqlite":
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
                found = db.execute("PRAGMA quick_check").fetchone()
            return "" if found and found[0] == "ok" else f"damaged ({found[0] if found else '?'})"
        if path.suffix == ".pickle":
            with path.open("rb") as handle:
                pickle.load(handle)  # clientbook's own file in its own folder
        return ""
    except (
        OSError,
        sqlite3.Error,
        pickle.UnpicklingError,
        EOFError,
        ValueError,
        AttributeError,
        ImportError,
        TypeError,
    ) as err:
        return f"unreadable ({err})"


def check_caches(root: Path) -> list[Check]:
    out = []
    folder = root / CACHE_DIR
    files = sorted(p for p in folder.glob("*") if p.is_file()) if folder.is_dir() else []
    size = sum(p.stat().st_size for p in files)
    bad = [(p.name, why) for p in files if (why := _cache_problem(p))]
    if bad:
        listed = "; ".join(f"{name}: {why}" for name, why in bad)
        out.append(Check("cache", "warn", listed, f"rm -r {CACHE_DIR} (the next run rebuilds it)"))
    else:
        out.append(
            Check(
                "cache",
                "ok",
                f"{len(files)} file{'s' if len(files) != 1 else ''}, {size / 2**20:.1f} MB in {CACHE_DIR}",
            )
        )
    journals = root / JOURNALS
    pending = sorted(journals.glob("*.json")) if journals.is_dir() else []
    if pending:
        out.append(
            Check(
                "journal",
                "warn",
                f"{len(pending)} write{'s' if len(pending) != 1 else ''} a killed run left unfinished",
                "run any writing command (clientbook fmt, say): it finishes or undoes them first",
            )
        )
    return out


def checks(start: Path | None) -> list[Check]:
    """Every check, for the repository at or above `start` (None: the current folder)."""
    found: list[Check] = [check_python(), check_git(), check_filter_repo()]
    try:
        root = start.resolve() if start else find_root(Path.cwd())
    except RepoNotFound as err:
        found.append(Check("repository", "error", str(err), "clientbook init FOLDER starts one"))
        return found
    steps: list[Callable[[Path], Check]] = [check_repository, check_config, check_sops]
    found += [step(root) for step in steps]
    found += check_caches(root)
    return found
