"""The site-wide pages of an update in place, made from what the site state keeps: the
dashboard from its totals counted by difference, the owner and team pages from their own
clients. Each is compared, byte for byte, with a full build into a fresh folder."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from typing import Any

import pytest

from clientbook.core.config import load_config
from clientbook.site import dashtotals, people
from clientbook.site.build import BuildResult, build
from clientbook.site.people import keys_for, pages_changed
from clientbook.site.state import SiteState
from tests.conftest import TODAY, RecordsRepo, minimal_record, site_files
from tests.gitrepo import GitRepo


def _build(repo: RecordsRepo, out: str = "site") -> BuildResult:
    return build(load_config(repo.root), repo.root / out, TODAY)


def _fresh(repo: RecordsRepo) -> dict[str, bytes]:
    fresh = repo.root / "fresh"
    SiteState(repo.root, fresh).path.unlink(missing_ok=True)
    assert not _build(repo, "fresh").in_place
    files = site_files(fresh)
    shutil.rmtree(fresh)
    return files


def _client(n: int, last: str, **overrides: Any) -> dict[str, Any]:
    """An active client last contacted on `last` (quarterly: overdue by then + 3 months)."""
    interaction = {
        "date": last,
        "channel": "call",
        "direction": "outbound",
        "by": "account-manager",
        "summary": "Catch-up.",
    }
    return minimal_record(
        id=f"client-{n}", name=f"Client {n}", interactions=[interaction], **overrides
    )


@pytest.fixture
def repo(records_repo: RecordsRepo, monkeypatch: pytest.MonkeyPatch) -> RecordsRepo:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    for n, last in enumerate(["2026-01-10", "2026-03-10", "2026-05-10", "2026-11-01"]):
        records_repo.write_record(_client(n, last))
    records_repo.write_record(_client(9, "2026-02-01", owner="dpo", team="data-protection"))
    GitRepo(records_repo.root).commit("Clients", date="2026-03-01T09:00:00+00:00")
    return records_repo


def _contact(repo: RecordsRepo, n: int, last: str) -> None:
    path = repo.root / "clients" / f"client-{n}.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index('"date": "', text.index("interactions:")) + len('"date": "')
    path.write_text(text[:start] + last + text[start + 10 :], encoding="utf-8")


def test_the_dashboard_is_counted_by_difference(repo: RecordsRepo) -> None:
    _build(repo)
    site = repo.root / "site"
    before = (site / "dashboard.html").read_bytes()
    _contact(repo, 0, "2026-11-20")  # the most overdue is contacted: the health table moves
    assert _build(repo).in_place
    assert (site / "dashboard.html").read_bytes() != before
    assert SiteState(repo.root, site).totals() is not None
    assert site_files(site) == _fresh(repo)


def test_a_health_table_that_ran_out_of_kept_rows_is_counted_again(
    repo: RecordsRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dashtotals, "HEALTH", 2)
    monkeypatch.setattr(dashtotals, "KEPT_PER_ROW", 1)  # the two most overdue kept, no more
    _build(repo)
    state = SiteState(repo.root, repo.root / "site")
    kept = state.totals()
    assert kept is not None and [h["id"] for h in kept.health] == ["client-0", "client-9"]
    _contact(repo, 0, "2026-11-20")  # one of the two goes; the third is not kept
    assert _build(repo).in_place
    assert site_files(repo.root / "site") == _fresh(repo)
    again = state.totals()
    assert again is not None and [h["id"] for h in again.health] == ["client-9", "client-1"]


def test_a_state_without_totals_counts_every_client(repo: RecordsRepo) -> None:
    """A state written before the totals were kept, or one whose totals cannot be read."""
    _build(repo)
    state = SiteState(repo.root, repo.root / "site")
    db = state._open()
    assert db is not None
    with db:
        db.execute("update meta set value = x'00' where key = 'dashboard'")
    assert state.totals() is None
    _contact(repo, 1, "2026-11-20")
    assert _build(repo).in_place
    assert state.totals() is not None
    assert site_files(repo.root / "site") == _fresh(repo)


def test_owner_and_team_pages_are_made_from_their_own_clients(repo: RecordsRepo) -> None:
    _build(repo)
    state = SiteState(repo.root, repo.root / "site")
    config = load_config(repo.root)
    theirs = state.read_summaries(["people"], keys_for({"owners/dpo.html"}, config))
    assert theirs is not None and list(theirs) == ["clients/client-9.yaml"]
    team = state.read_summaries(["people"], keys_for({"teams/accounts.html"}, config))
    assert team is not None and len(team) == 4
    # a client moves to the other owner and team, then changes again under them
    path = repo.root / "clients/client-2.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('owner: "account-manager"', 'owner: "dpo"')
    path.write_text(text.replace('team: "accounts"', 'team: "data-protection"'), encoding="utf-8")
    assert _build(repo).in_place
    assert site_files(repo.root / "site") == _fresh(repo)
    moved = state.read_summaries(["people"], keys_for({"owners/dpo.html"}, config))
    assert moved is not None and list(moved) == ["clients/client-2.yaml", "clients/client-9.yaml"]
    _contact(repo, 2, "2026-11-21")
    assert _build(repo).in_place
    page = (repo.root / "site/owners/dpo.html").read_text(encoding="utf-8")
    assert "2026-11-21" in page
    assert site_files(repo.root / "site") == _fresh(repo)


def _changed_pages(repo: RecordsRepo, edit: Callable[[str], str]) -> set[str]:
    """The owner and team pages an update makes again after `edit` of client-1."""
    state = SiteState(repo.root, repo.root / "site")
    old = state.summary("clients/client-1.yaml")
    path = repo.root / "clients/client-1.yaml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert _build(repo).in_place
    new = state.summary("clients/client-1.yaml")
    assert old is not None and new is not None
    config = load_config(repo.root)
    listed = state.people_counts({"owner:account-manager", "team:accounts"})
    assert listed == {"owner:account-manager": 4, "team:accounts": 4}
    return pages_changed([(old, new)], config, listed)


def test_pages_that_count_their_clients_are_made_again_only_for_what_they_show(
    repo: RecordsRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(people, "LIMIT", 3)  # the accounts pages count their four clients
    _build(repo)
    site = repo.root / "site"
    before = {
        p: (site / p).read_bytes() for p in ("owners/account-manager.html", "teams/accounts.html")
    }
    # a later contact changes the client's row, which those pages do not show
    assert _changed_pages(repo, lambda t: t.replace("2026-03-10", "2026-11-21")) == set()
    assert {p: (site / p).read_bytes() for p in before} == before
    assert site_files(site) == _fresh(repo)
    # a new status is counted on both
    made = _changed_pages(repo, lambda t: t.replace('status: "active"', 'status: "paused"'))
    assert made == set(before)
    assert all((site / p).read_bytes() != before[p] for p in before)
    assert site_files(site) == _fresh(repo)


def test_pages_that_list_their_clients_are_made_again_for_a_row(repo: RecordsRepo) -> None:
    _build(repo)
    made = _changed_pages(repo, lambda t: t.replace("2026-03-10", "2026-11-21"))
    assert made == {"owners/account-manager.html", "teams/accounts.html"}
    page = (repo.root / "site/owners/account-manager.html").read_text(encoding="utf-8")
    assert "2026-11-21" in page
    assert site_files(repo.root / "site") == _fresh(repo)
