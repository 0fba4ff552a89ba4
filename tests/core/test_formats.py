"""The format checks both validators share."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from clientbook.core.schema_formats import (
    _SPECIAL_USE,
    _everyday_email,
    email_problem,
    is_date,
    is_email,
    is_uri,
)

_local = st.from_regex(r"\A[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,70}\Z")
_label = st.from_regex(r"\A[A-Za-z0-9-]{1,70}\Z")
_emails = st.builds(
    lambda local, labels, tld: f"{local}@{'.'.join(labels)}.{tld}",
    _local,
    st.lists(_label, min_size=1, max_size=3),
    st.sampled_from(
        ["example", "com", "de", "co", "test", "invalid", "localhost", "x", "technology"]
    ),
)


@settings(max_examples=1500, deadline=None)
@given(_emails)
def test_fast_path_accepts_only_what_email_validator_accepts(address: str) -> None:
    if _everyday_email(address):
        assert email_problem(address) is None, address


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=40))
def test_fast_path_on_any_text(text: str) -> None:
    if _everyday_email(text):
        assert email_problem(text) is None, text


def test_examples() -> None:
    assert is_email("jane.doe@acme-logistics.example")
    assert is_email("jürgen@münchen.example")  # not everyday: email-validator decides
    assert not is_email("jane@acme.test")  # special-use domain
    assert not is_email("jane..doe@acme.example")
    assert not is_email("jane@acme")
    assert is_date("2024-02-29") and not is_date("2025-02-29") and not is_date("20250101")
    assert is_uri("https://acme.example/x") and not is_uri("acme.example")


def test_a_label_with_dashes_in_third_and_fourth_place_goes_to_email_validator() -> None:
    for address in ("0@00--0.example", "jo@ab--cd.example.com", "jo@xn--bcher-kva.example"):
        assert not _everyday_email(address)
    assert email_problem("0@00--0.example") is not None


def test_the_special_use_names_are_email_validators() -> None:
    import email_validator

    assert frozenset(email_validator.SPECIAL_USE_DOMAIN_NAMES) == _SPECIAL_USE
