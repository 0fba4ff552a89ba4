"""Creating a new records repository: config, schemas, templates, one example client, CI.

The repository is made whole in a hidden folder beside the target and renamed into
place only once complete: a failure or an interrupt anywhere before leaves the target
as it was (and no folder the user did not have), so `init` can simply be run again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import secrets
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import jinja2

from clientbook.core.resources import default_schemas, default_templates
from clientbook.util.atomic import write_text
from clientbook.util.flock import Busy, exclusive

# in the temporary folder's name, so that what a killed init left is recognisably ours
TAG = ".clientbook-init-"
_SKIPPED = {"init", "__pycache__"}  # not copied from the default templates


class ScaffoldError(Exception):
    """The target cannot take a new repository; nothing was made."""


def scaffold(target: Path, organisation: str, today: dt.date) -> list[Path]:
    """Make a ready-to-lint records repository at `target`; return the files written.

    `target` must be new or an empty folder. Raises ScaffoldError, `target` as it was.
    """
    where = _resolved(target)
    _check_empty(where, target)
    if os.path.isdir(where):
        return _fill(where, target, organisation, today)
    top = _first_missing(where)
    _remove_dead(top.parent, _prefix(top))
    staging = _new_folder(top.parent, _prefix(top), target)
    try:
        with _held(staging, target):
            inside = staging / where.relative_to(top)
            files = _write_files(inside, target, organisation, today)
            files += _copy_defaults(inside, target)
            _swap_in(staging, top, target)
    except BaseException:  # an interrupt too: the half-made repository goes, then it goes on
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [target / path.relative_to(inside) for path in files]


def _fill(where: Path, target: Path, organisation: str, today: dt.date) -> list[Path]:
    """An existing empty folder filled in place: it may be the shell's current folder (`init
    .`), a mount point, or have an owner and ACLs of its own, none of which a rename over it
    keeps. The repository is made in a hidden folder inside it, then each of its entries is
    moved up, and on any failure or interrupt every one moved is taken out again."""
    _remove_dead(where, TAG)
    if any(not _ours(name, TAG) for name in os.listdir(where)):
        raise ScaffoldError(f"{target} is not empty; choose a new or empty folder")
    staging = _new_folder(where, TAG, target)
    moved: list[Path] = []
    try:
        with _held(staging, target):
            files = _write_files(staging, target, organisation, today)
            files += _copy_defaults(staging, target)
            for name in sorted(os.listdir(staging)):
                os.rename(staging / name, where / name)
                moved.append(where / name)
        staging.rmdir()
    except BaseException as err:  # an interrupt too: what was moved goes, then it goes on
        for path in reversed(moved):
            _remove(path)
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(err, OSError):
            raise ScaffoldError(
                f"{target} was not made: {err.strerror or err}; {target} is as it was"
            ) from None
        raise
    return [target / path.relative_to(staging) for path in files]


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _resolved(target: Path) -> Path:
    """Where `target` leads: a link to a folder is kept, its folder filled."""
    try:
        return target.resolve()
    except (OSError, RuntimeError) as err:  # RuntimeError: a loop of links
        raise ScaffoldError(f"{target} cannot be followed: {err}") from None


def _check_empty(where: Path, target: Path) -> None:
    try:
        info = os.stat(where)
    except (FileNotFoundError, NotADirectoryError):
        return  # to be made; a parent that is no folder is reported when making it
    except OSError as err:
        raise ScaffoldError(f"{target} cannot be read: {err.strerror}") from None
    if not stat.S_ISDIR(info.st_mode):
        raise ScaffoldError(f"{target} is not a folder; choose a new or empty folder")
    try:
        entries = os.listdir(where)
    except OSError as err:
        raise ScaffoldError(f"{target} cannot be read: {err.strerror}") from None
    if any(not _ours(name, TAG) for name in entries):  # a killed init's folder is not content
        raise ScaffoldError(f"{target} is not empty; choose a new or empty folder")


def _first_missing(where: Path) -> Path:
    """The folder to rename into place: `where`, or its highest ancestor not there yet,
    so that no parent folder is left behind by an init that fails."""
    top = where
    while top.parent != top and not os.path.lexists(top.parent):
        top = top.parent
    return top


def _prefix(top: Path) -> str:
    return f".{top.name[:64]}{TAG}"


def _ours(name: str, prefix: str) -> bool:
    """Whether `name` is an init's temporary folder's, made with `prefix`."""
    suffix = name[len(prefix) :]
    return name.startswith(prefix) and len(suffix) == 8 and _is_hex(suffix)


def _remove_dead(folder: Path, prefix: str) -> None:
    """Temporary folders in `folder` of inits that were killed; a running one holds its lock."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return  # the folder cannot be made there either: _new_folder says why
    for entry in entries:
        if _ours(entry.name, prefix) and entry.is_dir(follow_symlinks=False):
            try:
                with exclusive(Path(entry.path), wait=0):
                    shutil.rmtree(entry.path, ignore_errors=True)
            except (Busy, OSError):
                continue


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdef" for c in text)


def _new_folder(folder: Path, prefix: str, target: Path) -> Path:
    """A folder in `folder` of a name nobody else has, with the mode the umask gives."""
    while True:
        path = folder / f"{prefix}{secrets.token_hex(4)}"
        try:
            path.mkdir(mode=0o777)
        except FileExistsError:
            continue
        except OSError as err:
            raise ScaffoldError(
                f"{target} cannot be made: a folder cannot be made in {folder}: {err.strerror}"
            ) from None
        return path


class _held:
    """The lock on the temporary folder, so that another init does not take it for dead."""

    def __init__(self, staging: Path, target: Path) -> None:
        self.lock = exclusive(staging, wait=0)
        self.target = target

    def __enter__(self) -> None:
        try:
            self.lock.__enter__()
        except (Busy, OSError):
            raise ScaffoldError(
                f"{self.target} was not made: another clientbook init took its temporary "
                "folder; try again"
            ) from None

    def __exit__(self, *exc: object) -> None:
        self.lock.__exit__(None, None, None)


@contextlib.contextmanager
def _writing(target: Path, name: str) -> Iterator[None]:
    """An OSError while writing `name` is a ScaffoldError naming it as `target` would hold it."""
    try:
        yield
    except OSError as err:
        raise ScaffoldError(
            f"{target} was not made: {target / name} could not be written: "
            f"{err.strerror or err}; {target} is as it was"
        ) from None


def _write_files(inside: Path, target: Path, organisation: str, today: dt.date) -> list[Path]:
    init = default_templates() / "init"
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(init),
        autoescape=False,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    since = (today - dt.timedelta(days=7)).isoformat()
    rendered = {
        "clientbook.yaml": env.get_template("clientbook.yaml.j2").render(organisation=organisation),
        "clients/example-client.yaml": env.get_template("example-client.yaml.j2").render(
            since=since
        ),
        ".pre-commit-config.yaml": (init / "pre-commit-config.yaml").read_text(encoding="utf-8"),
        ".gitignore": (init / "gitignore").read_text(encoding="utf-8"),
        ".github/workflows/clientbook.yml": (init / "workflow.yml").read_text(encoding="utf-8"),
    }
    for name, text in rendered.items():
        with _writing(target, name):
            write_text(inside / name, text)
    return [inside / name for name in rendered]


def _copy_defaults(inside: Path, target: Path) -> list[Path]:
    """The default schemas and templates, file by file, so that a failure names its file."""
    written = []
    for folder, source in (("schemas", default_schemas()), ("templates", default_templates())):
        for path in sorted(source.rglob("*")):
            relative = path.relative_to(source)
            if _SKIPPED & set(relative.parts) or not path.is_file():
                continue
            destination = inside / folder / relative
            with _writing(target, f"{folder}/{relative.as_posix()}"):
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, destination)  # the mode too: the CI scripts stay executable
            written.append(destination)
    return written


def _swap_in(staging: Path, top: Path, target: Path) -> None:
    """Rename the complete repository into place; an empty folder there is replaced."""
    try:
        if os.path.isdir(top):  # an empty folder's mode (setgid, say) stays
            os.chmod(staging, stat.S_IMODE(os.stat(top).st_mode))
        os.rename(staging, top)
    except OSError as err:
        if err.errno in (errno.ENOTEMPTY, errno.EEXIST):  # filled since it was checked
            raise ScaffoldError(f"{target} is not empty; choose a new or empty folder") from None
        raise ScaffoldError(
            f"{target} was not made: the new repository cannot be moved to {top}: "
            f"{err.strerror}; {target} is as it was"
        ) from None
