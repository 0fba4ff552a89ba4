"""Markdown-safe text: record content must not become markup or HTML in a comment or summary."""

from __future__ import annotations

_SPECIAL = "\\`*_{}[]()<>#+!|~"


def escape(text: str) -> str:
    for char in _SPECIAL:
        text = text.replace(char, "\\" + char)
    return " ".join(text.split())
