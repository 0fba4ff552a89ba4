"""Every record's facts for a sharded run: read cheaply here, or taken from a facts file.

The cross-record rules (duplicate-client, id-duplicate, id-mismatch) compare every
record's facts (lint/rules/base.Facts), so a shard that checks a quarter of the files
still needs the facts of all of them. Reading a file only for its facts (read, parse,
facts_of) costs almost half of checking it in full (the parse is most of both), so a shard
of 4 that reads the other three quarters itself spends longer on them than on its own
files: about half of an unsharded run's CPU time, against about a quarter with a facts
file (the figures are in the README). Instead one job can write a facts file (`clientbook lint --write-facts FILE`): every file's content hash
and facts, and the cross-record findings they give, unplaced; each shard then reads that
JSON and checks only its own files.

A facts file is JSON, never pickle: it travels between CI jobs as an artifact. It is
used only by the same clientbook version with the same clientbook.yaml, at the same
commit, for the same list of files, and each shard finds its own files' bytes unchanged
since it was written; anything else stops the run with the file's name and what differs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clientbook import __version__
from clientbook.core.config import Config
from clientbook.core.diagnostics import Finding
from clientbook.core.encryption import split_sops
from clientbook.core.records import Record, cache_lookup_bytes, read_record
from clientbook.history.gitlog import GitUnavailable
from clientbook.history.gitprobe import probe
from clientbook.lint.cache import LintCache
from clientbook.lint.checkfile import FileResult
from clientbook.lint.rules import RULES, Facts
from clientbook.lint.rules.duplicates import facts_of
from clientbook.util.regularfile import NotRegular, read_regular
from clientbook.util.workers import fork_map

FORMAT = 1
MAX_FACTS_FILE = 1024 * 1024 * 1024  # 100,000 records: 44 MB

Known = tuple[str, Facts | None]  # (content hash, facts; None for a file that is no record)


class FactsError(Exception):
    """A facts file that cannot be used here; the words say which file and why."""


@dataclass
class FactsFile:
    key: str  # facts_key: clientbook's version, clientbook.yaml, the rules
    commit: str  # HEAD when it was written ("" outside git)
    files: dict[str, Known]
    cross: dict[str, list[tuple[str, Finding]]] = field(default_factory=dict)
    name: str = ""  # the file's name as the user gave it, for messages


def facts_key(config: Config) -> str:
    """Everything facts and cross-record findings depend on besides the records."""
    text = f"{FORMAT}\0{__version__}\0{config.fingerprint}\0{','.join(sorted(RULES))}"
    return hashlib.sha256(text.encode()).hexdigest()


def head_commit(root: Path) -> str:
    try:
        return probe(root).head or ""
    except GitUnavailable:
        return ""


def record_facts(record: Record, config: Config) -> Facts | None:
    """A record's facts, as checkfile.Checker.check_record takes them."""
    if record.data is None:
        return None
    return facts_of(split_sops(record.data)[0], record.file, config.ignore_domains)


def gather(
    where: dict[str, Path], config: Config, cache: LintCache | None, jobs: int
) -> dict[str, Known]:
    """The facts of the files in `where` (file -> path): from the cache when their bytes are
    unchanged, else read for their facts alone (in `jobs` forked workers when many)."""
    out: dict[str, Known] = {}
    todo: list[tuple[str, Path]] = []
    for file, path in sorted(where.items()):
        raw = cache_lookup_bytes(path, config.max_file_size) if cache is not None else None
        if cache is not None and raw:
            sha = hashlib.sha256(raw).hexdigest()
            found, facts = cache.get_facts(file, sha)
            if found:
                out[file] = (sha, facts)
                continue
        todo.append((file, path))
    if jobs <= 1 or len(todo) < 200:
        read = [_read_facts(config, item) for item in todo]
    else:
        read = fork_map(_read_facts, config, todo, jobs)
    for file, known in read:
        out[file] = known
        if cache is not None:
            cache.put_facts(file, *known)
    return out


def _read_facts(config: Config, item: tuple[str, Path]) -> tuple[str, Known]:
    file, path = item
    record = read_record(path, file, config.root, config.max_file_size)
    return file, (record.sha, record_facts(record, config))


# --- the file -------------------------------------------------------------------------------


def to_json(facts: FactsFile) -> str:
    document = {
        "clientbook_facts": FORMAT,
        "written_by": __version__,
        "key": facts.key,
        "commit": facts.commit,
        "files": {
            file: {"sha": sha, "facts": _facts_out(known)}
            for file, (sha, known) in sorted(facts.files.items())
        },
        "cross": {
            file: [[rule, *_finding_out(f)] for rule, f in items]
            for file, items in sorted(facts.cross.items())
        },
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def _facts_out(facts: Facts | None) -> list[Any] | None:
    if facts is None:
        return None
    sets = (facts.emails, facts.phones, facts.domains)
    return [facts.id, facts.name, facts.normalised_name, *(sorted(s) for s in sets)]


def _finding_out(f: Finding) -> list[Any]:
    return [f.pointer, f.message, f.hint, f.on_key, list(f.related)]


def load(path: Path, name: str) -> FactsFile:
    """The facts file at `path` (`name`: as messages call it); FactsError when it cannot be
    read or is not a facts file."""
    try:
        raw = read_regular(path, MAX_FACTS_FILE)
    except NotRegular as err:
        raise FactsError(f"cannot read the facts file {name}: {err}") from None
    try:
        document = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise FactsError(f"{name}:1:1: the facts file is not UTF-8 text") from None
    except json.JSONDecodeError as err:
        raise FactsError(f"{name}:{err.lineno}:{err.colno}: not JSON: {err.msg}") from None
    if not isinstance(document, dict) or document.get("clientbook_facts") != FORMAT:
        raise FactsError(
            f"{name}:1:1: not a clientbook facts file (format {FORMAT}): write one with "
            "clientbook lint --write-facts FILE"
        )
    try:
        return FactsFile(
            str(document["key"]),
            str(document["commit"]),
            {f: _known_in(v) for f, v in document["files"].items()},
            {f: [_finding_in(item) for item in v] for f, v in document["cross"].items()},
            name,
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        raise FactsError(
            f"{name}: not a facts file clientbook {__version__} wrote (its entries have "
            "another shape); write it again with clientbook lint --write-facts FILE"
        ) from None


def _known_in(value: dict[str, Any]) -> Known:
    sha, facts = value["sha"], value["facts"]
    if not isinstance(sha, str):
        raise TypeError(sha)
    if facts is None:
        return sha, None
    ident, name, normalised, emails, phones, domains = facts
    return sha, Facts(
        "",  # the file is the key: set by the caller
        str(ident),
        str(name),
        str(normalised),
        frozenset(map(str, emails)),
        frozenset(map(str, phones)),
        frozenset(map(str, domains)),
    )


def _finding_in(item: list[Any]) -> tuple[str, Finding]:
    rule, pointer, message, hint, on_key, related = item
    if rule not in RULES or not isinstance(on_key, bool):
        raise ValueError(rule)
    return str(rule), Finding(str(pointer), str(message), str(hint), on_key, tuple(related))


def facts_by_file(facts: FactsFile) -> dict[str, Known]:
    """The file's entries with each Facts naming its file (the file holds it once)."""
    out: dict[str, Known] = {}
    for file, (sha, known) in facts.files.items():
        if known is not None:
            known = Facts(
                file,
                known.id,
                known.name,
                known.normalised_name,
                known.emails,
                known.phones,
                known.domains,
            )
        out[file] = (sha, known)
    return out


def check_usable(
    facts: FactsFile, config: Config, files: Iterable[str], mine: dict[str, str]
) -> None:
    """FactsError unless `facts` was written for this run: clientbook's version, the config and
    commit, the same files, and this shard's files (`mine`: file -> content hash) unchanged."""
    name = facts.name or "the facts file"
    again = f"write it again at this commit with clientbook lint --write-facts {name}"
    if facts.key != facts_key(config):
        raise FactsError(
            f"{name} was written by another clientbook version or with another "
            f"clientbook.yaml; {again}"
        )
    commit = head_commit(config.root)
    if facts.commit != commit:
        was, now = facts.commit[:10] or "outside git", commit[:10] or "outside git"
        raise FactsError(f"{name} was written at commit {was}; this checkout is at {now}; {again}")
    wanted = set(files)
    if wanted != set(facts.files):
        extra = sorted(set(facts.files) - wanted)
        missing = sorted(wanted - set(facts.files))
        which = f"{missing[0]} is not in it" if missing else f"it lists {extra[0]}, not here"
        raise FactsError(f"{name} was written for other client files ({which}); {again}")
    for file, sha in sorted(mine.items()):
        if facts.files[file][0] != sha:
            raise FactsError(f"{file} has changed since {name} was written; {again}")


def every_fact(
    results: dict[str, FileResult],
    files: set[str],
    mine: set[str],
    others: dict[str, Path],
    config: Config,
    cache: LintCache | None,
    jobs: int,
    facts: FactsFile | None,
) -> list[Facts]:
    """Every file's facts, in file order (the cross-record rules' messages follow it): the
    checked files' (`results`, of the files `mine`) and the `others`' (file -> path), read
    for their facts alone or taken from a facts file (checked first against what this run
    found)."""
    own = {r.file: r.facts for r in results.values() if r.file in files}
    if facts is not None:
        check_usable(facts, config, files, {f: results[f].sha for f in mine})
        own.update((f, k) for f, (_, k) in facts_by_file(facts).items() if f not in mine)
    elif others:
        own.update((f, k) for f, (_, k) in gather(others, config, cache, jobs).items())
    return [k for _, k in sorted(own.items()) if k is not None]
