"""CSV as spreadsheets write it: any delimiter, UTF-8 (with or without BOM), UTF-16, cp1252, Latin-1.

The encoding is found by trying, strictest first: a byte-order mark decides; then
UTF-8; then cp1252 (Excel's "CSV" on Western Windows), which leaves five bytes
undefined; then Latin-1, which reads any byte. The delimiter is csv.Sniffer's guess
over the first lines, among the delimiters spreadsheets use. A cell is only ever
text: `=HYPERLINK(…)` is imported as the characters it is, never evaluated.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from clientbook.intake.table import IntakeError, Row, Table, check_columns

_DELIMITERS = ",;\t|"
_SAMPLE = 64 * 1024
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", "UTF-8 with BOM"),
    (b"\xff\xfe", "utf-16", "UTF-16 (little-endian, with BOM)"),
    (b"\xfe\xff", "utf-16", "UTF-16 (big-endian, with BOM)"),
)
_NAMES = {"\t": "tab", ",": "','", ";": "';'", "|": "'|'"}
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")  # the lines csv.reader counts


def decode(raw: bytes, file: str) -> tuple[str, str]:
    """(text, the encoding's name as the summary says it)."""
    for bom, codec, name in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec), name
            except UnicodeDecodeError as err:
                raise IntakeError(f"{file}: starts as {name} but byte {err.start} is not") from None
    for codec, name in (("utf-8", "UTF-8"), ("cp1252", "Windows-1252"), ("latin-1", "Latin-1")):
        try:
            return raw.decode(codec), name
        except UnicodeDecodeError:
            continue
    raise AssertionError("Latin-1 decodes every byte")  # pragma: no cover


def sniff(text: str) -> str:
    """The delimiter; a file of one column has none to find, and reads as ','."""
    sample = text[:_SAMPLE]
    if "\n" in sample[:-1]:
        sample = sample[: sample.rfind("\n")]  # a cut row would mislead the sniffer
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        first = sample.partition("\n")[0]
        counts = {d: first.count(d) for d in _DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def read_csv(raw: bytes, file: str) -> Table:
    """Every row of the CSV, the first being the column names; ragged rows refused."""
    text, encoding = decode(raw, file)
    if "\0" in text[:_SAMPLE]:
        raise IntakeError(f"{file}: it holds NUL bytes, so it is not CSV text (a binary file?)")
    if not text.strip():
        raise IntakeError(f"{file}: the file is empty")
    delimiter = sniff(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[Row] = []
    columns: list[str] = []
    line = 1
    try:
        for cells in reader:
            start, line = line, reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue
            if not columns:
                columns = [c.strip() for c in cells]
                check_columns(file, columns, start)
                continue
            if len(cells) != len(columns):
                raise IntakeError(_ragged(file, text, start, delimiter, len(cells), len(columns)))
            rows.append(Row(start, tuple(cells)))
    except csv.Error as err:
        found = scan_row(text, line, delimiter).problem
        if found is None:
            raise IntakeError(f"{file}:{reader.line_num}: not readable as CSV: {err}") from None
        raise IntakeError(f"{file}:{found[0]}:{found[1]}: {found[2]}") from None
    if not rows:
        raise IntakeError(f"{file}: the file has column names but no rows to import")
    detected = f"CSV, {encoding}, {_NAMES[delimiter]}-separated, {len(rows):,} rows"
    return Table(file, detected, columns, rows)


def _ragged(file: str, text: str, start: int, delimiter: str, cells: int, wanted: int) -> str:
    """A row of the wrong width, at the quote that swallowed lines when one did (the usual
    cause: its closing quote is missing, and a quote rows later closed it)."""
    said = f"this row has {cells} cells, the header {wanted}"
    spanning = scan_row(text, start, delimiter).spanning
    if spanning is None:
        return (
            f"{file}:{start}: {said}: a missing or extra {_NAMES[delimiter]} (or an unclosed quote)"
        )
    line, column, cell = spanning
    return (
        f"{file}:{line}:{column}: {said}: the quoted field that opens here (cell {cell}) runs "
        f'over several lines; is its closing " missing?'
    )


@dataclass
class RowScan:
    """Where the quoting of one row goes wrong, as csv.reader(strict=True) reads it."""

    problem: tuple[int, int, str] | None = None  # (line, column, words)
    spanning: tuple[int, int, int] | None = None  # a quoted field over lines: (line, column, cell)


def scan_row(text: str, start: int, delimiter: str) -> RowScan:
    """The quoting of the row that starts on line `start`, character by character, so a
    message can name the column csv.Error does not: where an unclosed quote opens, where
    a stray character follows a closing one. Columns count characters, from 1."""
    scan = RowScan()
    lines = _LINE.findall(text)[start - 1 :]
    state, opened, cell = "start", (start, 1), 1
    for number, line in enumerate(lines, start=start):
        for column, char in enumerate(line, start=1):
            if char in "\r\n" and state != "quoted":
                return scan  # the row ends here
            if char in "\r\n":
                scan.spanning = scan.spanning or (*opened, cell)
                continue
            if state == "start" and char == '"':
                state, opened = "quoted", (number, column)
            elif state == "quoted" and char == '"':
                state = "closed?"
            elif state == "closed?" and char == '"':
                state = "quoted"  # a doubled quote: one quote in the text
            elif state == "closed?" and char != delimiter:
                scan.problem = (number, column, _stray(char, opened, delimiter))
                return scan
            if char == delimiter and state != "quoted":
                state, cell = "start", cell + 1
            elif state == "start":
                state = "plain"
    if state == "quoted":
        scan.problem = (*opened, _unclosed(cell))
    return scan


def _unclosed(cell: int) -> str:
    return (
        f"the quoted field that opens here (cell {cell} of its row) is never closed: "
        'its closing " is missing, or a " inside it is not doubled ("")'
    )


def _stray(char: str, opened: tuple[int, int], delimiter: str) -> str:
    return (
        f"{char!r} after the quoted field that opens at {opened[0]}:{opened[1]}, where "
        f'{_NAMES[delimiter]} or the end of the line must come (a " inside a quoted field is '
        'written twice: "")'
    )
