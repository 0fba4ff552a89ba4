"""fmtfast.already_canonical is sufficient: every text it accepts, ruamel's round trip keeps.

Held to that on the sample clients, on generated records of both benchmark shapes, and on
hypothesis' mutations of them (an indentation moved, lines swapped, a quote changed, a
comment, a tab, a trailing space, a key renamed, Windows line ends on every line or one): it
may send a canonical file the slow
way, never pass one fmt would change.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientbook.authoring.fmt import format_text
from clientbook.authoring.fmtfast import already_canonical
from clientbook.core.config import load_config
from clientbook.core.repo import MODELINE

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = load_config(ROOT).client_schema().document
SAMPLES = sorted((ROOT / "clients").glob("*.yaml"))


def _generated(tmp: Path, script: str, count: int) -> list[str]:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        module = __import__(script)
    finally:
        sys.path.pop(0)
    module.generate(tmp, count, 7, "2026-11-23")
    return [p.read_text(encoding="utf-8") for p in sorted((tmp / "clients").glob("*.yaml"))]


def _holds(text: str) -> None:
    if already_canonical(text, SCHEMA):
        result = format_text(text, SCHEMA)
        assert result.text == text and not result.changed, text


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_sample_client(path: Path) -> None:
    _holds(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_sample_client_with_windows_line_ends(path: Path) -> None:
    """Canonical with CR LF on every line, as with "\n": fmt keeps a file's line ends."""
    text = path.read_text(encoding="utf-8")
    crlf = text.replace("\n", "\r\n")
    assert already_canonical(crlf, SCHEMA) == already_canonical(text, SCHEMA)
    _holds(crlf)
    half = len(crlf) // 2  # both line ends in one file: the first line's end decides
    for mixed, made in [
        (crlf[:half] + crlf[half:].replace("\r\n", "\n"), crlf),
        (text[:half] + text[half:].replace("\n", "\r\n", 2), text),
    ]:
        assert not already_canonical(mixed, SCHEMA)
        assert format_text(mixed, SCHEMA).text == made


def test_generated_records_of_both_shapes(tmp_path: Path) -> None:
    texts = _generated(tmp_path / "a", "generate", 60)
    if (ROOT / "bench" / "generate_alt.py").is_file():
        texts += _generated(tmp_path / "b", "generate_alt", 60)
    accepted = 0
    for text in texts:
        _holds(text)
        accepted += already_canonical(text, SCHEMA)
    assert accepted >= len(texts) // 2  # the fast path is worth having on these shapes


@pytest.mark.parametrize("style", ["|", ">", "|-"])
def test_a_block_that_starts_with_a_blank_line_is_left_to_fmt(style: str) -> None:
    """ruamel writes such a block with an indentation indicator (`|2`): it was taken for
    canonical, so `fmt --check` passed a file that `fmt` then changed."""
    text = f"{MODELINE}\nid: a\nname: A\nnotes: {style}\n\n  First line.\n  Second.\n"
    assert not already_canonical(text, SCHEMA)
    result = format_text(text, SCHEMA)
    assert result.changed and result.text is not None and f"notes: {style[0]}2" in result.text
    assert already_canonical(text.replace("\n\n  First", "\n  First"), SCHEMA)


def _kpi(actual: str) -> str:
    return f"{MODELINE}\nid: x\nkpis:\n  - name: a\n    actual: {actual}\n"


@pytest.mark.parametrize("actual", ["9.0", "9.50", "0.0", "10.00", "1.10", "123456789012.5"])
def test_a_float_written_with_trailing_zeros_is_canonical(actual: str) -> None:
    assert already_canonical(_kpi(actual), SCHEMA)
    _holds(_kpi(actual))


@pytest.mark.parametrize(
    "actual", ["0.12345678901234567891", "1.10000000000000000001", "123456789012345678.5"]
)
def test_a_float_with_more_digits_than_a_double_keeps_is_left_to_fmt(actual: str) -> None:
    """ruamel writes these back from their double, other digits: fmt would change them."""
    assert not already_canonical(_kpi(actual), SCHEMA)
    assert format_text(_kpi(actual), SCHEMA).text != _kpi(actual)


@pytest.mark.parametrize(
    "name",
    ["„Балкан-Фарма“ ЕАД", "«Élan» SA", "¿Qué? SA", "「株式」会社", "№5", "😀 Corp", "\u0301abc"],
)
def test_a_name_that_starts_with_a_mark_outside_ascii_is_canonical(name: str) -> None:
    text = f"{MODELINE}\nid: x\nname: {name}\n"
    assert already_canonical(text, SCHEMA)
    _holds(text)


@pytest.mark.parametrize("first", ["\u00a0", "\u3000", "\u2066", "\ue000", "\u200b"])
def test_a_name_that_starts_with_a_space_or_format_character_is_left_to_fmt(first: str) -> None:
    assert not already_canonical(f"{MODELINE}\nid: x\nname: {first}x\n", SCHEMA)


TEXTS = [p.read_text(encoding="utf-8") for p in SAMPLES]
MUTATIONS = (
    *("indent", "dedent", "swap", "quote", "comment", "tab", "space", "rename", "blank"),
    *("crlf", "cr"),
)


def _mutate(text: str, what: str, at: int) -> str:
    if what == "crlf":  # a Windows checkout
        return text.replace("\n", "\r\n")
    lines = text.split("\n")
    i = 1 + at % max(len(lines) - 2, 1)
    line = lines[i]
    if what == "indent":
        lines[i] = "  " + line
    elif what == "dedent":
        lines[i] = line[2:] if line.startswith("  ") else line
    elif what == "swap" and i + 1 < len(lines) - 1:
        lines[i], lines[i + 1] = lines[i + 1], line
    elif what == "quote":
        lines[i] = line.replace('"', "'", 2) if '"' in line else line.replace(": ", ': "', 1) + '"'
    elif what == "comment":
        lines[i] = line + "  # checked"
    elif what == "tab":
        lines[i] = line.replace("  ", "\t", 1)
    elif what == "space":
        lines[i] = line + " "
    elif what == "rename":
        lines[i] = line.replace(":", "x:", 1)
    elif what == "blank":
        lines.insert(i, "")
    elif what == "cr":  # one line's end CR LF, or a CR LF line's LF
        lines[i] = line[:-1] if line.endswith("\r") else line + "\r"
    return "\n".join(lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(range(len(TEXTS))),
    st.lists(st.tuples(st.sampled_from(MUTATIONS), st.integers(0, 10_000)), max_size=3),
)
def test_mutations_are_never_passed_when_fmt_would_change_them(
    which: int, mutations: list[tuple[str, int]]
) -> None:
    text = TEXTS[which]
    for what, at in mutations:
        text = _mutate(text, what, at)
    _holds(text)
