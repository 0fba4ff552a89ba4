"""The client pages and their summaries, made in worker processes when it pays.

Modelling and rendering 10,000 pages is most of a build's work, and each page
depends on its own record, findings and history only, so the records are
split into chunks that forked workers read (chunkrecords.py: a full build's
main process holds no record), model, render and write straight into the
staging folder, each sending back its summaries (sitesummary.py) for the
site-wide pages. Workers inherit the findings, history and staging state
through fork: nothing is pickled on the way out.

A page is keyed by its inputs (the record's bytes, its findings, its history,
and what every page shares). When the previous build made it from the same
inputs and its summary is known, the previous file is linked in and nothing
is modelled or rendered (incremental rebuild).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import operator
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

import jinja2

from clientbook.core.config import Config
from clientbook.core.diagnostics import Diagnostic
from clientbook.core.obligations import items
from clientbook.core.records import Record, bucket_of
from clientbook.history.types import RecordHistory
from clientbook.site.chunkrecords import ChunkRecords, bucket_chunks
from clientbook.site.escape import escape_output
from clientbook.site.flags import duplicate_links
from clientbook.site.history import stored_histories
from clientbook.site.model import client_page, page_id
from clientbook.site.staging import Staging
from clientbook.site.summary import Summary, summarise
from clientbook.util.vcard import vcard_data_url
from clientbook.util.workers import fork_pool, sharing, with_shared, worker_count

if TYPE_CHECKING:
    from concurrent.futures import Future

CHUNK = 250  # pages per task at most: small enough to balance the workers, large enough to amortise
PARALLEL_FROM = 500  # fewer pages render faster than workers start


@dataclass(frozen=True)
class Source:
    """Everything one client page is made from."""

    file: str
    sha: str  # of the bytes lint checked: the page is made from those or not at all
    diagnostics: list[Diagnostic]
    history: RecordHistory | None
    stored: str = ""  # when set, `history` is read from the cache at this git path, in the worker
    # None: the worker making the page reads the record (parse cache, else the file), so the
    # main process of a full build never holds every record (4 GB at 100,000 clients)
    record: Record | None = None
    # another record of the same page name comes later in file order: its page is the site's
    # (the id-duplicate error lint reports), this one gives its summary only
    shadowed: bool = False

    @classmethod
    def of(
        cls, record: Record, diagnostics: list[Diagnostic], history: RecordHistory | None
    ) -> Source:
        """A source whose record is in memory already."""
        return cls(record.file, record.sha, diagnostics, history, "", record)


@dataclass(frozen=True)
class Shared:
    """What every page shares: set before the workers fork, so they inherit it."""

    config: Config
    schema: dict[str, Any]
    today: dt.date
    audience: str
    template: jinja2.Template
    context: dict[str, Any]
    base: str  # the key of everything above
    known: dict[str, tuple[str, Summary]] = field(default_factory=dict)  # file -> (key, summary)


@dataclass
class Made:
    """What a chunk sends back: each file's key, and the summaries it had to make."""

    keys: dict[str, str] = field(default_factory=dict)
    summaries: dict[str, tuple[str, Summary]] = field(default_factory=dict)
    reused: int = 0
    redirects: dict[str, dict[str, Any]] = field(default_factory=dict)  # file -> redirect_data

    def add(self, other: Made) -> None:
        self.keys.update(other.keys)
        self.summaries.update(other.summaries)
        self.reused += other.reused
        self.redirects.update(other.redirects)


class _Work(NamedTuple):
    """What the chunks are cut from: the workers inherit it (util/workers.sharing)."""

    shared: Shared
    sources: Sequence[Source]
    staging: Staging


def page_key(base: str, source: Source) -> str:
    """The key of a page's inputs: equal keys make equal pages and summaries."""
    digest = hashlib.sha256(base.encode())
    digest.update(f"\0{source.file}\0{source.sha}".encode())
    digest.update(repr(source.diagnostics).encode())
    if source.history is not None:
        versions = [
            (v.commit.sha, v.path, v.old_path, v.status, v.blob, v.error, v.summary)
            for v in source.history.versions
        ]
        digest.update(repr(versions).encode())  # one text for all: a third of the key's time
    return digest.hexdigest()


def _make_chunk(work: _Work, span: tuple[int, int]) -> Made:
    shared, sources, staging = work
    chunk = sources[span[0] : span[1]]
    wanted = {s.file: s.stored for s in chunk if s.stored}
    if wanted:
        histories = stored_histories(shared.config.root, wanted)
        chunk = [
            dataclasses.replace(s, history=histories.get(s.file), stored="") if s.stored else s
            for s in chunk
        ]
    made = Made()
    reader = ChunkRecords(shared.config, (s.file for s in chunk))
    for source in chunk:
        record = source.record or reader.record(source.file, source.sha)
        made.redirects[source.file] = redirect_data(record.data)
        _make(shared, dataclasses.replace(source, record=record), staging, made)
    reader.done()
    return made


def _make(shared: Shared, source: Source, staging: Staging, made: Made) -> None:
    key = page_key(shared.base, source)
    known = shared.known.get(source.file)
    if known is not None and known[0] == key:
        if source.shadowed:
            return  # its summary is known, and its page is another record's
        name = f"clients/{known[1].id}.html"
        if staging.link(name, key):
            made.keys[name] = key
            made.reused += 1
            return
    name, html, summary = make_page(shared, source)
    made.summaries[source.file] = (key, summary)
    if not source.shadowed:
        staging.write(name, html)
        made.keys[name] = key


def shadowing(sources: list[Source], names: list[str]) -> list[Source]:
    """`sources` (in file order), each whose page name (`names`, in step) a later one has
    marked shadowed: pages are made in any order, and the later file's must win."""
    last = {name: i for i, name in enumerate(names)}
    return [
        dataclasses.replace(s, shadowed=True) if last[name] != i else s
        for i, (s, name) in enumerate(zip(sources, names, strict=True))
    ]


def make_page(shared: Shared, source: Source) -> tuple[str, str, Summary]:
    """A client page's file name and HTML, and the client's summary."""
    record = source.record
    assert record is not None and record.data is not None
    page = client_page(
        record.file,
        record.data,
        shared.config,
        shared.schema,
        shared.today,
        source.diagnostics,
        source.history,
        shared.audience,
    )
    # each contact's vCard travels inside the page as a data: URL: a file per
    # contact would triple the files a build creates, and creating files is
    # most of what writing a site costs
    vcards = [vcard_data_url(page.data, c.fields) for c in page.contacts]
    html = shared.template.render(
        page=page, vcards=vcards, duplicates=duplicate_links(page), root="../", **shared.context
    )
    summary = summarise(
        page,
        record,
        source.diagnostics,
        shared.config,
        shared.today,
        shared.template.environment,
    )
    return f"clients/{page.id}.html", html, summary


def _in_buckets(source: Source) -> tuple[int, str]:
    """Page workers are given whole parse cache buckets: each reads and writes its own."""
    return bucket_of(source.file), source.file


def _after(tick: Callable[[int], None], size: int, _: object) -> None:
    tick(size)


@contextmanager
def client_pages(
    shared: Shared,
    sources: list[Source],
    staging: Staging,
    made: Made,
    *,
    jobs: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[None]:
    """Make every client page into `made`; the body of the `with` runs in the main process meanwhile.

    `jobs` is the number of worker processes (0: one per CPU when there are enough
    pages; 1: none). The files are all written when the `with` block ends.
    """
    ordered = sorted(sources, key=_in_buckets)
    staging.folder.joinpath("clients").mkdir(parents=True, exist_ok=True)
    workers = jobs or (worker_count(0) if len(ordered) >= PARALLEL_FROM else 1)
    size = max(1, min(CHUNK, -(-len(ordered) // (workers * 4))))
    chunks = bucket_chunks([bucket_of(s.file) for s in ordered], size)
    done = 0
    lock = threading.Lock()

    def tick(size: int) -> None:
        nonlocal done
        with lock:  # called from the pool's thread as chunks finish, while the body runs
            done += size
            if progress:
                progress(done, len(ordered))

    work = _Work(shared, ordered, staging)
    if workers <= 1 or len(chunks) < 2:
        yield
        for span in chunks:
            made.add(_make_chunk(work, span))
            tick(span[1] - span[0])
        return
    # the pool forks its workers at the first submit, inside `sharing`: they inherit the work
    with sharing(work):
        pool = fork_pool(workers)
        try:
            futures: list[Future[Made]] = []
            task = with_shared(_make_chunk)
            for span in chunks:
                future = pool.submit(task, span)
                future.add_done_callback(functools.partial(_after, tick, span[1] - span[0]))
                futures.append(future)
            yield
            for future in futures:
                made.add(future.result())
        finally:
            pool.shutdown(cancel_futures=True)


def redirect_data(data: dict[str, Any] | None) -> dict[str, Any]:
    """What redirect_pages reads of a record: a merged record's data whole, and of every
    other record only what names its page."""
    data = data or {}
    # an empty mapping stays empty: redirect_pages gives such a record no page name
    return data if not data or "merged_from" in data else {"id": data.get("id")}


def redirect_pages(records: Sequence[tuple[str, dict[str, Any]]]) -> dict[str, str]:
    """clients/OTHER.html for each record merged into another (its `merged_from`), leading to
    the page of the record that holds it now: links and bookmarks to the old page still
    work. None where a client of that name has a page of its own (created again).

    `records` are (file, redirect_data of its record), for every record with a page."""
    own = {page_id(data.get("id"), file) for file, data in records if data}
    out: dict[str, str] = {}
    for file, data in sorted(records, key=operator.itemgetter(0)):
        target = page_id(data.get("id"), file)
        for _, entry in items(data, "merged_from"):
            old = entry.get("id")
            name = f"clients/{old}.html"
            if (
                isinstance(old, str)
                and page_id(old, "") == old
                and old not in own
                and name not in out
            ):
                out[name] = _redirect(old, target, str(data.get("name", target)))
    return out


def _redirect(old: str, target: str, name: str) -> str:
    """A page that sends the browser on at once (a meta refresh: no script), with the link."""
    href = escape_output(f"{target}.html")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<meta http-equiv="refresh" content="0; url={href}">
<link rel="canonical" href="{href}">
<title>{escape_output(old)}: merged into {escape_output(name)}</title>
</head>
<body>
<p>{escape_output(old)} was merged into <a href="{href}">{escape_output(name)}</a>.</p>
</body>
</html>
"""
