"""Where caches live: .clientbook/cache/ in the records repository, hidden from git."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block (a cache read, a whole site build).

    Reading makes hundreds of thousands of objects, none of them garbage, and each
    batch of them sets off a collection that walks everything alive: in a site build
    that is every record loaded, and the lint cache took four times longer to read.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
