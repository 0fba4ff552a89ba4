"""Building one shard of a site: `clientbook build --shard I/N --out DIR`.

A shard reads, lints and models the records lint/shard.py gives it (its cross-record
findings come from every record's facts, as lint's shards take them), makes their client
pages into DIR/clients/, and writes beside them what the site-wide pages need from its
clients (site/shard_part.py): their summaries, which files could not be read, the data
the redirect pages of merged clients are made from, and its pages' keys. `clientbook
build --merge-shards` (site/shard_merge.py) makes the directory, dashboard, owner and
team pages and calendar from every shard's part and links the pages in, into a site
byte for byte the one an unsharded build makes.

DIR is written as a site is (site/staging.py): into a temporary folder swapped in whole.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clientbook.core.clientstats import client_stats
from clientbook.core.config import Config
from clientbook.core.diagnostics import Severity
from clientbook.core.records import Record, read_record
from clientbook.lint.checkfile import Checker, FileResult
from clientbook.lint.run import lint
from clientbook.lint.shard import Shard
from clientbook.lint.shard_facts import FactsFile
from clientbook.site.build import (
    BuildResult,
    Inputs,
    as_refusal,
    build_time,
    page_inputs,
    read_histories,
    refuse,
    sources_of,
)
from clientbook.site.known import with_known
from clientbook.site.pages import Made, Source, client_pages
from clientbook.site.shard_part import Part, inputs_key, listing_key, write_part
from clientbook.site.staging import Staging, output_locked
from clientbook.util.workers import fork_map, worker_count


def build_shard(
    config: Config,
    out: Path,
    today: dt.date,
    shard: Shard,
    *,
    audience: str = "internal",
    strict: bool = False,
    progress: Callable[[int, int], None] | None = None,
    jobs: int = 0,
    facts: FactsFile | None = None,
) -> BuildResult:
    """Build the shard's client pages and its part of the site-wide pages into `out`.

    Raises BuildRefused (with --strict and errors in the shard's records, or a template that
    fails) and FactsError (a facts file that is not this run's)."""
    with output_locked(config.root, out):
        checker, _, shared = page_inputs(config, today, audience)
        stats = client_stats(config.root)
        files = list(stats)  # in the order of client_names: the order the site lists them
        read = _read(config, checker, shard.mine(files), files, worker_count(jobs))
        inputs = read.inputs
        result = lint(
            config,
            today,
            records=read.records,
            checker=checker,
            jobs=worker_count(jobs),
            checked=read.checked,
            shard=shard,
            facts=facts,
        )
        result = with_known(result, config)
        errors = sum(1 for d in result.diagnostics if d.severity == Severity.ERROR and not d.known)
        refuse(strict, errors)
        # the records are in memory: the page workers are not to read them (nor the parse
        # cache, whose buckets hold other shards' files too)
        loaded = {record.file: record for record in read.records}
        sources = [
            dataclasses.replace(s, record=loaded[s.file])
            for s in sources_of(inputs, result.by_file())
        ]
        made = Made()
        with as_refusal(), Staging(out) as staging:
            with client_pages(shared, sources, staging, made, jobs=jobs, progress=progress):
                pass
            meta = {
                "shard": str(shard),
                **inputs_key(shared, checker, audience),
                "files": len(files),
                "listing": listing_key(files),
                "built": build_time(config.root, inputs.history, inputs.newest).isoformat(),
            }
            part = _part(meta, files, read, sources, made, errors)
            write_part(staging, part)
            staging.keys.update(made.keys)
    return BuildResult(out, len(sources), errors, inputs.warnings)


def _part(
    meta: dict[str, Any],
    files: list[str],
    read: _Read,
    sources: list[Source],
    made: Made,
    errors: int,
) -> Part:
    index = {file: n for n, file in enumerate(files)}
    return Part(
        meta,
        [(index[f], f, *made.summaries[f]) for f in sorted(made.summaries, key=index.__getitem__)],
        [(index[r.file], r.file) for r in read.records if r.data is None],
        [(s.file, made.redirects[s.file]) for s in sources],
        errors,
        read.inputs.warnings,
    )


def _read(config: Config, checker: Checker, mine: set[str], files: list[str], jobs: int) -> _Read:
    """The history and records of the shard's files, each checked where it is parsed."""
    owned = [f for f in files if f in mine]
    history, stored, newest, warnings = read_histories(config.root, owned)
    if jobs <= 1 or len(owned) < 200:
        read = [_parse(checker, f) for f in owned]
    else:
        read = fork_map(_parse, checker, owned, jobs)
    inputs = Inputs(history, stored, newest, warnings, {}, owned)
    records = [record for record, _ in read]
    inputs.readable = {r.file: result.facts for r, result in read if result.facts is not None}
    inputs.shas = {record.file: record.sha for record in records}
    return _Read(inputs, records, {record.file: result for record, result in read})


@dataclass
class _Read:
    """A shard's inputs, and its records (a quarter of them is held: they are read once)."""

    inputs: Inputs
    records: list[Record]
    checked: dict[str, FileResult]


def _parse(checker: Checker, file: str) -> tuple[Record, FileResult]:
    """One file read and checked (in a worker): its record and lint's result for it."""
    config = checker.config
    record = read_record(
        config.root / file, file, config.root, config.max_file_size, keep_node=True
    )
    result = checker.check_record(record)
    record.forget_positions()
    return record, result
