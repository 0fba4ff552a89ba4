"""export --all --format vdir: one card a contact, rewritten only when it changes, for vdirsyncer."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import vobject
from click.testing import Result

from tests.conftest import TODAY, RecordsRepo, minimal_record, run_cli

CONTACTS = [
    {"name": "Inês Lima", "email": "ines@acme.example", "phone": "+351210000001"},
    {"name": "Jo Bloggs", "email": "jo@acme.example", "role": "CFO; finance"},
]


@pytest.fixture
def repo(records_repo: RecordsRepo) -> RecordsRepo:
    records_repo.write_record(minimal_record(contacts=CONTACTS))
    records_repo.write_record(
        minimal_record(
            id="zenith", name="Zénith", contacts=[{"name": "Zoë Ng", "email": "z@zenith.example"}]
        )
    )
    return records_repo


def _export(repo: RecordsRepo, folder: Path) -> Result:
    return run_cli(
        "--repo", str(repo.root), "export", "--all", "--format", "vdir",
        "--out", str(folder), "--today", TODAY.isoformat(),
    )  # fmt: skip


def _cards(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Each card's bytes, mtime and inode: what vdirsyncer compares."""
    out = {}
    for p in sorted(folder.glob("*.vcf")):
        info = p.stat()
        out[p.name] = (p.read_bytes(), info.st_mtime_ns, info.st_ino)
    return out


def test_every_card_reads_back_and_a_second_run_touches_nothing(
    repo: RecordsRepo, tmp_path: Path
) -> None:
    folder = tmp_path / "contacts"
    folder.mkdir()
    result = _export(repo, folder)
    assert result.exit_code == 0, result.output
    assert f"{folder}: 3 cards written, 0 removed, 0 unchanged" in result.output
    cards = _cards(folder)
    names = set()
    for name, (raw, _, _) in cards.items():
        card = vobject.readOne(raw.decode("utf-8"))
        assert name == card.uid.value.removeprefix("urn:uuid:") + ".vcf"
        names.add(card.fn.value)
    assert names == {"Inês Lima", "Jo Bloggs", "Zoë Ng"}
    again = _export(repo, folder)
    assert "0 cards written, 0 removed, 3 unchanged" in again.output
    assert _cards(folder) == cards


def test_a_changed_phone_rewrites_exactly_that_card_and_a_gone_contact_is_removed(
    repo: RecordsRepo, tmp_path: Path
) -> None:
    folder = tmp_path / "contacts"
    folder.mkdir()
    assert _export(repo, folder).exit_code == 0
    foreign = folder / "made-on-a-phone.vcf"
    foreign.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Someone\r\nEND:VCARD\r\n")
    before = _cards(folder)
    changed = [{**CONTACTS[0], "phone": "+351210000002"}]  # Jo Bloggs is gone too
    repo.write_record(minimal_record(contacts=changed))
    result = _export(repo, folder)
    assert result.exit_code == 0, result.output
    assert "1 card written, 1 removed, 1 unchanged" in result.output
    assert "1 card clientbook did not write left as they are" in result.output
    after = _cards(folder)
    kept = set(before) & set(after)
    rewritten = [n for n in kept if before[n] != after[n]]
    assert len(rewritten) == 1 and b"+351210000002" in after[rewritten[0]][0]
    assert len(set(before) - set(after)) == 1  # Jo's card
    assert foreign.name in after


def test_the_folder_must_exist_and_lie_outside_the_records(
    repo: RecordsRepo, tmp_path: Path
) -> None:
    missing = _export(repo, tmp_path / "nowhere")
    assert missing.exit_code == 2 and "does not exist; create it first" in missing.output
    inside = _export(repo, repo.root / "clients")
    assert inside.exit_code == 2 and "among the records repository's own files" in inside.output
    a_file = tmp_path / "x.vcf"
    a_file.write_text("")
    assert "is not a folder" in _export(repo, a_file).output
    assert sorted(os.listdir(repo.root / "clients")) == ["acme-logistics.yaml", "zenith.yaml"]
