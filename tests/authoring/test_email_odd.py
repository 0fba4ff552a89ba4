"""clientbook log --from-email on messages as odd mail programs write them: charsets no codec
reads, and Date headers no message can have. Real .eml and mbox files, written byte by byte."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from clientbook.authoring.email_import import read_messages, sent_on
from clientbook.cli import main
from clientbook.core.yamlio import load_document
from tests.conftest import TODAY, RecordsRepo, minimal_record

CLIENT = "ines@acme.example"
STAFF = "account.manager@company.example"
DATE = "Tue, 17 Nov 2026 09:30:00 +0100"


def _message(
    body: bytes = b"Hello",
    *,
    subject: bytes = b"Renewal",
    sender: bytes = CLIENT.encode(),
    date: bytes | None = DATE.encode(),
    charset: bytes = b"utf-8",
) -> bytes:
    head = [b"From: " + sender, b"To: " + STAFF.encode(), b"Subject: " + subject]
    if date is not None:
        head.append(b"Date: " + date)
    head += [
        b"MIME-Version: 1.0",
        b"Content-Type: text/plain; charset=" + charset,
        b"Content-Transfer-Encoding: 8bit",
    ]
    return b"\n".join(head) + b"\n\n" + body + b"\n"


def _write(tmp_path: Path, raw: bytes, name: str = "m.eml") -> Path:
    path = tmp_path / name
    path.write_bytes(raw)
    return path


def _mbox(tmp_path: Path, *messages: bytes) -> Path:
    separator = b"From sender@example Tue Nov 17 09:30:00 2026\n"
    return _write(tmp_path, b"".join(separator + m + b"\n" for m in messages), "box.mbox")


@pytest.fixture
def repo(records_repo: RecordsRepo) -> RecordsRepo:
    records_repo.write_record(minimal_record(contacts=[{"name": "Inês Lima", "email": CLIENT}]))
    return records_repo


def _log(repo: RecordsRepo, *args: str) -> Result:
    return CliRunner().invoke(
        main, ["--repo", str(repo.root), "log", *args, "--today", TODAY.isoformat()]
    )


def _interactions(repo: RecordsRepo) -> list[dict[str, Any]]:
    data = load_document((repo.root / "clients" / "acme-logistics.yaml").read_bytes()).data
    assert isinstance(data, dict)
    return list(data.get("interactions") or [])


def _records(repo: RecordsRepo) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (repo.root / "clients").iterdir()}


def test_an_unknown_body_charset_is_read_as_latin_1_with_a_warning(
    repo: RecordsRepo, tmp_path: Path
) -> None:
    path = _write(
        tmp_path, _message(b"Caf\xe9 au lait, s'il vous pla\xeet", charset=b"x-nonexistent")
    )
    result = _log(repo, "--from-email", str(path))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and "LookupError" not in result.output
    assert (
        f"{path}: warning: the text is in the charset 'x-nonexistent', unknown here; "
        "read as Windows-1252 (Latin-1)"
    ) in result.output
    assert _interactions(repo)[-1]["summary"] == "Renewal — Café au lait, s'il vous plaît"


def test_an_unknown_charset_over_utf_8_bytes_reads_them_as_utf_8(tmp_path: Path) -> None:
    path = _write(tmp_path, _message("Grüße aus Köln".encode(), charset=b'"x-mac-klingon"'))
    said: list[str] = []
    (mail,) = read_messages(path, warn=said.append)
    assert mail.body_lines == ["Grüße aus Köln"]
    assert said == [
        f"{path}: warning: the text is in the charset 'x-mac-klingon', unknown here; read as UTF-8"
    ]


def test_a_codec_that_is_not_for_text_is_an_unknown_charset(tmp_path: Path) -> None:
    said: list[str] = []
    (mail,) = read_messages(
        _write(tmp_path, _message(b"plain", charset=b"rot13")), warn=said.append
    )
    assert mail.body_lines == ["plain"] and "'rot13'" in said[0]


def test_one_message_of_an_mbox_in_an_unknown_charset_does_not_stop_the_others(
    repo: RecordsRepo, tmp_path: Path
) -> None:
    path = _mbox(
        tmp_path,
        _message(b"First", subject=b"One"),
        _message(b"Zweite Nachricht \xfcber", subject=b"Two", charset=b"x-nonexistent"),
        _message(b"Third", subject=b"Three"),
    )
    result = _log(repo, "--from-email", str(path), "--all")
    assert result.exit_code == 0, result.output
    assert f"{path} message 2: warning: the text is in the charset 'x-nonexistent'" in result.output
    assert "message 1: warning" not in result.output and "message 3: warning" not in result.output
    assert [i["summary"] for i in _interactions(repo)[-3:]] == [
        "One — First",
        "Two — Zweite Nachricht über",
        "Three — Third",
    ]


def test_an_encoded_subject_in_an_unknown_charset_is_decoded_and_said(
    repo: RecordsRepo, tmp_path: Path
) -> None:
    raw = _message(subject=b"Re: =?x-nonexistent?q?Caf=E9_contract?=\n  for 2027")
    path = _write(tmp_path, raw)
    result = _log(repo, "--from-email", str(path))
    assert result.exit_code == 0, result.output
    assert (
        f"{path}: warning: the Subject header is in the charset 'x-nonexistent', unknown here; "
        "read as Windows-1252 (Latin-1)"
    ) in result.output
    assert _interactions(repo)[-1]["summary"] == "Re: Café contract for 2027 — Hello"


def test_a_from_name_in_an_unknown_charset_keeps_its_address(
    repo: RecordsRepo, tmp_path: Path
) -> None:
    sender = b"=?x-nonexistent?q?In=EAs_Lima?= <" + CLIENT.encode() + b">"
    path = _write(tmp_path, _message(sender=sender))
    (mail,) = read_messages(path, warn=lambda _: None)
    assert mail.sender == CLIENT  # the name is not recorded, the address finds the client
    result = _log(repo, "--from-email", str(path))
    assert result.exit_code == 0, result.output
    assert _interactions(repo)[-1]["summary"] == "Renewal — Hello"


@pytest.mark.parametrize(
    ("date", "words"),
    [
        (b"Mon, 1 Jan 0001 00:00:00 +0000", "is in the year 1, before 1970"),
        (b"Wed, 31 Dec 1969 23:59:59 +0000", "is in the year 1969, before 1970"),
        (b"the day after tomorrow", "is not a date"),
        (None, "it has no Date header"),
    ],
)
def test_a_date_no_message_can_have_is_refused_until_date_is_given(
    repo: RecordsRepo, tmp_path: Path, date: bytes | None, words: str
) -> None:
    path = _write(tmp_path, _message(date=date))
    before = _records(repo)
    refused = _log(repo, "--from-email", str(path))
    assert refused.exit_code == 2 and "Traceback" not in refused.output
    assert f"{path} ('Renewal'): " in refused.output
    assert words in refused.output
    assert "give --date YYYY-MM-DD with the day it was sent" in refused.output
    assert "give --client" not in refused.output  # its client was found: only the day is missing
    if date is not None:
        assert f"its Date header {date.decode()!r}" in refused.output
    assert _records(repo) == before
    given = _log(repo, "--from-email", str(path), "--date", "2026-11-02")
    assert given.exit_code == 0, given.output
    assert _interactions(repo)[-1]["date"] == "2026-11-02"


def test_an_mbox_message_with_an_impossible_date_is_named_and_can_be_skipped(
    repo: RecordsRepo, tmp_path: Path
) -> None:
    path = _mbox(
        tmp_path,
        _message(b"Fine", subject=b"Dated"),
        _message(b"Broken clock", subject=b"Undated", date=b"Mon, 1 Jan 0001 00:00:00 +0000"),
    )
    before = _records(repo)
    refused = _log(repo, "--from-email", str(path), "--all")
    assert refused.exit_code == 2
    assert f"{path} message 2 ('Undated'): its Date header 'Mon, 1 Jan 0001" in refused.output
    assert _records(repo) == before
    skipped = _log(repo, "--from-email", str(path), "--all", "--skip-unmatched")
    assert skipped.exit_code == 0, skipped.output
    dates = [(i["date"], i["summary"]) for i in _interactions(repo)]
    assert ("2026-11-17", "Dated — Fine") in dates
    assert all("Broken clock" not in summary for _, summary in dates)


@pytest.mark.parametrize(
    ("header", "day"),
    [
        ("Tue, 17 Nov 2026 09:30:00 +0100", "2026-11-17"),
        ("17 Nov 2026 09:30 -0500", "2026-11-17"),
        ("Fri, 1 Jan 99 10:00:00 GMT", "1999-01-01"),  # a two-digit year, as RFC 822 wrote it
        ("Thu, 1 Jan 1970 00:00:00 +0000", "1970-01-01"),
    ],
)
def test_real_dates_are_read_as_written(header: str, day: str) -> None:
    found, why = sent_on(header)
    assert found is not None and found.isoformat() == day and why == ""


def test_a_year_written_with_four_digits_is_not_read_as_two() -> None:
    assert sent_on("Mon, 1 Jan 0001 00:00:00 +0000")[0] is None  # not 2001
    assert sent_on("Sat, 1 Jan 0069 00:00:00 +0000")[0] is None  # not 1969 nor 2069
