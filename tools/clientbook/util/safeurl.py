"""URLs from records become links only with http, https, mailto or tel schemes."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

ALLOWED = ("http", "https", "mailto", "tel")


def safe_url(value: object) -> str | None:
    """The URL if a browser may follow it, else None (the value is then shown as text)."""
    if not isinstance(value, str) or any(c in value for c in "\x00\r\n\t"):
        return None
    try:
        scheme = urlsplit(value.strip()).scheme.lower()
    except ValueError:
        return None
    return value.strip() if scheme in ALLOWED else None


def web_url(value: object) -> str | None:
    """A website's address if it is one the site would link to with http or https, else None."""
    url = safe_url(value)
    return url if url is not None and urlsplit(url).scheme.lower() in ("http", "https") else None


def mailto(email: object) -> str | None:
    # quote leaves only letters, digits and @.+-_~: the link can be nothing but a mailto:
    return (
        "mailto:" + quote(email, safe="@.+-_") if isinstance(email, str) and "@" in email else None
    )


def tel(phone: object) -> str | None:
    # a + and digits only: nothing a browser could take for another scheme
    return (
        "tel:" + phone
        if isinstance(phone, str) and phone.startswith("+") and phone[1:].isdigit()
        else None
    )
