"""A digest of the inputs a benchmark repository was built from, to know when to rebuild it."""

from __future__ import annotations

import hashlib
from pathlib import Path


def files_sha256(*paths: Path) -> str:
    """SHA-256 over files, and over every file under folders (with their relative names)."""
    h = hashlib.sha256()
    for path in paths:
        if path.is_dir():
            for sub in sorted(p for p in path.rglob("*") if p.is_file()):
                h.update(sub.relative_to(path).as_posix().encode())
                h.update(sub.read_bytes())
        elif path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()
