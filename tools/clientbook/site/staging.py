"""Where a full build writes: a temporary folder beside the output, swapped in only on success.

The folder's manifest (MARKER) says clientbook built it and lists the key of the
inputs each client page was made from, so the next build can link unchanged
pages in (sitepages.py) and an update in place can tell the site is the one
its state describes (siteupdate.py). Both read the manifest's name from here.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

from clientbook.core.repo import SITE_MARKER
from clientbook.util.cachedir import ensure_cache_dir
from clientbook.util.flock import LOCK_WAIT, Busy, exclusive

MARKER = SITE_MARKER


class BuildRefused(Exception):
    """The site was not built; the message says why."""


_STAGING = re.compile(r"-(?:[0-9a-f]{8}|old)$")  # what _new_folder and the swap name, after `.OUT`


@contextlib.contextmanager
def output_locked(root: Path, out: Path) -> Iterator[None]:
    """One build (full or in place) at a time into `out`; the folders a killed one left, removed.

    The lock file lives in the repository's .clientbook/ (git-ignored), named for the
    output's path, so that nothing is left beside the site and the swap of `out` for a
    new folder does not change what is locked. A second build waits, then refuses.
    """
    where = refuse_non_folder(out)
    parent = where.parent
    above = next((p for p in (parent, *parent.parents) if p.exists()), parent)
    if not above.is_dir():
        raise BuildRefused(f"--out {out}: {above} is {_kind(above)}, not a folder")
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise BuildRefused(
            f"--out {out}: its folder {parent} cannot be made: {err.strerror}"
        ) from None
    if not parent.is_dir():
        raise BuildRefused(f"--out {out}: {parent} is not a folder")
    if not os.access(parent, os.W_OK):
        raise BuildRefused(f"--out {out}: its folder {parent} cannot be written")
    locks = ensure_cache_dir(root).parent / "locks"
    locks.mkdir(exist_ok=True)
    name = hashlib.sha256(str(where).encode()).hexdigest()[:16]
    try:
        with exclusive(locks / f"site-{name}.lock", wait=LOCK_WAIT):
            _remove_stale(where)
            yield
    except Busy:
        raise BuildRefused(
            f"another clientbook build is writing {out}; try again when it has finished"
        ) from None


def refuse_non_folder(out: Path) -> Path:
    """Where `out` leads; BuildRefused when that is there and no folder (a file, a named pipe,
    a device, or a link to one), which the site could not replace."""
    try:
        where = out.resolve()
    except (OSError, RuntimeError) as err:  # RuntimeError: a loop of links
        raise BuildRefused(f"--out {out} cannot be followed: {err}") from None
    try:
        info = os.stat(where)
    except OSError:
        return where  # not there (a parent that is no folder is said by output_locked)
    if not stat.S_ISDIR(info.st_mode):
        shown = out if where == out.absolute() else f"{out} (a link to {where})"
        raise BuildRefused(f"--out {shown} is {_kind(where)}, not a folder; choose a folder")
    return where


def _kind(path: Path) -> str:
    """What `path` is, for a refusal: named so the user sees why it cannot be a folder."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return "of an unknown kind"
    kinds = [
        (stat.S_ISREG, "a file"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
    ]
    return next((name for test, name in kinds if test(mode)), "of an unknown kind")


def _remove_stale(out: Path) -> None:
    """Staging folders of builds that were killed: `.OUT-xxxxxxxx` and `.OUT-old` beside `out`."""
    prefix = f".{out.name}"
    for entry in os.scandir(out.parent):
        stale = entry.name.startswith(prefix) and _STAGING.fullmatch(entry.name[len(prefix) :])
        if stale and entry.is_dir(follow_symlinks=False):
            _remove_tree(Path(entry.path))


def _new_folder(parent: Path, prefix: str) -> Path:
    """A new folder of a name nobody else has, with the mode the umask gives (0755 under 022).

    Not tempfile.mkdtemp: its 0700 would become the site's, which a web server running as
    another user could then not serve.
    """
    while True:
        path = parent / f"{prefix}{secrets.token_hex(4)}"
        try:
            path.mkdir(mode=0o777)
        except FileExistsError:
            continue
        return path


def _remove_tree(path: Path) -> None:
    """Remove the previous site: `rm -rf` where there is one (several times faster on 40,000 files)."""
    if shutil.which("rm"):
        subprocess.run(["rm", "-rf", "--", str(path)], check=False)
    shutil.rmtree(path, ignore_errors=True)


class Staging:
    """A temporary folder beside `out` that files are written into, swapped in only on success.

    A failure anywhere inside the `with` block removes the temporary folder and
    leaves `out` as it was.
    """

    def __init__(self, out: Path) -> None:
        self.out = out.resolve()
        self.folder = self.out
        self.made: set[Path] = set()
        self.keys: dict[str, str] = {}  # file -> the key of the inputs it was made from
        self.previous: dict[str, str] = {}
        self.manifest_sha = ""

    def __enter__(self) -> Staging:
        refuse_non_folder(self.out)
        self.out.parent.mkdir(parents=True, exist_ok=True)
        if self.out.exists() and not (self.out / MARKER).exists() and any(self.out.iterdir()):
            raise BuildRefused(
                f"{self.out} exists and was not built by clientbook; choose another --out"
            )
        try:
            self.folder = _new_folder(self.out.parent, f".{self.out.name}-")
        except OSError as err:
            raise BuildRefused(
                f"--out {self.out}: a folder cannot be made beside it: {err.strerror}"
            ) from None
        try:
            self.previous = json.loads((self.out / MARKER).read_text(encoding="utf-8")).get(
                "keys", {}
            )
        except (OSError, ValueError, AttributeError):
            self.previous = {}
        return self

    def link(self, name: str, key: str) -> bool:
        """Link the previous build's file in when it was made from the same inputs."""
        old = self.out / name
        if self.previous.get(name) != key or not old.is_file():
            return False
        path = self._prepare(name)
        try:
            os.link(old, path)
        except OSError:
            shutil.copy2(old, path)
        return True

    def adopt(self, name: str, source: Path) -> None:
        """Link in (or copy) a file another build made: a shard's client page, for
        `build --merge-shards`. Only a regular file: a link in a shard's folder is refused."""
        try:
            info = os.lstat(source)
        except OSError as err:
            raise BuildRefused(f"{source} cannot be read: {err.strerror}") from None
        if not stat.S_ISREG(info.st_mode):
            raise BuildRefused(f"{source} is not a regular file; it was not made by clientbook")
        path = self._prepare(name)
        try:
            os.link(source, path, follow_symlinks=False)
        except FileExistsError:
            raise BuildRefused(f"{name} would be made twice") from None
        except OSError:  # another file system, say
            shutil.copyfile(source, path, follow_symlinks=False)

    def _prepare(self, name: str) -> Path:
        path = self.folder / name
        if path.parent not in self.made:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.made.add(path.parent)
        return path

    def write(self, name: str, content: str | bytes) -> None:
        path = self._prepare(name)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if error is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            return
        manifest = {"generator": "clientbook", "keys": dict(sorted(self.keys.items()))}
        text = json.dumps(manifest) + "\n"
        (self.folder / MARKER).write_text(text, encoding="utf-8")
        self.manifest_sha = hashlib.sha256(text.encode()).hexdigest()
        old = None
        if self.out.exists():
            old = self.out.with_name(f".{self.out.name}-old")
            _remove_tree(old)
            self.out.rename(old)
        self.folder.rename(self.out)
        if old is not None:
            _remove_tree(old)
