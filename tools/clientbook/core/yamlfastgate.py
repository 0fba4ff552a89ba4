"""The bytes the fast path takes: text with none of what the full path refuses or reads apart.

Every test here over-approximates: a file it turns away only takes the full
path, which is exact. The tests are written for speed, as they run on every
file: `in` with one byte and `bytes.translate` run at memory speed, and each
regular expression starts with one rare byte and is run only when it occurs.
"""

from __future__ import annotations

import re

# Control characters libyaml's reader refuses, and tab and carriage return (indentation and line
# ends where readers differ): a text keeps none of these bytes but the line feed.
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 0x20 or b == 0x7F) or b == 0x0A)
# In UTF-8: a BOM past the start, U+FFFE and U+FFFF, the line and paragraph separators (line
# breaks to YAML 1.1 only), and the C1 controls and NEL (U+0080-U+009F). Each lead byte is
# looked for first: `in` with one byte is memchr, with more a slower search.
_UNSAFE_SEQUENCE = {
    b"\xef": re.compile(rb"\xef(?:\xbb\xbf|\xbf[\xbe\xbf])"),
    b"\xe2": re.compile(rb"\xe2\x80[\xa8\xa9]"),
    b"\xc2": re.compile(rb"\xc2[\x80-\x9f]"),
}

# Where a token starts (after a space, a line break, a flow indicator or ':'), an anchor (&a),
# alias (*a), tag (!) or explicit key (?) would begin; a plain scalar starting with '?' is text
# to YAML 1.2 readers and a key to libyaml. '&' or '*' followed by a space is prose ("Smith &
# Jones", "5 * 3") inside a scalar, or an error yaml-rs refuses too, as it refuses the other
# indicators no plain scalar starts with (%, @, `). The sign comes first in the expression.
# A token found is then refused only where a node can start (`_at_node_start`): after a word
# and a space it is inside a scalar's words ("reviewing *section 4*", "Pourquoi ?").
_SIGN_AT_TOKEN = {
    b"&": re.compile(rb"&(?<=[ \n\[{,:]&)(?![ \n]|\Z)"),
    b"*": re.compile(rb"\*(?<=[ \n\[{,:]\*)(?![ \n]|\Z)"),
    b"!": re.compile(rb"!(?<=[ \n\[{,:]!)"),
    b"?": re.compile(rb"\?(?<=[ \n\[{,:]\?)"),
}
# ':' starting a token: an explicit value (": x"), an empty key, or a plain scalar that starts
# with ':' (":x", "::vector"), which is text to YAML 1.2 readers and an error to libyaml.
_COLON_AT_TOKEN = re.compile(rb":(?<=[ \n\[{,:]:)")
# A ':' right before a flow indicator ends a key only to yaml-rs ("[a:]", "{-:}"): libyaml
# refuses it. Outside a flow collection it is text to both, and only looked for when there is one.
_COLON_AT_FLOW_END = re.compile(rb":[,\]}]")
_FIRST = frozenset(b"&*!?:")
# A key of a flow mapping going on over lines (`{street: x, postal\n code: y}`): an implicit key
# is one line to libyaml, which refuses it, and yaml-rs reads it as one key. After a '{' or ','
# (and any spaces and line breaks) a word starts, its line ends before any ':' or flow
# indicator, and a ':' comes before the next flow indicator. Looked for only inside each flow
# mapping left open at its line's end (`_flow_key_over_lines`).
_FLOW_KEY_OVER_LINES = re.compile(rb"[{,][ \n]*[^ \n,\[\]{}:#][^,\[\]{}:\n]*\n[^,\[\]{}]*?:")
_BRACES = re.compile(rb"[{}]")
# What `_flow_end` counts and passes over, and the quoted scalars it passes over.
_FLOW_SIGNS = re.compile(rb"[\[\]{}'\"]")
_QUOTE_LEADS = frozenset(b" \n[{,:")
_QUOTED_FLOW = {
    ord('"'): re.compile(rb'"(?:[^"\\]|\\[\s\S])*"'),
    ord("'"): re.compile(rb"'(?:[^']|'')*'"),
}
# A surrogate pair written as two escapes (`"\ud83d\ude00"`, as json.dumps writes an emoji):
# yaml-rs joins the pair into one character, libyaml refuses each half.
_SURROGATE_ESCAPE = re.compile(rb"\\(?:u|U0000)[dD][89a-fA-F]")
# A document's explicit start alone on its line before any content (after comments: a
# modeline, say), and its explicit end alone on the last line: each the same document to
# libyaml as with the line blank (what a team's linter may ask for, as yamllint does), so the
# line is made blank and the gate reads the rest.
_START_LINE = re.compile(rb"(?:[ ]*(?:#[^\n]*)?\n)*(---(?:[ ]+(?:#[^\n]*)?)?\n)")
_END_LINE = re.compile(rb"\.\.\.(?:[ ]+(?:#[^\n]*)?)?\n?")
_NODE_LEADS = frozenset(b"\n[{,:")
_MARKER = re.compile(rb"\n(?:---|\.\.\.)")
# A block scalar header: yaml-rs ends a block scalar at the end of the text with a line break
# where there is none (an empty one, or a last line without its line break).
_BLOCK_HEADER = re.compile(rb"[|>][-+0-9]*[ ]*(?:#[^\n]*)?$")


def document_body(raw: bytes) -> bytes | None:
    """`raw` (its BOM already removed) as the gate and yaml-rs read it: each CR LF a line feed,
    a `---` line before its content and a `...` line ending it made blank; None where a carriage return
    is left (a line break to libyaml, which yaml-rs may read apart). Every line keeps its number
    and each character its column, so positions are those of `raw`."""
    if b"\r" in raw:  # libyaml reads CR LF as one line feed, in scalars too (YAML 1.2, 5.4)
        raw = raw.replace(b"\r\n", b"\n")
        if b"\r" in raw:
            return None
    if (raw.startswith(b"---") or b"\n---" in raw) and (start := _START_LINE.match(raw)):
        raw = raw[: start.start(1)] + b"\n" + raw[start.end(1) :]
    last = raw.rfind(b"\n", 0, len(raw) - 1) + 1  # where the last line starts
    if last and raw.startswith(b"...", last) and _END_LINE.fullmatch(raw, last) is not None:
        raw = raw[:last]
    return raw


def gate_text(raw: bytes) -> str | None:
    """The UTF-8 text of `raw` (its BOM already removed) if the fast path may read it, else None."""
    text = readable_text(raw)
    return text if text is not None and signs_clear(raw) else None


def readable_text(raw: bytes) -> str | None:
    """The UTF-8 text of `raw` if nothing in it but an indicator at a token's start turns the
    fast path away (`signs_clear` is the rest of the gate: prose can hide those, see
    yamlfastmask), else None."""
    if not raw or raw[0] in _FIRST or raw.startswith((b"---", b"...")):
        return None  # the tests below look one byte back, and at markers after a line break
    if len(raw.translate(None, _NOT_CONTROL)) or (b"<" in raw and b"<<" in raw):
        return None  # a control character, or a merge key
    if _MARKER.search(raw) is not None:  # a document marker, or a line that starts like one
        return None
    for lead, sequence in _UNSAFE_SEQUENCE.items():
        if lead in raw and sequence.search(raw) is not None:
            return None
    if b"\\" in raw and _SURROGATE_ESCAPE.search(raw) is not None:
        return None
    if raw.endswith(b" "):  # spaces after the last line break: readers end a block scalar apart
        return None
    if (b"|" in raw or b">" in raw) and _block_scalar_may_end_the_text(raw):
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def signs_clear(raw: bytes) -> bool:
    """Whether no node starts with an anchor, alias, tag or explicit key, no token with ':',
    and no ':' stands before a flow indicator."""
    if _COLON_AT_TOKEN.search(raw) is not None:
        return False
    if (b"[" in raw or b"{" in raw) and _COLON_AT_FLOW_END.search(raw) is not None:
        return False
    if b"{" in raw and _flow_key_over_lines(raw):
        return False
    for sign, at_token in _SIGN_AT_TOKEN.items():
        if sign in raw:
            for found in at_token.finditer(raw):
                if _at_node_start(raw, found.start()):
                    return False
    return True


def _flow_key_over_lines(raw: bytes) -> bool:
    """Whether a flow mapping that goes on past its line may hold a key that does too (see
    `_FLOW_KEY_OVER_LINES`). A mapping closed on its line, as most are, cannot hold one. Each
    line is looked at once: a note of minified JSON ({"a":{"b":1},…}) has many on one line."""
    at = raw.find(b"{")
    while at >= 0:
        end = raw.find(b"\n", at)
        end = len(raw) if end < 0 else end
        opened = _open_at_line_end(raw, at, end)
        if opened is None:
            at = raw.find(b"{", end)
            continue
        close = _flow_end(raw, opened)
        if _FLOW_KEY_OVER_LINES.search(raw, opened, close) is not None:
            return True
        at = raw.find(b"{", max(close, end))
    return False


def _open_at_line_end(raw: bytes, at: int, end: int) -> int | None:
    """The outermost '{' from `at` to the line's `end` that a node starts with and that is
    still open at the line's end; None if there is none."""
    opened: list[int] = []
    for found in _BRACES.finditer(raw, at, end):
        if raw[found.start()] == 0x7B:
            opened.append(found.start())
        elif opened:
            opened.pop()
    return next((start for start in opened if _at_node_start(raw, start)), None)


def _flow_end(raw: bytes, at: int) -> int:
    """Where the flow collection opened at `at` ends (past its closing bracket), passing over
    quoted scalars; the end of the text where that is not certain (the search then looks at
    more than the collection, which can only send the file to the full path)."""
    depth = 0
    search = _FLOW_SIGNS.search
    while (found := search(raw, at)) is not None:
        start = found.start()
        char = raw[start]
        at = start + 1
        if char in b"'\"":
            if raw[start - 1] not in _QUOTE_LEADS:
                continue  # an apostrophe inside a plain word (O'Brien): text
            quoted = _QUOTED_FLOW[char].match(raw, start)
            if quoted is None:
                return len(raw)
            at = quoted.end()  # its brackets are text
            continue
        depth += 1 if char in b"[{" else -1
        if depth == 0:
            return at
    return len(raw)


def _at_node_start(raw: bytes, at: int) -> bool:
    """Whether a node may start at `at`: after a line break, a flow indicator or a ':' (then
    any spaces), or after '- ' ('-' and spaces). After anything else and a space it is inside
    a plain scalar's words, or a quoted or block scalar's, or a comment: text to every reader.
    A node after a property (`!t &a x`) has the property at the start, and that is refused."""
    before = at - 1
    while before >= 0 and raw[before] == 0x20:
        before -= 1
    if before < 0 or raw[before] in _NODE_LEADS:
        return True
    return raw[before] == 0x2D and before < at - 1 and (before == 0 or raw[before - 1] in b" \n")


def _block_scalar_may_end_the_text(raw: bytes) -> bool:
    """Whether the text does not end with a line break, or its last line that is not blank or a
    comment is a block scalar's header (the scalar is empty and ends the text)."""
    if not raw.endswith(b"\n"):
        return True
    end = len(raw) - 1
    while end > 0:
        start = raw.rfind(b"\n", 0, end) + 1
        line = raw[start:end].strip(b" ")
        if line and not line.startswith(b"#"):
            return _BLOCK_HEADER.search(line) is not None
        end = start - 1
    return False
