"""clientbook merge on real records repositories under git."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from clientbook.cli import main
from clientbook.core.yamlio import load_document
from tests.conftest import REPO_ROOT, TODAY, RecordsRepo, minimal_record, site_files
from tests.gitrepo import GitRepo

KEEP = """\
# yaml-language-server: $schema=../schemas/client.schema.json
id: acme-logistics
name: "Acme Logistics"   # trading name
kind: organization
status: active
since: 2026-01-05
owner: account-manager
team: accounts
tags: [key-account]
jurisdiction: GB
contacts:
  - name: Jo Smith
    role: Finance director   # since 2025
    email: jo@acme.example
    primary: true
communication: {channel: phone, frequency: quarterly}
agreements:
  - id: msa-2026
    title: Master services agreement
    start: 2026-01-05
consents:
  - {purpose: service, lawful_basis: contract, given: 2026-01-05, source: signed MSA}
interactions:
  - date: 2026-11-02
    channel: meeting
    direction: outbound
    by: account-manager
    summary: 'Quarterly check-in.'
onboarding:
  - {step: identity-check, done: 2026-01-06}
  - {step: agreement-signed, done: 2026-01-07}
  - {step: consents-recorded, done: 2026-01-07}
review: {last_reviewed: 2026-06-01, interval: annually}
"""

# As an import writes a record: one row per contact, the same person as KEEP's (another case).
OTHER: dict[str, Any] = minimal_record(
    id="acme-freight",
    name="Acme Freight Services",
    since="2025-03-01",
    owner="dpo",
    tags=["freight", "key-account"],
    contacts=[
        {"name": "Jo Smith", "role": "CFO", "email": "JO@Acme.example", "phone": "+442079460123"},
        {"name": "Sam Lee", "email": "sam@acme.example", "primary": True},
    ],
    agreements=[
        {
            "id": "dpa-2025",
            "title": "Data processing agreement",
            "start": "2025-03-01",
            "document": "documents/acme-freight/dpa-2025.pdf",
        }
    ],
    consents=[
        {
            "purpose": "newsletter",
            "lawful_basis": "consent",
            "given": "2025-03-02",
            "source": "HubSpot export 2026-11-01",
        }
    ],
    interactions=[
        {"date": "2025-04-10", "channel": "email", "direction": "inbound", "summary": "Rates?"},
        {
            "date": "2026-11-02",
            "channel": "meeting",
            "direction": "outbound",
            "by": "account-manager",
            "summary": "Quarterly check-in.",
        },
    ],
    review={"last_reviewed": "2026-08-01", "interval": "annually", "by": "dpo"},
)


MERGE_ARGS = ("acme-logistics", "acme-freight", "--by", "dpo", "--today", TODAY.isoformat())
ON_TODAY = ("--today", TODAY.isoformat())


@pytest.fixture
def repo(records_repo: RecordsRepo) -> tuple[RecordsRepo, GitRepo]:
    records_repo.write("acme-logistics.yaml", KEEP)
    records_repo.write_record(OTHER)
    records_repo.write_record(minimal_record(id="zenith", name="Zenith Pharma GmbH"))
    (records_repo.root / "documents/acme-freight").mkdir(parents=True)
    (records_repo.root / "documents/acme-freight/dpa-2025.pdf").write_bytes(b"%PDF dpa")
    git = GitRepo(records_repo.root)
    git.commit("Add the clients")
    git.run("config", "user.email", "account.manager@company.example")
    git.run("config", "user.name", "Account Manager")
    return records_repo, git


def _merge(repo: RecordsRepo, *args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(
        main, ["--repo", str(repo.root), "merge", *args, "--today", TODAY.isoformat()], input=input
    )


def _data(repo: RecordsRepo, name: str) -> dict[str, Any]:
    data = load_document((repo.root / "clients" / name).read_bytes()).data
    assert isinstance(data, dict)
    return data


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not {".git", ".clientbook"} & set(p.relative_to(root).parts)
    }


def test_merge_unites_two_records_with_overlapping_contacts(
    repo: tuple[RecordsRepo, GitRepo],
) -> None:
    records, git = repo
    result = _merge(records, "acme-logistics", "acme-freight")
    assert result.exit_code == 0, result.output
    data = _data(records, "acme-logistics.yaml")
    # one Jo Smith (same email, another case): KEEP's role, OTHER's phone; Sam Lee added
    assert data["contacts"] == [
        {
            "name": "Jo Smith",
            "role": "Finance director",
            "email": "jo@acme.example",
            "phone": "+442079460123",
            "primary": True,
        },
        {"name": "Sam Lee", "email": "sam@acme.example"},  # one primary contact only
    ]
    assert (
        "contacts[jo@acme.example]/role: Finance director (acme-logistics) / CFO" in result.output
    )
    assert "→ Finance director, acme-logistics's (--prefer keep)" in result.output
    assert "name: Acme Logistics (acme-logistics) / Acme Freight Services" in result.output
    assert "(the earlier)" in result.output and "(the later)" in result.output
    assert data["name"] == "Acme Logistics" and data["owner"] == "account-manager"
    assert data["since"] == "2025-03-01"  # the earlier
    assert data["review"] == {"last_reviewed": "2026-08-01", "interval": "annually", "by": "dpo"}
    assert data["tags"] == ["key-account", "freight"]
    # the interaction in both is kept once; sorted by date
    assert [i["date"] for i in data["interactions"]] == ["2025-04-10", "2026-11-02"]
    assert [(c["purpose"], c["source"]) for c in data["consents"]] == [
        ("newsletter", "HubSpot export 2026-11-01"),
        ("service", "signed MSA"),
    ]
    assert [a["id"] for a in data["agreements"]] == ["dpa-2025", "msa-2026"]
    assert data["agreements"][0]["document"] == "documents/acme-logistics/dpa-2025.pdf"
    assert data["merged_from"] == [
        {"id": "acme-freight", "date": "2026-11-23", "by": "account-manager"}
    ]
    text = (records.root / "clients/acme-logistics.yaml").read_text()
    assert 'name: "Acme Logistics"' in text and "# trading name" in text and "# since 2025" in text
    assert "communication: {channel: phone, frequency: quarterly}" in text  # layout kept
    # one commit, naming the ids only, with exactly the merge's files
    assert git.run("log", "-1", "--format=%s").strip() == "Merge acme-freight into acme-logistics"
    assert sorted(git.run("show", "--name-status", "--format=", "HEAD").splitlines()) == [
        "A\tmerges.yaml",
        "D\tclients/acme-freight.yaml",
        "M\tclients/acme-logistics.yaml",
        "R100\tdocuments/acme-freight/dpa-2025.pdf\tdocuments/acme-logistics/dpa-2025.pdf",
    ]
    assert git.run("status", "--porcelain") == ""
    log = load_document((records.root / "merges.yaml").read_bytes()).data
    assert log == {
        "merges": [
            {
                "id": "acme-freight",
                "into": "acme-logistics",
                "date": "2026-11-23",
                "by": "account-manager",
            }
        ]
    }
    assert records.lint_json()["summary"]["errors"] == 0
    fmt = CliRunner().invoke(main, ["--repo", str(records.root), "fmt", "--check"])
    assert fmt.exit_code == 0, fmt.output


def test_windows_line_ends_are_kept_on_every_line(repo: tuple[RecordsRepo, GitRepo]) -> None:
    """The merged record used to come out with both line ends (ruamel keeps a comment's CR)."""
    records, git = repo
    lf = _merge(records, "acme-logistics", "acme-freight", "--dry-run")
    keep = records.root / "clients/acme-logistics.yaml"
    # without its modeline: its first line, which ruamel writes back with its CR, is a key's
    keep.write_bytes(keep.read_bytes().split(b"\n", 1)[1].replace(b"\n", b"\r\n"))
    git.commit("Check out on Windows")
    result = _merge(records, "acme-logistics", "acme-freight")
    assert result.exit_code == 0, result.output
    raw = keep.read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n") > 20
    assert raw.decode().replace("\r\n", "\n") in lf.output  # what an LF file merges to
    fmt = CliRunner().invoke(main, ["--repo", str(records.root), "fmt", "--check"])
    assert fmt.exit_code == 0, fmt.output


def test_prefer_other_takes_its_values_and_its_primary_contact(
    repo: tuple[RecordsRepo, GitRepo],
) -> None:
    records, _ = repo
    result = _merge(records, "acme-logistics", "acme-freight", "--prefer", "other")
    assert result.exit_code == 0, result.output
    data = _data(records, "acme-logistics.yaml")
    assert data["id"] == "acme-logistics"  # the id is always KEEP's
    assert (data["name"], data["owner"]) == ("Acme Freight Services", "dpo")
    assert data["contacts"][0]["role"] == "CFO"
    assert [c.get("primary") for c in data["contacts"]] == [None, True]
    assert "(--prefer other)" in result.output


def test_interactive_asks_for_each_difference(repo: tuple[RecordsRepo, GitRepo]) -> None:
    records, _ = repo
    result = _merge(
        records, "acme-logistics", "acme-freight", "--interactive", input="other\nkeep\nother\n"
    )
    assert result.exit_code == 0, result.output
    assert result.output.count("which one") == 3
    data = _data(records, "acme-logistics.yaml")
    assert (data["name"], data["owner"]) == ("Acme Freight Services", "account-manager")
    assert data["contacts"][0]["role"] == "CFO"
    assert "(asked)" in result.output


def test_dry_run_prints_the_record_and_writes_nothing(repo: tuple[RecordsRepo, GitRepo]) -> None:
    records, git = repo
    before, head = _tree(records.root), git.run("rev-parse", "HEAD")
    result = _merge(records, "acme-logistics", "acme-freight", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "clients/acme-logistics.yaml would read:" in result.output
    assert (
        "  - id: acme-freight" in result.output
        and "(dry run: nothing was written)" in result.output
    )
    assert "documents/acme-freight/dpa-2025.pdf → documents/acme-logistics/dpa-2025.pdf" in (
        result.output
    )
    assert _tree(records.root) == before and git.run("rev-parse", "HEAD") == head


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("acme-logistics", "acme-logistics"), "cannot merge a record into itself"),
        (("acme-logistics", "clients/acme-logistics.yaml"), "cannot merge a record into itself"),
        (
            ("acme", "acme-freight"),
            "no client 'acme' in clients/ (did you mean acme-freight, acme-logistics?)",
        ),
        (("acme-logistics", "zenit"), "(did you mean zenith?)"),
    ],
)
def test_refused_ids(repo: tuple[RecordsRepo, GitRepo], args: tuple[str, str], said: str) -> None:
    records, _ = repo
    before = _tree(records.root)
    result = _merge(records, *args)
    assert result.exit_code == 2 and said in result.output, result.output
    assert "Traceback" not in result.output
    assert _tree(records.root) == before


@pytest.mark.parametrize("edited", ["acme-logistics.yaml", "acme-freight.yaml"])
def test_uncommitted_edits_are_refused(repo: tuple[RecordsRepo, GitRepo], edited: str) -> None:
    records, git = repo
    path = records.root / "clients" / edited
    path.write_text(path.read_text() + "# not committed\n")
    before = _tree(records.root)
    result = _merge(records, "acme-logistics", "acme-freight")
    assert result.exit_code == 2, result.output
    assert f"uncommitted changes to clients/{edited}" in result.output
    assert _tree(records.root) == before
    assert git.run("log", "--format=%s").splitlines() == ["Add the clients"]


def test_a_new_lint_error_refuses_the_merge(repo: tuple[RecordsRepo, GitRepo]) -> None:
    records, git = repo
    records.write_record({**OTHER, "consents": [{**OTHER["consents"][0], "purpose": "lottery"}]})
    git.commit("An unknown purpose")
    before = _tree(records.root)
    result = _merge(records, "acme-logistics", "acme-freight")
    assert result.exit_code == 2
    assert "[unknown-purpose]" in result.output and "nothing was merged" in result.output
    assert _tree(records.root) == before


def test_a_failing_write_leaves_everything_as_it_was(repo: tuple[RecordsRepo, GitRepo]) -> None:
    """The commit fails (git has no identity to commit under) after every file was swapped
    in: every file is put back, and no commit is made."""
    records, git = repo
    git.run("config", "user.useConfigOnly", "true")
    git.run("config", "--unset", "user.email")
    git.run("config", "--unset", "user.name")
    before, head = _tree(records.root), git.run("rev-parse", "HEAD")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        HOME=str(records.root.parent),
        GIT_CONFIG_NOSYSTEM="1",
        PYTHONPATH=str(REPO_ROOT / "tools"),
    )
    done = subprocess.run(
        [sys.executable, "-m", "clientbook", "--repo", str(records.root), "merge", *MERGE_ARGS],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert "every file was left as it was" in done.stderr
    assert _tree(records.root) == before
    assert git.run("rev-parse", "HEAD") == head and git.run("status", "--porcelain") == ""


def test_history_and_audit_of_keep_include_other_renamed_earlier(
    repo: tuple[RecordsRepo, GitRepo],
) -> None:
    """OTHER was acme-old before a rename: KEEP's history follows it through the rename."""
    records, git = repo
    git.run("mv", "clients/acme-freight.yaml", "clients/acme-old.yaml")
    git.commit("Rename to acme-old", date="2026-02-01T10:00:00+00:00")
    git.run("mv", "clients/acme-old.yaml", "clients/acme-freight.yaml")
    git.commit("Rename back", date="2026-03-01T10:00:00+00:00")
    records.write_record({**OTHER, "industry": "Freight"})
    git.commit("Industry", date="2026-04-01T10:00:00+00:00")
    assert _merge(records, "acme-logistics", "acme-freight").exit_code == 0
    shown = CliRunner().invoke(main, ["--repo", str(records.root), "history", "acme-logistics"])
    assert shown.exit_code == 0, shown.output
    assert "as acme-freight: merged into acme-logistics" in shown.output
    assert "as acme-freight: + industry: Freight" in shown.output
    assert "as acme-old: renamed from clients/acme-freight.yaml" in shown.output
    assert "as acme-freight: created Acme Freight Services" in shown.output
    assert "created Acme Logistics" in shown.output
    as_json = CliRunner().invoke(
        main, ["--repo", str(records.root), "history", "acme-logistics", "--format", "json"]
    )
    paths = {v["path"] for v in json.loads(as_json.output)["versions"]}
    assert paths == {
        "clients/acme-logistics.yaml",
        "clients/acme-freight.yaml",
        "clients/acme-old.yaml",
    }
    audit = CliRunner().invoke(
        main,
        ["--repo", str(records.root), "audit", "--client", "acme-logistics", "--format", "json"],
    )
    rows = json.loads(audit.output)
    assert {r["client"] for r in rows} == {"acme-logistics", "acme-freight"}
    assert any(r["client"] == "acme-freight" and r["field"] == "industry" for r in rows)


def test_export_of_keep_holds_other_history(
    repo: tuple[RecordsRepo, GitRepo], tmp_path: Path
) -> None:
    records, _ = repo
    assert _merge(records, "acme-logistics", "acme-freight").exit_code == 0
    out = tmp_path / "export.json"
    done = CliRunner().invoke(
        main,
        ["--repo", str(records.root), "export", "acme-logistics", "--out", str(out), *ON_TODAY],
    )
    assert done.exit_code == 0, done.output
    history = json.loads(out.read_text())["history"]
    assert sorted((h["path"], h["status"]) for h in history) == [
        ("clients/acme-freight.yaml", "added"),
        ("clients/acme-freight.yaml", "deleted"),
        ("clients/acme-logistics.yaml", "added"),
        ("clients/acme-logistics.yaml", "modified"),
    ]
    assert history[-1]["message"].startswith("Merge acme-freight into acme-logistics")


def test_a_recreated_other_is_flagged_and_gets_its_own_page(
    repo: tuple[RecordsRepo, GitRepo], tmp_path: Path
) -> None:
    records, git = repo
    assert _merge(records, "acme-logistics", "acme-freight").exit_code == 0
    diagnostics = records.lint_json()["diagnostics"]
    assert "previously-merged" not in {d["rule"] for d in diagnostics}
    site = tmp_path / "site"
    built = CliRunner().invoke(
        main,
        ["--repo", str(records.root), "build", "--out", str(site), "--today", TODAY.isoformat()],
    )
    assert built.exit_code == 0, built.output
    page = (site / "clients/acme-freight.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=acme-logistics.html">' in page
    assert '<a href="acme-logistics.html">Acme Logistics</a>' in page and "<script" not in page
    assert "clients/acme-logistics.html" in site_files(site)
    # created again, as a second import would
    records.write_record({**OTHER, "agreements": []})
    [found] = [d for d in records.lint_json()["diagnostics"] if d["rule"] == "previously-merged"]
    assert found["path"] == "clients/acme-freight.yaml" and found["line"] == 2
    assert "merged into acme-logistics on 2026-11-23" in found["message"]
    git.commit("Created again")
    built = CliRunner().invoke(
        main,
        ["--repo", str(records.root), "build", "--out", str(site), "--today", TODAY.isoformat()],
    )
    assert built.exit_code == 0, built.output
    assert 'http-equiv="refresh"' not in (site / "clients/acme-freight.html").read_text()


def test_erasing_keep_erases_what_was_merged_into_it(repo: tuple[RecordsRepo, GitRepo]) -> None:
    """The merged record was the same client: an erasure with --purge-history takes its
    file's history, its documents' history and its merges.yaml entry too."""
    records, git = repo
    assert _merge(records, *MERGE_ARGS).exit_code == 0
    assert "acme-freight" in (records.root / "merges.yaml").read_text()
    result = CliRunner().invoke(
        main,
        ["--repo", str(records.root), "erase", "acme-logistics", "--request", "DSR-1",
         "--by", "dpo", "--purge-history", "--yes", "--today", TODAY.isoformat()],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "acme-freight" not in (records.root / "merges.yaml").read_text()
    for path in ("clients/acme-freight.yaml", "documents/acme-freight/dpa-2025.pdf"):
        assert git.run("log", "--all", "--format=%H", "--", path).strip() == "", path
    records.write_record(OTHER)  # created again: the tombstone knows its id
    found = records.lint_json()
    assert "previously-erased" in {
        d["rule"] for d in found["diagnostics"] if d["path"] == "clients/acme-freight.yaml"
    }


def test_a_site_built_before_the_merge_gets_the_redirect_at_the_next_build(
    repo: tuple[RecordsRepo, GitRepo], tmp_path: Path
) -> None:
    """The build after a merge starts from a site that had OTHER's own page."""
    records, _ = repo
    site = tmp_path / "site"
    build = ["--repo", str(records.root), "build", "--out", str(site), "--today", TODAY.isoformat()]
    assert CliRunner().invoke(main, build).exit_code == 0
    assert 'http-equiv="refresh"' not in (site / "clients/acme-freight.html").read_text()
    assert _merge(records, *MERGE_ARGS).exit_code == 0
    again = CliRunner().invoke(main, build)
    assert again.exit_code == 0, again.output
    page = (site / "clients/acme-freight.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=acme-logistics.html">' in page
