from __future__ import annotations

from tests.conftest import RecordsRepo, minimal_record


def _dups(repo: RecordsRepo) -> list[dict[str, object]]:
    return [d for d in repo.lint_json()["diagnostics"] if d["rule"] == "duplicate-client"]


def test_near_identical_names_are_reported_on_both(records_repo: RecordsRepo) -> None:
    records_repo.write_record(minimal_record(name="Acme Logistics Ltd"))
    records_repo.write_record(minimal_record(id="acme", name="ACME Logistics"))
    dups = _dups(records_repo)
    assert {d["path"] for d in dups} == {"clients/acme.yaml", "clients/acme-logistics.yaml"}
    assert any("clients/acme.yaml" in str(d["message"]) for d in dups)


def test_shared_email_is_reported(records_repo: RecordsRepo) -> None:
    contact = [{"name": "Jo Bloggs", "email": "Jo@Shared.example"}]
    records_repo.write_record(minimal_record(contacts=contact))
    records_repo.write_record(
        minimal_record(
            id="zenith-ltd", name="Zenith", contacts=[{"name": "Jo", "email": "jo@shared.example"}]
        )
    )
    assert "the email jo@shared.example" in str(_dups(records_repo)[0]["message"])


def test_different_clients_pass(records_repo: RecordsRepo) -> None:
    records_repo.write_record(minimal_record(contacts=[{"name": "A", "email": "a@gmail.com"}]))
    records_repo.write_record(
        minimal_record(
            id="zenith-ltd", name="Zenith Pharma", contacts=[{"name": "B", "email": "b@gmail.com"}]
        )
    )
    assert _dups(records_repo) == []


def test_inline_suppression(records_repo: RecordsRepo) -> None:
    records_repo.write_record(minimal_record(name="Acme Logistics Ltd"))
    records_repo.write(
        "acme.yaml",
        records_repo.write_record(minimal_record(id="acme", name="ACME Logistics"))
        .read_text()
        .replace(
            'name: "ACME Logistics"',
            'name: "ACME Logistics"  # clientbook: ignore[duplicate-client]',
        ),
    )
    assert [d["path"] for d in _dups(records_repo)] == ["clients/acme-logistics.yaml"]
