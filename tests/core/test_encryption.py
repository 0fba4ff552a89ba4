"""Confidential fields encrypted with SOPS (age keys): the real sops and age-keygen, not a stand-in."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from clientbook.core.encryption import ENCRYPTED, confidential_keys, encrypted_regex, split_sops
from tests.conftest import REPO_ROOT, RecordsRepo, minimal_record, run_cli
from tests.sopskeys import age_key_for, tool

NOTES = "Prefers calls after 4pm; recovering from surgery."


@pytest.fixture
def sops_repo(records_repo: RecordsRepo, tmp_path: Path) -> tuple[RecordsRepo, dict[str, str]]:
    key = age_key_for(records_repo.root, tmp_path)
    env = {**os.environ, "SOPS_AGE_KEY_FILE": str(key)}
    return records_repo, env


def _sops(repo: RecordsRepo, env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [tool("sops"), *args], cwd=repo.root, env=env, check=True, capture_output=True, text=True
    ).stdout


def test_confidential_keys_come_from_the_schema() -> None:
    schema = json.loads((REPO_ROOT / "schemas/client.schema.json").read_text())
    assert confidential_keys(schema) == ["notes"]
    assert encrypted_regex(schema) == "^(notes)$"


def test_encrypted_record_lints_clean_and_decrypts(
    sops_repo: tuple[RecordsRepo, dict[str, str]],
) -> None:
    repo, env = sops_repo
    repo.write_record(minimal_record(notes=NOTES))
    _sops(repo, env, "--encrypt", "--in-place", "clients/acme-logistics.yaml")
    text = (repo.root / "clients/acme-logistics.yaml").read_text()
    assert NOTES not in text and "ENC[AES256_GCM," in text and "\nsops:\n" in text
    assert "name: Acme Logistics" in text  # everything else stays plain and diffable
    assert repo.lint_json()["diagnostics"] == []
    fmt = run_cli("--repo", str(repo.root), "fmt", "--check")
    assert fmt.exit_code == 0 and "encrypted with SOPS" in fmt.stderr
    decrypted = _sops(repo, env, "--decrypt", "clients/acme-logistics.yaml")
    assert NOTES in decrypted


def test_encrypted_values_are_not_schema_errors(
    sops_repo: tuple[RecordsRepo, dict[str, str]],
) -> None:
    repo, env = sops_repo
    sops_config = repo.root / ".sops.yaml"
    sops_config.write_text(sops_config.read_text().replace("^(notes)$", "^(notes|email|since)$"))
    repo.write_record(
        minimal_record(notes=NOTES, contacts=[{"name": "Jo", "email": "jo@acme.example"}])
    )
    _sops(repo, env, "--encrypt", "--in-place", "clients/acme-logistics.yaml")
    doc = repo.lint_json()
    assert doc["diagnostics"] == [], doc  # an encrypted email and date are not 'invalid'


def test_plain_fields_are_still_checked_in_an_encrypted_record(
    sops_repo: tuple[RecordsRepo, dict[str, str]],
) -> None:
    repo, env = sops_repo
    repo.write_record(minimal_record(notes=NOTES, owner="nobody"))
    _sops(repo, env, "--encrypt", "--in-place", "clients/acme-logistics.yaml")
    assert {d["rule"] for d in repo.lint_json()["diagnostics"]} == {"unknown-staff"}


def test_split_sops_finds_encrypted_paths() -> None:
    value = "ENC[AES256_GCM,data:abc=,iv:def=,tag:ghi=,type:str]"
    assert ENCRYPTED.match(value)
    data, paths = split_sops(
        {
            "id": "a",
            "notes": value,
            "contacts": [{"email": value}],
            "sops": {"mac": "x", "version": "3.11.0"},
        }
    )
    assert "sops" not in data and paths == {"notes", "contacts/0/email"}
    assert split_sops({"id": "a", "notes": value}) == (
        {"id": "a", "notes": value},
        set(),
    )  # no metadata: not SOPS


def test_the_site_shows_encrypted_values_as_withheld(
    sops_repo: tuple[RecordsRepo, dict[str, str]],
) -> None:
    repo, env = sops_repo
    repo.write_record(minimal_record(notes=NOTES))
    _sops(repo, env, "--encrypt", "--in-place", "clients/acme-logistics.yaml")
    result = run_cli("--repo", str(repo.root), "build", "--today", "2026-11-23")
    assert result.exit_code == 0, result.output
    page = (repo.root / "site/clients/acme-logistics.html").read_text()
    assert "(encrypted: withheld)" in page and "ENC[AES256_GCM" not in page
    assert "withheld for this audience" in page
