"""document_ref reads paths as text (no Path made); it must decide exactly what the reading
by pathlib decided, for every kind of path a record can hold, on a real tree of files."""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientbook.core.documents import DocumentRef, _parts, document_ref


def by_pathlib(value: str, root: Path) -> tuple[str, str, bool]:
    """The former reading: (path, problem, missing), walking Paths."""
    pure = PurePosixPath(value)
    if pure.is_absolute() or ".." in pure.parts or pure.parts[:1] != ("documents",):
        return "", "refused", False
    if len(pure.parts) < 2:
        return "", "refused", False
    current = root
    for part in pure.parts:
        current = current / part
        try:
            found = current.lstat()
        except (FileNotFoundError, NotADirectoryError):
            return "", "the file does not exist", True
        if stat.S_ISLNK(found.st_mode):
            return "", f"{current.relative_to(root).as_posix()} is a symbolic link", False
    if not stat.S_ISREG(found.st_mode):
        return "", "it is not a regular file", False
    return pure.as_posix(), "", False


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("repo")
    (root / "documents" / "acme" / "sub").mkdir(parents=True)
    (root / "documents" / "acme" / "msa.pdf").write_bytes(b"%PDF")
    (root / "documents" / "acme" / "sub" / "a.txt").write_text("a")
    (root / "clients").mkdir()
    (root / "clients" / "acme.yaml").write_text("id: acme\n")
    os.symlink(root / "clients", root / "documents" / "link")
    os.symlink(root / "documents" / "acme" / "msa.pdf", root / "documents" / "acme" / "ln.pdf")
    return root


NAMES = ["documents", "acme", "sub", "msa.pdf", "a.txt", "link", "ln.pdf", "acme.yaml", ".", ""]
PATHS = st.lists(st.sampled_from(NAMES), min_size=1, max_size=5).map("/".join)


@settings(max_examples=400, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(PATHS)
def test_a_path_is_read_as_pathlib_read_it(tree: Path, value: str) -> None:
    if not value.startswith("/"):
        assert _parts(value) == PurePosixPath(value).parts
    ref = document_ref(value, "agreements/0/document", tree)
    path, problem, missing = by_pathlib(value, tree)
    if problem == "refused":
        assert ref.problem and not ref.path and not ref.missing, ref
    else:
        assert (ref.path, ref.problem, ref.missing) == (path, problem, missing)


def test_the_kinds_of_answer(tree: Path) -> None:
    def ref(value: str) -> DocumentRef:
        return document_ref(value, "p", tree)

    assert ref("documents/acme/msa.pdf").path == "documents/acme/msa.pdf"
    assert ref("documents//acme/./msa.pdf/").path == "documents/acme/msa.pdf"
    assert ref("documents/acme/none.pdf").missing
    assert ref("documents/link/acme.yaml").problem == "documents/link is a symbolic link"
    assert ref("documents/acme/ln.pdf").problem == "documents/acme/ln.pdf is a symbolic link"
    assert ref("documents/acme/sub").problem == "it is not a regular file"
    assert ref("/documents/acme/msa.pdf").problem.startswith("an absolute path")
    assert ref("documents/../clients/acme.yaml").problem.startswith("a path with '..'")
    assert ref("clients/acme.yaml").problem.startswith("not under documents/")
    assert ref("documents\\acme").problem.startswith("a path with a backslash")
    assert ref("https://example.com/x").address


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(PATHS, min_size=1, max_size=12))
def test_folders_kept_for_a_run_change_no_answer(tree: Path, values: list[str]) -> None:
    """Lint keeps what it found of each folder for the run; every answer stays the same."""
    folders: dict[str, str] = {}
    for value in values:
        assert document_ref(value, "p", tree, folders) == document_ref(value, "p", tree)
    assert all(not os.path.isabs(f) or f.startswith(str(tree)) for f in folders)
