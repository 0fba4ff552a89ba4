"""Assembling a site from its shards: `clientbook build --merge-shards DIR… --out SITE`.

Each shard's folder holds its client pages and its part (site/shard_part.py). The merge
checks that the shards are the N shards of one build — the same clientbook version,
commit, day, audience, clientbook.yaml, templates, schema and client files, each shard
once — and that this checkout is that build's, then links every client page in, and makes
what an unsharded build makes from all clients: the forms, the redirect pages of merged
clients, the directory, dashboard, owner and team pages and calendar, from the shards'
summaries in the order an unsharded build lists them. The result goes through the site's
staging folder (site/staging.py), swapped in whole, and is byte for byte the site an
unsharded build of the same commit makes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from clientbook.core.config import Config
from clientbook.core.repo import CLIENTS_DIR, client_names
from clientbook.lint.shard import Shard, ShardError
from clientbook.site.build import BuildResult, as_refusal, page_inputs
from clientbook.site.pages import redirect_pages
from clientbook.site.shard_part import Part, inputs_key, listing_key, read_part
from clientbook.site.staging import BuildRefused, Staging, output_locked
from clientbook.site.wide import forms_of, site_context, write_site_pages

_PAGE = re.compile(r"clients/[^/\\\0]+\.html")

# what each field of a shard's record of its inputs means, for the message when they differ
_WHAT = {
    "version": "clientbook version",
    "commit": "commit",
    "today": "day (--today)",
    "audience": "audience",
    "config": "clientbook.yaml",
    "inputs": "templates, schema, erasures, merges or baseline",
    "files": "number of client files",
    "listing": "client files",
}


def merge_shards(
    config: Config,
    folders: Sequence[Path],
    out: Path,
    *,
    today: dt.date | None = None,
    audience: str | None = None,
) -> BuildResult:
    """The site from the shards in `folders`, into `out`; BuildRefused when they are not the
    shards of one build of this checkout. The day and audience are the shards'."""
    parts = [read_part(folder) for folder in folders]
    meta = _agreed(parts)
    day = dt.date.fromisoformat(meta["today"])
    if (today not in (None, day)) or (audience not in (None, meta["audience"])):
        raise BuildRefused(
            f"the shards were built for the {meta['audience']} audience on {meta['today']}: "
            "merge them without --today and --audience, or build them again"
        )
    checker, env, shared = page_inputs(config, day, meta["audience"])
    files = [f"{CLIENTS_DIR}/{n}" for n in client_names(config.root)]
    ours = {**inputs_key(shared, checker, meta["audience"]), "files": len(files)}
    ours["listing"] = listing_key(files)
    for field, value in ours.items():
        if meta[field] != value:
            raise BuildRefused(
                f"the shards were built from another {_WHAT[field]} than this checkout's "
                f"({_short(meta[field])}, here {_short(value)}): merge them in a checkout "
                "of the commit they were built at, with the same clientbook"
            )
    _covered(parts, len(files))
    with output_locked(config.root, out), as_refusal(), Staging(out) as staging:
        # in file order, as an unsharded build's chunks: of two records of one id (an error
        # lint reports) the page and key of the later file are the site's
        pages = [(file, s.id, key, p.folder) for p in parts for _, file, key, s in p.entries]
        last = {page: (key, folder) for _, page, key, folder in sorted(pages, key=_first)}
        for page, (key, folder) in last.items():
            staging.adopt(f"clients/{page}.html", folder / f"clients/{page}.html")
            staging.keys[f"clients/{page}.html"] = key
        for name, content in forms_of(config, checker.schema.document).items():
            staging.write(name, content)
        for name, content in redirect_pages(
            [pair for part in parts for pair in part.redirects]
        ).items():
            staging.write(name, content)
        built = max(dt.datetime.fromisoformat(p.meta["built"]) for p in parts)
        entries = sorted((e for p in parts for e in p.entries), key=lambda e: e[0])
        write_site_pages(
            env,
            [summary for _, _, _, summary in entries],
            config,
            site_context(config, meta["audience"], built, day),
            [file for _, file in sorted(u for p in parts for u in p.unreadable)],  # list order
            built,
            staging,
        )
    warnings = list(dict.fromkeys(w for p in parts for w in p.warnings))
    return BuildResult(out, len(entries), sum(p.errors for p in parts), warnings)


def _agreed(parts: list[Part]) -> dict[str, Any]:
    """The shards' common record of their inputs; BuildRefused naming what differs, and the
    shard missing or given twice."""
    if not parts:
        raise BuildRefused("--merge-shards needs the folders of the shards to merge")
    first = parts[0]
    for part in parts[1:]:
        for field, what in _WHAT.items():
            if part.meta.get(field) != first.meta.get(field):
                raise BuildRefused(
                    f"{first.folder} and {part.folder} were built from another {what} "
                    f"({_short(first.meta.get(field))}, {_short(part.meta.get(field))}): "
                    "build every shard of one commit with one clientbook and the same options"
                )
    shards: dict[int, Path] = {}
    total = 0
    for part in parts:
        try:
            shard = Shard.parse(str(part.meta.get("shard")))
        except ShardError as err:
            raise BuildRefused(f"{part.folder}: {err}") from None
        if total and shard.total != total:
            raise BuildRefused(
                f"{part.folder} is shard {shard} and {parts[0].folder} one of {total}: "
                "merge the shards of one build"
            )
        total = shard.total
        if shard.index in shards:
            raise BuildRefused(
                f"shard {shard} is given twice: {shards[shard.index]} and {part.folder}"
            )
        shards[shard.index] = part.folder
    missing = [f"{i}/{total}" for i in range(1, total + 1) if i not in shards]
    if missing:
        raise BuildRefused(f"shard {', '.join(missing)} is missing: give every shard's folder")
    return first.meta


def _covered(parts: list[Part], files: int) -> None:
    """Every client file in exactly one shard, and every page a plain page name."""
    places = [n for p in parts for n, *_ in p.entries] + [n for p in parts for n, _ in p.unreadable]
    if sorted(places) != list(range(files)):
        raise BuildRefused("the shards do not hold every client file once: build them again")
    for part in parts:
        bad = [s.id for *_, s in part.entries if not _PAGE.fullmatch(f"clients/{s.id}.html")]
        if bad:
            raise BuildRefused(f"{part.folder} lists a page that is no client page: {bad[0]!r}")


def _first(item: tuple[str, str, str, Path]) -> str:
    return item[0]


def _short(value: object) -> str:
    text = str(value)
    return text[:12] if len(text) == 64 or len(text) == 40 else text
