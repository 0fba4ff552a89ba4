from __future__ import annotations

import pytest

from clientbook.lint.rules.duplicates import normalise_name
from clientbook.lint.rules.duplicates_names import NameMatch, alike_names, compare_names, name_keys
from tests.conftest import NAME_WORDS, RecordsRepo, minimal_record


def _dups(repo: RecordsRepo) -> list[dict[str, object]]:
    return [d for d in repo.lint_json()["diagnostics"] if d["rule"] == "duplicate-client"]


def test_near_identical_names_are_reported_on_both(records_repo: RecordsRepo) -> None:
    records_repo.write_record(minimal_record(name="Acme Logistics Ltd"))
    records_repo.write_record(minimal_record(id="acme", name="ACME Logistics"))
    dups = _dups(records_repo)
    assert {d["path"] for d in dups} == {"clients/acme.yaml", "clients/acme-logistics.yaml"}
    assert any("clients/acme.yaml" in str(d["message"]) for d in dups)


def test_shared_email_is_reported(records_repo: RecordsRepo) -> None:
    contact = [{"name": "Jo Bloggs", "email": "Jo@Shared.example"}]
    records_repo.write_record(minimal_record(contacts=contact))
    records_repo.write_record(
        minimal_record(
            id="zenith-ltd", name="Zenith", contacts=[{"name": "Jo", "email": "jo@shared.example"}]
        )
    )
    assert "the email jo@shared.example" in str(_dups(records_repo)[0]["message"])


def test_different_clients_pass(records_repo: RecordsRepo) -> None:
    records_repo.write_record(minimal_record(contacts=[{"name": "A", "email": "a@gmail.com"}]))
    records_repo.write_record(
        minimal_record(
            id="zenith-ltd", name="Zenith Pharma", contacts=[{"name": "B", "email": "b@gmail.com"}]
        )
    )
    assert _dups(records_repo) == []


def test_inline_suppression(records_repo: RecordsRepo) -> None:
    records_repo.write_record(minimal_record(name="Acme Logistics Ltd"))
    records_repo.write(
        "acme.yaml",
        records_repo.write_record(minimal_record(id="acme", name="ACME Logistics"))
        .read_text()
        .replace(
            'name: "ACME Logistics"',
            'name: "ACME Logistics"  # clientbook: ignore[duplicate-client]',
        ),
    )
    assert [d["path"] for d in _dups(records_repo)] == ["clients/acme-logistics.yaml"]


# --- names across scripts and spellings -------------------------------------------------------

SUSPECTED = [
    ("Müller GmbH", "Mueller GmbH", "transliterated"),
    ("Müller GmbH", "Мюллер GmbH", "transliterated"),
    ("Mueller GmbH", "Мюллер ООО", "transliterated"),
    ("Straße Bau AG", "Strasse Bau GmbH", "transliterated"),
    ("Jon Smith Ltd", "John Smyth Ltd", "phonetic"),
    ("Schmidt Technik GmbH", "Шмидт Техник GmbH", "phonetic"),
    ("Wagner Logistik", "Вагнер Logistik", "phonetic"),
    ("Acme Logistics Ltd", "ACME Logistics", "same"),
    ("Flint Homestead N.V.", "Flint Homestead NV", "same"),
    ("Brightwater Holdings", "Brightwatr Holdings", "phonetic"),
    ("Brightwater Holdings", "Brightwaters Holdings", "fuzzy"),
    ("Hawthorn Summit", "Summit Hawthorn", "fuzzy"),
]

NOT_SUSPECTED = [
    ("Northwind Logistics", "Southwind Logistics"),  # another first letter: another name
    ("Amber Consulting Group", "Ember Consulting Group"),  # only the common words alike
    ("Global Solutions Ltd", "Global Services Ltd"),
    ("Acme Logistics", "Acme Consulting"),
    ("Zephyr Glasshouse Ltd", "Sapphire Glasshouse Ltd"),  # one metaphone code, two words
    ("Birch Joinery", "Brooch Joinery"),
    ("Jan Smith Ltd", "Jon Smith Ltd"),
    ("Hansen Marine AS", "Jansen Marine AS"),
    ("Central Health Partners", "Coastal Health Partners"),
    ("Meridian Bank", "Moorland Bank"),
    ("Limited", "GmbH"),  # nothing but legal forms: no name to compare
]


def _match(first: str, second: str) -> NameMatch | None:
    keys = [name_keys(n, normalise_name(n)) for n in (first, second)]
    return compare_names(keys[0], keys[1], 0.92)


@pytest.mark.parametrize(("first", "second", "kind"), SUSPECTED)
def test_alike_names_are_suspected_and_say_why(first: str, second: str, kind: str) -> None:
    match = _match(first, second)
    assert match is not None and match.kind == kind, match


@pytest.mark.parametrize(("first", "second"), NOT_SUSPECTED)
def test_distinct_clients_with_similar_words_are_not(first: str, second: str) -> None:
    assert _match(first, second) is None


def test_normalised_name_transliterates_and_drops_legal_forms() -> None:
    assert normalise_name("Мюллер ООО") == "myuller"
    assert normalise_name("Müller GmbH") == normalise_name("Muller G.m.b.H.") == "muller"
    assert normalise_name("O'Brien & Sons, S.p.A.") == "obrien and sons"


def test_alike_names_are_found_among_many_without_comparing_all() -> None:
    """The blocking keys bring each planted pair together among 1,225 distinct names."""
    words = [w + tail for w in NAME_WORDS for tail in ("ford", "wick", "stone", "more", "by")]
    names = [f"{a.title()} {b.title()} Ltd" for a in words for b in words if a < b]
    names += ["Zzyzx Müller GmbH", "Zzyzx Mueller GmbH", "Zzyzx Мюллер GmbH"]
    names += ["Quonset Jon Smith Ltd", "Quonset John Smyth Ltd"]
    keys = [name_keys(n, normalise_name(n)) for n in names]
    found = {(names[i], names[j]) for i, j, _ in alike_names(keys, 0.92)}
    assert found == {
        ("Zzyzx Müller GmbH", "Zzyzx Mueller GmbH"),
        ("Zzyzx Müller GmbH", "Zzyzx Мюллер GmbH"),
        ("Zzyzx Mueller GmbH", "Zzyzx Мюллер GmbH"),
        ("Quonset Jon Smith Ltd", "Quonset John Smyth Ltd"),
    }


def test_cross_script_duplicates_are_reported_by_lint(records_repo: RecordsRepo) -> None:
    records_repo.write_record(minimal_record(id="mueller", name="Mueller GmbH"))
    records_repo.write_record(minimal_record(id="myuller", name="Мюллер GmbH"))
    records_repo.write_record(minimal_record(id="northwind", name="Northwind Logistics"))
    records_repo.write_record(minimal_record(id="southwind", name="Southwind Logistics"))
    dups = _dups(records_repo)
    assert {d["path"] for d in dups} == {"clients/mueller.yaml", "clients/myuller.yaml"}
    message = next(str(d["message"]) for d in dups if d["path"] == "clients/myuller.yaml")
    assert "clients/mueller.yaml" in message and "once transliterated" in message
    assert all("clientbook duplicates" in str(d["hint"]) for d in dups)
