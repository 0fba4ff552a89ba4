"""clientbook merge: documents moved, references rewritten, an extended schema's lists,
merges of merges, and the rules that decide a field without asking."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from click.testing import CliRunner, Result
from ruamel.yaml import YAML

from clientbook.authoring.merge_fields import KEEP, OTHER, Merger
from clientbook.cli import main
from clientbook.core.records import record_from_bytes
from clientbook.core.resources import default_schemas
from clientbook.core.yamlio import load_document
from clientbook.site.pages import redirect_data, redirect_pages
from tests.conftest import TODAY, RecordsRepo, minimal_record
from tests.gitrepo import GitRepo

ZENITH = """\
# yaml-language-server: $schema=../schemas/client.schema.json
id: zenith
name: Zenith Pharma GmbH
kind: organization
status: active
since: 2026-01-05
owner: account-manager
team: accounts
jurisdiction: GB
communication: {frequency: quarterly}
agreements:
  # shared with Acme Freight
  - id: annex
    title: Shared annex
    start: 2026-01-05
    document: documents/acme-freight/sub/annex.pdf   # signed by both
interactions:
  - {date: 2026-11-02, channel: meeting, direction: outbound, by: account-manager, summary: Check-in.}
onboarding:
  - {step: identity-check, done: 2026-01-06}
  - {step: agreement-signed, done: 2026-01-07}
  - {step: consents-recorded, done: 2026-01-07}
review: {last_reviewed: 2026-06-01, interval: annually}
"""


def _agreement(id: str, document: str) -> dict[str, Any]:
    return {"id": id, "title": id.upper(), "start": "2026-01-05", "document": document}


@pytest.fixture
def repo(records_repo: RecordsRepo) -> tuple[RecordsRepo, GitRepo]:
    root = records_repo.root
    keep_docs = ["documents/acme/msa.pdf", "documents/acme/same.pdf"]
    other_docs = [
        "documents/acme-freight/msa.pdf",
        "documents/acme-freight/same.pdf",
        "documents/acme-freight/sub/annex.pdf",
    ]
    records_repo.write_record(
        minimal_record(
            id="acme",
            name="Acme",
            agreements=[_agreement(f"k{i}", d) for i, d in enumerate(keep_docs)],
        )
    )
    records_repo.write_record(
        minimal_record(
            id="acme-freight",
            name="Acme Freight",
            agreements=[_agreement(f"o{i}", d) for i, d in enumerate(other_docs)],
        )
    )
    records_repo.write("zenith.yaml", ZENITH)
    for name, data in [
        ("documents/acme/msa.pdf", b"KEEP's MSA"),
        ("documents/acme/same.pdf", b"the same"),
        ("documents/acme-freight/msa.pdf", b"OTHER's MSA"),
        ("documents/acme-freight/same.pdf", b"the same"),
        ("documents/acme-freight/sub/annex.pdf", b"annex"),
    ]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    git = GitRepo(root)
    git.commit("Add the clients")
    return records_repo, git


def _merge(repo: RecordsRepo, *args: str) -> Result:
    return CliRunner().invoke(
        main,
        ["--repo", str(repo.root), "merge", *args, "--by", "dpo", "--today", TODAY.isoformat()],
    )


def _data(repo: RecordsRepo, name: str) -> dict[str, Any]:
    data = load_document((repo.root / "clients" / name).read_bytes()).data
    assert isinstance(data, dict)
    return data


def test_documents_move_and_every_reference_follows(repo: tuple[RecordsRepo, GitRepo]) -> None:
    records, git = repo
    root = records.root
    result = _merge(records, "acme", "acme-freight")
    assert result.exit_code == 0, result.output
    assert not (root / "documents/acme-freight").exists() or not any(
        p.is_file() for p in (root / "documents/acme-freight").rglob("*")
    )
    assert (root / "documents/acme/msa.pdf").read_bytes() == b"KEEP's MSA"  # never overwritten
    assert (root / "documents/acme/acme-freight/msa.pdf").read_bytes() == b"OTHER's MSA"
    assert (root / "documents/acme/sub/annex.pdf").read_bytes() == b"annex"
    documents = {a["id"]: a["document"] for a in _data(records, "acme.yaml")["agreements"]}
    assert documents == {
        "k0": "documents/acme/msa.pdf",
        "k1": "documents/acme/same.pdf",
        "o0": "documents/acme/acme-freight/msa.pdf",
        "o1": "documents/acme/same.pdf",  # the same bytes were there: only the copy went
        "o2": "documents/acme/sub/annex.pdf",
    }
    # another record naming a moved document is rewritten, its comments kept
    zenith = (root / "clients/zenith.yaml").read_text()
    # (the comment stays in its column, as ruamel's round trip keeps it)
    assert re.search(r"document: documents/acme/sub/annex.pdf +# signed by both", zenith)
    assert "# shared with Acme Freight" in zenith
    changed = git.run("show", "--name-status", "--format=", "HEAD").splitlines()
    assert "M\tclients/zenith.yaml" in changed and "D\tdocuments/acme-freight/same.pdf" in changed
    assert "zenith.yaml" not in git.run("log", "-1", "--format=%B")  # the message: ids only
    assert records.lint_json()["summary"]["errors"] == 0
    assert git.run("status", "--porcelain") == ""


def test_a_link_among_the_documents_refuses_the_merge(repo: tuple[RecordsRepo, GitRepo]) -> None:
    records, git = repo
    (records.root / "documents/acme-freight/link.pdf").symlink_to(records.root / "clientbook.yaml")
    git.commit("A link")
    before = git.run("rev-parse", "HEAD")
    result = _merge(records, "acme", "acme-freight")
    assert result.exit_code == 2
    assert "documents/acme-freight/link.pdf: it is a symbolic link" in result.output
    assert (records.root / "clients/acme-freight.yaml").exists()
    assert git.run("rev-parse", "HEAD") == before and git.run("status", "--porcelain") == ""


def test_an_extended_schemas_lists_are_united_too(records_repo: RecordsRepo) -> None:
    schema = json.loads((default_schemas() / "client.schema.json").read_text())
    schema["properties"]["certifications"] = {
        "title": "Certifications",
        "description": "Certificates the client holds.",
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "name": {"title": "Name", "description": "Which.", "type": "string"},
                "awarded": {"title": "Awarded", "description": "When.", "$ref": "#/$defs/date"},
            },
        },
    }
    (records_repo.root / "schemas/client.schema.json").write_text(json.dumps(schema, indent=2))
    iso = {"name": "ISO 9001", "awarded": "2024-05-01"}
    records_repo.write_record(minimal_record(id="a", name="Alpha", certifications=[iso]))
    records_repo.write_record(
        minimal_record(
            id="b", name="Beta", certifications=[iso, {"name": "GDP", "awarded": "2023-01-01"}]
        )
    )
    GitRepo(records_repo.root).commit("Two clients")
    result = _merge(records_repo, "a", "b")
    assert result.exit_code == 0, result.output
    assert _data(records_repo, "a.yaml")["certifications"] == [
        {"name": "GDP", "awarded": "2023-01-01"},
        iso,
    ]
    assert "certifications: 1 of the other record's already here, kept once" in result.output


def test_a_merge_of_a_merged_record_keeps_every_history(records_repo: RecordsRepo) -> None:
    for id, name in (("a", "Alpha"), ("b", "Beta"), ("c", "Gamma")):
        records_repo.write_record(minimal_record(id=id, name=name))
    git = GitRepo(records_repo.root)
    git.commit("Three clients")
    assert _merge(records_repo, "b", "a").exit_code == 0
    assert _merge(records_repo, "c", "b").exit_code == 0
    merged = _data(records_repo, "c.yaml")["merged_from"]
    assert sorted(m["id"] for m in merged) == ["a", "b"]
    shown = CliRunner().invoke(main, ["--repo", str(records_repo.root), "history", "c"])
    assert "as b: merged into c" in shown.output and "as a: merged into b" in shown.output
    assert "as a: created Alpha" in shown.output


def _both(keep: dict[str, Any], other: dict[str, Any], choose: str = KEEP) -> tuple[Merger, Any]:
    yaml = YAML(typ="rt")
    schema = json.loads((default_schemas() / "client.schema.json").read_text())
    trees = [yaml.load(json.dumps(d)) for d in (keep, other)]
    merger = Merger(schema, lambda what, k, o: choose, f"--prefer {choose}", choose)
    data, _ = merger.fold("", schema, keep, other, *trees)
    return merger, data


@pytest.mark.parametrize(
    ("choose", "expected"),
    [
        (KEEP, {"status": "active", "since": "2026-01-05"}),
        (OTHER, {"status": "former", "since": "2024-01-01", "ended": "2025-06-30"}),
    ],
)
def test_ended_and_since_go_with_the_status(choose: str, expected: dict[str, str]) -> None:
    keep = {"id": "a", "status": "active", "since": "2026-01-05"}
    other = {"id": "b", "status": "former", "since": "2024-01-01", "ended": "2025-06-30"}
    merger, data = _both(keep, other, choose)
    assert data == {"id": "a", **expected}
    # KEEP's status leaves OTHER's end out, and says so
    assert [d.what for d in merger.decisions] == ["status", "since"] + (
        ["ended"] if choose == KEEP else []
    )


def test_the_same_status_keeps_the_earlier_since_and_the_later_end() -> None:
    keep = {"id": "a", "status": "former", "since": "2024-01-01", "ended": "2025-01-01"}
    other = {"id": "b", "status": "former", "since": "2023-01-01", "ended": "2025-06-30"}
    merger, data = _both(keep, other, KEEP)
    assert (data["since"], data["ended"]) == ("2023-01-01", "2025-06-30")
    assert {d.what: d.why for d in merger.decisions} == {
        "since": "the earlier",
        "ended": "the later",
    }


def test_the_status_history_comes_with_the_earlier_since() -> None:
    """Both active: the record that became active first keeps its lifecycle, whose last step
    is its since (status-dates), rather than a union of two lifecycles that ends elsewhere."""
    keep = {
        "id": "a",
        "status": "active",
        "since": "2021-11-10",
        "status_history": [
            {"status": "contact", "date": "2021-01-01"},
            {"status": "active", "date": "2021-11-10"},
        ],
    }
    other = {
        "id": "b",
        "status": "active",
        "since": "2024-01-31",
        "status_history": [
            {"status": "contact", "date": "2023-05-01"},
            {"status": "active", "date": "2024-01-31"},
        ],
    }
    merger, data = _both(other, keep)  # the record kept entered 'active' later
    assert data["since"] == "2021-11-10" and data["status_history"] == keep["status_history"]
    assert [(d.what, d.why) for d in merger.decisions] == [
        ("since", "the earlier"),
        ("status_history", "with the earlier since"),
    ]


def test_contacts_without_email_are_one_by_name_and_every_consent_stays() -> None:
    consent = {"purpose": "service", "lawful_basis": "contract", "given": "2026-01-05"}
    keep = {"id": "a", "contacts": [{"name": "Jo  Smith"}], "consents": [consent]}
    other = {
        "id": "b",
        "contacts": [{"name": "jo smith", "role": "CFO"}],
        "consents": [{**consent, "source": "form"}],
    }
    merger, data = _both(keep, other)
    assert data["contacts"] == [{"name": "Jo  Smith", "role": "CFO"}]
    assert data["consents"] == [consent, {**consent, "source": "form"}]
    assert any("contacts[jo smith]: in both records" in n for n in merger.notes)


def test_two_different_agreements_of_one_id_are_both_kept_and_said() -> None:
    first = {"id": "msa", "title": "MSA", "start": "2026-01-05"}
    second = {"id": "msa", "title": "MSA, renewed", "start": "2025-01-05"}
    merger, data = _both({"id": "a", "agreements": [first]}, {"id": "b", "agreements": [second]})
    assert data["agreements"] == [second, first]  # by start, the first required date
    assert "agreements: two different with the id 'msa', both kept" in merger.notes


def test_redirect_pages_lead_to_the_record_kept() -> None:
    keep = minimal_record(
        id="acme",
        name="Acme <&> Co",
        merged_from=[
            {"id": "acme-freight", "date": "2026-11-23"},
            {"id": "b", "date": "2026-11-23"},
        ],
    )
    records = [
        record_from_bytes(f"clients/{d['id']}.yaml", json.dumps(d).encode())
        for d in (keep, minimal_record(id="b", name="B, created again"))
    ]
    pages = redirect_pages([(r.file, redirect_data(r.data)) for r in records])
    assert list(pages) == ["clients/acme-freight.html"]  # b has a page of its own again
    page = pages["clients/acme-freight.html"]
    assert '<meta http-equiv="refresh" content="0; url=acme.html">' in page
    assert '<a href="acme.html">Acme &lt;&amp;&gt; Co</a>' in page and "<script" not in page
