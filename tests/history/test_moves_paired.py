"""A commit's delete and add of one client file name in two folders is a move."""

from __future__ import annotations

from clientbook.history.gitlog import NULL_SHA, Entry, moves_paired


def _d(path: str, blob: str = "a" * 40) -> Entry:
    return Entry("D", path, path, blob, NULL_SHA)


def _a(path: str, blob: str = "b" * 40) -> Entry:
    return Entry("A", path, path, NULL_SHA, blob)


def test_a_delete_and_an_add_of_one_name_become_a_rename() -> None:
    paired = moves_paired([_d("clients/acme.yaml"), _a("clients/ac/acme.yaml")])
    assert paired == [Entry("R", "clients/ac/acme.yaml", "clients/acme.yaml", "a" * 40, "b" * 40)]


def test_other_entries_and_ambiguous_names_are_left_as_git_gave_them() -> None:
    entries = [
        _d("clients/a/x.yaml"),
        _d("clients/b/x.yaml"),
        _a("clients/c/x.yaml"),  # two deletes of x: which one moved is not known
        _a("clients/new.yaml"),
        Entry("M", "clients/kept.yaml", "clients/kept.yaml", "c" * 40, "d" * 40),
        _d("clients/notes.txt"),
        _a("clients/z/notes.txt"),
    ]
    assert moves_paired(entries) == entries
