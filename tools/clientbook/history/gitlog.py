"""Reading git: one `git log --raw` pass over clients/, and blobs in batches.

The log runs once for the whole history (never once per file), through
GitPython's command wrapper. `-c` shows a merge only where its result
differs from every parent, so a conflict resolution is attributed to the
merge and a clean merge adds nothing: each change belongs to the commit
that introduced it.
"""

from __future__ import annotations

import io
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # imported where a repository is opened: 0.1 s that most commands never need
    import git

NULL_SHA = "0" * 40
# Client files share their structure, so git's default 50% similarity would pair a
# removed client with an unrelated new one; a real rename changes a line or two.
RENAMES = "-M90%"
_FIELDS = ("%H", "%P", "%an", "%ae", "%aI", "%cn", "%ce", "%cI", "%B")
_FORMAT = "%x1e" + "%x1f".join(_FIELDS) + "%x1f"


class GitUnavailable(Exception):
    """Not a git repository, git missing, or an unknown ref; the message says which."""


@dataclass(frozen=True, slots=True)
class Commit:
    sha: str
    parents: tuple[str, ...]
    author_name: str
    author_email: str
    author_date: str  # ISO 8601 with offset
    committer_name: str
    committer_email: str
    committer_date: str
    message: str

    @property
    def subject(self) -> str:
        return self.message.split("\n", 1)[0]

    def __reduce__(self) -> tuple[type[Commit], tuple[Any, ...]]:
        # as its fields, as history.fielddiff.Change does
        people = (self.author_name, self.author_email, self.author_date)
        committer = (self.committer_name, self.committer_email, self.committer_date)
        return (Commit, (self.sha, self.parents, *people, *committer, self.message))


# Git's own words for its status letters (as `git diff --name-status` uses them). A copy
# is a new record: the one it was copied from is still there. A type change, or a
# letter unknown here, is a modification.
_STATUS_WORDS = {
    "A": "added",
    "C": "added",
    "D": "deleted",
    "M": "modified",
    "R": "renamed",
    "T": "modified",
}


def status_word(letter: str) -> str:
    """The word for one of git's status letters: added, deleted, modified or renamed."""
    return _STATUS_WORDS.get(letter, "modified")


@dataclass(frozen=True, slots=True)
class Entry:
    """One file's change in one commit, as `git log --raw` reports it."""

    status: str  # A, M, D, R, T (first letter of git's status)
    path: str
    old_path: str
    old_blob: str  # NULL_SHA when added
    new_blob: str  # NULL_SHA when deleted


@dataclass(frozen=True, slots=True)
class LoggedCommit:
    commit: Commit
    entries: tuple[Entry, ...]


def open_repo(root: Path) -> git.Repo:
    import git

    try:
        return git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError) as err:
        raise GitUnavailable(f"{root} is not inside a git repository") from err
    except git.GitCommandNotFound as err:
        raise GitUnavailable("git is not installed") from err


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a records repository sits inside its git repository (they need not be one folder)."""

    prefix: str  # the records repository's path from git's top folder; "." when it is the top

    @classmethod
    def of(cls, repo: git.Repo, root: Path) -> Placement:
        return cls.under(str(repo.working_tree_dir or root), root)

    @classmethod
    def under(cls, top: str, root: Path) -> Placement:
        """The placement of `root` in the working tree whose top folder is `top`."""
        return cls(root.resolve().relative_to(Path(top).resolve()).as_posix())

    def to_git(self, path: str) -> str:
        """A path of the records repository as git names it."""
        return path if self.prefix == "." else f"{self.prefix}/{path}"

    def from_git(self, path: str) -> str:
        """A path as git names it, as the records repository names it."""
        inside = self.prefix != "." and path.startswith(self.prefix + "/")
        return path[len(self.prefix) + 1 :] if inside else path


def read_log(
    repo: git.Repo, scope: str, since: str | None = None, until: str = "HEAD"
) -> list[LoggedCommit]:
    """Every commit that changed files under `scope`, oldest first (topological order)."""
    output = repo.git.log(*log_arguments(scope, since, until), strip_newline_in_stdout=False)
    return [c for c in map(parse_commit, output.split("\x1e")[1:]) if c is not None]


def log_arguments(scope: str, since: str | None, until: str) -> list[str]:
    """`git log`'s arguments for `read_log` (history/logstream.py runs them too)."""
    revs = f"{since}..{until}" if since else until
    return [
        "--raw",
        "-z",
        "--no-abbrev",
        "-c",
        RENAMES,
        "--full-history",
        "--topo-order",
        "--reverse",
        f"--format={_FORMAT}",
        revs,
        "--",
        scope,
    ]


def parse_commit(chunk: str) -> LoggedCommit | None:
    """One commit of the log's output (what follows one record separator), or None."""
    fields = chunk.split("\x1f", len(_FIELDS))
    if len(fields) <= len(_FIELDS):
        return None
    sha, parents, an, ae, ad, cn, ce, cd, message = fields[: len(_FIELDS)]
    commit = Commit(sha, tuple(parents.split()), an, ae, ad, cn, ce, cd, message.strip())
    entries = list(_parse_entries(fields[len(_FIELDS)].lstrip("\x00\n").split("\x00")))
    return LoggedCommit(commit, tuple(moves_paired(entries)))


def moves_paired(entries: list[Entry]) -> list[Entry]:
    """The entries with each delete and add of one file name in two folders made a rename.

    A client's id is its file name, so clients/acme.yaml deleted and clients/ac/acme.yaml
    added in one commit is the record moved (clientbook reshard), whatever else changed in
    it; git's own detection gives up past diff.renameLimit files, and a reshard moves them all.
    """
    deleted: dict[str, list[Entry]] = {}
    added: dict[str, list[Entry]] = {}
    for entry in entries:
        if entry.status in "AD" and entry.path.endswith((".yaml", ".yml")):
            side = deleted if entry.status == "D" else added
            side.setdefault(entry.path.rsplit("/", 1)[-1], []).append(entry)
    pairs = {
        id(a[0]): d[0]
        for name, d in deleted.items()
        if len(d) == 1 and len(a := added.get(name, [])) == 1
    }
    if not pairs:
        return entries
    gone = {id(d) for d in pairs.values()}
    out = []
    for entry in entries:
        if id(entry) in gone:
            continue
        old = pairs.get(id(entry))
        out.append(
            entry if old is None else Entry("R", entry.path, old.path, old.old_blob, entry.new_blob)
        )
    return out


def _parse_entries(tokens: list[str]) -> Iterable[Entry]:
    i = 0
    while i < len(tokens):
        token = tokens[i].lstrip("\n")
        if not token.startswith(":"):
            i += 1
            continue
        parents = len(token) - len(token.lstrip(":"))
        parts = token.lstrip(":").split()
        shas = parts[parents + 1 : 2 * parents + 2]
        status = parts[-1]
        if parents == 1 and status[0] in "RC":
            old_path, path = tokens[i + 1], tokens[i + 2]
            i += 3
        else:
            old_path = path = tokens[i + 1]
            i += 2
        letter = "M" if parents > 1 else status[0]
        new_blob = shas[-1]
        old_blob = shas[0]
        if letter == "M" and old_blob == NULL_SHA:
            letter = "A"
        if new_blob == NULL_SHA:
            letter = "D"
        yield Entry("R" if letter == "C" else letter, path, old_path, old_blob, new_blob)


def read_blobs(git_dir: str, shas: Iterable[str]) -> dict[str, bytes]:
    """Blob contents by id, in one `git cat-file --batch` call."""
    wanted = sorted({s for s in shas if s != NULL_SHA})
    if not wanted:
        return {}
    out = subprocess.run(
        ["git", f"--git-dir={git_dir}", "cat-file", "--batch"],
        input=("\n".join(wanted) + "\n").encode(),
        capture_output=True,
        check=True,
    ).stdout
    stream = io.BytesIO(out)
    blobs: dict[str, bytes] = {}
    while (entry := read_batch_entry(stream)) is not None:
        sha, content = entry
        if content is not None:
            blobs[sha] = content
    return blobs


def read_batch_entry(stream: IO[bytes]) -> tuple[str, bytes | None] | None:
    """The next object `git cat-file --batch` writes to `stream`: its id and contents (None for
    an id it reports missing), or None at the end of its output."""
    header = stream.readline().split()
    if len(header) == 2 and header[1] == b"missing":
        return header[0].decode(), None
    if len(header) != 3:
        return None
    return header[0].decode(), stream.read(int(header[2]) + 1)[:-1]


def ls_tree(
    repo: git.Repo, commit: str, paths: list[str], recursive: bool = False
) -> list[TreeItem]:
    """`git ls-tree` of `paths` in `commit` (every file beneath them with `recursive`)."""
    return tree_items(repo.git.ls_tree("-z", *(["-r"] if recursive else []), commit, "--", *paths))


def tree_items(listing: str) -> list[TreeItem]:
    """The entries of a `git ls-tree -z` listing."""
    out = []
    for line in listing.split("\x00"):
        if "\t" in line:
            meta, path = line.split("\t", 1)
            _, kind, sha = meta.split()[:3]
            out.append(TreeItem(kind, sha, path))
    return out


class TreeItem(NamedTuple):
    kind: str  # blob, tree or commit
    sha: str
    path: str


def changed_since(root: Path, ref: str, folder: str = "clients") -> set[str]:
    """Root-relative paths under `folder` changed since `ref`: committed, staged, unstaged or untracked."""
    import git

    repo = open_repo(root)
    placement = Placement.of(repo, root)
    scope = placement.to_git(folder)
    try:
        repo.git.rev_parse("--verify", f"{ref}^{{commit}}")
    except git.GitCommandError as err:
        raise GitUnavailable(
            f"'{ref}' is not a commit in this repository (in a shallow CI checkout, fetch it first: "
            "actions/checkout with fetch-depth: 0)"
        ) from err
    names = repo.git.diff(
        "--name-only", "--no-renames", "--diff-filter=d", ref, "--", scope
    ).splitlines()
    names += repo.git.ls_files("--others", "--exclude-standard", "--", scope).splitlines()
    return {placement.from_git(name) for name in names if name}
