"""clientbook import on a real records repository under git: create, match, update, branch and commit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clientbook.authoring.fmt import format_text
from clientbook.core.config import load_config
from tests.conftest import run_cli
from tests.intake.helpers import HUBSPOT_HEADER, ImportRepo

ROWS = [
    "11,Jo,Smith,jo@acme.example,020 7946 0123,Finance director,Acme Logistics Ltd,acme.example,Account Manager,customer,2024-03-15 10:22,United Kingdom,London",
    "12,Ana,Silva,ana@verde.example,,CEO,Casa Verde,verde.example,account.manager@company.example,lead,2025-01-02 09:00,Brazil,Recife",
    "13,Sam,Jones,sam@acme.example,+44 20 7946 0124,Operations,ACME Logistics,acme.example,Account Manager,customer,2023-06-01 08:00,United Kingdom,London",
    "14,Jo,Smith,jo@acme.example,,,Acme Logistics Ltd,acme.example,Account Manager,customer,2024-03-15 10:22,United Kingdom,London",
]
MAPPING = (
    "region: GB\n"
    + (Path(__file__).parents[2] / "templates/import/hubspot-contacts.yaml").read_text()
)


def hubspot(repo: ImportRepo, rows: list[str] = ROWS) -> tuple[Path, Path]:
    csv = repo.file("contacts.csv", HUBSPOT_HEADER + "\r\n".join(rows) + "\r\n")
    return csv, repo.file("hubspot.yaml", MAPPING)


def test_contacts_export_becomes_one_client_per_company_in_one_commit(repo: ImportRepo) -> None:
    csv, mapping = hubspot(repo)
    result = repo.run(
        str(csv),
        "--map",
        str(mapping),
        "--jurisdiction",
        "GB",
        "--source",
        "HubSpot export 2026-11-20",
    )
    assert result.exit_code == 0, result.output
    assert "contacts.csv: CSV, UTF-8, ','-separated, 4 rows" in result.output
    assert "      2 created" in result.output
    assert "git push -u origin import-2026-11-23" in result.output
    clients = repo.clients()
    assert sorted(clients) == ["acme-logistics-ltd", "casa-verde"]
    acme = clients["acme-logistics-ltd"]
    assert [c["name"] for c in acme["contacts"]] == ["Jo Smith", "Sam Jones"]  # row 14 is Jo again
    assert acme["contacts"][0] == {
        "name": "Jo Smith",
        "role": "Finance director",
        "email": "jo@acme.example",
        "phone": "+442079460123",
    }
    assert acme["since"] == "2023-06-01"  # the oldest row's
    assert (acme["status"], acme["owner"], acme["team"], acme["jurisdiction"]) == (
        "active",
        "account-manager",
        "accounts",
        "GB",
    )
    assert acme["website"] == "https://acme.example"
    assert acme["address"] == {"city": "London", "country": "GB"}
    assert (
        acme["notes"] == "Imported 2026-11-23 from HubSpot export 2026-11-20 (clientbook import)."
    )
    assert (
        clients["casa-verde"]["status"] == "contact"
        and clients["casa-verde"]["address"]["country"] == "BR"
    )
    assert repo.branch() == "import-2026-11-23" and repo.commits() == 2
    assert repo.git.run("log", "-1", "--format=%s").strip() == "Import 2 new and 0 updated clients"
    assert repo.status() == ""
    lint = repo.records.lint_json()
    assert lint["summary"]["errors"] == 0
    schema = load_config(repo.root).client_schema().document
    for path in (repo.root / "clients").glob("*.yaml"):
        text = path.read_text()
        assert text.startswith("# yaml-language-server: $schema=../schemas/client.schema.json\n")
        assert format_text(text, schema).changed is False, path  # as `clientbook fmt` writes it


def test_reimport_changes_nothing(repo: ImportRepo) -> None:
    csv, mapping = hubspot(repo)
    assert repo.run(str(csv), "--map", str(mapping), "--jurisdiction", "GB").exit_code == 0
    before = repo.git.run("rev-parse", "HEAD")
    again = repo.run(str(csv), "--map", str(mapping), "--jurisdiction", "GB", "--branch", "again")
    assert again.exit_code == 0, again.output
    assert (
        "      2 unchanged" in again.output
        and "nothing to write: no branch was made" in again.output
    )
    assert repo.git.run("rev-parse", "HEAD") == before
    assert "again" not in repo.git.run("branch")


def test_update_adds_what_is_missing_and_changes_only_what_the_import_owns(
    repo: ImportRepo,
) -> None:
    csv, mapping = hubspot(repo)
    assert repo.run(str(csv), "--map", str(mapping), "--jurisdiction", "GB").exit_code == 0
    changed = [
        # Jo's role (owned) and owner (not owned) differ; a new person; no city: it stays
        "11,Jo,Smith,jo@acme.example,020 7946 0123,CFO,Acme Logistics Ltd,acme.example,Data Protection Officer,customer,2024-03-15 10:22,United Kingdom,",
        "15,Lee,Park,lee@acme.example,,Buyer,Acme Logistics Ltd,acme.example,,customer,,,",
    ]
    csv2 = repo.file("contacts2.csv", HUBSPOT_HEADER + "\r\n".join(changed) + "\r\n")
    present = repo.run(str(csv2), "--map", str(mapping), "--branch", "b1")
    assert present.exit_code == 0, present.output
    assert "1 already present" in present.output
    assert (
        "contacts/0/role: the record has 'Finance director', row 2 'CFO' (owned: --update changes it)"
        in present.output
    )
    assert repo.branch() == "import-2026-11-23"  # nothing written
    updated = repo.run(str(csv2), "--map", str(mapping), "--update", "--branch", "b2")
    assert updated.exit_code == 0, updated.output
    assert "      1 updated" in updated.output
    assert (
        "owner: the record has 'account-manager', row 2 'dpo' (kept: the import does not own it)"
        in updated.output
    )
    acme = repo.clients()["acme-logistics-ltd"]
    assert acme["owner"] == "account-manager"
    assert acme["contacts"][0]["role"] == "CFO"
    assert [c["name"] for c in acme["contacts"]] == ["Jo Smith", "Sam Jones", "Lee Park"]
    assert acme["address"] == {"city": "London", "country": "GB"}
    assert repo.branch() == "b2" and repo.commits() == 3
    diff = repo.git.run("diff", "HEAD~1", "--stat")
    assert "clients/acme-logistics-ltd.yaml" in diff and "casa-verde" not in diff


def test_create_only_never_updates(repo: ImportRepo) -> None:
    csv, mapping = hubspot(repo)
    assert repo.run(str(csv), "--map", str(mapping), "--jurisdiction", "GB").exit_code == 0
    new_person = (
        "16,Kim,Lee,kim@acme.example,,,Acme Logistics Ltd,acme.example,Account Manager,customer,,,"
    )
    csv2 = repo.file("more.csv", HUBSPOT_HEADER + new_person + "\r\n")
    result = repo.run(str(csv2), "--map", str(mapping), "--create-only", "--branch", "b")
    assert result.exit_code == 0, result.output
    assert "1 already present" in result.output and "nothing to write" in result.output
    both = repo.run(str(csv2), "--update", "--create-only")
    assert both.exit_code == 2 and "contradict" in both.output


def test_matching_by_email_finds_a_renamed_client(repo: ImportRepo) -> None:
    csv, mapping = hubspot(repo)
    assert repo.run(str(csv), "--map", str(mapping), "--jurisdiction", "GB").exit_code == 0
    renamed = "17,Jo,Smith,jo@acme.example,,,Acme Group,,Account Manager,customer,,,"
    csv2 = repo.file("renamed.csv", HUBSPOT_HEADER + renamed + "\r\n")
    result = repo.run(str(csv2), "--map", str(mapping), "--branch", "b", "--dry-run")
    assert "matched by email" in result.output
    by_name_only = repo.run(
        str(csv2), "--map", str(mapping), "--match", "name", "--dry-run", "--jurisdiction", "GB"
    )
    assert "1 would be created" in by_name_only.output
    wrong = repo.run(str(csv2), "--match", "email,phone")
    assert wrong.exit_code == 2 and "--match takes id, email, domain, name" in wrong.output


def test_errors_name_row_and_column_and_nothing_is_written(repo: ImportRepo) -> None:
    rows = [
        ROWS[0],
        "12,Ana,Silva,not-an-email,,CEO,Casa Verde,verde.example,Nobody Known,lead,2025-01-02 09:00,Brazil,Recife",
    ]
    csv, mapping = hubspot(repo, rows)
    result = repo.run(str(csv), "--map", str(mapping), "--jurisdiction", "GB")
    assert result.exit_code == 1
    assert (
        "contacts.csv:3:4: error [schema] 'not-an-email' is not a valid email address"
        in result.output
    )
    assert (
        "contacts.csv:3:9: error [unknown-staff] 'Nobody Known' is not a staff member"
        in result.output
    )
    assert "nothing was written: 1 client(s) have errors" in result.output
    assert repo.branch() == "main" and repo.commits() == 1 and repo.status() == ""
    skipped = repo.run(str(csv), "--map", str(mapping), "--jurisdiction", "GB", "--skip-invalid")
    assert skipped.exit_code == 0, skipped.output
    assert "1 created" in skipped.output and "1 skipped" in skipped.output
    assert sorted(repo.clients()) == ["acme-logistics-ltd"]


def test_missing_owner_is_a_schema_error_at_the_row(repo: ImportRepo) -> None:
    csv = repo.file("plain.csv", "Name,Website\r\nAcme,acme.example\r\n")
    result = repo.run(str(csv), "--jurisdiction", "GB")
    assert result.exit_code == 1
    assert "plain.csv:2:1: error [schema]" in result.output and "owner" in result.output
    assert repo.run(str(csv), "--jurisdiction", "GB", "--owner", "account-manager").exit_code == 0


def test_dry_run_writes_nothing_and_prints_the_mapping_and_records(repo: ImportRepo) -> None:
    csv = repo.file(
        "clients.csv",
        "Nàme,E-Mail,Phone,Owner,Country,Website,Legacy ID\r\n"
        "Zénith Pharma GmbH,info@zenith.example,+49 30 901820,Account Manager,Germany,zenith.example,77\r\n",
    )
    result = repo.run(str(csv), "--dry-run", "--jurisdiction", "EU")
    assert result.exit_code == 0, result.output
    assert "mapping: guessed from the columns of" in result.output
    assert "columns not imported: Legacy ID" in result.output
    assert (
        '  "Nàme": name\n  "E-Mail": contacts/0/email\n  "Phone": contacts/0/phone\n  "Owner": owner\n  "Country": address/country\n  "Website": website'
        in result.output
    )
    assert "clients/zenith-pharma-gmbh.yaml (new):" in result.output
    assert 'phone: "+4930901820"' in result.output and 'country: "DE"' in result.output
    assert "--dry-run: nothing was written" in result.output
    assert repo.status() == "" and repo.branch() == "main"
    saved = result.output.split("pass it with --map):\n\n", 1)[1].split("\n\nclients/", 1)[0]
    mapping = repo.file("saved.yaml", saved)
    assert repo.run(str(csv), "--map", str(mapping), "--jurisdiction", "EU").exit_code == 0
    assert "zenith-pharma-gmbh" in repo.clients()


def test_refused_with_uncommitted_records(repo: ImportRepo) -> None:
    csv, mapping = hubspot(repo)
    repo.records.write("draft.yaml", "id: draft\n")
    result = repo.run(str(csv), "--map", str(mapping), "--jurisdiction", "GB")
    assert result.exit_code == 2
    assert "clients/ has uncommitted changes (clients/draft.yaml)" in result.output
    assert repo.branch() == "main"


def test_refused_on_an_existing_branch_and_outside_git(repo: ImportRepo, tmp_path: Path) -> None:
    csv, mapping = hubspot(repo)
    repo.git.run("branch", "import-2026-11-23")
    result = repo.run(str(csv), "--map", str(mapping))
    assert result.exit_code == 2 and "the branch import-2026-11-23 exists already" in result.output


def test_unknown_mapping_field_is_positioned_in_the_mapping(repo: ImportRepo) -> None:
    csv, _ = hubspot(repo)
    mapping = repo.file(
        "bad.yaml", "region: GB\ncolumns:\n  Company Name: name\n  Email: contacts/0/emial\n"
    )
    result = repo.run(str(csv), "--map", str(mapping))
    assert result.exit_code == 2
    assert (
        "bad.yaml:4:10: error [mapping] 'contacts/0/emial' is not a field of the client schema (did you mean 'contacts/0/email'?)"
        in result.output
    )
    assert repo.status() == ""
    wrong_key = repo.file("bad2.yaml", "columns:\n  Email: {field: contacts/0/email, fromat: x}\n")
    said = repo.run(str(csv), "--map", str(wrong_key)).output
    assert "bad2.yaml:2:36: error [mapping] 'fromat' is not a column setting" in said


def test_presets_are_found_and_unknown_ones_listed(repo: ImportRepo) -> None:
    csv, _ = hubspot(repo)
    result = repo.run(str(csv), "--preset", "nope", "--dry-run")
    assert result.exit_code == 2
    assert (
        "hubspot-companies, hubspot-contacts" in result.output
        and "salesforce-accounts" in result.output
    )


def test_bad_input_is_a_clear_message_and_nothing_is_written(repo: ImportRepo) -> None:
    empty = repo.file("empty.csv", "")
    assert "empty.csv: the file is empty" in repo.run(str(empty)).output
    zipped = repo.file("book.csv", b"PK\x03\x04\x14\x00")
    said = repo.run(str(zipped)).output
    assert "book.csv: read as CSV (from its extension), but it is an XLSX workbook" in said
    formula = repo.file(
        "f.csv", 'Name,Owner\r\n"=HYPERLINK(""https://evil.example"",""Acme"")",account-manager\r\n'
    )
    result = repo.run(str(formula), "--jurisdiction", "GB")
    assert result.exit_code == 0, result.output
    (record,) = repo.clients().values()
    assert record["name"] == '=HYPERLINK("https://evil.example","Acme")'
    assert repo.commits() == 2


def test_jsonl_from_elsewhere_imports_as_records(repo: ImportRepo) -> None:
    record = {
        "id": "acme",
        "name": "Acme",
        "kind": "organization",
        "status": "contact",
        "since": "2026-01-05",
        "owner": "account-manager",
        "jurisdiction": "GB",
    }
    lines = repo.file("c.jsonl", json.dumps(record) + "\n")
    result = repo.run(str(lines))
    assert result.exit_code == 0, result.output
    assert repo.clients() == {"acme": record}  # taken as it is: no provenance note without --source
    assert run_cli("--repo", str(repo.root), "fmt", "--check").exit_code == 0


def test_xlsx_through_the_command(repo: ImportRepo) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(
        [
            "Account Name",
            "Account Owner",
            "Type",
            "Website",
            "Billing Country",
            "Created Date",
            "Description",
        ]
    )
    sheet.append(
        [
            "Kestrel Fabrication Ltd",
            "Account Manager",
            "Customer - Direct",
            "kestrel.example",
            "United Kingdom",
            "03/15/2024",
            '=HYPERLINK("https://x.example","see")',
        ]
    )
    sheet.append(
        ["Lindqvist Maritime AB", "Account Manager", "Prospect", None, "Sweden", "01/02/2025", None]
    )
    path = repo.tmp / "accounts.xlsx"
    book.save(path)
    result = repo.run(str(path), "--preset", "salesforce-accounts", "--jurisdiction", "EU")
    assert result.exit_code == 0, result.output
    assert "accounts.xlsx: XLSX, sheet 'Sheet', 2 rows" in result.output
    kestrel = repo.clients()["kestrel-fabrication-ltd"]
    assert (kestrel["status"], kestrel["since"], kestrel["website"]) == (
        "active",
        "2024-03-15",
        "https://kestrel.example",
    )
    assert kestrel["notes"].startswith(
        '=HYPERLINK("https://x.example","see")\n\nImported 2026-11-23 from accounts.xlsx'
    )
    assert repo.clients()["lindqvist-maritime-ab"]["address"] == {"country": "SE"}


def test_vcards_through_the_command(repo: ImportRepo) -> None:
    from tests.intake.test_readers import VCARD_30, VCARD_40

    second = (
        VCARD_30.replace("Jo Smith", "Sam Jones").replace("jo@", "sam@").replace("0123", "0124")
    )
    book = repo.file("book.vcf", VCARD_30 + second + VCARD_40)
    result = repo.run(str(book), "--jurisdiction", "GB", "--owner", "account-manager")
    assert result.exit_code == 0, result.output
    assert (
        "book.vcf: vCard 3.0, 4.0, 3 cards" in result.output
        and "mapping: preset vcard" in result.output
    )
    clients = repo.clients()
    acme = clients["acme-logistics-ltd"]
    assert [(c["name"], c["phone"]) for c in acme["contacts"]] == [
        ("Jo Smith", "+442079460123"),
        ("Sam Jones", "+442079460124"),
    ]
    assert acme["address"] == {
        "street": "1 Dock Road",
        "city": "London",
        "postcode": "E16 1AA",
        "country": "GB",
    }
    kavya = clients["kavya-raghunathan"]
    assert kavya["kind"] == "individual" and kavya["communication"] == {"language": "en"}
    bad = repo.file(
        "bad.vcf", VCARD_30.replace("jo@acme.example", "not-an-email").replace("Acme", "Other")
    )
    said = repo.run(str(bad), "--jurisdiction", "GB", "--owner", "account-manager", "--branch", "b")
    assert said.exit_code == 1
    assert "bad.vcf:7:1: error [schema] 'not-an-email' is not a valid email address" in said.output


@pytest.mark.parametrize("end", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_an_updated_file_keeps_its_comments_and_line_ends(repo: ImportRepo, end: str) -> None:
    """With CR LF the file used to come out with both line ends: ruamel keeps a comment's CR."""
    path = repo.records.write(
        "acme-logistics.yaml",
        """\
        id: acme-logistics
        name: Acme Logistics   # trading name
        kind: organization
        status: active
        since: 2026-01-05
        owner: account-manager
        jurisdiction: GB
        # the people we deal with
        contacts:
          - name: Jo Smith
            email: jo@acme.example
        """,
    )
    path.write_bytes(path.read_bytes().replace(b"\n", end.encode()))
    repo.git.commit("Acme")
    csv = repo.file(
        "c.csv", "Company,Email,Phone,Role\r\nAcme Logistics,jo@acme.example,+442079460123,CFO\r\n"
    )
    mapping = repo.file(
        "m.yaml",
        "columns: {Company: name, Email: contacts/0/email, Phone: contacts/0/phone, Role: contacts/0/role}\n",
    )
    result = repo.run(str(csv), "--map", str(mapping), "--update")
    assert result.exit_code == 0, result.output
    raw = (repo.root / "clients" / "acme-logistics.yaml").read_bytes()
    assert raw.count(b"\n") == raw.count(end.encode()) > 10
    text = raw.decode().replace(end, "\n")
    assert (
        "name: Acme Logistics   # trading name\n" in text and "# the people we deal with\n" in text
    )
    assert '    role: "CFO"\n    email: jo@acme.example\n    phone: "+442079460123"\n' in text
    assert repo.records.lint_json()["summary"]["errors"] == 0


def test_hubspot_companies_preset(repo: ImportRepo) -> None:
    csv = repo.file(
        "companies.csv",
        "Record ID,Company name,Company Domain Name,Company owner,Lifecycle Stage,Create Date,Industry,City,Country/Region,Phone Number\r\n"
        "9001,Porto Azul Turismo Ltda.,portoazul.example,Account Manager,customer,2022-05-04 12:00,Tourism,Recife,Brazil,+55 81 3333 4444\r\n",
    )
    result = repo.run(str(csv), "--preset", "hubspot-companies", "--jurisdiction", "GB")
    assert result.exit_code == 0, result.output
    assert (
        "columns not imported" not in result.output
    )  # Record ID and Phone Number are ignored on purpose
    record = repo.clients()["porto-azul-turismo-ltda"]
    assert (record["website"], record["status"], record["since"], record["industry"]) == (
        "https://portoazul.example",
        "active",
        "2022-05-04",
        "Tourism",
    )
    assert record["address"] == {"city": "Recife", "country": "BR"}


def test_import_files_new_clients_where_the_layout_puts_them(repo: ImportRepo) -> None:
    config = repo.root / "clientbook.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "layout: prefix2\n", encoding="utf-8")
    repo.git.commit("Shard clients/ by prefix")
    csv, mapping = hubspot(repo)
    result = repo.run(str(csv), "--map", str(mapping), "--jurisdiction", "GB")
    assert result.exit_code == 0, result.output
    files = sorted(p.relative_to(repo.root).as_posix() for p in repo.root.rglob("clients/*/*"))
    assert files == ["clients/ac/acme-logistics-ltd.yaml", "clients/ca/casa-verde.yaml"]
    text = (repo.root / files[0]).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/client.schema.json\n")
    again = repo.run(str(csv), "--map", str(mapping), "--jurisdiction", "GB", "--branch", "again")
    assert "      2 unchanged" in again.output, again.output  # matched in their subfolders
