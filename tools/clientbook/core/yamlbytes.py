"""Bytes to text: the size limit, UTF-8 and its BOM, and the control characters YAML refuses.

The control characters are found by libyaml's reader while composing; the
message for them is here, beside the encoding one, because both mean the
same thing to the user: this is not a text file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clientbook.core.yamlproblem import LoadProblem

if TYPE_CHECKING:
    import yaml


def too_large(raw: bytes, max_size: int) -> LoadProblem | None:
    """The problem with a file over `max_size` bytes, or None."""
    if len(raw) <= max_size:
        return None
    return LoadProblem(
        0,
        0,
        "file-too-large",
        f"the file is {len(raw):,} bytes, over the limit of {max_size:,} bytes",
        "split the record, move long documents out of it, or raise max_file_size "
        "in clientbook.yaml",
    )


def decode(raw: bytes) -> str | LoadProblem:
    """The text of UTF-8 `raw` without its BOM, or the problem at the first bad byte."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        return LoadProblem(
            line,
            column,
            "encoding",
            f"byte 0x{raw[err.start]:02x} is not valid UTF-8",
            "save the file as UTF-8 (most editors offer it under 'Save with encoding')",
        )


def control_character_problem(err: yaml.reader.ReaderError, text: str) -> LoadProblem:
    """The problem libyaml's reader found: a character YAML does not allow in `text`."""
    line, column = _offset_position(text, err.position)
    return LoadProblem(
        line,
        column,
        "yaml-syntax",
        f"the file holds a control character (#x{err.character:04x}) that YAML does not allow",
        "the file holds binary data or was saved in a non-text format; is it a client record?",
    )


def _offset_position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
