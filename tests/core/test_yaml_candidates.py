"""The fast path's scan for candidate scalars finds exactly the tokens its rule names.

`yamlfastcheck._candidates` finds tokens with one expression per context (a line
break, ': ', '- ', a flow indicator), for speed. The rule it must keep is
written here the plain way, one position at a time: a candidate token starts at
a position whose first character before it that is not a space is the start of
the text, a line break, or (in a text with a flow collection) '[', '{' or ',';
or is ':' or '-' with at least one space between; or is the ':' right after a
quote or closing bracket. Both are run on the samples, the bad-input corpus, the
YAML test suite's cases, the token table, and hypothesis's records, mutated
records and texts of YAML's indicator characters.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientbook.core.yamlfastcheck import CANDIDATE, _candidates
from tests.core.test_bad_input import CORPUS
from tests.core.test_yaml_differential import SAMPLES, SUITE, SUITE_HINT, TOKENS, suite_forms
from tests.core.test_yaml_differential_records import mutated, record

_TOKEN_AT = re.compile(CANDIDATE)


def reference(text: str) -> list[str]:
    """The candidates by the rule, position by position."""
    flow = "[" in text or "{" in text
    out = []
    for start in range(len(text)):
        if start and text[start - 1] not in " \n[{,:":
            continue
        found = _TOKEN_AT.match(text, start)
        if found is not None and _value_may_start(text, start, flow):
            out.append(found.group("v"))
    return out


def _value_may_start(text: str, start: int, flow: bool) -> bool:
    before = start - 1
    while before >= 0 and text[before] == " ":
        before -= 1
    if before < 0 or text[before] == "\n" or (flow and text[before] in "[{,"):
        return True
    if text[before] in ":-" and before < start - 1:
        return True
    return text[before] == ":" and before > 0 and text[before - 1] in "\"']}"


def _texts() -> list[str]:
    paths = [*SAMPLES, *sorted(CORPUS.glob("*.yaml"))]
    if SUITE.is_dir():
        paths += sorted(SUITE.glob("**/in.yaml"))
    texts = []
    for path in paths:
        for form in suite_forms(path.read_bytes()):
            texts.append(form.decode("utf-8", "replace"))
    return texts


def test_files() -> None:
    texts = _texts()
    assert len(texts) > 60
    for text in texts:
        assert _candidates(text) == reference(text), text


def test_the_suite_is_scanned() -> None:
    if not SUITE.is_dir():
        pytest.skip(SUITE_HINT)
    assert len(_texts()) > 1000


LEADS = ["", "  ", "- ", "- - ", "x: ", "x:\n  ", "x: [a, ", "x: {a: [", "x - ", "x -"]
LEADS += ['x: {"a":', "x: {'a':", "x: [[a]:", "x: [{a: b}:", "x: [a]:", "x: a:", "x:"]


@pytest.mark.parametrize("lead", LEADS)
def test_tokens_in_each_context(lead: str) -> None:
    for token in TOKENS:
        for tail in ("", "\n", " # c\n", ", b]\n", ": y\n", " and more\n"):
            text = lead + token + tail
            assert _candidates(text) == reference(text), text


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
INDICATORS = " \n\n\n:::---[]{},#'\"ab1.0yYnNoOtT+_~"


@SETTINGS
@given(st.text(alphabet=INDICATORS, max_size=80))
def test_texts_of_indicators(text: str) -> None:
    assert _candidates(text) == reference(text)


@SETTINGS
@given(record())
def test_records(raw: bytes) -> None:
    text = raw.decode()
    assert _candidates(text) == reference(text)


@SETTINGS
@given(mutated())
def test_mutated_records(raw: bytes) -> None:
    text = raw.decode("utf-8", "replace")
    assert _candidates(text) == reference(text)
