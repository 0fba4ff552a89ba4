"""The onboarding form in a real headless Chromium: fill it, create the record, lint it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from tests.browser import console_errors, screenshot
from tests.conftest import RecordsRepo, run_cli

pytestmark = pytest.mark.browser


@pytest.fixture
def form(records_repo: RecordsRepo) -> Path:
    result = run_cli("--repo", str(records_repo.root), "form")
    assert result.exit_code == 0, result.output
    return records_repo.root / "forms" / "onboarding.html"


def _open(driver: Any, page: Path) -> None:
    driver.get(page.as_uri())
    driver.execute_script("localStorage.clear()")
    driver.get(page.as_uri())


def _set(driver: Any, element: Any, value: str) -> None:
    """Type into text inputs; set date inputs as the date picker would."""
    if element.get_attribute("type") == "date":
        driver.execute_script(
            "arguments[0].value = arguments[1];"
            "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
            element,
            value,
        )
    else:
        element.clear()
        element.send_keys(value)


def _in(item: Any, key: str) -> Any:
    return item.find_element(
        By.CSS_SELECTOR,
        f'[data-key="{key}"] > input, [data-key="{key}"] > select, [data-key="{key}"] > textarea',
    )


def _click(driver: Any, element: Any) -> None:
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def _add(driver: Any, list_key: str) -> Any:
    fieldset = driver.find_element(By.CSS_SELECTOR, f'fieldset.list[data-key="{list_key}"]')
    _click(driver, fieldset.find_element(By.CSS_SELECTOR, ":scope > button.add"))
    return fieldset.find_elements(By.CSS_SELECTOR, ":scope > .items > .item")[-1]


def _fill_zenith(d: Any) -> None:
    _set(d, d.find_element(By.ID, "f-name"), "Zenith Pharma GmbH")
    assert d.find_element(By.ID, "f-id").get_attribute("value") == "zenith-pharma-gmbh"
    Select(d.find_element(By.ID, "f-status")).select_by_value("active")
    _set(d, d.find_element(By.ID, "f-since"), "2026-11-02")
    Select(d.find_element(By.ID, "f-owner")).select_by_value("account-manager")
    Select(d.find_element(By.ID, "f-jurisdiction")).select_by_value("EU")
    for name, email, phone in (
        ("Greta Lind", "greta@zenith.example", "+442079460111"),
        ("Omar Haddad", "omar@zenith.example", "+12025550142"),
    ):
        contact = _add(d, "contacts")
        _set(d, _in(contact, "name"), name)
        _set(d, _in(contact, "email"), email)
        _set(d, _in(contact, "phone"), phone)
    consent = _add(d, "consents")
    Select(_in(consent, "purpose")).select_by_value("newsletter")
    Select(_in(consent, "lawful_basis")).select_by_value("consent")
    _set(d, _in(consent, "given"), "2026-11-02")
    _set(d, _in(consent, "source"), "Signed onboarding form")
    for step in ("identity-check", "agreement-signed", "consents-recorded"):
        _set(d, d.find_element(By.ID, f"step-{step}"), "2026-11-03")
    _click(d, d.find_element(By.ID, "create"))


def test_round_trip_produces_a_record_that_lints_clean(
    chromium: Any, form: Path, records_repo: RecordsRepo
) -> None:
    d = chromium
    _open(d, form)
    _fill_zenith(d)
    output = d.find_element(By.ID, "output").get_attribute("value")
    screenshot(d, "onboarding-form-created")
    assert output.startswith("# yaml-language-server: $schema=../schemas/client.schema.json\n")
    assert d.find_element(By.ID, "download").get_attribute("download") == "zenith-pharma-gmbh.yaml"
    (records_repo.root / "clients" / "zenith-pharma-gmbh.yaml").write_text(output, encoding="utf-8")
    lint = records_repo.lint("--format", "json")
    assert json.loads(lint.stdout)["diagnostics"] == [], output
    assert lint.exit_code == 0
    keys = [
        line.split(":")[0] for line in output.splitlines()[1:] if line and not line.startswith(" ")
    ]
    assert keys == [
        "id",
        "name",
        "kind",
        "status",
        "since",
        "owner",
        "jurisdiction",
        "contacts",
        "consents",
        "onboarding",
    ]
    assert console_errors(d) == []


def test_browser_blocks_a_missing_field_and_a_bad_email(chromium: Any, form: Path) -> None:
    d = chromium
    _open(d, form)
    _set(d, d.find_element(By.ID, "f-id"), "acme")
    Select(d.find_element(By.ID, "f-owner")).select_by_value("account-manager")
    Select(d.find_element(By.ID, "f-jurisdiction")).select_by_value("GB")
    _set(d, d.find_element(By.ID, "f-since"), "2026-11-02")
    contact = _add(d, "contacts")
    _set(d, _in(contact, "name"), "Jo")
    email = _in(contact, "email")
    _set(d, email, "jo at acme")
    _click(d, d.find_element(By.ID, "create"))
    name = d.find_element(By.ID, "f-name")
    assert d.find_element(By.ID, "result").get_attribute("hidden") is not None  # nothing produced
    assert name.get_property("validity")["valueMissing"]
    assert name.get_property("validationMessage") == "Please fill in Name."
    assert email.get_property("validity")["typeMismatch"]
    assert "email address" in email.get_property("validationMessage")
    assert d.switch_to.active_element == name  # the browser took the person to the first problem
    screenshot(d, "onboarding-form-blocked")


def test_pattern_message_in_plain_words(chromium: Any, form: Path) -> None:
    d = chromium
    _open(d, form)
    contact = _add(d, "contacts")
    phone = _in(contact, "phone")
    _set(d, phone, "020 7946 0111")
    assert d.execute_script("return arguments[0].checkValidity()", phone) is False
    assert "E.164" in phone.get_property("validationMessage")


def test_draft_survives_a_reload(chromium: Any, form: Path) -> None:
    d = chromium
    _open(d, form)
    _set(d, d.find_element(By.ID, "f-name"), "Draft Client Ltd")
    contact = _add(d, "contacts")
    _set(d, _in(contact, "name"), "Dee Raft")
    d.refresh()
    assert d.find_element(By.ID, "f-name").get_attribute("value") == "Draft Client Ltd"
    items = d.find_elements(By.CSS_SELECTOR, 'fieldset.list[data-key="contacts"] > .items > .item')
    assert len(items) == 1 and _in(items[0], "name").get_attribute("value") == "Dee Raft"
    _click(d, d.find_element(By.ID, "clear-draft"))
    assert d.find_element(By.ID, "f-name").get_attribute("value") == ""


def test_hostile_schema_text_stays_text(chromium: Any, records_repo: RecordsRepo) -> None:
    schema_path = records_repo.root / "schemas" / "client.schema.json"
    schema = json.loads(schema_path.read_text())
    schema["properties"]["industry"]["title"] = (
        "<script>window.pwned=1</script><img src=x onerror=window.pwned=2>"
    )
    schema["properties"]["industry"]["description"] = '"><b id="injected">bold</b>'
    schema_path.write_text(json.dumps(schema))
    assert run_cli("--repo", str(records_repo.root), "form").exit_code == 0
    d = chromium
    _open(chromium, records_repo.root / "forms" / "onboarding.html")
    assert d.execute_script("return window.pwned") is None
    assert d.find_elements(By.ID, "injected") == []
    label = d.find_element(By.CSS_SELECTOR, 'label[for="f-industry"]').text
    assert "<script>window.pwned=1</script>" in label


def test_review_form_is_prefilled_and_highlights_changes(
    chromium: Any, records_repo: RecordsRepo
) -> None:
    from tests.conftest import minimal_record
    from tests.gitrepo import GitRepo

    repo = GitRepo(records_repo.root)
    records_repo.write_record(
        minimal_record(review={"last_reviewed": "2026-06-01", "interval": "annually"})
    )
    repo.commit("Add", date="2026-05-01T10:00:00+00:00")
    records_repo.write_record(
        minimal_record(
            industry="Freight", review={"last_reviewed": "2026-06-01", "interval": "annually"}
        )
    )
    repo.commit("Industry", date="2026-07-01T10:00:00+00:00")
    result = run_cli("--repo", str(records_repo.root), "form", "acme-logistics")
    assert result.exit_code == 0 and "1 field changed" in result.stdout
    d = chromium
    d.get((records_repo.root / "forms" / "review-acme-logistics.html").as_uri())
    assert d.find_element(By.ID, "f-name").get_attribute("value") == "Acme Logistics"
    assert d.find_element(By.ID, "f-industry").get_attribute("value") == "Freight"
    changed = d.find_elements(By.CSS_SELECTOR, ".changed")
    assert [el.get_attribute("data-key") for el in changed] == ["industry"]
    screenshot(d, "review-form")
    _click(d, d.find_element(By.ID, "create"))
    output = d.find_element(By.ID, "output").get_attribute("value")
    assert 'industry: "Freight"' in output and '  - date: "2026-11-02"' in output


def test_the_form_names_the_folder_the_layout_puts_the_file_in(
    chromium: Any, records_repo: RecordsRepo
) -> None:
    config = records_repo.root / "clientbook.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "layout: prefix2\n", encoding="utf-8")
    assert run_cli("--repo", str(records_repo.root), "form").exit_code == 0
    d = chromium
    _open(d, records_repo.root / "forms" / "onboarding.html")
    _fill_zenith(d)
    path = d.find_element(By.ID, "result-name").text
    assert path == "clients/ze/zenith-pharma-gmbh.yaml"
    output = d.find_element(By.ID, "output").get_attribute("value")
    assert output.startswith("# yaml-language-server: $schema=../../schemas/client.schema.json\n")
    (records_repo.root / path).parent.mkdir()
    (records_repo.root / path).write_text(output, encoding="utf-8")
    lint = records_repo.lint("--format", "json")
    assert json.loads(lint.stdout)["diagnostics"] == [], output
    assert run_cli("--repo", str(records_repo.root), "fmt", "--check").exit_code == 0
    assert console_errors(d) == []
