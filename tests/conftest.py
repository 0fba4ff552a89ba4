"""Fixtures: throwaway records repositories in tmp_path, and a CLI runner."""

from __future__ import annotations

import datetime as dt
import json
import os
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from clientbook.authoring.scaffold import scaffold
from clientbook.cli import main

pytest_plugins = ["tests.browser"]  # the chromium fixture

TODAY = dt.date(2026, 11, 23)
REPO_ROOT = Path(__file__).resolve().parent.parent
# Words far apart, for client names that duplicate detection must not pair.
NAME_WORDS = (
    "amber",
    "birch",
    "cobalt",
    "delta",
    "ember",
    "fjord",
    "garnet",
    "harbor",
    "indigo",
    "juniper",
)


# A meeting with a follow-up a week after TODAY: due, open, on the calendar and the owner's list.
OPEN_FOLLOW_UP: dict[str, Any] = {
    "date": "2026-11-02",
    "channel": "meeting",
    "direction": "outbound",
    "summary": "Review",
    "follow_up": "2026-11-30",
}


def minimal_record(**overrides: Any) -> dict[str, Any]:
    """A record that lints clean on TODAY against the init config; override fields to break it."""
    record: dict[str, Any] = {
        "id": "acme-logistics",
        "name": "Acme Logistics",
        "kind": "organization",
        "status": "active",
        "since": "2026-01-05",
        "owner": "account-manager",
        "team": "accounts",
        "jurisdiction": "GB",
        "communication": {"frequency": "quarterly"},
        "interactions": [
            {
                "date": "2026-11-02",
                "channel": "meeting",
                "direction": "outbound",
                "by": "account-manager",
                "summary": "Quarterly check-in.",
            }
        ],
        "onboarding": [
            {"step": "identity-check", "done": "2026-01-06"},
            {"step": "agreement-signed", "done": "2026-01-07"},
            {"step": "consents-recorded", "done": "2026-01-07"},
        ],
        "review": {"last_reviewed": "2026-06-01", "interval": "annually"},
    }
    record.update(overrides)
    return {k: v for k, v in record.items() if v is not None}


class RecordsRepo:
    """A records repository made by `clientbook init` in tmp_path, without its example client."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, name: str, text: str) -> Path:
        path = self.root / "clients" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def write_record(self, record: dict[str, Any], name: str | None = None) -> Path:
        """Write a record as YAML (JSON flow style is valid YAML and keeps every type)."""
        lines = ["# yaml-language-server: $schema=../schemas/client.schema.json"]
        lines += [
            f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in record.items()
        ]
        return self.write(name or f"{record['id']}.yaml", "\n".join(lines) + "\n")

    def lint(self, *args: str, cache: bool = False) -> Result:
        cached = () if cache else ("--no-cache",)
        return run_cli(
            "--repo", str(self.root), "lint", "--today", TODAY.isoformat(), *cached, *args
        )

    def lint_json(self, *args: str, cache: bool = False) -> dict[str, Any]:
        result = self.lint("--format", "json", *args, cache=cache)
        assert result.exit_code in (0, 1), result.output
        return json.loads(result.stdout)


def age_folders(*folders: Path) -> None:
    """Set each folder's modification time a minute back (the ones that exist), so that a
    name added to it even within the clock's tick moves it (core/repo.listing_unchanged)."""
    for folder in folders:
        if folder.is_dir():
            old = (os.stat(folder).st_mtime_ns // 10**9 - 60) * 10**9
            os.utime(folder, ns=(old, old))


def site_files(folder: Path) -> dict[str, bytes]:
    """Every file of a built site, by its path in the site, with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def run_cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def records_repo(tmp_path: Path) -> RecordsRepo:
    root = tmp_path / "records"
    scaffold(root, "Test Org", TODAY)
    (root / "clients" / "example-client.yaml").unlink()
    return RecordsRepo(root)


@pytest.fixture
def lint_record(records_repo: RecordsRepo) -> Callable[..., list[dict[str, Any]]]:
    """Write one record (minimal_record with overrides) and return its diagnostics as dicts."""

    def run(**overrides: Any) -> list[dict[str, Any]]:
        records_repo.write_record(minimal_record(**overrides))
        return records_repo.lint_json()["diagnostics"]  # type: ignore[no-any-return]

    return run


def rules_of(diagnostics: list[dict[str, Any]]) -> set[str]:
    return {d["rule"] for d in diagnostics}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-snapshots",
        action="store_true",
        help="rewrite tests/snapshots/ from the current output",
    )


@pytest.fixture
def snapshot(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with tests/snapshots/NAME; --update-snapshots rewrites it instead."""
    update = request.config.getoption("--update-snapshots")

    def check(name: str, text: str) -> None:
        path = Path(__file__).parent / "snapshots" / name
        if update or not path.exists():
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            if not update:
                pytest.fail(
                    f"snapshot {name} did not exist and was written; check it and run again"
                )
        assert text == path.read_text(encoding="utf-8"), (
            f"{name} differs; run pytest --update-snapshots if intended"
        )

    return check
