"""Lint: check client files and return diagnostics. Never prints, never exits.

The run: build one Checker (config, compiled schema, today) → check each file
(from the cache when its bytes are unchanged; in worker processes with
--jobs) → cross-record rules over every record's facts → severity overrides,
ignores and inline suppressions → sorted diagnostics.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import hashlib
import os
import stat
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from clientbook.core.config import Config
from clientbook.core.diagnostics import Diagnostic, Finding, Severity, count
from clientbook.core.merges import load_merges, merged_away
from clientbook.core.records import Record
from clientbook.core.repo import CLIENTS_DIR, client_names, relative
from clientbook.core.tombstones import load_erasures
from clientbook.lint.cache import LintCache, context_key
from clientbook.lint.checkfile import Checker, FileResult
from clientbook.lint.cross import content_digest, cross_findings
from clientbook.lint.placing import CrossPlacer
from clientbook.lint.rule_ids import check_rule_ids
from clientbook.lint.rules import RULES, Context, Facts
from clientbook.lint.shard import Shard
from clientbook.lint.shard_facts import FactsFile, every_fact
from clientbook.util.cachedir import gc_paused
from clientbook.util.regularfile import regular_file_bytes
from clientbook.util.workers import fork_map


@dataclass
class LintResult:
    diagnostics: list[Diagnostic]
    files: int
    facts: list[Facts] = field(default_factory=list)
    # per file: the cross-record findings it has, before placing (the site's incremental builds)
    cross: dict[str, list[tuple[str, Finding]]] = field(default_factory=dict)
    # with a baseline (lint/baseline.py): the findings it knows, left out of `diagnostics`
    known: list[Diagnostic] = field(default_factory=list)
    fixed: int = 0  # baseline entries no finding matches any more
    baseline: str = ""  # the baseline file's name, as the user gave it
    shas: dict[str, str] = field(default_factory=dict)  # file -> sha256 of the bytes checked

    def count(self, severity: Severity) -> int:
        return count(self.diagnostics, severity)

    def by_file(self) -> dict[str, list[Diagnostic]]:
        """The diagnostics grouped by file, in their order."""
        grouped: dict[str, list[Diagnostic]] = {}
        for d in self.diagnostics:
            grouped.setdefault(d.file, []).append(d)
        return grouped

    def exit_code(self, strict: bool = False) -> int:
        worst = max((d.severity for d in self.diagnostics), default=None)
        if worst == Severity.ERROR or (strict and worst == Severity.WARNING):
            return 1
        return 0


def build_checker(config: Config, today: dt.date) -> Checker:
    """Compile the schema once for the run (raises SchemaError for an unusable schema,
    ConfigError for a rule id the config names that does not exist)."""
    check_rule_ids(config)
    erasures = load_erasures(config.root)
    load_merges(config.root)  # a merges.yaml that cannot be read: ConfigError, positioned
    return Checker(
        config,
        config.client_schema(),
        Context(config, today, config.root, erased=erasures.hashes, salt=erasures.salt),
    )


def lint(
    config: Config,
    today: dt.date,
    paths: Sequence[Path] | None = None,
    *,
    jobs: int = 1,
    use_cache: bool = True,
    only: set[str] | None = None,
    records: Sequence[Record] | None = None,
    checker: Checker | None = None,
    checked: dict[str, FileResult] | None = None,
    shard: Shard | None = None,
    facts: FactsFile | None = None,
) -> LintResult:
    """Lint the repository's client files (or `paths`).

    Cross-record rules always see every client in the repository. `only`
    (repository-relative file names, from --changed-since) limits what is
    reported to those files and the cross-record findings that involve them.
    `records`, already loaded by the caller (the site build), are not read again;
    `checked` holds results the caller already has for some of them (records.load_and_check).
    With a `shard`, only its files are checked and reported, with the cross-record findings
    placed in them; the other files are read for their facts alone, or those come from
    `facts` (a facts file; FactsError when it is not this run's). With a shard, `records`
    are the shard's.
    """
    checker = checker or build_checker(config, today)
    root = config.root
    cache = LintCache(root, run_key(checker, today)) if use_cache else None
    all_files = _client_files(root, cache)
    targets = {relative(root, p): p for p in paths} if paths else dict.fromkeys(all_files)
    files = set(all_files) | set(targets)
    mine = files if shard is None else shard.mine(files)
    if records is not None:
        results = _check_loaded(records, checker, cache, jobs, checked or {})
    else:
        results = _check_all(_paths(root, targets, mine), checker, cache, jobs)
    # read for their facts alone, if at all
    others = {f: Path(p) for f, p in _paths(root, targets, files - mine).items()}
    everyone = every_fact(results, files, mine, others, config, cache, jobs, facts)
    reported = set(targets) if only is None else set(targets) & only
    diagnostics = [d for f in sorted(reported & mine) for d in results[f].diagnostics]
    precomputed = facts.cross if facts is not None else None
    # every record's bytes, when every fact comes from a record checked or cached here
    content = content_digest(results) if cache and shard is None and facts is None else None
    cross = _cross(everyone, checker, reported, cache, precomputed, content)
    if shard is not None:  # each finding is reported by the shard of the file it is placed in
        cross = {file: items for file, items in cross.items() if file in mine}
    diagnostics += CrossPlacer(checker, results, cache, records).place_all(cross, jobs)
    if cache is not None:
        cache.save(files)
    diagnostics = _finish(diagnostics, config, results)
    return LintResult(
        sorted(diagnostics, key=Diagnostic.sort_key),
        len(reported & mine),
        everyone,
        cross,
        shas={file: result.sha for file, result in results.items()},
    )


def _client_files(root: Path, cache: LintCache | None) -> list[str]:
    """Every client file, from the cache's listing while clients/ is unchanged."""
    names = cache.client_names() if cache is not None else client_names(root)
    return [f"{CLIENTS_DIR}/{n}" for n in names]


def _paths(root: Path, targets: Mapping[str, Path | None], files: set[str]) -> dict[str, str]:
    """Each file's path, as text: a warm run only stats them, and pathlib's joins cost
    0.4 s for 100,000 files (a Path is made for the files that are read)."""
    folder = os.fspath(root / CLIENTS_DIR)
    out = {}
    for f in files:
        given = targets.get(f)
        out[f] = os.fspath(given) if given else f"{folder}/{f.removeprefix(CLIENTS_DIR + '/')}"
    return out


def relint(
    checker: Checker, record: Record, cross: list[tuple[str, Finding]]
) -> tuple[FileResult, list[Diagnostic]]:
    """One record checked again, when every record's cross-record facts are as they were.

    The caller has compared the facts: the cross-record findings are then the
    ones the record had (`cross`, from the last full run), placed in its new text.
    """
    result = checker.check_record(record)
    placer = CrossPlacer(checker, {record.file: result}, None, [record])
    found = result.diagnostics + placer.place(record.file, cross)
    diagnostics = _finish(found, checker.config, {record.file: result})
    return result, sorted(diagnostics, key=Diagnostic.sort_key)


def run_key(checker: Checker, today: dt.date) -> str:
    """Everything a file's findings depend on besides its bytes."""
    return context_key(
        checker.schema.text,
        checker.config.fingerprint,
        checker.context.salt + ",".join(sorted(checker.context.erased)),
        # a record created again under a merged id is flagged, even when its bytes are cached
        ",".join(f"{i}>{m.into}" for i, m in sorted(merged_away(checker.config.root).items())),
        today.isoformat(),
        ",".join(sorted(RULES)),
        str(checker.config.root),
    )


def _check_all(
    files: dict[str, str], checker: Checker, cache: LintCache | None, jobs: int
) -> dict[str, FileResult]:
    results: dict[str, FileResult] = {}
    todo: list[tuple[str, Path]] = []
    seen: dict[str, os.stat_result] = {}  # the stat of each file checked, taken before its read
    for file in sorted(files):
        path = files[file]
        hit = _cached(cache, file, path, checker.config.max_file_size, seen)
        if hit is not None:
            results[file] = hit
        else:
            todo.append((file, Path(path)))
    for result in _run_checks(todo, checker, jobs):
        results[result.file] = result
        if cache is not None:
            cache.put(result)
            if result.file in seen and result.sha:
                cache.remember_stat(result.file, seen[result.file], result.sha)
    return results


def _check_loaded(
    records: Sequence[Record],
    checker: Checker,
    cache: LintCache | None,
    jobs: int,
    checked: dict[str, FileResult],
) -> dict[str, FileResult]:
    results: dict[str, FileResult] = {}
    todo: list[Record] = []
    for record in records:
        hit = cache.get(record.file, record.sha) if cache and record.raw else None
        if hit is not None:
            results[record.file] = hit
        elif record.file in checked:
            results[record.file] = checked[record.file]
            if cache is not None:
                cache.put(checked[record.file])
        else:
            todo.append(record)
    for result in _run_loaded(todo, checker, jobs):
        results[result.file] = result
        if cache is not None:
            cache.put(result)
    return results


def _cached(
    cache: LintCache | None, file: str, path: str, max_size: int, seen: dict[str, os.stat_result]
) -> FileResult | None:
    """The cached result for the file's current bytes: by its stat when that is the one
    remembered with them, else by their hash. Oversized files and links are never read here;
    the stat of a regular file is put in `seen`."""
    if cache is None:
        return None
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_size > max_size:
        return None
    seen[file] = info
    sha = cache.known_sha(file, info)
    if sha is not None:
        return cache.get(file, sha)
    try:  # lstat said a regular file within the limit: read it, without a second lstat
        raw = regular_file_bytes(path)
    except OSError:
        return None
    hit = cache.get(file, hashlib.sha256(raw).hexdigest()) if raw else None
    if hit is not None:  # a file checked now has its stat remembered by _check_all
        cache.remember_stat(file, info, hit.sha)
    return hit


def _check_one_file(checker: Checker, item: tuple[str, Path]) -> FileResult:
    return checker.check(item[1], item[0])


def _check_one_loaded(shared: tuple[Checker, Sequence[Record]], index: int) -> FileResult:
    checker, records = shared
    return checker.check_record(records[index])


def _run_checks(todo: list[tuple[str, Path]], checker: Checker, jobs: int) -> Iterable[FileResult]:
    """Check files; forked workers inherit the compiled checker instead of rebuilding it."""
    if jobs <= 1 or len(todo) < 50:
        # what a check keeps lives to the end of the run, and what it drops is freed by its
        # count: the collector only walked the results, 0.1-0.2 s of 10,000 files
        with gc_paused(lasting=True):
            return [checker.check(path, file) for file, path in todo]
    return fork_map(_check_one_file, checker, todo, jobs)


def _run_loaded(todo: list[Record], checker: Checker, jobs: int) -> Iterable[FileResult]:
    """Check records already in memory; forked workers inherit them, only results travel."""
    if jobs <= 1 or len(todo) < 50:
        return [checker.check_record(record) for record in todo]
    return fork_map(_check_one_loaded, (checker, todo), range(len(todo)), jobs)


def _cross(
    facts: list[Facts],
    checker: Checker,
    reported: set[str],
    cache: LintCache | None,
    precomputed: dict[str, list[tuple[str, Finding]]] | None = None,
    content: str | None = None,
) -> dict[str, list[tuple[str, Finding]]]:
    """Each file's cross-record findings, for the files reported and those related to them
    (`precomputed`: every finding, from a facts file; `content`: as in cross_findings)."""
    out: dict[str, list[tuple[str, Finding]]] = {}
    found = (
        precomputed if precomputed is not None else cross_findings(facts, checker, cache, content)
    )
    for file, items in found.items():
        kept = [(rule, f) for rule, f in items if file in reported or reported & set(f.related)]
        if kept:
            out[file] = kept
    return out


def _finish(
    diagnostics: list[Diagnostic], config: Config, results: dict[str, FileResult]
) -> list[Diagnostic]:
    """Apply severity overrides, path ignores and inline suppressions."""
    out = []
    for d in diagnostics:
        setting = config.rule_severity.get(d.rule)
        if setting == "off" or _ignored(config, d):
            continue
        result = results.get(d.file)
        if result is not None and d.rule in result.suppressed.get(d.line, frozenset()):
            continue
        if setting:
            d = Diagnostic(
                d.file,
                d.line,
                d.column,
                Severity.parse(setting),
                d.rule,
                d.message,
                d.hint,
                d.pointer,
            )
        out.append(d)
    return out


def _ignored(config: Config, d: Diagnostic) -> bool:
    return any(
        ignore.rule == d.rule and any(fnmatch.fnmatch(d.file, pattern) for pattern in ignore.paths)
        for ignore in config.ignores
    )
