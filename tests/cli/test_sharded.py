"""Records in subfolders of clients/: every command finds them, new files go where the
layout says, and `clientbook reshard` moves them in one commit that history follows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from clientbook.cli import main
from clientbook.compliance.erasure import plan as erasure_plan
from clientbook.core.repo import modeline
from clientbook.core.yamlio import load_document
from clientbook.history.read import read_history
from tests.conftest import TODAY, RecordsRepo, minimal_record
from tests.gitrepo import GitRepo

ON_TODAY = ("--today", TODAY.isoformat())


def _cli(repo: RecordsRepo, *args: str) -> Result:
    return CliRunner().invoke(main, ["--repo", str(repo.root), *args])


def _write(repo: RecordsRepo, name: str, record: dict[str, Any]) -> None:
    """A record at clients/NAME with the modeline its depth asks for."""
    lines = [modeline(f"clients/{name}")]
    lines += [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in record.items()]
    repo.write(name, "\n".join(lines) + "\n")


def _set_layout(repo: RecordsRepo, layout: str) -> None:
    config = repo.root / "clientbook.yaml"
    config.write_text(config.read_text(encoding="utf-8") + f"layout: {layout}\n", encoding="utf-8")


def _names(repo: RecordsRepo) -> list[str]:
    folder = repo.root / "clients"
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.yaml"))


@pytest.fixture
def sharded(records_repo: RecordsRepo) -> RecordsRepo:
    _write(records_repo, "ac/acme-logistics.yaml", minimal_record())
    _write(records_repo, "zenith.yaml", minimal_record(id="zenith", name="Zenith Pharma GmbH"))
    return records_repo


def test_lint_and_build_read_records_in_subfolders(sharded: RecordsRepo, tmp_path: Path) -> None:
    report = sharded.lint_json()
    assert report["summary"]["errors"] == 0, report
    assert report["summary"]["files"] == 2
    out = tmp_path / "site"
    built = _cli(sharded, "build", *ON_TODAY, "--out", str(out))
    assert built.exit_code == 0, built.output
    assert (out / "clients" / "acme-logistics.html").is_file()  # the site stays flat
    assert "Acme Logistics" in (out / "index.html").read_text(encoding="utf-8")


def test_one_id_in_two_folders_is_an_error_on_both(records_repo: RecordsRepo) -> None:
    _write(records_repo, "a/acme-logistics.yaml", minimal_record())
    _write(records_repo, "b/acme-logistics.yaml", minimal_record())
    found = [d for d in records_repo.lint_json()["diagnostics"] if d["rule"] == "id-duplicate"]
    assert sorted(d["path"] for d in found) == [
        "clients/a/acme-logistics.yaml",
        "clients/b/acme-logistics.yaml",
    ]


def test_new_puts_the_file_where_the_layout_says(sharded: RecordsRepo) -> None:
    _set_layout(sharded, "prefix2")
    args = ("--name", "Borealis Freight", "--owner", "account-manager", "--jurisdiction", "GB")
    made = _cli(sharded, "new", *ON_TODAY, *args)
    assert made.exit_code == 0, made.output
    path = sharded.root / "clients" / "bo" / "borealis-freight.yaml"
    assert path.read_text(encoding="utf-8").startswith(modeline("clients/bo/x.yaml") + "\n")
    assert "created clients/bo/borealis-freight.yaml" in made.output
    assert sharded.lint_json()["summary"]["errors"] == 0
    again = _cli(sharded, "new", *ON_TODAY, "zenith", *args)
    assert again.exit_code == 2 and "clients/zenith.yaml already exists" in again.output
    twin = _cli(sharded, "new", *ON_TODAY, "acme-logistics", *args)
    assert twin.exit_code == 2 and "clients/ac/acme-logistics.yaml already exists" in twin.output


def test_by_team_layout_files_new_clients_under_their_team(records_repo: RecordsRepo) -> None:
    _set_layout(records_repo, "by-team")
    args = ("--name", "Borealis", "--owner", "account-manager", "--jurisdiction", "GB")
    made = _cli(records_repo, "new", *ON_TODAY, *args, "--team", "accounts")
    assert made.exit_code == 0, made.output
    assert _names(records_repo) == ["accounts/borealis.yaml"]


def test_log_form_and_fmt_work_on_a_record_in_a_subfolder(
    sharded: RecordsRepo, tmp_path: Path
) -> None:
    logged = _cli(
        sharded, "log", "acme-logistics", "--channel", "email", "--summary", "Called", *ON_TODAY
    )
    assert logged.exit_code == 0, logged.output
    data = load_document((sharded.root / "clients/ac/acme-logistics.yaml").read_bytes()).data
    assert isinstance(data, dict) and data["interactions"][-1]["summary"] == "Called"
    form = _cli(sharded, "form", "acme-logistics", "--out", str(tmp_path / "form"))
    assert form.exit_code == 0, form.output
    assert _cli(sharded, "fmt").exit_code == 0
    check = _cli(sharded, "fmt", "--check")
    assert check.exit_code == 0, check.output
    first = (sharded.root / "clients/ac/acme-logistics.yaml").read_text(encoding="utf-8")
    assert first.startswith(modeline("clients/ac/acme-logistics.yaml") + "\n")


def test_fmt_corrects_the_modeline_of_a_file_moved_by_hand(sharded: RecordsRepo) -> None:
    assert _cli(sharded, "fmt").exit_code == 0
    moved = sharded.root / "clients" / "ze" / "zenith.yaml"
    moved.parent.mkdir()
    (sharded.root / "clients" / "zenith.yaml").rename(moved)
    assert _cli(sharded, "fmt", "--check").exit_code == 1  # also when its bytes are known
    assert _cli(sharded, "fmt").exit_code == 0
    assert moved.read_text(encoding="utf-8").startswith(modeline("clients/ze/zenith.yaml") + "\n")


@pytest.fixture
def committed(records_repo: RecordsRepo) -> tuple[RecordsRepo, GitRepo]:
    for name in ("acme-logistics", "borealis", "zenith"):
        record = minimal_record(id=name, name=name.title(), team="accounts")
        _write(records_repo, f"{name}.yaml", record)
    assert _cli(records_repo, "codeowners", "--no-gitlab").exit_code == 0
    git = GitRepo(records_repo.root)
    git.commit("Add the clients")
    path = records_repo.root / "clients" / "acme-logistics.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Acme-Logistics", "Acme Ltd"))
    git.commit("Rename Acme", date="2026-02-01T10:00:00+00:00")
    return records_repo, git


def test_reshard_moves_every_file_in_one_commit_that_history_follows(
    committed: tuple[RecordsRepo, GitRepo],
) -> None:
    records, git = committed
    before = git.run("rev-parse", "HEAD").strip()
    result = _cli(records, "reshard", "--to", "prefix2")
    assert result.exit_code == 0, result.output
    assert "layout flat -> prefix2: 3 files move, 0 stay" in result.output
    assert _names(records) == ["ac/acme-logistics.yaml", "bo/borealis.yaml", "ze/zenith.yaml"]
    assert git.run("rev-parse", "HEAD~1").strip() == before  # one commit
    assert git.run("status", "--porcelain").strip() == ""
    moved = (records.root / "clients/ac/acme-logistics.yaml").read_text(encoding="utf-8")
    assert moved.startswith(modeline("clients/ac/acme-logistics.yaml") + "\n")
    assert "layout: prefix2" in (records.root / "clientbook.yaml").read_text(encoding="utf-8")
    assert records.lint_json()["summary"]["errors"] == 0
    shown = json.loads(_cli(records, "history", "acme-logistics", "--format", "json").output)
    assert [v["status"] for v in shown["versions"]] == ["renamed", "modified", "added"]
    assert shown["path"] == "clients/ac/acme-logistics.yaml"
    owners = (records.root / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert "/clients/ac/acme-logistics.yaml" in owners
    assert _cli(records, "codeowners", "--check", "--no-gitlab").exit_code == 0
    again = _cli(records, "reshard")
    assert again.exit_code == 0 and "0 files move, 3 stay" in again.output


def test_reshard_back_to_flat_leaves_no_empty_folders(
    committed: tuple[RecordsRepo, GitRepo],
) -> None:
    records, _ = committed
    assert _cli(records, "reshard", "--to", "by-team").exit_code == 0
    assert _names(records)[0] == "accounts/acme-logistics.yaml"
    back = _cli(records, "reshard", "--to", "flat")
    assert back.exit_code == 0, back.output
    assert sorted(p.name for p in (records.root / "clients").iterdir()) == [
        "acme-logistics.yaml",
        "borealis.yaml",
        "zenith.yaml",
    ]


def test_reshard_refuses_uncommitted_work_and_clashes(
    committed: tuple[RecordsRepo, GitRepo],
) -> None:
    records, git = committed
    _write(records, "zz/zenith.yaml", minimal_record(id="zenith", name="Zenith"))
    clash = _cli(records, "reshard", "--to", "flat")
    assert clash.exit_code == 2
    assert "two files (clients/zenith.yaml and clients/zz/zenith.yaml)" in clash.output
    (records.root / "clients/zz/zenith.yaml").unlink()
    (records.root / "clients/borealis.yaml").write_text("id: [broken\n", encoding="utf-8")
    dirty = _cli(records, "reshard", "--to", "prefix2")
    assert dirty.exit_code == 2 and "uncommitted changes (clients/borealis.yaml)" in dirty.output
    unreadable = _cli(records, "reshard", "--to", "by-team")
    assert unreadable.exit_code == 2 and "clients/borealis.yaml cannot be read" in unreadable.output
    assert _names(records) == ["acme-logistics.yaml", "borealis.yaml", "zenith.yaml"]
    assert "layout" not in (records.root / "clientbook.yaml").read_text(encoding="utf-8")
    git.run("checkout", "--", "clients/borealis.yaml")
    dry = _cli(records, "reshard", "--to", "prefix2", "--dry-run")
    assert dry.exit_code == 0 and "clients/zenith.yaml -> clients/ze/zenith.yaml" in dry.output
    assert _names(records) == ["acme-logistics.yaml", "borealis.yaml", "zenith.yaml"]


def test_erasure_after_a_reshard_purges_every_path_the_file_had(
    committed: tuple[RecordsRepo, GitRepo],
) -> None:
    import git as gitpython

    records, _ = committed
    assert _cli(records, "reshard", "--to", "prefix2").exit_code == 0
    chosen = erasure_plan(records.root, "acme-logistics", gitpython.Repo(records.root))
    assert {"clients/acme-logistics.yaml", "clients/ac/acme-logistics.yaml"} <= set(
        chosen.history_paths
    )


def test_a_thousand_client_reshard_keeps_every_history(records_repo: RecordsRepo) -> None:
    """Past git's rename limit, its own detection gives up; the history pairs moves by name."""
    for i in range(1000):
        name = f"client-{i:04d}"
        _write(records_repo, f"{name}.yaml", minimal_record(id=name, name=f"Client {i:04d}"))
    git = GitRepo(records_repo.root)
    git.commit("Add a thousand clients")
    moved = _cli(records_repo, "reshard", "--to", "prefix2", "--jobs", "2")
    assert moved.exit_code == 0, moved.output
    assert "1000 files move" in moved.output
    history = read_history(records_repo.root)
    assert len(history.records) == 1000
    for record in history.records.values():
        assert [v.status for v in record.versions] == ["renamed", "added"], record.path
        assert record.path == f"clients/{record.id[:2]}/{record.id}.yaml"


def test_merge_of_records_in_two_folders(records_repo: RecordsRepo) -> None:
    _write(records_repo, "ac/acme-logistics.yaml", minimal_record())
    other = minimal_record(id="acme-freight", name="Acme Freight", since="2025-03-01")
    _write(records_repo, "fr/acme-freight.yaml", other)
    git = GitRepo(records_repo.root)
    git.commit("Add the clients")
    merged = _cli(records_repo, "merge", "acme-logistics", "acme-freight", "--by", "dpo", *ON_TODAY)
    assert merged.exit_code == 0, merged.output
    assert _names(records_repo) == ["ac/acme-logistics.yaml"]
    assert not (records_repo.root / "clients" / "fr").exists()  # the folder it emptied
    text = (records_repo.root / "clients/ac/acme-logistics.yaml").read_text(encoding="utf-8")
    assert text.startswith(modeline("clients/ac/acme-logistics.yaml") + "\n")
    assert "acme-freight" in text  # merged_from
    assert git.run("status", "--porcelain").strip() == ""
