"""The SQLite export, and the derived columns against core.obligations on odd records."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from clientbook.core import obligations as ob
from clientbook.core.config import load_config
from clientbook.query.database import build
from tests.conftest import TODAY, RecordsRepo, minimal_record, run_cli
from tests.query.repo import make


def export(root: Path, out: Path, *args: str) -> None:
    result = run_cli(
        "--repo", str(root), "export", "--all", "--format", "sqlite", "--out", str(out),
        "--today", TODAY.isoformat(), *args,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output


def test_the_export_opens_with_the_standard_library_and_fts_finds_a_summary_word(
    records_repo: RecordsRepo, tmp_path: Path
) -> None:
    root = make(records_repo)
    out = tmp_path / "clients.db"
    export(root, out)
    db = sqlite3.connect(out)
    found = db.execute("SELECT client_id FROM search WHERE search MATCH 'orthodontics'").fetchall()
    assert found == [("delta-dental",)]
    by_contact = db.execute("SELECT client_id FROM search WHERE search MATCH 'Lind'").fetchall()
    assert by_contact == [("borealis-foods",)]
    assert db.execute("SELECT count(*) FROM clients").fetchone() == (4,)
    assert db.execute("SELECT notes FROM clients WHERE id = 'acme-logistics'").fetchone() == (
        "Confidential: pricing dispute with the CFO.",
    )
    assert not list(tmp_path.glob("*.tmp*")) and not list(tmp_path.glob(".*"))


def test_the_restricted_export_leaves_out_confidential_fields(
    records_repo: RecordsRepo, tmp_path: Path
) -> None:
    root = make(records_repo)
    out = tmp_path / "restricted.db"
    export(root, out, "--audience", "restricted")
    db = sqlite3.connect(out)
    columns = {row[1] for row in db.execute("PRAGMA table_info(clients)")}
    assert "notes" not in columns and "name" in columns
    assert b"pricing dispute" not in out.read_bytes()


def test_sqlite_needs_out(records_repo: RecordsRepo) -> None:
    result = run_cli("--repo", str(make(records_repo)), "export", "--all", "--format", "sqlite")
    assert result.exit_code == 2
    assert "give --out FILE" in result.output


def test_audience_is_only_for_sqlite(records_repo: RecordsRepo) -> None:
    root = make(records_repo)
    result = run_cli("--repo", str(root), "export", "--all", "--audience", "restricted")
    assert result.exit_code == 2
    assert "--audience is for --all --format sqlite" in result.output


ODD: list[dict[str, Any]] = [
    minimal_record(id="anon", name="Anon", anonymised={"date": "2026-01-01", "by": "dpo"}),
    minimal_record(id="bad-dates", name="Bad Dates", since="2026-13-45", review={"interval": "x"}),
    minimal_record(id="no-talk", name="No Talk", interactions=None, status="paused"),
    minimal_record(
        id="odd-items",
        name="Odd Items",
        interactions=[{"date": "not a date", "summary": "?"}, "text", {"follow_up": "2026-12-01"}],
        consents=[{"purpose": "marketing"}, {"given": "2027-01-01"}, {"withdrawn": "2026-11-23"}],
    ),
    minimal_record(
        id="former-prospect",
        name="Former Prospect",
        status="former",
        ended="2020-02-29",
        retention={"policy": "prospect-2y"},
    ),
]


def _iso(day: Any) -> str | None:
    return day.isoformat() if day else None


def test_derived_columns_are_core_obligations_on_odd_records(records_repo: RecordsRepo) -> None:
    for record in ODD:
        records_repo.write_record(record)
    config = load_config(records_repo.root)
    db = build(config, TODAY).db
    for record in ODD:
        row = db.execute(
            "SELECT retention_until, review_due, last_interaction, contact_due, next_due "
            "FROM clients WHERE id = ?",
            (record["id"],),
        ).fetchone()
        review = ob.review(record, config).due if ob.review_applies(record) else None
        contact = ob.contact_due(record, config)[0] if ob.contact_applies(record) else None
        assert row == (
            _iso(ob.retention_deadline(record, config)),
            _iso(review),
            _iso(ob.last_interaction(record)),
            _iso(contact),
            _iso(ob.next_deadline(record, config)),
        ), record["id"]
        states = [r[0] for r in db.execute(
            "SELECT state FROM consents WHERE client_id = ? ORDER BY position", (record["id"],)
        )]  # fmt: skip
        assert states == [ob.consent_state(c, TODAY) for c in record.get("consents", [])]
        follow = db.execute(
            "SELECT follow_up_open, follow_up_state FROM interactions WHERE client_id = ? "
            "ORDER BY position",
            (record["id"],),
        ).fetchall()
        expected = [
            (_iso(ob.open_follow_up(i)), ob.follow_up_state(i, TODAY))
            for i in record.get("interactions") or []
        ]
        assert follow == expected


def test_rows_made_in_the_parse_workers_equal_rows_made_in_one_process(
    records_repo: RecordsRepo,
) -> None:
    """A cold build of enough records forks parse workers, which make the rows as they parse;
    a warm one reads the parse cache and makes them here. Both must give the same database."""
    from clientbook.core.records import PARSE_IN_WORKERS_FROM

    for n in range(PARSE_IN_WORKERS_FROM + 10):
        late = {"date": "2026-05-01", "channel": "phone", "direction": "inbound"}
        late |= {
            "by": "account-manager",
            "summary": "Asked for a quote.",
            "follow_up": "2026-05-08",
        }
        extra = {"interactions": [late]} if n % 3 == 0 else {}
        records_repo.write_record(
            minimal_record(id=f"client-{n:03}", name=f"Client {n:03}", tags=[f"t{n % 7}"], **extra)
        )
    config = load_config(records_repo.root)
    cold = build(config, TODAY, jobs=2)
    warm = build(config, TODAY, jobs=2)
    assert list(cold.db.iterdump()) == list(warm.db.iterdump())
    counted = cold.db.execute("SELECT count(*), sum(warnings) FROM clients").fetchone()
    findings = cold.db.execute("SELECT count(*) FROM findings WHERE severity = 'warning'")
    assert counted == (PARSE_IN_WORKERS_FROM + 10, findings.fetchone()[0])
    assert counted[1] > 0  # a third have an overdue follow-up
