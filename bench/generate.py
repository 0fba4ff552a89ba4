#!/usr/bin/env python3
"""Generate a synthetic clientbook records repository for benchmarks.

    python bench/generate.py --count 10000 --seed 1 --out bench/out/repo-10000 [--today 2026-11-23]
                             [--layout flat|prefix2|by-team] [--jobs N]

writes OUT/clientbook.yaml (a copy of this repository's clientbook.yaml),
OUT/schemas/ (copies of this repository's schemas, so the modeline on each
record's first line resolves and every tool reads the same schema), and
OUT/clients/<id>.yaml for COUNT fictitious clients. --layout prefix2 writes
OUT/clients/<first two characters of the id>/<id>.yaml instead (every id here
starts "client-", so that is one folder, clients/cl/), --layout by-team
OUT/clients/<team>/<id>.yaml; either sets `layout:` in OUT/clientbook.yaml and
writes the modeline for the file's depth (../../schemas/…).

Every record is valid against schemas/client.schema.json and consistent with
the configuration (staff, teams, jurisdictions, consent purposes, retention
policies, review intervals, onboarding steps), and about 150 lines long on
average. Output depends only on (count, seed, today, layout): the same
arguments give byte-identical files whatever --jobs, and the first N clients
of a larger run are the same as those of a run with --count N.

Names stay distinct clients to the duplicate check at any count up to 241,920:
13,440 word pairs, then each pair again with a business word ("Amber Anchorage
Holdings"). E-mail domains and ids follow the name. Phone numbers are never
handed out twice: past the first 10,000 clients (written as they always were)
most contacts share their client's first number, so the ~140,000 reserved
numbers last to about 110,000 clients; later contacts go without.

--jobs N (default: the number of CPUs) builds and renders the records in N
forked processes; this one hands out the phone numbers in client order and
writes the files. 100,000 clients take about a minute on 2 cores.

Only the standard library's `random.Random` is used for randomness; PyYAML
(a clientbook dependency) only reads clientbook.yaml. Records are written by a
small emitter: plain scalars where they are unambiguous under YAML 1.1 and 1.2,
double-quoted (JSON-escaped, which is valid YAML) otherwise.

Fictitious data only: e-mail domains under .example, phone numbers from ranges
reserved for drama and documentation (UK Ofcom 01xx 496 0xxx and friends,
US 555-01xx, Australian ACMA 02 5550 xxxx and friends), organisation names
built from word lists so that no two look alike.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import re
import shutil
import sys
import time
import unicodedata
from pathlib import Path
from random import Random
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
CONFIG_SOURCE = ROOT / "clientbook.yaml"
SCHEMAS_SOURCE = ROOT / "schemas"
MODELINE = "# yaml-language-server: $schema=../schemas/client.schema.json"
DEFAULT_TODAY = "2026-11-23"
# Former clients ended after this date, so that no retention period has run out.
FORMER_ENDED_AFTER = dt.date(2024, 6, 1)
# Clients 1 to this are written byte for byte as before 100,000 clients were asked for (their
# names and phone numbers had not run out), so figures measured on them stay comparable.
LEGACY_CLIENTS = 10_000

# --- word lists ---------------------------------------------------------------------------
# Chosen so that two names sharing one word are never alike: for every pair of names that
# differ in one word, difflib's ratio stays below 0.87 (the duplicate check uses 0.92).

NAME_FIRST = [
    "Amber",
    "Argent",
    "Atlas",
    "Aurora",
    "Basalt",
    "Birch",
    "Bluebell",
    "Boreal",
    "Brightwater",
    "Bronze",
    "Canyon",
    "Cardinal",
    "Cedar",
    "Chalk",
    "Citrine",
    "Crystal",
    "Cypress",
    "Delta",
    "Driftwood",
    "Emerald",
    "Equinox",
    "Fjord",
    "Flint",
    "Foxglove",
    "Glacier",
    "Granite",
    "Hawthorn",
    "Highland",
    "Horizon",
    "Indigo",
    "Ivory",
    "Juniper",
    "Lagoon",
    "Magnolia",
    "Maple",
    "Meridian",
    "Monsoon",
    "Moorland",
    "Nimbus",
    "Northgate",
    "Pewter",
    "Pinecrest",
    "Quartz",
    "Riverbend",
    "Rosewood",
    "Saffron",
    "Sandstone",
    "Sapphire",
    "Sierra",
    "Silverline",
    "Solstice",
    "Stonebridge",
    "Summit",
    "Sycamore",
    "Tamarind",
    "Thistle",
    "Topaz",
    "Tundra",
    "Vermilion",
    "Willow",
    "Zephyr",
    "Elderflower",
    "Fennel",
    "Islay",
    "Jasmine",
    "Kingfisher",
    "Yarrow",
    "Zinnia",
    "Coppice",
    "Buckthorn",
    "Dandelion",
    "Eastwind",
    "Goldcrest",
    "Kelpie",
    "Limestone",
    "Nutmeg",
    "Peppermint",
    "Quicksilver",
    "Snowdrop",
    "Vireo",
    "Westbrook",
    "Yellowstone",
    "Chestnut",
    "Evergreen",
    "Honeysuckle",
    "Ironbark",
    "Jacaranda",
    "Krypton",
    "Nightshade",
    "Periwinkle",
    "Rhubarb",
    "Tourmaline",
    "Umbrage",
    "Yucca",
    "Bergamot",
    "Dewpoint",
    "Hartwell",
    "Inkwell",
    "Jetstream",
    "Lodgepole",
    "Thornbury",
    "Vickers",
    "Whitby",
    "Yardley",
    "Ashdown",
    "Darlington",
    "Eastleigh",
    "Fairfax",
    "Penrith",
    "Redcliffe",
    "Tewkesbury",
    "Alnwick",
]

NAME_SECOND = [
    "Anchorage",
    "Archway",
    "Arrowhead",
    "Badger",
    "Bastion",
    "Brookside",
    "Buttress",
    "Castle",
    "Cathedral",
    "Causeway",
    "Citadel",
    "Clearing",
    "Cliffside",
    "Compass",
    "Corridor",
    "Courtyard",
    "Current",
    "Estuary",
    "Falcon",
    "Ferryman",
    "Fieldstone",
    "Firefly",
    "Foothill",
    "Fountain",
    "Gallery",
    "Granary",
    "Greenhouse",
    "Harbour",
    "Harvest",
    "Headland",
    "Hedgerow",
    "Heritage",
    "Hilltop",
    "Homestead",
    "Labyrinth",
    "Lighthouse",
    "Lookout",
    "Mariner",
    "Marketplace",
    "Monument",
    "Observatory",
    "Osprey",
    "Outpost",
    "Overlook",
    "Paddock",
    "Pavilion",
    "Pelican",
    "Pinnacle",
    "Pioneer",
    "Quayside",
    "Rampart",
    "Reservoir",
    "Riverside",
    "Sentinel",
    "Shipyard",
    "Skyline",
    "Springwell",
    "Stockade",
    "Stronghold",
    "Terrace",
    "Threshold",
    "Trailhead",
    "Turbine",
    "Viaduct",
    "Waypoint",
    "Wharfside",
    "Windmill",
    "Workshop",
    "Zenith",
    "Bellwether",
    "Caravan",
    "Chariot",
    "Cornerstone",
    "Drumlin",
    "Flagship",
    "Glasshouse",
    "Kestrel",
    "Nightingale",
    "Paragon",
    "Quiver",
    "Rapids",
    "Seafarer",
    "Signal",
    "Swallow",
    "Telescope",
    "Tidewater",
    "Vanguard",
    "Wildwood",
    "Wolfhound",
    "Yeoman",
    "Atrium",
    "Bridgehead",
    "Dovetail",
    "Mosaic",
    "Parapet",
    "Puffin",
    "Regatta",
    "Salamander",
    "Sextant",
    "Thunderbird",
    "Wagtail",
    "Almanac",
    "Bulwark",
    "Dynamo",
    "Fjordland",
    "Gondola",
    "Hummingbird",
    "Icebreaker",
    "Jubilee",
    "Kaleidoscope",
    "Mandolin",
    "Nautilus",
    "Pegasus",
    "Quadrant",
    "Rotunda",
    "Semaphore",
    "Trellis",
    "Umbrella",
    "Vestibule",
    "Whirlwind",
]

# Used only past len(NAME_FIRST) * len(NAME_SECOND) clients (13,440): in round r (clients
# 13,440 r + 1 to 13,440 (r + 1)) each word pair takes one of these, a different one each round,
# so a pair is "Amber Anchorage", then "Amber Anchorage Holdings", "Amber Anchorage Freight", …
# (18 rounds: 241,920 names). All are words the duplicate check sets aside as common business
# words, so two names of different pairs are as far apart as the pairs; and two of one pair stay
# below 0.87 with every pair and every two of these (0.92 is the check's threshold).
NAME_SUFFIX = [
    "Holdings",
    "Partners",
    "Logistics",
    "Engineering",
    "Ventures",
    "Capital",
    "Systems",
    "Freight",
    "Technologies",
    "Management",
    "International",
    "Finance",
    "Software",
    "Supplies",
    "Construction",
    "Communications",
    "Transport",
]
NAME_CAPACITY = len(NAME_FIRST) * len(NAME_SECOND) * (1 + len(NAME_SUFFIX))

INDUSTRIES = [
    "Logistics",
    "Financial services",
    "Retail",
    "Manufacturing",
    "Healthcare",
    "Software",
    "Construction",
    "Hospitality",
    "Energy",
    "Education",
    "Agriculture",
    "Media and publishing",
    "Telecommunications",
    "Pharmaceuticals",
    "Legal services",
    "Real estate",
    "Transport",
    "Food and beverage",
    "Insurance",
    "Non-profit",
    "Architecture",
    "Automotive",
    "Fashion",
    "Biotechnology",
    "Public sector",
]

TAGS = [
    "key-account",
    "strategic",
    "referral",
    "renewal-due",
    "pilot",
    "multi-site",
    "priority-support",
    "partner",
    "reseller",
    "public-sector",
    "high-growth",
    "at-risk",
]

# jurisdiction -> account team, and the countries (with their locale) we place clients in.
JURISDICTION_TEAM = {
    "EU": "emea-accounts",
    "GB": "emea-accounts",
    "US-CA": "americas-accounts",
    "BR": "americas-accounts",
    "IN": "apac-accounts",
}
JURISDICTION_WEIGHT = {"EU": 34, "GB": 22, "US-CA": 18, "BR": 12, "IN": 14}

# country: (cities [(city, region, timezone)], language, legal forms, postcode pattern,
#           street names, phone pool, currency, first names, last names)
LOCALES: dict[str, dict[str, Any]] = {
    "DE": {
        "cities": [
            ("Berlin", "Berlin", "Europe/Berlin"),
            ("Hamburg", "Hamburg", "Europe/Berlin"),
            ("München", "Bayern", "Europe/Berlin"),
            ("Köln", "Nordrhein-Westfalen", "Europe/Berlin"),
            ("Leipzig", "Sachsen", "Europe/Berlin"),
            ("Frankfurt am Main", "Hessen", "Europe/Berlin"),
        ],
        "language": "de",
        "legal": ["GmbH", "AG", "GmbH"],
        "postcode": "#####",
        "streets": [
            "Hauptstraße",
            "Bahnhofstraße",
            "Gartenweg",
            "Lindenallee",
            "Schillerstraße",
            "Am Markt",
        ],
        "number_first": False,
        "currency": "EUR",
        "first": [
            "Anna",
            "Lukas",
            "Jürgen",
            "Sabine",
            "Felix",
            "Katrin",
            "Matthias",
            "Leonie",
            "Tobias",
            "Miriam",
        ],
        "last": [
            "Schneider",
            "Fischer",
            "Becker",
            "Hoffmann",
            "Krüger",
            "Wagner",
            "Zimmermann",
            "Braun",
            "Vogel",
            "Lang",
        ],
    },
    "FR": {
        "cities": [
            ("Paris", "Île-de-France", "Europe/Paris"),
            ("Lyon", "Auvergne-Rhône-Alpes", "Europe/Paris"),
            ("Nantes", "Pays de la Loire", "Europe/Paris"),
            ("Lille", "Hauts-de-France", "Europe/Paris"),
            ("Bordeaux", "Nouvelle-Aquitaine", "Europe/Paris"),
        ],
        "language": "fr",
        "legal": ["SAS", "SARL", "SA"],
        "postcode": "#####",
        "streets": [
            "rue de la République",
            "avenue Victor Hugo",
            "boulevard Voltaire",
            "rue des Lilas",
            "quai de Seine",
        ],
        "number_first": True,
        "currency": "EUR",
        "first": [
            "Camille",
            "Julien",
            "Élodie",
            "Mathieu",
            "Chloé",
            "Antoine",
            "Inès",
            "Hugo",
            "Margaux",
            "Théo",
        ],
        "last": [
            "Martin",
            "Bernard",
            "Dubois",
            "Lefèvre",
            "Moreau",
            "Girard",
            "Roux",
            "Fontaine",
            "Chevalier",
            "Blanc",
        ],
    },
    "NL": {
        "cities": [
            ("Amsterdam", "Noord-Holland", "Europe/Amsterdam"),
            ("Rotterdam", "Zuid-Holland", "Europe/Amsterdam"),
            ("Utrecht", "Utrecht", "Europe/Amsterdam"),
            ("Eindhoven", "Noord-Brabant", "Europe/Amsterdam"),
        ],
        "language": "nl",
        "legal": ["B.V.", "N.V."],
        "postcode": "#### @@",
        "streets": ["Keizersgracht", "Dorpsstraat", "Kerkstraat", "Molenweg", "Stationsplein"],
        "number_first": False,
        "currency": "EUR",
        "first": [
            "Sanne",
            "Daan",
            "Femke",
            "Bram",
            "Lotte",
            "Jeroen",
            "Anouk",
            "Ruben",
            "Eva",
            "Thijs",
        ],
        "last": [
            "de Vries",
            "Jansen",
            "Bakker",
            "Visser",
            "Smit",
            "Meijer",
            "de Boer",
            "Mulder",
            "Bos",
            "Dekker",
        ],
    },
    "IE": {
        "cities": [
            ("Dublin", "Leinster", "Europe/Dublin"),
            ("Cork", "Munster", "Europe/Dublin"),
            ("Galway", "Connacht", "Europe/Dublin"),
        ],
        "language": "en-IE",
        "legal": ["Ltd", "DAC"],
        "postcode": "D## @#@#",
        "streets": [
            "Harcourt Street",
            "Grafton Street",
            "Merrion Square",
            "Patrick Street",
            "Eyre Square",
        ],
        "number_first": True,
        "currency": "EUR",
        "first": [
            "Aoife",
            "Ciarán",
            "Niamh",
            "Seán",
            "Róisín",
            "Conor",
            "Saoirse",
            "Darragh",
            "Orla",
            "Cian",
        ],
        "last": [
            "Murphy",
            "Kelly",
            "O'Sullivan",
            "Walsh",
            "Byrne",
            "Ryan",
            "O'Brien",
            "Doyle",
            "McCarthy",
            "Gallagher",
        ],
    },
    "ES": {
        "cities": [
            ("Madrid", "Comunidad de Madrid", "Europe/Madrid"),
            ("Barcelona", "Cataluña", "Europe/Madrid"),
            ("Valencia", "Comunidad Valenciana", "Europe/Madrid"),
            ("Sevilla", "Andalucía", "Europe/Madrid"),
        ],
        "language": "es",
        "legal": ["S.L.", "S.A."],
        "postcode": "#####",
        "streets": [
            "Calle Mayor",
            "Gran Vía",
            "Calle de Alcalá",
            "Paseo de Gracia",
            "Avenida del Puerto",
        ],
        "number_first": False,
        "currency": "EUR",
        "first": [
            "Lucía",
            "Javier",
            "Carmen",
            "Alejandro",
            "Marta",
            "Pablo",
            "Elena",
            "Sergio",
            "Nuria",
            "Diego",
        ],
        "last": [
            "García",
            "Fernández",
            "López",
            "Martínez",
            "Sánchez",
            "Romero",
            "Navarro",
            "Torres",
            "Ruiz",
            "Castillo",
        ],
    },
    "IT": {
        "cities": [
            ("Milano", "Lombardia", "Europe/Rome"),
            ("Torino", "Piemonte", "Europe/Rome"),
            ("Bologna", "Emilia-Romagna", "Europe/Rome"),
            ("Roma", "Lazio", "Europe/Rome"),
        ],
        "language": "it",
        "legal": ["S.p.A.", "S.r.l."],
        "postcode": "#####",
        "streets": ["Via Roma", "Corso Italia", "Via Garibaldi", "Piazza del Duomo", "Via Dante"],
        "number_first": False,
        "currency": "EUR",
        "first": [
            "Giulia",
            "Marco",
            "Francesca",
            "Luca",
            "Chiara",
            "Alessandro",
            "Sara",
            "Davide",
            "Elisa",
            "Matteo",
        ],
        "last": [
            "Rossi",
            "Russo",
            "Ferrari",
            "Esposito",
            "Bianchi",
            "Romano",
            "Colombo",
            "Ricci",
            "Marino",
            "Greco",
        ],
    },
    "SE": {
        "cities": [
            ("Stockholm", "Stockholms län", "Europe/Stockholm"),
            ("Göteborg", "Västra Götaland", "Europe/Stockholm"),
            ("Malmö", "Skåne", "Europe/Stockholm"),
        ],
        "language": "sv",
        "legal": ["AB"],
        "postcode": "### ##",
        "streets": ["Storgatan", "Drottninggatan", "Kungsgatan", "Sveavägen", "Hamngatan"],
        "number_first": False,
        "currency": "SEK",
        "first": [
            "Elin",
            "Oskar",
            "Maja",
            "Erik",
            "Linnea",
            "Johan",
            "Ebba",
            "Axel",
            "Sofia",
            "Viktor",
        ],
        "last": [
            "Andersson",
            "Johansson",
            "Lindqvist",
            "Nilsson",
            "Eriksson",
            "Berg",
            "Lundgren",
            "Holm",
            "Sjöberg",
            "Ek",
        ],
    },
    "GB": {
        "cities": [
            ("London", "Greater London", "Europe/London"),
            ("Manchester", "Greater Manchester", "Europe/London"),
            ("Leeds", "West Yorkshire", "Europe/London"),
            ("Bristol", "Bristol", "Europe/London"),
            ("Edinburgh", "Scotland", "Europe/London"),
            ("Cardiff", "Wales", "Europe/London"),
            ("Birmingham", "West Midlands", "Europe/London"),
            ("Glasgow", "Scotland", "Europe/London"),
        ],
        "language": "en-GB",
        "legal": ["Ltd", "Ltd", "plc", "LLP"],
        "postcode": "@@# #@@",
        "streets": [
            "High Street",
            "Station Road",
            "Church Lane",
            "Victoria Road",
            "Mill Lane",
            "Park Avenue",
        ],
        "number_first": True,
        "currency": "GBP",
        "first": [
            "Oliver",
            "Amelia",
            "Harry",
            "Isla",
            "George",
            "Emily",
            "Jack",
            "Sophie",
            "Thomas",
            "Charlotte",
            "Priya",
            "Mohammed",
            "Grace",
            "Daniel",
            "Hannah",
        ],
        "last": [
            "Smith",
            "Jones",
            "Taylor",
            "Brown",
            "Williams",
            "Wilson",
            "Evans",
            "Thomas",
            "Roberts",
            "Walker",
            "Patel",
            "Hughes",
            "Clarke",
            "Wright",
            "Turner",
        ],
    },
    "US": {
        "cities": [
            ("San Francisco", "CA", "America/Los_Angeles"),
            ("Los Angeles", "CA", "America/Los_Angeles"),
            ("San Diego", "CA", "America/Los_Angeles"),
            ("Sacramento", "CA", "America/Los_Angeles"),
            ("Oakland", "CA", "America/Los_Angeles"),
            ("San Jose", "CA", "America/Los_Angeles"),
            ("Fresno", "CA", "America/Los_Angeles"),
        ],
        "language": "en-US",
        "legal": ["Inc.", "LLC", "Corp."],
        "postcode": "9####",
        "streets": [
            "Market Street",
            "Mission Street",
            "Sunset Boulevard",
            "Broadway",
            "Harbor Drive",
            "Oak Avenue",
        ],
        "number_first": True,
        "currency": "USD",
        "first": [
            "Emma",
            "Liam",
            "Olivia",
            "Noah",
            "Ava",
            "Ethan",
            "Mia",
            "Lucas",
            "Sofia",
            "Mason",
            "Isabella",
            "Jayden",
            "Chloe",
            "Carlos",
            "Grace",
        ],
        "last": [
            "Johnson",
            "Miller",
            "Davis",
            "Garcia",
            "Rodriguez",
            "Martinez",
            "Anderson",
            "Nguyen",
            "Kim",
            "Lee",
            "Thompson",
            "White",
            "Harris",
            "Lopez",
            "Clark",
        ],
    },
    "BR": {
        "cities": [
            ("São Paulo", "SP", "America/Sao_Paulo"),
            ("Rio de Janeiro", "RJ", "America/Sao_Paulo"),
            ("Belo Horizonte", "MG", "America/Sao_Paulo"),
            ("Curitiba", "PR", "America/Sao_Paulo"),
            ("Porto Alegre", "RS", "America/Sao_Paulo"),
            ("Recife", "PE", "America/Recife"),
        ],
        "language": "pt-BR",
        "legal": ["Ltda.", "S.A.", "Ltda."],
        "postcode": "#####-###",
        "streets": [
            "Avenida Paulista",
            "Rua Augusta",
            "Rua da Consolação",
            "Avenida Atlântica",
            "Rua das Flores",
        ],
        "number_first": False,
        "currency": "BRL",
        "first": [
            "João",
            "Ana",
            "Pedro",
            "Mariana",
            "Lucas",
            "Beatriz",
            "Gabriel",
            "Larissa",
            "Rafael",
            "Camila",
        ],
        "last": [
            "Silva",
            "Santos",
            "Oliveira",
            "Souza",
            "Pereira",
            "Costa",
            "Rodrigues",
            "Almeida",
            "Carvalho",
            "Gomes",
        ],
    },
    "IN": {
        "cities": [
            ("Mumbai", "Maharashtra", "Asia/Kolkata"),
            ("Bengaluru", "Karnataka", "Asia/Kolkata"),
            ("New Delhi", "Delhi", "Asia/Kolkata"),
            ("Pune", "Maharashtra", "Asia/Kolkata"),
            ("Chennai", "Tamil Nadu", "Asia/Kolkata"),
            ("Hyderabad", "Telangana", "Asia/Kolkata"),
        ],
        "language": "en-IN",
        "legal": ["Pvt Ltd", "Ltd", "LLP"],
        "postcode": "######",
        "streets": [
            "MG Road",
            "Linking Road",
            "Brigade Road",
            "Anna Salai",
            "Park Street",
            "Residency Road",
        ],
        "number_first": True,
        "currency": "INR",
        "first": [
            "Aarav",
            "Ananya",
            "Vihaan",
            "Diya",
            "Arjun",
            "Isha",
            "Rohan",
            "Kavya",
            "Aditya",
            "Meera",
        ],
        "last": [
            "Sharma",
            "Iyer",
            "Reddy",
            "Nair",
            "Gupta",
            "Mehta",
            "Kapoor",
            "Rao",
            "Desai",
            "Banerjee",
        ],
    },
}
JURISDICTION_COUNTRIES = {
    "EU": ["DE", "DE", "FR", "FR", "NL", "IE", "ES", "IT", "SE"],
    "GB": ["GB"],
    "US-CA": ["US"],
    "BR": ["BR"],
    "IN": ["IN"],
}

ROLES = [
    "Chief executive",
    "Finance director",
    "Head of operations",
    "Procurement manager",
    "Office manager",
    "IT lead",
    "Marketing director",
    "Legal counsel",
    "Project manager",
    "Chief operating officer",
    "Head of data protection",
    "Accounts payable",
    "Product owner",
    "Managing partner",
]

PROJECTS = [
    ("crm-migration", "CRM migration"),
    ("warehouse-audit", "Warehouse audit"),
    ("pricing-review", "Pricing review"),
    ("data-cleanup", "Customer data clean-up"),
    ("website-relaunch", "Website relaunch"),
    ("erp-rollout", "ERP roll-out"),
    ("gdpr-readiness", "Data protection readiness review"),
    ("cost-reduction", "Cost reduction programme"),
    ("market-entry", "Market entry study"),
    ("supplier-review", "Supplier review"),
    ("training", "Staff training programme"),
    ("reporting", "Management reporting pack"),
    ("cloud-move", "Move to the cloud"),
    ("process-mapping", "Process mapping"),
    ("tender-support", "Tender support"),
    ("due-diligence", "Vendor due diligence"),
]
MILESTONES = [
    "Kick-off",
    "Discovery complete",
    "Design signed off",
    "Pilot live",
    "Go-live",
    "Handover",
    "Final report delivered",
    "Training delivered",
]

KPIS = [
    ("On-time delivery", "%", 95, True),
    ("Average response time", "hours", 4, False),
    ("Customer satisfaction", "score", 8.5, True),
    ("Invoice accuracy", "%", 99, True),
    ("Open support tickets", "tickets", 20, False),
    ("Uptime", "%", 99.9, True),
    ("Cost per order", None, 3.5, False),
    ("Monthly active users", "users", 1200, True),
    ("Report turnaround", "days", 5, False),
    ("Leads per month", "leads", 40, True),
]

TOPICS = [
    "the renewal terms",
    "next quarter's priorities",
    "the latest invoice",
    "the data export",
    "onboarding of new staff",
    "the project timeline",
    "a change to the billing address",
    "the service levels",
    "the annual review",
    "a pricing question",
    "the upcoming audit",
    "the new reporting format",
    "a delayed delivery",
    "access for a new team member",
    "the roadmap for next year",
    "a complaint about response times",
    "the workshop agenda",
    "a request for references",
    "the draft statement of work",
    "the budget for the next phase",
]
# (channels the sentence fits, sentence)
SUMMARIES = [
    ("phone video", "Call about {t}; agreed to send a written summary."),
    ("phone video meeting", "Discussed {t} with {p}. No action needed."),
    ("email phone chat", "{p} asked about {t}. Sent the details the same day."),
    ("video meeting", "Quarterly check-in covering {t}. Client happy overall."),
    ("email", "Emailed {p} about {t} and attached the current figures."),
    ("meeting", "Met {p} on site to walk through {t}."),
    ("video", "Video call on {t}; {p} will confirm by the end of the month."),
    (
        "email phone",
        "{p} raised a concern about {t}. Escalated internally and replied with a plan.",
    ),
    ("email letter", "Sent the monthly update, including {t}."),
    ("phone chat", "Short call with {p} about {t}, all on track."),
    ("meeting video", "Workshop with {p} and two colleagues on {t}. Notes shared afterwards."),
    ("email phone chat", "Follow-up on {t}. {p} confirmed the new dates."),
    ("email letter", "{p} requested a copy of the agreement and a note on {t}."),
    ("meeting video", "Introduced the new account team and talked through {t}."),
    ("email phone video meeting", "Agreed next steps on {t}; {p} to circulate internally."),
    ("event", "Met {p} at our client event; talked about {t}."),
]
SUMMARIES_BY_CHANNEL = {
    ch: [text for chans, text in SUMMARIES if ch in chans.split()]
    for ch in ("email", "phone", "meeting", "video", "chat", "letter", "event")
}
FEEDBACK_COMMENTS = [
    "Responsive team, clear reporting.",
    "Good work, but invoices arrived late twice.",
    "Very happy with the project outcome.",
    "Would like more proactive updates.",
    "Excellent support during the migration.",
    "Communication could be faster.",
    "Reliable and pragmatic.",
    "Great value for money.",
]
NOTES = [
    "Prefers short written summaries after every call.",
    "Budget decisions are made in the first week of each quarter.",
    "Ask for {p} at reception; the building has no visitor parking.",
    "Long-standing client, introduced by a former colleague.",
    "Invoices go to the accounts payable mailbox, never to individuals.",
    "Closed for two weeks over the summer; plan deliveries around it.",
]
SOURCES = {
    "service": ["signed master services agreement", "engagement letter"],
    "newsletter": ["web form", "signed onboarding form", "event sign-up sheet", "email reply"],
    "marketing": ["signed onboarding form", "web form", "verbal consent, confirmed by email"],
    "case-studies": ["email from the client", "signed case study release"],
    "analytics": ["signed onboarding form", "portal terms accepted"],
}
BASIS = {
    "service": "contract",
    "newsletter": "consent",
    "marketing": "consent",
    "case-studies": "consent",
    "analytics": "legitimate-interests",
}
ONBOARDING_NOTES = [
    "Checked against the sanctions lists.",
    "Signed copy filed.",
    "Recorded on the onboarding form.",
    "Held by video.",
    "Passport and company register extract checked.",
]

FREQUENCY_DAYS = {
    "weekly": 7,
    "fortnightly": 14,
    "monthly": 30,
    "quarterly": 91,
    "half-yearly": 182,
    "annually": 365,
}


# --- phone numbers in reserved ranges -----------------------------------------------------


def _uk_pool() -> list[str]:
    # Ofcom numbers for drama (all valid to libphonenumber): 01xx 496 0xxx, 0191 498 0xxx,
    # 020 7946 0xxx, 028 9649 6xxx, 029 2018 0xxx, 0306 999 0xxx.
    prefixes = [
        "+44113496",
        "+44114496",
        "+44116496",
        "+44117496",
        "+44118496",
        "+44121496",
        "+44131496",
        "+44141496",
        "+44151496",
        "+44161496",
        "+44191498",
        "+44207946",
        "+44289649",
        "+44292018",
        "+44306999",
    ]
    return [f"{p}{n:04d}" for p in prefixes for n in range(1000)]


def _us_pool() -> list[str]:
    # 555-0100 to 555-0199, reserved for fiction in every area code; Californian codes first.
    codes = [
        209,
        213,
        279,
        310,
        323,
        341,
        350,
        369,
        408,
        415,
        424,
        442,
        510,
        530,
        559,
        562,
        619,
        626,
        628,
        650,
        657,
        661,
        669,
        707,
        714,
        747,
        760,
        805,
        818,
        820,
        831,
        840,
        858,
        909,
        916,
        925,
        949,
        951,
        201,
        202,
        206,
        212,
        214,
        303,
        305,
        312,
        404,
        503,
        512,
        602,
        615,
        617,
        646,
        702,
        713,
        718,
        720,
        917,
    ]
    return [f"+1{c}55501{n:02d}" for c in codes for n in range(100)]


def _au_pool() -> list[str]:
    # ACMA numbers for creative works: 02 5550 xxxx, 03 7010 xxxx, 07 5550 xxxx, 08 7010 xxxx.
    return [f"+61{p}{n:04d}" for p in ("25550", "37010", "75550", "87010") for n in range(10000)]


def _extra_pools() -> dict[str, list[str]]:
    """The reserved numbers the pools above leave out, handed out once those run dry (past
    about 12,000 clients): Ofcom's 0808 157 0xxx and 028 9649 6xxx (the pool above has
    028 9649 0xxx, outside Ofcom's range, kept so the first 10,000 clients stay as they were
    written, and never handed out past them), 555-0100 to 0199 in every other area code
    libphonenumber knows (the US first, then Canada and the Caribbean), and ACMA's
    02 7010, 03 5550, 07 7010 and 08 5550 ranges."""
    gb = [f"+448081570{n:03d}" for n in range(1000)]
    gb += [f"+44289649{n:04d}" for n in range(6000, 7000)]
    known = {int(p[2:5]) for p in _us_pool()}
    us = [f"+1{c}55501{n:02d}" for c in NANP_CODES if c not in known for n in range(100)]
    au = [f"+61{p}{n:04d}" for p in ("27010", "35550", "77010", "85550") for n in range(10000)]
    return {"GB": gb, "US": us, "AU": au}


# Geographic area codes (no toll-free or premium ones) whose 555-0100 to 0199 phonenumbers 9.0
# takes as valid, US ones first (426); written out, so the corpus does not change with the
# library's version.
NANP_CODES = [
    int(c)
    for c in (  # noqa: SIM905 (numbers read better as a line of text)
        "201 202 203 205 206 207 208 209 210 212 213 214 215 216 217 218 219 220 223 224 225 227 "
        "228 229 231 234 235 239 240 248 251 252 253 254 256 260 262 267 269 270 272 274 276 279 "
        "281 283 301 302 303 304 305 307 308 309 310 312 313 314 315 316 317 318 319 320 321 323 "
        "324 325 326 327 329 330 331 332 334 336 337 339 341 346 347 350 351 352 353 360 361 363 "
        "364 369 380 385 386 401 402 404 405 406 407 408 409 410 412 413 414 415 417 419 423 424 "
        "425 430 432 434 435 440 442 443 445 447 448 458 463 464 469 470 472 475 478 479 480 484 "
        "501 502 503 504 505 507 508 509 510 512 513 515 516 517 518 520 530 531 534 539 540 541 "
        "551 557 559 561 562 563 564 567 570 571 572 573 574 575 580 582 585 586 601 602 603 605 "
        "606 607 608 609 610 612 614 615 616 617 618 619 620 623 626 628 629 630 631 636 640 641 "
        "645 646 650 651 656 657 659 660 661 662 667 669 678 680 681 682 686 689 701 702 703 704 "
        "706 707 708 712 713 714 715 716 717 718 719 720 724 725 726 727 728 730 731 732 734 737 "
        "738 740 743 747 748 754 757 760 762 763 765 769 770 771 772 773 774 775 779 781 785 786 "
        "801 802 803 804 805 806 808 810 812 813 814 815 816 817 818 820 821 826 828 830 831 832 "
        "835 838 839 840 843 845 847 848 850 854 856 857 858 859 860 862 863 864 865 870 872 878 "
        "901 903 904 906 907 908 909 910 912 913 914 915 916 917 918 919 920 925 928 929 930 931 "
        "934 936 937 938 940 941 943 945 947 948 949 951 952 954 956 959 970 971 972 973 975 978 "
        "979 980 983 984 985 986 989 204 226 236 249 250 257 263 273 289 306 340 343 354 365 367 "
        "368 382 403 416 418 428 431 437 438 450 468 474 506 514 519 548 579 581 584 587 604 613 "
        "639 647 658 670 671 672 683 705 709 742 753 778 780 782 784 787 807 809 819 825 829 849 "
        "867 873 876 879 902 905 939 942"
    ).split()
]


class _Phones:
    """Hands out each reserved number at most once, preferring the pool for the client's country.

    The pools below come first, in the order earlier versions handed them out; _extra_pools
    follow. With `strict`, numbers the reserved ranges do not hold are passed over."""

    def __init__(self, seed: int) -> None:
        rng = Random(f"phones:{seed}")
        self.pools: dict[str, list[str]] = {"GB": _uk_pool(), "US": _us_pool(), "AU": _au_pool()}
        for pool in self.pools.values():
            rng.shuffle(pool)
        extra = _extra_pools()
        for c, pool in extra.items():
            Random(f"phones-extra:{seed}:{c}").shuffle(pool)
            self.pools[c] += pool
        self.next = dict.fromkeys(self.pools, 0)

    def take(self, country: str, strict: bool = False) -> str | None:
        own = PHONE_POOL_FOR.get(country, "AU")
        order = [own, *(c for c in ("AU", "GB", "US") if c != own)]
        for c in order:
            pool, i = self.pools[c], self.next[c]
            while strict and i < len(pool) and pool[i].startswith(OUTSIDE_RESERVED):
                i += 1
            if i < len(pool):
                self.next[c] = i + 1
                return pool[i]
            self.next[c] = i
        return None  # all ~140,000 numbers used: the contact goes without a phone


OUTSIDE_RESERVED = "+442896490"  # 028 9649 0xxx: see _extra_pools


# Europe has no reserved ranges that libphonenumber accepts as valid, so European clients
# get UK drama numbers; Brazil and India get Australian ones.
PHONE_POOL_FOR = {
    "US": "US",
    "GB": "GB",
    "IE": "GB",
    "DE": "GB",
    "FR": "GB",
    "NL": "GB",
    "ES": "GB",
    "IT": "GB",
    "SE": "GB",
}


# --- configuration --------------------------------------------------------------------------


def _days(duration: str) -> int:
    """A conservative day count for an ISO 8601 duration (PnYnMnWnD): never longer than it."""
    m = re.fullmatch(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?", str(duration))
    if not m:
        return 90
    y, mo, w, d = (int(g or 0) for g in m.groups())
    return y * 365 + mo * 28 + w * 7 + d


class _Config:
    def __init__(self, path: Path) -> None:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        self.dpo_team: str = data.get("data_protection_team", "")
        staff = [s for s in data.get("staff", []) if s.get("active", True)]
        self.staff_by_team: dict[str, list[str]] = {}
        for s in staff:
            self.staff_by_team.setdefault(s["team"], []).append(s["id"])
        self.dpo_staff = self.staff_by_team.get(self.dpo_team, [])
        account_teams = [t for t in self.staff_by_team if t != self.dpo_team] or list(
            self.staff_by_team
        )
        self.account_teams = account_teams
        self.purposes: list[str] = [p["id"] for p in data.get("consent_purposes", [])]
        policies = {p["id"]: p for p in data.get("retention_policies", [])}
        jurisdictions = data.get("jurisdictions", {})
        known = [j for j in JURISDICTION_WEIGHT if j in jurisdictions]
        self.jurisdictions = known or list(jurisdictions)
        self.jurisdiction_weights = [JURISDICTION_WEIGHT.get(j, 10) for j in self.jurisdictions]
        end_policies = [p for p, v in policies.items() if v.get("runs_from") == "relationship-end"]
        self.retention: dict[str, str] = {}
        for j in self.jurisdictions:
            default = jurisdictions[j].get("default_retention") or data.get("default_retention", "")
            self.retention[j] = (
                default if default in policies else (end_policies or list(policies) or [""])[0]
            )
        prospect = [p for p, v in policies.items() if v.get("runs_from") == "last-interaction"]
        self.prospect_policy = prospect[0] if prospect else ""
        self.prospect_days = _days(policies[prospect[0]]["period"]) if prospect else 730
        intervals = data.get("review_intervals", {})
        self.review_intervals = [(k, _days(v)) for k, v in intervals.items()]
        stale = data.get("stale_after", "P90D")
        self.stale_days = _days(stale)
        onboarding = data.get("onboarding", {}) or {}
        self.onboarding_steps: list[str] = [s["id"] for s in onboarding.get("steps", [])]
        self.onboarding_days = int(onboarding.get("complete_within_days", 30))

    def team_for(self, jurisdiction: str, rng: Random) -> str:
        team = JURISDICTION_TEAM.get(jurisdiction)
        if team in self.staff_by_team:
            return team
        return self.account_teams[hash_index(jurisdiction, len(self.account_teams))]


def hash_index(text: str, n: int) -> int:
    return sum(map(ord, text)) % n


# --- the YAML emitter -----------------------------------------------------------------------

_PLAIN_SAFE = re.compile(
    r"^[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ0-9 ._@/,'()+;%=?:_-]*[A-Za-zÀ-ÖØ-öø-ÿ0-9.)/]$"
)
_DATE_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
_scalar_cache: dict[Any, str] = {}


def _scalar(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    out = _scalar_cache.get(value)
    if out is None:
        s: str = value
        if _DATE_TEXT.match(s) or (
            _PLAIN_SAFE.match(s) and ": " not in s and " #" not in s and s.lower() not in _RESERVED
        ):
            out = s
        else:
            out = json.dumps(s, ensure_ascii=False)
        if len(_scalar_cache) < 200_000:
            _scalar_cache[value] = out
    return out


def _emit_map(d: dict[str, Any], indent: str, out: list[str], first: str | None = None) -> None:
    for key, value in d.items():
        prefix = first if first is not None else indent
        first = None
        if isinstance(value, dict):
            out.append(f"{prefix}{key}:")
            _emit_map(value, indent + "  ", out)
        elif isinstance(value, list):
            if not value:
                out.append(f"{prefix}{key}: []")
                continue
            out.append(f"{prefix}{key}:")
            item_first = indent + "  - "
            item_indent = indent + "    "
            for item in value:
                if isinstance(item, dict):
                    _emit_map(item, item_indent, out, item_first)
                else:
                    out.append(item_first + _scalar(item))
        elif isinstance(value, str) and "\n" in value:
            out.append(f"{prefix}{key}: |-")
            out.extend(indent + "  " + line if line else "" for line in value.split("\n"))
        else:
            out.append(f"{prefix}{key}: {_scalar(value)}")


def to_yaml(record: dict[str, Any], modeline: str = MODELINE) -> str:
    out = [modeline]
    _emit_map(record, "", out)
    out.append("")
    return "\n".join(out)


# --- records --------------------------------------------------------------------------------

_iso_cache: dict[int, str] = {}


def _iso(ordinal: int) -> str:
    s = _iso_cache.get(ordinal)
    if s is None:
        s = _iso_cache[ordinal] = dt.date.fromordinal(ordinal).isoformat()
    return s


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _name_parts(index: int, order: list[int]) -> list[str]:
    """The words of client `index`'s name: words no other client's name has all of."""
    n1, n2 = len(NAME_FIRST), len(NAME_SECOND)
    capacity = n1 * n2
    if index >= NAME_CAPACITY:
        raise ValueError(f"only {NAME_CAPACITY:,} distinct names: client {index + 1:,} has none")
    k = order[index % capacity]
    parts = [NAME_FIRST[k % n1], NAME_SECOND[k // n1]]
    if index >= capacity:
        parts.append(NAME_SUFFIX[(k + index // capacity - 1) % len(NAME_SUFFIX)])
    return parts


def _postcode(pattern: str, rng: Random) -> str:
    letters = "ABDEFGHJLNPRSTUWXY"
    return "".join(
        str(rng.randint(0, 9)) if ch == "#" else rng.choice(letters) if ch == "@" else ch
        for ch in pattern
    )


def _sorted_dates(rng: Random, start: int, end: int, n: int) -> list[int]:
    """n dates from start to end inclusive, sorted, the first on start and the last on end."""
    if n <= 0:
        return []
    if n == 1:
        return [end]
    middle = sorted(rng.randint(start, end) for _ in range(n - 2))
    return [start, *middle, end]


class _Generator:
    def __init__(self, config: _Config, seed: int, today: dt.date) -> None:
        self.cfg = config
        self.seed = seed
        self.today = today.toordinal()
        self.phones = _Phones(seed)
        capacity = len(NAME_FIRST) * len(NAME_SECOND)
        order = list(range(capacity))
        Random(f"names:{seed}").shuffle(order)
        self.name_order = order

    def record(self, number: int) -> dict[str, Any]:
        cfg = self.cfg
        T = self.today
        rng = Random(f"client:{self.seed}:{number}")

        parts = _name_parts(number - 1, self.name_order)
        jurisdiction = rng.choices(cfg.jurisdictions, cfg.jurisdiction_weights)[0]
        country = rng.choice(JURISDICTION_COUNTRIES.get(jurisdiction, ["US"]))
        loc = LOCALES[country]
        team = cfg.team_for(jurisdiction, rng)
        teammates = cfg.staff_by_team[team]
        owner = rng.choice(teammates)
        client_id = f"client-{number:05d}-" + "-".join(_slug(p) for p in parts)
        name = " ".join(parts) + " " + rng.choice(loc["legal"])
        domain = "-".join(_slug(p) for p in parts) + ".example"

        status = rng.choices(["active", "contact", "paused", "former"], [70, 10, 8, 12])[0]
        history: list[dict[str, Any]] = []
        ended = None
        became_active = None
        if status == "contact":
            first = T - rng.randint(20, 540)
            since = first
            last = T - rng.randint(0, min(50, T - first))
        elif status == "active":
            first = T - rng.randint(200, 3650)
            became_active = first + rng.randint(7, 90)
            history.append({"status": "contact", "date": _iso(first)})
            since = became_active
            if rng.random() < 0.1 and T - became_active > 400:
                paused = rng.randint(became_active + 120, T - 200)
                since = rng.randint(paused + 30, T - 60)
                history.append({"status": "active", "date": _iso(became_active)})
                history.append({"status": "paused", "date": _iso(paused)})
            last = T  # narrowed below, once the agreed frequency is known
        elif status == "paused":
            first = T - rng.randint(300, 3650)
            became_active = first + rng.randint(7, 90)
            since = rng.randint(became_active + 60, T - 14)
            history.append({"status": "contact", "date": _iso(first)})
            history.append({"status": "active", "date": _iso(became_active)})
            last = max(since, T - rng.randint(0, 75))
        else:  # former
            low = min(FORMER_ENDED_AFTER.toordinal() + 1, T - 7)
            first = T - rng.randint(600, 3650)
            became_active = first + rng.randint(7, 90)
            end = rng.randint(max(became_active + 180, low), T - 7)
            history.append({"status": "contact", "date": _iso(first)})
            history.append({"status": "active", "date": _iso(became_active)})
            if rng.random() < 0.25 and end - became_active > 200:
                history.append(
                    {"status": "paused", "date": _iso(rng.randint(became_active + 90, end - 60))}
                )
            since = ended = end
            last = end
        if history:  # the history ends with the current status, dated `since`
            history.append({"status": status, "date": _iso(since)})

        # communication: how often we promised to be in touch bounds how long ago `last` may be
        if status in ("active", "paused"):
            frequency = rng.choices(
                ["weekly", "fortnightly", "monthly", "quarterly", "half-yearly"], [4, 10, 46, 34, 6]
            )[0]
            window = max(1, min(FREQUENCY_DAYS[frequency], cfg.stale_days) - 5)
            if status == "active":
                last = T - rng.randint(0, window - 1)
            else:
                last = max(since, T - rng.randint(0, window - 1))
        else:
            frequency = rng.choice(["monthly", "quarterly"])
        last = max(last, first)

        record: dict[str, Any] = {
            "id": client_id,
            "name": name,
            "kind": "organization",
            "status": status,
            "since": _iso(since),
        }
        if ended is not None:
            record["ended"] = _iso(ended)
        if history:
            record["status_history"] = history
        record["owner"] = owner
        record["team"] = team
        industry = rng.choice(INDUSTRIES)
        record["industry"] = industry
        if rng.random() < 0.6:
            record["tags"] = rng.sample(TAGS, rng.randint(1, 3))
        record["jurisdiction"] = jurisdiction
        if rng.random() < 0.85:
            record["website"] = f"https://www.{domain}/"

        # contacts
        n_contacts = rng.choices([2, 3, 4], [40, 40, 20])[0]
        people: list[tuple[str, str]] = []
        seen_names: set[str] = set()
        while len(people) < n_contacts:
            fn, ln = rng.choice(loc["first"]), rng.choice(loc["last"])
            if f"{fn} {ln}" in seen_names:
                continue
            seen_names.add(f"{fn} {ln}")
            people.append((fn, ln))
        roles = rng.sample(ROLES, n_contacts)
        contacts = []
        # Past LEGACY_CLIENTS most contacts share their client's switchboard number: there are
        # not enough reserved numbers for one each at 100,000 clients. A stream of its own, so
        # the record's draws are those of the first 10,000.
        late = number > LEGACY_CLIENTS
        shares = Random(f"phone-share:{self.seed}:{number}") if late else None
        switchboard: str | None = None
        for i, (fn, ln) in enumerate(people):
            c: dict[str, Any] = {
                "name": f"{fn} {ln}",
                "role": roles[i],
                "email": f"{_slug(fn).replace('-', '')}.{_slug(ln).replace('-', '')}@{domain}",
            }
            if rng.random() < 0.75 or i == 0:
                shared = shares is not None and i > 0 and shares.random() < 0.9
                phone = switchboard if shared and switchboard else self.phones.take(country, late)
                if phone:
                    c["phone"] = phone
                    switchboard = switchboard or phone
            if i == 0:
                c["primary"] = True
            elif rng.random() < 0.3:
                c["primary"] = False
            if rng.random() < 0.5:
                c["preferred_channel"] = rng.choice(["email", "phone", "video", "meeting", "chat"])
            contacts.append(c)
        record["contacts"] = contacts
        contact_first_names = [p[0] for p in people]

        # consents (needed before communication, for subscriptions)
        consents: list[dict[str, Any]] = []
        current: list[str] = []
        start_rel = became_active if became_active is not None else first
        consent_end = ended if ended is not None else T
        for purpose in cfg.purposes:
            if purpose == "service":
                if status == "contact":
                    continue
                take = True
            else:
                take = rng.random() < {
                    "newsletter": 0.6,
                    "marketing": 0.35,
                    "case-studies": 0.15,
                    "analytics": 0.3,
                }.get(purpose, 0.3)
            if not take:
                continue
            given = (
                start_rel
                if purpose == "service"
                else rng.randint(first, max(first, consent_end - 1))
            )
            entry: dict[str, Any] = {
                "purpose": purpose,
                "lawful_basis": BASIS.get(purpose, "consent"),
                "given": _iso(given),
            }
            withdrawn = None
            if (
                purpose != "service"
                and ((status == "former" and rng.random() < 0.6) or rng.random() < 0.12)
                and consent_end - given > 10
            ):
                withdrawn = rng.randint(given + 1, consent_end)
                entry["withdrawn"] = _iso(withdrawn)
            entry["source"] = rng.choice(SOURCES.get(purpose, ["signed onboarding form"]))
            consents.append(entry)
            if withdrawn is None:
                current.append(purpose)

        subscriptions = []
        if status != "former":
            subscriptions = [
                p
                for p in current
                if p in ("newsletter", "marketing", "service") and rng.random() < 0.85
            ]
        city, region, tz = rng.choice(loc["cities"])
        communication: dict[str, Any] = {
            "channel": rng.choices(["email", "phone", "video", "meeting"], [50, 20, 20, 10])[0],
            "frequency": frequency,
            "language": loc["language"],
            "timezone": tz,
        }
        if subscriptions:
            communication["subscriptions"] = subscriptions
        record["communication"] = communication

        street_no = str(rng.randint(1, 240))
        street_name = rng.choice(loc["streets"])
        address: dict[str, Any] = {
            "street": f"{street_no} {street_name}"
            if loc["number_first"]
            else f"{street_name} {street_no}",
            "city": city,
            "postcode": _postcode(loc["postcode"], rng),
        }
        if rng.random() < 0.7:
            address["region"] = region
        address["country"] = country
        record["address"] = address

        # projects first (agreements refer to them), emitted later in schema order
        projects: list[dict[str, Any]] = []
        if status != "contact" and became_active is not None:
            rel_end = ended if ended is not None else since if status == "paused" else T
            if status == "former":
                n_projects = rng.choices([1, 2], [60, 40])[0]
            elif status == "paused":
                n_projects = rng.choices([0, 1, 2], [30, 50, 20])[0]
            else:
                n_projects = rng.choices([0, 1, 2, 3], [35, 40, 20, 5])[0]
            for pid, pname in rng.sample(PROJECTS, n_projects):
                if rel_end - became_active < 60:
                    break
                if status == "former":
                    pstatus = rng.choices(["completed", "cancelled"], [85, 15])[0]
                elif status == "paused":
                    pstatus = rng.choices(["completed", "cancelled"], [80, 20])[0]
                else:
                    pstatus = rng.choices(
                        ["completed", "active", "planned", "cancelled"], [50, 32, 12, 6]
                    )[0]
                p: dict[str, Any] = {"id": "", "name": pname, "status": pstatus}
                milestones: list[dict[str, Any]] = []
                if pstatus == "planned":
                    p["id"] = f"{pid}-{dt.date.fromordinal(T).year + 1}"
                else:
                    if pstatus == "active":
                        start = rng.randint(max(became_active, T - 400), T - 20)
                        stop = T
                    else:
                        start = rng.randint(became_active, rel_end - 45)
                        stop = min(rel_end - 1, start + rng.randint(30, 300))
                        if pstatus == "cancelled":
                            stop = min(stop, start + rng.randint(10, 60))
                    p["id"] = f"{pid}-{dt.date.fromordinal(start).year}"
                    p["start"] = _iso(start)
                    if pstatus != "active":
                        p["end"] = _iso(stop)
                    n_ms = rng.randint(0, 1) if pstatus == "cancelled" else rng.randint(1, 3)
                    names = sorted(rng.sample(MILESTONES, n_ms), key=MILESTONES.index)
                    dues = sorted(rng.randint(start + 1, max(start + 1, stop)) for _ in range(n_ms))
                    for mname, due in zip(names, dues, strict=True):
                        done = min(max(start, due + rng.randint(-5, 7)), stop, T)
                        milestones.append({"name": mname, "due": _iso(due), "done": _iso(done)})
                    if milestones:
                        p["milestones"] = milestones
                if any(q["id"] == p["id"] for q in projects):
                    continue
                projects.append(p)

        # agreements
        agreements: list[dict[str, Any]] = []
        if became_active is not None:
            year = dt.date.fromordinal(became_active).year
            signed = max(first, became_active - rng.randint(0, 14))
            msa: dict[str, Any] = {
                "id": f"msa-{year}",
                "title": "Master services agreement",
                "signed": _iso(signed),
                "start": _iso(became_active),
            }
            if ended is not None:
                msa["end"] = _iso(ended)
            msa["scope"] = f"{industry} advisory services, billed monthly in {loc['currency']}."
            msa["document"] = (
                f"https://docs.northwind.example/agreements/{client_id}/msa-{year}.pdf"
            )
            agreements.append(msa)
            if jurisdiction != "US-CA" or rng.random() < 0.3:
                dpa: dict[str, Any] = {
                    "id": f"dpa-{year}",
                    "title": "Data processing agreement",
                    "signed": _iso(signed),
                    "start": _iso(became_active),
                }
                if ended is not None:
                    dpa["end"] = _iso(ended)
                dpa["scope"] = (
                    "Processing of the client's staff and customer contact data on its instructions."
                )
                dpa["document"] = (
                    f"https://docs.northwind.example/agreements/{client_id}/dpa-{year}.pdf"
                )
                agreements.append(dpa)
            for p in projects:
                if "start" in p and rng.random() < 0.25:
                    sow: dict[str, Any] = {
                        "id": f"sow-{p['id']}",
                        "title": f"Statement of work: {p['name']}",
                        "signed": p["start"],
                        "start": p["start"],
                    }
                    if "end" in p:
                        sow["end"] = p["end"]
                    sow["document"] = (
                        f"https://docs.northwind.example/agreements/{client_id}/sow-{p['id']}.pdf"
                    )
                    agreements.append(sow)
        elif rng.random() < 0.4:
            nda_day = rng.randint(first, T)
            agreements.append(
                {
                    "id": f"nda-{dt.date.fromordinal(nda_day).year}",
                    "title": "Mutual non-disclosure agreement",
                    "signed": _iso(nda_day),
                    "start": _iso(nda_day),
                    "document": f"https://docs.northwind.example/agreements/{client_id}/nda.pdf",
                }
            )
        if agreements:
            record["agreements"] = agreements
        if consents:
            record["consents"] = consents

        # interactions, oldest first
        if status == "contact":
            n_int = 5 + int(8 * rng.random() ** 1.5)
        else:
            n_int = 5 + int(26 * rng.random() ** 3.4)
        n_int = min(n_int, 30)
        dates = _sorted_dates(rng, first, last, n_int)
        interactions: list[dict[str, Any]] = []
        for i, day in enumerate(dates):
            channel = rng.choices(
                ["email", "phone", "video", "meeting", "chat", "letter", "event"],
                [40, 20, 20, 14, 3, 1, 2],
            )[0]
            summary = rng.choice(SUMMARIES_BY_CHANNEL[channel]).format(
                t=rng.choice(TOPICS), p=rng.choice(contact_first_names)
            )
            if i == 0:
                summary = "First contact: " + summary[0].lower() + summary[1:]
            elif ended is not None and i == len(dates) - 1:
                summary = "Closing call; the relationship ends and the final invoice has been sent."
            it: dict[str, Any] = {
                "date": _iso(day),
                "channel": channel,
                "direction": "outbound" if rng.random() < 0.55 else "inbound",
                "by": owner if rng.random() < 0.8 else rng.choice(teammates),
                "summary": summary,
            }
            if rng.random() < 0.12:
                follow = day + rng.randint(2, 21)
                it["follow_up"] = _iso(follow)
                if follow < T and rng.random() < 0.98:
                    it["done"] = True
                elif follow >= T and rng.random() < 0.3:
                    it["done"] = False
            interactions.append(it)
        record["interactions"] = interactions
        if projects:
            record["projects"] = projects

        # KPIs and feedback
        if status in ("active", "paused") and rng.random() < 0.6:
            kpis = []
            for kname, unit, target, higher in rng.sample(KPIS, rng.randint(1, 3)):
                actual = round(target * rng.uniform(0.85, 1.08), 1)
                if actual == int(actual):
                    actual = int(actual)
                if unit == "%":
                    actual = min(actual, 100)
                k: dict[str, Any] = {
                    "name": kname,
                    "unit": unit or loc["currency"],
                    "target": target,
                    "actual": actual,
                }
                if not higher or rng.random() < 0.4:
                    k["higher_is_better"] = higher
                k["as_of"] = _iso(T - rng.randint(1, 60))
                kpis.append(k)
            record["kpis"] = kpis
        if became_active is not None and rng.random() < 0.5:
            fb_end = ended if ended is not None else T
            feedback = []
            for day in sorted(rng.randint(became_active, fb_end) for _ in range(rng.randint(1, 3))):
                f: dict[str, Any] = {
                    "date": _iso(day),
                    "score": rng.choices(range(11), [1, 1, 1, 1, 2, 3, 5, 10, 20, 20, 12])[0],
                }
                if rng.random() < 0.6:
                    f["comment"] = rng.choice(FEEDBACK_COMMENTS)
                feedback.append(f)
            record["feedback"] = feedback

        # onboarding: done within the configured days of becoming active
        if became_active is not None and cfg.onboarding_steps:
            steps = []
            limit = max(1, cfg.onboarding_days - 5)
            for j, step in enumerate(cfg.onboarding_steps):
                if step == "agreement-signed":
                    done = signed
                elif j == 0:
                    done = max(first, became_active - rng.randint(3, 20))
                else:
                    done = became_active + rng.randint(0, limit)
                s: dict[str, Any] = {"step": step, "done": _iso(min(done, T))}
                if rng.random() < 0.15:
                    s["note"] = rng.choice(ONBOARDING_NOTES)
                steps.append(s)
            record["onboarding"] = steps

        # review: within its interval, so nothing is overdue
        if cfg.review_intervals:
            weights = [
                {"quarterly": 20, "half-yearly": 30, "annually": 50}.get(k, 10)
                for k, _ in cfg.review_intervals
            ]
            interval, days = rng.choices(cfg.review_intervals, weights)[0]
            reviewed = max(first, T - rng.randint(3, max(4, days - 10)))
            by = owner if rng.random() < 0.7 or not cfg.dpo_staff else rng.choice(cfg.dpo_staff)
            record["review"] = {"last_reviewed": _iso(reviewed), "interval": interval, "by": by}

        policy = (
            cfg.prospect_policy
            if status == "contact" and cfg.prospect_policy
            else cfg.retention[jurisdiction]
        )
        if policy:
            record["retention"] = {"policy": policy}

        roll = rng.random()
        if roll < 0.1:
            record["notes"] = "\n".join(rng.sample(NOTES, 3)).replace("{p}", contact_first_names[0])
        elif roll < 0.35:
            record["notes"] = rng.choice(NOTES).replace("{p}", contact_first_names[0])
        return record


# --- writing the repository ------------------------------------------------------------------

LAYOUTS = ("flat", "prefix2", "by-team")


def layout_path(layout: str, client_id: str, team: str) -> str:
    """A client file's path under clients/, as clientbook's core.repo.layout_file puts it."""
    if layout == "prefix2":
        return f"{client_id[:2]}/{client_id}.yaml"
    if layout == "by-team":
        return f"{team or 'no-team'}/{client_id}.yaml"
    return f"{client_id}.yaml"


def layout_modeline(layout: str) -> str:
    return MODELINE if layout == "flat" else MODELINE.replace("=../", "=../../", 1)


class _Writer:
    """Writes client files under clients/, making the folders a layout needs."""

    def __init__(self, clients: Path, layout: str) -> None:
        self.clients, self.layout = clients, layout
        self.folders: set[str] = set()

    def write(self, client_id: str, team: str, text: str) -> None:
        rel = layout_path(self.layout, client_id, team)
        folder = rel.rpartition("/")[0]
        if folder and folder not in self.folders:
            (self.clients / folder).mkdir(parents=True, exist_ok=True)
            self.folders.add(folder)
        with open(self.clients / rel, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)


def generate(
    out: Path,
    count: int,
    seed: int = 1,
    today: str = DEFAULT_TODAY,
    layout: str = "flat",
    jobs: int = 0,
) -> None:
    """Write a records repository of `count` clients to `out` (its clients/ is emptied first).

    `jobs` processes build the records (0: one per CPU; 1: this process alone)."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, not {layout!r}")
    out = Path(out)
    day = dt.date.fromisoformat(today)
    config = _Config(CONFIG_SOURCE)
    out.mkdir(parents=True, exist_ok=True)
    text = CONFIG_SOURCE.read_text(encoding="utf-8")
    if layout != "flat":
        text = text.rstrip("\n") + f"\n\nlayout: {layout}\n"
    (out / "clientbook.yaml").write_text(text, encoding="utf-8", newline="\n")
    if SCHEMAS_SOURCE.is_dir():
        shutil.copytree(SCHEMAS_SOURCE, out / "schemas", dirs_exist_ok=True)
    clients = out / "clients"
    shutil.rmtree(clients, ignore_errors=True)
    clients.mkdir()
    writer = _Writer(clients, layout)
    modeline = layout_modeline(layout)
    jobs = jobs or os.cpu_count() or 1
    if jobs > 1 and count >= PARALLEL_FROM:
        _generate_forked(writer, config, count, seed, day, modeline, jobs)
        return
    gen = _Generator(config, seed, day)
    for number in range(1, count + 1):
        record = gen.record(number)
        writer.write(record["id"], record.get("team", ""), to_yaml(record, modeline))


PARALLEL_FROM = 2000  # fewer clients are written faster than processes start
CHUNK = 200  # clients a worker makes at a time


class _Placeholders:
    """Stands in for _Phones in a worker: the k-th number a record asks for is written as
    "+0000000000000k" (quoted like any number that starts with +), and the writer, which
    hands out the real ones in client order, puts them in its place."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, bool]] = []

    def take(self, country: str, strict: bool = False) -> str | None:
        self.asked.append((country, strict))
        return placeholder(len(self.asked))


def placeholder(k: int) -> str:
    return f"+{k:013d}"


_worker: dict[str, Any] = {}


def _start_worker(config: _Config, seed: int, day: dt.date, modeline: str) -> None:
    _worker.update(gen=_Generator(config, seed, day), modeline=modeline)


def _make(first: int, last: int) -> list[tuple[str, str, str, list[tuple[str, bool]]]]:
    gen, modeline = _worker["gen"], _worker["modeline"]
    made = []
    for number in range(first, last + 1):
        gen.phones = slots = _Placeholders()
        record = gen.record(number)
        made.append((record["id"], record.get("team", ""), to_yaml(record, modeline), slots.asked))
    return made


def _make_chunk(bounds: tuple[int, int]) -> list[tuple[str, str, str, list[tuple[str, bool]]]]:
    return _make(*bounds)


def _with_phones(text: str, asked: list[tuple[str, bool]], phones: _Phones) -> str:
    for k, (country, strict) in enumerate(asked, 1):
        number = phones.take(country, strict)
        mark = json.dumps(placeholder(k))
        if number:
            text = text.replace(mark, json.dumps(number))
        else:  # no number left: the line goes, as when the record was made without one
            text = re.sub(rf"\n[ ]*phone: {re.escape(mark)}(?=\n)", "", text)
    return text


def _generate_forked(
    writer: _Writer,
    config: _Config,
    count: int,
    seed: int,
    day: dt.date,
    modeline: str,
    jobs: int,
) -> None:
    phones = _Phones(seed)
    chunks = [(a, min(a + CHUNK - 1, count)) for a in range(1, count + 1, CHUNK)]
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, _start_worker, (config, seed, day, modeline)) as pool:
        for made in pool.imap(_make_chunk, chunks):
            for client_id, team, text, asked in made:
                writer.write(client_id, team, _with_phones(text, asked, phones))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, required=True, help="how many clients to write")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, required=True, help="the repository folder to write")
    parser.add_argument(
        "--today", default=DEFAULT_TODAY, help=f"the reference date (default {DEFAULT_TODAY})"
    )
    parser.add_argument(
        "--layout", choices=LAYOUTS, default="flat", help="folders under clients/ (default flat)"
    )
    parser.add_argument(
        "--jobs", type=int, default=0, help="processes to build records in (default: CPUs)"
    )
    args = parser.parse_args(argv)
    if args.count < 0:
        parser.error("--count must be 0 or more")
    if args.count > NAME_CAPACITY:
        parser.error(f"--count must be at most {NAME_CAPACITY:,} (distinct names run out)")
    if args.jobs < 0:
        parser.error("--jobs must be 0 (one per CPU) or more")
    try:
        dt.date.fromisoformat(args.today)
    except ValueError:
        parser.error("--today must be YYYY-MM-DD")
    started = time.perf_counter()
    generate(args.out, args.count, args.seed, args.today, args.layout, args.jobs)
    print(
        f"wrote {args.count} clients to {args.out} in {time.perf_counter() - started:.1f}s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
