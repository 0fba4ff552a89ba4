"""Where caches live: .clientbook/cache/ in the records repository, hidden from git."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from clientbook.util import quickexit

CACHE_DIR = Path(".clientbook") / "cache"


def ensure_cache_dir(root: Path) -> Path:
    """The cache folder, created with a .gitignore so git never sees it."""
    folder = root / CACHE_DIR
    gitignore = folder.parent / ".gitignore"
    if not gitignore.exists():
        # the .gitignore first, whole: a run killed here must not leave git a folder to show
        folder.parent.mkdir(parents=True, exist_ok=True)
        # a name of this process's own: two commands starting at once both get here
        temp = gitignore.with_name(f".gitignore.{os.getpid()}.tmp")
        temp.write_text("*\n", encoding="utf-8")
        temp.replace(gitignore)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextmanager
def gc_paused(lasting: bool = False) -> Iterator[None]:
    """No cyclic garbage collection inside the block (a cache read, a whole site build).

    Reading makes hundreds of thousands of objects, none of them garbage, and each
    batch of them sets off a collection that walks everything alive: in a site build
    that is every record loaded, and the lint cache took four times longer to read.

    `lasting`: what the block read lives until the command ends. Back on, the collector
    would walk all of it, three times over (the youngest generation holds it all, then
    the middle one, then a full collection): 2 s of a warm lint of 100,000 clients. When
    the process ends with the command (quickexit), it is frozen instead, out of every
    walk. Used as a library, it is left to the collector, which frees its cycles.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if lasting and quickexit.leaving():
            gc.freeze()
        if was:
            gc.enable()
