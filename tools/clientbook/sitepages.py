"""The client pages, rendered in worker processes when it pays.

Rendering 10,000 pages is most of a build's work, and each page depends on
its own model only, so the pages are split into chunks that forked workers
render and write straight into the staging folder, while the main process
renders the directory, dashboard, people pages and calendar. Workers inherit
the page models, templates and staging state through fork (nothing is
pickled but each chunk's written files and their input keys on the way back).

A page whose inputs are those of the previous build is not rendered again:
the previous file is linked in (incremental rebuild).
"""

from __future__ import annotations

import functools
import gc
import hashlib
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import jinja2

from clientbook.sitemodel import ClientPage
from clientbook.vcard import vcard_data_url

if TYPE_CHECKING:
    from clientbook.sitebuild import Staging

CHUNK = 250  # pages per task at most: small enough to balance the workers, large enough to amortise
PARALLEL_FROM = 500  # fewer pages render faster than workers start


@dataclass(frozen=True)
class _Work:
    """What every chunk needs; set before the workers fork, so they inherit it."""

    template: jinja2.Template
    pages: list[ClientPage]
    context: dict[str, Any]
    base: str
    staging: Staging


_WORK: _Work | None = None


def _render_chunk(start: int, stop: int) -> tuple[dict[str, str], int]:
    """Render pages[start:stop]; return the files written with their keys, and how many were reused."""
    assert _WORK is not None
    work = _WORK
    staging = work.staging
    saved = staging.keys, staging.reused
    staging.keys, staging.reused = {}, 0  # this chunk's own, to send back
    try:
        _render_pages(work, work.pages[start:stop])
        return staging.keys, staging.reused
    finally:
        staging.keys, staging.reused = saved


def _render_pages(work: _Work, pages: list[ClientPage]) -> None:
    staging = work.staging
    for page in pages:
        key = hashlib.sha256(f"{work.base}\0{page!r}".encode()).hexdigest()
        name = f"clients/{page.id}.html"
        if staging.reuse(name, key):
            continue
        # each contact's vCard travels inside the page as a data: URL: a file per
        # contact would triple the files a build creates, and creating files is
        # most of what writing a site costs
        vcards = [vcard_data_url(page.data, c) for c in page.contacts]
        staging.write(
            name, work.template.render(page=page, vcards=vcards, root="../", **work.context), key
        )


def _after(tick: Callable[[int], None], size: int, _: object) -> None:
    tick(size)


@contextmanager
def client_pages(
    env: jinja2.Environment,
    pages: list[ClientPage],
    context: dict[str, Any],
    base: str,
    staging: Staging,
    *,
    jobs: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[None]:
    """Render every client page; the body of the `with` runs in the main process meanwhile.

    `jobs` is the number of worker processes (0: one per CPU when there are enough
    pages; 1: none). The files are all written when the `with` block ends.
    """
    global _WORK
    ordered = sorted(pages, key=lambda p: p.id)
    staging.folder.joinpath("clients").mkdir(parents=True, exist_ok=True)
    work = _Work(env.get_template("site/client.html"), ordered, context, base, staging)
    workers = jobs or ((os.cpu_count() or 1) if len(ordered) >= PARALLEL_FROM else 1)
    size = max(1, min(CHUNK, -(-len(ordered) // (workers * 4))))
    chunks = [(i, min(i + size, len(ordered))) for i in range(0, len(ordered), size)]
    keys: dict[str, str] = {}
    reused = done = 0
    lock = threading.Lock()

    def tick(size: int) -> None:
        nonlocal done
        with lock:  # called from the pool's thread as chunks finish, while the body runs
            done += size
            if progress:
                progress(done, len(ordered))

    def finished(result: tuple[dict[str, str], int]) -> None:
        nonlocal reused
        keys.update(result[0])
        reused += result[1]

    _WORK = work
    # Everything alive now lives to the end of the build: keep the collector from scanning
    # it again on every full collection, and the workers from copying the pages they share
    # with the parent when it does.
    gc.freeze()
    try:
        if workers <= 1 or len(chunks) < 2:
            yield
            for start, stop in chunks:
                finished(_render_chunk(start, stop))
                tick(stop - start)
        else:
            pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
            try:
                futures: list[Future[tuple[dict[str, str], int]]] = []
                for start, stop in chunks:
                    future = pool.submit(_render_chunk, start, stop)
                    future.add_done_callback(functools.partial(_after, tick, stop - start))
                    futures.append(future)
                yield
                for future in futures:
                    finished(future.result())
            finally:
                pool.shutdown(cancel_futures=True)
    finally:
        gc.unfreeze()
        _WORK = None
        staging.keys.update(keys)
        staging.reused += reused
