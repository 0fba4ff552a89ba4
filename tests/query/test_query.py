"""`clientbook query` on a real repository: the questions a DPO and an account manager ask."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import TODAY, RecordsRepo, run_cli
from tests.query.repo import make


@pytest.fixture
def repo(records_repo: RecordsRepo) -> Path:
    return make(records_repo)


def query(root: Path, *args: str) -> Result:
    return run_cli("--repo", str(root), "query", "--today", TODAY.isoformat(), *args)


def test_a_dpo_asks_which_consents_were_withdrawn(repo: Path) -> None:
    result = query(
        repo,
        "SELECT c.name, k.purpose, k.withdrawn, c.jurisdiction FROM consents k "
        "JOIN clients c ON c.id = k.client_id WHERE k.state = 'withdrawn' ORDER BY c.name",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "name            purpose     withdrawn   jurisdiction\n"
        "--------------  ----------  ----------  ------------\n"
        "Borealis Foods  newsletter  2026-09-01  EU\n"
        "(1 row)\n"
    )


def test_a_dpo_asks_whose_retention_date_has_passed(repo: Path) -> None:
    result = query(
        repo,
        "SELECT id, ended, retention_until, errors FROM clients "
        "WHERE retention_until < '2026-11-23' ORDER BY retention_until",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "id           ended       retention_until  errors\n"
        "-----------  ----------  ---------------  ------\n"
        "cedar-legal  2019-03-01  2025-03-01            1\n"
        "(1 row)\n"
    )


def test_an_account_manager_asks_who_has_not_been_contacted_since_june(repo: Path) -> None:
    result = query(
        repo,
        "SELECT owner, name, last_interaction, contact_due FROM clients "
        "WHERE status = 'active' AND last_interaction < '2026-06-01' ORDER BY owner, name",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "owner            name            last_interaction  contact_due\n"
        "---------------  --------------  ----------------  -----------\n"
        "account-manager  Borealis Foods  2026-05-10        2026-08-10\n"
        "(1 row)\n"
    )


def test_findings_are_a_table(repo: Path) -> None:
    result = query(
        repo, "SELECT file, rule, pointer FROM findings ORDER BY file, rule", "--format", "csv"
    )
    assert result.stdout.splitlines() == [
        "file,rule,pointer",
        "clients/borealis-foods.yaml,client-stale,interactions",
        "clients/borealis-foods.yaml,follow-up-overdue,interactions/0/follow_up",
        "clients/borealis-foods.yaml,schema,contacts/0/email",
        "clients/cedar-legal.yaml,retention-expired,ended",
    ]


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO clients (id) VALUES ('mallory')",
        "ATTACH DATABASE 'other.db' AS other",
        "PRAGMA query_only = OFF",
        "SELECT * FROM pragma_table_info('clients')",
        "WITH a AS (SELECT 1) DELETE FROM clients",
        "WITH a AS (SELECT 1) INSERT INTO search (search) VALUES ('delete-all')",
        "SELECT load_extension('/tmp/evil')",
        "SELECT 1; DELETE FROM clients",
        "DROP TABLE clients",
    ],
)
def test_only_one_read_only_select_is_run(repo: Path, statement: str) -> None:
    query(repo, "SELECT 1")  # the cache is built
    cached = sorted((repo / ".clientbook" / "cache").glob("query-*.sqlite"))
    before = [p.read_bytes() for p in cached]
    result = query(repo, statement)
    assert result.exit_code == 2
    assert "refused: " in result.output
    assert statement in result.output
    assert [p.read_bytes() for p in cached] == before
    assert not (repo / "other.db").exists()
    assert query(repo, "SELECT count(*) AS n FROM clients").stdout.splitlines()[2].strip() == "4"


def test_an_sql_error_names_the_statement_and_sqlites_message(repo: Path) -> None:
    result = query(repo, "SELECT nme FROM clients")
    assert result.exit_code == 2
    assert "SQL error: no such column: nme\n    in: SELECT nme FROM clients" in result.output


def test_csv_is_formula_safe(repo: Path) -> None:
    result = query(
        repo,
        "SELECT c.name, t.email FROM contacts t JOIN clients c ON c.id = t.client_id ORDER BY c.name",
        "--format",
        "csv",
    )
    assert result.stdout.splitlines() == [
        "name,email",
        "Acme Logistics,jo@acme.example",
        'Borealis Foods,"\'=HYPERLINK(""http://x"")"',
    ]


def test_json_keeps_types(repo: Path) -> None:
    result = query(
        repo,
        "SELECT id, errors, completeness, notes FROM clients WHERE id = 'acme-logistics'",
        "--format",
        "json",
    )
    assert json.loads(result.stdout) == [
        {
            "id": "acme-logistics",
            "errors": 0,
            "completeness": 0.5556,
            "notes": "Confidential: pricing dispute with the CFO.",
        }
    ]


def test_the_restricted_audience_sees_no_confidential_field(repo: Path) -> None:
    result = query(repo, "SELECT notes FROM clients", "--audience", "restricted")
    assert result.exit_code == 2
    assert "no such column: notes" in result.output
    described = query(repo, "--schema", "--audience", "restricted").stdout
    assert " notes " not in described and "contacts:" in described
    assert " notes " in query(repo, "--schema").stdout
    rows = query(
        repo,
        "SELECT count(*) FROM history WHERE path LIKE 'notes%'",
        "--history",
        "--audience",
        "restricted",
    )
    assert rows.stdout.splitlines()[2].strip() == "0"
    assert (
        query(repo, "SELECT count(*) FROM history WHERE path = 'notes'", "--history")
        .stdout.splitlines()[2]
        .strip()
        == "1"
    )


def test_schema_lists_tables_and_an_extended_schema_gets_its_own(repo: Path) -> None:
    path = repo / "schemas" / "client.schema.json"
    schema = json.loads(path.read_text())
    schema["properties"]["tier"] = {"title": "Account tier", "type": "string"}
    schema["properties"]["sites"] = {
        "title": "Sites",
        "type": "array",
        "items": {
            "type": "object",
            "properties": {"city": {"type": "string"}, "staff": {"type": "integer"}},
        },
    }
    path.write_text(json.dumps(schema))
    record = (repo / "clients" / "delta-dental.yaml").read_text()
    (repo / "clients" / "delta-dental.yaml").write_text(
        record + 'tier: "gold"\nsites: [{"city": "Porto", "staff": 12}]\n'
    )
    described = query(repo, "--schema").stdout
    assert "    tier                         TEXT      Account tier\n" in described
    assert "sites: Sites\n    client_id" in described
    result = query(
        repo,
        "SELECT c.tier, s.city, s.staff FROM sites s JOIN clients c ON c.id = s.client_id",
        "--format",
        "json",
    )
    assert json.loads(result.stdout) == [{"tier": "gold", "city": "Porto", "staff": 12}]


def test_the_cache_is_reused_and_follows_the_records(repo: Path) -> None:
    statement = "SELECT name FROM clients WHERE id = 'delta-dental'"
    assert "Delta Dental Care" in query(repo, statement).stdout
    first = sorted((repo / ".clientbook" / "cache").glob("query-*.sqlite"))
    assert len(first) == 1
    assert "Delta Dental Care" in query(repo, statement).stdout
    assert sorted((repo / ".clientbook" / "cache").glob("query-*.sqlite")) == first
    path = repo / "clients" / "delta-dental.yaml"
    path.write_text(path.read_text().replace("Delta Dental Care", "Delta Dental Clinic"))
    assert "Delta Dental Clinic" in query(repo, statement).stdout
    assert sorted((repo / ".clientbook" / "cache").glob("query-*.sqlite")) != first


def test_history_comes_with_a_current_cache_or_when_asked(repo: Path) -> None:
    statement = "SELECT count(*) FROM history WHERE author = 'Jonas Weber'"
    assert query(repo, statement).stdout.splitlines()[2].strip() == "0"  # cache cold
    assert query(repo, statement, "--history").stdout.splitlines()[2].strip() != "0"
    assert query(repo, statement).stdout.splitlines()[2].strip() != "0"  # now current
    assert query(repo, statement, "--no-history").stdout.splitlines()[2].strip() == "0"
