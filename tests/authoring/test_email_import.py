"""clientbook log --from-email with real .eml files made by the standard library."""

from __future__ import annotations

import os
import re
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from clientbook.authoring.email_import import first_lines, html_to_text, read_messages
from clientbook.cli import main
from clientbook.core.yamlio import load_document
from tests.conftest import TODAY, RecordsRepo, minimal_record
from tests.gitrepo import GitRepo

CLIENT_CONTACT = "ines@acme.example"
STAFF = "account.manager@company.example"


def _eml(**headers: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = headers.get("sender", f"Inês Lima <{CLIENT_CONTACT}>")
    message["To"] = headers.get("to", f"Account Manager <{STAFF}>")
    message["Subject"] = headers.get("subject", "Renewal")
    message["Date"] = headers.get("date", "Tue, 17 Nov 2026 09:30:00 +0100")
    return message


def _save(tmp_path: Path, message: EmailMessage, name: str = "m.eml") -> Path:
    path = tmp_path / name
    path.write_bytes(bytes(message))
    return path


@pytest.fixture
def repo(records_repo: RecordsRepo) -> RecordsRepo:
    contacts = [{"name": "Inês Lima", "email": CLIENT_CONTACT}]
    records_repo.write_record(minimal_record(contacts=contacts, website="https://www.acme.example"))
    records_repo.write_record(
        minimal_record(
            id="zenith", name="Zenith", contacts=[{"name": "Z", "email": "z@zenith.example"}]
        )
    )
    return records_repo


def _log(repo: RecordsRepo, *args: str) -> Result:
    return CliRunner().invoke(
        main, ["--repo", str(repo.root), "log", *args, "--today", TODAY.isoformat()]
    )


def _last(repo: RecordsRepo, client: str = "acme-logistics") -> dict[str, Any]:
    data = load_document((repo.root / "clients" / f"{client}.yaml").read_bytes()).data
    assert isinstance(data, dict)
    last = data["interactions"][-1]
    assert isinstance(last, dict)
    return last


def test_multipart_with_attachment_and_quoted_reply(repo: RecordsRepo, tmp_path: Path) -> None:
    message = _eml(subject="Re: Renouvellement — contrat 2027")
    message.set_content(
        "Thanks, the new terms work for us.\nCan you send the signed copy?\n\n"
        "On Mon, 16 Nov 2026, Account Manager wrote:\n> Here are the terms\n"
    )
    message.add_alternative("<p>Thanks, the new terms work for us.</p>", subtype="html")
    message.add_attachment(
        b"%PDF-1.4 secret", maintype="application", subtype="pdf", filename="c.pdf"
    )
    result = _log(repo, "--from-email", str(_save(tmp_path, message)))
    assert result.exit_code == 0, result.output
    assert _last(repo) == {
        "date": "2026-11-17",
        "channel": "email",
        "direction": "inbound",
        "by": "account-manager",  # the staff member it was sent to
        "summary": "Re: Renouvellement — contrat 2027 — Thanks, the new terms work for us. "
        "Can you send the signed copy?",
    }
    text = (repo.root / "clients" / "acme-logistics.yaml").read_text()
    assert "PDF" not in text and "Here are the terms" not in text


def test_encoded_non_ascii_subject_and_outbound_from_staff(
    repo: RecordsRepo, tmp_path: Path
) -> None:
    message = _eml(sender=STAFF, to=f"=?utf-8?q?In=C3=AAs?= <{CLIENT_CONTACT}>")
    del message["Subject"]
    message["Subject"] = "=?utf-8?b?w4ljaMOpYW5jaWVyIGR1IHByb2pldA==?="  # Échéancier du projet
    message.set_content("> quoted first\nNothing new")
    path = _save(tmp_path, message)
    (mail,) = read_messages(path)
    assert mail.subject == "Échéancier du projet"
    assert mail.correspondents == [STAFF, CLIENT_CONTACT]
    result = _log(repo, "--from-email", str(path))
    assert result.exit_code == 0, result.output
    last = _last(repo)
    assert last["direction"] == "outbound" and last["by"] == "account-manager"
    assert last["summary"] == "Échéancier du projet"


def test_html_only_body_is_read_as_text(repo: RecordsRepo, tmp_path: Path) -> None:
    message = _eml(sender="someone.new@acme.example")  # no contact: the domain decides
    message.set_content(
        "<html><head><style>p{}</style></head><body><p>We&rsquo;d like a call</p>"
        "<blockquote>old thread</blockquote><p>next week.</p></body></html>",
        subtype="html",
    )
    result = _log(repo, "--from-email", str(_save(tmp_path, message)))
    assert result.exit_code == 0, result.output
    assert _last(repo)["summary"] == "Renewal — We\u2019d like a call next week."


def test_no_match_and_two_matches_write_nothing(repo: RecordsRepo, tmp_path: Path) -> None:
    before = {p.name: p.read_bytes() for p in (repo.root / "clients").iterdir()}
    nobody = _eml(sender="x@unknown.example")
    nobody.set_content("Hello")
    result = _log(repo, "--from-email", str(_save(tmp_path, nobody)))
    assert result.exit_code == 2 and "match no client" in result.output
    both = _eml(to=f"{STAFF}, z@zenith.example")
    both.set_content("Hello both")
    result = _log(repo, "--from-email", str(_save(tmp_path, both, "b.eml")))
    assert result.exit_code == 2 and "match 2 clients" in result.output
    assert before == {p.name: p.read_bytes() for p in (repo.root / "clients").iterdir()}
    result = _log(repo, "--from-email", str(tmp_path / "b.eml"), "--client", "zenith")
    assert result.exit_code == 0, result.output
    assert _last(repo, "zenith")["summary"] == "Renewal — Hello both"


def test_reply_markers_and_html() -> None:
    assert first_lines("Yes.\n\nLe lun. 16 nov. 2026, A a écrit :\n> no") == ["Yes."]
    assert first_lines("Fine\n-----Original Message-----\nold") == ["Fine"]
    assert html_to_text("<div>a<br>b</div><script>x</script>").split() == ["a", "b"]


def _mbox(tmp_path: Path, *messages: EmailMessage) -> Path:
    """An mbox as mail clients write it: a "From " line before each message, a blank after,
    and body lines starting "From " escaped."""
    parts = [
        b"From sender@example Tue Nov 17 09:30:00 2026\n"
        + re.sub(rb"(?m)^From ", b">From ", bytes(m).replace(b"\r\n", b"\n"))
        + b"\n"
        for m in messages
    ]
    path = tmp_path / "inbox.mbox"
    path.write_bytes(b"".join(parts))
    return path


def _interactions(repo: RecordsRepo, client: str) -> list[dict[str, Any]]:
    data = load_document((repo.root / "clients" / f"{client}.yaml").read_bytes()).data
    assert isinstance(data, dict)
    return list(data.get("interactions") or [])


def _three(tmp_path: Path) -> Path:
    first = _eml(subject="Kick-off", date="Mon, 16 Nov 2026 10:00:00 +0000")
    first.set_content("Agenda attached.\nFrom now on we meet weekly.")
    second = _eml(sender=STAFF, to="z@zenith.example", subject="Quote")
    second.set_content("Here is the quote.")
    third = _eml(subject="Re: Kick-off", date="Wed, 18 Nov 2026 08:00:00 +0000")
    third.set_content("Thanks!\n\nOn Mon, 16 Nov 2026, Account Manager wrote:\n> old")
    return _mbox(tmp_path, first, second, third)


def test_mbox_needs_all_then_logs_each_message_in_one_commit(
    repo: RecordsRepo, tmp_path: Path
) -> None:
    git = GitRepo(repo.root)
    git.commit("records")
    path = _three(tmp_path)
    assert len(read_messages(path)) == 3
    refused = _log(repo, "--from-email", str(path))
    assert refused.exit_code == 2 and "holds 3 messages: give --all" in refused.output
    result = _log(repo, "--from-email", str(path), "--all", "--commit")
    assert result.exit_code == 0, result.output
    acme = _interactions(repo, "acme-logistics")
    assert [(i["date"], i["summary"]) for i in acme[-2:]] == [
        ("2026-11-16", "Kick-off — Agenda attached. From now on we meet weekly."),
        ("2026-11-18", "Re: Kick-off — Thanks!"),
    ]
    zenith = _interactions(repo, "zenith")[-1]
    assert zenith["direction"] == "outbound" and zenith["summary"] == "Quote — Here is the quote."
    assert git.run("log", "-1", "--format=%s").strip() == ("Log 3 emails: acme-logistics, zenith")
    assert git.run("status", "--porcelain").strip() == ""


def test_mbox_again_logs_nothing_twice(repo: RecordsRepo, tmp_path: Path) -> None:
    path = _three(tmp_path)
    assert _log(repo, "--from-email", str(path), "--all").exit_code == 0
    before = {p.name: p.read_bytes() for p in (repo.root / "clients").iterdir()}
    again = _log(repo, "--from-email", str(path), "--all")
    assert again.exit_code == 0, again.output
    assert "message 2 ('Quote'): already logged on 2026-11-17" in again.output
    assert "nothing to log" in again.output
    assert before == {p.name: p.read_bytes() for p in (repo.root / "clients").iterdir()}


def test_mbox_with_an_unmatched_message_writes_nothing_unless_skipped(
    repo: RecordsRepo, tmp_path: Path
) -> None:
    known = _eml(subject="Known")
    known.set_content("Hello")
    stranger = _eml(sender="x@unknown.example", subject="Cold call")
    stranger.set_content("Buy now")
    path = _mbox(tmp_path, known, stranger)
    before = {p.name: p.read_bytes() for p in (repo.root / "clients").iterdir()}
    refused = _log(repo, "--from-email", str(path), "--all")
    assert refused.exit_code == 2
    assert "message 2 ('Cold call'): its correspondents (x@unknown.example) match no client" in (
        refused.output
    )
    assert "--skip-unmatched" in refused.output
    assert before == {p.name: p.read_bytes() for p in (repo.root / "clients").iterdir()}
    result = _log(repo, "--from-email", str(path), "--all", "--skip-unmatched")
    assert result.exit_code == 0, result.output
    assert _interactions(repo, "acme-logistics")[-1]["summary"] == "Known — Hello"
    assert "Buy now" not in "".join(
        p.read_text() for p in (repo.root / "clients").iterdir() if p.suffix == ".yaml"
    )


def test_unreadable_mail_files_are_refused_with_their_reason(
    repo: RecordsRepo, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.eml"
    empty.write_bytes(b"  \n")
    result = _log(repo, "--from-email", str(empty))
    assert result.exit_code == 2 and f"cannot read {empty}: it is empty" in result.output
    fifo = tmp_path / "pipe.eml"
    os.mkfifo(fifo)
    result = _log(repo, "--from-email", str(fifo))
    assert result.exit_code == 2 and "it is not a regular file" in result.output


def test_an_unescaped_from_line_in_a_body_does_not_split_a_message(tmp_path: Path) -> None:
    path = tmp_path / "careless.mbox"
    path.write_bytes(
        b"From a@x.example Tue Nov 17 09:30:00 2026\nSubject: One\n\nHello\n"
        b"From now on, weekly.\n>From the archive\n\n"
        b"From b@x.example Wed Nov 18 09:30:00 2026\nSubject: Two\n\nBye\n"
    )
    one, two = read_messages(path)
    assert one.subject == "One" and one.body_lines == [
        "Hello",
        "From now on, weekly.",
        "From the archive",  # unescaped one level, as mboxrd readers do
    ]
    assert two.subject == "Two" and two.body_lines == ["Bye"]
