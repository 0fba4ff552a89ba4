"""clientbook.api: the documented entry points, on a real records repository under git."""

from __future__ import annotations

import pytest

from clientbook import api
from tests.conftest import TODAY, RecordsRepo, minimal_record
from tests.gitrepo import GitRepo


def test_load_lint_history_and_build(records_repo: RecordsRepo) -> None:
    records_repo.write_record(minimal_record())
    records_repo.write_record(
        minimal_record(id="bright-harbour", name="Bright Harbour", owner="nobody")
    )
    git = GitRepo(records_repo.root)
    git.commit("Two clients", date="2026-02-01T09:00:00+00:00")

    config = api.load_config(records_repo.root)
    records = api.load_records(config)
    assert [r.id for r in records] == ["acme-logistics", "bright-harbour"]

    result = api.lint(config, TODAY, use_cache=False)
    assert isinstance(result, api.LintResult)
    owners = [d for d in result.diagnostics if d.file == "clients/bright-harbour.yaml"]
    assert owners and all(isinstance(d, api.Diagnostic) for d in owners)
    assert result.exit_code() == 1

    history = api.read_history(config, use_cache=False)
    versions = history.records["clients/acme-logistics.yaml"].versions
    assert [v.commit.author_name for v in versions] == ["Amara Okafor"]

    built = api.build(config, records_repo.root / "site", TODAY, jobs=1)
    assert isinstance(built, api.BuildResult)
    assert (records_repo.root / "site" / "clients" / "acme-logistics.html").is_file()


def test_load_config_checks_rule_ids_as_the_command_line_does(records_repo: RecordsRepo) -> None:
    config_file = records_repo.root / "clientbook.yaml"
    text = config_file.read_text()
    assert "\nrules: {}\n" in text
    config_file.write_text(text.replace("\nrules: {}\n", "\nrules:\n  no-such-rule: warning\n"))
    with pytest.raises(api.ConfigError) as raised:
        api.load_config(records_repo.root)
    (problem,) = raised.value.diagnostics
    assert problem.message.startswith("there is no rule 'no-such-rule'")
    lines = config_file.read_text().splitlines()
    assert lines[problem.line - 1] == "  no-such-rule: warning"


def test_lint_by_shard_reports_what_one_run_does(records_repo: RecordsRepo) -> None:
    for i in range(6):
        records_repo.write_record(
            minimal_record(id=f"client-{i}", name=f"Client {i}", owner="nobody" if i % 2 else None)
        )
    config = api.load_config(records_repo.root)
    whole = api.lint(config, TODAY, use_cache=False).diagnostics
    parts = [
        api.lint(config, TODAY, use_cache=False, shard=f"{i}/3").diagnostics for i in (1, 2, 3)
    ]
    assert sorted(map(repr, (d for part in parts for d in part))) == sorted(map(repr, whole))
    assert len(whole) == 6  # three without an owner, three with one not on the staff
    with pytest.raises(api.ShardError, match="shards count from 1"):
        api.lint(config, TODAY, shard="0/3")
