"""Every cross-record finding, and when the ones the cache holds may be taken as they are.

The cross-record rules (duplicates, ids) see nothing but every record's facts and the run's
context; lint.run asks here once its files are checked, and a sharded run's facts file
(shard_write.py) carries what is found here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from clientbook.core.diagnostics import Finding
from clientbook.lint.cache import LintCache
from clientbook.lint.checkfile import Checker, FileResult
from clientbook.lint.rules import CROSS_RULES, Facts


def cross_findings(
    facts: list[Facts], checker: Checker, cache: LintCache | None, content: str | None = None
) -> dict[str, list[tuple[str, Finding]]]:
    """Every cross-record finding: from the cache when every record's facts are as they were.

    The cross-record rules see nothing but the facts (and the run's context, which
    keys the cache), and comparing 10,000 records' names is most of a warm run.
    `content` (`content_digest` of the records the facts are of) says the same sooner:
    facts follow from a file's name and bytes, and hashing those names and hashes is a
    tenth of digesting the facts (0.4 s at 100,000 records).
    """
    if cache is not None and cache.cross is not None and content == cache.cross_content:
        return cache.cross[1]
    digest = _facts_digest(facts) if cache is not None else ""  # for the cache alone
    if cache is not None and cache.cross is not None and cache.cross[0] == digest:
        if content is not None:
            cache.remember_cross_content(content)
        return cache.cross[1]
    found: dict[str, list[tuple[str, Finding]]] = {}
    known = {f.file for f in facts}
    for rule in CROSS_RULES:
        assert rule.cross is not None
        for file, finding in rule.cross(facts, checker.context):
            if file in known:
                found.setdefault(file, []).append((rule.id, finding))
    if cache is not None:
        cache.remember_cross(digest, found)
        if content is not None:
            cache.remember_cross_content(content)
    return found


def content_digest(results: Mapping[str, FileResult]) -> str:
    """Which files there are and which bytes each has (its content hash), as one digest."""
    digest = hashlib.sha256()
    for file in sorted(results):
        digest.update(f"{file}\0{results[file].sha}\n".encode())
    return digest.hexdigest()


def _facts_digest(facts: list[Facts]) -> str:
    """The same for equal facts in any process (sets sorted: their order follows the hash seed)."""
    digest = hashlib.sha256()
    for f in sorted(facts, key=lambda f: f.file):
        parts = (
            f.file,
            f.id,
            f.name,
            f.normalised_name,
            *map(sorted, (f.emails, f.phones, f.domains)),
        )
        digest.update(repr(parts).encode())
    return digest.hexdigest()
