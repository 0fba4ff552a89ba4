"""Import input as odd files have it: a vCard inside a vCard, a version declared oddly, a CSV
quote left open, names in scripts without ASCII letters. Real files written in tmp_path."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from clientbook.authoring.newrecord import slugify
from clientbook.cli import main
from clientbook.intake.source import read_table
from clientbook.intake.table import IntakeError
from tests.conftest import REPO_ROOT, TODAY, RecordsRepo
from tests.intake.helpers import ImportRepo

SLUG = re.compile(
    json.loads((REPO_ROOT / "schemas" / "client.schema.json").read_text())["$defs"]["slug"][
        "pattern"
    ]
)


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def _refused(path: Path) -> str:
    with pytest.raises(IntakeError) as err:
        read_table(path)
    return str(err.value)


def _card(*lines: str) -> str:
    return "".join(f"{line}\r\n" for line in ("BEGIN:VCARD", *lines, "END:VCARD"))


def test_a_vcard_inside_a_vcard_is_refused_at_its_line(tmp_path: Path) -> None:
    inner = _card("VERSION:3.0", "FN:Inner Person", "ORG:Inner Org")
    outer = (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Outer Person\r\nORG:Outer Org\r\n"
        + inner
        + "END:VCARD\r\n"
    )
    path = _file(tmp_path, "nested.vcf", _card("VERSION:4.0", "FN:First", "ORG:First Org") + outer)
    said = _refused(path)
    assert said.startswith("nested.vcf:10:1: a BEGIN:VCARD inside the vCard that starts at line 6")


def test_a_nested_vcard_writes_nothing(repo: ImportRepo) -> None:
    inner = _card("VERSION:3.0", "FN:Inner Person", "ORG:Inner Org")
    book = repo.file(
        "book.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Outer\r\n" + inner + "END:VCARD\r\n"
    )
    before = repo.status()
    result = repo.run(str(book), "--owner", "account-manager", "--jurisdiction", "GB")
    assert result.exit_code == 2
    assert "book.vcf:4:1: a BEGIN:VCARD inside the vCard that starts at line 1" in result.output
    assert repo.status() == before


@pytest.mark.parametrize(
    ("version_line", "detected"),
    [
        ("VERSION:4.0", "vCard 4.0, 1 cards"),
        ("version:4.0", "vCard 4.0, 1 cards"),
        ("VERSION;VALUE=text:4.0", "vCard 4.0, 1 cards"),
        ("item1.VERSION:4.0", "vCard 4.0, 1 cards"),
    ],
)
def test_the_version_named_is_the_one_the_file_declares(
    tmp_path: Path, version_line: str, detected: str
) -> None:
    path = _file(tmp_path, "v.vcf", _card(version_line, "FN:Anna Berg", "ORG:Berg Consulting"))
    assert read_table(path).detected == detected


def test_a_card_without_version_is_not_said_to_be_3_0(tmp_path: Path) -> None:
    book = _card("VERSION:4.0", "FN:Anna Berg") + _card("FN:Bo Lind", "ORG:Lind AB")
    table = read_table(_file(tmp_path, "mixed.vcf", book))
    assert table.detected == "vCard (no VERSION), 4.0, 2 cards"
    assert "3.0" not in table.detected


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            'Name,Email\n"Acme,a@acme.example\nBeta,b@beta.example\n',
            "t.csv:2:1: the quoted field that opens here (cell 1 of its row) is never closed",
        ),
        (
            'Name,Email\r\nAcme,a@acme.example\r\nBeta,"b@beta.example\r\nGamma,c\r\n',
            "t.csv:3:6: the quoted field that opens here (cell 2 of its row) is never closed",
        ),
        (
            'Name;Notes\nAcme;"said ""hi"""\nBeta;"open ""quote"" \n',
            "t.csv:3:6: the quoted field that opens here (cell 2 of its row) is never closed",
        ),
        (
            'Name,Email\nAcme,"a@acme.example"x\n',
            "t.csv:2:22: 'x' after the quoted field that opens at 2:6, where ',' or the end",
        ),
        (
            'Name,Email,City\nAcme,"a@acme.example,Paris\nBeta,b@beta.example,Rome\nGamma,c",Oslo,x\n',
            "t.csv:2:6: this row has 4 cells, the header 3: the quoted field that opens here "
            '(cell 2) runs over several lines; is its closing " missing?',
        ),
    ],
)
def test_a_csv_quote_problem_names_its_line_and_column(
    tmp_path: Path, content: str, message: str
) -> None:
    assert _refused(_file(tmp_path, "t.csv", content)).startswith(message)


def test_a_quoted_field_over_lines_that_is_closed_still_reads(tmp_path: Path) -> None:
    path = _file(tmp_path, "t.csv", 'Name,Notes\nAcme,"two\nlines"\nBeta,"say ""hi"""\n')
    assert [r.cells for r in read_table(path).rows] == [
        ("Acme", "two\nlines"),
        ("Beta", 'say "hi"'),
    ]


@pytest.mark.parametrize(
    ("name", "made"),
    [
        ("山田商事", "shan-tian-shang-shi"),
        ("株式会社トヨタ", "zhu-shi-hui-she-toyota"),
        ("北京 Trading Co.", "bei-jing-trading-co"),
        ("Мюллер ООО", "myuller-ooo"),
        ("ΑΘΗΝΑ", "athina"),
        ("Łódź Straße", "lodz-strasse"),
        ("Müller GmbH", "muller-gmbh"),  # as before: accents dropped
        ("Zenith Pharma GmbH", "zenith-pharma-gmbh"),
        ("Ａｃｍｅ", "acme"),
        ("😀 🏢", ""),
        ("x " + "y" * 79, "x-" + "y" * 78),  # cut to 80, never ending in a hyphen
    ],
)
def test_ids_are_made_from_names_in_any_script(name: str, made: str) -> None:
    assert slugify(name) == made
    assert made == "" or SLUG.fullmatch(made)


def test_new_makes_an_ascii_id_from_a_cjk_name(records_repo: RecordsRepo) -> None:
    result = CliRunner().invoke(
        main,
        [
            "--repo",
            str(records_repo.root),
            "new",
            "--today",
            TODAY.isoformat(),
            "--name",
            "山田商事",
            "--owner",
            "account-manager",
            "--jurisdiction",
            "GB",
        ],
    )
    assert result.exit_code == 0, result.output
    text = (records_repo.root / "clients" / "shan-tian-shang-shi.yaml").read_text(encoding="utf-8")
    assert 'id: "shan-tian-shang-shi"' in text and 'name: "山田商事"' in text
    assert records_repo.lint_json()["diagnostics"] == []


def test_import_makes_ascii_ids_and_says_why_a_name_makes_none(repo: ImportRepo) -> None:
    rows = repo.file(
        "rows.csv",
        "Name,Email\r\n山田商事,info@yamada.example\r\n😀,hi@emoji.example\r\n",
    )
    result = repo.run(
        str(rows), "--owner", "account-manager", "--jurisdiction", "GB", "--skip-invalid"
    )
    assert result.exit_code == 0, result.output
    assert "1 created" in result.output and "1 skipped" in result.output
    assert (
        "its name '😀' has no letter or digit that can be spelt in ASCII for an id; "
        "give it one in an id column"
    ) in result.output
    assert repo.clients()["shan-tian-shang-shi"]["name"] == "山田商事"
