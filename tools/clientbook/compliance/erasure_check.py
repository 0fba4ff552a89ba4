"""After an erasure: the person left nowhere clientbook keeps copies, and a check that says so.

clientbook's caches (parsed records, lint results, the history, the site's state) and a
site built before the erasure hold copies of the record; they are dropped, not patched,
since every one of them is made again from the records. Then the working tree, every
commit reachable from any ref, and whatever is left under .clientbook/ are searched for
the record's id and contact emails, and the result is reported as found.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from clientbook.core.repo import SITE_MARKER
from clientbook.util.cachedir import CACHE_DIR


@dataclass
class Verification:
    files: list[str] = field(default_factory=list)  # working-tree files holding a needle
    commits: list[str] = field(default_factory=list)  # commits whose changes hold a needle
    caches: list[str] = field(default_factory=list)  # files under .clientbook/ holding one

    def clean(self) -> bool:
        return not (self.files or self.commits or self.caches)


def drop_caches(root: Path) -> list[str]:
    """Remove every cache file (they are rebuilt from the records); their names, as removed."""
    folder = root / CACHE_DIR
    removed = []
    for dirpath, _, names in os.walk(folder):
        for name in names:
            path = Path(dirpath, name)
            path.unlink(missing_ok=True)
            removed.append(path.relative_to(root).as_posix())
    return sorted(removed)


def remove_built_site(site: Path) -> bool:
    """Remove a site clientbook built (its manifest says so) that still shows the record."""
    if not (site / SITE_MARKER).is_file():
        return False
    shutil.rmtree(site)
    return True


def _files_git_sees(root: Path) -> list[str]:
    """Tracked files and untracked ones git does not ignore: what a commit could take in
    (not a virtualenv or a build folder the repository ignores)."""
    done = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=root,
        capture_output=True,
        check=False,
    )
    return [name for name in done.stdout.decode("utf-8", "surrogateescape").split("\0") if name]


def _cache_files(root: Path) -> list[str]:
    folder = root / CACHE_DIR.parent
    return [
        Path(dirpath, name).relative_to(root).as_posix()
        for dirpath, _, names in os.walk(folder)
        for name in names
    ]


def verify(root: Path, needles: tuple[str, ...], *, history: bool) -> Verification:
    """Where the needles still appear: the tree (tracked and untracked files), the caches,
    and, with `history`, every commit reachable from a ref (git's pickaxe, exact text)."""
    found = Verification()
    if not needles:
        return found
    words = [n.encode("utf-8") for n in needles]
    for rel in _files_git_sees(root) + _cache_files(root):
        path = root / rel
        if path.is_symlink() or not path.is_file():
            continue
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if any(w in data for w in words):
            (found.caches if rel.startswith(".clientbook/") else found.files).append(rel)
    if history:
        commits: set[str] = set()
        for needle in needles:
            done = subprocess.run(
                ["git", "log", "--all", "--format=%H", "-F", f"-S{needle}"],
                cwd=root,
                capture_output=True,
                text=True,
                check=False,
            )
            commits.update(line for line in done.stdout.split() if line)
        found.commits = sorted(commits)
    found.files.sort()
    found.caches.sort()
    return found
