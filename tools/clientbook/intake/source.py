"""The file to import: read safely, its format from --format or its extension, checked against its bytes."""

from __future__ import annotations

import os
from pathlib import Path

from clientbook.intake.csvread import read_csv
from clientbook.intake.jsonlread import read_jsonl
from clientbook.intake.table import MAX_INPUT, IntakeError, Table
from clientbook.intake.vcfread import read_vcf
from clientbook.intake.xlsxread import read_xlsx
from clientbook.util.regularfile import NotRegular, read_regular

FORMATS = ("csv", "xlsx", "vcf", "jsonl")
_EXTENSIONS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".vcf": "vcf",
    ".vcard": "vcf",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
}
_READERS = {"csv": read_csv, "xlsx": read_xlsx, "vcf": read_vcf, "jsonl": read_jsonl}


def format_of(path: Path, given: str | None) -> str:
    if given:
        return given
    found = _EXTENSIONS.get(path.suffix.lower())
    if found is None:
        raise IntakeError(
            f"{path.name}: cannot tell the format from the extension {path.suffix or '(none)'!r}; "
            f"give --format ({', '.join(FORMATS)})"
        )
    return found


def _looks_like(raw: bytes) -> str:
    head = raw[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if head[:11].upper() == b"BEGIN:VCARD":
        return "vcf"
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"["):
        return "json"
    if b"\0" in head and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    return "csv"


_SAID = {
    "xlsx": "an XLSX workbook (a ZIP archive)",
    "xls": "an old Excel .xls workbook (save it as .xlsx or CSV first)",
    "vcf": "a vCard file",
    "jsonl": "JSON Lines",
    "json": "a JSON document, not JSON Lines (one record a line)",
    "binary": "a binary file",
    "csv": "text (CSV?)",
}


def read_table(path: Path, given: str | None = None, shown: str | None = None) -> Table:
    """The rows of the file; IntakeError for anything that cannot be imported."""
    name = shown or path.name
    fmt = format_of(path, given)
    try:
        size = os.stat(path).st_size
    except OSError as err:
        raise IntakeError(f"{name}: cannot be read: {err.strerror}") from None
    if size > MAX_INPUT:
        raise IntakeError(
            f"{name}: the file is {size:,} bytes, over the import limit of {MAX_INPUT:,} bytes "
            "(50 MB); split it and import the parts one after another"
        )
    try:
        raw = read_regular(path, MAX_INPUT)
    except NotRegular as err:
        raise IntakeError(f"{name}: {err}") from None
    if not raw.strip():
        raise IntakeError(f"{name}: the file is empty")
    found = _looks_like(raw)
    if found != fmt:
        raise IntakeError(
            f"{name}: read as {fmt.upper()} (from {'--format' if given else 'its extension'}), "
            f"but it is {_SAID[found]}; give the right --format or rename the file"
        )
    return _READERS[fmt](raw, name)
