"""Reading an email (.eml, or each message of an mbox) as an interaction: date, direction,
correspondents, summary.

The standard library's parser (policy=email.policy.default) decodes encoded headers and
bodies; the summary is the subject and the first lines of the plain-text body (HTML
converted to text when there is no plain part), never the quoted reply. Attachments are
not read.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import email.utils
import re
from dataclasses import dataclass
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path

from clientbook.util.regularfile import regular_file_bytes

# "On Tue, 1 Dec 2026, Jane <jane@x> wrote:" and its common cousins: the quoted reply begins
_REPLY_HEADER = re.compile(r"^\s*(on\s.+\bwrote:|am\s.+\bschrieb.*:|le\s.+\ba écrit\s?:)\s*$", re.I)
_SEPARATORS = re.compile(r"^\s*(-{2,}\s*(original message|forwarded message)?.*|_{5,}|-- )$", re.I)
_SEPARATOR = re.compile(rb"^From \S+ +\S.*\d\d:\d\d")  # "From sender Tue Nov 17 09:30:00 2026"
_ESCAPED_FROM = re.compile(rb"^>+From ")
SUMMARY_LINES = 3
SUMMARY_MAX = 500
MAX_MAILBOX = 256 * 1024 * 1024  # a year of one person's mail; past it, split the mbox


@dataclass(frozen=True, slots=True)
class Mail:
    date: dt.date | None
    sender: str  # the From address, lower case
    correspondents: list[str]  # From, To, Cc addresses, lower case, in that order
    subject: str
    body_lines: list[str]

    def summary(self) -> str:
        parts = [self.subject.strip()] if self.subject.strip() else []
        parts += self.body_lines
        text = " — ".join([parts[0], " ".join(parts[1:])]) if len(parts) > 1 else "".join(parts)
        text = " ".join(text.split())
        return text[: SUMMARY_MAX - 1] + "…" if len(text) > SUMMARY_MAX else text or "(no subject)"


class _Text(HTMLParser):
    """An HTML body as text: blocks become lines, scripts and styles are dropped."""

    BLOCKS = frozenset(
        {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "blockquote", "table"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.quoted = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head"):
            self.skip += 1
        if tag == "blockquote":
            self.quoted += 1
        if tag in self.BLOCKS:
            self.out.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head"):
            self.skip = max(self.skip - 1, 0)
        if tag == "blockquote":
            self.quoted = max(self.quoted - 1, 0)
        if tag in self.BLOCKS:
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip and not self.quoted:
            self.out.append(data)


def html_to_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.out)


def first_lines(text: str, count: int = SUMMARY_LINES) -> list[str]:
    """The first non-empty lines of a body, stopping at the quoted reply or the signature."""
    out: list[str] = []
    for line in text.splitlines():
        if line.lstrip().startswith(">") or _REPLY_HEADER.match(line) or _SEPARATORS.match(line):
            break
        if line.strip():
            out.append(line.strip())
        if len(out) >= count:
            break
    return out


def _body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    if part is not None:
        return str(part.get_content())
    part = message.get_body(preferencelist=("html",))
    if part is not None:
        return html_to_text(str(part.get_content()))
    return ""


def _addresses(message: EmailMessage, *headers: str) -> list[str]:
    values = [str(v) for h in headers for v in message.get_all(h, [])]
    found = [addr.strip().lower() for _, addr in email.utils.getaddresses(values)]
    return list(dict.fromkeys(a for a in found if "@" in a))


class MailUnreadable(Exception):
    """The file is not a regular file, is too large, or cannot be read; the words say which."""


def read_messages(path: Path, limit: int = MAX_MAILBOX) -> list[Mail]:
    """Every message of an .eml (one) or an mbox (each, in file order).

    The file is named by the user, so a symbolic link is followed; a FIFO, a device or
    a folder is refused unread, as is a file over `limit`.
    """
    try:
        if path.stat().st_size > limit:
            raise MailUnreadable(f"it is over the limit of {limit:,} bytes")
        raw = regular_file_bytes(path)
    except OSError as err:
        raise MailUnreadable(err.strerror or str(err)) from None
    if raw is None:
        raise MailUnreadable("it is not a regular file")
    if not raw.strip():
        raise MailUnreadable("it is empty")
    if raw.startswith(b"From "):
        return [mail_from_bytes(m) for m in mbox_messages(raw)]
    return [mail_from_bytes(raw)]


def mbox_messages(raw: bytes) -> list[bytes]:
    """The messages of an mbox, without their "From " separator lines.

    A separator is a "From sender date" line at the start or after a blank line (RFC 4155);
    a body line "From now on…" that a careless writer left unescaped does not split a
    message. ">From " lines are unescaped one level, as mboxrd readers do.
    """
    messages: list[list[bytes]] = []
    previous_blank = True
    for line in raw.replace(b"\r\n", b"\n").split(b"\n"):
        if previous_blank and _SEPARATOR.match(line):
            messages.append([])
        elif messages:
            messages[-1].append(line[1:] if _ESCAPED_FROM.match(line) else line)
        previous_blank = not line.strip()
    texts = [b"\n".join(m).rstrip(b"\n") + b"\n" for m in messages]
    return [t for t in texts if t.strip()]


def mail_from_bytes(raw: bytes) -> Mail:
    """The parts of one message that make an interaction."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    date = None
    if message["Date"]:
        try:
            date = email.utils.parsedate_to_datetime(str(message["Date"])).date()
        except (TypeError, ValueError):
            date = None
    sender = next(iter(_addresses(message, "From")), "")
    return Mail(
        date=date,
        sender=sender,
        correspondents=_addresses(message, "From", "To", "Cc"),
        subject=str(message["Subject"] or ""),
        body_lines=first_lines(_body(message)),
    )
