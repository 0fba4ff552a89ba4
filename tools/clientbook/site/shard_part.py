"""What a site shard leaves for the merge, beside its client pages: its part.

Two files in the shard's folder: `.clientbook-shard.json`, what the shard was built
from (clientbook's version, the commit, the day, the audience, clientbook.yaml, a key of
the templates, schema and lint context, the list of client files), which the merge
compares across shards and with its own checkout; and `.clientbook-shard.pickle`, the
shard's clients' summaries (site/summary.py) and the rest the site-wide pages are made
from. The summaries are pickled because they must come back exactly as they were made
(tuples, floats), or the merged site would not be the unsharded one byte for byte. A
shard's folder is a CI artifact, so it is read with an unpickler that refuses every
class and function: only plain values (strings, numbers, lists, tuples, dicts) load.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clientbook import __version__
from clientbook.core.merges import merged_away
from clientbook.lint.baseline import digest
from clientbook.lint.checkfile import Checker
from clientbook.lint.rules import RULES
from clientbook.lint.shard_facts import head_commit
from clientbook.site.pages import Shared
from clientbook.site.staging import BuildRefused
from clientbook.site.summary import Summary
from clientbook.site.wide import Writer
from clientbook.util.regularfile import NotRegular, read_regular

FORMAT = 1
META = ".clientbook-shard.json"
PART = ".clientbook-shard.pickle"
MAX_PART = 4 * 1024 * 1024 * 1024


@dataclass
class Part:
    """One shard's contribution to the site-wide pages."""

    meta: dict[str, Any]
    # (place in the file list, file, its page's key, summary): the page is clients/ID.html
    entries: list[tuple[int, str, str, Summary]]
    unreadable: list[tuple[int, str]]  # (place in the file list, file)
    redirects: list[tuple[str, dict[str, Any]]]  # (file, what redirect_pages reads of it)
    errors: int
    warnings: list[str]
    folder: Path = Path()


def inputs_key(shared: Shared, checker: Checker, audience: str) -> dict[str, str]:
    """What every shard of one site, and the merge, must have been built from alike."""
    root = checker.config.root
    context = checker.context
    lint_context = "\0".join(
        (
            context.salt + ",".join(sorted(context.erased)),
            ",".join(f"{i}>{m.into}" for i, m in sorted(merged_away(root).items())),
            ",".join(sorted(RULES)),
            digest(checker.config),  # the baseline marks findings known
            os.environ.get("SOURCE_DATE_EPOCH", ""),
        )
    )
    return {
        "version": __version__,
        "commit": head_commit(root),
        "today": shared.today.isoformat(),
        "audience": audience,
        "config": checker.config.fingerprint,
        "inputs": hashlib.sha256(f"{shared.base}\0{lint_context}".encode()).hexdigest(),
    }


def listing_key(files: list[str]) -> str:
    return hashlib.sha256("\n".join(files).encode()).hexdigest()


def write_part(staging: Writer, part: Part) -> None:
    """The part's two files, into the shard's staging folder."""
    meta = {"clientbook_shard": FORMAT, **part.meta}
    staging.write(META, json.dumps(meta, indent=2, sort_keys=True) + "\n")
    body = (
        [(n, file, key, tuple(summary)) for n, file, key, summary in part.entries],
        part.unreadable,
        part.redirects,
        part.errors,
        part.warnings,
    )
    staging.write(PART, pickle.dumps(body, protocol=pickle.HIGHEST_PROTOCOL))


class _PlainValues(pickle.Unpickler):
    """Loads plain values only: any class or function named in the data is refused."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} is not a plain value")


def read_part(folder: Path) -> Part:
    """A shard's part from its folder; BuildRefused saying what is wrong with it."""
    what = f"{folder} is not the output of clientbook build --shard"
    try:
        meta = json.loads(_read(folder / META, what))
    except (ValueError, UnicodeDecodeError):
        meta = None
    if not isinstance(meta, dict) or meta.get("clientbook_shard") != FORMAT:
        raise BuildRefused(f"{what} (its {META} is not one clientbook {__version__} reads)")
    if meta.get("version") != __version__:
        raise BuildRefused(
            f"{folder} was built by clientbook {meta.get('version')}; this is clientbook "
            f"{__version__}: build every shard with the version that merges them"
        )
    try:
        entries, unreadable, redirects, errors, warnings = _PlainValues(
            io.BytesIO(_read(folder / PART, what))
        ).load()
        summaries = [(n, file, key, Summary._make(values)) for n, file, key, values in entries]
        return Part(
            meta,
            summaries,
            [(int(n), str(f)) for n, f in unreadable],
            [(str(f), dict(d)) for f, d in redirects],
            int(errors),
            [str(w) for w in warnings],
            folder,
        )
    except (pickle.UnpicklingError, ValueError, TypeError, EOFError, AttributeError) as err:
        raise BuildRefused(f"{what} (its {PART} cannot be read: {err})") from None


def _read(path: Path, what: str) -> bytes:
    try:
        return read_regular(path, MAX_PART)
    except NotRegular as err:
        raise BuildRefused(f"{what} ({path.name}: {err})") from None
