"""vCard 4.0 (RFC 6350) for a client's contacts: one card per contact person.

A small writer of our own rather than `vobject`, which implements vCard 3.0
only (RFC 2426) and folds a line only when it is over 75 *characters*, so a
line of 74 non-ASCII characters (148 octets) goes out unfolded. Here:

- text values escape backslash, comma, semicolon and newlines (RFC 6350 3.4),
  and a URI value (URL) has those characters percent-encoded instead;
  CR LF, CR and LF all become `\\n`; other control characters, which a
  vCard cannot carry, are dropped;
- URL carries the website only when the site would link to it (http or
  https, safeurl.web_url): an address book may open it with one click;
- every line is at most 75 octets before its CR LF, folded with CR LF and one
  space, never inside a UTF-8 sequence or a backslash escape (RFC 6350 3.2);
- UID is a urn:uuid (uuid5) from the client id and the contact's email (or
  name, without one), so the same person gets the same UID in every export
  and an address book updates the card instead of adding a second one.

`contact_vcard(client, contact)` is the one entry point for one card (the
static site writes one .vcf per contact with it); `vcards(clients)` joins
the cards of every contact of every client.
"""

from __future__ import annotations

import base64
import re
import uuid
from collections.abc import Iterable
from typing import Any

from clientbook.util.contentline import CRLF, content_line, escape_text
from clientbook.util.safeurl import web_url

PRODID = "-//clientbook//vCard export//EN"
# uuid5 namespace for contact UIDs; fixed forever, or every address book sees new people
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://clientbook.invalid/vcard/contact")

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # keeps TAB; CR and LF are handled first
_E164 = re.compile(r"\+[1-9][0-9]{1,14}")


def uri_value(value: str) -> str:
    """A URI for a URI-valued property: `,` `;` `\\` and white space percent-encoded.

    RFC 6350 does not escape URI values, yet readers that treat every value
    as text (vobject among them) cut the address at a bare comma or
    semicolon; percent-encoded, every reader gets the whole address, which
    web servers read as the same one.
    """
    text = _CONTROL.sub("", value.replace("\r", "").replace("\n", ""))
    for char, code in ((",", "%2C"), (";", "%3B"), ("\\", "%5C"), (" ", "%20"), ("\t", "%09")):
        text = text.replace(char, code)
    return text


def split_name(full: str) -> tuple[str, str]:
    """(family, given) for N: the last word is taken as the family name.

    A guess, and wrong for many naming customs; FN always carries the name
    exactly as recorded, and N only helps an address book sort.
    """
    words = full.split()
    if len(words) < 2:
        return full.strip(), ""
    return words[-1], " ".join(words[:-1])


def contact_uid(client_id: str, contact: dict[str, Any]) -> str:
    """A stable urn:uuid for this person at this client (email, else name, decides)."""
    email = str(contact.get("email") or "").strip().lower()
    key = f"email:{email}" if email else f"name:{str(contact.get('name') or '').strip()}"
    seed = f"{client_id}\n{key}"
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, seed)}"


def _structured(*components: object) -> str:
    return ";".join(escape_text(c) for c in components)


def _text(value: object) -> str:
    return "" if value is None else str(value)


def vcard_data_url(client: dict[str, Any], contact: dict[str, Any]) -> str:
    """The contact's vCard as a data: URL, for a download link that needs no file of its own.

    Base64 rather than percent-encoding: urllib's quote took a fifth of a client page's time.
    """
    card = contact_vcard(client, contact).encode("utf-8")
    return "data:text/vcard;charset=utf-8;base64," + base64.b64encode(card).decode("ascii")


def contact_vcard(client: dict[str, Any], contact: dict[str, Any]) -> str:
    """One vCard 4.0 for one contact of one client, with CR LF line endings."""
    client_id = _text(client.get("id"))
    client_name = _text(client.get("name"))
    name = _text(contact.get("name"))
    family, given = split_name(name)
    lines = [
        "BEGIN:VCARD" + CRLF,
        "VERSION:4.0" + CRLF,
        content_line("PRODID", escape_text(PRODID)),
        content_line("UID", contact_uid(client_id, contact)),
        content_line("KIND", "individual"),
        content_line("FN", escape_text(name)),
        content_line("N", _structured(family, given, "", "", "")),
    ]
    if client.get("kind") != "individual" and client_name:
        lines.append(content_line("ORG", _structured(client_name)))
    if contact.get("role"):
        lines.append(content_line("TITLE", escape_text(contact["role"])))
    if contact.get("email"):
        lines.append(content_line("EMAIL", escape_text(contact["email"]), [("TYPE", "work")]))
    phone = _text(contact.get("phone")).strip()
    if phone and _E164.fullmatch(phone):
        lines.append(content_line("TEL", f"tel:{phone}", [("VALUE", "uri"), ("TYPE", "work")]))
    elif phone:
        lines.append(content_line("TEL", escape_text(phone), [("VALUE", "text"), ("TYPE", "work")]))
    address = client.get("address")
    if isinstance(address, dict) and address:
        lines.append(
            content_line(
                "ADR",
                _structured(
                    "",
                    "",
                    address.get("street"),
                    address.get("city"),
                    address.get("region"),
                    address.get("postcode"),
                    address.get("country"),
                ),
                [("TYPE", "work")],
            )
        )
    communication = client.get("communication")
    language = communication.get("language") if isinstance(communication, dict) else None
    if isinstance(language, str) and language:
        lines.append(content_line("LANG", escape_text(language)))
    website = web_url(client.get("website"))  # the site's rule: javascript: and the like stay out
    if website:
        lines.append(content_line("URL", uri_value(website)))
    if client_id:
        lines.append(content_line("CATEGORIES", escape_text(client_id)))
    lines.append(content_line("NOTE", escape_text(_note(client_id, client_name, contact))))
    lines.append("END:VCARD" + CRLF)
    return "".join(lines)


def _note(client_id: str, client_name: str, contact: dict[str, Any]) -> str:
    parts = [f"clientbook client {client_id}: {client_name}"]
    if contact.get("primary") is True:
        parts.append("Primary contact")
    if contact.get("preferred_channel"):
        parts.append(f"Preferred channel: {contact['preferred_channel']}")
    return "\n".join(parts)


def vcards(clients: Iterable[dict[str, Any]]) -> str:
    """Every contact of every client, in the order given, as one .vcf text."""
    cards = []
    for client in clients:
        contacts = client.get("contacts")
        if not isinstance(contacts, list):
            continue
        cards += [contact_vcard(client, c) for c in contacts if isinstance(c, dict)]
    return "".join(cards)
