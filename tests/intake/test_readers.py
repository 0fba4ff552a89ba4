"""The readers on real files: CSV as spreadsheets write it, XLSX by openpyxl, vCard 3.0 and 4.0, JSON Lines."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest

from clientbook.intake.source import read_table
from clientbook.intake.table import MAX_INPUT, IntakeError


def test_csv_with_bom_and_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes("\ufeffName;Email;City\r\nMüller GmbH;a@m.example;Köln\r\n".encode())
    table = read_table(path)
    assert table.detected == "CSV, UTF-8 with BOM, ';'-separated, 1 rows"
    assert table.columns == ["Name", "Email", "City"]
    assert table.rows[0].cells == ("Müller GmbH", "a@m.example", "Köln")


def test_csv_in_cp1252_with_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("Name;Notes\r\nSociété Générale;€ 5 – “quoted”\r\n".encode("cp1252"))
    table = read_table(path)
    assert table.detected.startswith("CSV, Windows-1252, ';'-separated")
    assert table.rows[0].cells == ("Société Générale", "€ 5 – “quoted”")


def test_csv_tab_separated_and_quoted_newlines_keep_their_line(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('Name\tNotes\n"A"\t"two\nlines"\nB\tone\n', encoding="utf-8")
    table = read_table(path)
    assert "tab-separated" in table.detected
    assert [r.line for r in table.rows] == [2, 4]


def test_formula_cells_are_text(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text(
        'Name,Website\n"=HYPERLINK(""https://x.example"",""X"")",+1\n', encoding="utf-8"
    )
    assert read_table(path).rows[0].cells == ('=HYPERLINK("https://x.example","X")', "+1")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"  \r\n\r\n", "the file is empty"),
        (b"Name,Email\r\n", "column names but no rows"),
        (
            b"Name,Email\r\nAcme,a@x.example\r\nBeta\r\n",
            "t.csv:3: this row has 1 cells, the header 2",
        ),
        (
            b"Name,Email,name\r\nA,b,c\r\n",
            "t.csv:1:3: the column name 'name' is used twice (columns 1 and 3)",
        ),
        (b"PK\x03\x04rest of a zip", "but it is an XLSX workbook"),
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n", "but it is a vCard file"),
    ],
)
def test_bad_csv_is_refused_with_its_place(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(content)
    with pytest.raises(IntakeError) as err:
        read_table(path)
    assert message in str(err.value)


def test_a_file_over_50_mb_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with open(path, "wb") as handle:
        handle.truncate(MAX_INPUT + 1)
    with pytest.raises(IntakeError) as err:
        read_table(path)
    assert "over the import limit of 52,428,800 bytes (50 MB)" in str(err.value)


def test_a_fifo_is_never_read(tmp_path: Path) -> None:
    import os

    path = tmp_path / "pipe.csv"
    os.mkfifo(path)
    with pytest.raises(IntakeError, match="not a regular file"):
        read_table(path)


def _workbook(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Companies"
    sheet.append(["Company", "Phone", "Since", "Website", "Employees"])
    sheet.append(
        [
            "Acme Ltd",
            442079460123,
            dt.datetime(2024, 3, 15),
            '=HYPERLINK("https://acme.example","Acme")',
            12.0,
        ]
    )
    sheet.append([None, None, None, None, None])
    sheet.append(["Beta GmbH", "+49 30 901820", dt.date(2023, 1, 2), "beta.example", 3.5])
    book.save(path)


def test_xlsx_written_by_openpyxl(tmp_path: Path) -> None:
    path = tmp_path / "companies.xlsx"
    _workbook(path)
    table = read_table(path)
    assert table.detected == "XLSX, sheet 'Companies', 2 rows"
    assert table.columns == ["Company", "Phone", "Since", "Website", "Employees"]
    first, second = table.rows
    # numbers as typed, dates as ISO, the formula as its text: never evaluated
    assert first.cells == (
        "Acme Ltd",
        "442079460123",
        "2024-03-15",
        '=HYPERLINK("https://acme.example","Acme")',
        "12",
    )
    assert (first.line, second.line) == (2, 4)
    assert second.cells[1:3] == ("+49 30 901820", "2023-01-02")


def test_xlsx_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("Name,Email\nA,b\n")
    with pytest.raises(IntakeError, match=r"read as XLSX .*but it is text"):
        read_table(path)


def test_xlsx_with_duplicate_columns(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Email", "Name", "EMAIL"])
    sheet.append(["a", "b", "c"])
    buffer = io.BytesIO()
    book.save(buffer)
    path = tmp_path / "dup.xlsx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(IntakeError, match=r"dup.xlsx:1:3: the column name 'EMAIL' is used twice"):
        read_table(path)


VCARD_30 = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jo Smith\r\nN:Smith;Jo;;;\r\nORG:Acme Logistics Ltd\r\n"
    "TITLE:Finance director\r\nEMAIL;TYPE=INTERNET,WORK:jo@acme.example\r\n"
    "TEL;TYPE=WORK,VOICE:+44 20 7946 0123\r\nADR;TYPE=WORK:;;1 Dock Road;London;;E16 1AA;United Kingdom\r\n"
    "END:VCARD\r\n"
)
VCARD_40 = (
    "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:individual\r\nFN:Kavya Raghunathan\r\nN:Raghunathan;Kavya;;;\r\n"
    "EMAIL;TYPE=home:kavya@mail.example\r\nTEL;VALUE=uri;TYPE=cell:tel:+919876543210\r\n"
    "LANG:en\r\nEND:VCARD\r\n"
)


def test_vcards_30_and_40(tmp_path: Path) -> None:
    path = tmp_path / "book.vcf"
    path.write_text(VCARD_30 + VCARD_40, encoding="utf-8", newline="")
    table = read_table(path)
    assert table.detected == "vCard 3.0, 4.0, 2 cards"
    rows = [dict(zip(table.columns, r.cells, strict=True)) for r in table.rows]
    assert rows[0]["client"] == "Acme Logistics Ltd" and rows[0]["kind"] == "organization"
    assert rows[0]["TEL"] == "+44 20 7946 0123" and rows[0]["ADR city"] == "London"
    assert rows[1]["client"] == "Kavya Raghunathan" and rows[1]["kind"] == "individual"
    assert rows[1]["TEL"] == "+919876543210" and rows[1]["LANG"] == "en"
    email = table.columns.index("EMAIL")
    assert table.rows[0].place(email) == (7, 1)  # the line the property is on
    assert table.rows[1].line == 11


def test_vcard_left_open(tmp_path: Path) -> None:
    path = tmp_path / "open.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\n")
    with pytest.raises(
        IntakeError, match=r"open\.vcf:1:1: the vCard starting here has no END:VCARD"
    ):
        read_table(path)


def test_jsonl_lines_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "a", "file": "clients/a.yaml", "record": {"id": "a"}}\n\n{"id": "b"}\n')
    table = read_table(path)
    assert table.records == [(1, {"id": "a"}), (3, {"id": "b"})]
    path.write_text('{"id": "a"}\n{"id": \n')
    with pytest.raises(IntakeError, match=r"c.jsonl:2:8: not a JSON object"):
        read_table(path)


def test_unknown_extension_asks_for_format(tmp_path: Path) -> None:
    path = tmp_path / "data.dat"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(IntakeError, match="give --format"):
        read_table(path)
    assert read_table(path, "csv").columns == ["a", "b"]
