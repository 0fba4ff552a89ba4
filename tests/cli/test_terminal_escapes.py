"""Record values never drive the terminal: control characters and bidi overrides are shown escaped.

A name, kind, owner, summary or commit message can hold ESC sequences (set the window title,
clear the screen), a carriage return or backspace (overwrite what was printed), C1 controls or
bidi overrides (reorder what is shown). The text outputs of lint, history, audit and report
show them as `\\x1b`, `\\u202e`; JSON and CSV keep the data as it is.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from click.testing import Result

from clientbook.util.terminal import printable
from tests.conftest import REPO_ROOT, TODAY, RecordsRepo, minimal_record, run_cli
from tests.gitrepo import GitRepo

TITLE_AND_CLEAR = "\x1b]0;pwned\x07\x1b[2J"
HOSTILE = TITLE_AND_CLEAR + "\r\b\x9b2J\u202eevil\u2066"
SHOWN = r"\x1b]0;pwned\x07\x1b[2J"
RAW = ("\x1b", "\x07", "\r", "\b", "\x9b", "\u202e", "\u2066")


def write(repo: RecordsRepo, record: dict[str, Any]) -> None:
    """Write the record as YAML with every non-ASCII character escaped (YAML refuses raw C1)."""
    lines = ["# yaml-language-server: $schema=../schemas/client.schema.json"]
    lines += [f"{key}: {json.dumps(value)}" for key, value in record.items()]
    repo.write(f"{record['id']}.yaml", "\n".join(lines) + "\n")


def hostile_record(name: str) -> dict[str, Any]:
    return minimal_record(
        name=name,
        kind=f"org{HOSTILE}",
        owner=f"someone{HOSTILE}",
        interactions=[
            {
                "date": "2026-11-02",
                "channel": "meeting",
                "direction": "outbound",
                "summary": f"Review {HOSTILE}",
                "follow_up": "2026-11-30",
            }
        ],
    )


@pytest.fixture
def repo(records_repo: RecordsRepo) -> RecordsRepo:
    git = GitRepo(records_repo.root)
    git.commit("Set up the records repository", date="2026-01-01T09:00:00+00:00")
    write(records_repo, hostile_record(f"Acme {HOSTILE}"))
    git.commit(f"Add Acme {HOSTILE}", author=f"Mallory {TITLE_AND_CLEAR}")
    write(records_repo, hostile_record(f"Acme Logistics {HOSTILE}"))
    git.commit(f"Rename {HOSTILE}", date="2026-02-01T10:00:00+00:00")
    write(records_repo, hostile_record(f"Acme Uncommitted {HOSTILE}"))
    return records_repo


def cli(repo: RecordsRepo, *args: str) -> Result:
    return run_cli("--repo", str(repo.root), *args)


def assert_escaped(result: Result) -> None:
    assert "Traceback" not in result.output
    for stream in (result.stdout, result.stderr):
        for char in RAW:
            assert char not in stream, (char, stream)
    assert SHOWN in result.stdout, result.stdout
    assert r"\u202eevil\u2066" in result.stdout, result.stdout


def test_printable_escapes_controls_and_bidi_and_keeps_the_rest() -> None:
    assert printable(HOSTILE) == SHOWN + r"\r\x08\x9b2J\u202eevil\u2066"
    assert printable("tab\there\nnew\x7f\x85\u200b") == r"tab\there\nnew\x7f\x85" + "\u200b"
    plain = r"Zoë Müller — 東京 🙂 clients/a b.yaml C:\x '\x1b' ^[a-z]+$"
    assert printable(plain) == plain


def test_lint_text(repo: RecordsRepo) -> None:
    result = repo.lint("--format", "text")
    assert result.exit_code == 1, result.output
    assert_escaped(result)
    assert f"'someone{SHOWN}" in result.stdout  # the owner quoted in the unknown-staff message


def test_lint_json_keeps_the_data(repo: RecordsRepo) -> None:
    messages = " ".join(d["message"] for d in repo.lint_json()["diagnostics"])
    assert f"someone{HOSTILE}" in messages


def test_history_text(repo: RecordsRepo) -> None:
    result = cli(repo, "history", "acme-logistics")
    assert result.exit_code == 0, result.output
    assert_escaped(result)
    assert f"Mallory {SHOWN}" in result.stdout  # the author, from git


def test_history_json_keeps_the_data(repo: RecordsRepo) -> None:
    result = cli(repo, "history", "acme-logistics", "--format", "json")
    assert result.exit_code == 0, result.output
    versions = json.loads(result.stdout)["versions"]
    names = [c["new"] for v in versions for c in v["changes"] if c["path"] == "name"]
    assert f"Acme Logistics {HOSTILE}" in names
    assert versions[-1]["message"].startswith(f"Add Acme {HOSTILE}")


def test_audit_text(repo: RecordsRepo) -> None:
    result = cli(repo, "audit")
    assert result.exit_code == 0, result.output
    assert_escaped(result)


def test_audit_csv_keeps_the_data(repo: RecordsRepo) -> None:
    result = cli(repo, "audit", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert f"Acme Logistics {HOSTILE}" in [r["new"] for r in rows]


def test_report_text(repo: RecordsRepo) -> None:
    result = cli(repo, "report", "--today", TODAY.isoformat())
    assert "Traceback" not in result.output
    assert_escaped(result)
    assert f"someone{SHOWN}" in result.stdout  # the owner heading


def test_report_json_keeps_the_data(repo: RecordsRepo) -> None:
    result = cli(repo, "report", "--today", TODAY.isoformat(), "--format", "json")
    items = json.loads(result.stdout)["items"]
    assert f"someone{HOSTILE}" in {i["owner"] for i in items}
    assert any(TITLE_AND_CLEAR in i["detail"] for i in items)


def test_report_csv_keeps_the_data(repo: RecordsRepo) -> None:
    """click strips what looks like a colour code from output on a pipe: not from data."""
    result = cli(repo, "report", "--today", TODAY.isoformat(), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert any(TITLE_AND_CLEAR in r["detail"] for r in rows), rows


def test_diff_text(repo: RecordsRepo) -> None:
    result = cli(repo, "diff", "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    assert_escaped(result)
    assert f"name: Acme Logistics {SHOWN}" in result.stdout


def test_schema_error_quoting_a_value_is_escaped(records_repo: RecordsRepo) -> None:
    schema = records_repo.root / "schemas" / "client.schema.json"
    text = (REPO_ROOT / "schemas" / "client.schema.json").read_text(encoding="utf-8")
    schema.write_text(text.replace('"#/$defs/url"', json.dumps(f"#/$defs/{HOSTILE}"), 1))
    result = records_repo.lint()
    assert result.exit_code == 2, result.output
    for char in RAW:
        assert char not in result.stderr, (char, result.stderr)
    assert SHOWN in result.stderr, result.stderr


def test_file_name_with_controls_is_escaped_in_lint_text(records_repo: RecordsRepo) -> None:
    name = "acme\x1b[2J.yaml"
    (records_repo.root / "clients" / name).write_text("id: acme\n", encoding="utf-8")
    result = records_repo.lint("--format", "text")
    assert "\x1b" not in result.stdout
    assert r"acme\x1b[2J.yaml" in result.stdout, result.stdout
