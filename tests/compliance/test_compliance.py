"""report, erase (with --purge-history), anonymise and previously-erased, on real git repositories."""

from __future__ import annotations

import csv
import io
import json
import random
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import TODAY, RecordsRepo, minimal_record, run_cli
from tests.gitrepo import GitRepo

SECRET_EMAIL = "greta.secret@zenith-pharma.example"
SECRET_NAME = "Greta Secretsdottir"


def _zenith(**overrides: Any) -> dict[str, Any]:
    return minimal_record(
        id="zenith-pharma",
        name="Zenith Pharma GmbH",
        jurisdiction="EU",
        contacts=[{"name": SECRET_NAME, "email": SECRET_EMAIL, "phone": "+442079460999"}],
        agreements=[
            {
                "id": "msa",
                "title": "MSA",
                "start": "2026-01-05",
                "document": "documents/zenith/msa.txt",
            },
            {
                "id": "dpa",
                "title": "DPA",
                "start": "2026-01-05",
                "document": "documents/shared/dpa-template.txt",
            },
        ],
        **overrides,
    )


@pytest.fixture
def repo(records_repo: RecordsRepo) -> GitRepo:
    for name in ("zenith/msa.txt", "shared/dpa-template.txt"):
        path = records_repo.root / "documents" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"Contract text mentioning {SECRET_NAME}\n" if "zenith" in name else "Template\n"
        )
    records_repo.write_record(_zenith())
    records_repo.write_record(
        minimal_record(
            agreements=[
                {
                    "id": "dpa",
                    "title": "DPA",
                    "start": "2026-01-05",
                    "document": "documents/shared/dpa-template.txt",
                }
            ]
        )
    )
    g = GitRepo(records_repo.root)
    g.commit("Two clients", date="2026-01-05T10:00:00+00:00")
    return g


def _erase(root: Path, *args: str) -> Any:
    return run_cli("--repo", str(root), "erase", *args, "--yes", "--today", TODAY.isoformat())


# --- report --------------------------------------------------------------------------------------------


def test_report_groups_by_owner_and_fails_on_expired_retention(records_repo: RecordsRepo) -> None:
    records_repo.write_record(
        minimal_record(id="old-client", name="Old Client", status="former", ended="2019-01-31")
    )
    records_repo.write_record(
        minimal_record(
            id="busy-client",
            name="Busy Client",
            owner="dpo",
            interactions=[
                {
                    "date": "2026-11-02",
                    "channel": "phone",
                    "direction": "inbound",
                    "summary": "Wants a quote",
                    "follow_up": "2026-11-20",
                }
            ],
        )
    )
    args = ("--repo", str(records_repo.root), "report", "--today", TODAY.isoformat())
    result = run_cli(*args)
    assert result.exit_code == 1  # an expired retention fails the nightly job
    text = result.stdout
    assert text.index("Account Manager (account-manager)") < text.index(
        "Data Protection Officer (dpo)"
    )
    assert "retention expired" in text and "clientbook erase old-client --request REF" in text
    assert "follow-up overdue" in text and "Wants a quote" in text
    items = json.loads(run_cli(*args, "--format", "json").stdout)["items"]
    assert {(i["client"], i["kind"], i["date"]) for i in items} >= {
        ("old-client", "retention expired", "2025-01-31"),
        ("busy-client", "follow-up overdue", "2026-11-20"),
    }
    rows = list(csv.DictReader(io.StringIO(run_cli(*args, "--format", "csv").stdout)))
    assert {r["kind"] for r in rows} >= {"retention expired", "follow-up overdue"}
    assert run_cli(*args, "--format", "markdown").stdout.startswith(
        "## Working list as of 2026-11-23"
    )


def test_report_lists_what_is_coming_within_the_window(records_repo: RecordsRepo) -> None:
    records_repo.write_record(
        minimal_record(review={"last_reviewed": "2026-01-10", "interval": "annually"})
    )
    args = (
        "--repo",
        str(records_repo.root),
        "report",
        "--today",
        TODAY.isoformat(),
        "--format",
        "json",
    )
    assert json.loads(run_cli(*args).stdout)["items"] == []
    soon = json.loads(run_cli(*args, "--within", "60").stdout)["items"]
    assert [(i["kind"], i["date"]) for i in soon] == [("review due", "2027-01-10")]
    assert run_cli(*args).exit_code == 0


def test_report_includes_withdrawn_consent_and_duplicates(records_repo: RecordsRepo) -> None:
    records_repo.write_record(
        minimal_record(
            communication={"subscriptions": ["newsletter"]},
            consents=[
                {
                    "purpose": "newsletter",
                    "lawful_basis": "consent",
                    "given": "2026-01-05",
                    "withdrawn": "2026-02-01",
                }
            ],
        )
    )
    records_repo.write_record(minimal_record(id="acme", name="ACME Logistics Ltd"))
    kinds = {
        i["kind"]
        for i in json.loads(
            run_cli(
                "--repo",
                str(records_repo.root),
                "report",
                "--today",
                TODAY.isoformat(),
                "--format",
                "json",
            ).stdout
        )["items"]
    }
    assert {"withdrawn consent in use", "suspected duplicate"} <= kinds


# --- erase -------------------------------------------------------------------------------------------


def test_erase_removes_record_and_its_own_documents_and_keeps_a_tombstone(repo: GitRepo) -> None:
    result = _erase(
        repo.root,
        "zenith-pharma",
        "--request",
        "DSR-2026-014",
        "--by",
        "Elif Demir <dpo@x.example>",
    )
    assert result.exit_code == 0, result.output
    assert not (repo.root / "clients/zenith-pharma.yaml").exists()
    assert not (repo.root / "documents/zenith/msa.txt").exists()
    assert (
        repo.root / "documents/shared/dpa-template.txt"
    ).exists()  # still referenced by acme-logistics
    tombstones = (repo.root / "erasures.yaml").read_text()
    assert "DSR-2026-014" in tombstones and "Elif Demir" in tombstones
    assert SECRET_EMAIL not in tombstones and "zenith" not in tombstones  # hashes only
    message = repo.run("log", "-1", "--format=%B")
    assert "DSR-2026-014" in message and "zenith" not in message.lower()
    assert repo.run("status", "--porcelain") == ""


def test_re_created_client_is_flagged(repo: GitRepo, records_repo: RecordsRepo) -> None:
    assert _erase(repo.root, "zenith-pharma", "--request", "DSR-7").exit_code == 0
    records_repo.write_record(
        minimal_record(
            id="zenith-again",
            name="Zenith Again",
            contacts=[{"name": "G", "email": SECRET_EMAIL.upper()}],
        )
    )
    [d] = [d for d in records_repo.lint_json()["diagnostics"] if d["rule"] == "previously-erased"]
    assert "erased on 2026-11-23 under request DSR-7" in d["message"] and d["severity"] == "error"
    records_repo.write_record(minimal_record(id="someone-else", name="Someone Else"))
    assert "previously-erased" not in {
        d["rule"]
        for d in records_repo.lint_json()["diagnostics"]
        if d["path"] == "clients/someone-else.yaml"
    }


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("nobody", "--request", "DSR-1"), "no readable client 'nobody'"),
        (("zenith-pharma",), "Missing option '--request'"),
    ],
)
def test_erase_refusals(repo: GitRepo, args: tuple[str, ...], words: str) -> None:
    before = repo.run("rev-parse", "HEAD")
    result = _erase(repo.root, *args)
    assert result.exit_code == 2 and words in result.output
    assert (
        repo.run("rev-parse", "HEAD") == before
        and (repo.root / "clients/zenith-pharma.yaml").exists()
    )


def test_erase_refuses_uncommitted_changes(repo: GitRepo, records_repo: RecordsRepo) -> None:
    records_repo.write_record(minimal_record(name="Acme Logistics (edited)"))
    result = _erase(repo.root, "zenith-pharma", "--request", "DSR-1")
    assert result.exit_code == 2 and "uncommitted changes" in result.output
    assert (repo.root / "clients/zenith-pharma.yaml").exists() and not (
        repo.root / "erasures.yaml"
    ).exists()


def test_erase_outside_git(records_repo: RecordsRepo) -> None:
    records_repo.write_record(minimal_record())
    result = _erase(records_repo.root, "acme-logistics", "--request", "DSR-1")
    assert result.exit_code == 2 and "not inside a git repository" in result.output


def _busy_history(repo: GitRepo, records_repo: RecordsRepo, commits: int = 200) -> None:
    """200 commits over four clients, with branches merged back, the erased one touched throughout."""
    rng = random.Random(7)
    others = ["acme-logistics", "birch-ltd", "cobalt-gmbh"]
    for other in others[1:]:
        records_repo.write_record(minimal_record(id=other, name=other.replace("-", " ").title()))
    repo.commit("More clients", date="2026-01-06T10:00:00+00:00")
    n = 0
    while n < commits:
        branch = f"work-{n}"
        repo.run("checkout", "-q", "-b", branch)
        for _ in range(rng.randint(2, 6)):
            n += 1
            target = rng.choice(["zenith-pharma", *others])
            day = f"2026-{1 + n // 20:02d}-{1 + n % 20:02d}"
            record = (
                _zenith()
                if target == "zenith-pharma"
                else minimal_record(id=target, name=target.replace("-", " ").title())
            )
            record["interactions"] = [
                {
                    "date": "2026-01-05",
                    "channel": "email",
                    "direction": "outbound",
                    "summary": f"Update {n}",
                }
            ]
            records_repo.write_record(record)
            repo.commit(
                f"Update {n} of {target}",
                date=f"{day}T10:00:00+00:00",
                author=rng.choice(["Amara Okafor", "Jonas Weber", "Lúcia Ferreira"]),
            )
        repo.run("checkout", "-q", "main")
        repo.run(
            "merge",
            "-q",
            "--no-ff",
            "-m",
            f"Merge {branch}",
            branch,
            date=f"2026-{1 + n // 20:02d}-21T10:00:00+00:00",
        )
        repo.run("branch", "-q", "-D", branch)


def _histories(root: Path, clients: list[str]) -> dict[str, list[tuple[str, str, str, str]]]:
    out = {}
    for client in clients:
        doc = json.loads(run_cli("--repo", str(root), "history", client, "--format", "json").stdout)
        out[client] = [
            (v["date"], v["author"]["name"], v["message"], json.dumps(v["changes"]))
            for v in doc["versions"]
        ]
    return out


def test_purge_history_on_200_commits_with_merges(repo: GitRepo, records_repo: RecordsRepo) -> None:
    _busy_history(repo, records_repo)
    others = ["acme-logistics", "birch-ltd", "cobalt-gmbh"]
    before_histories = _histories(repo.root, others)
    before_files = {c: (repo.root / f"clients/{c}.yaml").read_bytes() for c in others}
    assert int(repo.run("rev-list", "--count", "--all")) > 200
    result = _erase(repo.root, "zenith-pharma", "--request", "DSR-9", "--purge-history")
    assert result.exit_code == 0, result.output
    assert "git push --force --all" in result.output and "refs/pull" in result.output
    # no commit, and no object in the repository, holds the record's personal data
    assert SECRET_EMAIL not in repo.run("log", "--all", "-p")
    objects = subprocess.run(
        ["git", "cat-file", "--batch-all-objects", "--batch"],
        cwd=repo.root,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8", "replace")
    assert SECRET_EMAIL not in objects and SECRET_NAME not in objects
    assert (
        repo.run("for-each-ref", "refs/clientbook-backup") == ""
    )  # the backup is gone once verified
    # every other record's content and history are intact
    assert {c: (repo.root / f"clients/{c}.yaml").read_bytes() for c in others} == before_files
    assert _histories(repo.root, others) == before_histories
    assert repo.run("status", "--porcelain") == ""


def test_failed_purge_keeps_the_backup_and_says_how_to_restore(repo: GitRepo) -> None:
    from clientbook.compliance.erasure import ErasureRefused, purge_history
    from clientbook.history.gitlog import open_repo

    head = repo.run("rev-parse", "HEAD").strip()
    with pytest.raises(ErasureRefused) as refused:
        purge_history(
            open_repo(repo.root), ("--not-a-path", "--bogus-option"), "test"
        )  # filter-repo rejects it
    assert "git update-ref refs/heads/main refs/clientbook-backup/test/heads/main" in str(
        refused.value
    )
    assert repo.run("rev-parse", "refs/clientbook-backup/test/heads/main").strip() == head


# --- anonymise ----------------------------------------------------------------------------------------


def test_anonymise_keeps_figures_and_drops_personal_data(
    repo: GitRepo, records_repo: RecordsRepo
) -> None:
    records_repo.write_record(
        _zenith(
            status="former",
            ended="2026-06-30",
            notes=f"Call {SECRET_NAME} on Fridays",
            kpis=[{"name": "On-time delivery", "target": 95, "actual": 97}],
        )
    )
    repo.commit("Zenith ends")
    result = run_cli(
        "--repo",
        str(repo.root),
        "anonymise",
        "zenith-pharma",
        "--yes",
        "--today",
        TODAY.isoformat(),
    )
    assert result.exit_code == 0, result.output
    text = (repo.root / "clients/zenith-pharma.yaml").read_text()
    assert SECRET_EMAIL not in text and SECRET_NAME not in text and "Fridays" not in text
    assert 'name: "(anonymised)"' in text and "target: 95" in text and '"On-time delivery"' in text
    assert 'since: "2026-01-05"' in text and "anonymised:" in text
    assert not (repo.root / "documents/zenith/msa.txt").exists()
    lint = records_repo.lint_json()
    assert [d for d in lint["diagnostics"] if d["path"] == "clients/zenith-pharma.yaml"] == []
    later = run_cli(
        "--repo", str(repo.root), "lint", "--today", "2045-01-01", "--format", "json", "--no-cache"
    )
    assert "retention-expired" not in {
        d["rule"]
        for d in json.loads(later.stdout)["diagnostics"]
        if d["path"] == "clients/zenith-pharma.yaml"
    }


def test_anonymise_keeps_the_files_windows_line_ends(
    repo: GitRepo, records_repo: RecordsRepo
) -> None:
    path = records_repo.write_record(_zenith(status="former", ended="2026-06-30"))
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    repo.commit("Zenith ends")
    args = ["--repo", str(repo.root), "anonymise", "zenith-pharma", "--yes"]
    assert run_cli(*args, "--today", TODAY.isoformat()).exit_code == 0
    raw = path.read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n") > 5 and b'name: "(anonymised)"\r\n' in raw


def test_anonymise_an_individual_replaces_name_and_id(
    repo: GitRepo, records_repo: RecordsRepo
) -> None:
    records_repo.write_record(
        minimal_record(
            id="jane-doe", name="Jane Doe", kind="individual", status="former", ended="2026-06-30"
        )
    )
    repo.commit("Jane Doe")
    assert (
        run_cli(
            "--repo", str(repo.root), "anonymise", "jane-doe", "--yes", "--today", TODAY.isoformat()
        ).exit_code
        == 0
    )
    files = sorted(p.name for p in (repo.root / "clients").iterdir())
    assert "jane-doe.yaml" not in files
    anonymous = next(f for f in files if f.startswith("anonymised-"))
    assert "Jane" not in (repo.root / "clients" / anonymous).read_text()
    assert records_repo.lint_json()["summary"]["errors"] == 0


def test_anonymise_refuses_an_active_client(repo: GitRepo) -> None:
    result = run_cli("--repo", str(repo.root), "anonymise", "zenith-pharma", "--yes")
    assert result.exit_code == 2 and "not a former client" in result.output
