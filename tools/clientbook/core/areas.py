"""The folders a change may write in (core/changeset.py), one function each, named as messages say."""

from __future__ import annotations

from pathlib import Path

from clientbook.core.changeset import Area
from clientbook.core.config import Config
from clientbook.core.repo import CLIENTS_DIR, DOCUMENTS_DIR


def records_area(config: Config) -> Area:
    return Area(f"{CLIENTS_DIR}/", config.root / CLIENTS_DIR)


def documents_area(config: Config) -> Area:
    return Area(f"{DOCUMENTS_DIR}/", config.root / DOCUMENTS_DIR)


def repository_area(config: Config) -> Area:
    """The repository's own top-level files: erasures.yaml, CODEOWNERS, .github/…"""
    return Area("the repository", config.root)


def output_area(folder: Path, option: str = "--out") -> Area:
    """A folder the user chose for an output: anywhere, but what is written stays inside it."""
    return Area(f"{option} {folder}", folder.absolute(), in_repository=False)
