"""Reading an email (.eml, or each message of an mbox) as an interaction: date, direction,
correspondents, summary.

The standard library's parser (policy=email.policy.default) decodes encoded headers and
bodies; the summary is the subject and the first lines of the plain-text body (HTML
converted to text when there is no plain part), never the quoted reply. Attachments are
not read.

A charset this Python has no codec for is read as mail clients read it (UTF-8 when the
bytes are UTF-8, else Windows-1252, the Latin-1 of mail clients) and said in a warning.
A Date header is the interaction's day only when a message can have been sent then: a
missing or unparseable one, or a year before 1970, gives no day (`Mail.date_problem`
says why), and the caller asks for one rather than inventing it.
"""

from __future__ import annotations

import datetime as dt
import email
import email.errors
import email.header
import email.policy
import email.utils
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage, MIMEPart
from html.parser import HTMLParser
from pathlib import Path

from clientbook.util.regularfile import regular_file_bytes
from clientbook.util.terminal import printable

# "On Tue, 1 Dec 2026, Jane <jane@x> wrote:" and its common cousins: the quoted reply begins
_REPLY_HEADER = re.compile(r"^\s*(on\s.+\bwrote:|am\s.+\bschrieb.*:|le\s.+\ba écrit\s?:)\s*$", re.I)
_SEPARATORS = re.compile(r"^\s*(-{2,}\s*(original message|forwarded message)?.*|_{5,}|-- )$", re.I)
_SEPARATOR = re.compile(rb"^From \S+ +\S.*\d\d:\d\d")  # "From sender Tue Nov 17 09:30:00 2026"
_ESCAPED_FROM = re.compile(rb"^>+From ")
# the digits of a Date header that are neither the time (09:30:00) nor a zone (+0100)
_DATE_NUMBER = re.compile(r"(?<![\d:+-])\d+(?![\d:])")
_FOLD = re.compile(r"\r?\n(?=[ \t])")
EARLIEST_YEAR = 1970  # the Unix epoch: an older year is a clock or a mail program gone wrong
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
    date_problem: str = ""  # why `date` is None: no Date header, or one it cannot have
    warnings: tuple[str, ...] = ()  # text read in a charset the message does not name

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


def _body(message: EmailMessage, warnings: list[str]) -> str:
    part = message.get_body(preferencelist=("plain",))
    if part is not None:
        return _text_of(part, warnings)
    part = message.get_body(preferencelist=("html",))
    if part is not None:
        return html_to_text(_text_of(part, warnings))
    return ""


def known_charset(charset: str) -> bool:
    """Python can decode text in `charset` (rot13 and the like are codecs, not text ones)."""
    try:
        b"a".decode(charset, errors="replace")  # not b"": decoding nothing looks no codec up
    except LookupError:
        return False
    except UnicodeError:  # a codec, even if not for this byte
        return True
    return True


def read_as_guessed(data: bytes) -> tuple[str, str]:
    """(text, the charset used) for bytes whose charset is unknown, as mail clients read
    them: UTF-8 when they are valid UTF-8, else Windows-1252, which mail clients read for
    Latin-1 and which decodes all but five bytes."""
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252 (Latin-1)"


def _text_of(part: MIMEPart, warnings: list[str]) -> str:
    try:
        return str(part.get_content())
    # no text codec for its charset (LookupError), one that fails even with errors="replace"
    # (UnicodeError), an RFC 2231 charset the content manager passes on as a tuple (TypeError)
    except (LookupError, UnicodeError, TypeError):
        charset = part.get_content_charset() or "us-ascii"
    payload = part.get_payload(decode=True)
    text, used = read_as_guessed(payload if isinstance(payload, bytes) else b"")
    warnings.append(f"the text is in the charset {charset!r}, unknown here; read as {used}")
    return text


def _raw_header(message: EmailMessage, name: str) -> str | None:
    """The header as the file has it (the parsed one is rewritten: a Date's year among it)."""
    wanted = name.casefold()
    return next((str(v) for k, v in message.raw_items() if k.casefold() == wanted), None)


def _header_text(message: EmailMessage, name: str, warnings: list[str]) -> str:
    """A text header decoded; an encoded word in an unknown charset read as guessed."""
    text = str(message[name] or "")
    raw = _raw_header(message, name)
    if raw is None or "=?" not in raw:
        return text
    try:  # unfolded first: decode_header drops the white space a fold begins with
        pieces = email.header.decode_header(_FOLD.sub("", raw))
    except (email.errors.HeaderParseError, ValueError):
        return text
    unknown = [c for _, c in pieces if c and not known_charset(c)]
    if not unknown:
        return text
    decoded = [_piece(chunk, charset) for chunk, charset in pieces]
    used = next(u for (_, u), (_, c) in zip(decoded, pieces, strict=True) if c in unknown)
    warnings.append(
        f"the {name} header is in the charset {unknown[0]!r}, unknown here; read as {used}"
    )
    return " ".join("".join(text for text, _ in decoded).split())


def _piece(chunk: bytes | str, charset: str | None) -> tuple[str, str]:
    """(text, the charset it was read in) for one piece of email.header.decode_header."""
    if isinstance(chunk, str):
        return chunk, ""
    try:  # decode_header gives the words between encoded ones in raw-unicode-escape
        return chunk.decode(charset or "raw-unicode-escape", errors="replace"), charset or ""
    except (LookupError, UnicodeError):
        return read_as_guessed(chunk)


def sent_on(raw: str | None) -> tuple[dt.date | None, str]:
    """(the day a Date header gives, "") or (None, why it gives none)."""
    if raw is None or not raw.strip():
        return None, "it has no Date header"
    shown = " ".join(raw.split())
    quoted = repr(shown if len(shown) <= 80 else shown[:79] + "…")
    try:
        day = email.utils.parsedate_to_datetime(shown).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None, f"its Date header {quoted} is not a date"
    # the parser takes a year 0001 for the two-digit year 01, that is 2001: read it as written
    written = [int(n) for n in _DATE_NUMBER.findall(shown) if len(n) >= 3]
    year = written[0] if written else day.year
    if year < EARLIEST_YEAR:
        return None, (
            f"its Date header {quoted} is in the year {year}, before {EARLIEST_YEAR}: "
            "the sender's clock or mail program is wrong"
        )
    return day, ""


def _addresses(message: EmailMessage, *headers: str) -> list[str]:
    values = [str(v) for h in headers for v in message.get_all(h, [])]
    found = [addr.strip().lower() for _, addr in email.utils.getaddresses(values)]
    return list(dict.fromkeys(a for a in found if "@" in a))


class MailUnreadable(Exception):
    """The file is not a regular file, is too large, or cannot be read; the words say which."""


def _to_stderr(text: str) -> None:
    print(printable(text), file=sys.stderr)


def read_messages(
    path: Path, limit: int = MAX_MAILBOX, warn: Callable[[str], None] | None = None
) -> list[Mail]:
    """Every message of an .eml (one) or an mbox (each, in file order).

    The file is named by the user, so a symbolic link is followed; a FIFO, a device or
    a folder is refused unread, as is a file over `limit`. Each message's warnings go to
    `warn` (standard error when None), naming the file and, in an mbox, the message.
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
        mails = [mail_from_bytes(m) for m in mbox_messages(raw)]
    else:
        mails = [mail_from_bytes(raw)]
    for number, mail in enumerate(mails, start=1):
        which = f"{path}" if len(mails) == 1 else f"{path} message {number}"
        for words in mail.warnings:
            (warn or _to_stderr)(f"{which}: warning: {words}")
    return mails


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
    date, date_problem = sent_on(_raw_header(message, "Date"))
    sender = next(iter(_addresses(message, "From")), "")
    warnings: list[str] = []
    subject = _header_text(message, "Subject", warnings)
    body_lines = first_lines(_body(message, warnings))
    return Mail(
        date=date,
        sender=sender,
        correspondents=_addresses(message, "From", "To", "Cc"),
        subject=subject,
        body_lines=body_lines,
        date_problem=date_problem,
        warnings=tuple(warnings),
    )
