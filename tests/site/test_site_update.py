"""clientbook build after a few records changed: the site is updated in place, as a full build would make it.

Every test compares the updated site with a full build of the same inputs
into a fresh folder, byte for byte (the manifest of input keys included).
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
from typing import Any

import pytest

from clientbook.core.config import load_config
from clientbook.site.build import BuildRefused, BuildResult, build
from clientbook.site.state import SiteState
from tests.conftest import OPEN_FOLLOW_UP, TODAY, RecordsRepo, minimal_record, site_files
from tests.gitrepo import GitRepo

EDITED = "Edited: now prefers video calls"


def _build(repo: RecordsRepo, out: str = "site", **options: Any) -> BuildResult:
    return build(load_config(repo.root), repo.root / out, TODAY, **options)


def _fresh(repo: RecordsRepo) -> dict[str, bytes]:
    """A full build of the same inputs into a folder that never had a site or a state."""
    fresh = repo.root / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    SiteState(repo.root, fresh).path.unlink(missing_ok=True)
    result = _build(repo, "fresh")
    assert not result.in_place
    files = site_files(fresh)
    shutil.rmtree(fresh)
    return files


def _duplicates(n: int) -> list[dict[str, Any]]:
    """Records whose names are close enough to be suspected duplicates of each other."""
    return [
        minimal_record(id=f"acme-logistic-{i}", name=f"Acme Logistic {i}", owner="dpo")
        for i in range(n)
    ]


@pytest.fixture
def repo(records_repo: RecordsRepo, monkeypatch: pytest.MonkeyPatch) -> RecordsRepo:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    records_repo.write_record(minimal_record(interactions=[OPEN_FOLLOW_UP]))
    records_repo.write_record(
        minimal_record(
            id="zenith-pharma", name="Zenith Pharma", owner="dpo", team="data-protection"
        )
    )
    for record in _duplicates(3):
        records_repo.write_record(record)
    g = GitRepo(records_repo.root)
    g.commit("Clients", date="2026-03-01T09:00:00+00:00")
    return records_repo


def _edit(repo: RecordsRepo, name: str, old: str, new: str) -> None:
    path = repo.root / "clients" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_one_edited_record_updates_the_site_in_place(repo: RecordsRepo) -> None:
    first = _build(repo)
    assert not first.in_place and first.pages == 5
    site = repo.root / "site"
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in site.rglob("*.html")}
    _edit(repo, "zenith-pharma.yaml", 'status: "active"', 'status: "prospect"')
    result = _build(repo)
    assert result.in_place and result.reused == 4
    changed = {
        p.relative_to(site).as_posix()
        for p, (ino, mtime) in before.items()
        if (p.stat().st_ino, p.stat().st_mtime_ns) != (ino, mtime)
    }
    assert "clients/zenith-pharma.html" in changed and "index.html" in changed
    assert not any(c.startswith("clients/") and "zenith" not in c for c in changed)
    page = (site / "clients/zenith-pharma.html").read_text(encoding="utf-8")
    assert "prospect" in page and "uncommitted changes" in page  # its working-tree history
    assert site_files(site) == _fresh(repo)


def test_a_new_owner_remakes_both_owners_and_teams_pages(repo: RecordsRepo) -> None:
    _build(repo)
    site = repo.root / "site"
    untouched = site / "teams/accounts.html"
    _edit(repo, "acme-logistic-0.yaml", 'owner: "dpo"', 'owner: "account-manager"')
    assert b"Acme Logistic 0" not in (site / "owners/account-manager.html").read_bytes()
    result = _build(repo)
    assert result.in_place
    assert b"Acme Logistic 0" in (site / "owners/account-manager.html").read_bytes()
    assert b"Acme Logistic 0" in untouched.read_bytes()  # the new owner's team
    assert site_files(site) == _fresh(repo)


def test_a_new_interaction_updates_directory_dashboard_calendar_and_people(
    repo: RecordsRepo,
) -> None:
    _build(repo)
    site = repo.root / "site"
    before = {n: (site / n).read_bytes() for n in ("index.html", "dashboard.html", "deadlines.ics")}
    interaction = (
        '{"date": "2026-11-20", "channel": "call", "direction": "inbound", '
        '"summary": "Asked for a quote", "follow_up": "2026-11-27"}'
    )
    _edit(repo, "zenith-pharma.yaml", "\ninteractions: [", f"\ninteractions: [{interaction}, ")
    assert _build(repo).in_place
    for name, old in before.items():
        assert (site / name).read_bytes() != old, name
    assert site_files(site) == _fresh(repo)


def test_a_state_in_another_format_is_made_anew(repo: RecordsRepo) -> None:
    import sqlite3

    path = SiteState(repo.root, repo.root / "site").path
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as db:
        db.execute("create table meta (key text primary key, value blob)")
        db.execute("create table clients (file text primary key, summary blob)")
        db.execute("insert into clients values ('clients/x.yaml', x'00')")
    assert not _build(repo).in_place
    _edit(repo, "zenith-pharma.yaml", 'status: "active"', 'status: "prospect"')
    assert _build(repo).in_place
    assert site_files(repo.root / "site") == _fresh(repo)


def test_a_state_of_an_earlier_format_is_dropped_unread(repo: RecordsRepo) -> None:
    """A state an earlier clientbook wrote, its blobs naming what has since moved (the flags
    and health left the dashboard): the build starts anew, no traceback, nothing reused."""
    import sqlite3

    _build(repo)
    path = SiteState(repo.root, repo.root / "site").path
    moved = b"cclientbook.site.dashboard\nhealth\n."  # a pickle of dashboard.health
    with pytest.raises(AttributeError):
        pickle.loads(moved)
    with sqlite3.connect(path) as db:
        db.execute("update meta set value = '6/0.1.0' where key = 'format'")
        db.execute("update meta set value = ? where key = 'whole'", (moved,))
        db.execute("update clients set mark = ?, dashboard = ?", (moved, moved))
    _edit(repo, "zenith-pharma.yaml", 'status: "active"', 'status: "prospect"')
    result = _build(repo)
    assert not result.in_place and result.reused == 0
    assert site_files(repo.root / "site") == _fresh(repo)
    _edit(repo, "zenith-pharma.yaml", 'status: "prospect"', 'status: "active"')
    assert _build(repo).in_place
    assert site_files(repo.root / "site") == _fresh(repo)


def test_a_template_failing_on_the_changed_record_leaves_the_site(repo: RecordsRepo) -> None:
    template = repo.root / "templates/site/client.html"
    text = template.read_text(encoding="utf-8")
    trap = "{% if page.data.get('status') == 'prospect' %}{{ page.no_such_field }}{% endif %}"
    template.write_text(
        text.replace("{% block main %}", "{% block main %}" + trap), encoding="utf-8"
    )
    _build(repo)
    before = site_files(repo.root / "site")
    _edit(repo, "zenith-pharma.yaml", 'status: "active"', 'status: "prospect"')
    with pytest.raises(BuildRefused, match="templates failed"):
        _build(repo)
    assert site_files(repo.root / "site") == before


def test_a_page_deleted_by_hand_is_made_again(repo: RecordsRepo) -> None:
    _build(repo)
    (repo.root / "site/clients/acme-logistic-2.html").unlink()
    _edit(repo, "zenith-pharma.yaml", 'status: "active"', 'status: "prospect"')
    assert not _build(repo).in_place
    assert site_files(repo.root / "site") == _fresh(repo)


def test_a_damaged_state_is_made_anew(repo: RecordsRepo) -> None:
    path = SiteState(repo.root, repo.root / "site").path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a database at all" * 100)
    assert not _build(repo).in_place
    _edit(repo, "zenith-pharma.yaml", 'status: "active"', 'status: "prospect"')
    assert _build(repo).in_place
    assert site_files(repo.root / "site") == _fresh(repo)


def test_nothing_changed_writes_nothing(repo: RecordsRepo) -> None:
    _build(repo)
    site = repo.root / "site"
    before = {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}
    os.utime(repo.root / "clients/zenith-pharma.yaml")  # touched, bytes unchanged
    result = _build(repo)
    assert result.in_place and result.reused == result.pages == 5
    assert {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()} == before


def test_findings_are_placed_again_in_the_edited_text(repo: RecordsRepo) -> None:
    """A suspected duplicate stays one when other fields change; its line moves with the text."""
    _build(repo)
    _edit(repo, "acme-logistic-1.yaml", "\nid:", '\nindustry: "Freight"\nid:')
    result = _build(repo)
    assert result.in_place
    page = (repo.root / "site/clients/acme-logistic-1.html").read_text(encoding="utf-8")
    assert "duplicate-client" in page
    assert site_files(repo.root / "site") == _fresh(repo)


def test_a_new_lint_error_shows_and_strict_refuses(repo: RecordsRepo) -> None:
    _build(repo)
    before = site_files(repo.root / "site")
    _edit(repo, "zenith-pharma.yaml", 'status: "active"', 'status: "dormant"')
    with pytest.raises(BuildRefused):
        _build(repo, strict=True)
    assert site_files(repo.root / "site") == before
    result = _build(repo)
    assert result.in_place and result.errors == 1
    assert site_files(repo.root / "site") == _fresh(repo)


@pytest.mark.parametrize(
    "change",
    [
        "name",  # a cross-record fact: duplicates may change anywhere
        "new file",
        "removed file",
        "unreadable",
        "commit",
        "config",
        "template",
        "site deleted",
    ],
)
def test_other_changes_build_in_full(repo: RecordsRepo, change: str) -> None:
    _build(repo)
    if change == "name":
        _edit(repo, "acme-logistic-2.yaml", '"Acme Logistic 2"', '"Zeta Freight"')
    elif change == "new file":
        repo.write_record(minimal_record(id="new-co", name="New Co"))
    elif change == "removed file":
        (repo.root / "clients/acme-logistic-0.yaml").unlink()
    elif change == "unreadable":
        repo.write("zenith-pharma.yaml", "name: [unclosed\n")
    elif change == "commit":
        _edit(repo, "zenith-pharma.yaml", 'status: "active"', 'status: "prospect"')
        GitRepo(repo.root).commit("Prospect again", date="2026-04-01T09:00:00+00:00")
    elif change == "config":
        config = repo.root / "clientbook.yaml"
        config.write_text(config.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    elif change == "template":
        template = repo.root / "templates/site/people.html"  # the repository's own copy
        text = template.read_text(encoding="utf-8")
        template.write_text(text.replace("<h1>", '<h1 class="t">'), encoding="utf-8")
    elif change == "site deleted":
        shutil.rmtree(repo.root / "site")
    result = _build(repo)
    assert not result.in_place
    assert site_files(repo.root / "site") == _fresh(repo)
    if change in ("name", "commit"):  # and the next edit is in place again
        _edit(repo, "zenith-pharma.yaml", 'owner: "dpo"', 'owner: "dpo" ')
        assert _build(repo).in_place
        assert site_files(repo.root / "site") == _fresh(repo)


def test_another_day_or_audience_builds_in_full(repo: RecordsRepo) -> None:
    _build(repo)
    config = load_config(repo.root)
    later = build(config, repo.root / "site", TODAY.replace(day=TODAY.day + 1))
    assert not later.in_place
    restricted = build(config, repo.root / "site", TODAY, audience="restricted")
    assert not restricted.in_place
    assert build(config, repo.root / "site", TODAY, audience="restricted").in_place


def test_outside_git_the_update_has_no_history(records_repo: RecordsRepo) -> None:
    records_repo.write_record(minimal_record())
    records_repo.write_record(minimal_record(id="zenith-pharma", name="Zenith Pharma"))
    _build(records_repo)
    _edit(records_repo, "zenith-pharma.yaml", 'status: "active"', 'status: "prospect"')
    result = _build(records_repo)
    assert result.in_place and result.warnings
    assert site_files(records_repo.root / "site") == _fresh(records_repo)


def test_tags_and_statuses_come_and_go_from_the_directory_filters(repo: RecordsRepo) -> None:
    """The filters' values are counts patched with the changed rows: a value held by one
    client appears with it and goes when it goes."""
    _build(repo)
    site = repo.root / "site"
    _edit(repo, "zenith-pharma.yaml", "\nid:", '\ntags: ["only-here"]\nid:')
    assert _build(repo).in_place
    assert b'value="only-here"' in (site / "index.html").read_bytes()
    assert site_files(site) == _fresh(repo)
    _edit(repo, "zenith-pharma.yaml", '\ntags: ["only-here"]', "")
    _edit(repo, "zenith-pharma.yaml", 'status: "active"', 'status: "prospect"')
    assert _build(repo).in_place
    index = (site / "index.html").read_bytes()
    assert b'value="only-here"' not in index and b'value="prospect"' in index
    assert site_files(site) == _fresh(repo)


@pytest.mark.parametrize("damage", ["other bytes", "missing"])
def test_a_directory_apart_from_its_state_is_made_from_the_summaries(
    repo: RecordsRepo, damage: str
) -> None:
    """The search data kept beside the state is checked by its hash (a build stopped between
    writing it and the state's transaction leaves them apart)."""
    _build(repo)
    kept = SiteState(repo.root, repo.root / "site").directory_path
    assert kept.is_file()
    if damage == "missing":
        kept.unlink()
    else:  # still JSON with every row, one of them not as built
        text = kept.read_text(encoding="utf-8")
        kept.write_text(text.replace("Acme Logistic 0", "Acme Logistic X"), encoding="utf-8")
    _edit(repo, "zenith-pharma.yaml", 'status: "active"', 'status: "prospect"')
    assert _build(repo).in_place
    assert site_files(repo.root / "site") == _fresh(repo)
    _edit(repo, "zenith-pharma.yaml", 'status: "prospect"', 'status: "active"')  # from its own
    assert _build(repo).in_place
    assert site_files(repo.root / "site") == _fresh(repo)


def test_the_manifest_is_patched_as_its_text_or_parsed_when_it_cannot_be() -> None:
    from clientbook.site.update import _with_keys, _with_keys_parsed

    keys = {"clients/a.html": "1" * 64, "clients/b.html": "2" * 64}
    text = json.dumps({"generator": "clientbook", "keys": keys}) + "\n"
    new = {"clients/b.html": "3" * 64}
    assert _with_keys(text, new) == _with_keys_parsed(text, new)
    assert json.loads(_with_keys_parsed(text, new))["keys"] == {**keys, **new}
    assert _with_keys(text, {"clients/c.html": "4" * 64}) is None  # not listed: parsed
    assert _with_keys_parsed(text, {"clients/c.html": "4" * 64}).count("clients/") == 3
