"""The fast path's second look: a text with its prose hidden, so prose cannot turn the fast path away.

The gate and the candidate scan look at every byte, so prose sends a record to
the slow full path when it only looks like YAML: `Rappel : envoyer le contrat !`
(French puts a space before : ! ?), `Decision: no`, `*urgent*` or `:)` in a
note, a comment saying `# on hold: yes`. All of that is text to every reader
when it is inside a comment, a quoted scalar on one line, a block scalar, or a
plain scalar of several words that our reading makes text with no trap (its
first word is left for the scan: a plain scalar of one word may be a candidate).

`mask_prose` finds those, line by line, in the block layout records are
written in, and gives the text with their characters replaced by `x` (spaces,
line breaks, quotes and a comment's `#` kept), for the gate's token checks and
the candidate scan to look at again. It answers only where each line's part is certain, and None
otherwise: a scalar or flow collection going on over lines, a key it does not
know the shape of, a value starting with an indicator, an indentation
indicator. Hiding too little only sends a file to the full path; hiding
structure would let an alias or a trap through, so a value's owner is always
known before anything after it is hidden:

- a block scalar's lines are those after its header down to the first line that
  is not blank and is indented less than the first line that is not blank,
  when that one is indented more than the key (or `-`) the header belongs to;
- after a key or `-` with a value on its line, no line may be indented more
  (it would be that value going on), else None;
- a comment starts at `#` at the start of a line or after a space, outside a
  quoted scalar: in a plain scalar ` #` always ends it.

yaml-rs still reads the whole text, nothing hidden, and must read it without an
error before its data are compared with the scan of the hidden text. The
differential tests (tests/core/test_yaml_differential*.py, test_yaml_mask.py)
read prose of these kinds both ways.
"""

from __future__ import annotations

import re

from clientbook.core.yamlscalars import resolve_plain
from clientbook.core.yamltraps import plain_trap

# A line: its indentation, any `- ` of block sequence entries, a plain key and its ':'.
_LINE = re.compile(
    r"(?P<indent>[ ]*)(?P<dashes>(?:-(?:[ ]+|$))*)"
    r"(?:(?P<key>[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#\n]*+):(?:[ ]+|$))?(?P<rest>.*)"
)
_HEADER = re.compile(r"[|>][-+]?[ ]*(?:#.*)?")
_QUOTED = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*'")
_AFTER_VALUE = re.compile(r"[ ]*(?:#.*)?")
# What a plain scalar may not start with (a `-`, `?` or `:` followed by a space is an indicator).
_INDICATOR = re.compile(r"[-?:](?:[ ]|$)|[,\[\]{}#&*!|>'\"%@`]")
_VISIBLE = re.compile(r"[^ ]")
# Inside a plain scalar, what the gate takes for a sign at a token, or the scan for a value's start.
_LOOKS_LIKE_YAML = re.compile(r"[ ][*&!?:]|-[ ]|[,\[{]")


def mask_prose(text: str) -> str | None:
    """`text` with its comments, one-line quoted scalars and block scalars hidden; None if unsure."""
    lines = text.split("\n")
    out = list(lines)
    index = 0
    while index < len(lines):
        line = lines[index]
        stripped = line.lstrip(" ")
        index += 1
        if not stripped:
            continue
        if stripped[0] == "#":
            out[index - 1] = _hide(line, len(line) - len(stripped) + 1)
            continue
        match = _LINE.fullmatch(line)
        if match is None:
            return None
        owner = _owner(match)
        if owner is None:
            return None
        rest, start = match["rest"], match.start("rest")
        if not rest or rest[0] == "#":  # a nested block follows, or nothing
            out[index - 1] = _hide(line, start + 1)
            continue
        if rest[0] in "|>":
            if _HEADER.fullmatch(rest) is None:
                return None  # an indentation indicator, or more after the header
            comment = rest.find("#")
            out[index - 1] = _hide(line, start + comment + 1) if comment > 0 else line
            index = _hide_block(lines, out, index, owner)
            continue
        end = _value_end(rest)
        if end is None:
            return None
        tail = rest[end:]  # spaces, and a comment
        value = rest[:end]
        shown = _shown(value)
        if "#" in tail or shown is not value:  # most lines are left as they are
            out[index - 1] = line[:start] + shown + _hide(tail, tail.find("#") + 1 or len(tail))
        if not _nothing_more_indented(lines, index, owner):
            return None
    return "\n".join(out)


def _owner(match: re.Match[str]) -> int | None:
    """The column of what the line's value belongs to: its key, or its last `-`; None for
    neither (a line of a scalar going on, or a scalar document)."""
    if match["key"] is not None:
        return match.start("key")
    dashes = match["dashes"]
    if not dashes:
        return None
    return match.start("dashes") + dashes.rstrip(" ").rfind("-")


def _value_end(rest: str) -> int | None:
    """Where the value that starts `rest` ends (a comment, if any, follows); None when it goes
    on past the line or starts with an indicator this does not read."""
    if rest[0] in "\"'":
        quoted = _QUOTED.match(rest)
        if quoted is None or _AFTER_VALUE.fullmatch(rest, quoted.end()) is None:
            return None
        return quoted.end()
    if rest[0] in "[{":
        closing = "]" if rest[0] == "[" else "}"
        # a flow collection is left as it is, and read by the scan's flow contexts
        return len(rest) if rest.rstrip(" ").endswith(closing) and "#" not in rest else None
    if _INDICATOR.match(rest):
        return None
    comment = rest.find(" #")
    return len(rest) if comment < 0 else comment


def _shown(value: str) -> str:
    """A value on one line as the scan is to see it: a quoted scalar's text hidden, and a plain
    scalar of several words after its first when our reading makes it text and no trap (one
    word is what the scan takes for a candidate, and the only plain scalar that can be one)."""
    if value[0] in "\"'":
        return value[0] + "x" * (len(value) - 2) + value[-1]
    words = value.rstrip(" ")
    if value[0] in "[{" or _LOOKS_LIKE_YAML.search(words) is None:
        return value  # nothing the gate or the scan would stop at: read as it is (the same object)
    reading = resolve_plain(words)
    if type(reading) is not str or plain_trap(words, reading) is not None:
        return value
    first = words.index(" ")
    return value[:first] + _hide(value[first:], 0)


def _hide_block(lines: list[str], out: list[str], index: int, owner: int) -> int:
    """Hide the block scalar whose lines start at `index`; the index of the line after it."""
    first = index
    while first < len(lines) and not lines[first].strip(" "):
        first += 1
    if first == len(lines):
        return first
    indent = len(lines[first]) - len(lines[first].lstrip(" "))
    if indent <= owner:  # an empty scalar: the line is the next key's
        return first
    end = first
    while end < len(lines):
        line = lines[end]
        if line.strip(" ") and len(line) - len(line.lstrip(" ")) < indent:
            break
        out[end] = _hide(line, 0)
        end += 1
    return end


def _nothing_more_indented(lines: list[str], index: int, owner: int) -> bool:
    """Whether the next line that is not blank is indented no more than `owner`."""
    for at in range(index, len(lines)):  # by index: a slice of the rest per line is quadratic
        line = lines[at]
        stripped = line.lstrip(" ")
        if stripped:
            return len(line) - len(stripped) <= owner
    return True


def _hide(line: str, start: int) -> str:
    """The line with its characters from `start` on hidden; a comment's `#` is kept before it,
    as the scan takes a `#` for the end of a plain scalar before it."""
    return line[:start] + _VISIBLE.sub("x", line[start:])
