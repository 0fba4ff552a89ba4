"""A full build's history: read in the page workers from a current cache, as a whole read gives it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from clientbook.core.config import load_config
from clientbook.history.read import read_history
from clientbook.site.build import BuildRefused, _as_refusal, build
from clientbook.site.history import HistoryGone, read_site_history, stored_histories
from clientbook.site.state import SiteState
from tests.conftest import TODAY, RecordsRepo, minimal_record, site_files
from tests.gitrepo import GitRepo

# The later commit in time has the smaller text: the newest date must be compared as a date.
LATEST = "2026-03-01T23:00:00-05:00"  # 2026-03-02 04:00 UTC
EARLIER = "2026-03-02T01:00:00+00:00"


def _edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / "clients" / name
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def repo(records_repo: RecordsRepo, monkeypatch: pytest.MonkeyPatch) -> RecordsRepo:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # the build time comes from git
    root = records_repo.root
    for n, name in enumerate(("Aurora Caravan", "Borealis Bank", "Cobalt Foods", "Delta Air")):
        records_repo.write_record(minimal_record(id=f"client-{n}", name=name))
    g = GitRepo(root)
    g.commit("Clients", date="2026-01-05T10:00:00+00:00")
    _edit(root, "client-0.yaml", '"active"', '"prospect"')
    g.run("mv", "clients/client-1.yaml", "clients/client-1-renamed.yaml")
    g.commit("A status, a rename", date=LATEST)
    _edit(root, "client-2.yaml", '"Cobalt Foods"', '"Cobalt Foods Ltd"')
    g.commit("A new name", date=EARLIER)
    _edit(root, "client-3.yaml", '"active"', '"paused"')  # not committed
    return records_repo


def _build_fresh(root: Path, out: str) -> dict[str, bytes]:
    shutil.rmtree(root / out, ignore_errors=True)
    SiteState(root, root / out).path.unlink(missing_ok=True)
    result = build(load_config(root), root / out, TODAY, jobs=2)
    assert not result.in_place
    return site_files(root / out)


def test_histories_read_by_the_workers_make_the_site_a_whole_read_makes(
    repo: RecordsRepo,
) -> None:
    root = repo.root
    (root / ".clientbook" / "cache" / "history.sqlite").unlink(missing_ok=True)
    files = sorted(f"clients/{p.name}" for p in (root / "clients").iterdir())
    assert read_site_history(root, files).stored == {}  # no cache yet: the whole history
    whole = _build_fresh(root, "whole")
    partial = read_site_history(root, files)
    # the uncommitted change is read here, with its working-tree version; the rest is left
    assert set(partial.stored) == set(files) - {"clients/client-3.yaml"}
    assert [r.path for r in partial.history.records.values()] == ["clients/client-3.yaml"]
    assert partial.newest == LATEST
    assert _build_fresh(root, "partial") == whole
    page = whole["clients/client-0.html"].decode()
    assert "A status, a rename" in page and "prospect" in page
    assert "uncommitted changes" in whole["clients/client-3.html"].decode()


def test_stored_histories_are_read_historys(repo: RecordsRepo) -> None:
    root = repo.root
    full = {r.path: r for r in read_history(root, changes=False).records.values()}
    files = sorted(f"clients/{p.name}" for p in (root / "clients").iterdir())
    partial = read_site_history(root, files)
    stored = stored_histories(root, partial.stored)
    assert set(stored) == set(partial.stored)
    for file, history in stored.items():
        assert history == full[file]
    assert len(stored["clients/client-1-renamed.yaml"].versions) == 2  # across the rename


def test_a_new_untracked_file_reads_the_whole_history(repo: RecordsRepo) -> None:
    root = repo.root
    read_history(root, changes=False)  # the cache is current
    repo.write_record(minimal_record(id="client-new", name="Echo Energy"))
    files = sorted(f"clients/{p.name}" for p in (root / "clients").iterdir())
    read = read_site_history(root, files)
    assert read.stored == {} and "clients/client-new.yaml" in {
        r.path for r in read.history.records.values()
    }
    site = _build_fresh(root, "site")
    assert "uncommitted changes" in site["clients/client-new.html"].decode()


def test_many_paths_are_read_in_batches(repo: RecordsRepo) -> None:
    from clientbook.history.store import Store

    root = repo.root
    read_history(root, changes=False)
    store = Store(root)
    paths = [f"clients/nobody-{n}.yaml" for n in range(40_000)] + ["clients/client-2.yaml"]
    assert list(store.records_at(paths)) == ["clients/client-2.yaml"]


def test_a_history_cache_gone_from_under_the_workers_refuses_the_build(
    repo: RecordsRepo,
) -> None:
    root = repo.root
    read_history(root, changes=False)
    files = sorted(f"clients/{p.name}" for p in (root / "clients").iterdir())
    stored = read_site_history(root, files).stored
    (root / ".clientbook" / "cache" / "history.sqlite").unlink()
    with pytest.raises(HistoryGone, match="history cache changed"):
        stored_histories(root, stored)
    with (
        pytest.raises(BuildRefused, match=r"history cache changed.*previous site is untouched"),
        _as_refusal(),
    ):
        stored_histories(root, stored)
