"""The fast path's second look: a text with its prose hidden, so prose cannot turn the fast path away.

The gate and the candidate scan look at every byte, so prose sent a record to
the slow full path when it only looks like YAML: `Rappel : envoyer le contrat !`
(French puts a space before : ! ?), `Decision: no`, `*urgent*` or `:)` in a
note, a comment saying `# on hold: yes`. All of that is text to every reader
inside a comment, a quoted scalar on one line, a block scalar, or a plain
scalar of several words that our reading makes text with no trap.

`mask_prose` gives the text with those removed (their line breaks kept; of a
plain scalar, the words after its first are replaced by `x`: one word may be a
candidate), for the gate's token checks and the candidate scan to look at
again. It goes from one character that may start prose or a construct over
lines to the next (`#`, a quote, `|` or `>`, a bracket), in native code
between them, and answers None where it cannot be sure of one:

- a quote where a node may start (a line's start, after ': ' or '- ') must be
  closed on its line, or, after a key's ': ', on a later one with each line
  after its first indented more than the key (as PyYAML writes a long text);
  any other quoted scalar going on over lines is None;
- a bracket there must close a flow collection of plain items on its line;
  anything else (over lines, nested, quoted items, a comment) is None;
- a `|` or `>` there must be a header with nothing after it but a comment, and
  a key or `-` before it on its line. Its lines are those after it down to the
  first line that is not blank and is indented less than the first that is not
  blank, when that one is indented more than the key (or `-`); else it is empty;
- a `#` at a line's start or after a space starts a comment to the line's end;
- a key is plain, or quoted on its line (`"name": `, as JSON-minded tools write).

`hide_lines_going_on`, a further look taken only where this one was not
enough, hides a plain scalar that goes on over lines after a key's ': ' or a
'- ' (as PyYAML writes a long text) when a line of it starts with a number,
a true/false word or an indicator: each line after its first is indented
more than the key or '-' and holds no ': ', ' #' or ':' at its end, and the
whole folds to one text with spaces in it.

Why hiding that cannot hide structure: the constructs that go on over lines
and could hold a false header or comment are quoted scalars and flow
collections. Each is None where it starts, before anything after it is hidden
(a flow collection after an anchor or a tag is not passed over, and the anchor
or tag stays for the gate), except a quoted scalar after a key on its line:
no plain scalar holds ': ', so that quote starts a quoted scalar, whose end is
exact, and it is passed over whole. A plain scalar going on over lines can
hold a false header, but every line that header would hide is indented more
than the scalar's key, so is a line of that scalar. On one line, after a node
starts in block context there is only that node and a comment.
The lines `hide_lines_going_on` hides are such lines too: in block context,
what follows a plain scalar begun on its key's line, indented more than the
key and with no ': ' or comment, goes on that scalar whatever it starts with
(libyaml reads `*x`, `- two`, `[a]` or `12` there as its words).

yaml-rs still reads the whole text, nothing hidden, and must read it without an
error before its data are compared with the scan of the hidden text. The
differential tests (tests/core/test_yaml_differential*.py, test_yaml_mask.py)
read prose of these kinds both ways.
"""

from __future__ import annotations

import functools
import re

from clientbook.core.yamlfastcheck import CANDIDATE
from clientbook.core.yamlscalars import resolve_plain
from clientbook.core.yamltraps import plain_trap

# What may start prose or a multi-line construct: a comment, a quote, a block scalar's header,
# a flow collection. Everything between two of these is passed over in native code.
_EVENT = re.compile(r"[#\"'|>\[{]")
# A quoted scalar, to its closing quote on its line or a later one (a backslash escapes a line
# break too).
_QUOTED = {
    '"': re.compile(r"\"(?:[^\"\\]|\\[\s\S])*\""),
    "'": re.compile(r"'(?:[^']|'')*'"),
}
# What may follow a quoted scalar on its line in block context.
_AFTER_VALUE = re.compile(r"[ ]*(?:#|\n|\Z)")
# A flow collection on one line, of plain items: read as it is, by the scan's flow contexts.
_FLOW = re.compile(r"\[[^\[\]{}\n\"'#]*\]|\{[^\[\]{}\n\"'#]*\}")
# A block scalar's header to the line's end: no indentation indicator, nothing after it.
_HEADER = re.compile(r"[|>][-+]?[ ]*(?:#[^\n]*)?(?=\n)")
_BLANK_LINES = re.compile(r"(?:[ ]*\n)*")
_SPACES = re.compile(r"[ ]*")
_HIDDEN = re.compile(r"[^ \n]")
# A sign the gate stops at, after a space, or a comma, after which the scan's flow contexts find
# a candidate ("£1,200, 45 days" in a text of a file with `tags: [a, b]`): in a plain scalar
# of several words in block context each is text.
_SIGN_IN_WORDS = re.compile(r"[ ][*&!?:]|,")
# A line: its indentation, `- ` of entries, a key (plain, or quoted on its line) and its ':',
# and the rest (what stands before a block scalar's header is a line with no rest).
_LINE = re.compile(
    r"[ ]*(?P<dashes>(?:-(?:[ ]+|$))*)"
    r"(?:(?P<key>[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#\n]*+"
    r"|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\n]|'')*'):(?:[ ]+|$))?(?P<rest>.*)"
)
# What a plain scalar may not start with (a `-`, `?` or `:` followed by a space is an indicator).
_INDICATOR = re.compile(r"[-?:](?:[ ]|$)|[,\[\]{}#&*!|>'\"%@`]")
# A line that may go on a plain scalar begun on a line before: indented, not a comment or an
# entry, with no ': ', ' #' or ':' at its end (after one the scalar would end, or the text be an
# error: those lines are left to the gate and the scan). Led by its line break, which the engine
# finds as fast as `str.find`; the words unrolled, so a run between two ':' or '#' is one loop.
_WORDS = re.compile(r"[^:#\n]*+(?:(?::(?![ \n]|\Z)|(?<! )#)[^:#\n]*+)*+")
_GOING_ON = re.compile(rf"\n[ ]++(?![#\n]|-(?:[ \n]|\Z)){_WORDS.pattern}(?=\n|\Z)")
# An indented line that starts with what the scan or the gate reads where a node may start: a
# candidate, or an indicator. Only such a line makes it worth hiding a scalar that it goes on.
_READ_AT_LINE_START = re.compile(rf"\n[ ]++(?:[&*!?:]|{CANDIDATE})")


def mask_prose(text: str) -> str | None:
    """`text` with its prose hidden (comments, one-line quoted scalars, block scalars, plain
    scalars of several words with a sign in them); None where a line's part is not certain."""
    hidden: list[tuple[int, int]] = []  # the spans to hide, in text order
    at = 0
    while (event := _EVENT.search(text, at)) is not None:
        start = event.start()
        char = text[start]
        if char == "#":
            if start and text[start - 1] not in " \n":
                at = start + 1  # a '#' inside a word
                continue
            at = _line_end(text, start)
            hidden.append((start + 1, at))
        elif not _at_value_start(text, start):
            at = start + 1  # an apostrophe, a '>' or a bracket inside a plain scalar's words
        elif char in "\"'":
            quoted = _QUOTED[char].match(text, start)
            end = None if quoted is None else quoted.end()
            if end is not None and "\n" in text[start:end]:
                end = _over_lines(text, start, end)
            if end is None:
                return None
            hidden.append((start + 1, end - 1))
            at = end
        elif char in "[{":
            flow = _FLOW.match(text, start)
            if flow is None:
                return None  # going on over lines, nested, or with quotes or a comment
            at = flow.end()
        else:
            found = _block(text, start, hidden)
            if found is None:
                return None
            at = found
    return _hide_signed_words(_hidden_text(text, hidden))


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _at_value_start(text: str, start: int) -> bool:
    """Whether a node may start at `start`: at a line's start after its indentation, or after
    ': ' or '- ' (a flow collection's items are passed over with it)."""
    before = start - 1
    while before >= 0 and text[before] == " ":
        before -= 1
    if before < 0 or text[before] == "\n":
        return True
    if before == start - 1:
        return False
    if text[before] == ":":
        return True
    return text[before] == "-" and (before == 0 or text[before - 1] in " \n")


def _over_lines(text: str, start: int, end: int) -> int | None:
    """`end`, for a quoted scalar that goes on over lines (as PyYAML writes a long one) after a
    key's ': ', each line after its first indented more than the key; None for any other.

    After a key on its line, a quote starts a quoted scalar: no plain scalar holds ': '. After
    '- ' it may be a word of a plain scalar going on from the line before, so that is None."""
    line_start = text.rfind("\n", 0, start) + 1
    prefix = _LINE.fullmatch(text, line_start, start)
    if prefix is None or prefix["rest"] or prefix["key"] is None:
        return None
    if _AFTER_VALUE.match(text, end) is None:
        return None
    owner = prefix.start("key") - line_start
    for line in text[start:end].split("\n")[1:]:
        if line.strip(" ") and len(line) - len(line.lstrip(" ")) <= owner:
            return None  # a line not indented more than the key: left to the full path
    return end


def _owner(text: str, line_start: int, start: int) -> int | None:
    """The column of the key, or else the last '- ', that what starts at `start` belongs to,
    when nothing else stands before it on its line; else None."""
    prefix = _LINE.fullmatch(text, line_start, start)
    if prefix is None or prefix["rest"]:
        return None
    return _owner_column(prefix, line_start)


def _owner_column(line: re.Match[str], line_start: int) -> int | None:
    """The column of the key of a line `_LINE` read, or else of its last '- '; else None."""
    if line["key"] is not None:
        return line.start("key") - line_start
    if line["dashes"]:
        return line.start("dashes") - line_start + line["dashes"].rstrip(" ").rfind("-")
    return None


def _block(text: str, start: int, hidden: list[tuple[int, int]]) -> int | None:
    """Hide the block scalar whose header is at `start`; where the text after it goes on, or
    None for a header this does not read (an indentation indicator, or no key or `-`)."""
    header = _HEADER.match(text, start)
    if header is None:
        return None
    comment = text.find("#", start, header.end())
    if comment >= 0:
        hidden.append((comment + 1, header.end()))
    owner = _owner(text, text.rfind("\n", 0, start) + 1, start)
    if owner is None:
        return None
    first = _run_end(_BLANK_LINES, text, header.end() + 1)
    indent = _run_end(_SPACES, text, first) - first
    if first >= len(text) or indent <= owner:  # an empty scalar: the line is the next key's
        return first
    end = _run_end(_lines_indented(indent), text, first)
    hidden.append((first, end))
    return end


def _run_end(pattern: re.Pattern[str], text: str, start: int) -> int:
    """Where a run of what `pattern` takes (it takes the empty text too) ends from `start`."""
    found = pattern.match(text, start)
    assert found is not None
    return found.end()


@functools.cache
def _lines_indented(indent: int) -> re.Pattern[str]:
    """Lines indented `indent` spaces or more, or blank: a block scalar's, once its first is."""
    return re.compile(rf"(?:(?:[ ]{{{indent}}}[^\n]*|[ ]*)\n)*")


def _hidden_text(text: str, hidden: list[tuple[int, int]]) -> str:
    """The text without the spans, each leaving its line breaks."""
    if not hidden:
        return text
    parts = []
    last = 0
    for start, end in hidden:  # a span goes, its line breaks stay: the scan reads lines
        parts += [text[last:start], "\n" * text.count("\n", start, end)]
        last = end
    parts.append(text[last:])
    return "".join(parts)


def hide_lines_going_on(text: str) -> str:
    """`text` (as `mask_prose` gives it, or not) with each plain scalar hidden that goes on
    over lines after a key's ': ' or an entry's '- ' (as PyYAML writes a long text) where a
    line of it starts with what the scan or the gate would read: its words are one text with
    spaces in it, which no reading makes anything else.

    A look apart from `mask_prose`, as it costs a search at every line: taken only where
    that one was not enough. On a masked text, the lines of such a scalar are as written
    (only a key's or an entry's line has its words hidden), and its first line's words
    hidden leave one text with spaces in it all the same."""
    found = _READ_AT_LINE_START.search(text)
    if found is None:
        return text
    parts = []
    done = 0  # the text before it is in parts
    while found is not None:
        scalar = _going_on_scalar(text, found.start() + 1)
        if scalar is None or scalar[0] < done:
            found = _READ_AT_LINE_START.search(text, found.end())
            continue
        start, end = scalar
        parts += [text[done:start], "x", "\n" * text.count("\n", start, end)]
        done = end
        found = _READ_AT_LINE_START.search(text, end)
    parts.append(text[done:])
    return "".join(parts)


def _going_on_scalar(text: str, line: int) -> tuple[int, int] | None:
    """Where the plain scalar that the line at `line` is a line of starts and ends, when it
    starts after a key's ': ' or a '- ' and each line after that is indented more; else None."""
    if _GOING_ON.match(text, line - 1) is None:
        return None
    first = line  # the scalar's second line: the first after its head
    head_start, head_end = _line_before(text, line)
    while head_start and _GOING_ON.match(text, head_start - 1) is not None:
        first = head_start
        head_start, head_end = _line_before(text, head_start)
    head = _LINE.fullmatch(text, head_start, head_end)
    if head is None or not head["rest"] or _INDICATOR.match(head["rest"]):
        return None
    owner = _owner_column(head, head_start)
    if owner is None or _WORDS.fullmatch(head["rest"]) is None:
        return None
    folded = head["rest"].rstrip(" ")  # as readers fold it: one break a space, more are breaks
    end = head_end
    while (going_on := _GOING_ON.match(text, first - 1)) is not None:
        if _run_end(_SPACES, text, first) - first <= owner:
            break
        breaks = text.count("\n", end, first)
        words = going_on.group().strip(" \n")
        folded += (" " if breaks == 1 else "\n" * (breaks - 1)) + words
        end = going_on.end()
        first = _run_end(_BLANK_LINES, text, min(end + 1, len(text)))
    if end < line:
        return None  # a line before it is not indented more than the key or '-'
    reading = resolve_plain(folded)
    if type(reading) is not str or plain_trap(folded, reading) is not None:
        return None
    return head.start("rest"), end


def _line_before(text: str, line: int) -> tuple[int, int]:
    """Where the last line before the one at `line` that is not blank starts and ends (the
    start of the text, if there is none)."""
    end = line - 1
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        if text[start:end].strip(" "):
            return start, end
        end = start - 1
    return 0, max(end, 0)


def _hide_signed_words(text: str) -> str:
    """Hide the words after the first of each plain scalar that has a sign after a space or a
    comma in them, on a line of a key or an entry, when our reading makes the scalar text, no
    trap."""
    search = _SIGN_IN_WORDS.search
    found = search(text)
    if found is None:
        return text
    parts = []
    done = 0  # the text before it is in parts
    while found is not None:  # one search a line that has a hit: the next starts past it
        start = text.rfind("\n", 0, found.start()) + 1
        end = text.find("\n", found.end())
        end = len(text) if end < 0 else end
        parts += [text[done:start], _words_hidden(text[start:end])]
        done = end
        found = search(text, end)
    parts.append(text[done:])
    return "".join(parts)


def _words_hidden(line: str) -> str:
    """The line with its plain scalar's words after the first hidden (from the first space or
    comma), where that is certain."""
    match = _LINE.fullmatch(line)
    if match is None or (match["key"] is None and not match["dashes"]):
        return line  # a line of a scalar going on: left to the gate
    rest, start = match["rest"], match.start("rest")
    if not rest or _INDICATOR.match(rest):
        return line
    comment = rest.find(" #")
    words = (rest if comment < 0 else rest[:comment]).rstrip(" ")
    if ": " in words or words.endswith(":"):
        return line  # no plain scalar holds ': ': a key `_LINE` does not read (`- C#: &a x`)
    # the first word ends at a space or a comma ("¥128,000" in a text with no spaces). Cut at
    # a comma, what is left of it runs on in "x"s: text with no trap, as the whole is (no
    # number, true, false or null of YAML 1.1 or 1.2 ends in "x")
    ends = [at for at in (words.find(" "), words.find(",")) if at > 0]
    if not ends:
        return line
    reading = resolve_plain(words)
    if type(reading) is not str or plain_trap(words, reading) is not None:
        return line
    first = start + min(ends)
    end = start + len(words)
    return line[:first] + _HIDDEN.sub("x", line[first:end]) + line[end:]
