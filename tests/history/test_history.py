"""History from real git repositories: renames, merges, deletions, broken versions, shallow clones."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import random
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from click.testing import Result

import clientbook.history.read as history_read
from clientbook.history.read import read_history
from clientbook.history.types import WORKING_TREE
from tests.conftest import RecordsRepo, run_cli
from tests.gitrepo import GitRepo

RECORD = """\
id: acme
name: Acme Logistics
kind: organization
status: {status}
since: "2026-01-05"
owner: account-manager
jurisdiction: GB
interactions:
{interactions}
"""


def record(status: str = "active", days: tuple[str, ...] = ("2026-01-05",)) -> str:
    items = "".join(
        f'  - {{date: "{d}", channel: meeting, direction: outbound, summary: "Met on {d}"}}\n'
        for d in days
    )
    return RECORD.format(status=status, interactions=items.rstrip("\n"))


@pytest.fixture
def repo(records_repo: RecordsRepo) -> GitRepo:
    g = GitRepo(records_repo.root)
    g.commit("Set up the records repository", date="2026-01-01T09:00:00+00:00")
    return g


def _history(root: Path, client: str = "acme") -> dict:  # type: ignore[type-arg]
    result = run_cli("--repo", str(root), "history", client, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_versions_newest_first_with_field_changes(repo: GitRepo) -> None:
    repo.write("clients/acme.yaml", record())
    repo.commit("Add Acme", date="2026-01-05T10:00:00+00:00")
    repo.write("clients/acme.yaml", record(days=("2026-01-05", "2026-10-02")))
    repo.commit(
        "Record the October meeting",
        author="Jonas Weber",
        email="jonas@northwind.example",
        date="2026-10-02T16:00:00+00:00",
    )
    doc = _history(repo.root)
    assert [v["message"] for v in doc["versions"]] == ["Record the October meeting", "Add Acme"]
    newest = doc["versions"][0]
    assert newest["author"] == {"name": "Jonas Weber", "email": "jonas@northwind.example"}
    assert newest["date"] == "2026-10-02T16:00:00+00:00"
    assert newest["changes"] == [
        {
            "path": "interactions/1",
            "op": "added",
            "old": None,
            "new": {
                "date": "2026-10-02",
                "channel": "meeting",
                "direction": "outbound",
                "summary": "Met on 2026-10-02",
            },
        }
    ]
    text = run_cli("--repo", str(repo.root), "history", "acme").stdout
    assert (
        "+ interaction 2026-10-02 (meeting)" in text
        and "Jonas Weber <jonas@northwind.example>" in text
    )


def test_status_change_in_words(repo: GitRepo) -> None:
    repo.write("clients/acme.yaml", record())
    repo.commit("Add")
    repo.write("clients/acme.yaml", record(status="paused"))
    repo.commit("Pause", date="2026-03-01T10:00:00+00:00")
    assert "status: active → paused" in run_cli("--repo", str(repo.root), "history", "acme").stdout


def test_rename_keeps_history(repo: GitRepo) -> None:
    repo.write("clients/acme.yaml", record())
    repo.commit("Add")
    repo.run("mv", "clients/acme.yaml", "clients/acme-logistics.yaml")
    repo.write("clients/acme-logistics.yaml", record().replace("id: acme", "id: acme-logistics"))
    repo.commit("Rename to the full name", date="2026-02-01T10:00:00+00:00")
    doc = _history(repo.root, "acme-logistics")
    assert [v["status"] for v in doc["versions"]] == ["renamed", "added"]
    assert doc["versions"][0]["changes"] == [
        {"path": "id", "op": "changed", "old": "acme", "new": "acme-logistics"}
    ]
    assert _history(repo.root, "acme")["client"] == "acme-logistics"  # found by its old id too


def test_merge_resolving_a_conflict_is_attributed_to_the_merge(repo: GitRepo) -> None:
    repo.write("clients/acme.yaml", record())
    repo.commit("Add")
    repo.run("checkout", "-q", "-b", "side")
    repo.write("clients/acme.yaml", record(status="paused"))
    repo.commit("Pause on a branch", author="Jonas Weber", date="2026-02-01T10:00:00+00:00")
    repo.run("checkout", "-q", "main")
    repo.write(
        "clients/acme.yaml",
        record(status="former").replace(
            'since: "2026-01-05"', 'since: "2026-01-05"\nended: "2026-02-02"'
        ),
    )
    repo.commit("End the relationship", date="2026-02-02T10:00:00+00:00")
    subprocess.run(
        ["git", "merge", "-q", "side"], cwd=repo.root, env=repo.env(), capture_output=True
    )
    resolved = record(
        status="paused", days=("2026-01-05", "2026-02-03")
    )  # new content, in neither parent
    repo.write("clients/acme.yaml", resolved)
    merge = repo.commit(
        "Merge side: keep paused", author="Elif Demir", date="2026-02-03T10:00:00+00:00"
    )
    doc = _history(repo.root)
    messages = [v["message"] for v in doc["versions"]]
    assert messages.count("Merge side: keep paused") == 1
    merged = doc["versions"][messages.index("Merge side: keep paused")]
    assert merged["commit"] == merge and merged["author"]["name"] == "Elif Demir"
    assert {"path": "status", "op": "changed", "old": "former", "new": "paused"} in merged[
        "changes"
    ]
    assert len(doc["versions"]) == 4  # add, branch change, main change, merge resolution


def test_merge_taking_one_side_is_attributed_to_that_side(repo: GitRepo) -> None:
    """A conflict resolved by taking one branch's version introduces nothing new: no merge version."""
    repo.write("clients/acme.yaml", record())
    repo.commit("Add")
    repo.run("checkout", "-q", "-b", "side")
    repo.write("clients/acme.yaml", record(status="paused"))
    repo.commit("Pause on a branch", date="2026-02-01T10:00:00+00:00")
    repo.run("checkout", "-q", "main")
    repo.write("clients/acme.yaml", record(status="contact"))
    repo.commit("Back to contact", date="2026-02-02T10:00:00+00:00")
    subprocess.run(
        ["git", "merge", "-q", "side"], cwd=repo.root, env=repo.env(), capture_output=True
    )
    repo.write("clients/acme.yaml", record(status="paused"))
    repo.commit("Merge side", date="2026-02-03T10:00:00+00:00")
    assert [v["message"] for v in _history(repo.root)["versions"]] == [
        "Back to contact",
        "Pause on a branch",
        "Add",
    ]


def test_clean_merge_adds_no_version(repo: GitRepo) -> None:
    repo.write("clients/acme.yaml", record())
    repo.commit("Add")
    repo.run("checkout", "-q", "-b", "side")
    repo.write("clients/acme.yaml", record(status="paused"))
    repo.commit("Pause")
    repo.run("checkout", "-q", "main")
    repo.write(
        "clients/other.yaml",
        record().replace("id: acme", "id: other").replace("Acme Logistics", "Zenith"),
    )
    repo.commit("Add other")
    repo.run("merge", "-q", "--no-edit", "side")
    assert [v["message"] for v in _history(repo.root)["versions"]] == ["Pause", "Add"]


def test_deletion_and_recreation(repo: GitRepo) -> None:
    repo.write("clients/acme.yaml", record())
    repo.commit("Add")
    repo.run("rm", "-q", "clients/acme.yaml")
    repo.commit("Erase Acme", date="2026-03-01T10:00:00+00:00")
    repo.write("clients/acme.yaml", record(status="contact"))
    repo.commit("Acme is back", date="2026-06-01T10:00:00+00:00")
    doc = _history(repo.root)
    assert [v["status"] for v in doc["versions"]] == ["added", "deleted", "added"]
    assert "deleted" in run_cli("--repo", str(repo.root), "history", "acme").stdout


def test_broken_version_is_shown_and_history_continues(repo: GitRepo) -> None:
    repo.write("clients/acme.yaml", record())
    repo.commit("Add")
    repo.write("clients/acme.yaml", record().replace("status: active", "status: [active"))
    repo.commit("Oops", date="2026-02-01T10:00:00+00:00")
    repo.write("clients/acme.yaml", record(status="paused"))
    repo.commit("Fix and pause", date="2026-02-02T10:00:00+00:00")
    doc = _history(repo.root)
    fixed, broken, _added = doc["versions"]
    assert broken["error"].startswith("line ") and broken["changes"] == []
    assert fixed["changes"] == [
        {"path": "status", "op": "changed", "old": "active", "new": "paused"}
    ]
    assert "could not be read" in run_cli("--repo", str(repo.root), "history", "acme").stdout


def test_uncommitted_changes_show_as_working_tree(repo: GitRepo) -> None:
    repo.write("clients/acme.yaml", record())
    repo.commit("Add")
    repo.write("clients/acme.yaml", record(status="paused"))
    doc = _history(repo.root)
    assert doc["versions"][0]["commit"] == WORKING_TREE
    assert doc["versions"][0]["changes"] == [
        {"path": "status", "op": "changed", "old": "active", "new": "paused"}
    ]
    assert "working tree" in run_cli("--repo", str(repo.root), "history", "acme").stdout


def test_non_ascii_authors(repo: GitRepo) -> None:
    repo.write("clients/acme.yaml", record())
    repo.commit("Añadir cliente", author="Lúcia Ferreira", email="lucia@northwind.example")
    doc = _history(repo.root)
    assert (
        doc["versions"][0]["author"]["name"] == "Lúcia Ferreira"
        and doc["versions"][0]["message"] == "Añadir cliente"
    )


def test_cache_reads_only_new_commits(repo: GitRepo) -> None:
    for n in range(3):
        repo.write(
            f"clients/c{n}.yaml",
            record().replace("id: acme", f"id: c{n}").replace("Acme Logistics", f"Client {n}"),
        )
    repo.commit("Three clients")
    cold = read_history(repo.root, jobs=1)
    assert cold.parsed_blobs == 3
    warm = read_history(repo.root, jobs=1)
    assert warm.parsed_blobs == 0 and len(warm.records) == 3
    repo.write(
        "clients/c1.yaml",
        record(status="paused").replace("id: acme", "id: c1").replace("Acme Logistics", "Client 1"),
    )
    repo.commit("Pause c1", date="2026-02-01T10:00:00+00:00")
    after = read_history(repo.root, jobs=1)
    assert after.parsed_blobs == 1  # the new blob only; the previous version comes from the cache
    c1 = after.find("c1")
    assert c1 is not None and [c.path for c in c1.versions[0].changes] == ["status"]
    assert read_history(repo.root, jobs=1, use_cache=False).records.keys() == after.records.keys()


def test_history_without_changes_keeps_every_summary(repo: GitRepo) -> None:
    """The site reads summaries only; they are the words the full history gives."""
    repo.write("clients/acme.yaml", record())
    repo.commit("Add Acme")
    repo.write("clients/acme.yaml", record(status="paused", days=("2026-01-05", "2026-02-01")))
    repo.commit("Pause Acme", date="2026-02-02T10:00:00+00:00")
    repo.write("clients/acme.yaml", record(status="former", days=("2026-01-05", "2026-02-01")))
    full = read_history(repo.root, jobs=1)  # cold: computed, with changes
    light = read_history(repo.root, jobs=1, changes=False)  # from the cache, without
    acme_full, acme_light = full.find("acme"), light.find("acme")
    assert acme_full is not None and acme_light is not None
    assert [v.summary for v in acme_light.versions] == [v.summary for v in acme_full.versions]
    assert acme_light.versions[0].summary == ("status: paused → former",)  # the working tree
    assert acme_light.versions[1].summary == (
        "status: active → paused",
        "+ interaction 2026-02-01 (meeting)",
    )
    assert acme_light.versions[2].summary[0].startswith("created Acme Logistics (")
    assert all(v.changes == () for v in acme_light.versions[1:])
    assert acme_full.versions[1].changes != ()


def test_a_cold_read_without_changes_still_caches_them(repo: GitRepo) -> None:
    repo.write("clients/acme.yaml", record())
    repo.commit("Add Acme")
    repo.write("clients/acme.yaml", record(status="paused"))
    repo.commit("Pause Acme", date="2026-02-02T10:00:00+00:00")
    light = read_history(repo.root, jobs=1, changes=False)  # cold
    full = read_history(repo.root, jobs=1)  # warm, from the cache
    uncached = read_history(repo.root, jobs=1, use_cache=False)
    acme_light, acme_full, acme_uncached = (h.find("acme") for h in (light, full, uncached))
    assert acme_light is not None and acme_full is not None and acme_uncached is not None
    assert all(v.changes == () for v in acme_light.versions)
    assert [v.summary for v in acme_light.versions] == [v.summary for v in acme_full.versions]
    assert acme_full.versions == acme_uncached.versions
    assert [c.path for c in acme_full.versions[0].changes] == ["status"]


def test_a_cache_written_in_an_older_format_is_replaced(repo: GitRepo) -> None:
    import sqlite3

    repo.write("clients/acme.yaml", record())
    repo.commit("Add Acme")
    cache = repo.root / ".clientbook" / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(cache / "history.sqlite")
    db.executescript(
        """
        create table meta (key text primary key, value text);
        create table versions (key text, seq integer, json text, primary key (key, seq));
        insert into meta values ('format', '1/0.0.1');
        insert into versions values ('clients/acme.yaml', 1, '[]');
        """
    )
    db.commit()
    db.close()
    first = read_history(repo.root, jobs=1)
    again = read_history(repo.root, jobs=1)
    acme = again.find("acme")
    assert first.parsed_blobs == 1 and again.parsed_blobs == 0
    assert acme is not None and acme.versions[0].summary[0].startswith("created Acme")


def test_a_cache_of_another_format_number_is_rebuilt_not_read(repo: GitRepo) -> None:
    """Same tables, another `_CACHE_FORMAT`: its rows may mean something else, so none is kept."""
    import sqlite3

    repo.write("clients/acme.yaml", record())
    repo.commit("Add Acme")
    read_history(repo.root, jobs=1)
    db = sqlite3.connect(repo.root / ".clientbook" / "cache" / "history.sqlite")
    (current,) = db.execute("select value from meta where key = 'format'").fetchone()
    number, version = current.split("/", 1)
    with db:
        db.execute(
            "update meta set value = ? where key = 'format'", (f"{int(number) - 1}/{version}",)
        )
        db.execute("update versions set summary = '[\"stale\"]'")
    db.close()
    again = read_history(repo.root, jobs=1)
    acme = again.find("acme")
    assert again.parsed_blobs == 1
    assert acme is not None and acme.versions[0].summary[0].startswith("created Acme")
    db = sqlite3.connect(repo.root / ".clientbook" / "cache" / "history.sqlite")
    assert db.execute("select value from meta where key = 'format'").fetchone() == (current,)
    db.close()


def test_parallel_and_serial_agree(
    repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(70):
        repo.write(f"clients/c{n:02d}.yaml", record().replace("id: acme", f"id: c{n:02d}"))
    repo.commit("Seventy")
    for n in range(0, 70, 3):
        repo.write(
            f"clients/c{n:02d}.yaml", record(status="paused").replace("id: acme", f"id: c{n:02d}")
        )
    repo.commit("Pause a third")
    spill = tmp_path / "spill"  # where the workers leave their results, emptied after
    spill.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spill))
    serial = read_history(repo.root, jobs=1, use_cache=False)
    # nothing parsed while the log is written, so every batch is worth a worker
    monkeypatch.setattr(history_read, "PARSED_WHILE_LOGGING", 0)
    for jobs in (2, 3):  # 70 records: four batches, taken by whichever process is free
        parallel = read_history(repo.root, jobs=jobs, use_cache=False)
        assert list(parallel.records) == list(serial.records)  # log order, as one process
        assert {k: r.versions for k, r in serial.records.items()} == {
            k: r.versions for k, r in parallel.records.items()
        }
    assert list(spill.iterdir()) == []
    # the workers also write what the cache keeps: a cold read with it, then the cache read
    for changes in (True, False):
        shutil.rmtree(repo.root / ".clientbook", ignore_errors=True)
        cold = read_history(repo.root, jobs=2, changes=changes)
        warm = read_history(repo.root, jobs=2, changes=changes)
        assert cold.parsed_blobs > 0 and warm.parsed_blobs == 0
        for read in (cold, warm):
            assert {k: r.versions for k, r in read.records.items()} == {
                k: [v if changes else dataclasses.replace(v, changes=()) for v in r.versions]
                for k, r in serial.records.items()
            }


def test_shallow_clone_warns(repo: GitRepo, tmp_path: Path) -> None:
    for n in range(3):
        repo.write(
            "clients/acme.yaml", record(days=tuple(f"2026-0{m + 1}-05" for m in range(n + 1)))
        )
        repo.commit(f"Change {n}", date=f"2026-0{n + 1}-05T10:00:00+00:00")
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)],
        check=True,
        env=repo.env(),
    )
    result = run_cli("--repo", str(clone), "history", "acme")
    assert result.exit_code == 0
    assert "shallow clone" in result.stderr and "fetch-depth: 0" in result.stderr


def test_no_git_is_exit_2_and_lint_still_works(records_repo: RecordsRepo) -> None:
    result = run_cli("--repo", str(records_repo.root), "history", "acme")
    assert result.exit_code == 2 and "not inside a git repository" in result.stderr
    assert run_cli("--repo", str(records_repo.root), "audit").exit_code == 2
    assert records_repo.lint().exit_code == 0


def test_unknown_client(repo: GitRepo) -> None:
    result = run_cli("--repo", str(repo.root), "history", "nobody")
    assert result.exit_code == 2 and "no client 'nobody'" in result.stderr


def test_history_since(repo: GitRepo) -> None:
    repo.write("clients/acme.yaml", record())
    repo.commit("Add", date="2026-01-05T10:00:00+00:00")
    repo.write("clients/acme.yaml", record(status="paused"))
    repo.commit("Pause", date="2026-05-05T10:00:00+00:00")
    doc = json.loads(
        run_cli(
            "--repo", str(repo.root), "history", "acme", "--since", "2026-03-01", "--format", "json"
        ).stdout
    )
    assert [v["message"] for v in doc["versions"]] == ["Pause"]


def test_audit_filters_and_safe_csv(repo: GitRepo) -> None:
    repo.write("clients/acme.yaml", record())
    repo.commit("Add", date="2026-01-05T10:00:00+00:00")
    repo.write(
        "clients/acme.yaml",
        record().replace("name: Acme Logistics", 'name: "=HYPERLINK(\\"http://x.example\\")"'),
    )
    repo.commit("Rename", author="@mallory", email="m@x.example", date="2026-04-01T10:00:00+00:00")
    args = ("--repo", str(repo.root), "audit")
    rows = list(csv.DictReader(io.StringIO(run_cli(*args, "--format", "csv").stdout)))
    renamed = next(r for r in rows if r["field"] == "name" and r["op"] == "changed")
    assert renamed["new"].startswith("'=HYPERLINK") and renamed["author"] == "'@mallory"
    assert all(not r[k].startswith(("=", "+", "-", "@")) for r in rows for k in r)
    only_mallory = json.loads(run_cli(*args, "--author", "mallory", "--format", "json").stdout)
    assert {r["author"] for r in only_mallory} == {"@mallory"}
    window = json.loads(
        run_cli(*args, "--since", "2026-02-01", "--until", "2026-12-31", "--format", "json").stdout
    )
    assert {r["message"] for r in window} == {"Rename"}
    assert "1 change" in run_cli(*args, "--since", "2026-02-01").stdout


def test_diff_of_a_pull_request(repo: GitRepo) -> None:
    repo.write("clients/acme.yaml", record())
    repo.write(
        "clients/gone.yaml",
        record().replace("id: acme", "id: gone").replace("Acme Logistics", "Gone Ltd"),
    )
    repo.commit("Base")
    repo.run("checkout", "-q", "-b", "feature")
    repo.write(
        "clients/acme.yaml", record(status="former")
    )  # former without ended: introduces status-dates
    repo.write(
        "clients/new-client.yaml",
        record().replace("id: acme", "id: new-client").replace("Acme Logistics", "Newco"),
    )
    repo.run("rm", "-q", "clients/gone.yaml")
    repo.commit("Feature work")
    doc = json.loads(
        run_cli(
            "--repo",
            str(repo.root),
            "diff",
            "main",
            "feature",
            "--format",
            "json",
            "--today",
            "2026-11-23",
        ).stdout
    )
    by_path = {r["path"]: r for r in doc["records"]}
    assert by_path["clients/gone.yaml"]["status"] == "deleted"
    assert by_path["clients/new-client.yaml"]["status"] == "added"
    acme = by_path["clients/acme.yaml"]
    assert {"path": "status", "op": "changed", "old": "active", "new": "former"} in acme["changes"]
    assert "status-dates" in {d["rule"] for d in acme["introduced"]}
    md = run_cli(
        "--repo",
        str(repo.root),
        "diff",
        "main",
        "feature",
        "--format",
        "markdown",
        "--today",
        "2026-11-23",
    ).stdout
    assert md.startswith("### clientbook: 3 records changed") and "❌ introduces" in md
    text = run_cli(
        "--repo", str(repo.root), "diff", "main", "feature", "--today", "2026-11-23"
    ).stdout
    assert "\nclients/gone.yaml (deleted): record removed, 0 personal-data fields, lint:" in text


def test_diff_of_the_working_tree_reports_fixes(repo: GitRepo) -> None:
    repo.write("clients/acme.yaml", record().replace("owner: account-manager", "owner: nobody"))
    repo.commit("Base")
    repo.write("clients/acme.yaml", record())
    out = run_cli("--repo", str(repo.root), "diff", "--today", "2026-11-23").stdout
    assert "owner: nobody → account-manager" in out and "fixes: error [unknown-staff]" in out


def test_a_path_freed_by_a_rename_and_reused_is_a_new_record(repo: GitRepo) -> None:
    """Found by the history benchmark: the new a.yaml used to join the renamed record's history."""
    repo.write("clients/acme.yaml", record())
    repo.commit("Add Acme", date="2026-01-05T10:00:00+00:00")
    repo.run("mv", "clients/acme.yaml", "clients/acme-logistics.yaml")
    repo.write("clients/acme-logistics.yaml", record().replace("id: acme", "id: acme-logistics"))
    repo.commit("Rename Acme", date="2026-02-01T10:00:00+00:00")
    repo.write("clients/acme.yaml", record().replace("Acme Logistics", "Acme Bakery"))
    repo.commit("A different client called acme", date="2026-03-01T10:00:00+00:00")
    renamed = _history(repo.root, "acme-logistics")
    assert [v["message"] for v in renamed["versions"]] == ["Rename Acme", "Add Acme"]
    bakery = _history(repo.root, "acme")
    assert bakery["client"] == "acme" and [v["message"] for v in bakery["versions"]] == [
        "A different client called acme"
    ]
    history = read_history(repo.root, jobs=1, use_cache=False)
    assert len(history.records) == 2


def test_records_repository_in_a_subfolder_of_the_git_repository(tmp_path: Path) -> None:
    from clientbook.authoring.scaffold import scaffold
    from tests.conftest import TODAY

    top = tmp_path / "company"
    root = top / "crm" / "records"
    scaffold(root, "Test Org", TODAY)
    (root / "clients" / "example-client.yaml").unlink()
    g = GitRepo(top)
    (root / "clients" / "acme.yaml").write_text(record())
    g.commit("Add Acme")
    (root / "clients" / "acme.yaml").write_text(record(status="paused"))
    g.commit("Pause Acme", date="2026-02-01T10:00:00+00:00")
    (root / "clients" / "acme.yaml").write_text(record(status="contact"))  # uncommitted
    doc = _history(root)
    assert doc["path"] == "clients/acme.yaml"
    assert [v["message"] for v in doc["versions"]] == [
        "uncommitted changes",
        "Pause Acme",
        "Add Acme",
    ]
    lint = json.loads(
        run_cli(
            "--repo",
            str(root),
            "lint",
            "--today",
            "2026-11-23",
            "--format",
            "json",
            "--changed-since",
            "HEAD",
            "--no-cache",
        ).stdout
    )
    assert lint["summary"]["files"] == 1
    diff = json.loads(
        run_cli(
            "--repo", str(root), "diff", "HEAD~1", "--format", "json", "--today", "2026-11-23"
        ).stdout
    )
    assert [r["path"] for r in diff["records"]] == ["clients/acme.yaml"]


# --- a history cache that cannot be read ---------------------------------------------------------


def _corrupt(cache: Path, how: str) -> None:
    import sqlite3

    data = cache.read_bytes()
    if how == "random bytes":
        cache.write_bytes(random.Random(20261123).randbytes(len(data)))
    elif how == "truncated":
        cache.write_bytes(data[: len(data) // 3])
    else:  # one table's page overwritten: the file opens, and fails only when that table is read
        db = sqlite3.connect(cache)
        (page_size,) = db.execute("pragma page_size").fetchone()
        (page,) = db.execute(
            "select rootpage from sqlite_master where name = 'versions'"
        ).fetchone()
        db.close()
        start = (page - 1) * page_size
        garbage = random.Random(20261123).randbytes(page_size)
        cache.write_bytes(data[:start] + garbage + data[start + page_size :])


@pytest.mark.parametrize("how", ["random bytes", "truncated", "a table's page overwritten"])
def test_an_unreadable_history_cache_is_moved_aside_and_git_read(
    repo: GitRepo, how: str, tmp_path: Path
) -> None:
    repo.write("clients/acme.yaml", record())
    repo.commit("Add Acme", date="2026-01-05T10:00:00+00:00")
    repo.write("clients/acme.yaml", record(status="paused"))
    repo.commit("Pause Acme", date="2026-02-01T10:00:00+00:00")
    cache = repo.root / ".clientbook" / "cache" / "history.sqlite"
    root = ("--repo", str(repo.root))
    commands = {
        "history": ("history", "acme"),
        "audit": ("audit", "--format", "json"),
        "build": ("build", "--today", "2026-11-23", "--jobs", "1", "--out", str(tmp_path / "s")),
        "export": ("export", "acme", "--today", "2026-11-23"),
    }

    def run(*args: str) -> Result:
        shutil.rmtree(tmp_path / "s", ignore_errors=True)  # a full build, which reads the history
        return run_cli(*root, *args)

    for name, args in commands.items():
        assert run(*args).exit_code in (0, 1)  # the cache is written and current
        _corrupt(cache, how)
        result = run(*args)
        assert result.exit_code in (0, 1), (name, result.output)
        warnings = [line for line in result.stderr.splitlines() if "history.sqlite" in line]
        if name == "export":  # reads git without the cache (it writes nothing but its output)
            assert warnings == [], result.stderr
            continue
        assert len(warnings) == 1, (name, result.stderr)
        assert warnings[0].startswith("warning: ") and "read from git" in warnings[0], warnings
        assert "Traceback" not in result.output
        again = run(*args)  # a new cache was written: no warning now
        assert again.exit_code == result.exit_code and "history.sqlite" not in again.stderr, name
        assert again.stdout == result.stdout or name == "build", name
    assert "Pause Acme" in run_cli(*root, "history", "acme").stdout
    assert [v.commit.subject for v in read_history(repo.root).find("acme").versions] == [  # type: ignore[union-attr]
        "Pause Acme",
        "Add Acme",
    ]


# --- before the first commit ---------------------------------------------------------------------


def test_history_before_the_first_commit_shows_the_staged_record(
    records_repo: RecordsRepo,
) -> None:
    g = GitRepo(records_repo.root)  # git init, and nothing committed
    g.write("clients/acme.yaml", record())
    g.run("add", "clients/acme.yaml")
    result = run_cli("--repo", str(records_repo.root), "history", "acme")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("acme (clients/acme.yaml): 1 version\n")
    assert "working tree  (uncommitted changes)" in result.stdout
    assert "    + name: Acme Logistics\n" in result.stdout
    doc = _history(records_repo.root)
    [version] = doc["versions"]
    assert version["commit"] == WORKING_TREE
    assert {"path": "name", "op": "added", "old": None, "new": "Acme Logistics"} in version[
        "changes"
    ]
    g.write("clients/acme.yaml", record(status="paused"))  # staged, then edited again
    assert "status" in json.dumps(_history(records_repo.root)["versions"][0]["changes"])


# --- markdown from file names --------------------------------------------------------------------


def _cells(row: str) -> list[str]:
    """A GFM table row's cells: split at pipes not escaped, then `\\|` read as `|`."""
    assert row.startswith("| ") and row.endswith(" |"), row
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", row[1:-1])]


def _code_span(cell: str) -> str:
    """The text of a cell that is exactly one CommonMark code span."""
    fence = re.match(r"`+", cell)
    assert fence, cell
    n = len(fence.group())
    assert cell.endswith("`" * n) and not cell.endswith("`" * (n + 1)), cell
    inner = cell[n:-n]
    assert not re.search(rf"(?<!`)`{{{n}}}(?!`)", inner), cell  # no run that would close it early
    if inner.startswith(" ") and inner.endswith(" ") and inner.strip():
        inner = inner[1:-1]
    return inner


@pytest.mark.parametrize("name", ["a|b", "a`b", "``a", "b`", "a||`|b", "a\\|b"])
def test_diff_markdown_keeps_odd_file_names_in_their_cell(repo: GitRepo, name: str) -> None:
    repo.write("clients/acme.yaml", record())
    repo.commit("Base")
    repo.write(f"clients/{name}.yaml", record().replace("id: acme", f"id: {json.dumps(name)}"))
    out = run_cli("--repo", str(repo.root), "diff", "--format", "markdown", "--today", "2026-11-23")
    assert out.exit_code == 0, out.output
    [row] = [line for line in out.stdout.splitlines() if "| added |" in line]
    cells = _cells(row)
    assert len(cells) == 3 and cells[1] == "added" and cells[2].startswith("new record"), row
    assert _code_span(cells[0]) == f"clients/{name}.yaml", row
