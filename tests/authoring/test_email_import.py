"""clientbook log --from-email with real .eml files made by the standard library."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from clientbook.authoring.email_import import first_lines, html_to_text, read_mail
from clientbook.cli import main
from clientbook.core.yamlio import load_document
from tests.conftest import TODAY, RecordsRepo, minimal_record

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
    mail = read_mail(path)
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
