"""Rendering forms: snapshots of the HTML, escaping, and the form command."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from clientbook.authoring.formmodel import build_form
from clientbook.authoring.forms import (
    config_form,
    environment,
    option_labels,
    render_onboarding,
    render_print,
)
from clientbook.core.config import load_config
from tests.conftest import RecordsRepo, run_cli

SMALL = {
    "title": "Client",
    "type": "object",
    "required": ["id", "name"],
    "properties": {
        "id": {
            "type": "string",
            "title": "Client id",
            "description": "The file name.",
            "pattern": "^[a-z-]+$",
        },
        "name": {"type": "string", "title": "Name", "description": "The name.", "maxLength": 50},
        "kind": {
            "type": "string",
            "title": "Kind",
            "description": "Which kind.",
            "enum": ["organization", "individual"],
        },
        "owner": {"type": "string", "title": "Owner", "description": "Staff id."},
        "contacts": {
            "type": "array",
            "title": "Contacts",
            "description": "People.",
            "items": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string", "title": "Name", "description": "Their name."},
                    "email": {
                        "type": "string",
                        "format": "email",
                        "title": "Email",
                        "description": "Work email.",
                    },
                },
            },
        },
        "extra": {
            "title": "Extra",
            "description": "Free-form.",
            "oneOf": [{"type": "string"}, {"type": "integer"}],
        },
    },
}


def _render(root: Path, schema: dict[str, object]) -> tuple[str, str]:
    config = load_config(root)
    model = config_form(config, schema)
    env = environment(root)
    labels = option_labels(config)
    return render_onboarding(env, config, model, labels), render_print(env, config, model, labels)


def test_snapshots(records_repo: RecordsRepo, snapshot: Callable[[str, str], None]) -> None:
    onboarding, printable = _render(records_repo.root, SMALL)
    snapshot(
        "onboarding-small.html", onboarding.split("<script>")[0]
    )  # the script is tested in the browser
    snapshot("onboarding-print-small.html", printable)


def test_hostile_schema_text_is_escaped(records_repo: RecordsRepo) -> None:
    schema = json.loads(json.dumps(SMALL))
    schema["properties"]["name"]["title"] = "<script>alert(1)</script>"
    schema["properties"]["name"]["description"] = '"><img src=x onerror=alert(2)>'
    schema["properties"]["kind"]["enum"] = ['"><b>x</b>']
    onboarding, printable = _render(records_repo.root, schema)
    for html in (onboarding, printable):
        assert (
            "<script>alert(1)</script>" not in html
            and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        )
        assert "<img src=x" not in html and "<b>x</b>" not in html


def test_form_command_writes_both_forms(records_repo: RecordsRepo) -> None:
    result = run_cli("--repo", str(records_repo.root), "form", "--out", "out")
    assert result.exit_code == 0
    onboarding = (records_repo.root / "out" / "onboarding.html").read_text()
    assert 'data-key="contacts"' in onboarding and "Content-Security-Policy" in onboarding
    assert "https://" not in onboarding.split("<body>")[0].replace(
        "https://json-schema.org", ""
    )  # nothing fetched
    assert "Identity and sanctions check" in onboarding  # the checklist from clientbook.yaml
    assert (
        "Identity and sanctions check"
        in (records_repo.root / "out" / "onboarding-print.html").read_text()
    )


def test_owner_offers_the_staff_of_the_config(records_repo: RecordsRepo) -> None:
    onboarding, _ = _render(records_repo.root, SMALL)
    assert (
        '<option value="account-manager">Account Manager (account-manager)</option>' in onboarding
    )


def test_review_form_for_an_unknown_client(records_repo: RecordsRepo) -> None:
    result = run_cli("--repo", str(records_repo.root), "form", "nobody")
    assert result.exit_code == 2 and "no client 'nobody'" in result.stderr


def test_review_form_without_git_warns_and_still_renders(records_repo: RecordsRepo) -> None:
    from tests.conftest import minimal_record

    records_repo.write_record(minimal_record())
    result = run_cli("--repo", str(records_repo.root), "form", "acme-logistics")
    assert result.exit_code == 0 and "cannot be highlighted" in result.stderr
    html = (records_repo.root / "forms" / "review-acme-logistics.html").read_text()
    assert "Data review: Acme Logistics" in html and '"name": "Acme Logistics"' in html


def test_model_of_the_small_schema_keeps_the_oneof() -> None:
    assert [f.widget for f in build_form(SMALL).fields()][-1] == "yaml"
