"""clientbook new: with options, with prompts, and its refusals."""

from __future__ import annotations

import json

from click.testing import CliRunner

from clientbook.cli import main
from tests.conftest import TODAY, RecordsRepo, run_cli


def _new(repo: RecordsRepo, *args: str, prompts: str | None = None) -> object:
    return CliRunner().invoke(
        main, ["--repo", str(repo.root), "new", "--today", TODAY.isoformat(), *args], input=prompts
    )


def test_new_from_options_lints_clean(records_repo: RecordsRepo) -> None:
    result = _new(
        records_repo,
        "--name",
        "Zenith Pharma GmbH",
        "--owner",
        "account-manager",
        "--jurisdiction",
        "EU",
    )
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    path = records_repo.root / "clients" / "zenith-pharma-gmbh.yaml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=../schemas/client.schema.json\n")
    assert (
        'status: "contact"' in text
        and f'since: "{TODAY}"' in text
        and 'kind: "organization"' in text
    )
    assert "git switch -c add-zenith-pharma-gmbh" in result.output  # type: ignore[attr-defined]
    lint = records_repo.lint_json()
    assert lint["diagnostics"] == []
    assert run_cli("--repo", str(records_repo.root), "fmt", "--check").exit_code == 0


def test_new_refuses_to_overwrite(records_repo: RecordsRepo) -> None:
    args = ("acme", "--name", "Acme", "--owner", "account-manager", "--jurisdiction", "GB")
    assert _new(records_repo, *args).exit_code == 0  # type: ignore[attr-defined]
    before = (records_repo.root / "clients/acme.yaml").read_bytes()
    again = _new(records_repo, *args)
    assert again.exit_code == 2 and "already exists" in again.output  # type: ignore[attr-defined]
    assert (records_repo.root / "clients/acme.yaml").read_bytes() == before


def test_new_refuses_a_record_that_would_not_lint_clean(records_repo: RecordsRepo) -> None:
    result = _new(records_repo, "--name", "Acme", "--owner", "nobody", "--jurisdiction", "GB")
    assert result.exit_code == 1 and "unknown-staff" in result.output  # type: ignore[attr-defined]
    assert not (records_repo.root / "clients/acme.yaml").exists()


def test_new_without_required_answers(records_repo: RecordsRepo) -> None:
    result = _new(records_repo, "--name", "Acme")
    assert result.exit_code == 2 and "missing owner, jurisdiction" in result.output  # type: ignore[attr-defined]


def test_new_interactive_prompts_and_validates(records_repo: RecordsRepo) -> None:
    answers = (
        "\n".join(
            [
                "Harbour Bistro",  # name
                "",  # kind: accept the default, organization
                "active",  # status
                "",  # since: accept the default, today
                "n",  # add ended?
                "account-manager",  # owner
                "n",  # add team?
                "y",
                "Hospitality",  # industry
                "y",
                "Bistro",
                "bistro, key-account",  # tags: the first answer is not a slug
                "GB",  # jurisdiction
                "y",
                "harbour-bistro.example",
                "https://harbour-bistro.example",  # website: the first is rejected
                "n",  # add notes?
            ]
        )
        + "\n"
    )
    result = _new(records_repo, "harbour-bistro", "--interactive", prompts=answers)
    output = result.output  # type: ignore[attr-defined]
    assert result.exit_code == 0, output  # type: ignore[attr-defined]
    assert "is not a complete web address" in output
    assert "use lower-case letters, digits and single hyphens" in output
    text = (records_repo.root / "clients/harbour-bistro.yaml").read_text()
    assert 'industry: "Hospitality"' in text and '  - "key-account"' in text
    assert 'website: "https://harbour-bistro.example"' in text
    doc = records_repo.lint_json()
    assert [d["rule"] for d in doc["diagnostics"] if d["severity"] == "error"] == []
    assert json.loads(json.dumps(doc))["summary"]["files"] == 1


def test_a_name_in_cjk_makes_an_ascii_id(records_repo: RecordsRepo) -> None:
    args = ("--name", "山田商事", "--owner", "account-manager", "--jurisdiction", "EU")
    result = _new(records_repo, *args)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert (records_repo.root / "clients" / "shan-tian-shang-shi.yaml").is_file()


def test_a_name_that_makes_no_id_asks_for_one(records_repo: RecordsRepo) -> None:
    args = ("--name", "😀", "--owner", "account-manager", "--jurisdiction", "EU")
    result = _new(records_repo, *args)
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert "makes no id" in result.output and "clientbook new ID" in result.output  # type: ignore[attr-defined]
    assert list((records_repo.root / "clients").iterdir()) == []
