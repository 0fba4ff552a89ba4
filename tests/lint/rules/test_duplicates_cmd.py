"""`clientbook duplicates`: the pairs lint's duplicate-client reports, their evidence and the merge."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import Result

from tests.conftest import OPEN_FOLLOW_UP, TODAY, RecordsRepo, minimal_record, run_cli

TALK = minimal_record()["interactions"][0]


def _duplicates(repo: RecordsRepo, *args: str) -> Result:
    return run_cli(
        "--repo", str(repo.root), "duplicates", "--today", TODAY.isoformat(), "--no-cache", *args
    )


def _json(repo: RecordsRepo, *args: str) -> dict[str, Any]:
    result = _duplicates(repo, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.fixture
def dup_repo(records_repo: RecordsRepo) -> RecordsRepo:
    records_repo.write_record(minimal_record(id="mueller", name="Mueller GmbH", since="2021-03-01"))
    records_repo.write_record(minimal_record(id="myuller", name="Мюллер GmbH", since="2024-02-01"))
    records_repo.write_record(minimal_record(id="jon-smith", name="Jon Smith Ltd"))
    records_repo.write_record(
        minimal_record(
            id="john-smyth",
            name="John Smyth Ltd",
            interactions=[TALK, OPEN_FOLLOW_UP],
            contacts=[{"name": "John", "email": "john@smyth.example"}],
        )
    )
    records_repo.write_record(minimal_record(id="northwind", name="Northwind Logistics"))
    records_repo.write_record(minimal_record(id="southwind", name="Southwind Logistics"))
    return records_repo


def test_text_lists_each_pair_with_evidence_and_merge_command(dup_repo: RecordsRepo) -> None:
    result = _duplicates(dup_repo)
    assert result.exit_code == 0, result.output
    assert result.output == (
        "clients/john-smyth.yaml 'John Smyth Ltd'\n"
        "clients/jon-smith.yaml 'Jon Smith Ltd'\n"
        "  - names that sound alike, 'JN SMT', 84% alike\n"
        "  keep clients/john-smyth.yaml: 2 interactions to the other's 1\n"
        "  merge: clientbook merge john-smyth jon-smith\n"
        "\n"
        "clients/mueller.yaml 'Mueller GmbH'\n"
        "clients/myuller.yaml 'Мюллер GmbH'\n"
        "  - the same name once transliterated, 'muller'\n"
        "  keep clients/mueller.yaml: client since 2021-03-01, the other since 2024-02-01\n"
        "  merge: clientbook merge mueller myuller\n"
        "\n"
        "2 suspected duplicate pairs (warning).\n"
    )


def test_json_gives_the_evidence_apart(dup_repo: RecordsRepo) -> None:
    dup_repo.write_record(
        minimal_record(
            id="zenith",
            name="Zenith Pharma",
            since="2025-01-01",
            contacts=[{"name": "Jo", "email": "John@Smyth.example"}],
        )
    )
    doc = _json(dup_repo)
    assert doc["count"] == 3
    by_other = {p["other"]["id"]: p for p in doc["pairs"]}
    assert by_other["myuller"]["keep"] == {
        "id": "mueller",
        "file": "clients/mueller.yaml",
        "name": "Mueller GmbH",
    }
    assert by_other["myuller"]["evidence"]["name"]["kind"] == "transliterated"
    assert by_other["myuller"]["command"] == "clientbook merge mueller myuller"
    assert by_other["jon-smith"]["evidence"]["name"]["kind"] == "phonetic"
    shared = by_other["john-smyth"]
    assert shared["keep"]["id"] == "zenith"  # a client since 2025-01-01, the other since 2026
    assert shared["keep_because"] == "client since 2025-01-01, the other since 2026-01-05"
    assert shared["evidence"]["emails"] == ["john@smyth.example"]
    assert shared["evidence"]["domains"] == ["smyth.example"]
    assert shared["evidence"]["name"] is None
    assert shared["reasons"] == ["the email john@smyth.example", "the domain smyth.example"]


def test_nothing_suspected(records_repo: RecordsRepo) -> None:
    records_repo.write_record(minimal_record(id="northwind", name="Northwind Logistics"))
    records_repo.write_record(minimal_record(id="southwind", name="Southwind Logistics"))
    result = _duplicates(records_repo)
    assert (result.exit_code, result.output) == (0, "No suspected duplicates.\n")
    assert _json(records_repo) == {"count": 0, "pairs": []}


def test_exit_code_follows_the_rule_severity_as_lint(dup_repo: RecordsRepo) -> None:
    assert _duplicates(dup_repo, "--strict").exit_code == 1
    config = dup_repo.root / "clientbook.yaml"
    config.write_text(
        config.read_text().replace("rules: {}", "rules: {duplicate-client: error}"),
        encoding="utf-8",
    )
    result = _duplicates(dup_repo)
    assert result.exit_code == 1
    assert result.output.endswith("2 suspected duplicate pairs (error).\n")


def test_paths_and_suppressions_limit_what_is_listed(dup_repo: RecordsRepo) -> None:
    mine = _duplicates(dup_repo, "--format", "json", str(dup_repo.root / "clients/myuller.yaml"))
    assert [p["other"]["id"] for p in json.loads(mine.stdout)["pairs"]] == ["myuller"]
    for name in ("jon-smith", "john-smyth"):
        path = dup_repo.root / "clients" / f"{name}.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace('Ltd"\n', 'Ltd"  # clientbook: ignore[duplicate-client]\n'),
            encoding="utf-8",
        )
    assert [p["other"]["id"] for p in _json(dup_repo)["pairs"]] == ["myuller"]


def test_same_decision_as_lint(dup_repo: RecordsRepo) -> None:
    lint = dup_repo.lint_json()["diagnostics"]
    linted = {d["path"] for d in lint if d["rule"] == "duplicate-client"}
    listed = {p[side]["file"] for p in _json(dup_repo)["pairs"] for side in ("keep", "other")}
    assert (
        linted
        == listed
        == {
            "clients/mueller.yaml",
            "clients/myuller.yaml",
            "clients/jon-smith.yaml",
            "clients/john-smyth.yaml",
        }
    )
