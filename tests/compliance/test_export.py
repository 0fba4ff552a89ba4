"""`clientbook export`: subject access JSON and ZIP, and --all as CSV, vCard 4.0 and JSON Lines.

Real records repositories in tmp_path, real git repositories for the history,
a fixed --today, and every refusal checked to write nothing at all.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import subprocess
import uuid
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from clientbook.cli.commands import export_cmd
from clientbook.cli.options import State
from clientbook.compliance import documents, export, subject_access
from clientbook.core.config import load_config
from clientbook.core.records import load_records
from clientbook.core.schema import CLIENT_SCHEMA, Schema
from clientbook.util import contentline, vcard
from tests.conftest import TODAY, RecordsRepo, minimal_record
from tests.gitrepo import GitRepo

DAY = TODAY.isoformat()  # 2026-11-23
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
MSA = b"Master services agreement\nsigned by both parties\n"


def invoke(root: Path, *args: str) -> Result:
    return CliRunner().invoke(export_cmd.command, list(args), obj=State(root))


def rich_record(**overrides: Any) -> dict[str, Any]:
    """A record with every part the export reports on."""
    record = minimal_record(
        name='Acme, "Quoted" Logistics',
        industry="Logistics",
        tags=["key-account", "rail"],
        website="https://acme.example/about?a=1,b=2",
        contacts=[
            {
                "name": "Zoë Müller-Straße",
                "role": "Finance director, EMEA; interim",
                "email": "zoe@acme.example",
                "phone": "+442079460123",
                "primary": True,
                "preferred_channel": "email",
            },
            {"name": "王小明", "role": "采购经理 😀", "email": "wang@acme.example"},
        ],
        address={
            "street": "1 Quay Street",
            "city": "Bristol",
            "postcode": "BS1 4XE",
            "country": "GB",
        },
        agreements=[
            {
                "id": "msa-2026",
                "title": "Master services agreement",
                "start": "2026-01-05",
                "document": "documents/acme-logistics/msa-2026.txt",
            },
            {
                "id": "sow-2026",
                "title": "Statement of work",
                "start": "2026-02-01",
                "document": "https://contracts.example/acme/sow-2026",
            },
        ],
        consents=[
            {"purpose": "service", "lawful_basis": "contract", "given": "2026-01-05"},
            {
                "purpose": "newsletter",
                "lawful_basis": "consent",
                "given": "2026-01-05",
                "withdrawn": "2026-06-01",
                "source": "Email of 1 June",
            },
            {"purpose": "marketing", "lawful_basis": "consent", "given": "2027-01-01"},
        ],
        notes="Prefers calls before 10:00.\nInvoices in GBP.",
    )
    record.update(overrides)
    return record


@pytest.fixture
def repo(records_repo: RecordsRepo) -> RecordsRepo:
    """The rich record and its signed agreement, on disk (not under git)."""
    records_repo.write_record(rich_record())
    document = records_repo.root / "documents" / "acme-logistics" / "msa-2026.txt"
    document.parent.mkdir(parents=True)
    document.write_bytes(MSA)
    return records_repo


def files_under(folder: Path) -> dict[str, bytes]:
    """Every file under folder (symlinks as their target text), to prove nothing else was written."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            out[path.relative_to(folder).as_posix()] = os.readlink(path).encode()
        elif path.is_file():
            out[path.relative_to(folder).as_posix()] = path.read_bytes()
    return out


def written(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {k for k in after if before.get(k) != after[k]} | (before.keys() - after.keys())


# --- subject access: the JSON document ---------------------------------------------------------


def test_subject_access_document_outside_git(repo: RecordsRepo, tmp_path: Path) -> None:
    out = tmp_path / "acme.json"
    before = files_under(tmp_path)
    result = invoke(repo.root, "acme-logistics", "--out", str(out), "--today", DAY)
    assert result.exit_code == 0, result.output
    assert written(before, files_under(tmp_path)) == {"acme.json"}
    assert "warning: the history of changes is not included" in result.stderr
    assert "not inside a git repository" in result.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert list(doc) == [
        "export",
        "record",
        "history",
        "history_note",
        "documents",
        "retention",
        "review",
        "consents",
        "jurisdiction",
        "personal_data_fields",
    ]
    assert doc["export"] == {
        "client": "acme-logistics",
        "file": "clients/acme-logistics.yaml",
        "generated": "2026-11-23T00:00:00+00:00",
        "as_of": "2026-11-23",
        "organisation": "Test Org",
        "format_version": 1,
        "generator": doc["export"]["generator"],
        "repository_commit": None,
    }
    assert doc["export"]["generator"].startswith("clientbook ")
    assert doc["record"] == rich_record()
    assert list(doc["record"]) == list(rich_record())  # the file's own order
    assert doc["history"] == []
    assert "not inside a git repository" in doc["history_note"]
    assert doc["documents"] == [
        {
            "agreement": "msa-2026",
            "field": "agreements/0/document",
            "path": "documents/acme-logistics/msa-2026.txt",
            "in_repository": True,
            "sha256": hashlib.sha256(MSA).hexdigest(),
            "size": len(MSA),
            "zip_path": "documents/acme-logistics/msa-2026.txt",
            "note": None,
        },
        {
            "agreement": "sow-2026",
            "field": "agreements/1/document",
            "url": "https://contracts.example/acme/sow-2026",
            "note": "held outside the repository at this address; it is not part of the export",
        },
    ]
    assert doc["retention"] == {
        "until": None,
        "policy": "contract-6y",
        "source": "policy",
        "basis": "kept while the relationship lasts",
        "policy_basis": "Limitation period for claims in contract, six years.",
        "explanation": "policy contract-6y: kept while the relationship lasts",
        "state": "open",
    }
    assert doc["review"] == {
        "last_reviewed": "2026-06-01",
        "interval": "annually",
        "due": "2027-06-01",
        "state": "ok",
    }
    assert [(c["purpose"], c["state"]) for c in doc["consents"]] == [
        ("service", "current"),
        ("newsletter", "withdrawn"),
        ("marketing", "future"),
    ]
    assert doc["consents"][1] == {
        "purpose": "newsletter",
        "purpose_title": "Newsletter",
        "lawful_basis": "consent",
        "given": "2026-01-05",
        "withdrawn": "2026-06-01",
        "source": "Email of 1 June",
        "state": "withdrawn",
    }
    assert doc["jurisdiction"] == {
        "id": "GB",
        "name": "United Kingdom",
        "law": "UK GDPR and Data Protection Act 2018",
    }
    assert doc["personal_data_fields"] == [
        "contacts/0/name",
        "contacts/0/email",
        "contacts/0/phone",
        "contacts/1/name",
        "contacts/1/email",
        "address/street",
        "address/postcode",
    ]


def test_json_goes_to_standard_output_by_default_and_is_deterministic(
    repo: RecordsRepo, tmp_path: Path
) -> None:
    first = invoke(repo.root, "acme-logistics", "--today", DAY)
    second = invoke(repo.root, "clients/acme-logistics.yaml", "--today", DAY)
    assert first.exit_code == second.exit_code == 0
    assert first.stdout_bytes == second.stdout_bytes
    assert "中文" not in first.stdout and "王小明" in first.stdout  # UTF-8, not \\u escapes
    out = tmp_path / "acme.json"
    invoke(repo.root, "acme-logistics", "--today", DAY, "--out", str(out))
    assert out.read_bytes() == first.stdout_bytes
    assert json.loads(first.stdout)["export"]["client"] == "acme-logistics"


def test_consent_states_on_the_day(records_repo: RecordsRepo) -> None:
    config = load_config(records_repo.root)
    consents = [
        {"purpose": "a", "lawful_basis": "consent", "given": "2026-11-23"},
        {"purpose": "b", "lawful_basis": "consent", "given": "2026-11-24"},
        {
            "purpose": "c",
            "lawful_basis": "consent",
            "given": "2020-01-01",
            "withdrawn": "2026-11-23",
        },
        {
            "purpose": "d",
            "lawful_basis": "consent",
            "given": "2020-01-01",
            "withdrawn": "2026-12-01",
        },
        {"purpose": "e", "lawful_basis": "consent", "given": "not a date"},
    ]
    states = subject_access.consent_states({"consents": consents}, config, TODAY)
    assert [s["state"] for s in states] == ["current", "future", "withdrawn", "current", "unknown"]


def test_personal_data_fields_follow_the_schema(repo: RecordsRepo) -> None:
    schema = Schema.load(repo.root / "schemas" / CLIENT_SCHEMA, "schemas/" + CLIENT_SCHEMA)
    data = {
        "address": {"city": "Leeds", "street": "2 Park Row"},
        "contacts": [{"role": "CEO", "phone": "+441134960000"}, {"name": "Ann"}],
        "unknown": {"email": "x@y.example"},  # not in the schema: not claimed
    }
    assert subject_access.personal_data_fields(data, schema.document) == [
        "address/street",
        "contacts/0/phone",
        "contacts/1/name",
    ]


def test_unreadable_record_is_refused(repo: RecordsRepo, tmp_path: Path) -> None:
    repo.write("broken.yaml", "id: broken\nname: [unclosed\n")
    result = invoke(repo.root, "broken", "--out", str(tmp_path / "b.json"))
    assert result.exit_code == 2
    assert "clients/broken.yaml" in result.stderr and "cannot be exported" in result.stderr
    assert not (tmp_path / "b.json").exists() and "Traceback" not in result.output


# --- subject access: history from git -----------------------------------------------------------


@pytest.fixture
def git_repo(repo: RecordsRepo) -> GitRepo:
    g = GitRepo(repo.root)
    (repo.root / "clients" / "acme-logistics.yaml").unlink()
    g.commit("Set up the records repository", date="2026-01-01T09:00:00+00:00")
    return g


def test_history_from_git_oldest_first(git_repo: GitRepo, repo: RecordsRepo) -> None:
    repo.write_record(rich_record(status="contact"))
    added = git_repo.commit("Add Acme", date="2026-01-05T10:00:00+00:00")
    repo.write_record(rich_record())
    changed = git_repo.commit(
        "Acme signed",
        author="Jonas Weber",
        email="jonas@northwind.example",
        date="2026-02-01T16:30:00+01:00",
    )
    result = invoke(repo.root, "acme-logistics", "--today", DAY)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    doc = json.loads(result.stdout)
    assert doc["export"]["repository_commit"] == changed
    assert doc["history_note"] is None
    first, second = doc["history"]
    assert (first["commit"], first["status"], first["message"]) == (added, "added", "Add Acme")
    assert first["author"] == {"name": "Amara Okafor", "email": "amara@northwind.example"}
    assert {"path": "name", "op": "added", "old": None, "new": 'Acme, "Quoted" Logistics'} in first[
        "changes"
    ]
    assert second == {
        "commit": changed,
        "author": {"name": "Jonas Weber", "email": "jonas@northwind.example"},
        "date": "2026-02-01T16:30:00+01:00",
        "message": "Acme signed",
        "status": "modified",
        "path": "clients/acme-logistics.yaml",
        "error": None,
        "changes": [{"path": "status", "op": "changed", "old": "contact", "new": "active"}],
    }
    assert not (repo.root / ".clientbook").exists()  # no history cache: only --out is written


def test_uncommitted_edit_is_the_last_version(git_repo: GitRepo, repo: RecordsRepo) -> None:
    repo.write_record(rich_record())
    git_repo.commit("Add Acme", date="2026-01-05T10:00:00+00:00")
    repo.write_record(rich_record(industry="Rail freight"))
    doc = json.loads(invoke(repo.root, "acme-logistics", "--today", DAY).stdout)
    last = doc["history"][-1]
    assert (last["commit"], last["author"], last["date"], last["status"]) == (
        None,
        None,
        None,
        "working",
    )
    assert last["changes"] == [
        {"path": "industry", "op": "changed", "old": "Logistics", "new": "Rail freight"}
    ]


def test_never_committed_record_says_so(git_repo: GitRepo, repo: RecordsRepo) -> None:
    repo.write_record(rich_record())
    (repo.root / ".git" / "info").mkdir(exist_ok=True)
    (repo.root / ".git" / "info" / "exclude").write_text("clients/acme-logistics.yaml\n")
    result = invoke(repo.root, "acme-logistics", "--today", DAY)
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["history"] == [] and "never been committed" in doc["history_note"]


def test_shallow_clone_exports_with_a_note(
    git_repo: GitRepo, repo: RecordsRepo, tmp_path: Path
) -> None:
    for n in range(3):
        repo.write_record(rich_record(industry=f"Logistics {n}"))
        git_repo.commit(f"Change {n}", date=f"2026-0{n + 2}-05T10:00:00+00:00")
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)],
        check=True,
        env=git_repo.env(),
    )
    result = invoke(clone, "acme-logistics", "--today", DAY)
    assert result.exit_code == 0, result.output
    assert "shallow clone" in result.stderr and "fetch-depth: 0" in result.stderr
    doc = json.loads(result.stdout)
    assert doc["history_note"].startswith("the history is incomplete: this is a shallow clone")
    assert len(doc["history"]) == 1  # cut at the shallow boundary, and said so


# --- subject access: the ZIP, and documents that must not be read ------------------------------


def test_zip_holds_the_json_and_the_documents(repo: RecordsRepo, tmp_path: Path) -> None:
    out = tmp_path / "acme.zip"
    before = files_under(tmp_path)
    result = invoke(repo.root, "acme-logistics", "--zip", "--out", str(out), "--today", DAY)
    assert result.exit_code == 0, result.output
    assert written(before, files_under(tmp_path)) == {"acme.zip"}
    with zipfile.ZipFile(out) as zf:
        assert zf.namelist() == ["export.json", "documents/acme-logistics/msa-2026.txt"]
        assert {i.date_time for i in zf.infolist()} == {(2026, 11, 23, 0, 0, 0)}
        assert zf.read("documents/acme-logistics/msa-2026.txt") == MSA
        inner = zf.read("export.json")
    assert inner == invoke(repo.root, "acme-logistics", "--today", DAY).stdout_bytes
    again = tmp_path / "again.zip"
    invoke(repo.root, "acme-logistics", "--zip", "--out", str(again), "--today", DAY)
    assert again.read_bytes() == out.read_bytes()  # byte for byte


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET-OUTSIDE-THE-REPOSITORY", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("reference", "note"),
    [
        ("../secret.txt", "a path with '..'"),
        ("../../etc/passwd", "a path with '..'"),
        ("documents/../../secret.txt", "a path with '..'"),
        ("/etc/passwd", "an absolute path"),
        ("SECRET", "an absolute path"),  # the secret's absolute path
        ("file:///etc/passwd", "neither an http(s) address nor a path under documents/"),
        ("C:/Windows/win.ini", "neither an http(s) address nor a path under documents/"),
        ("documents\\..\\..\\secret.txt", "backslash"),
        ("documents/link-out.txt", "documents/link-out.txt is a symbolic link"),
        ("documents/link-to-clients", "documents/link-to-clients is a symbolic link"),
        ("clients/other-client.yaml", "not under documents/"),
        (".git/config", "not under documents/"),
        ("contracts/msa.txt", "not under documents/"),
        ("documents/acme-logistics/missing.pdf", "not found"),
    ],
)
def test_documents_outside_the_repository_are_never_read(
    repo: RecordsRepo, tmp_path: Path, secret: Path, reference: str, note: str
) -> None:
    reference = str(secret) if reference == "SECRET" else reference
    (repo.root / "documents" / "link-out.txt").symlink_to(secret)
    (repo.root / "documents" / "link-to-clients").symlink_to(repo.root / "clients" / "other.yaml")
    (repo.root / ".git").mkdir()
    (repo.root / ".git" / "config").write_text("[remote] url = https://token@example\n")
    repo.write_record(
        minimal_record(id="other-client", name="Other Client, private"), "other-client.yaml"
    )
    (repo.root / "clients" / "other.yaml").write_text("id: other\n")
    agreements = [
        *rich_record()["agreements"],
        {"id": "bad", "title": "Bad", "start": "2026-01-01", "document": reference},
    ]
    repo.write_record(rich_record(agreements=agreements))
    out = tmp_path / "acme.zip"
    result = invoke(repo.root, "acme-logistics", "--zip", "--out", str(out), "--today", DAY)
    assert result.exit_code == 0, result.output
    assert f"agreements/2/document ({reference!r})" in result.stderr
    with zipfile.ZipFile(out) as zf:
        assert zf.namelist() == ["export.json", "documents/acme-logistics/msa-2026.txt"]
        contents = b"".join(zf.read(name) for name in zf.namelist())
        doc = json.loads(zf.read("export.json"))
    assert b"TOP-SECRET" not in contents and b"token@" not in contents
    assert b"Other Client" not in contents
    bad = doc["documents"][2]
    assert bad["path"] == reference and bad["in_repository"] is False
    assert bad["sha256"] is None and bad["zip_path"] is None and note in bad["note"]


def test_one_document_named_two_ways_is_one_entry_in_the_zip(repo: RecordsRepo) -> None:
    """Only documents/ is read: a file elsewhere is refused, and two spellings of one path
    under documents/ are the one file."""
    (repo.root / "contracts").mkdir()
    (repo.root / "contracts" / "msa.txt").write_bytes(b"first")
    (repo.root / "documents" / "contracts").mkdir()
    (repo.root / "documents" / "contracts" / "msa.txt").write_bytes(b"second")
    data = {
        "agreements": [
            {"id": "a", "document": "documents/contracts/msa.txt"},
            {"id": "b", "document": "contracts/msa.txt"},
            {"id": "c", "document": "./documents/contracts/msa.txt"},
        ]
    }
    files = documents.referenced_documents(data, repo.root, keep_content=True)
    assert [(f.archive_name, f.content) for f in files] == [
        ("documents/contracts/msa.txt", b"second"),
        ("", None),
        ("documents/contracts/msa.txt", b"second"),
    ]
    assert "not under documents/" in files[1].entry["note"]


# --- refusals: exit 2 and nothing written ------------------------------------------------------


REFUSALS = [
    ("unknown client", ["nobody", "--out", "{tmp}/x.json"], "no client 'nobody'"),
    ("empty out", ["acme-logistics", "--out", ""], "--out needs a file name"),
    ("out is a folder", ["acme-logistics", "--out", "{tmp}/folder"], "is a folder"),
    ("out ends in a slash", ["acme-logistics", "--out", "{tmp}/new/"], "names a folder"),
    ("out is ..", ["acme-logistics", "--out", "{tmp}/folder/.."], "names a folder"),
    ("parent missing", ["acme-logistics", "--out", "{tmp}/missing/x.json"], "does not exist"),
    ("zip without out", ["acme-logistics", "--zip"], "--zip needs --out"),
    ("csv without out", ["--all", "--format", "csv"], "give --out FILE"),
    ("client and all", ["acme-logistics", "--all"], "not both"),
    ("neither", [], "name a CLIENT"),
    ("format with client", ["acme-logistics", "--format", "csv"], "--format is for --all"),
    ("zip with all", ["--all", "--zip", "--out", "{tmp}/x.zip"], "--zip is for one client"),
    ("out in clients/", ["acme-logistics", "--out", "{root}/clients/x.json"], "own files"),
    (
        "out over a record",
        ["acme-logistics", "--out", "{root}/clients/acme-logistics.yaml"],
        "own files",
    ),
    ("out over the config", ["--all", "--out", "{root}/clientbook.yaml"], "own files"),
    ("out in .git", ["acme-logistics", "--out", "{root}/.git/x.json"], "own files"),
    ("out is a fifo", ["acme-logistics", "--out", "{tmp}/fifo"], "not a regular file"),
    (
        "contacts file is a folder",
        ["--all", "--format", "csv", "--out", "{tmp}/clients.csv"],
        "clients-contacts.csv is a folder",
    ),
    (
        "contacts file in clients/",
        ["--all", "--format", "csv", "--out", "{root}/clients/all.csv"],
        "own files",
    ),
    ("ambiguous id", ["twin", "--out", "{tmp}/x.json"], "more than one file"),
]


@pytest.mark.parametrize(
    ("args", "message"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS]
)
def test_refusals_write_nothing(
    repo: RecordsRepo, tmp_path: Path, args: list[str], message: str
) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "clients-contacts.csv").mkdir()
    (repo.root / ".git").mkdir()
    os.mkfifo(tmp_path / "fifo")
    repo.write_record(minimal_record(id="twin", name="Twin one"), "twin.yaml")
    repo.write_record(minimal_record(id="twin", name="Twin two"), "twin-2.yaml")
    before = files_under(tmp_path)
    filled = [a.format(tmp=tmp_path, root=repo.root) for a in args]
    result = invoke(repo.root, *filled, "--today", DAY)
    assert result.exit_code == 2, result.output
    assert message in result.stderr and "Traceback" not in result.output
    assert result.stdout == ""
    assert files_under(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["clients-contacts.csv", "fifo", "folder", "records"]
    )


def test_out_inside_the_repository_warns(repo: RecordsRepo) -> None:
    out = repo.root / "acme-export.json"
    result = invoke(repo.root, "acme-logistics", "--out", str(out), "--today", DAY)
    assert result.exit_code == 0
    assert "inside the records repository" in result.stderr and "do not commit" in result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["export"]["client"] == "acme-logistics"


def test_out_replaces_a_symlink_instead_of_writing_through_it(
    repo: RecordsRepo, tmp_path: Path, secret: Path
) -> None:
    link = tmp_path / "out.json"
    link.symlink_to(secret)
    result = invoke(repo.root, "acme-logistics", "--out", str(link), "--today", DAY)
    assert result.exit_code == 0
    assert secret.read_text(encoding="utf-8") == "TOP-SECRET-OUTSIDE-THE-REPOSITORY"
    assert not link.is_symlink() and json.loads(link.read_text(encoding="utf-8"))


# --- --all: CSV ---------------------------------------------------------------------------------

TRICKY = {
    "comma": "Comma, Inc.",
    "quotes": "He said \"hello\", then 'bye'",
    "newlines": "Line one\nLine two\n\nLine four",
    "crlf": "Windows\r\nline",
    "unicode": "Café Straße 中文 😀 👩‍👩‍👧 e\u0301",
    "formula": '=HYPERLINK("http://evil.example","click")',
    "plus": "+1 trick",
    "minus": "-2+3",
    "at": "@SUM(A1:A2)",
    "tab": "\tindented",
    "cr": "\rcarriage",
    "apostrophe": "'quoted already",
    "spaces": "  padded  ",
}


def tricky_records() -> list[dict[str, Any]]:
    values = list(TRICKY.values())
    records = []
    for i, (key, value) in enumerate(TRICKY.items()):
        other = values[(i + 1) % len(values)]
        records.append(
            minimal_record(
                id=f"client-{key}",
                name=value,
                industry=other,
                tags=["alpha", f"tag-{i}"],
                website=f"https://{key}.example/?q=a,b",
                address={
                    "street": other,
                    "city": value,
                    "postcode": "0" + str(i),
                    "region": values[(i + 2) % len(values)],
                    "country": "GB",
                },
                contacts=[
                    {
                        "name": value,
                        "role": other,
                        "email": f"{key}@example.com",
                        "phone": "+442079460123",
                        "primary": True,
                        "preferred_channel": "phone",
                    },
                    {"name": other, "role": value},
                ],
            )
        )
    records.append(
        minimal_record(
            id="former-client",
            status="former",
            since="2020-01-01",
            ended="2024-03-31",
            review={"last_reviewed": "2024-02-29", "interval": "quarterly"},
        )
    )
    return records


def restore(cell: str) -> str:
    """Undo csvsafe: drop the apostrophe it puts before a cell that starts like a formula."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(TRIGGERS) else cell


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_round_trip_keeps_every_character(records_repo: RecordsRepo, tmp_path: Path) -> None:
    records = tricky_records()
    for record in records:
        records_repo.write_record(record)
    out = tmp_path / "clients.csv"
    before = files_under(tmp_path)
    result = invoke(records_repo.root, "--all", "--format", "csv", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert written(before, files_under(tmp_path)) == {
        "clients.csv",
        "clients-contacts.csv",
    }
    clients = read_csv(out)
    contacts = read_csv(tmp_path / "clients-contacts.csv")
    assert list(clients[0]) == list(export.CLIENT_COLUMNS)
    assert list(contacts[0]) == list(export.CONTACT_COLUMNS)
    by_id = sorted(records, key=lambda r: r["id"])
    assert [c["id"] for c in clients] == [r["id"] for r in by_id]
    for row, record in zip(clients, by_id, strict=True):
        address = record.get("address", {})
        assert {k: restore(v) for k, v in row.items()} == {
            "id": record["id"],
            "name": record["name"],
            "kind": "organization",
            "status": record["status"],
            "since": record["since"],
            "ended": record.get("ended", ""),
            "owner": "account-manager",
            "team": "accounts",
            "industry": record.get("industry", ""),
            "tags": "; ".join(record.get("tags", [])),
            "jurisdiction": "GB",
            "website": record.get("website", ""),
            "address_street": address.get("street", ""),
            "address_city": address.get("city", ""),
            "address_postcode": address.get("postcode", ""),
            "address_region": address.get("region", ""),
            "address_country": address.get("country", ""),
            "retention_until": "2030-03-31" if record["status"] == "former" else "",
            "review_due": "2024-05-29" if record["status"] == "former" else "2027-06-01",
        }
    expected_contacts = [
        {
            "client_id": r["id"],
            "name": c["name"],
            "role": c.get("role", ""),
            "email": c.get("email", ""),
            "phone": c.get("phone", ""),
            "primary": "true" if c.get("primary") else "",
            "preferred_channel": c.get("preferred_channel", ""),
        }
        for r in by_id
        for c in r.get("contacts", [])
    ]
    assert [{k: restore(v) for k, v in row.items()} for row in contacts] == expected_contacts


def test_csv_neutralises_formulas(records_repo: RecordsRepo, tmp_path: Path) -> None:
    for record in tricky_records():
        records_repo.write_record(record)
    out = tmp_path / "all.csv"
    assert invoke(records_repo.root, "--all", "--format", "csv", "--out", str(out)).exit_code == 0
    cells = [c for row in read_csv(out) for c in row.values()]
    cells += [c for row in read_csv(tmp_path / "all-contacts.csv") for c in row.values()]
    assert not [c for c in cells if c.startswith(TRIGGERS)]
    assert '\'=HYPERLINK("http://evil.example","click")' in cells
    assert "'+442079460123" in cells
    raw = out.read_bytes()
    assert raw.startswith(b"id,name,") and b"\r\n" in raw and "中文".encode() in raw


# --- --all: vCard 4.0 ---------------------------------------------------------------------------


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def test_vcards_are_proper_4_0_and_read_back_with_vobject(
    repo: RecordsRepo, tmp_path: Path
) -> None:
    import vobject  # the [test] extra; a real reader proves the cards are readable

    repo.write_record(
        minimal_record(
            id="eleanor-whitcombe",
            name="Eleanor Whitcombe",
            kind="individual",
            contacts=[{"name": "Eleanor Whitcombe", "email": "eleanor@whitcombe.example"}],
        )
    )
    out = tmp_path / "contacts.vcf"
    result = invoke(repo.root, "--all", "--format", "vcf", "--out", str(out))
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    text = raw.decode("utf-8")
    assert "\n" not in text.replace("\r\n", "") and "\r" not in text.replace("\r\n", "")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    cards = list(vobject.readComponents(text))
    assert len(cards) == 3
    zoe, wang, eleanor = cards
    assert text.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert zoe.version.value == "4.0"
    assert zoe.fn.value == "Zoë Müller-Straße"
    assert (zoe.n.value.family, zoe.n.value.given) == ("Müller-Straße", "Zoë")
    assert zoe.org.value == ['Acme, "Quoted" Logistics']
    assert zoe.title.value == "Finance director, EMEA; interim"
    assert zoe.email.value == "zoe@acme.example" and zoe.email.params["TYPE"] == ["work"]
    assert zoe.tel.value == "tel:+442079460123" and zoe.tel.params["VALUE"] == ["uri"]
    assert zoe.categories.value == ["acme-logistics"]
    assert zoe.note.value == (
        'clientbook client acme-logistics: Acme, "Quoted" Logistics\n'
        "Primary contact\nPreferred channel: email"
    )
    assert zoe.adr.value.street == "1 Quay Street" and zoe.adr.value.code == "BS1 4XE"
    assert zoe.url.value == "https://acme.example/about?a=1%2Cb=2"  # percent-encoded, not split
    assert zoe.uid.value.startswith("urn:uuid:")
    assert uuid.UUID(zoe.uid.value.removeprefix("urn:uuid:")).version == 5
    assert (wang.fn.value, wang.title.value) == ("王小明", "采购经理 😀")
    assert (wang.n.value.family, wang.n.value.given) == ("王小明", "")
    assert not hasattr(wang, "tel")
    assert not hasattr(eleanor, "org")  # an individual client is not an organisation
    assert "KIND:individual\r\n" in text


def test_vcard_special_characters_round_trip(repo: RecordsRepo) -> None:
    import vobject  # the [test] extra; a real reader proves the cards are readable

    nasty = 'Back\\slash, comma; semi "quote" \n newline 中文 😀 ' + "é" * 80
    client = {"id": "acme", "name": nasty, "kind": "organization"}
    contact = {"name": nasty, "role": nasty, "email": "a@acme.example"}
    card = vcard.contact_vcard(client, contact)
    assert all(len(line.encode()) <= 75 for line in card.split("\r\n"))
    parsed = vobject.readOne(card)
    assert parsed.fn.value == nasty and parsed.title.value == nasty
    assert parsed.org.value == [nasty]
    assert parsed.note.value.endswith(nasty)


def test_vcard_controls_and_carriage_returns() -> None:
    assert contentline.escape_text("a\r\nb\rc\nd\x07e\tf") == "a\\nb\\nc\\nde\tf"


@pytest.mark.parametrize("length", range(60, 80))
def test_folding_never_splits_a_character_or_an_escape(length: int) -> None:
    for filler in ("x", "é", "中", "😀"):
        value = filler * (length // len(filler.encode())) + ",;\\\n" * 30
        line = f"NOTE:{contentline.escape_text(value)}"
        folded = contentline.fold(line)
        physical = folded.split("\r\n")[:-1]
        assert all(len(p.encode()) <= 75 for p in physical)
        assert all(p.startswith(" ") for p in physical[1:])
        assert folded.replace("\r\n ", "") == line + "\r\n"
        for p in physical[:-1]:
            trailing = len(p) - len(p.rstrip("\\"))
            assert trailing % 2 == 0, p  # a backslash escape is never cut in two


def test_contact_uid_is_stable() -> None:
    zoe = {"name": "Zoë", "email": "Zoe@Acme.example"}
    assert vcard.contact_uid("acme", zoe) == vcard.contact_uid(
        "acme", {"name": "Zoë M.", "email": "zoe@acme.example", "role": "CFO"}
    )
    assert vcard.contact_uid("acme", zoe) != vcard.contact_uid("other", zoe)
    assert vcard.contact_uid("acme", {"name": "Ann"}) != vcard.contact_uid("acme", {"name": "Bo"})
    assert vcard.contact_uid("acme", zoe) == "urn:uuid:" + str(
        uuid.uuid5(vcard.NAMESPACE, "acme\nemail:zoe@acme.example")
    )


def test_vcf_to_standard_output(repo: RecordsRepo) -> None:
    first = invoke(repo.root, "--all", "--format", "vcf")
    assert first.exit_code == 0
    assert first.stdout_bytes.count(b"BEGIN:VCARD\r\n") == 2
    assert invoke(repo.root, "--all", "--format", "vcf").stdout_bytes == first.stdout_bytes


# --- --all: JSON Lines --------------------------------------------------------------------------


def test_json_lines_one_record_a_line_sorted_by_id(records_repo: RecordsRepo) -> None:
    records_repo.write_record(minimal_record(id="zeta", name="Zeta"))
    records_repo.write_record(minimal_record(id="alpha", name="Line\u2028separator\u2029é"))
    records_repo.write_record(minimal_record(id="mid", name="Mid\nline"), "a-file.yaml")
    result = invoke(records_repo.root, "--all")
    assert result.exit_code == 0
    lines = result.stdout_bytes.decode("utf-8").splitlines()  # splits at U+2028 too
    assert len(lines) == 3
    rows = [json.loads(line) for line in lines]
    assert [(r["id"], r["file"]) for r in rows] == [
        ("alpha", "clients/alpha.yaml"),
        ("mid", "clients/a-file.yaml"),
        ("zeta", "clients/zeta.yaml"),
    ]
    assert rows[0]["record"]["name"] == "Line\u2028separator\u2029é"
    assert rows[1]["record"] == minimal_record(id="mid", name="Mid\nline")
    assert list(rows[0]) == ["id", "file", "record"]


# --- --all: records that cannot be read ----------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "csv", "vcf"])
def test_unreadable_records_are_left_out_with_exit_1(
    repo: RecordsRepo, tmp_path: Path, fmt: str
) -> None:
    repo.write("broken.yaml", "id: broken\nname: [unclosed\n")
    repo.write("empty.yaml", "# nothing here\n")
    out = tmp_path / f"all.{fmt}"
    result = invoke(repo.root, "--all", "--format", fmt, "--out", str(out))
    assert result.exit_code == 1
    assert "warning: clients/broken.yaml left out: clients/broken.yaml:" in result.stderr
    assert "warning: clients/empty.yaml left out" in result.stderr
    assert "2 records could not be read" in result.stderr
    assert "Traceback" not in result.output
    text = out.read_text(encoding="utf-8")
    assert "acme-logistics" in text and "broken" not in text


# --- the library on the sample repository -------------------------------------------------------


def test_sample_repository_exports(tmp_path: Path) -> None:
    """Every format on the repository's own sample records, as a smoke test."""
    root = Path(__file__).resolve().parents[2]
    records = load_records(root)
    good, bad = export.readable(records)
    assert good and not bad
    config = load_config(root)
    clients, contacts = export.csv_files(good, config)
    assert len(list(csv.reader(io.StringIO(clients)))) == len(good) + 1
    assert export.vcf(good).count("BEGIN:VCARD") == len(list(csv.reader(io.StringIO(contacts)))) - 1
    assert len(export.json_lines(good).splitlines()) == len(good)
    generated = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
    schema = Schema.load(config.schemas_dir() / CLIENT_SCHEMA, CLIENT_SCHEMA)
    for record in good:
        result = subject_access.subject_access(
            record,
            config,
            schema.document,
            history=None,
            history_unavailable="test",
            today=TODAY,
            generated=generated,
        )
        assert not [w for w in result.warnings if "documents" in w], result.warnings
