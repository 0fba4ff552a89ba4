"""Writing a facts file: every client file's facts and the cross-record findings they give.

`clientbook lint --write-facts FILE` runs this in one CI job; the shards of the lint and
build matrices read FILE (lint/shard_facts.py) instead of reading every record for its
facts themselves.
"""

from __future__ import annotations

import datetime as dt

from clientbook.core.config import Config
from clientbook.core.repo import CLIENTS_DIR, client_names
from clientbook.lint.cache import LintCache
from clientbook.lint.cross import cross_findings
from clientbook.lint.run import build_checker, run_key
from clientbook.lint.shard_facts import FactsFile, facts_key, gather, head_commit


def all_facts(
    config: Config, today: dt.date, *, jobs: int = 1, use_cache: bool = True
) -> FactsFile:
    """Every client file's facts (from the lint cache where its bytes are unchanged) and the
    cross-record findings they give, unplaced."""
    checker = build_checker(config, today)
    root = config.root
    folder = root / CLIENTS_DIR
    where = {f"{CLIENTS_DIR}/{n}": folder / n for n in client_names(root)}
    cache = LintCache(root, run_key(checker, today)) if use_cache else None
    known = gather(where, config, cache, jobs)
    everyone = [facts for _, (_, facts) in sorted(known.items()) if facts is not None]
    cross = cross_findings(everyone, checker, cache)
    if cache is not None:
        cache.save(set(where))
    return FactsFile(facts_key(config), head_commit(root), known, cross)
