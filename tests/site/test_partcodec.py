"""A summary's part comes back from the site state as it went in, type for type."""

from __future__ import annotations

import collections
from typing import Any

import pytest
from markupsafe import Markup

from clientbook.site.partcodec import decode_part, encode_part

Pair = collections.namedtuple("Pair", "a b")

VALUES: list[Any] = [
    None,
    ("contact", "EMEA accounts", "EU", 1.0, (), (), None),
    (True, 1, 1.0, -0.0, float("inf"), "ü ∑ 中文", b"\x00"),
    {"score": 0.5, "trend": [1, 2], "nested": {"a": (None,)}},
    (Pair(1, "x"), "plain"),
    (Markup("<b>ok</b>"),),
    Pair(("a",), {"b": 2}),
]


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_round_trip_keeps_every_type(value: Any) -> None:
    back = decode_part(encode_part(value))
    assert back == value
    assert _types(back) == _types(value)


def test_plain_data_is_marshalled_and_the_rest_pickled() -> None:
    assert encode_part(("a", 1.0, None)).startswith(b"M")
    assert encode_part((Markup("a"),)).startswith(b"P")
    assert encode_part(Pair(1, 2)).startswith(b"P")


def _types(value: Any) -> Any:
    if isinstance(value, dict):
        return (type(value), {k: _types(v) for k, v in value.items()})
    if isinstance(value, tuple | list):
        return (type(value), [_types(v) for v in value])
    return type(value)
