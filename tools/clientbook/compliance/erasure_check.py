"""After an erasure: the person left nowhere clientbook keeps copies, and a check that says so.

clientbook's caches (parsed records, lint results, the history, the site's state) and a
site built before the erasure hold copies of the record; they are dropped, not patched,
since every one of them is made again from the records. Then the working tree, every
commit reachable from any ref, and whatever is left under .clientbook/ are searched for
the record's id and contact emails, and the result is reported as found.

The site is checked before anything is erased (`check_site`): once the commit is made
the erasure cannot be taken back, so a site that could not be removed as one must be
refused first. Removal can still fail after it (an immutable file, a mount point); then
what is left of the site is searched too, so that the report names the pages still there.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from clientbook.core.repo import SITE_MARKER
from clientbook.util.cachedir import CACHE_DIR


@dataclass
class Verification:
    files: list[str] = field(default_factory=list)  # working-tree files holding a needle
    commits: list[str] = field(default_factory=list)  # commits whose changes hold a needle
    caches: list[str] = field(default_factory=list)  # files under .clientbook/ holding one
    site: list[str] = field(default_factory=list)  # files left of a site that was not removed

    def clean(self) -> bool:
        return not (self.files or self.commits or self.caches or self.site)


class SiteUnusable(Exception):
    """`--site` names something the erasure could not remove as a built site; nothing was changed."""


class SiteNotRemoved(Exception):
    """The built site could not be (fully) removed; the message says what stopped it."""


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


def built_by_clientbook(site: Path) -> bool:
    """Whether `site` is a real folder with clientbook's manifest in it (no link either way)."""
    try:
        return stat.S_ISDIR(os.lstat(site).st_mode) and stat.S_ISREG(
            os.lstat(site / SITE_MARKER).st_mode
        )
    except OSError:
        return False


def check_site(site: Path, root: Path, *, named: bool) -> None:
    """Refuse a site the erasure could not remove: a symbolic link (removing it would leave
    the pages it leads to), something that is not a folder, one holding the repository,
    and, when --site was given, a folder clientbook did not build or nothing at all (a
    mistyped path would leave the real site showing the record). SiteUnusable says why."""
    try:
        mode = os.lstat(site).st_mode
    except (FileNotFoundError, NotADirectoryError):
        if named:
            raise SiteUnusable(
                f"--site {site} does not exist; pass the folder 'clientbook build' wrote, "
                "or leave --site out if no site was built"
            ) from None
        return
    except OSError as err:
        raise SiteUnusable(f"--site {site} cannot be read: {err.strerror}") from None
    if not named and not built_by_clientbook(Path(os.path.realpath(site))):
        return  # the default site/ is something else (a file, a link to docs/): left alone
    shown = f"--site {site}" if named else f"the site folder {site}"
    if stat.S_ISLNK(mode):
        raise SiteUnusable(
            f"{shown} is a symbolic link (to {os.path.realpath(site)}); pass the folder "
            "itself with --site, so that its pages are removed and not only the link"
        )
    if not stat.S_ISDIR(mode):
        raise SiteUnusable(f"{shown} is {_kind(mode)}, not a folder clientbook built")
    if root.resolve().is_relative_to(site.resolve()):
        raise SiteUnusable(f"{shown} holds the records repository; it is not a built site")
    if named and not built_by_clientbook(site):
        raise SiteUnusable(
            f"--site {site} was not built by clientbook (it has no {SITE_MARKER}); pass the "
            "folder 'clientbook build' wrote, or leave --site out"
        )


def _kind(mode: int) -> str:
    if stat.S_ISREG(mode):
        return "a file"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a folder"


def remove_built_site(site: Path) -> bool:
    """Remove a site clientbook built (its manifest says so) that still shows the record;
    False when `site` is not one. SiteNotRemoved when some of it could not be removed:
    as much as could be is gone, and the manifest is kept, so that it is still known
    for clientbook's (a build replaces it, a search names it)."""
    if not built_by_clientbook(site):
        return False
    errors: list[tuple[str, OSError]] = []
    try:
        for entry in os.scandir(site):
            if entry.name == SITE_MARKER:
                continue
            if entry.is_dir(follow_symlinks=False):
                _rmtree(Path(entry.path), errors)
            else:
                _unlink(Path(entry.path), errors)
    except OSError as err:
        errors.append((str(site), err))
    if not errors:
        _unlink(site / SITE_MARKER, errors)
    if not errors:
        try:
            site.rmdir()
        except OSError as err:
            errors.append((str(site), err))
    if errors:
        raise SiteNotRemoved(_why(errors))
    return True


def _unlink(path: Path, errors: list[tuple[str, OSError]]) -> None:
    try:
        path.unlink()
    except OSError as err:
        errors.append((str(path), err))


def _rmtree(path: Path, errors: list[tuple[str, OSError]]) -> None:
    """shutil.rmtree (it does not follow links), going on past what it cannot remove.
    Each failure is kept with the path rmtree names: the error's own filename is only
    the entry's name in its folder."""

    def keep(_: Callable[..., object], name: str, exc: BaseException) -> None:
        errors.append((name, exc if isinstance(exc, OSError) else OSError(str(exc))))

    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=keep)
    else:
        shutil.rmtree(path, onerror=lambda func, name, info: keep(func, name, info[1]))


def _why(errors: list[tuple[str, OSError]]) -> str:
    """The first failure, as a person reads it: what stopped it and where."""
    name, first = errors[0]
    more = f" (and {len(errors) - 1} more failures)" if len(errors) > 1 else ""
    return f"{first.strerror or first}: {name}{more}"


def site_leftovers(site: Path, needles: tuple[str, ...]) -> list[str]:
    """Files left in `site` whose path or bytes hold a needle, as paths in the site."""
    words = [n.encode("utf-8") for n in needles]
    found = []
    for dirpath, _, names in os.walk(site):
        for name in names:
            path = Path(dirpath, name)
            rel = path.relative_to(site).as_posix()
            if any(n in rel for n in needles) or _holds(path, words):
                found.append(rel)
    return sorted(found)


def _holds(path: Path, words: list[bytes]) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return any(w in data for w in words)


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


def verify(
    root: Path, needles: tuple[str, ...], *, history: bool, site: Path | None = None
) -> Verification:
    """Where the needles still appear: the tree (tracked and untracked files), the caches,
    what is left of a built `site` that could not be removed, and, with `history`, every
    commit reachable from a ref (git's pickaxe, exact text)."""
    found = Verification()
    if not needles:
        return found
    words = [n.encode("utf-8") for n in needles]
    for rel in _files_git_sees(root) + _cache_files(root):
        if _holds(root / rel, words):
            (found.caches if rel.startswith(".clientbook/") else found.files).append(rel)
    if site is not None:
        found.site = site_leftovers(site, needles)
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
