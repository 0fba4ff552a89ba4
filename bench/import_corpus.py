#!/usr/bin/env python3
"""A HubSpot-shaped contacts export for benchmarking `clientbook import`.

    python bench/import_corpus.py --companies 10000 --out bench/out/hubspot-contacts.csv

writes one row per contact, as HubSpot's Contacts > Export does (its column names,
"Create Date" as YYYY-MM-DD HH:MM, owners by their full names, countries by name), with
1 to 4 contacts per company (2.5 on average: 25,000 rows for 10,000 companies), in a
shuffled order, so the rows of one company are scattered through the file as a real
export's are. Phone numbers come from the ranges reserved for drama (bench/generate.py's
pools, each used once), UK ones written nationally (0113 496 0123: the mapping's region
reads them), the others internationally with spaces. Company names are bench/generate.py's
word pairs, which no two companies share. Output depends only on the arguments.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from random import Random

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import (  # noqa: E402
    INDUSTRIES,
    NAME_FIRST,
    NAME_SECOND,
    _name_parts,
    _Phones,
    _slug,
)

COLUMNS = [
    "Record ID",
    "First Name",
    "Last Name",
    "Email",
    "Phone Number",
    "Job Title",
    "Company Name",
    "Website URL",
    "Contact owner",
    "Lifecycle Stage",
    "Create Date",
    "Industry",
    "City",
    "Country/Region",
]
GIVEN = [
    "Amara",
    "Jonas",
    "Lucia",
    "Dan",
    "Priya",
    "Hana",
    "Elif",
    "Noah",
    "Maya",
    "Omar",
    "Ingrid",
    "Tomás",
    "Aiko",
    "Kwame",
    "Sofia",
    "Ravi",
    "Chloe",
    "Mateus",
    "Freya",
    "Yusuf",
]
FAMILY = [
    "Okafor",
    "Weber",
    "Ferreira",
    "Mitchell",
    "Raman",
    "Sato",
    "Demir",
    "Lindqvist",
    "Moreau",
    "Kowalski",
    "Haddad",
    "Nakamura",
    "Mensah",
    "Rossi",
    "Iyer",
    "Byrne",
    "Costa",
    "Novak",
    "Jensen",
    "Aziz",
]
ROLES = [
    "Managing director",
    "Finance director",
    "Head of operations",
    "Office manager",
    "Procurement lead",
    "IT manager",
    "Marketing lead",
    "Company secretary",
]
OWNERS = [
    "Amara Okafor",
    "Jonas Weber",
    "Lúcia Ferreira",
    "Dan Mitchell",
    "Priya Raman",
    "Hana Sato",
]
STAGES = ["customer", "customer", "lead", "opportunity", "customer", "subscriber", "evangelist"]
FORMS = ["Ltd", "GmbH", "Inc.", "Ltda.", "AB", "Pvt Ltd", "S.A.", "LLC"]
PLACES = [
    ("London", "United Kingdom", "GB"),
    ("Leeds", "United Kingdom", "GB"),
    ("Berlin", "Germany", "GB"),
    ("Lyon", "France", "GB"),
    ("Austin", "United States", "US"),
    ("San Jose", "United States", "US"),
    ("Recife", "Brazil", "AU"),
    ("Pune", "India", "AU"),
]
CONTACTS_PER_COMPANY = (1, 2, 3, 4)  # cycled: 2.5 on average


def national_uk(number: str) -> str:
    """+441134960123 as a UK export writes it: 0113 496 0123 (020 7946 0123 for London)."""
    rest = number[3:]
    if rest.startswith("20"):
        return f"0{rest[:2]} {rest[2:6]} {rest[6:]}"
    return f"0{rest[:3]} {rest[3:6]} {rest[6:]}"


def spaced(number: str) -> str:
    """+12025550164 as +1 202-555-0164, +61255505280 as +61 2 5550 5280."""
    if number.startswith("+1"):
        return f"+1 {number[2:5]}-{number[5:8]}-{number[8:]}"
    return f"{number[:3]} {number[3]} {number[4:8]} {number[8:]}"


def rows(companies: int, seed: int = 1) -> list[list[str]]:
    capacity = len(NAME_FIRST) * len(NAME_SECOND)
    order = list(range(capacity))
    Random(f"names:{seed}").shuffle(order)
    phones = _Phones(seed)
    out: list[list[str]] = []
    for number in range(companies):
        rng = Random(f"company:{seed}:{number}")
        parts = _name_parts(number, order)
        name = " ".join(parts) + " " + rng.choice(FORMS)
        domain = "-".join(_slug(p) for p in parts) + ".example"
        city, country, pool = rng.choice(PLACES)
        company = [name, f"https://www.{domain}", rng.choice(OWNERS), rng.choice(STAGES)]
        created = f"20{rng.randint(18, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} 10:{rng.randint(0, 59):02d}"
        used: set[str] = set()
        for k in range(CONTACTS_PER_COMPANY[number % len(CONTACTS_PER_COMPANY)]):
            given, family = rng.choice(GIVEN), rng.choice(FAMILY)
            local = f"{_slug(given)}.{_slug(family)}"
            local = local if local not in used else f"{local}{k}"
            used.add(local)
            phone = phones.take(pool) or ""
            shown = (
                national_uk(phone) if phone.startswith("+44") else spaced(phone) if phone else ""
            )
            out.append(
                [
                    "",
                    given,
                    family,
                    f"{local}@{domain}",
                    shown,
                    rng.choice(ROLES),
                    company[0],
                    company[1],
                    company[2],
                    company[3],
                    created,
                    rng.choice(INDUSTRIES),
                    city,
                    country,
                ]
            )
    Random(f"shuffle:{seed}").shuffle(out)
    for record_id, row in enumerate(out, start=1001):
        row[0] = str(record_id)
    return out


def write(path: Path, companies: int, seed: int = 1) -> int:
    found = rows(companies, seed)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        writer.writerows(found)
    return len(found)


MAPPING = """\
# The preset hubspot-contacts, with the region the UK numbers are written in.
region: GB
"""


def mapping_text(preset: Path) -> str:
    return MAPPING + preset.read_text(encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--companies", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    count = write(args.out, args.companies, args.seed)
    print(
        f"wrote {count:,} contact rows of {args.companies:,} companies to {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
