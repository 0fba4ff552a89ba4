"""util.phones.is_valid_phone says what phonenumbers.parse and is_valid_number say, for any text.

The fast reading of E.164 text must never part from the library's: it is compared on
the example numbers of every region and type in the library's metadata, each changed a
little (a digit dropped, added, changed, a national prefix put in, the number cut or
made up anew after its calling code), on made-up calling codes, and on text of any
shape from hypothesis (which takes the library's own path).
"""

from __future__ import annotations

import random

import phonenumbers
from hypothesis import given, settings
from hypothesis import strategies as st
from phonenumbers import PhoneNumberFormat, PhoneNumberType
from phonenumbers.phonenumberutil import COUNTRY_CODE_TO_REGION_CODE

from clientbook.lint.rules import RULES
from clientbook.util import phones
from clientbook.util.phones import is_valid_phone


def library(text: str) -> bool:
    """The rule's answer before the fast reading: the library's own."""
    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        return False
    return bool(phonenumbers.is_valid_number(number))


def _examples() -> list[str]:
    found = []
    for code, regions in COUNTRY_CODE_TO_REGION_CODE.items():
        for region in regions:
            for kind in vars(PhoneNumberType).values():
                if not isinstance(kind, int):
                    continue
                if region == "001":
                    number = phonenumbers.example_number_for_non_geo_entity(code)
                else:
                    number = phonenumbers.example_number_for_type(region, kind)
                if number is not None:
                    found.append(phonenumbers.format_number(number, PhoneNumberFormat.E164))
    return sorted(set(found))


def _changed(number: str, rng: random.Random) -> str:
    digits = list(number[1:])
    how = rng.randrange(6)
    if how == 0 and len(digits) > 3:
        del digits[rng.randrange(len(digits))]
    elif how == 1:
        digits.insert(rng.randrange(len(digits) + 1), rng.choice("0123456789"))
    elif how == 2:
        digits[rng.randrange(len(digits))] = rng.choice("0123456789")
    elif how == 3:
        digits.insert(rng.randrange(1, 4), "0")  # a national prefix after the calling code
    elif how == 4:
        digits = digits[:3] + [rng.choice("0123456789") for _ in range(rng.randrange(0, 16))]
    else:
        digits = digits[: rng.randrange(1, len(digits) + 1)]
    return "+" + "".join(digits)


EXAMPLES = _examples()


def test_the_fast_reading_is_in_use() -> None:
    assert phones.FAST, "phonenumbers no longer has the functions util/phones.py relies on"
    assert len(EXAMPLES) > 1000


def test_every_example_number_and_its_neighbours() -> None:
    rng = random.Random(20261202)
    texts = [*EXAMPLES, *(_changed(n, rng) for n in EXAMPLES for _ in range(8))]
    texts += [
        "+" + "".join(rng.choice("0123456789") for _ in range(n)) for n in list(range(22)) * 40
    ]
    disagree = [t for t in texts if is_valid_phone(t) != library(t)]
    assert not disagree, disagree[:10]
    assert 0.2 < sum(map(library, texts)) / len(texts) < 0.8  # both answers are exercised


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(COUNTRY_CODE_TO_REGION_CODE)), st.text("0123456789", max_size=18))
def test_calling_code_and_digits(code: int, digits: str) -> None:
    text = f"+{code}{digits}"
    assert is_valid_phone(text) == library(text)


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("+0123456789 -().x#;=tel:ext٣０")), max_size=24))
def test_any_text(text: str) -> None:
    assert is_valid_phone(text) == library(text)


def test_the_rule_reports_what_the_library_rejects() -> None:
    check = RULES["phone-invalid"].check
    assert check is not None
    data = {"contacts": [{"phone": "+442079460123"}, {"phone": "+44123"}, {"phone": "+4420794601"}]}
    found = [f.pointer for f in check(data, None)]  # type: ignore[arg-type]
    assert found == [
        f"contacts/{i}/phone" for i, c in enumerate(data["contacts"]) if not library(c["phone"])
    ]
