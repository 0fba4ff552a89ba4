"""The fast path of `load_document`: yaml-rs (Rust) builds the data, and checks prove it is ours.

libyaml composing Python node objects, and our walk over them, were most of a
cold lint. yaml-rs parses and builds the Python objects in one pass of native
code, about seven times faster, but it cannot say how a scalar was written, so
it cannot see a trap, and its resolver is not ours in every corner (`0b101`,
`1_000`, `.inf`). So the fast path answers only for a file it can prove would
load with no problem and no trap, and says "not sure" (None) otherwise; then
the full path runs and gives every problem its words and position. The proof:

1. the bytes (`yamlfastgate`), with CR LF read as a line feed and a `---` line
   first or `...` line last as blank, as libyaml reads them: nothing the full
   path refuses or that YAML 1.1 and 1.2 readers read apart — control
   characters, tabs, a carriage return alone, NEL and other line separators, a
   BOM after the first, anchors, aliases, tags, directives, other document
   markers, merge keys, complex keys, a ':' before a flow indicator;
2. yaml-rs reads the text, refusing duplicate keys, to a mapping;
3. the data (`yamlfastcheck`): every key is text, no text starts with `|` or
   `>` (yaml-rs reads `[|]` where libyaml refuses it), nothing is nested
   deeper than the full path allows, and the values that are not text or
   null, in document order, are exactly those our YAML 1.2 reading gives the
   candidates found in the text — every plain scalar that could be a
   number, true/false, null or a trap — and no candidate is a trap.

The gate's look for anchors, aliases and tags, and the candidates, over-approximate
(`Smith &Jones` in a note, a number on a line of a block scalar), which can only send
a file to the full path; where they stop at prose, they look once more at the text
with its prose hidden (`yamlfastmask`), where each line's part is certain, and
where that is not enough, with the plain scalars going on over lines hidden too
(a line of a long text that starts `2025.`). A plain scalar our reading makes a
number or true/false but the scan misses makes the two sequences differ; a trap
that stays text (yes, 12:30, 1_000) is always found, because the scan looks at
every token that starts a value in any context the gate lets through. The
differential test (tests/core/test_yaml_differential*.py) reads the YAML test
suite, the bad-input corpus, the samples and generated records both ways.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from clientbook.core.yamlfastcheck import scalars_agree
from clientbook.core.yamlfastgate import document_body, readable_text, signs_clear
from clientbook.core.yamlfastmask import hide_lines_going_on, mask_prose

_loads: Callable[..., Any] | None
try:
    from yaml_rs import loads as _loads
except ImportError:  # an accelerator only: without it every file takes the full path
    _loads = None

AVAILABLE = _loads is not None
BOM = b"\xef\xbb\xbf"


def fast_data(raw: bytes, max_size: int) -> dict[str, Any] | None:
    """The data `load_document(raw)` gives when it gives no problem and no trap; None if unsure."""
    found = fast_read(raw, max_size)
    return None if found is None else found[0]


def fast_read(raw: bytes, max_size: int) -> tuple[dict[str, Any], str] | None:
    """`fast_data`, and the text it was read from (the bytes decoded, without a BOM, as
    `document_body` gives them: the lines and columns are the bytes')."""
    if _loads is None or len(raw) > max_size:
        return None
    body = document_body(raw[3:] if raw.startswith(BOM) else raw)
    text = None if body is None else readable_text(body)
    if body is None or text is None:
        return None
    masked: str | None = None
    if not signs_clear(body):  # prose may hold them: look again with it hidden, before parsing
        masked = _look_again(text, None, lambda looked: signs_clear(looked.encode()))
        if masked is None:
            return None
    try:  # duplicate keys are refused (yaml-rs's default policy)
        data = _loads(text, parse_datetime=False)
    except Exception:  # any refusal: the full path says why, and where
        return None
    if type(data) is not dict:
        return None
    if masked is None and scalars_agree(data, text):
        return data, text
    # a trap may be prose (`Decision: no` in a note), a number a line of a long text
    if _look_again(text, masked, lambda looked: scalars_agree(data, looked)) is None:
        return None
    return data, text


def _look_again(text: str, masked: str | None, passes: Callable[[str], bool]) -> str | None:
    """The text with its prose hidden (`masked`, if already made), or then also its plain
    scalars going on over lines, whichever `passes` first; None if neither does."""
    masked = mask_prose(text) if masked is None else masked
    if masked is None:
        return None
    if passes(masked):
        return masked
    masked = hide_lines_going_on(masked)
    return masked if passes(masked) else None
