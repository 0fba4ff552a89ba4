"""Where caches live: .clientbook/cache/ in the records repository, hidden from git."""

from __future__ import annotations

from pathlib import Path

CACHE_DIR = Path(".clientbook") / "cache"


def ensure_cache_dir(root: Path) -> Path:
    """The cache folder, created with a .gitignore so git never sees it."""
    folder = root / CACHE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    gitignore = folder.parent / ".gitignore"
    if not gitignore.exists():
        gitignore.write_text("*\n", encoding="utf-8")
    return folder
