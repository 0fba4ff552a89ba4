"""Where the default schemas and templates live.

A wheel carries them as package data under clientbook/_data; a source
checkout (editable install, tests) uses the repository's own copies, so the
repository keeps exactly one copy of each.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # clientbook/, above core/


def data_dir() -> Path:
    bundled = _PACKAGE / "_data"
    if bundled.is_dir():
        return bundled
    return _PACKAGE.parent.parent


def default_schemas() -> Path:
    return data_dir() / "schemas"


def default_templates() -> Path:
    return data_dir() / "templates"
