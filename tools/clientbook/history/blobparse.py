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

The reuse still pays with the loader's fast path (yaml-rs): the 9,565 versions
of bench/history_bench.py's 1,000 clients × 5,000 commits take 2.7 s of CPU
piece by piece and 4.3 s whole (6.4 s piece by piece on libyaml alone).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from clientbook.core.yamlio import MAX_FILE_SIZE, load_document

# After a line break, not at `^` in MULTILINE mode: a pattern that starts with a literal byte
# lets the engine skip to it, where `^` is tried at every position (a third of the read).
_KEY = rb"[A-Za-z_][A-Za-z0-9_-]*:(?=[ \r\n]|\Z)"
_KEY_LINE = re.compile(rb"\n" + _KEY)
_FIRST_KEY = re.compile(_KEY)
_DOCUMENT_MARKER = re.compile(rb"\n(?:---|\.\.\.|%)")


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

    def __init__(self) -> None:
        self._pieces: dict[bytes, dict[str, Any] | None] = {}

    def parse(self, raw: bytes) -> Parsed:
        data = self._by_pieces(raw)
        return Parsed(data, "") if data is not None else parse_blob(raw)

    def _by_pieces(self, raw: bytes) -> dict[str, Any] | None:
        # an oversized file must meet the loader's refusal, not be read piece by piece
        if (
            len(raw) > MAX_FILE_SIZE
            or raw.startswith((b"\xef\xbb\xbf", b"---", b"...", b"%"))
            or _DOCUMENT_MARKER.search(raw)
        ):
            return None
        starts = [m.start() + 1 for m in _KEY_LINE.finditer(raw)]
        if _FIRST_KEY.match(raw):
            starts.insert(0, 0)
        if not starts or not _only_comments(raw[: starts[0]]):
            return None
        starts[0] = 0  # the leading comments (the modeline) travel with the first field
        starts.append(len(raw))
        out: dict[str, Any] = {}
        for begin, end in itertools.pairwise(starts):
            piece = self._piece(raw[begin:end])
            if piece is None:
                return None
            for key, value in piece.items():
                if key in out:
                    return None
                out[key] = value
        return out

    def _piece(self, text: bytes) -> dict[str, Any] | None:
        try:
            return self._pieces[text]
        except KeyError:
            doc = load_document(text)
            data = doc.data if doc.ok and isinstance(doc.data, dict) else None
            self._pieces[text] = data
            return data


def _only_comments(text: bytes) -> bool:
    return all(not line.strip() or line.lstrip().startswith(b"#") for line in text.splitlines())
