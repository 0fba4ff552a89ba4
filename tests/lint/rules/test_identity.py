from __future__ import annotations

from tests.conftest import RecordsRepo, minimal_record, rules_of


def test_id_mismatch(records_repo: RecordsRepo) -> None:
    records_repo.write_record(minimal_record(id="acme"), name="acme-logistics.yaml")
    diags = records_repo.lint_json()["diagnostics"]
    [d] = [d for d in diags if d["rule"] == "id-mismatch"]
    assert d["line"] == 2 and d["column"] == 5
    assert "differs from the file name 'acme-logistics'" in d["message"]


def test_id_matches_file_name(records_repo: RecordsRepo) -> None:
    records_repo.write_record(minimal_record())
    assert records_repo.lint_json()["diagnostics"] == []


def test_id_duplicate(records_repo: RecordsRepo) -> None:
    records_repo.write_record(minimal_record(), name="acme-logistics.yaml")
    records_repo.write_record(minimal_record(name="Other"), name="acme-logistics.yml")
    diags = [d for d in records_repo.lint_json()["diagnostics"] if d["rule"] == "id-duplicate"]
    assert {d["path"] for d in diags} == {
        "clients/acme-logistics.yaml",
        "clients/acme-logistics.yml",
    }


def test_filename_slug(records_repo: RecordsRepo) -> None:
    records_repo.write_record(minimal_record(id="Acme_Logistics"), name="Acme_Logistics.yml")
    assert "filename-slug" in rules_of(records_repo.lint_json()["diagnostics"])
