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

from clientbook.intake.table import IntakeError, Row, Table, check_columns

_DELIMITERS = ",;\t|"
_SAMPLE = 64 * 1024
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", "UTF-8 with BOM"),
    (b"\xff\xfe", "utf-16", "UTF-16 (little-endian, with BOM)"),
    (b"\xfe\xff", "utf-16", "UTF-16 (big-endian, with BOM)"),
)
_NAMES = {"\t": "tab", ",": "','", ";": "';'", "|": "'|'"}


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
                raise IntakeError(
                    f"{file}:{start}: this row has {len(cells)} cells, the header "
                    f"{len(columns)}: a missing or extra {_NAMES[delimiter]} (or an unclosed quote)"
                )
            rows.append(Row(start, tuple(cells)))
    except csv.Error as err:
        raise IntakeError(f"{file}:{reader.line_num}: not readable as CSV: {err}") from None
    if not rows:
        raise IntakeError(f"{file}: the file has column names but no rows to import")
    detected = f"CSV, {encoding}, {_NAMES[delimiter]}-separated, {len(rows):,} rows"
    return Table(file, detected, columns, rows)
