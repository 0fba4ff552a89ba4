"""import → lint → build → export → import gives the same records; clientbook's CSV export imports too."""

from __future__ import annotations

from pathlib import Path

from clientbook.authoring.scaffold import scaffold
from tests.conftest import TODAY, RecordsRepo, run_cli
from tests.gitrepo import GitRepo
from tests.intake.helpers import ImportRepo
from tests.intake.test_import import hubspot
from tests.intake.test_readers import VCARD_30, VCARD_40


def fresh(tmp_path: Path, name: str) -> ImportRepo:
    root = tmp_path / name
    scaffold(root, "Test Org", TODAY)
    (root / "clients" / "example-client.yaml").unlink()
    (root / "clients" / ".gitkeep").write_text("")
    git = GitRepo(root)
    git.commit("Empty")
    git.run("config", "user.email", "account.manager@company.example")
    git.run("config", "user.name", "Account Manager")
    return ImportRepo(RecordsRepo(root), git, tmp_path)


def test_round_trip_through_json_lines_loses_nothing(repo: ImportRepo, tmp_path: Path) -> None:
    csv, mapping = hubspot(repo)
    assert repo.run(str(csv), "--map", str(mapping), "--jurisdiction", "GB").exit_code == 0
    book = repo.file(
        "book.vcf",
        VCARD_30.replace("Acme Logistics Ltd", "Dockside Ltd").replace(
            "acme.example", "dockside.example"
        )
        + VCARD_40,
    )
    cards = repo.run(
        str(book), "--jurisdiction", "GB", "--owner", "account-manager", "--branch", "cards"
    )
    assert cards.exit_code == 0, cards.output
    assert repo.records.lint_json()["summary"]["errors"] == 0
    site = tmp_path / "site"
    built = run_cli(
        "--repo", str(repo.root), "build", "--out", str(site), "--today", TODAY.isoformat()
    )
    assert built.exit_code == 0, built.output
    assert (site / "clients" / "acme-logistics-ltd.html").is_file()
    out = tmp_path / "all.jsonl"
    exported = run_cli(
        "--repo", str(repo.root), "export", "--all", "--format", "json", "--out", str(out)
    )
    assert exported.exit_code == 0, exported.output
    other = fresh(tmp_path, "other")
    result = other.run(str(out))
    assert result.exit_code == 0, result.output
    assert "      4 created" in result.output
    assert other.clients() == repo.clients()
    for path in (repo.root / "clients").glob("*.yaml"):
        assert (other.root / "clients" / path.name).read_bytes() == path.read_bytes()
    again = other.run(str(out), "--branch", "again")
    assert "      4 unchanged" in again.output and "nothing to write" in again.output


def test_clientbook_csv_export_imports_with_its_presets(repo: ImportRepo, tmp_path: Path) -> None:
    csv, mapping = hubspot(repo)
    assert repo.run(str(csv), "--map", str(mapping), "--jurisdiction", "GB").exit_code == 0
    out = tmp_path / "clients.csv"
    exported = run_cli(
        "--repo", str(repo.root), "export", "--all", "--format", "csv", "--out", str(out)
    )
    assert exported.exit_code == 0, exported.output
    other = fresh(tmp_path, "other")
    first = other.run(str(out), "--preset", "clientbook-csv")
    assert first.exit_code == 0, first.output
    contacts = tmp_path / "clients-contacts.csv"
    second = other.run(
        str(contacts), "--preset", "clientbook-contacts-csv", "--update", "--branch", "contacts"
    )
    assert second.exit_code == 0, second.output
    assert "      2 updated" in second.output
    theirs, ours = other.clients(), repo.clients()
    for client_id, record in ours.items():
        copy = theirs[client_id]
        # the phone numbers went out as '+44… (formula-safe) and came back as they were
        assert {k: v for k, v in copy.items() if k != "notes"} == {
            k: v for k, v in record.items() if k != "notes"
        }
        assert copy["notes"] == "Imported 2026-11-23 from clients.csv (clientbook import)."
