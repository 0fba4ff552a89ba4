"""Every short text of YAML's indicators, in the places records put values, reads the same both ways.

A brute force, where hypothesis samples: each text of one or two characters from
YAML's indicators (and a letter, a digit, a space, a line feed, a carriage return) is put where
a value or a key goes — in a block mapping, a sequence, a flow sequence and a
flow mapping, a quoted and a block scalar, a comment, after a word, by the
document's markers, with Windows line ends — and each
of three characters in a flow collection; each file is read by the fast path
and the full one (`both_ways`). It found that
yaml-rs reads `[|]`, `{>: 1}` and `[a:]` where libyaml refuses them, which the
fast path then took for data.
"""

from __future__ import annotations

import itertools

import pytest

from tests.core.test_yaml_differential import both_ways, pytestmark  # noqa: F401

CHARACTERS = list("-?:,#|>!&*%@`'\"[]{}~. a1\n\r")
TEXTS = ["".join(chars) for size in (1, 2) for chars in itertools.product(CHARACTERS, repeat=size)]
PLACES = [
    "a: VALUE\n",
    "- VALUE\n",
    "a: [VALUE]\n",
    "a: {VALUE}\n",
    "a: [b, VALUE]\n",
    "a: {k: VALUE}\n",
    "a:\n  - VALUE\n",
    "a: w VALUE\n",
    "a: w VALUE z\n",
    "a: [w VALUE]\n",
    'a: "VALUE"\n',
    "a: 'VALUE'\n",
    "a: |\n  VALUE\nb: c\n",
    "a: x # VALUE\n",
    "# VALUE\na: 1\n",
    "a: b\n  VALUE\n",
    "- a: |\n    t VALUE\n  b: VALUE\n",
    "t: [b]\na: wVALUE z\n",  # a flow collection in the file: its contexts are scanned
    "t: [b]\na: w,VALUE\n",
    "# modeline\n---VALUE\na: 1\n",
    "---VALUE\na: 1\n",
    "a: 1\n...VALUE\n",
    "a: 1\nVALUE...\n",
    "a: |\r\n  VALUE\r\nb: c\r\n",
]


@pytest.mark.parametrize("place", PLACES)
def test_every_short_text(place: str) -> None:
    for text in TEXTS:
        both_ways(place.replace("VALUE", text).encode())


@pytest.mark.parametrize("place", ["a: [VALUE]\n", "a: {VALUE}\n", "a: {k: VALUE}\n"])
def test_every_text_of_three_in_a_flow_collection(place: str) -> None:
    for chars in itertools.product(CHARACTERS, repeat=3):
        both_ways(place.replace("VALUE", "".join(chars)).encode())
