"""Finding the records repository and the files in it."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from clientbook.util.filestat import Stat, as_kept, stat_key

CONFIG_NAME = "clientbook.yaml"
CLIENTS_DIR = "clients"
SITE_MARKER = ".clientbook-site"  # in every site clientbook builds: its manifest
DOCUMENTS_DIR = "documents"  # agreement documents: the only files deleted on a record's behalf
# The first line of every client file: editors with the YAML language server validate as people type.
MODELINE = "# yaml-language-server: $schema=../schemas/client.schema.json"  # = modeline(), flat


class RepoNotFound(Exception):
    """No clientbook.yaml in the folder or any parent."""


def find_root(start: Path) -> Path:
    """Walk up from `start` to the folder holding clientbook.yaml."""
    here = start.resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise RepoNotFound(
        f"no {CONFIG_NAME} found in {here} or any folder above it; "
        "run 'clientbook init DIR' to start a records repository, or pass --repo DIR"
    )


def client_files(root: Path) -> list[Path]:
    """Every client file, sorted, as paths under root."""
    folder = root / CLIENTS_DIR
    return [folder / name for name in client_names(root)]


def client_names(root: Path) -> list[str]:
    """The client files' paths relative to clients/, sorted: "acme.yaml", or "ac/acme.yaml"
    in a sharded layout. Hidden files and folders are skipped, and symlinked folders are not
    followed (a link could lead out of the repository, or round in a loop).

    os.scandir, not pathlib: pathlib costs 0.4 s at 10,000 files.
    """
    names: list[str] = []
    _gather(f"{root}{os.sep}{CLIENTS_DIR}", "", names, None)
    names.sort()
    return names


def client_listing(root: Path) -> tuple[list[str], dict[str, Stat]]:
    """`client_names`, and the stat of each folder listed ("" for clients/, "ac/" below it),
    each taken before the folder was read and kept as filestat.as_kept keeps a file's, for
    `listing_unchanged`."""
    names: list[str] = []
    folders: dict[str, Stat] = {}
    taken = time.time_ns()
    _gather(f"{root}{os.sep}{CLIENTS_DIR}", "", names, folders)
    names.sort()
    return names, {folder: as_kept(stat, taken) for folder, stat in folders.items()}


def listing_unchanged(root: Path, folders: dict[str, Stat]) -> bool:
    """Whether `client_names` would list what it listed when `folders` were taken.

    A folder's modification and change times move whenever a name in it is added,
    removed or renamed, so folders whose stats are all as they were hold the same
    names (git's untracked cache trusts the same). Stats kept as racy (filestat.as_kept)
    never match: a folder changed within the clock's tick of being listed is listed again.
    """
    if not folders:
        return False  # no clients/ folder then: one made since holds names
    base = f"{root}{os.sep}{CLIENTS_DIR}/"
    for folder, kept in folders.items():
        try:
            if stat_key(os.stat(base + folder)) != kept:
                return False
        except OSError:
            return False
    return True


def _gather(folder: str, prefix: str, names: list[str], folders: dict[str, Stat] | None) -> None:
    try:
        if folders is not None:  # before the listing: a name added while it runs moves it
            folders[prefix] = stat_key(os.stat(folder))
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        if folders is not None:
            folders.pop(prefix, None)
        return
    for entry in entries:
        name = entry.name
        if name[0] == ".":
            continue
        if name.endswith((".yaml", ".yml")):
            names.append(prefix + name)
        elif entry.is_dir(follow_symlinks=False):
            _gather(entry.path, f"{prefix}{name}/", names, folders)


def client_file(root: Path, client_id: str, hint: str = "") -> str | None:
    """The repo-relative path of the record whose file is named `client_id`, or None.

    The flat place and the `hint` (where the layout would put it) are tried first, so a
    lookup in a 100,000-client repository does not list every folder.
    """
    found = client_file_at(root, client_id, hint)
    if found or not _is_file_name(client_id):
        return found
    wanted = (f"{client_id}.yaml", f"{client_id}.yml")
    for name in client_names(root):
        if name.rsplit("/", 1)[-1] in wanted:
            return f"{CLIENTS_DIR}/{name}"
    return None


def client_paths(root: Path) -> dict[str, str]:
    """Each client file's id (its name without .yaml) and repo-relative path, sorted by id.
    Two files of one name in different folders: the first in path order (id-duplicate
    reports the pair)."""
    paths: dict[str, str] = {}
    for name in client_names(root):
        stem = name.rsplit("/", 1)[-1]
        if stem.endswith(".yaml"):
            paths.setdefault(stem[: -len(".yaml")], f"{CLIENTS_DIR}/{name}")
    return dict(sorted(paths.items()))


def client_file_at(root: Path, client_id: str, hint: str = "") -> str | None:
    """client_file looking only at the flat place and the `hint`: no listing at all."""
    if not _is_file_name(client_id):
        return None  # never a path that could leave clients/
    for guess in dict.fromkeys(g for g in (f"{CLIENTS_DIR}/{client_id}.yaml", hint) if g):
        if os.path.isfile(root / guess) and not os.path.islink(root / guess):
            return guess
    return None


def _is_file_name(client_id: str) -> bool:
    return (
        bool(client_id) and client_id[0] != "." and "/" not in client_id and "\\" not in client_id
    )


LAYOUTS = ("flat", "prefix2", "by-team")
NO_TEAM = "no-team"  # the by-team folder of records without a team (or with no folder name)
_FOLDER_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def layout_file(layout: str, client_id: str, team: str = "") -> str:
    """Where a layout puts a client's file: clients/acme.yaml (flat), clients/ac/acme.yaml
    (prefix2: the id's first two characters), clients/ops/acme.yaml (by-team)."""
    if layout == "prefix2":
        return f"{CLIENTS_DIR}/{client_id[:2]}/{client_id}.yaml"
    if layout == "by-team":
        folder = team if _FOLDER_NAME.fullmatch(team) else NO_TEAM
        return f"{CLIENTS_DIR}/{folder}/{client_id}.yaml"
    return f"{CLIENTS_DIR}/{client_id}.yaml"


def modeline(file: str = "") -> str:
    """The modeline for a client file at its depth: ../schemas from clients/a.yaml,
    ../../schemas from clients/ac/a.yaml, so editors find the schema wherever it lives
    (a file not under clients/, or none named, gets the flat one)."""
    depth = file.count("/") if file.startswith(f"{CLIENTS_DIR}/") else 1
    return f"# yaml-language-server: $schema={'../' * depth}schemas/client.schema.json"


_OUR_MODELINE = re.compile(r"# yaml-language-server: \$schema=(\.\./)+schemas/client\.schema\.json")


def with_modeline(text: str, file: str) -> str:
    """`text` led by the modeline for `file`'s depth: added when there is none, corrected when
    it is clientbook's own at another depth (a file moved by hand), else left as written."""
    first, newline, rest = text.partition("\n")
    if not first.startswith("# yaml-language-server:"):
        return modeline(file) + "\n" + text
    if _OUR_MODELINE.fullmatch(first):
        return modeline(file) + newline + rest
    return text


def relative(root: Path, path: Path) -> str:
    """The path as the repository names it (forward slashes), or as given if outside."""
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
        return path.as_posix()


def inside(root: Path, path: Path) -> bool:
    """True when the path, with its symlinks followed, stays inside root."""
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
        return False
    return True
