"""Parsing many versions of the same records, each top-level field's text once.

A commit changes a field or two of a record, so consecutive versions of a
client file share most of their top-level fields byte for byte. The history
parses a version field by field: the file is cut before every line that
starts a top-level key at the left margin, and each piece's text is parsed
once per batch, then shared by every version that holds it.

Why a cut can never change the result: at the left margin of a top-level
block mapping a line is a key, a comment, the end of a block scalar, or the
continuation of a quoted scalar or flow collection that is still open. Only
the last would be cut wrongly, and then the piece before the cut ends inside
an open quote or bracket, which libyaml refuses. Any refusal, any key that
two pieces share, a document marker or anything but comments before the
first key sends the whole file to the ordinary loader, which also gives the
error its exact line.

A field that is a block sequence (interactions, contacts, consents) is cut
again, before each line at its items' indentation that starts with `- `:
logging an interaction changes that field's text, but only its last item is
new. Such a line is an item, or the continuation of a quoted scalar or flow
collection that the item before leaves open (a block scalar's lines are
indented deeper than its item). So when the field read whole has as many items
as there are cuts, every cut is an item's start, and each item's text is
remembered with its value. A later version with one item not seen before
parses that item alone under the field's key line, in the context it has in
the file; with more, the field is read whole again.

The reuse pays with the loader's fast path (yaml-rs): the 9,563 versions of
bench/history_bench.py's 1,000 clients × 5,000 commits take 4.2 s parsed
whole and 2.1 s field by field.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any, NamedTuple

from clientbook.core.yamlio import MAX_FILE_SIZE, load_document

_FIRST_KEY = re.compile(rb"[A-Za-z_][A-Za-z0-9_-]*:(?=[ \r\n]|\Z)")  # a key line, from its start
# Every line at the left margin that is not blank or a comment. After a line break, not at
# `^` in MULTILINE mode: a pattern that starts with a literal byte lets the engine skip to
# it, where `^` is tried at every position (a third of the read).
_MARGIN_LINE = re.compile(rb"\n[^ #\n]")
_NOT_A_FIELD = (b"---", b"...", b"%")
_ITEM = (b"- ", b"-\n")
# a key alone on its line, blank or comment lines, then the first item of its block sequence
_SEQUENCE_START = re.compile(
    rb"[A-Za-z_][A-Za-z0-9_-]*:[ ]*\n(?:[ ]*(?:#[^\n]*)?\n)*( *)-(?=[ \n]|\Z)"
)
# fields not seen before past which a version is read whole, its fields then remembered: a
# record of 8 KB reads whole in 0.3 ms, a field of a line or an item of a list in 0.012-0.015
_NEW_FIELDS_READ_ALONE = 8
_ITEM_LINE: dict[int, re.Pattern[bytes]] = {}  # a line that starts an item, by indentation
_UNSEEN = object()


@dataclass(frozen=True, slots=True)
class Parsed:
    data: Any  # None when the version could not be read
    error: str  # the reason, with its line and column


MISSING = Parsed(None, "missing from the repository")  # a blob the log names and git has not


def parse_blob(raw: bytes) -> Parsed:
    """One version of a client file, read with the common loader."""
    doc = load_document(raw)
    if doc.data is None or doc.problems:
        first = doc.problems[0] if doc.problems else None
        where = f"line {first.line}, column {first.column}: " if first and first.line else ""
        return Parsed(None, where + (first.message if first else "unreadable"))
    return Parsed(doc.data, "")


class BlobParser:
    """Parses versions of client files, reusing the fields whose text an earlier version had.

    The values of unchanged fields are the same objects in both versions:
    callers must not modify parsed data.
    """

    def __init__(self, base: BlobParser | None = None) -> None:
        self._pieces: dict[bytes, dict[str, Any] | None] = {}
        self._items: dict[bytes, Any] = {}  # an item's text (indented as in the file) -> value
        self._keys: dict[bytes, str] = {}  # a sequence's key line -> its key
        # what `base` has seen is used, never added to: a batch of records reads what the
        # log's parser saw of them, and what it adds is dropped with the batch
        self._seen_pieces = base._pieces if base is not None else {}
        self._seen_items = base._items if base is not None else {}
        self._seen_keys = base._keys if base is not None else {}

    def parse(self, raw: bytes) -> Parsed:
        fields = _fields_of(raw)
        if fields is None:
            return parse_blob(raw)
        pieces = fields.pieces
        seen = self._seen_pieces
        new = [piece for piece in pieces if piece not in self._pieces and piece not in seen]
        if len(new) > _NEW_FIELDS_READ_ALONE:  # a first version: one read beats many
            whole = parse_blob(raw)
            if whole.data is not None and _cuts_proved(fields, whole.data):
                self._remember_fields(pieces, whole.data)
            return whole
        data = self._by_pieces(pieces)
        return Parsed(data, "") if data is not None else parse_blob(raw)

    def _by_pieces(self, pieces: list[bytes]) -> dict[str, Any] | None:
        out: dict[str, Any] = {}
        for text in pieces:
            piece = self._piece(text)
            if piece is None:
                return None
            for key, value in piece.items():
                if key in out:
                    return None
                out[key] = value
        return out

    def _remember_fields(self, pieces: list[bytes], data: dict[str, Any]) -> None:
        """Each field's text with its value, from a version read whole whose cuts proved true."""
        for text, (key, value) in zip(pieces, data.items(), strict=True):
            field = self._pieces[text] = {key: value}
            cut = _items_of(text)
            if cut is not None:
                self._remember(*cut, field)

    def _piece(self, text: bytes) -> dict[str, Any] | None:
        found = self._pieces.get(text, _UNSEEN)
        if found is _UNSEEN:
            found = self._seen_pieces.get(text, _UNSEEN)
        if found is not _UNSEEN:
            return found  # type: ignore[return-value]
        cut = _items_of(text)
        data = self._by_items(*cut) if cut is not None else None
        if data is None:
            data = _load(text)
            if cut is not None and data is not None:
                self._remember(*cut, data)
        self._pieces[text] = data
        return data

    def _by_items(self, head: bytes, chunks: list[bytes]) -> dict[str, Any] | None:
        """The sequence from its items' values, at most one of them parsed now; None if more
        are new, or the new one does not read as one item of that key."""
        key = self._keys.get(head) or self._seen_keys.get(head)
        items, seen = self._items, self._seen_items
        new = [chunk for chunk in chunks if chunk not in items and chunk not in seen]
        if key is None or len(new) > 1:
            return None
        if new:
            one = _load(head + new[0])
            value = one.get(key, ()) if one is not None and len(one) == 1 else ()
            if type(value) is not list or len(value) != 1:
                return None
            items[new[0]] = value[0]
        return {key: [items[chunk] if chunk in items else seen[chunk] for chunk in chunks]}

    def _remember(self, head: bytes, chunks: list[bytes], data: dict[str, Any]) -> None:
        """The items of a sequence read whole, when each cut proved to be an item's start."""
        if len(data) != 1:
            return
        ((key, value),) = data.items()
        if type(value) is list and len(value) == len(chunks):
            self._keys[head] = key
            self._items.update(zip(chunks, value, strict=True))


class _Fields(NamedTuple):
    keys: list[bytes]  # the key that starts each top-level field, as written
    pieces: list[bytes]  # each field's text, the first with the comments before it
    # every line at the left margin is a field's key line, blank, a comment or a sequence
    # item: what proves the cuts, once the text read whole has as many fields as cuts
    clean: bool


def _fields_of(raw: bytes) -> _Fields | None:
    """The text cut before each top-level key at the left margin; None for a text that must
    be read whole."""
    # an oversized file must meet the loader's refusal, not be read piece by piece
    if len(raw) > MAX_FILE_SIZE or raw.startswith((b"\xef\xbb\xbf", b"---", b"...", b"%")):
        return None
    first = _FIRST_KEY.match(raw)
    starts, ends = ([0], [first.end() - 1]) if first is not None else ([], [])
    clean = True
    for line in _MARGIN_LINE.finditer(raw):
        at = line.end() - 1
        key = _FIRST_KEY.match(raw, at)
        if key is not None:
            starts.append(at)
            ends.append(key.end() - 1)
        elif raw.startswith(_NOT_A_FIELD, at):
            return None  # a document marker or a directive: the loader says what it is
        elif not raw.startswith(_ITEM, at):
            clean = False
    if not starts or not _only_comments(raw[: starts[0]]):
        return None
    keys = [raw[b:e] for b, e in zip(starts, ends, strict=True)]
    starts[0] = 0  # the leading comments (the modeline) travel with the first field
    starts.append(len(raw))
    return _Fields(keys, [raw[b:e] for b, e in itertools.pairwise(starts)], clean)


def _cuts_proved(fields: _Fields, data: dict[str, Any]) -> bool:
    """Whether every cut of a text read whole is where a top-level field starts.

    Every field starts at the left margin with a line that is not blank, a comment or a
    sequence item; when each such line is a cut (`clean`), the fields are among the cuts,
    and a cut inside an open quote or bracket would leave fewer fields than cuts."""
    return (
        fields.clean
        and len(data) == len(fields.keys)
        and all(
            type(key) is str and key.encode() == text
            for key, text in zip(data, fields.keys, strict=True)
        )
    )


def _load(text: bytes) -> dict[str, Any] | None:
    doc = load_document(text)
    return doc.data if doc.ok and isinstance(doc.data, dict) else None


def _items_of(text: bytes) -> tuple[bytes, list[bytes]] | None:
    """A field that is a block sequence of several items: its key line and each item's text
    (the first with the blank and comment lines before it); None for any other field."""
    start = _SEQUENCE_START.match(text)
    if start is None:
        return None
    indent = len(start.group(1))
    line = _ITEM_LINE.get(indent)
    if line is None:
        line = _ITEM_LINE[indent] = re.compile(rb"\n" + b" " * indent + rb"-(?=[ \n]|\Z)")
    head = text.index(b"\n") + 1
    begins = [head, *(m.start() + 1 for m in line.finditer(text, start.end()))]
    if len(begins) < 2:
        return None
    return text[:head], [text[b:e] for b, e in itertools.pairwise([*begins, len(text)])]


def _only_comments(text: bytes) -> bool:
    return all(not line.strip() or line.lstrip().startswith(b"#") for line in text.splitlines())
