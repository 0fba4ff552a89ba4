#!/usr/bin/env python3
"""Write a records repository of generated clients, shaped independently of the others.

    python bench/generate_blind.py --count N --out DIR [--seed S] [--today YYYY-MM-DD]
                                   [--layout prefix2|flat] [--verify]

DIR is replaced. It gets what `clientbook init` would give a repository (the
configuration, schemas and templates copied from this checkout, with more staff
and the layout set), N client files under clients/, the agreement documents
they name under documents/, and one git commit with a fixed author and date.

The records are written the way a team writes them by hand, and vary between
files the way teams do: key orders, indentation, comments, quoting, block
scalars, flow sequences, blank lines, names in several scripts. Every value is
chosen so that `clientbook lint --today TODAY` finds no errors; a few warnings
(an overdue review, a stale client, a follow-up not ticked off) are left in, as
in real records. Dates are counted back from --today (default 2026-12-01).

Written without reading the project's other generators, on purpose: standard
library and PyYAML only (PyYAML just for --verify and for reading the config).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import shutil
import subprocess
import sys
import textwrap
import time
import unicodedata
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

# --------------------------------------------------------------------------
# A small YAML writer with the choices a person makes by hand.
# --------------------------------------------------------------------------


class S:
    """A string with a chosen style: auto, plain, single, double, literal, folded."""

    __slots__ = ("style", "text")

    def __init__(self, text: str, style: str = "auto") -> None:
        self.text = text
        self.style = style


class Flow(list):  # type: ignore[type-arg]
    """A sequence written [a, b]."""


class E:
    """One entry of a mapping (key None: one item of a sequence)."""

    __slots__ = ("blank", "key", "pre", "trail", "value")

    def __init__(
        self,
        key: str | None,
        value: Any,
        pre: list[str] | None = None,
        trail: str | None = None,
        blank: bool = False,
    ) -> None:
        self.key = key
        self.value = value
        self.pre = pre
        self.trail = trail
        self.blank = blank


class M:
    """A mapping: a list of entries, written as a block or, with flow=True, as {k: v}."""

    __slots__ = ("flow", "items")

    def __init__(self, items: list[E] | None = None, flow: bool = False) -> None:
        self.items = items if items is not None else []
        self.flow = flow

    def add(
        self,
        key: str,
        value: Any,
        pre: list[str] | None = None,
        trail: str | None = None,
        blank: bool = False,
    ) -> None:
        self.items.append(E(key, value, pre, trail, blank))

    def get(self, key: str) -> Any:
        for e in self.items:
            if e.key == key:
                return e.value
        return None


_BOOLISH = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", ""}
_NUMERIC_CHARS = set("0123456789+-._:eExXoObBaAcCdDfF")
_START_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")


def plain_ok(t: str, flow: bool = False) -> bool:
    """Whether t can be written unquoted and read back as the same text by any reader."""
    if not t or t != t.strip() or "\n" in t or "\t" in t:
        return False
    if t[0] in _START_INDICATORS or t.startswith("..."):
        return False
    if ": " in t or t.endswith(":") or " #" in t:
        return False
    if flow and any(c in t for c in ",[]{}"):
        return False
    if t.lower() in _BOOLISH:
        return False
    if any(c.isdigit() for c in t) and set(t) <= _NUMERIC_CHARS:
        return False
    return t.lower() not in (".inf", "-.inf", "+.inf", ".nan", "<<", "=")


class Style:
    """How one file is written: the habits of whoever wrote it."""

    def __init__(self, rng: random.Random) -> None:
        self.indent = 4 if rng.random() < 0.12 else 2
        self.seq_indent = self.indent == 4 or rng.random() < 0.68
        self.quote = "double" if rng.random() < 0.65 else "single"


def _dq(t: str) -> str:
    return '"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _sq(t: str) -> str:
    return "'" + t.replace("'", "''") + "'"


def scalar(v: Any, st: Style, flow: bool = False) -> str:
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return fmt_num(v)
    if isinstance(v, S):
        text, style = v.text, v.style
    else:
        text, style = str(v), "auto"
    if style in ("auto", "plain") and plain_ok(text, flow):
        return text
    if style not in ("single", "double"):
        style = st.quote
    if style == "single" and "'" in text and '"' not in text:
        style = "double"
    elif style == "double" and '"' in text and "'" not in text:
        style = "single"
    return _sq(text) if style == "single" else _dq(text)


def fmt_num(x: float) -> str:
    if float(x).is_integer():
        return str(int(x))
    s = f"{x:.2f}".rstrip("0")
    return s


def _flowmap(m: M, st: Style) -> str:
    return "{" + ", ".join(f"{e.key}: {scalar(e.value, st, True)}" for e in m.items) + "}"


def _flowseq(xs: list[Any], st: Style) -> str:
    return "[" + ", ".join(scalar(x, st, True) for x in xs) + "]"


def _trail(t: str | None) -> str:
    return f"  # {t}" if t else ""


def _comments(lines: list[str], pre: list[str] | None, col: int) -> None:
    if pre:
        pad = " " * col
        for c in pre:
            lines.append(f"{pad}# {c}" if c else f"{pad}#")


def emit_mapping(
    items: list[E], col: int, lines: list[str], st: Style, first_prefix: str | None = None
) -> None:
    for i, e in enumerate(items):
        if i == 0 and first_prefix is not None:
            _comments(lines, e.pre, len(first_prefix) - 2)
            prefix = first_prefix
        else:
            if e.blank:
                lines.append("")
            _comments(lines, e.pre, col)
            prefix = " " * col
        emit_entry(e, prefix, col, lines, st)


def emit_entry(e: E, prefix: str, col: int, lines: list[str], st: Style) -> None:
    k, v, t = e.key, e.value, _trail(e.trail)
    if isinstance(v, M):
        if not v.items:
            lines.append(f"{prefix}{k}: {{}}{t}")
        elif v.flow:
            lines.append(f"{prefix}{k}: {_flowmap(v, st)}{t}")
        else:
            lines.append(f"{prefix}{k}:{t}")
            emit_mapping(v.items, col + st.indent, lines, st)
    elif isinstance(v, list):
        if not v:
            lines.append(f"{prefix}{k}: []{t}")
        elif isinstance(v, Flow):
            lines.append(f"{prefix}{k}: {_flowseq(v, st)}{t}")
        else:
            lines.append(f"{prefix}{k}:{t}")
            emit_seq(v, col + (st.indent if st.seq_indent else 0), lines, st)
    elif isinstance(v, S) and v.style in ("literal", "folded"):
        body = v.text
        keep_nl = body.endswith("\n")
        head = ("|" if v.style == "literal" else ">") + ("" if keep_nl else "-")
        lines.append(f"{prefix}{k}: {head}{t}")
        pad = " " * (col + st.indent)
        if v.style == "literal":
            out = body[:-1].split("\n") if keep_nl else body.split("\n")
        else:
            out = textwrap.wrap(
                body.rstrip("\n"), width=72 - col, break_long_words=False, break_on_hyphens=False
            )
        for line in out:
            lines.append(pad + line if line else "")
    else:
        lines.append(f"{prefix}{k}: {scalar(v, st)}{t}")


def emit_seq(items: list[Any], col: int, lines: list[str], st: Style) -> None:
    for it in items:
        if isinstance(it, E):
            if it.blank:
                lines.append("")
            _comments(lines, it.pre, col)
            v, t = it.value, _trail(it.trail)
        else:
            v, t = it, ""
        dash = " " * col + "- "
        if isinstance(v, M) and not v.flow:
            emit_mapping(v.items, col + 2, lines, st, first_prefix=dash)
        elif isinstance(v, M):
            lines.append(dash + _flowmap(v, st) + t)
        else:
            lines.append(dash + scalar(v, st) + t)


def to_data(v: Any) -> Any:
    """The data a reader should get back."""
    if isinstance(v, M):
        return {e.key: to_data(e.value) for e in v.items}
    if isinstance(v, list):
        return [to_data(x.value if isinstance(x, E) else x) for x in v]
    if isinstance(v, S):
        if v.style == "folded":
            body = v.text
            return body
        return v.text
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


# --------------------------------------------------------------------------
# Names, places and words.
# --------------------------------------------------------------------------

UMLAUT = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
CYR = dict(
    zip(
        "абвгдезийклмнопрстуфхцчшщъьюяёыэ",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "h",
            "ts",
            "ch",
            "sh",
            "sht",
            "a",
            "y",
            "yu",
            "ya",
            "yo",
            "y",
            "e",
        ],
        strict=True,
    )
)
CYR["ж"] = "zh"


def latin(text: str, umlaut_ue: bool = True) -> str:
    """Latin letters for a name in Latin or Cyrillic script (others carry their own)."""
    out = []
    for ch in text:
        lo = ch.lower()
        if umlaut_ue and ch in UMLAUT:
            out.append(UMLAUT[ch])
        elif ch == "ß":
            out.append("ss")
        elif lo in CYR:
            r = CYR[lo]
            out.append(r.capitalize() if ch != lo else r)
        elif ch in "œŒ":
            out.append("oe")
        elif ch in "æÆ":
            out.append("ae")
        elif ch in "øØ":
            out.append("o")
        elif ch in "łŁ":
            out.append("l")
        else:
            out.append(ch)
    s = unicodedata.normalize("NFKD", "".join(out))
    return "".join(c for c in s if not unicodedata.combining(c))


def slugify(text: str) -> str:
    s = latin(text).lower().replace("&", " and ").replace("'", "").replace("’", "")
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return re.sub(r"-+", "-", s)


def W(s: str) -> list[str]:
    return s.split("|")


def P(s: str) -> list[tuple[str, str]]:
    """'native=latin|…' pairs."""
    return [tuple(x.split("=")) for x in s.split("|")]  # type: ignore[misc]


EN_FIRST_M = W(
    "James|Oliver|Harry|George|Thomas|Daniel|Matthew|Samuel|Callum|Owen|Ethan|Lewis|Rhys|"
    "Alistair|Edward|Henry|Patrick|Connor|Jacob|Aaron|Michael|David|Ryan|Kevin|Brian|"
    "Marcus|Tyler|Jordan|Nathan|Gavin|Simon|Stuart|Graham|Neil|Adrian|Robert|Declan|Finn"
)
EN_FIRST_F = W(
    "Rachel|Imogen|Charlotte|Emily|Sophie|Hannah|Olivia|Grace|Megan|Chloe|Lucy|Amelia|"
    "Eleanor|Harriet|Fiona|Niamh|Siobhan|Kirsty|Joanne|Claire|Laura|Jessica|Ashley|Brittany|"
    "Madison|Samantha|Rebecca|Victoria|Abigail|Isla|Freya|Poppy|Zara|Tessa|Naomi|Heather"
)
EN_LAST = W(
    "Thornbury|Pryce|Sallis|Whitcombe|Ashworth|Blackwood|Carrington|Davenport|Ellison|Fairclough|"
    "Gillespie|Hargreaves|Ingram|Jennings|Kettering|Langley|Mortimer|Northcott|Oakley|Pemberton|"
    "Quinlan|Radcliffe|Sutherland|Trevelyan|Underwood|Vickers|Wainwright|Yardley|Abbott|Barlow|"
    "Chadwick|Dunmore|Everett|Fletcher|Gallagher|Holloway|Irving|Jarvis|Kingsley|Lockhart|"
    "McAllister|Nolan|O'Connell|O'Brien|Pritchard|Rowntree|Stanhope|Tennant|Upton|Villiers|"
    "Walsh|Whitaker|Young|Bradshaw|Crowther|Dempsey|Edgerton|Forsyth|Greenhalgh|Hollis|"
    "Kavanagh|Lowry|Merriweather|Nightingale|Osborne|Palmer|Rutherford|Sinclair|Talbot|"
    "Winslow|Harrington|Castellanos|Mitchell|Delgado|Novak|Kowalski|Brennan|Sheridan"
)
EN_A = W(
    "Harbour|Kestrel|Granite|Willow|Bramble|Copper|Northgate|Ashford|Meridian|Bluebell|Foxglove|"
    "Highland|Riverside|Oakridge|Silverline|Larkspur|Blackthorn|Greystone|Heron|Marlow|Pennine|"
    "Redwood|Saltmarsh|Sterling|Tamarind|Westbrook|Yarrow|Alder|Beacon|Cobalt|Driftwood|Elmstead|"
    "Falcon|Goldcrest|Hawthorn|Ironbridge|Juniper|Kingfisher|Lakeside|Millbrook|Nettlebed|Orchard|"
    "Pinecrest|Quarry|Rowan|Sandpiper|Tidewater|Upland|Wren|Amberley|Birchwood|Calder|Dovecote|"
    "Evergreen|Fernhill|Glenmore|Hollybush|Kinross|Lowther|Moorland|Newhaven|Otterburn|Parkside|"
    "Queensbury|Rosewood|Summit|Wexford|Bayview|Cedar|Canyon|Sierra|Pacific|Sequoia|Mission|"
    "Presidio|Sonoma|Mariposa|Sunset|Golden Poppy|Redtail|Manzanita|Tamarack|Coyote|Blue Oak|"
    "Pelican|Cypress|Lighthouse|Anchor|Compass|Keystone|Lodestar|Northstar|Brightwater|Clearwater|"
    "Stonebridge|Ember|Amber|Slate|Indigo|Saffron|Cardinal|Osprey|Bellweather|Hillcrest|Seabright"
)
EN_B = W(
    "Lane|Ridge|Point|Valley|Bridge|Field|Brook|Crest|House|Mill|Gate|Park|Row|Hill|Cross|Wharf|"
    "Yard|Court|Grove|Dale|Moor|Bay|Peak|Creek|Mesa|Hollow|Edge|Vale|Street|Square"
)
EN_C = [
    tuple(x.split("="))
    for x in W(
        "Logistics=Logistics|Dental=Dental care|Dental Group=Dental care|Analytics=Data analytics|"
        "Consulting=Management consulting|Fabrication=Metal fabrication|Foods=Food production|"
        "Engineering=Engineering|Interiors=Interior design|Partners=Professional services|"
        "Legal=Legal services|Architects=Architecture|Bakery=Bakery|Veterinary Clinic=Veterinary care|"
        "Software=Software|Print=Printing|Marine=Marine services|Energy=Renewable energy|"
        "Recruitment=Recruitment|Biotech=Biotechnology|Vineyards=Wine production|Brewing Co=Brewing|"
        "Pharmacy=Pharmacy|Hotels=Hospitality|Property=Real estate|Accountants=Accounting|"
        "Builders=Construction|Textiles=Textiles|Studios=Creative agency|Robotics=Industrial automation|"
        "Health=Healthcare|Insurance Brokers=Insurance|Travel=Travel|Optics=Optics|Packaging=Packaging|"
        "Plastics=Plastics manufacturing|Motors=Automotive|Security=Security services|"
        "Telecom=Telecommunications|Learning Trust=Education|Farms=Agriculture|"
        "Coffee Roasters=Food and beverage|Cycles=Retail|Outdoor=Retail|Media=Media|Labs=Research|"
        "Capital=Financial services|Wealth=Wealth management|Cleaning Services=Facilities|"
        "Electrical=Electrical contracting|Aviation=Aviation|Freight=Freight forwarding|"
        "Wholesale=Wholesale|Care Homes=Social care|Physiotherapy=Healthcare|Surveyors=Property services"
    )
]
IN_A = W(
    "Sahyadri|Deccan|Malabar|Konkan|Coromandel|Saffron|Lotus|Peacock|Banyan|Monsoon|Indigo Loom|"
    "Himalayan|Narmada|Kaveri|Godavari|Ashoka|Chola|Vijay|Shakti|Prakriti|Nilgiri|Aravalli|Marwar|"
    "Kesar|Tulsi|Neem|Chandan|Pushpak|Sagar|Vayu|Ganga|Triveni|Srishti|Anand|Kalpana|Mayur|Suraj|"
    "Shubh|Navrang|Utkarsh|Amrit|Dhruv|Jyoti|Kiran|Prerna|Sankalp|Vardhan|Yamuna|Zenith India"
)
AE_A = W(
    "Gulf Horizon|Desert Rose|Oasis|Pearl Coast|Dune|Crescent|Palm|Marina|Creek Side|Falcon Bay|"
    "Al Noor|Sandstone|Arabian Sands|Blue Dhow|Saffron Coast|Sea Breeze|Golden Dunes|Mirage|"
    "Skyline|Corniche|Emerald Sands|Red Sea|Nile Delta|Cedar Gate|Date Palm|Frankincense|Liwa|"
    "Hatta|Wadi|Jebel|Sahara|Qasr|Bayt|Najm|Noor Bay|Silk Road|Caravan|Arabesque|Minaret|Souk"
)

FR_FIRST_F = W(
    "Élodie|Françoise|Hélène|Amélie|Cécile|Léa|Chloé|Maëlle|Inès|Mélanie|Agnès|Séverine|"
    "Noémie|Zoé|Océane|Margaux|Camille|Manon|Clémence|Sophie|Anaïs|Bérénice|Gaëlle|Solène"
)
FR_FIRST_M = W(
    "Jérôme|François|Sébastien|Hervé|Jérémy|Frédéric|Benoît|Étienne|Gaël|Loïc|Mathéo|Théo|"
    "Raphaël|Léon|Cédric|Aurélien|Stéphane|Thierry|Rémi|Olivier|Joël|Noël|Grégoire|Anselme"
)
FR_LAST = W(
    "Lefèvre|Mérieux|Bénard|Gérard|Fréchette|Dupré|Théron|Bézier|Lemaître|Chéreau|Pétillon|"
    "Vallée|Rousseau|Faure|Girard|Bonnet|Lambert|Fontaine|Chevalier|Roux|Mercier|Blanchard|"
    "Guérin|Boucher|Lévêque|Rivière|Hébert|Ménard|Besnard|Laurençon|Barthélemy|Mathé|Aubé|"
    "Crémieux|Delaunay|Écuyer|Jaillet|Thébault|Séverac|Duchêne|Gaudin|Leclerc|Moreau|Perrin|"
    "Marchand|Renaud|Carré|Deschamps|Prévost|Lacroix|Bouvier|Châtelain|Desmarais|Forestier"
)
FR_PRE = [
    tuple(x.split("="))
    for x in W(
        "Atelier=Artisanal workshop|Boulangerie=Bakery|Cabinet=Professional services|Transports=Logistics|"
        "Pharmacie=Pharmacy|Librairie=Bookshop|Menuiserie=Joinery|Caves=Wine trade|Domaine=Wine production|"
        "Éditions=Publishing|Studio=Creative agency|Agence=Marketing agency|Fromagerie=Cheese production|"
        "Hôtel=Hospitality|Garage=Automotive|Imprimerie=Printing|Laboratoires=Laboratory services|"
        "Clinique vétérinaire=Veterinary care|Brasserie=Restaurant|Chocolaterie=Confectionery|"
        "Conserverie=Food production|Maison=Fashion|Bureau d'études=Engineering|Électricité=Electrical contracting|"
        "Pâtisserie=Bakery|Verrerie=Glass manufacturing|Fonderie=Foundry|Charpentes=Timber construction|"
        "Cidrerie=Beverages|Distillerie=Distilling|Pépinières=Horticulture|Ambulances=Healthcare|"
        "Optique=Optics|Salaisons=Food production"
    )
]
FR_PLACE = W(
    "du Lac|de la Côte|des Écrins|du Vieux-Port|de l'Hérault|des Cévennes|du Périgord|de Provence|"
    "du Val de Loire|de Bretagne|des Alpes|de la Garonne|de Montmartre|du Rhône|de l'Étoile|"
    "Saint-Éloi|Sainte-Cécile|des Trois Rivières|du Beaujolais|de la Forêt|Lumière|Horizon|Éclat|"
    "Azur|Belle Époque|du Marais|de l'Atlantique|des Vosges|du Jura|de la Dombes|d'Armor|"
    "des Landes|du Quercy|de Gascogne|du Morvan|des Ardennes|de la Sarthe|du Cantal"
)

DE_FIRST_M = W(
    "Jürgen|Jörg|Björn|Günther|Sören|Lukas|Maximilian|Tobias|Matthias|Florian|Stefan|Andreas|"
    "Jens|Uwe|Timo|Niklas|Felix|Moritz|Hannes|Ralf|Dieter|Wolfgang|Henrik|Malte"
)
DE_FIRST_F = W(
    "Friederike|Sophie|Anna|Katharina|Lena|Hannah|Mareike|Antje|Silke|Dörte|Gisela|Ulrike|"
    "Annegret|Sabine|Birgit|Lea|Marlene|Frauke|Heike|Ines|Jördis|Käthe|Henrike|Wiebke"
)
DE_LAST = W(
    "Müller|Schäfer|Köhler|Größl|Bäumer|Jäger|Krüger|Hofmann|Weiß|Schröder|Böhm|Fuchs|Lehmann|"
    "Wöhrle|Nüßlein|Förster|Kühn|Möller|Schütz|Hübner|Brückner|Dörfler|Eßer|Gärtner|Häusler|"
    "Jünger|Löffler|Mößner|Pöschl|Rößler|Sänger|Tölle|Vögele|Wächter|Zöllner|Beck|Wolf|"
    "Neumann|Schwarz|Zimmermann|Braun|Hartmann|Lange|Werner|Krause|Meier|Lorenz|Seidel|Hansel|"
    "Wendler|Ostermann|Riedl|Steiner|Gruber|Huber|Pichler|Moser|Hölzl|Strauß|Kästner|Dreßler"
)
DE_REGION = W(
    "Elbtal|Rheinau|Allgäuer|Spreewald|Taunus|Schwarzwald|Bodensee|Isartal|Harzer|Münsterländer|"
    "Mainfranken|Ostsee|Nordsee|Altmühltal|Vogtland|Eifel|Lausitzer|Sauerland|Erzgebirge|Donautal|"
    "Wachau|Tiroler|Salzkammergut|Steirische|Kärntner|Mühlviertler|Oberland|Weserbergland|"
    "Fichtelgebirge|Hunsrück|Odenwald|Uckermark|Ammersee|Chiemgau|Mosel|Breisgau|Lüneburger"
)
DE_ACT = [
    tuple(x.split("="))
    for x in W(
        "Präzisionstechnik=Precision engineering|Feinoptik=Precision optics|Maschinenbau=Mechanical engineering|"
        "Logistik=Logistics|Holzbau=Timber construction|Elektrotechnik=Electrical engineering|Brauerei=Brewing|"
        "Getränke=Beverages|Gebäudetechnik=Building services|Steuerberatung=Tax advisory|Zahnärzte=Dental care|"
        "Kältetechnik=Refrigeration|Werkzeugbau=Toolmaking|Verpackungen=Packaging|Druckerei=Printing|"
        "Möbelwerkstätten=Furniture|Käserei=Dairy|Softwarehaus=Software|Metallbau=Metal fabrication|"
        "Solartechnik=Renewable energy|Medizintechnik=Medical devices|Immobilien=Real estate|"
        "Kunststofftechnik=Plastics manufacturing|Antriebstechnik=Drive technology|Messtechnik=Measurement|"
        "Umwelttechnik=Environmental engineering|Landtechnik=Agricultural machinery|Textilwerke=Textiles|"
        "Verlag=Publishing|Fahrzeugbau=Automotive|Glaswerke=Glass manufacturing|Hydraulik=Hydraulics|"
        "Sanitär=Plumbing|Orthopädietechnik=Healthcare"
    )
]
DE_PRE = [
    tuple(x.split("="))
    for x in W(
        "Bäckerei=Bakery|Spedition=Freight forwarding|Autohaus=Automotive|Hotel=Hospitality|"
        "Weingut=Wine production|Gärtnerei=Horticulture|Apotheke=Pharmacy|Metzgerei=Food production|"
        "Schreinerei=Joinery|Konditorei=Bakery|Praxis Dr.=Healthcare|Kanzlei=Legal services"
    )
]

BG_FIRST_M = W(
    "Димитър|Георги|Иван|Николай|Стефан|Христо|Йордан|Радослав|Борислав|Петър|Тодор|Васил|"
    "Атанас|Красимир|Любомир|Пламен|Веселин|Емил|Мартин|Александър"
)
BG_FIRST_F = W(
    "Мария|Елена|Петя|Светлана|Десислава|Цветелина|Калина|Радка|Йорданка|Гергана|Милена|"
    "Ивелина|Росица|Теодора|Надежда|Виктория|Анелия|Божидара|Здравка|Силвия"
)
BG_LAST = W(
    "Иванов|Петров|Георгиев|Димитров|Николов|Стоянов|Христов|Тодоров|Ангелов|Маринов|Колев|"
    "Попов|Йорданов|Василев|Стефанов|Костадинов|Младенов|Цветков|Желязков|Пенчев|Чакъров|Шишков|"
    "Радев|Славов|Найденов|Бойчев|Велчев|Гочев|Денчев|Енчев|Кирилов|Лазаров|Михайлов|Начев"
)
RU_FIRST_M = W("Дмитрий|Алексей|Сергей|Андрей|Михаил|Павел|Игорь|Юрий|Владимир|Олег|Артём|Максим")
RU_FIRST_F = W(
    "Ольга|Татьяна|Наталья|Анна|Екатерина|Ирина|Юлия|Светлана|Ксения|Людмила|Дарья|Алёна"
)
RU_LAST = W(
    "Смирнов|Кузнецов|Соколов|Лебедев|Новиков|Морозов|Волков|Зайцев|Павлов|Семёнов|Голубев|"
    "Виноградов|Богданов|Воробьёв|Фёдоров|Беляев|Тарасов|Белов|Комаров|Орлов|Киселёв|Макаров"
)
BG_PRE = W(
    "Балкан|Родопи|Тракия|Пирин|Витоша|Дунав|Черноморие|Марица|Странджа|Искър|Рила|Средец|Янтра|"
    "Добруджа|Лудогорие|Осъм|Камчия|Струма|Места|Тунджа|Арда|Огоста|Сакар|Мизия|Сердика|Одесос|"
    "Емона|Калиакра|Хемус|Кастро|Мелник|Белмекен|Евксиноград|Перперикон|Шипка|Еделвайс|Кремиковци|"
    "Сребърна|Ропотамо|Бачково"
)
BG_ACT = [
    tuple(x.split("="))
    for x in W(
        "Логистик=Logistics|Фарма=Pharmaceuticals|Агро=Agriculture|Софтуер=Software|Строй=Construction|"
        "Енерджи=Energy|Текстил=Textiles|Транс=Transport|Консулт=Consulting|Мебел=Furniture|Вина=Wine production|"
        "Медикал=Healthcare|Инженеринг=Engineering|Принт=Printing|Трейд=Trade|Тур=Travel|Инвест=Investment|"
        "Дизайн=Design|Технолоджи=Technology|Фуудс=Food production|Пак=Packaging|Металик=Metal fabrication|"
        "Козметик=Cosmetics|Електрик=Electrical contracting|Билд=Construction|Маркет=Retail"
    )
]

ZH_SUR = P(
    "王=wang|李=li|张=zhang|刘=liu|陈=chen|杨=yang|黄=huang|赵=zhao|吴=wu|周=zhou|徐=xu|孙=sun|马=ma|"
    "朱=zhu|胡=hu|郭=guo|何=he|林=lin|罗=luo|高=gao|郑=zheng|梁=liang|谢=xie|宋=song|唐=tang|韩=han|"
    "冯=feng|邓=deng|曹=cao|彭=peng"
)
ZH_GIVEN = P(
    "伟=wei|芳=fang|娜=na|敏=min|静=jing|丽=li|强=qiang|磊=lei|军=jun|洋=yang|勇=yong|艳=yan|杰=jie|"
    "涛=tao|明=ming|超=chao|秀英=xiuying|霞=xia|建华=jianhua|晓东=xiaodong|海燕=haiyan|志强=zhiqiang|"
    "雪梅=xuemei|文博=wenbo|子涵=zihan|思远=siyuan|雨桐=yutong|浩然=haoran|梓萱=zixuan|俊杰=junjie|"
    "欣怡=xinyi|宇航=yuhang|嘉怡=jiayi|一鸣=yiming|婉清=wanqing|天佑=tianyou|立新=lixin|美玲=meiling"
)
ZH_EN = W("Kevin|Jason|Vivian|Grace|Eric|Cindy|Tony|Helen|Jack|Lily|Frank|Amy|Leo|Sunny|Alan|Iris")
ZH_CITY = P(
    "北京=beijing|上海=shanghai|深圳=shenzhen|广州=guangzhou|杭州=hangzhou|成都=chengdu|苏州=suzhou|"
    "南京=nanjing|武汉=wuhan|厦门=xiamen|宁波=ningbo|青岛=qingdao|天津=tianjin|东莞=dongguan|"
    "佛山=foshan|无锡=wuxi|长沙=changsha|西安=xian"
)
ZH_BRAND = P(
    "星河=xinghe|华信=huaxin|瑞丰=ruifeng|金桥=jinqiao|鼎盛=dingsheng|海川=haichuan|天成=tiancheng|"
    "博远=boyuan|恒通=hengtong|明德=mingde|嘉禾=jiahe|宏图=hongtu|新源=xinyuan|云帆=yunfan|"
    "长青=changqing|华美=huamei|永安=yongan|福临=fulin|光华=guanghua|锦程=jincheng|德昌=dechang|"
    "盛达=shengda|汇通=huitong|远航=yuanhang|中和=zhonghe|百川=baichuan|启明=qiming|智远=zhiyuan|"
    "安泰=antai|润泽=runze"
)
ZH_IND = [
    (a, b, c)
    for a, b, c in (
        x.split("=")
        for x in W(
            "贸易=maoyi=Trade|科技=keji=Technology|电子=dianzi=Electronics|物流=wuliu=Logistics|食品=shipin=Food production|"
            "纺织=fangzhi=Textiles|医疗器械=yiliao-qixie=Medical devices|软件=ruanjian=Software|"
            "新能源=xinnengyuan=Renewable energy|精密机械=jingmi-jixie=Precision engineering|"
            "文化传媒=wenhua-chuanmei=Media|咨询=zixun=Consulting|家具=jiaju=Furniture|化工=huagong=Chemicals|"
            "光电=guangdian=Optoelectronics|包装=baozhuang=Packaging"
        )
    )
]
JA_SUR = P(
    "佐藤=sato|鈴木=suzuki|高橋=takahashi|田中=tanaka|伊藤=ito|渡辺=watanabe|山本=yamamoto|中村=nakamura|"
    "小林=kobayashi|加藤=kato|吉田=yoshida|山田=yamada|佐々木=sasaki|松本=matsumoto|井上=inoue|"
    "木村=kimura|林=hayashi|斎藤=saito|清水=shimizu|山口=yamaguchi|森=mori|池田=ikeda|橋本=hashimoto|"
    "石川=ishikawa|前田=maeda|藤田=fujita|岡田=okada|後藤=goto"
)
JA_GIVEN = P(
    "翔太=shota|大輔=daisuke|健太=kenta|拓也=takuya|直樹=naoki|浩=hiroshi|誠=makoto|隆=takashi|"
    "悠斗=yuto|蓮=ren|陽介=yosuke|和也=kazuya|花子=hanako|美咲=misaki|陽子=yoko|由美=yumi|恵=megumi|"
    "彩=aya|結衣=yui|真由美=mayumi|さくら=sakura|優子=yuko|千尋=chihiro|奈々=nana|健二=kenji|"
    "智子=tomoko"
)
JA_BRAND = P(
    "さくら=sakura|富士=fuji|青葉=aoba|大和=yamato|光=hikari|北斗=hokuto|若葉=wakaba|東海=tokai|"
    "瀬戸=seto|白山=hakusan|松風=matsukaze|千代田=chiyoda|日向=hinata|葵=aoi|みらい=mirai|浪速=naniwa|"
    "北陸=hokuriku|信州=shinshu|湘南=shonan|三河=mikawa|筑波=tsukuba|琵琶湖=biwako|飛鳥=asuka|"
    "常盤=tokiwa|朝霧=asagiri|緑川=midorikawa"
)
JA_IND = [
    (a, b, c)
    for a, b, c in (
        x.split("=")
        for x in W(
            "精機=seiki=Precision engineering|電子=denshi=Electronics|物産=bussan=Trade|工業=kogyo=Manufacturing|"
            "商事=shoji=Trading|製薬=seiyaku=Pharmaceuticals|食品=shokuhin=Food production|技研=giken=Research|"
            "運輸=unyu=Logistics|建設=kensetsu=Construction|ソフトウェア=software=Software|化学=kagaku=Chemicals|"
            "酒造=shuzo=Brewing|製作所=seisakusho=Machinery|光学=kogaku=Optics|繊維=seni=Textiles"
        )
    )
]
AR_FIRST_M = P(
    "محمد=mohammed|أحمد=ahmed|خالد=khaled|عمر=omar|يوسف=youssef|علي=ali|حسن=hassan|سعيد=saeed|"
    "فيصل=faisal|طارق=tariq|ماجد=majed|سلمان=salman|ناصر=nasser|كريم=karim|زياد=ziad|هشام=hisham"
)
AR_FIRST_F = P(
    "فاطمة=fatima|مريم=maryam|نور=nour|ليلى=layla|سارة=sara|هدى=huda|ريم=reem|أمل=amal|دينا=dina|"
    "سلمى=salma|ياسمين=yasmin|رنا=rana|لبنى=lubna|منى=mona"
)
AR_LAST = P(
    "الفارسي=al-farsi|الحمادي=al-hammadi|المنصوري=al-mansouri|الكعبي=al-kaabi|العتيبي=al-otaibi|"
    "الشمري=al-shammari|الزهراني=al-zahrani|القحطاني=al-qahtani|حداد=haddad|خوري=khoury|"
    "النعيمي=al-nuaimi|السويدي=al-suwaidi|البلوشي=al-balushi|الهاشمي=al-hashimi|الراشد=al-rashed|"
    "الدوسري=al-dosari|المهيري=al-mheiri|الظاهري=al-dhaheri|الشامسي=al-shamsi|المري=al-marri|"
    "عبدالرحمن=abdelrahman|منصور=mansour|نصار=nassar|سليمان=suleiman"
)
AR_BRAND = P(
    "النور=al-noor|الريان=al-rayyan|الأفق=al-ofoq|الواحة=al-waha|السلام=al-salam|الخليج=al-khaleej|"
    "الفجر=al-fajr|النخيل=al-nakheel|الصقر=al-saqr|الأمل=al-amal|المستقبل=al-mustaqbal|الرواد=al-rowad|"
    "الندى=al-nada|القمة=al-qimma|الشروق=al-shorouq|الياسمين=al-yasmin|الديار=al-diyar|الرمال=al-rimal|"
    "البيان=al-bayan|الهلال=al-hilal|الصفوة=al-safwa|المنارة=al-manara|الفرسان=al-fursan|"
    "الوطنية=al-wataniya|الإتقان=al-itqan|الرؤية=al-roya|البركة=al-baraka|الجود=al-jood|"
    "السنابل=al-sanabel|الريادة=al-riyada|الأصالة=al-asala|المدار=al-madar"
)
AR_ACT = [
    (a, b, c)
    for a, b, c in (
        x.split("=")
        for x in W(
            "للتجارة=trading=Trade|للمقاولات=contracting=Construction|للاستشارات=consulting=Consulting|"
            "للخدمات اللوجستية=logistics=Logistics|للتقنية=technology=Technology|للأغذية=foods=Food production|"
            "للعقارات=real-estate=Real estate|للسياحة=tourism=Travel|للطاقة=energy=Energy|"
            "للخدمات الطبية=medical=Healthcare|للصناعات=industries=Manufacturing|للتعليم=education=Education|"
            "للتسويق=marketing=Marketing agency|للاستثمار=investment=Investment"
        )
    )
]
HI_FIRST_M = P(
    "राजेश=rajesh|अमित=amit|सुरेश=suresh|विकास=vikas|राहुल=rahul|अनिल=anil|संजय=sanjay|मनोज=manoj|"
    "आदित्य=aditya|रोहित=rohit|अर्जुन=arjun|विवेक=vivek|नितिन=nitin|प्रकाश=prakash|दीपक=deepak|"
    "गौरव=gaurav|हर्ष=harsh"
)
HI_FIRST_F = P(
    "प्रिया=priya|अनीता=anita|सुनीता=sunita|पूजा=pooja|नेहा=neha|कविता=kavita|दीपिका=deepika|"
    "अंजलि=anjali|मीरा=meera|श्वेता=shweta|रेखा=rekha|स्नेहा=sneha|आरती=aarti|लक्ष्मी=lakshmi|"
    "निधि=nidhi|कावेरी=kaveri"
)
HI_LAST = P(
    "शर्मा=sharma|वर्मा=verma|गुप्ता=gupta|कुमार=kumar|सिंह=singh|पटेल=patel|जोशी=joshi|मेहता=mehta|"
    "अग्रवाल=agarwal|चौधरी=chaudhary|मिश्रा=mishra|पांडे=pandey|त्रिपाठी=tripathi|यादव=yadav|नायर=nair|"
    "अय्यर=iyer|रेड्डी=reddy|देशपांडे=deshpande|कुलकर्णी=kulkarni|भट्ट=bhatt|सक्सेना=saxena|"
    "श्रीवास्तव=srivastava|बंसल=bansal|कपूर=kapoor|मल्होत्रा=malhotra|राघवन=raghavan|बनर्जी=banerjee"
)
HI_BRAND = P(
    "श्री गणेश=shri-ganesh|लक्ष्मी=lakshmi|सरस्वती=saraswati|गंगा=ganga|हिमालय=himalaya|"
    "सह्याद्रि=sahyadri|नर्मदा=narmada|कावेरी=kaveri|अरावली=aravali|विंध्य=vindhya|सूर्या=surya|"
    "आदित्य=aditya|शिवम=shivam|भारत=bharat|मालवा=malwa|गोदावरी=godavari|यमुना=yamuna|कृष्णा=krishna|"
    "त्रिवेणी=triveni|अन्नपूर्णा=annapurna|नीलगिरि=nilgiri|केसरी=kesari|तारा=tara|उमंग=umang|"
    "संगम=sangam|प्रगति=pragati|उदय=uday|वसुंधरा=vasundhara"
)
HI_ACT = [
    (a, b, c)
    for a, b, c in (
        x.split("=")
        for x in W(
            "ट्रेडर्स=traders=Trade|टेक्सटाइल्स=textiles=Textiles|एग्रो=agro=Agriculture|फार्मा=pharma=Pharmaceuticals|"
            "इंजीनियरिंग=engineering=Engineering|सॉफ्टवेयर=software=Software|लॉजिस्टिक्स=logistics=Logistics|"
            "फूड्स=foods=Food production|एक्सपोर्ट्स=exports=Export trade|इंडस्ट्रीज=industries=Manufacturing|"
            "कंस्ट्रक्शन=construction=Construction|हेल्थकेयर=healthcare=Healthcare|ज्वैलर्स=jewellers=Jewellery|"
            "मोटर्स=motors=Automotive|प्रिंटर्स=printers=Printing"
        )
    )
]
PT_FIRST_M = W(
    "João|José|Antônio|Luís|Paulo|Marcos|Tiago|Rafael|Gustavo|Felipe|Leonardo|Caio|Vinícius|"
    "Otávio|Sérgio|Fábio|Márcio|Rogério|Júlio|André|Benedito|Heitor"
)
PT_FIRST_F = W(
    "Maria|Ana|Luíza|Beatriz|Letícia|Fernanda|Júlia|Mariana|Camila|Patrícia|Vitória|Lívia|"
    "Bárbara|Débora|Mônica|Cecília|Natália|Lúcia|Gabriela|Tânia|Conceição|Íris"
)
PT_LAST = W(
    "Silva|Santos|Oliveira|Souza|Conceição|Araújo|Pereira|Lima|Gonçalves|Ribeiro|Carvalho|Gomes|"
    "Martins|Rocha|Almeida|Barbosa|Assunção|Magalhães|Guimarães|Brandão|Simões|Falcão|Leão|Damásio|"
    "Gusmão|Aragão|Valadão|Cordeiro|Nóbrega|Peixoto|Teixeira|Moraes|Cavalcanti|Figueiredo"
)
PT_PRE = [
    tuple(x.split("="))
    for x in W(
        "Construtora=Construction|Transportadora=Logistics|Distribuidora=Wholesale|Padaria=Bakery|"
        "Farmácia=Pharmacy|Clínica=Healthcare|Escritório=Professional services|Café=Coffee production|"
        "Fazenda=Agriculture|Pousada=Hospitality|Editora=Publishing|Laboratório=Laboratory services|"
        "Confecções=Textiles|Metalúrgica=Metal fabrication|Agropecuária=Agriculture|Móveis=Furniture|"
        "Vidraçaria=Glass manufacturing|Sorveteria=Food and beverage|Ótica=Optics|Livraria=Bookshop"
    )
]
PT_SUF = [
    tuple(x.split("="))
    for x in W(
        "Alimentos=Food production|Tecnologia=Software|Turismo=Travel|Engenharia=Engineering|Logística=Logistics|"
        "Energia=Renewable energy|Consultoria=Consulting|Cosméticos=Cosmetics|Têxtil=Textiles|Serviços=Facilities|"
        "Agronegócios=Agriculture|Saúde=Healthcare"
    )
]
PT_PART = W(
    "São João|Santa Luzia|Paraíso|Boa Vista|Ipê Amarelo|Serra Azul|Jacarandá|Sabiá|Araucária|"
    "Pantanal|Cerrado|Três Irmãos|Bela Vista|Horizonte|Itaúna|Jequitibá|Canaã|Pôr do Sol|Beira-Mar|"
    "Aurora|Estrela|Guanabara|Iguaçu|Mantiqueira|Tocantins|Xingu|Piracicaba|Ouro Preto|Casa Verde|"
    "Vale do Sol|Primavera|Girassol|Capim Dourado|Maré Alta|Nova Esperança|Recanto|Ipanema|Juriti"
)

# Legal forms the duplicate checker ignores; kept out of ids and name keys.
LEGAL = {
    "GB": [
        ("Ltd", 40),
        ("Limited", 8),
        ("LLP", 5),
        ("plc", 2),
        ("", 30),
        ("& Co", 3),
        ("Group Ltd", 4),
    ],
    "US": [("Inc.", 25), ("LLC", 30), ("Corp.", 4), ("", 32), ("Co.", 4)],
    "IE": [("Ltd", 40), ("DAC", 10), ("Limited", 10), ("", 30)],
    "NL": [("B.V.", 70), ("", 30)],
    "IN": [("Pvt Ltd", 40), ("Private Limited", 20), ("LLP", 15), ("", 25)],
    "AE": [("LLC", 40), ("FZE", 15), ("FZ-LLC", 15), ("DMCC", 10), ("", 20)],
    "DE": [
        ("GmbH", 50),
        ("GmbH & Co. KG", 14),
        ("AG", 5),
        ("KG", 6),
        ("e.K.", 5),
        ("OHG", 2),
        ("UG (haftungsbeschränkt)", 5),
        ("", 12),
    ],
    "AT": [("GmbH", 60), ("KG", 10), ("e.U.", 10), ("AG", 5), ("", 15)],
    "FR": [("SARL", 35), ("SAS", 35), ("SA", 8), ("EURL", 7), ("", 15)],
    "BE": [("SRL", 40), ("SA", 25), ("", 35)],
    "LU": [("S.à r.l.", 60), ("SA", 25), ("", 15)],
    "BG": [("ЕООД", 40), ("ООД", 35), ("АД", 10), ("", 15)],
    "BR": [("Ltda.", 55), ("S.A.", 10), ("ME", 10), ("EIRELI", 5), ("EPP", 5), ("", 15)],
}

# (city, region, postcode pattern, timezone); postcode patterns: 9 digit, A letter
PLACES: dict[str, list[tuple[str, str, str]]] = {
    "GB": [
        ("Leeds", "West Yorkshire", "LS9# #AA"),
        ("Manchester", "Greater Manchester", "M## #AA"),
        ("Bristol", "", "BS# #AA"),
        ("Birmingham", "West Midlands", "B## #AA"),
        ("Edinburgh", "", "EH# #AA"),
        ("Glasgow", "", "G## #AA"),
        ("London", "", "EC#A #AA"),
        ("London", "", "SE1 #AA"),
        ("London", "", "N## #AA"),
        ("Cardiff", "", "CF## #AA"),
        ("Newcastle upon Tyne", "Tyne and Wear", "NE# #AA"),
        ("Norwich", "Norfolk", "NR# #AA"),
        ("York", "North Yorkshire", "YO## #AA"),
        ("Brighton", "East Sussex", "BN# #AA"),
        ("Belfast", "", "BT# #AA"),
        ("Oxford", "Oxfordshire", "OX# #AA"),
        ("Cambridge", "Cambridgeshire", "CB# #AA"),
        ("Sheffield", "South Yorkshire", "S# #AA"),
        ("Exeter", "Devon", "EX# #AA"),
        ("Aberdeen", "", "AB## #AA"),
    ],
    "US": [
        ("San Francisco", "CA", "941##"),
        ("Oakland", "CA", "946##"),
        ("San Jose", "CA", "951##"),
        ("Los Angeles", "CA", "900##"),
        ("San Diego", "CA", "921##"),
        ("Sacramento", "CA", "958##"),
        ("Fresno", "CA", "937##"),
        ("Santa Rosa", "CA", "954##"),
        ("Palo Alto", "CA", "943##"),
        ("Irvine", "CA", "926##"),
        ("Pasadena", "California", "911##"),
        ("Napa", "CA", "945##"),
        ("Santa Barbara", "CA", "931##"),
        ("Berkeley", "California", "947##"),
        ("Healdsburg", "CA", "95448"),
    ],
    "DE": [
        ("Berlin", "Berlin", "10###"),
        ("München", "Bayern", "80###"),
        ("Hamburg", "Hamburg", "20###"),
        ("Köln", "Nordrhein-Westfalen", "50###"),
        ("Frankfurt am Main", "Hessen", "60###"),
        ("Stuttgart", "Baden-Württemberg", "70###"),
        ("Dresden", "Sachsen", "01###"),
        ("Leipzig", "Sachsen", "04###"),
        ("Düsseldorf", "Nordrhein-Westfalen", "40###"),
        ("Nürnberg", "Bayern", "90###"),
        ("Bremen", "Bremen", "28###"),
        ("Hannover", "Niedersachsen", "30###"),
        ("Freiburg im Breisgau", "Baden-Württemberg", "79###"),
        ("Münster", "Nordrhein-Westfalen", "48###"),
        ("Würzburg", "Bayern", "97###"),
        ("Görlitz", "Sachsen", "02826"),
        ("Jena", "Thüringen", "07###"),
        ("Rostock", "Mecklenburg-Vorpommern", "18###"),
    ],
    "AT": [
        ("Wien", "Wien", "1#\u0030#"),
        ("Graz", "Steiermark", "80##"),
        ("Linz", "Oberösterreich", "40##"),
        ("Salzburg", "Salzburg", "50##"),
        ("Innsbruck", "Tirol", "60##"),
        ("Klagenfurt", "Kärnten", "90##"),
    ],
    "FR": [
        ("Paris", "Île-de-France", "750##"),
        ("Lyon", "Auvergne-Rhône-Alpes", "6900#"),
        ("Marseille", "Provence-Alpes-Côte d'Azur", "130##"),
        ("Bordeaux", "Nouvelle-Aquitaine", "33000"),
        ("Lille", "Hauts-de-France", "59000"),
        ("Nantes", "Pays de la Loire", "44000"),
        ("Toulouse", "Occitanie", "31000"),
        ("Strasbourg", "Grand Est", "67000"),
        ("Montpellier", "Occitanie", "34000"),
        ("Rennes", "Bretagne", "35000"),
        ("Annecy", "Auvergne-Rhône-Alpes", "74000"),
        ("Aix-en-Provence", "Provence-Alpes-Côte d'Azur", "13090"),
        ("Dijon", "Bourgogne-Franche-Comté", "21000"),
        ("Nîmes", "Occitanie", "30000"),
        ("Besançon", "Bourgogne-Franche-Comté", "25000"),
    ],
    "BE": [
        ("Bruxelles", "Bruxelles-Capitale", "10#0"),
        ("Liège", "Wallonie", "4000"),
        ("Namur", "Wallonie", "5000"),
        ("Charleroi", "Wallonie", "6000"),
    ],
    "LU": [("Luxembourg", "", "L-1###"), ("Esch-sur-Alzette", "", "L-4###")],
    "BG": [
        ("София", "София-град", "1###"),
        ("Пловдив", "Пловдив", "4000"),
        ("Варна", "Варна", "9000"),
        ("Бургас", "Бургас", "8000"),
        ("Русе", "Русе", "7000"),
        ("Стара Загора", "Стара Загора", "6000"),
        ("Велико Търново", "Велико Търново", "5000"),
        ("Sofia", "Sofia City", "1###"),
        ("Plovdiv", "", "40##"),
    ],
    "LV": [("Rīga", "", "LV-10##"), ("Daugavpils", "", "LV-54##"), ("Jūrmala", "", "LV-20##")],
    "IE": [
        ("Dublin", "Co. Dublin", "D0# A#A#"),
        ("Cork", "Co. Cork", "T12 A#A#"),
        ("Galway", "Co. Galway", "H91 A#A#"),
        ("Limerick", "Co. Limerick", "V94 A#A#"),
    ],
    "NL": [
        ("Amsterdam", "Noord-Holland", "10## AA"),
        ("Rotterdam", "Zuid-Holland", "30## AA"),
        ("Utrecht", "Utrecht", "35## AA"),
        ("Eindhoven", "Noord-Brabant", "56## AA"),
    ],
    "BR": [
        ("São Paulo", "SP", "0####-###"),
        ("Rio de Janeiro", "RJ", "2####-###"),
        ("Belo Horizonte", "MG", "30###-###"),
        ("Porto Alegre", "RS", "90###-###"),
        ("Curitiba", "PR", "80###-###"),
        ("Salvador", "BA", "40###-###"),
        ("Recife", "PE", "50###-###"),
        ("Florianópolis", "SC", "88###-###"),
        ("Campinas", "SP", "13###-###"),
        ("Fortaleza", "CE", "60###-###"),
        ("Brasília", "DF", "70###-###"),
        ("Ribeirão Preto", "SP", "14###-###"),
    ],
    "IN": [
        ("Bengaluru", "Karnataka", "560###"),
        ("Mumbai", "Maharashtra", "400###"),
        ("New Delhi", "Delhi", "110###"),
        ("Pune", "Maharashtra", "411###"),
        ("Chennai", "Tamil Nadu", "600###"),
        ("Hyderabad", "Telangana", "500###"),
        ("Jaipur", "Rajasthan", "302###"),
        ("Ahmedabad", "Gujarat", "380###"),
        ("Kolkata", "West Bengal", "700###"),
        ("Lucknow", "Uttar Pradesh", "226###"),
        ("Kochi", "Kerala", "682###"),
        ("Indore", "Madhya Pradesh", "452###"),
        ("Surat", "Gujarat", "395###"),
        ("Varanasi", "Uttar Pradesh", "221###"),
    ],
    "CN": [
        ("上海", "", "200###"),
        ("深圳", "广东省", "518###"),
        ("北京", "", "100###"),
        ("杭州", "浙江省", "310###"),
        ("苏州", "江苏省", "215###"),
        ("Guangzhou", "Guangdong", "510###"),
        ("Chengdu", "Sichuan", "610###"),
        ("Shanghai", "", "200###"),
    ],
    "JP": [
        ("東京都", "", "100-0005"),
        ("大阪市", "大阪府", "530-00##"),
        ("名古屋市", "愛知県", "450-000#"),
        ("横浜市", "神奈川県", "220-001#"),
        ("京都市", "京都府", "600-82##"),
        ("福岡市", "福岡県", "810-000#"),
        ("Tokyo", "", "10#-00##"),
        ("Hamamatsu", "Shizuoka", "430-09##"),
    ],
    "AE": [
        ("Dubai", "Dubai", ""),
        ("Abu Dhabi", "Abu Dhabi", ""),
        ("Sharjah", "Sharjah", ""),
        ("دبي", "", ""),
    ],
    "SA": [
        ("الرياض", "", "1####"),
        ("Riyadh", "", "1####"),
        ("Jeddah", "Makkah", "2####"),
        ("الدمام", "", "3####"),
    ],
    "EG": [("القاهرة", "", "11###"), ("Cairo", "", "11###"), ("Alexandria", "", "21###")],
}
TZ = {
    "GB": ["Europe/London"],
    "US": ["America/Los_Angeles"],
    "DE": ["Europe/Berlin"],
    "AT": ["Europe/Vienna"],
    "FR": ["Europe/Paris"],
    "BE": ["Europe/Brussels"],
    "LU": ["Europe/Luxembourg"],
    "BG": ["Europe/Sofia"],
    "LV": ["Europe/Riga"],
    "IE": ["Europe/Dublin"],
    "NL": ["Europe/Amsterdam"],
    "BR": ["America/Sao_Paulo", "America/Sao_Paulo", "America/Recife", "America/Manaus"],
    "IN": ["Asia/Kolkata"],
    "CN": ["Asia/Shanghai"],
    "JP": ["Asia/Tokyo"],
    "AE": ["Asia/Dubai"],
    "SA": ["Asia/Riyadh"],
    "EG": ["Africa/Cairo"],
}
LANGS = {
    "GB": ["en-GB", "en-GB", "en"],
    "US": ["en-US", "en-US", "en", "es-US"],
    "DE": ["de", "de-DE", "de"],
    "AT": ["de-AT", "de"],
    "FR": ["fr", "fr-FR"],
    "BE": ["fr-BE", "fr", "nl-BE"],
    "LU": ["fr-LU", "de-LU", "lb"],
    "BG": ["bg", "bg", "en"],
    "LV": ["ru", "lv", "ru-LV"],
    "IE": ["en-IE", "en", "ga"],
    "NL": ["nl", "en", "nl-NL"],
    "BR": ["pt-BR"],
    "IN": ["en-IN", "hi", "en-IN", "hi-IN"],
    "CN": ["zh-CN", "zh-Hans", "en", "zh"],
    "JP": ["ja", "ja-JP", "en"],
    "AE": ["ar", "en", "ar-AE"],
    "SA": ["ar", "ar-SA", "en"],
    "EG": ["ar-EG", "ar", "en"],
}

# country -> (weight, jurisdictions, team, name languages with weights)
MARKETS: dict[str, tuple[float, list[str], str, list[tuple[str, float]]]] = {
    "GB": (15, ["GB"], "emea", [("en", 1.0)]),
    "US": (13, ["US-CA"], "americas", [("en", 0.92), ("zh", 0.05), ("ja", 0.03)]),
    "DE": (10, ["EU"], "emea", [("de", 0.9), ("ru", 0.06), ("en", 0.04)]),
    "AT": (2.5, ["EU"], "emea", [("de", 1.0)]),
    "FR": (9, ["EU"], "emea", [("fr", 1.0)]),
    "BE": (2, ["EU"], "emea", [("fr", 1.0)]),
    "LU": (1, ["EU"], "emea", [("fr", 0.7), ("de", 0.3)]),
    "BG": (6, ["EU"], "emea", [("bg", 1.0)]),
    "LV": (1.2, ["EU"], "emea", [("ru", 1.0)]),
    "IE": (2, ["EU"], "emea", [("en", 1.0)]),
    "NL": (2, ["EU"], "emea", [("en", 1.0)]),
    "BR": (8, ["BR"], "americas", [("pt", 1.0)]),
    "IN": (10, ["IN"], "apac", [("hi", 0.45), ("en", 0.55)]),
    "CN": (3.5, ["EU", "GB", "US-CA"], "apac", [("zh", 1.0)]),
    "JP": (2.5, ["US-CA", "EU", "GB"], "apac", [("ja", 1.0)]),
    "AE": (3, ["GB", "EU"], "emea", [("ar", 0.75), ("en", 0.25)]),
    "SA": (1.5, ["GB", "EU"], "emea", [("ar", 1.0)]),
    "EG": (1, ["EU", "GB"], "emea", [("ar", 1.0)]),
}

PHONES: dict[str, list[tuple[str, int]]] = {
    "GB": [
        ("+442079460", 3),
        ("+441134960", 3),
        ("+441614960", 3),
        ("+441314960", 3),
        ("+441174960", 3),
        ("+441214960", 3),
        ("+441914980", 3),
    ],
    "US": [
        (f"+1{a}55501", 2)
        for a in (
            415,
            510,
            650,
            408,
            213,
            310,
            916,
            619,
            714,
            818,
            949,
            925,
            707,
            209,
            559,
            805,
            831,
            858,
            626,
            562,
            530,
            661,
            760,
            951,
        )
    ]
    + [(f"+1{a}5551", 3) for a in (415, 510, 650, 408, 213, 310)],
    "DE": [
        ("+4930[1-9]", 7),
        ("+4989[1-9]", 7),
        ("+4940[2-9]", 7),
        ("+49221[2-9]", 6),
        ("+49351[2-8]", 6),
        ("+49151", 8),
        ("+49160", 7),
        ("+49176", 8),
    ],
    "AT": [("+431[2-8]", 6), ("+43664", 7), ("+43316[2-8]", 5)],
    "FR": [
        ("+331[2-8]", 7),
        ("+333[2-8]", 7),
        ("+335[3-8]", 7),
        ("+336[1245678]", 7),
        ("+337[5-8]", 7),
    ],
    "BE": [("+322[2-8]", 6), ("+32470", 6), ("+32495", 6)],
    "LU": [("+3522[2-8]", 6), ("+352621", 6)],
    "BG": [("+3592[2-9]", 6), ("+35988[1-7]", 6), ("+35987[1-7]", 6), ("+35932[2-6]", 5)],
    "LV": [("+3716", 7), ("+3712[6-9]", 6)],
    "IE": [("+3531[2-8]", 6), ("+35387", 7), ("+35321[2-4]", 6)],
    "NL": [("+3120[2-8]", 6), ("+316[1-5]", 7), ("+3110[2-4]", 6)],
    "BR": [
        ("+55119[6-9]", 7),
        ("+5511[2-5]", 7),
        ("+55219[6-9]", 7),
        ("+5531[2-3]", 7),
        ("+55519[8-9]", 7),
    ],
    "IN": [
        ("+9198", 8),
        ("+9197", 8),
        ("+9199", 8),
        ("+9190", 8),
        ("+9181", 8),
        ("+9180[2-4]", 7),
        ("+9122[2-6]", 7),
    ],
    "CN": [("+86138", 8), ("+86139", 8), ("+86186", 8), ("+8621[56]", 7), ("+86755[28]", 7)],
    "JP": [("+813[3-6]", 7), ("+816[6]", 7), ("+8190[1-9]", 7), ("+8180[1-9]", 7)],
    "AE": [("+9714[2-5]", 6), ("+97150", 7), ("+97155", 7)],
    "SA": [("+96611[2-4]", 6), ("+96650", 7), ("+96655", 7)],
    "EG": [("+202[23]", 7), ("+2010", 8), ("+2012", 8)],
}

ROLES = {
    "en": W(
        "Operations director|Finance manager|Head of procurement|Managing director|Office manager|CEO|CFO|"
        "COO|Head of IT|IT manager|Practice manager|Owner|Founder|Co-founder|HR lead|Legal counsel|"
        "Marketing manager|Company secretary|Accounts payable|Personal assistant to the MD|"
        "Head of customer service|Plant manager|Compliance officer|Data protection officer|Project lead|"
        "Financial controller|Director of operations, EMEA|VP Finance|Head of people & culture"
    ),
    "de": W(
        "Geschäftsführer|Geschäftsführerin (managing director)|Prokurist (authorised signatory)|"
        "Leiter Einkauf (head of purchasing)|Buchhaltung|Assistenz der Geschäftsführung|Leiterin Export|"
        "Werksleiter|Datenschutzbeauftragte|Inhaber"
    ),
    "fr": W(
        "Gérant|Gérante|Directrice administrative et financière|Responsable des achats|Comptable|"
        "Assistante de direction|PDG|Directeur général|Responsable qualité|Déléguée à la protection des données"
    ),
    "bg": W(
        "Управител|Главен счетоводител|Търговски директор|Офис мениджър|Управител (managing director)|"
        "Финансов директор"
    ),
    "ru": W("Директор|Главный бухгалтер|Менеджер по закупкам|Owner|Founder"),
    "zh": W("总经理 (general manager)|财务经理|采购主管|Sales director|销售经理|总监"),
    "ja": W("代表取締役|営業部長|経理担当|総務部 課長|Managing director"),
    "ar": W(
        "المدير العام (general manager)|مدير المالية|مدير المشتريات|Finance manager|Managing partner"
    ),
    "hi": W("निदेशक (director)|Accounts head|Partner|प्रबंधक|Managing director|Proprietor"),
    "pt": W(
        "Sócio-diretor|Gerente financeira|Diretor de operações|Contadora|Compradora|Sócia-fundadora|"
        "Gerente comercial"
    ),
}

TAGS_GENERAL = W(
    "key-account|referral|multi-site|vip|export|public-sector|start-up|nonprofit|renewal-2027|"
    "late-payer|gdpr-sensitive|family-business|newsletter-only|event-contact|partner|"
    "tender|framework|retainer|fixed-fee|hourly|priority|watchlist|expansion|cross-border|"
    "board-level|founder-led|seasonal|grant-funded|esg|iso-9001|warm-lead|cold-lead"
)
TAGS_LANG = {
    "de": ["german-speaking", "dach"],
    "fr": ["french-speaking", "francophone"],
    "bg": ["bulgarian"],
    "ru": ["russian-speaking"],
    "zh": ["china-desk", "mandarin"],
    "ja": ["japan-desk"],
    "ar": ["gcc", "arabic-speaking"],
    "hi": ["india-desk", "hindi"],
    "pt": ["latam", "portuguese-speaking"],
    "en": ["uk-desk", "us-desk"],
}

EVENTS = W(
    "Northern Freight Forum|Leeds supply chain breakfast|Web Summit|Hannover Messe|Salon de l'Agriculture|"
    "CES|the chamber of commerce dinner|our autumn webinar|the Sofia Tech Forum|Vinexpo|"
    "the Bengaluru founders meetup|our spring breakfast|a trade fair in Dubai|the Lisbon retail summit|"
    "our client day in London|ProWein"
)
TOPICS = W(
    "carrier tender|VAT registration|warehouse review|pricing model|ERP migration|hiring plan|"
    "export licences|cash-flow forecast|lease renewal|GDPR audit|supplier audit|ISO 9001 certification|"
    "website relaunch|packaging redesign|grant application|board pack|transfer pricing|payroll change|"
    "new CRM|energy contract|insurance renewal|office move|e-invoicing|customs classification"
)
WEEKDAYS = W("Monday|Tuesday|Wednesday|Thursday|Friday")
MONTHS = W("January|February|March|April|May|June|July|August|September|October|November|December")

# Interaction summaries. Placeholders: {c} {c2} {money} {pct} {pct2} {time} {date} {url} {email} {n}
# {city} {weekday} {q} {topic} {event} {month} {doc} {year} {staff}
SUM_FIRST = [
    "Enquiry from {c} via the website form. Wants a call next week.",
    "Met {c} at {event}. They are looking for help with the {topic}.",
    "Intro call with {c}. Budget is roughly {money}; decision by end of Q{q}.",
    "Referral from an existing client. {c} called at {time} and asked for a quote.",
    "Inbound email from {email}: can we help with their {topic}?",
    "Cold outreach after {event}; {c} replied within the hour!",
    "{c} found us through a LinkedIn post about the {topic}. Booked a first call.",
]
SUM_PROSPECT = [
    "Re: proposal - {c} asked whether the fee can be split over two invoices.",
    "Sent the proposal ({money}, fixed fee) to {email}.",
    "No reply to the proposal yet. Nudged {c} by email.",
    "Follow-up call: they're comparing us with two other firms. Price is the sticking point?",
    "Scoping call. {c} needs an answer by mid-{month}; sent a draft scope the same afternoon.",
    "{c} asked for two references in {city}. Sent contacts (with their permission).",
    "Note - decision postponed to Q{q}, budget not approved yet.",
    "Demo of the reporting pack. Good questions on the {topic}; {c2} joined for the second half.",
]
SUM_START = [
    "Signing meeting. {doc} signed; kick-off set for {date}.",
    "Kick-off with {c} and team. Agreed a monthly check-in, first one {weekday} at {time}.",
    "Identity and sanctions check passed (ref. KYC-{n}).",
    "Onboarding form returned by {c}, consents recorded.",
    "Sent the signed {doc} back to {email}, countersigned.",
]
SUM_REGULAR = [
    "Monthly check-in. All on track; {c} happy with the last report.",
    "Quarterly review: on-time delivery at {pct}, target {pct2}.",
    "Call with {c} at {time}. Agreed next steps: draft by {weekday}, review the week after.",
    "Invoice INV-{n} ({money}) queried: wrong PO number. Reissued the same day.",
    "Ticket #{n} closed: the export now includes VAT numbers.",
    "Note - {c} is on leave until {date}; {c2} covers in the meantime.",
    "Great news! {c} confirmed the extension for another 12 months.",
    "Can we move the steering call to {time}? {c} asked by chat.",
    "{c} called, unhappy about the delay on the {topic} report. Promised it by {weekday}.",
    "Shared the slides: {url}",
    "Sent the minutes to {email} and copied {c2}.",
    "Discussed the {pct} price increase from January. {c} will take it to the board.",
    "Workshop in {city} with 12 people from finance and ops. Lots of questions on the {topic}.",
    "Re: data request - {c} wants a copy of what we hold on their staff. Passed to the DPO.",
    "Budget for next year approved: {money}. SOW to follow.",
    "Emailed a reminder about the overdue invoice ({money}, 45 days).",
    "{c}'s team wants a training session in Q{q}; sent three dates.",
    "Catch-up over coffee. Nothing urgent, but they might open a second site in {city}.",
    'Webinar "{topic} in practice" attended by {c} and {c2}.',
    "Left a voicemail for {c} at {time}, no answer.",
    "Agreed to send the updated figures by {weekday} 17:00.",
    "Renewal discussion: {c} wants a 5% discount for a 2-year term. We'll think about it.",
    "Answered {c}'s question about retention periods, pointed them to clause 9 of the DPA.",
    "Review call went well; NPS survey sent afterwards.",
    "Outage on their side (2 hours). Nothing for us to do, but logged it.",
    '"Can you join our board meeting on {date}?" - yes, confirmed.',
    "Phone call: {c} confirmed the new billing address. Record updated.",
    "Quick chat question on the {topic} numbers; answered with a screenshot.",
    "Sent the Q{q} report (34 pages). Headline: costs down {pct} year on year.",
    "Price list {year} sent, valid until 31 March.",
    "{c} is moving on from the company at the end of the month; {c2} takes over.",
    "Letter received about a change of registered office. Address updated.",
    "Met {c} at {event}; {c2} came along too.",
    'Asked for feedback on the last quarter: score 9, "very responsive".',
    "Steering call moved from 10:30 to 14:00 at their request.",
    "Sent a summary of the new e-invoicing rules and what changes for them in {year}.",
    "They asked for a cost estimate for the {topic}: about {money}, 6-8 weeks.",
    "Went through the action list with {c}: 7 of 9 done, two waiting on their IT.",
    "{c2} joined the call for the first time; wants a fortnightly update instead of monthly.",
    "Sent {c} the link to book the next review: {url}",
    "Why did the last invoice go to the old address? Fixed; {c} satisfied.",
    "Draft report sent for comments (v3, 18 pages).",
    "Discussed headcount: +{n2} people in {city} by Q{q}.",
    "Chased the signed change request. {c} says it's with legal.",
    "Email from {c}: thanks for the quick turnaround on the {topic}!",
    "Site visit in {city}, 2.5 hours. Agreed a fix for the reporting gap.",
]
SUM_LONG = [
    "Quarterly review with {c} and {c2}. The {topic} is on track and costs are {pct} below last year, "
    "but the data extract still arrives late most months. Agreed that their IT sends it by the 5th working "
    "day, and that we flag any delay in the steering call rather than by email.",
    "Long call about the {topic}. {c} wants to bring the deadline forward to {date}, which means cutting "
    "the second workshop. We offered a remote session instead; they will confirm after their board meets. "
    "Fee unchanged at {money}.",
    "Annual planning session in {city}. Three priorities for next year: the {topic}, a review of supplier "
    "contracts, and training for the new finance team. {c} asked for a proposal covering all three, with "
    "a price per item so they can drop one if the budget is tight.",
    "Escalation from {c}: the last report had last quarter's figures in two tables. Apologised, corrected "
    "it within the day and added a second check to our process. {c} accepted the fix but asked us to walk "
    "{c2} through the changes on a call.",
]
SUM_PAUSE = [
    "Project paused: budget freeze until Q{q}. Check back in {month}.",
    "{c} asked us to pause all work while they restructure. Nothing billed from next month.",
    "On hold - new owners are reviewing all advisers. We'll hear by {month}.",
]
SUM_RESUME = [
    "{c} back in touch: budget released, work resumes from {date}.",
    "Restart call. Same scope as before the pause, new contact {c2} on their side.",
]
SUM_END = [
    "{c} gave notice; they will not renew. Parted on good terms.",
    "Offboarding call. Handed over the files and the {topic} register.",
    "Final invoice ({money}) paid. Relationship ended as agreed.",
    "They have moved the work in-house. Thanked {c} for {n2} good years.",
]
SUM_TASK = [
    "Send the renewal quote to {c}.",
    "Prepare the Q{q} review pack.",
    "Check the signed DPA is in documents/.",
    "Call {c} about the {topic}.",
    "Chase invoice INV-{n}.",
    "Book the annual data review with {c}.",
]
SUM_LOCAL = {
    "fr": [
        "Rappel : envoyer le contrat signé avant le {date} !",
        "Appel avec {c} à {time}, tout est en ordre.",
        "Devis de {money} envoyé à {email}.",
        "Réunion annulée, {c} est malade. On reporte à la semaine prochaine.",
        "Re : facture n° {n}, le bon de commande manque.",
        "Point mensuel : RAS, prochaine réunion le {date}.",
    ],
    "de": [
        "Rückruf um {time} vereinbart, Angebot über {money} folgt.",
        "Termin mit {c} in {city}: Jahresplanung besprochen.",
        "Unterlagen per E-Mail an {email} geschickt.",
        "Frage zur Rechnung Nr. {n} geklärt.",
        "{c} ist bis {date} im Urlaub.",
        "Kurzes Telefonat, alles im grünen Bereich.",
    ],
    "pt": [
        "Reunião com {c} às {time}; proposta de {money} aprovada!",
        "Enviado o contrato para {email}.",
        "{c} pediu para adiar a visita para a próxima semana.",
        "Dúvida sobre a nota fiscal nº {n} resolvida.",
    ],
    "bg": [
        "Разговор с {c} в {time} ч. Договорихме оферта до петък.",
        "Изпратих фактурата ({money}) на {email}.",
        "Среща в офиса, всичко е наред.",
        "Въпрос за договора, отговорихме същия ден.",
    ],
    "ru": ["Созвонились с {c} в {time}, всё в порядке.", "Отправили счёт ({money}) на {email}."],
    "zh": [
        "与{c}电话沟通，确认下周二{time}开会。",
        "已将报价（{money}）发送至{email}。",
        "季度回顾会议，进展顺利。",
    ],
    "ja": [
        "{c}様と打ち合わせ。次回は{date}に決定。",
        "見積書（{money}）を{email}に送付しました。",
        "定例会議、特に問題なし。",
    ],
    "hi": ["{c} से फ़ोन पर बात हुई, अगली बैठक {date} को।", "कोटेशन ({money}) {email} पर भेजा गया।"],
    "ar": [
        "اتصال مع {c} الساعة {time}، تم الاتفاق على العرض.",
        "تم إرسال الفاتورة ({money}) إلى {email}.",
    ],
}
NOTE_LINES = [
    "Prefers calls before 10:30 (their time).",
    "Invoices go to {acct}, not to {c}.",
    "Key account: about {money} a year.",
    "Do not call on Fridays!",
    "Decision: no price increase this year.",
    "TODO: check the VAT number (ticket #{n}).",
    "Referred by {staff_name} in {pyear}.",
    "{c} is the decision maker; {c2} runs the day-to-day.",
    "Payment terms 30 days net; they usually pay on day 28.",
    "Sensitive: ongoing dispute with a former supplier, keep out of emails.",
    "Ask before using their logo anywhere.",
    "Annual review usually in {month}.",
    "Old CRM id: CRM-{n}.",
    "Re: the {pyear} price list - agreed to hold prices until March.",
    "Happy to be a reference for prospects in {city}.",
    "Parking: use the visitor spaces at the back, code 4{n3}.",
]
FEEDBACK_COMMENTS = [
    "Very responsive, thanks to {staff_first}!",
    "Too slow on the {topic} question.",
    "Good value for money.",
    "Reports are clear; would like them a few days earlier.",
    '"Best advisers we have worked with."',
    "Fine, nothing special.",
    "Invoices are confusing.",
    "Great workshop in {city}!",
    "We'd like fewer emails and more calls.",
    "Re: onboarding - took longer than promised.",
    "Excellent, as always.",
    "Helpful, but the portal (#2 on our list) still needs work.",
]
KPI_DEFS = [
    ("On-time delivery", "%", 95, True),
    ("First response time", "hours", 4, False),
    ("Invoice accuracy", "%", 99, True),
    ("Monthly active users", "users", 1200, True),
    ("Cost per pallet", "EUR", 18.5, False),
    ("Net promoter score", "points", 40, True),
    ("Stock accuracy", "%", 98.5, True),
    ("Days sales outstanding", "days", 45, False),
    ("Tickets closed within SLA", "%", 90, True),
    ("Energy use", "MWh", 320, False),
    ("Gross margin", "%", 32, True),
    ("Lead time", "days", 10, False),
    ("Churn", "%", 3.5, False),
]
AGREEMENT_KINDS = [  # (id stem, title, open-ended share, months)
    ("msa", "Master services agreement", 0.7, (24, 48)),
    ("dpa", "Data processing agreement", 0.75, (24, 48)),
    ("sow", "Statement of work, {topic}", 0.0, (3, 14)),
    ("engagement", "Engagement letter, {topic}", 0.2, (4, 12)),
    ("nda", "Mutual non-disclosure agreement", 0.5, (12, 36)),
    ("retainer", "Advisory retainer", 0.3, (12, 24)),
]
AGREEMENT_LOCAL = {
    "de": [
        ("rahmenvertrag", "Rahmenvertrag (framework services agreement)"),
        ("avv", "Auftragsverarbeitungsvertrag (data processing agreement)"),
    ],
    "fr": [
        ("contrat", "Contrat de prestation de services"),
        ("dpa", "Accord de sous-traitance (DPA)"),
    ],
    "pt": [
        ("contrato", "Contrato de prestação de serviços"),
        ("dpa", "Acordo de tratamento de dados (LGPD)"),
    ],
    "bg": [("dogovor", "Договор за консултантски услуги")],
}
CONSENT_SOURCES = [
    "Signed onboarding form",
    "Web form {ym}",
    "Opt-in box at {event}",
    'Email from {c}: "yes, happy to be named"',
    "Clause 12.3 of {doc}",
    "Verbal, confirmed by email on {date}",
    "Newsletter sign-up page, double opt-in",
    "Tick box on the engagement letter",
    "Registration for {event}",
    "Onboarding call with {c}",
]

EXTRA_STAFF = [
    ("sophie-lambert", "Sophie Lambert", "emea-accounts", True),
    ("markus-brandt", "Markus Brandt", "emea-accounts", True),
    ("ivana-petrova", "Ivana Petrova", "emea-accounts", True),
    ("omar-haddad", "Omar Haddad", "emea-accounts", True),
    ("claire-dubois", "Claire Dubois", "emea-accounts", True),
    ("tom-ashworth", "Tom Ashworth", "emea-accounts", True),
    ("katarzyna-nowak", "Katarzyna Nowak", "emea-accounts", True),
    ("rafael-souza", "Rafael Souza", "americas-accounts", True),
    ("jenna-park", "Jenna Park", "americas-accounts", True),
    ("marcus-lee", "Marcus Lee", "americas-accounts", True),
    ("beatriz-almeida", "Beatriz Almeida", "americas-accounts", True),
    ("arjun-mehta", "Arjun Mehta", "apac-accounts", True),
    ("mei-chen", "Mei Chen", "apac-accounts", True),
    ("kenji-watanabe", "Kenji Watanabe", "apac-accounts", True),
    ("ananya-iyer", "Ananya Iyer", "apac-accounts", True),
    ("grace-obi", "Grace Obi", "data-protection", True),
    ("oliver-grant", "Oliver Grant", "emea-accounts", False),
    ("paula-reis", "Paula Reis", "americas-accounts", False),
    ("vikram-nair", "Vikram Nair", "apac-accounts", False),
]

# --------------------------------------------------------------------------
# The configuration the records are written against.
# --------------------------------------------------------------------------


def build_config_text(layout: str) -> str:
    import yaml

    text = (ROOT / "clientbook.yaml").read_text(encoding="utf-8")
    cfg = yaml.safe_load(text)
    teams = {t["id"] for t in cfg.get("teams", [])}
    have = {s["id"] for s in cfg.get("staff", [])}
    domain = "northwind.example"
    if cfg.get("staff"):
        domain = cfg["staff"][0]["email"].split("@")[1]
    extra = []
    for sid, name, team, active in EXTRA_STAFF:
        if team in teams and sid not in have:
            email = sid.replace("-", ".") + "@" + domain
            tail = "" if active else ", active: false"
            extra.append(f"  - {{id: {sid}, name: {name}, email: {email}, team: {team}{tail}}}")
    lines = text.split("\n")
    if extra and "staff:" in lines:
        i = lines.index("staff:") + 1
        while i < len(lines) and lines[i].startswith("  "):
            i += 1
        lines[i:i] = ["  # Joined with the 2024 expansion; the last three have left.", *extra]
    text = "\n".join(lines)
    if layout != "flat":
        if re.search(r"^layout:", text, re.M):
            text = re.sub(r"^layout:.*$", f"layout: {layout}", text, flags=re.M)
        else:
            text = text.rstrip("\n") + f"\n\nlayout: {layout}\n"
    check = yaml.safe_load(text)
    assert len(check["staff"]) >= len(cfg["staff"])
    return text


class Cfg:
    def __init__(self, text: str) -> None:
        import yaml

        c = yaml.safe_load(text)
        self.staff = {s["id"]: s for s in c["staff"]}
        self.active = [s["id"] for s in c["staff"] if s.get("active", True)]
        self.teams: list[str] = [str(t["id"]) for t in c["teams"]]
        self.dpo_team = c.get("data_protection_team")
        self.purposes = [p["id"] for p in c["consent_purposes"]]
        self.jur = c["jurisdictions"]
        self.policies = {p["id"]: p for p in c["retention_policies"]}
        self.intervals = c["review_intervals"]
        self.default_interval = c.get("default_review_interval")
        self.steps = [s["id"] for s in c["onboarding"]["steps"]]
        self.within = c["onboarding"].get("complete_within_days", 30)

    def team_for(self, region: str) -> str:
        for t in self.teams:
            if t.startswith(region):
                return t
        return next(t for t in self.teams if t != self.dpo_team)

    def members(self, team: str, active: bool = True) -> list[str]:
        return [
            s
            for s, v in self.staff.items()
            if v["team"] == team and v.get("active", True) == active
        ]

    def dpo(self) -> list[str]:
        return self.members(self.dpo_team) if self.dpo_team else []


# --------------------------------------------------------------------------
# One client.
# --------------------------------------------------------------------------

ORDERS = [
    [
        "id",
        "name",
        "kind",
        "status",
        "since",
        "ended",
        "status_history",
        "owner",
        "team",
        "industry",
        "tags",
        "jurisdiction",
        "website",
        "contacts",
        "communication",
        "address",
        "agreements",
        "consents",
        "interactions",
        "projects",
        "kpis",
        "feedback",
        "onboarding",
        "review",
        "retention",
        "merged_from",
        "anonymised",
        "notes",
    ],
    [
        "id",
        "name",
        "kind",
        "industry",
        "website",
        "tags",
        "owner",
        "team",
        "status",
        "since",
        "ended",
        "status_history",
        "jurisdiction",
        "address",
        "contacts",
        "communication",
        "consents",
        "agreements",
        "onboarding",
        "projects",
        "kpis",
        "feedback",
        "review",
        "retention",
        "merged_from",
        "anonymised",
        "notes",
        "interactions",
    ],
    [
        "name",
        "id",
        "kind",
        "status",
        "since",
        "ended",
        "owner",
        "team",
        "jurisdiction",
        "industry",
        "website",
        "tags",
        "notes",
        "contacts",
        "address",
        "communication",
        "agreements",
        "consents",
        "onboarding",
        "review",
        "retention",
        "status_history",
        "interactions",
        "projects",
        "kpis",
        "feedback",
        "merged_from",
        "anonymised",
    ],
]
CONTACT_ORDERS = [
    ["name", "role", "email", "phone", "primary", "preferred_channel"],
    ["name", "role", "primary", "email", "phone", "preferred_channel"],
    ["name", "email", "phone", "role", "preferred_channel", "primary"],
]
INTER_ORDERS = [
    ["date", "channel", "direction", "by", "summary", "follow_up", "done"],
    ["date", "by", "channel", "direction", "summary", "follow_up", "done"],
    ["date", "channel", "direction", "summary", "by", "follow_up", "done"],
    ["date", "channel", "by", "direction", "follow_up", "done", "summary"],
]
AGR_ORDERS = [
    ["id", "title", "signed", "start", "end", "scope", "document"],
    ["id", "title", "start", "end", "signed", "document", "scope"],
]
CONSENT_ORDERS = [
    ["purpose", "lawful_basis", "given", "withdrawn", "source"],
    ["purpose", "given", "lawful_basis", "source", "withdrawn"],
]
SECTION_COMMENTS = {
    "contacts": [
        "Contacts",
        "--- contacts ---",
        "Primary contact first, please",
        "Contacts confirmed at the last review",
        "People",
    ],
    "agreements": [
        "Agreements (signed copies under documents/)",
        "--- agreements ---",
        "Ask legal before changing anything here",
        "Contracts",
    ],
    "consents": [
        "Consents: check with the DPO before changing",
        "Lawful basis per purpose",
        "--- consents ---",
        "GDPR: one entry per purpose",
    ],
    "interactions": [
        "Interaction log, oldest first",
        "--- history ---",
        "Keep summaries short!",
        "Activity",
        "Interactions (newest at the bottom)",
    ],
    "retention": ["Retention per policy in clientbook.yaml", "How long we keep this"],
    "review": ["Data review", "Annual data review, see the DPO checklist"],
    "notes": ["Free text; confidential", "Notes"],
    "onboarding": ["Onboarding checklist", "--- onboarding ---"],
    "communication": ["How they want to hear from us", "Comms preferences"],
    "address": ["Registered office", "Postal address"],
    "projects": ["Projects", "Engagements"],
    "kpis": ["KPIs agreed in the MSA", "Measures"],
    "feedback": ["NPS survey results", "Feedback"],
}


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    m += 1
    import calendar

    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def wpick(rng: random.Random, pairs: Sequence[tuple[Any, float]]) -> Any:
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for v, w in pairs:
        x -= w
        if x <= 0:
            return v
    return pairs[-1][0]


def fill_pattern(rng: random.Random, pat: str) -> str:
    out = []
    for ch in pat:
        if ch == "#":
            out.append(rng.choice("0123456789"))
        elif ch == "A":
            out.append(rng.choice("ABDEFGHJLNPQRSTUWXYZ"))
        else:
            out.append(ch)
    return "".join(out)


class Person:
    __slots__ = ("female", "first", "lang", "last", "lat_first", "lat_last", "name")

    def __init__(
        self,
        name: str,
        first: str,
        last: str,
        lat_first: str,
        lat_last: str,
        female: bool,
        lang: str,
    ) -> None:
        self.name, self.first, self.last = name, first, last
        self.lat_first, self.lat_last = lat_first, lat_last
        self.female, self.lang = female, lang

    def short(self) -> str:
        """How colleagues refer to them in a summary."""
        if self.lang == "zh":
            return self.name.split(" (")[0] if "(" in self.name else self.name
        if self.lang == "ja":
            return self.last
        if self.lang in ("hi", "ar"):
            return self.first
        return self.first


def make_person(rng: random.Random, lang: str, country: str = "") -> Person:
    female = rng.random() < 0.5
    if lang == "en" and country in ("IN", "AE", "SA", "EG"):
        pm, pf, pl = (
            (HI_FIRST_M, HI_FIRST_F, HI_LAST)
            if country == "IN"
            else (AR_FIRST_M, AR_FIRST_F, AR_LAST)
        )
        (_, f), (_, ln) = rng.choice(pf if female else pm), rng.choice(pl)
        f = f.capitalize()
        ln = "-".join(w.capitalize() if w != "al" else "Al" for w in ln.split("-"))
        return Person(f"{f} {ln}", f, ln, f, ln, female, lang)
    if lang == "en":
        f = rng.choice(EN_FIRST_F if female else EN_FIRST_M)
        ln = rng.choice(EN_LAST)
        return Person(f"{f} {ln}", f, ln, f, ln, female, lang)
    if lang == "fr":
        f = rng.choice(FR_FIRST_F if female else FR_FIRST_M)
        ln = rng.choice(FR_LAST)
        return Person(f"{f} {ln}", f, ln, latin(f), latin(ln), female, lang)
    if lang == "de":
        f = rng.choice(DE_FIRST_F if female else DE_FIRST_M)
        ln = rng.choice(DE_LAST)
        return Person(f"{f} {ln}", f, ln, latin(f), latin(ln), female, lang)
    if lang in ("bg", "ru"):
        fm, ff, ll = (
            (BG_FIRST_M, BG_FIRST_F, BG_LAST) if lang == "bg" else (RU_FIRST_M, RU_FIRST_F, RU_LAST)
        )
        f = rng.choice(ff if female else fm)
        ln = rng.choice(ll) + ("а" if female else "")
        return Person(f"{f} {ln}", f, ln, latin(f), latin(ln), female, lang)
    if lang == "zh":
        (s, sl), (g, gl) = rng.choice(ZH_SUR), rng.choice(ZH_GIVEN)
        name = s + g
        if rng.random() < 0.25:
            en = rng.choice(ZH_EN)
            return Person(
                f"{en} {sl.capitalize()} ({name})", en, sl.capitalize(), en, sl, False, lang
            )
        return Person(name, g, s, gl, sl, False, lang)
    if lang == "ja":
        (s, sl), (g, gl) = rng.choice(JA_SUR), rng.choice(JA_GIVEN)
        return Person(f"{s} {g}", g, s, gl, sl, False, lang)
    if lang == "ar":
        (f, fl) = rng.choice(AR_FIRST_F if female else AR_FIRST_M)
        (ln, ll_) = rng.choice(AR_LAST)
        return Person(f"{f} {ln}", f, ln, fl, ll_, female, lang)
    if lang == "hi":
        (f, fl) = rng.choice(HI_FIRST_F if female else HI_FIRST_M)
        (ln, ll_) = rng.choice(HI_LAST)
        if rng.random() < 0.35:  # written in Latin letters
            return Person(
                f"{fl.capitalize()} {ll_.capitalize()}",
                fl.capitalize(),
                ll_.capitalize(),
                fl,
                ll_,
                female,
                "en",
            )
        return Person(f"{f} {ln}", f, ln, fl, ll_, female, lang)
    if lang == "pt":
        f = rng.choice(PT_FIRST_F if female else PT_FIRST_M)
        ln = rng.choice(PT_LAST)
        if rng.random() < 0.4:
            ln2 = rng.choice(PT_LAST)
            if ln2 != ln:
                return Person(f"{f} {ln2} {ln}", f, ln, latin(f), latin(ln), female, lang)
        return Person(f"{f} {ln}", f, ln, latin(f), latin(ln), female, lang)
    raise ValueError(lang)


def make_org(rng: random.Random, lang: str, country: str) -> tuple[str, str, str]:
    """(display name, the words that make it unique in Latin letters, industry)."""
    legal = wpick(rng, LEGAL.get(country, [("", 1)])) if country in LEGAL else ""
    if lang == "en":
        if country == "IN":
            a = rng.choice(IN_A)
        elif country == "AE":
            a = rng.choice(AE_A)
        else:
            a = rng.choice(EN_A)
        c, ind = rng.choice(EN_C)
        r = rng.random()
        if r < 0.45:
            core = f"{a} {rng.choice(EN_B)} {c}"
        elif r < 0.58:
            core = f"{rng.choice(EN_LAST)} {c}"
        elif r < 0.63:
            l1, l2 = rng.sample(EN_LAST, 2)
            core = f"{l1} & {l2}"
            ind = rng.choice(["Legal services", "Accounting", "Architecture", "Surveying"])
        elif r < 0.66:
            core = f"The {a} {c}"
        else:
            core = f"{a} {c}"
        return (f"{core} {legal}".strip(), core, ind)
    if lang == "fr":
        r = rng.random()
        pre, ind = rng.choice(FR_PRE)
        if r < 0.4:
            core = f"{pre} {rng.choice(FR_LAST)}"
        elif r < 0.7:
            core = f"{pre} {rng.choice(FR_PLACE)}"
        elif r < 0.82:
            core = f"{pre} {rng.choice(FR_LAST)} & Fils"
        else:
            l1, l2 = rng.sample(FR_LAST, 2)
            core = f"{l1} {l2} et Associés"
            ind = rng.choice(["Legal services", "Accounting", "Architecture"])
        return (f"{core} {legal}".strip(), core, ind)
    if lang == "de":
        r = rng.random()
        act, ind = rng.choice(DE_ACT)
        if r < 0.35:
            core = f"{rng.choice(DE_LAST)} {act}"
        elif r < 0.7:
            core = f"{rng.choice(DE_REGION)} {act}"
        elif r < 0.85:
            pre, ind = rng.choice(DE_PRE)
            core = f"{pre} {rng.choice(DE_LAST)}"
            legal = rng.choice(["", "", "e.K.", "GmbH"])
        elif r < 0.93:
            l1, l2 = rng.sample(DE_LAST, 2)
            core = f"{l1} & {l2}"
            ind = rng.choice(["Tax advisory", "Legal services", "Architecture", "Engineering"])
        else:
            core = f"{rng.choice(DE_LAST)} & Söhne"
            ind = rng.choice(["Metal fabrication", "Joinery", "Wholesale", "Construction"])
        return (f"{core} {legal}".strip(), core, ind)
    if lang in ("bg", "ru"):
        act, ind = rng.choice(BG_ACT)
        legal = wpick(rng, LEGAL["BG"])
        r = rng.random()
        if r < 0.6:
            core = f"{rng.choice(BG_PRE)} {act}"
        elif r < 0.8:
            core = f"{rng.choice(BG_LAST)} {act}"
        else:
            core = f"{rng.choice(BG_LAST)} и синове"
            ind = rng.choice(["Construction", "Wholesale", "Transport", "Furniture"])
        if lang == "ru":
            legal = rng.choice(["SIA", "GmbH", "ООО", ""])
        if legal and rng.random() < 0.35:
            name = f"„{core}“ {legal}" if lang == "bg" else f"{legal} «{core}»"
        else:
            name = f"{core} {legal}".strip()
        return (name, latin(core), ind)
    if lang == "zh":
        (cz, cl), (bz, bl), (iz, il, ind) = (
            rng.choice(ZH_CITY),
            rng.choice(ZH_BRAND),
            rng.choice(ZH_IND),
        )
        if rng.random() < 0.45:
            return (f"{cz}{bz}{iz}有限公司", f"{cl} {bl} {il}", ind)
        if rng.random() < 0.5:
            return (f"{bz}{iz}有限公司", f"{bl} {il}", ind)
        return (f"{bz}{iz}股份有限公司", f"{bl} {il} gufen", ind)
    if lang == "ja":
        (iz, il, ind) = rng.choice(JA_IND)
        if rng.random() < 0.6:
            bz, bl = rng.choice(JA_BRAND)
        else:
            bz, bl = rng.choice(JA_SUR)
        r = rng.random()
        if r < 0.5:
            return (f"株式会社{bz}{iz}", f"{bl} {il}", ind)
        if r < 0.85:
            return (f"{bz}{iz}株式会社", f"{bl} {il}", ind)
        return (f"有限会社{bz}{iz}", f"{bl} {il}", ind)
    if lang == "ar" and rng.random() < 0.6:  # many Gulf firms trade under an English name
        return make_org(rng, "en", "AE")
    if lang == "ar":
        (bz, bl), (az, al, ind) = rng.choice(AR_BRAND), rng.choice(AR_ACT)
        r = rng.random()
        if r < 0.55:
            return (f"شركة {bz} {az}", f"{bl} {al}", ind)
        if r < 0.8:
            return (f"مؤسسة {bz} {az}", f"{bl} {al} est", ind)
        return (f"{bz} {az} ذ.م.م", f"{bl} {al}", ind)
    if lang == "hi":
        (iz, il, ind) = rng.choice(HI_ACT)
        r = rng.random()
        if r < 0.65:
            bz, bl = rng.choice(HI_BRAND)
            legal_h = rng.choice(["प्राइवेट लिमिटेड", "प्रा. लि.", "एलएलपी", ""])
            return (f"{bz} {iz} {legal_h}".strip(), f"{bl} {il}", ind)
        sz, sl = rng.choice(HI_LAST)
        if r < 0.85:
            return (f"{sz} {iz}", f"{sl} {il}", ind)
        return (f"{sz} एंड संस", f"{sl} and sons", rng.choice(["Wholesale", "Trade", "Jewellery"]))
    if lang == "pt":
        r = rng.random()
        if r < 0.45:
            pre, ind = rng.choice(PT_PRE)
            core = f"{pre} {rng.choice(PT_PART)}"
        elif r < 0.8:
            suf, ind = rng.choice(PT_SUF)
            core = f"{rng.choice(PT_PART)} {suf}"
        else:
            l1, l2 = rng.sample(PT_LAST, 2)
            suf, ind = rng.choice(PT_SUF)
            core = f"{l1} & {l2} {suf}"
        return (f"{core} {legal}".strip(), core, ind)
    raise ValueError(lang)


def name_key(text: str) -> str:
    words = re.sub(r"[^a-z0-9 ]+", " ", latin(text).lower().replace("&", " ")).split()
    stop = {
        "the",
        "and",
        "et",
        "und",
        "e",
        "ltd",
        "limited",
        "llc",
        "inc",
        "gmbh",
        "co",
        "sarl",
        "sas",
        "sa",
        "dr",
        "mr",
        "mrs",
        "ms",
        "i",
        "sinove",
        "fils",
        "associes",
        "sohne",
        "soehne",
    }
    return " ".join(sorted(w for w in words if w not in stop))


class Universe:
    """What must be unique across the whole repository."""

    def __init__(self) -> None:
        self.ids: set[str] = set()
        self.names: set[str] = set()
        self.domains: set[str] = set()
        self.phones: set[str] = set()
        self.emails: set[str] = set()


def phone_for(rng: random.Random, country: str, u: Universe) -> str | None:
    opts = PHONES.get(country)
    if not opts:
        return None
    for _ in range(30):
        pre, n = rng.choice(opts)
        m = re.match(r"^(\+\d+)(?:\[([^\]]+)\])?$", pre)
        assert m
        head = m.group(1)
        if m.group(2):
            cls = m.group(2)
            chars = (
                "".join(chr(c) for c in range(ord(cls[0]), ord(cls[2]) + 1)) if "-" in cls else cls
            )
            head += rng.choice(chars)
        num = head + "".join(rng.choice("0123456789") for _ in range(n))
        if num not in u.phones:
            u.phones.add(num)
            return num
    return None


class Ctx:
    """Values for the placeholders of one client's texts."""

    def __init__(self, rng: random.Random, c: dict[str, Any]) -> None:
        self.rng = rng
        self.c = c

    def money(self) -> str:
        r = self.rng
        cur = self.c["currency"]
        amt = r.choice(
            [
                450,
                800,
                1200,
                1500,
                2400,
                3000,
                4800,
                5000,
                7500,
                9800,
                12500,
                15000,
                24000,
                48000,
                60000,
            ]
        )
        style = r.random()
        if cur == "EUR":
            if style < 0.4:
                return f"€{amt:,}.00"
            if style < 0.6:
                return f"{amt:,} €".replace(",", " ")
            if style < 0.8:
                return f"EUR {amt:,}"
            return f"€{amt // 1000}k" if amt >= 1000 else f"€{amt}"
        if cur == "GBP":
            return f"£{amt:,}" if style < 0.7 else f"£{amt // 1000}k" if amt >= 1000 else f"£{amt}"
        if cur == "USD":
            return f"${amt:,}" if style < 0.5 else f"${amt // 1000}k" if amt >= 1000 else f"${amt}"
        if cur == "BRL":
            return f"R$ {amt:,}".replace(",", ".") + ",00"
        if cur == "INR":
            lakh = amt * 90 / 100000
            return f"₹{lakh:.1f} lakh".replace(".0 ", " ") if style < 0.6 else f"INR {amt * 90:,}"
        if cur == "JPY":
            return f"¥{amt * 160:,}"
        if cur == "CNY":
            return f"CNY {amt * 7:,}" if style < 0.5 else f"¥{amt * 7:,}"
        if cur == "AED":
            return f"AED {amt * 4:,}"
        return f"{amt}"

    def fill(self, tpl: str, when: dt.date) -> str:
        r = self.rng
        c = self.c
        people = c["people"]
        p1 = r.choice(people)
        p2 = r.choice([p for p in people if p is not p1] or [p1])
        vals = {
            "c": p1.short(),
            "c2": p2.short() if p2 is not p1 else "their finance team",
            "money": self.money(),
            "pct": f"{r.choice([2, 3, 4, 5, 7, 8, 12, 15, 18, 22])}%",
            "pct2": f"{r.choice([90, 95, 97, 98])}%",
            "time": r.choice(
                ["9:00", "9:30", "10:00", "10:30", "11:15", "14:00", "15:30", "16:45", "17:00"]
            ),
            "date": (when + days(r.randint(3, 40))).strftime(
                r.choice(["%d %B", "%-d %B", "%Y-%m-%d"])
            ),
            "url": r.choice(
                [
                    f"https://{c['domain']}/portal/reports",
                    f"https://share.northwind.example/s/{r.getrandbits(40):010x}",
                    f"https://meet.northwind.example/{c['id']}?room={r.randint(100, 999)}",
                ]
            ),
            "email": r.choice(c["emails"]) if c["emails"] else f"info@{c['domain']}",
            "n": str(r.randint(1000, 99999)),
            "n2": str(r.randint(2, 12)),
            "n3": str(r.randint(10, 99)),
            "city": c["city"],
            "weekday": r.choice(WEEKDAYS),
            "q": str(r.randint(1, 4)),
            "topic": c["topic"] if r.random() < 0.6 else r.choice(TOPICS),
            "event": r.choice(EVENTS),
            "month": r.choice(MONTHS),
            "doc": c["docs"][0] if c["docs"] else "the MSA",
            "year": str(when.year + (1 if when.month > 9 else 0)),
            "pyear": str(r.randint(min(c["first"].year, when.year), when.year)),
            "staff_name": c["staff_name"],
            "staff_first": c["staff_name"].split()[0],
            "acct": f"accounts@{c['domain']}",
            "ym": when.strftime("%Y-%m"),
        }
        return tpl.format(**vals)


def text_value(rng: random.Random, st_quote_all: bool, text: str) -> Any:
    """A one-line text, plain where it can be, quoted when the writer quotes."""
    if st_quote_all or rng.random() < 0.05:
        return S(text, rng.choice(["double", "double", "single"]))
    return text


def build_client(
    i: int,
    rng: random.Random,
    cfg: Cfg,
    u: Universe,
    today: dt.date,
    docs_out: dict[str, str],
    status_hint: str | None = None,
) -> tuple[str, str, M, dict[str, Any]]:
    st = Style(rng)
    comments = wpick(rng, [(0, 0.3), (1, 0.45), (2, 0.25)])
    quote_all = rng.random() < 0.1
    blank_sections = rng.random() < 0.35
    blank_items = rng.random() < 0.15
    year_marks = rng.random() < 0.12

    country = wpick(rng, [(k, v[0]) for k, v in MARKETS.items()])
    _, jurs, region, langs = MARKETS[country]
    lang = wpick(rng, langs)
    jurisdiction = rng.choice([j for j in jurs if j in cfg.jur] or list(cfg.jur))
    team = cfg.team_for(region)
    kind = "individual" if rng.random() < 0.27 else "organization"
    if lang in ("zh", "ja", "ar") and rng.random() < 0.5:
        kind = "organization"

    # -- the name, unique once legal forms, case and accents are ignored
    for _attempt in range(60):
        if kind == "individual":
            person = make_person(rng, lang, country)
            display = person.name
            key_src = f"{person.lat_first} {person.lat_last}"
            industry = rng.choice(
                [
                    "Healthcare",
                    "Hospitality",
                    "Consulting",
                    "Retail",
                    "Legal services",
                    "Creative agency",
                    "Real estate",
                    "Agriculture",
                    "Private client",
                    "Education",
                ]
            )
        else:
            display, key_src, industry = make_org(rng, lang, country)
            person = None
        key = name_key(key_src)
        if key and key not in u.names:
            break
    u.names.add(key)
    title = ""
    if kind == "individual" and person and lang in ("en", "de", "fr") and rng.random() < 0.08:
        title = rng.choice(["Dr", "Dr.", "Prof."])
        display = f"{title} {display}"

    # -- the id: the file name, a slug of the name without its legal form
    umlaut_ue = rng.random() < 0.7
    base = slugify_name(
        key_src if lang in ("zh", "ja", "ar", "hi") else strip_legal(display, title), umlaut_ue
    )
    base = "-".join(base.split("-")[:6])[:60].strip("-") or f"client-{i}"
    cid = base
    n = 2
    while cid in u.ids or len(cid) < 3 or (len(cid) > 1 and cid[1] == "-"):
        cid = (
            f"{base}-{n}"
            if not (len(base) > 1 and base[1] == "-")
            else f"{base.replace('-', '', 1)}-{n}"
        )
        n += 1
    u.ids.add(cid)

    dom_base = cid
    if rng.random() < 0.3 and "-" in cid:
        dom_base = cid.replace("-", "", 1)
    domain = f"{dom_base}.example"
    if domain in u.domains:
        domain = f"{cid}.example"
    k = 2
    while domain in u.domains:
        domain = f"{cid}{k}.example"
        k += 1
    u.domains.add(domain)

    place = rng.choice(PLACES[country])
    city, region_name, pc_pat = place
    currency = {
        "GB": "GBP",
        "US": "USD",
        "BR": "BRL",
        "IN": "INR",
        "JP": "JPY",
        "CN": "CNY",
        "AE": "AED",
        "SA": "USD",
        "EG": "USD",
    }.get(country, "EUR")

    # -- the lifecycle
    status = status_hint or wpick(
        rng, [("active", 55), ("contact", 20), ("paused", 8), ("former", 17)]
    )
    hist: list[tuple[str, dt.date]] = []
    if status == "contact":
        first = today - days(int(rng.triangular(1, 420, 40)))
        hist = [("contact", first)]
        start = None
        end_rel = today
    else:
        span = int(rng.triangular(60, 12 * 365, 3 * 365))
        first = today - days(span)
        start = first + days(rng.randint(10, 120))
        hist = [("contact", first), ("active", start)]
        if status == "former":
            ended = today - days(rng.randint(20, 3 * 365))
            if ended <= start + days(60):
                start = ended - days(rng.randint(90, 900))
                first = start - days(rng.randint(10, 120))
                hist = [("contact", first), ("active", start)]
            if rng.random() < 0.15:
                pz = start + days((ended - start).days // 2)
                hist.append(("paused", pz))
            hist.append(("former", ended))
            end_rel = ended
        elif status == "paused":
            pz = today - days(rng.randint(10, 400))
            if pz <= start + days(30):
                start = pz - days(rng.randint(60, 700))
                first = start - days(rng.randint(10, 120))
                hist = [("contact", first), ("active", start)]
            hist.append(("paused", pz))
            end_rel = today
        else:
            if rng.random() < 0.08 and (today - start).days > 400:
                pz = start + days(rng.randint(100, (today - start).days - 200))
                resume = pz + days(rng.randint(30, 150))
                if resume < today - days(20):
                    hist += [("paused", pz), ("active", resume)]
            end_rel = today
    since = hist[-1][1]

    # -- owner and helpers
    members = cfg.members(team) or cfg.active
    owner = rng.choice(members)
    colleagues = [m for m in members if m != owner]
    leavers = cfg.members(team, active=False)
    dpos = cfg.dpo()

    # -- people
    if kind == "individual":
        ncontacts = 1 if rng.random() < 0.85 else 2
    else:
        ncontacts = wpick(rng, [(1, 30), (2, 30), (3, 22), (4, 11), (5, 7)])
    people: list[Person] = []
    if person:
        people.append(person)
    seen_names = {p.name for p in people}
    while len(people) < ncontacts:
        plang = lang if rng.random() < 0.85 else rng.choice(["en", lang])
        if plang == "hi" and lang == "hi" and rng.random() < 0.3:
            plang = "hi"
        q = make_person(rng, plang, country)
        if q.name not in seen_names:
            seen_names.add(q.name)
            people.append(q)

    emails: list[str] = []
    contacts_list: list[Any] = []
    corder = rng.choice(CONTACT_ORDERS)
    primary_idx = 0 if rng.random() < 0.8 or kind == "individual" else rng.randrange(len(people))
    mark_primary = rng.random() < 0.9
    for j, p in enumerate(people):
        fields: dict[str, Any] = {}
        cname = p.name
        if j == 0 and title:
            cname = display
        elif p.lang in ("en", "de", "fr") and rng.random() < 0.04:
            cname = f"{rng.choice(['Dr', 'Dr.'])} {p.name}"
        fields["name"] = text_value(rng, quote_all, cname)
        if kind == "individual" and j > 0:
            fields["role"] = text_value(
                rng,
                quote_all,
                rng.choice(
                    [
                        "Accountant",
                        "Personal assistant",
                        "Spouse",
                        "Lawyer",
                        "Business partner",
                        "Practice manager",
                        "Tax adviser (external)",
                    ]
                ),
            )
        elif kind == "individual":
            if rng.random() < 0.35:
                fields["role"] = text_value(
                    rng,
                    quote_all,
                    rng.choice(
                        [
                            "Owner",
                            "Founder",
                            "Self-employed",
                            "Private client",
                            "Chef and restaurant owner",
                            "Architect, sole practitioner",
                            "Consultant",
                        ]
                    ),
                )
        elif rng.random() < 0.85:
            rl = p.lang if p.lang in ROLES and rng.random() < 0.6 else "en"
            fields["role"] = text_value(rng, quote_all, rng.choice(ROLES[rl]))
        if rng.random() < 0.9:
            fl = slugify(p.lat_first).replace("-", "")
            ll = slugify(p.lat_last).replace("-", "")
            local = rng.choice(
                [f"{fl}.{ll}", f"{fl[0]}.{ll}", f"{fl}", f"{fl[0]}{ll}", f"{fl}.{ll}"]
            )
            em = f"{local}@{domain}"
            if em in u.emails:
                em = f"{fl}.{ll}{j + 1}@{domain}"
            if em not in u.emails:
                u.emails.add(em)
                emails.append(em)
                fields["email"] = em
        if rng.random() < 0.55:
            ph = phone_for(rng, country, u)
            if ph:
                fields["phone"] = S(ph, "double" if st.quote == "double" else "single")
        if mark_primary and j == primary_idx:
            fields["primary"] = True
        elif rng.random() < 0.05:
            fields["primary"] = False
        if rng.random() < 0.6:
            fields["preferred_channel"] = rng.choice(
                ["email", "email", "phone", "video", "meeting", "chat"]
            )
        cm = M()
        for key in corder:
            if key in fields:
                pre = None
                trail = None
                if comments and key == "phone" and rng.random() < 0.15 * comments:
                    trail = rng.choice(
                        ["switchboard", "mobile", "direct line", "WhatsApp too", "ask for ext. 214"]
                    )
                if comments == 2 and key == "email" and rng.random() < 0.06:
                    pre = [f"old address: {slugify(p.lat_first)}@old-{domain} (bounced)"]
                cm.add(key, fields[key], pre=pre, trail=trail)
        contacts_list.append(cm)

    c_info = {
        "currency": currency,
        "people": people,
        "domain": domain,
        "id": cid,
        "emails": emails,
        "city": city,
        "topic": rng.choice(TOPICS),
        "docs": [],
        "staff_name": cfg.staff[owner]["name"],
        "first": first,
    }
    ctx = Ctx(rng, c_info)

    # -- agreements and their documents
    agreements: list[M] = []
    agr_ends: list[dt.date | None] = []
    if start:
        nagr = wpick(rng, [(1, 40), (2, 35), (3, 15), (4, 7), (0, 3)])
        used_ids: set[str] = set()
        aorder = rng.choice(AGR_ORDERS)
        kinds = [AGREEMENT_KINDS[0]]
        if rng.random() < 0.7:
            kinds.append(AGREEMENT_KINDS[1])
        while len(kinds) < nagr:
            kinds.append(rng.choice(AGREEMENT_KINDS[2:]))
        kinds = kinds[: max(nagr, 0)]
        rel_end = end_rel if status == "former" else None
        for j, (stem, atitle, open_share, (m1, m2)) in enumerate(kinds):
            if lang in AGREEMENT_LOCAL and stem in ("msa", "dpa") and rng.random() < 0.5:
                loc = AGREEMENT_LOCAL[lang]
                stem, atitle = loc[0] if stem == "msa" or len(loc) == 1 else loc[1]
            if j < 2 or stem in ("msa", "dpa"):
                a_start = start
            else:
                lo = start + days(30)
                hi = (rel_end or today + days(60)) - days(30)
                a_start = lo + days(rng.randint(0, max(0, (hi - lo).days)))
            signed: dt.date | None = a_start - days(rng.randint(0, 14))
            if signed and signed > today:
                signed = None
            a_end: dt.date | None
            if rng.random() < open_share and status != "former":
                a_end = None
            else:
                a_end = add_months(a_start, rng.randint(m1, m2))
                if rel_end and (
                    a_end > rel_end
                    or stem in ("msa", "dpa", "rahmenvertrag", "avv", "contrat", "contrato")
                ):
                    a_end = rel_end
                if a_end < a_start:
                    a_end = a_start
            aid = f"{stem}-{a_start.year}"
            a_topic = c_info["topic"] if j == 2 or rng.random() < 0.3 else rng.choice(TOPICS)
            if stem in ("sow", "engagement"):
                aid = f"{stem}-{a_start.year}-{slugify(a_topic).split('-')[0]}"
            k2 = 2
            base_aid = aid
            while aid in used_ids:
                aid = f"{base_aid}-{k2}"
                k2 += 1
            used_ids.add(aid)
            c_info["docs"].append(aid)
            title_txt = atitle.format(topic=a_topic)
            am = M()
            fields = {"id": aid, "title": text_value(rng, quote_all, title_txt), "start": a_start}
            if signed and rng.random() < 0.9:
                fields["signed"] = signed
            if a_end:
                fields["end"] = a_end
            if rng.random() < 0.75:
                fields["scope"] = text_value(
                    rng, quote_all, scope_text(rng, ctx, stem, a_start, a_topic)
                )
            dr = rng.random()
            if dr < 0.6 and signed:
                ext = "pdf" if rng.random() < 0.35 else "txt"
                path = f"documents/{cid}/{aid}.{ext}"
                fields["document"] = path
                docs_out[path] = doc_text(display, title_txt, aid, signed, a_start, a_end, ext)
            elif dr < 0.85:
                fields["document"] = rng.choice(
                    [
                        f"https://contracts.northwind.example/{cid}/{aid}",
                        f"https://sign.northwind.example/envelopes/{rng.getrandbits(48):012x}",
                        f"https://dms.northwind.example/docs/{aid}.pdf",
                    ]
                )
            for key in aorder:
                if key in fields:
                    trail = None
                    if comments and key == "end" and rng.random() < 0.2 * comments:
                        trail = rng.choice(
                            [
                                "renewal notice 3 months before",
                                "auto-renews unless cancelled",
                                "early termination",
                                "extended by side letter",
                            ]
                        )
                    am.add(key, fields[key], trail=trail)
            agreements.append(am)
            agr_ends.append(a_end)

    # -- interactions, oldest first
    last_possible = end_rel if status == "former" else today
    if status == "contact":
        nint = rng.choice([0, 1, 1, 2, 2, 3, 3, 4, 5, 6])
    else:
        years = max(0.2, (last_possible - first).days / 365)
        mean = min(18.0, 2.8 + 3.6 * years) * (1.0 if status == "active" else 0.75)
        nint = int(rng.expovariate(1 / mean) + (2 if status == "active" else 1))
        if nint > 39:  # the long tail: a few clients with a long history
            nint = rng.randint(22, 39)
        if rng.random() < 0.04:
            nint = 0 if status != "active" else 2
    freq = None
    if status == "active":
        freq = wpick(
            rng,
            [
                ("weekly", 2),
                ("fortnightly", 6),
                ("monthly", 38),
                ("quarterly", 30),
                ("half-yearly", 6),
                ("annually", 3),
                (None, 15),
            ],
        )
    freq_days = {
        "weekly": 7,
        "fortnightly": 14,
        "monthly": 28,
        "quarterly": 88,
        "half-yearly": 178,
        "annually": 360,
        None: 88,
    }[freq]
    dates: list[dt.date] = []
    if nint:
        span_days = max(1, (last_possible - first).days)
        dates = sorted(first + days(rng.randint(0, span_days)) for _ in range(nint))
        dates[0] = first
        if status == "active":
            stale = rng.random() < 0.015
            last = today - days(
                rng.randint(freq_days + 5, freq_days + 60)
                if stale
                else rng.randint(0, max(1, freq_days - 5))
            )
            dates[-1] = max(last, dates[-1]) if not stale else last
            dates.sort()
            if dates[-1] > today:
                dates[-1] = today
        if status == "contact":
            dates = sorted(min(d, today) for d in dates)
    interactions: list[Any] = []
    iorder = rng.choice(INTER_ORDERS)
    chan_bias = rng.choice(["email", "video", "phone", "meeting"])
    last_year = None
    for j, d in enumerate(dates):
        if j == 0:
            tpl = rng.choice(SUM_FIRST)
            direction = "inbound" if rng.random() < 0.7 else "outbound"
        elif status == "contact":
            tpl = rng.choice(SUM_PROSPECT)
            direction = "outbound" if rng.random() < 0.7 else "inbound"
        elif start and d <= start + days(10) and rng.random() < 0.6:
            tpl = rng.choice(SUM_START if d >= start - days(20) else SUM_PROSPECT)
            direction = "outbound"
        elif status == "former" and j == len(dates) - 1:
            tpl = rng.choice(SUM_END)
            direction = rng.choice(["inbound", "outbound"])
        elif status == "paused" and j == len(dates) - 1:
            tpl = rng.choice(SUM_PAUSE)
            direction = "inbound"
        elif rng.random() < 0.06:
            tpl = rng.choice(SUM_LONG)
            direction = "outbound"
        elif lang in SUM_LOCAL and rng.random() < 0.15:
            tpl = rng.choice(SUM_LOCAL[lang])
            direction = rng.choice(["inbound", "outbound"])
        else:
            tpl = rng.choice(SUM_REGULAR)
            direction = "outbound" if rng.random() < 0.6 else "inbound"
        summary = ctx.fill(tpl, d)
        channel = rng.choice(["email", "phone", "video", "meeting", "chat", chan_bias, chan_bias])
        if "voicemail" in summary or "Phone call" in summary or "called" in summary:
            channel = "phone"
        elif "Webinar" in summary or "Met " in summary:
            channel = "event"
        elif "Letter received" in summary:
            channel, direction = "letter", "inbound"
        elif (
            "Workshop" in summary
            or "Site visit" in summary
            or "coffee" in summary
            or "Signing meeting" in summary
        ):
            channel = "meeting"
        elif "chat" in summary:
            channel = "chat"
        by = owner
        if (today - d).days > 900 and leavers and rng.random() < 0.4:
            by = rng.choice(leavers)
        elif colleagues and rng.random() < 0.15:
            by = rng.choice(colleagues)
        fields = {"date": d, "channel": channel, "direction": direction, "summary": summary}
        if rng.random() < 0.95:
            fields["by"] = by
        if rng.random() < 0.25:
            fu = d + days(rng.randint(3, 21))
            fields["follow_up"] = fu
            if fu < today + days(14):
                if fu >= today:
                    fu = today + days(rng.randint(14, 30))
                    fields["follow_up"] = fu
                elif rng.random() < 0.997:
                    fields["done"] = True
            if "done" not in fields and rng.random() < 0.2:
                fields["done"] = False
        im = M()
        for key in iorder:
            if key in fields:
                val = fields[key]
                if key == "summary":
                    val = summary_value(rng, st, quote_all, summary)
                trail = None
                if comments and key == "done" and val is True and rng.random() < 0.15:
                    trail = rng.choice(
                        [f"sent {ctx.fill('{time}', d)}", "done by phone", "see email"]
                    )
                im.add(key, val, trail=trail)
        pre = None
        if year_marks and d.year != last_year:
            pre = [f"--- {d.year} ---"] if rng.random() < 0.5 else [str(d.year)]
        last_year = d.year
        interactions.append(E(None, im, pre=pre, blank=blank_items and j > 0))
    # open tasks for some active clients
    if status == "active" and len(interactions) < 40 and rng.random() < 0.12:
        due = today + days(rng.randint(14, 45))
        made = today - days(rng.randint(0, 10))
        if not dates or made >= dates[-1]:
            tm = M()
            tm.add("date", made)
            tm.add("channel", "task")
            tm.add("direction", "outbound")
            tm.add("by", owner)
            tm.add("summary", text_value(rng, quote_all, ctx.fill(rng.choice(SUM_TASK), made)))
            tm.add("follow_up", due)
            interactions.append(E(None, tm, blank=blank_items))

    # -- consents and subscriptions
    requires = set(cfg.jur[jurisdiction].get("requires_basis", []))
    consents: list[M] = []
    current: set[str] = set()
    corder2 = rng.choice(CONSENT_ORDERS)
    basis_day = start or first
    plan: list[tuple[str, str]] = []
    if start and rng.random() < 0.9:
        plan.append(("service", "contract"))
    elif not start and rng.random() < 0.5:
        plan.append(("service", "legitimate-interests"))
    probs = (
        (("newsletter", 0.45), ("marketing", 0.3), ("case-studies", 0.08), ("analytics", 0.08))
        if start
        else (("newsletter", 0.35), ("marketing", 0.2), ("case-studies", 0.0), ("analytics", 0.02))
    )
    for purpose, prob in probs:
        if purpose in cfg.purposes and rng.random() < prob:
            basis = "consent"
            if purpose == "marketing" and jurisdiction in ("GB", "US-CA") and rng.random() < 0.3:
                basis = "legitimate-interests"
            plan.append((purpose, basis))
    if start and rng.random() < 0.05:
        plan.append(("service", "legal-obligation"))
    for purpose, basis in plan:
        if purpose not in cfg.purposes:
            continue
        given = basis_day + days(rng.randint(0, 20)) if purpose != "service" else basis_day
        if given > today:
            given = today
        fields = {"purpose": purpose, "lawful_basis": basis, "given": given}
        withdrawn = None
        if purpose != "service" and rng.random() < (0.35 if status == "former" else 0.1):
            lo = given + days(1)
            hi = min(today, (end_rel if status == "former" else today) + days(15))
            if hi > lo:
                withdrawn = lo + days(rng.randint(0, (hi - lo).days))
                fields["withdrawn"] = withdrawn
        if rng.random() < 0.8:
            src = ctx.fill(rng.choice(CONSENT_SOURCES), given)
            if (
                purpose == "service"
                and basis == "contract"
                and c_info["docs"]
                and rng.random() < 0.5
            ):
                src = f"{rng.choice(['Master services agreement', 'Agreement', 'Contract'])} {c_info['docs'][0]}"
            fields["source"] = text_value(rng, quote_all, src)
        cm = M()
        for key in corder2:
            if key in fields:
                trail = (
                    "by email" if key == "withdrawn" and comments and rng.random() < 0.3 else None
                )
                cm.add(key, fields[key], trail=trail)
        consents.append(cm)
    # a purpose is current while some consent for it has not been withdrawn
    for cm in consents:
        if cm.get("withdrawn") is None:
            current.add(cm.get("purpose"))
    subs = [p for p in ("newsletter", "marketing") if p in current and rng.random() < 0.85]
    if (
        jurisdiction in cfg.jur
        and "newsletter" not in requires
        and "newsletter" not in subs
        and "newsletter" in cfg.purposes
        and rng.random() < 0.15
    ):
        withdrawn_nl = any(cm.get("purpose") == "newsletter" for cm in consents)
        if not withdrawn_nl:
            subs.append("newsletter")  # US-CA: no consent needed for the newsletter

    # -- communication
    comm = None
    if rng.random() < 0.9:
        comm = M()
        corder_c = ["channel", "frequency", "language", "timezone", "subscriptions"]
        if rng.random() < 0.3:
            rng.shuffle(corder_c)
        for key in corder_c:
            if key == "channel" and rng.random() < 0.9:
                comm.add(
                    "channel",
                    rng.choice(["email", "email", "video", "phone", "meeting", "chat", "letter"]),
                )
            elif key == "frequency" and freq:
                trail = (
                    rng.choice(["agreed at kick-off", "they asked for less", "per the MSA"])
                    if comments and rng.random() < 0.2
                    else None
                )
                comm.add("frequency", freq, trail=trail)
            elif key == "language" and rng.random() < 0.85:
                lg = rng.choice(LANGS[country])
                if lang in ("zh", "ja", "ar", "hi", "ru") and rng.random() < 0.5:
                    lg = {"zh": "zh", "ja": "ja", "ar": "ar", "hi": "hi", "ru": "ru"}[lang]
                comm.add("language", lg)
            elif key == "timezone" and rng.random() < 0.8:
                comm.add("timezone", rng.choice(TZ[country]))
            elif key == "subscriptions" and subs:
                comm.add("subscriptions", Flow(subs) if rng.random() < 0.45 else list(subs))
        if not comm.items:
            comm = None
    elif subs:
        comm = M()
        comm.add("subscriptions", list(subs))

    # -- address
    address = None
    if rng.random() < (0.92 if kind == "organization" else 0.7):
        address = M()
        if rng.random() < (0.85 if kind == "organization" else 0.45):
            address.add("street", text_value(rng, quote_all, street_for(rng, country)))
        address.add("city", city)
        pc = fill_pattern(rng, pc_pat) if pc_pat else ""
        if pc and rng.random() < 0.9:
            trail = None
            if comments and pc[0] == "0" and rng.random() < 0.5:
                trail = "quoted: leading zero"
            if plain_ok(pc) and not quote_all and rng.random() < 0.85:
                address.add("postcode", pc, trail=trail)
            else:
                address.add("postcode", S(pc, st.quote), trail=trail)
        if region_name and rng.random() < 0.8:
            address.add("region", region_name)
        address.add("country", country)
        if rng.random() < 0.25:
            address.items.insert(0, address.items.pop())  # country first

    # -- onboarding
    onboarding: list[Any] = []
    if start and (status == "active" or rng.random() < 0.8):
        flow_steps = rng.random() < 0.2
        deadline = since + days(cfg.within - 2)
        recent = (today - since).days < cfg.within
        signed0 = agreements[0].get("signed") if agreements else None
        plan_days = {
            "identity-check": start - days(rng.randint(3, 25)),
            "agreement-signed": signed0 or start - days(rng.randint(0, 7)),
            "consents-recorded": start + days(rng.randint(0, 5)),
            "kickoff-meeting": start + days(rng.randint(1, 20)),
        }
        for j, step in enumerate(cfg.steps):
            m = M(flow=flow_steps)
            m.add("step", step)
            done_day = min(plan_days.get(step, start + days(rng.randint(-20, 10) + j * 2)), today)
            if done_day < first:
                done_day = first
            if status == "active" and hist[-1][0] == "active" and since == start:
                done_day = min(done_day, deadline)
            if not (recent and j >= 2 and rng.random() < 0.6):
                m.add("done", done_day)
            if not flow_steps and rng.random() < 0.06:
                m.add(
                    "note",
                    text_value(
                        rng,
                        quote_all,
                        rng.choice(
                            [
                                "Sanctions screening via the vendor portal, ref #A-"
                                + str(rng.randint(100, 999)),
                                "Done remotely over video",
                                "Signed copy under documents/",
                                "Waived: existing client of the group",
                                "Took two attempts: the first form was incomplete.",
                            ]
                        ),
                    ),
                )
            onboarding.append(m)
    elif status == "contact" and rng.random() < 0.15:
        m = M(flow=rng.random() < 0.5)
        m.add("step", cfg.steps[0])
        onboarding.append(m)

    # -- projects
    projects: list[M] = []
    if start and rng.random() < 0.36:
        for j in range(wpick(rng, [(1, 60), (2, 30), (3, 10)])):
            projects.append(project(rng, ctx, start, last_possible, today, status, j))

    # -- KPIs and feedback
    kpis: list[M] = []
    if start and rng.random() < 0.22:
        for name, unit, target, hib in rng.sample(KPI_DEFS, rng.randint(1, 4)):
            km = M()
            km.add("name", name)
            km.add("unit", S(unit, st.quote) if not plain_ok(unit) else unit)
            km.add("target", target)
            if rng.random() < 0.9:
                spread = target * rng.uniform(-0.12, 0.12)
                actual = round(target + spread, 1 if target < 100 else 0)
                if unit == "%":
                    actual = min(actual, 100)
                km.add("actual", int(actual) if float(actual).is_integer() else actual)
                km.add("as_of", min(last_possible, today) - days(rng.randint(0, 40)))
            if not hib or rng.random() < 0.15:
                km.add("higher_is_better", hib)
            kpis.append(km)
    feedback: list[M] = []
    if start and rng.random() < 0.3:
        fdates = sorted(
            {
                start + days(rng.randint(60, max(61, (last_possible - start).days)))
                for _ in range(rng.randint(1, 5))
            }
        )
        for fd in fdates:
            if fd > today:
                continue
            fm = M()
            fm.add("date", fd)
            fm.add(
                "score",
                wpick(
                    rng,
                    [
                        (10, 18),
                        (9, 25),
                        (8, 22),
                        (7, 14),
                        (6, 8),
                        (5, 5),
                        (4, 3),
                        (3, 2),
                        (2, 1),
                        (0, 1),
                    ],
                ),
            )
            if rng.random() < 0.6:
                fm.add(
                    "comment",
                    text_value(rng, quote_all, ctx.fill(rng.choice(FEEDBACK_COMMENTS), fd)),
                )
            feedback.append(fm)

    # -- review and retention
    review = None
    if rng.random() < 0.99 or (today - since).days < 120:
        review = M(flow=rng.random() < 0.1)
        interval = rng.choice(list(cfg.intervals)) if rng.random() < 0.85 else None
        months = {"P3M": 3, "P6M": 6, "P1Y": 12}.get(
            cfg.intervals.get(interval or cfg.default_interval, "P1Y"), 12
        )
        if rng.random() < 0.012:
            last_rev = add_months(today, -months) - days(rng.randint(5, 120))
        else:
            last_rev = today - days(rng.randint(0, max(1, months * 30 - 10)))
        if last_rev < first:
            last_rev = first
        review.add("last_reviewed", last_rev)
        if interval:
            trail = (
                "key account"
                if comments and interval == "quarterly" and rng.random() < 0.3
                else None
            )
            review.add("interval", interval, trail=None if review.flow else trail)
        if rng.random() < 0.85:
            review.add("by", rng.choice([owner, owner, *dpos]))
    retention = None
    default_policy = cfg.jur[jurisdiction].get("default_retention")
    if status == "former":
        r = rng.random()
        if r < 0.1:
            retention = M()
            hold = today + days(rng.randint(200, 1500))
            retention.add("retain_until", hold)
            retention.add(
                "reason",
                text_value(
                    rng,
                    quote_all,
                    rng.choice(
                        [
                            f"Legal hold: dispute over invoice INV-{rng.randint(1000, 9999)} (see ticket #{rng.randint(100, 999)})",
                            "Tax audit for the years covered; keep until the auditors sign off.",
                            "Client asked us to keep the records until their own audit is done.",
                            "Insurance claim still open: keep everything until it is settled",
                        ]
                    ),
                ),
            )
        elif r < 0.75:
            retention = M()
            pol = (
                default_policy
                if rng.random() < 0.8
                else rng.choice(
                    [p for p, v in cfg.policies.items() if v["runs_from"] == "relationship-end"]
                )
            )
            retention.add(
                "policy",
                pol,
                trail=f"default for {jurisdiction}"
                if comments and pol == default_policy and rng.random() < 0.3
                else None,
            )
    elif (
        status == "contact"
        and dates
        and (today - dates[-1]).days < 450
        and "prospect-2y" in cfg.policies
        and rng.random() < 0.5
    ):
        retention = M()
        retention.add("policy", "prospect-2y")
    elif status in ("active", "paused") and rng.random() < 0.55:
        retention = M()
        pol = default_policy
        if "agreement-10y" in cfg.policies and agr_ends and rng.random() < 0.08:
            pol = "agreement-10y"
        retention.add("policy", pol)

    # -- merged records and anonymisation (rare)
    merged = None
    if start and rng.random() < 0.012:
        old = (
            f"{cid}-old"
            if rng.random() < 0.5 or not slugify(city)
            else f"{cid.split('-')[0]}-{slugify(city)}"
        )
        if old not in u.ids and old != cid:
            u.ids.add(old)
            mm = M()
            mm.add("id", old)
            mm.add("date", min(today, since + days(rng.randint(1, 200))))
            mm.add("by", owner)
            merged = [mm]
    anonymised = None
    if status == "former" and kind == "organization" and rng.random() < 0.03:
        anonymised = M()
        anonymised.add("date", min(today, end_rel + days(rng.randint(30, 300))))
        anonymised.add("by", cfg.staff[rng.choice(dpos or [owner])]["name"])
        contacts_list = []
        for it in interactions:
            im = it.value
            for e in im.items:
                if e.key == "summary":
                    e.value = "Removed when the record was anonymised."
        if address:
            address = M([e for e in address.items if e.key in ("city", "country")])
        for cm in consents:
            for e in cm.items:
                if e.key == "source":
                    e.value = "Removed"

    # -- tags, website, notes
    tags: list[str] = []
    if rng.random() < 0.7:
        pool = TAGS_GENERAL + TAGS_LANG.get(lang, [])
        if status == "contact":
            pool = pool + ["prospect"] * 5
        for tg in rng.sample(pool, min(len(pool), rng.randint(1, 4))):
            if tg not in tags:
                tags.append(tg)
    website = None
    if kind == "organization" and rng.random() < 0.8:
        website = rng.choice(
            [
                f"https://{domain}",
                f"https://www.{domain}",
                f"https://{domain}/",
                f"https://www.{domain}/en/",
            ]
        )
    notes = None
    if rng.random() < 0.62 and not anonymised:
        notes = notes_value(rng, ctx, st, quote_all, today, status)

    # -- assemble in this writer's order
    order = list(rng.choice(ORDERS))
    if rng.random() < 0.3:
        for _ in range(rng.randint(1, 2)):
            a = rng.randrange(2, len(order) - 1)
            order[a], order[a + 1] = order[a + 1], order[a]
    values: dict[str, Any] = {
        "id": cid,
        "name": text_value(rng, quote_all, display),
        "kind": kind,
        "status": status,
        "since": since,
        "owner": owner,
        "team": team if rng.random() < 0.95 else None,
        "industry": industry,
        "jurisdiction": jurisdiction,
        "website": website,
    }
    if status == "former":
        values["ended"] = end_rel
    if rng.random() < 0.82 or status == "former":
        values["status_history"] = [
            M([E("status", s), E("date", d)], flow=rng.random() < 0.25) for s, d in hist
        ]
    if tags:
        values["tags"] = Flow(tags) if rng.random() < 0.45 else tags
    if contacts_list:
        values["contacts"] = contacts_list
    for key2, v2 in (
        ("communication", comm),
        ("address", address),
        ("review", review),
        ("retention", retention),
        ("anonymised", anonymised),
        ("notes", notes),
    ):
        if v2 is not None:
            values[key2] = v2
    for key2, v2 in (
        ("agreements", agreements),
        ("consents", consents),
        ("interactions", interactions),
        ("projects", projects),
        ("kpis", kpis),
        ("feedback", feedback),
        ("onboarding", onboarding),
    ):
        if v2:
            values[key2] = v2
    if merged:
        values["merged_from"] = merged
    if rng.random() < 0.03 and status != "former" and "industry" in values:
        del values["industry"]

    top = M()
    complex_keys = {
        "contacts",
        "communication",
        "address",
        "agreements",
        "consents",
        "interactions",
        "projects",
        "kpis",
        "feedback",
        "onboarding",
        "review",
        "retention",
        "notes",
        "status_history",
    }
    first_key = True
    for key in order:
        if key not in values or values[key] is None:
            continue
        v = values[key]
        pre = None
        trail = None
        if comments and key in SECTION_COMMENTS and rng.random() < 0.18 * comments:
            pre = [rng.choice(SECTION_COMMENTS[key])]
        if comments and key == "owner" and rng.random() < 0.06 * comments and colleagues:
            trail = rng.choice(
                [
                    f"took over from {rng.choice(colleagues)} in {today.year - 1}",
                    f"covering for {rng.choice(colleagues)}",
                ]
            )
        if comments and key == "website" and rng.random() < 0.05:
            trail = "new site since 2025"
        if comments and key == "since" and status == "active" and rng.random() < 0.05:
            trail = "MSA start"
        if comments == 2 and key == "status" and status == "paused" and rng.random() < 0.4:
            trail = "see the last interaction"
        blank = blank_sections and key in complex_keys and not first_key
        top.add(key, v, pre=pre, trail=trail, blank=blank)
        first_key = False

    lines: list[str] = []
    layout_prefix = "../"
    head = []
    if rng.random() < 0.975:
        head.append(f"# yaml-language-server: $schema={layout_prefix}__SCHEMA__")
    if comments and rng.random() < 0.25:
        head.append(
            "# "
            + rng.choice(
                [
                    f"Client record for {latin(display) if lang not in ('zh', 'ja', 'ar', 'hi') else cid}",
                    f"Maintained by {cfg.staff[owner]['name']}",
                    "Migrated from the old CRM on 2023-09-14",
                    "Please keep interactions in date order",
                    f"Owner: {cfg.staff[owner]['name']} ({team})",
                ]
            )
        )
    if rng.random() < 0.05:
        head.append("---")
    lines.extend(head)
    emit_mapping(top.items, 0, lines, st)
    text = "\n".join(lines) + "\n"
    stats = {
        "contacts": len(contacts_list),
        "interactions": len(interactions),
        "lang": lang,
        "status": status,
    }
    return cid, text, top, stats


def strip_legal(display: str, title: str) -> str:
    s = display
    if title and s.startswith(title + " "):
        s = s[len(title) + 1 :]
    s = s.replace("„", "").replace("“", "").replace("«", "").replace("»", "")
    forms = sorted(
        {f for v in LEGAL.values() for f, _ in v if f} | {"SIA", "ООО"}, key=len, reverse=True
    )
    for f in forms:
        if s.endswith(" " + f):
            s = s[: -len(f) - 1]
            break
        if s.startswith(f + " "):
            s = s[len(f) + 1 :]
            break
    return s


def slugify_name(text: str, umlaut_ue: bool) -> str:
    return slugify(latin(text, umlaut_ue))


def summary_value(rng: random.Random, st: Style, quote_all: bool, text: str) -> Any:
    if len(text) > 110 and rng.random() < 0.4:
        return S(text + ("\n" if rng.random() < 0.8 else ""), "folded")
    if len(text) > 150 and rng.random() < 0.1:
        return S(text + "\n", "literal")
    return text_value(rng, quote_all, text)


SCOPES = {
    "frame": [
        "Advisory services on {topic} and related matters, called off by statements of work.",
        "Support with the {topic}, up to 10 days a quarter; extra days at the agreed day rate.",
        "Monthly reporting and a quarterly review, fee {money} a year.",
        "General advisory work; rates as in schedule 1, reviewed every January.",
    ],
    "dpa": [
        "Processing of customer and staff contact data supplied for analysis, under article 28 terms.",
        "Processing of end-user contact data in our work for them; sub-processors listed in annex 2.",
        "Shipment, payroll and contact data we receive for the engagement. No special category data.",
    ],
    "project": [
        "Fixed-fee work on the {topic}: discovery, recommendations and a handover workshop.",
        "Scope: {topic} for the sites in {city} (phase 1 only).",
        "The {topic} from specification to sign-off, fee {money}.",
        "Time and materials, capped at {money}; weekly status by email.",
    ],
    "nda": [
        "Both sides keep each other's business information confidential for three years.",
        "Mutual confidentiality for the talks about the {topic}.",
    ],
}


def scope_text(rng: random.Random, ctx: Ctx, stem: str, when: dt.date, topic: str) -> Any:
    kind = {
        "dpa": "dpa",
        "avv": "dpa",
        "nda": "nda",
        "sow": "project",
        "engagement": "project",
    }.get(stem, "frame")
    return ctx.fill(rng.choice(SCOPES[kind]).replace("{topic}", topic), when)


def street_for(rng: random.Random, country: str) -> str:
    n = rng.randint(1, 240)
    if country in ("GB", "IE"):
        return rng.choice(
            [
                f"{n} {rng.choice(['Kings', 'Station', 'Mill', 'Church', 'Park', 'Victoria', 'Harbour'])} "
                f"{rng.choice(['Road', 'Street', 'Lane', 'Way', 'Place'])}",
                f"Unit {rng.randint(1, 30)}, {rng.choice(['Stourton Link', 'Riverside Park', 'Enterprise Way', 'The Maltings'])}",
                f"Suite {rng.randint(2, 9)}0{rng.randint(1, 9)}, {n} {rng.choice(['High Street', 'Queen Street', 'Broad Street'])}",
            ]
        )
    if country == "US":
        return rng.choice(
            [
                f"{n * 10} {rng.choice(['Harbor', 'Mission', 'Market', 'Oak', 'Sunset', 'El Camino'])} "
                f"{rng.choice(['Blvd', 'St', 'Ave', 'Real'])}, Suite {rng.randint(1, 9)}00",
                f"{n * 7} {rng.choice(['Vine', 'Pine', 'Ocean', 'Valley'])} {rng.choice(['Street', 'Drive', 'Road'])}",
            ]
        )
    if country in ("DE", "AT", "LU"):
        return rng.choice(
            [
                f"{rng.choice(['König', 'Haupt', 'Bahnhof', 'Linden', 'Schiller', 'Goethe', 'Mühlen'])}straße {n}",
                f"Am {rng.choice(['Elbtalhang', 'Mühlbach', 'Marktplatz', 'Hafen', 'Weinberg'])} {rng.randint(1, 40)}",
                f"{rng.choice(['Birken', 'Eichen', 'Ahorn', 'Wiesen'])}weg {rng.randint(1, 60)}{rng.choice(['', '', 'a', 'b'])}",
                f"Industriepark Süd, Halle {rng.randint(1, 12)}",
            ]
        )
    if country in ("FR", "BE"):
        return rng.choice(
            [
                f"{n} rue de la {rng.choice(['Fontaine', 'République', 'Paix', 'Gare', 'Forêt'])}",
                f"{rng.randint(1, 60)} bis, avenue {rng.choice(['Jean-Jaurès', 'Victor-Hugo', 'de la Libération'])}",
                f"ZA des {rng.choice(['Écrins', 'Chênes', 'Landes'])}, lot {rng.randint(1, 20)}",
                f"{n} boulevard {rng.choice(['Haussmann', 'Voltaire', 'Saint-Germain'])}",
            ]
        )
    if country == "BG":
        return rng.choice(
            [
                f"ул. „{rng.choice(['Граф Игнатиев', 'Шипка', 'Раковски', 'Оборище'])}“ {rng.randint(1, 120)}",
                f"бул. „{rng.choice(['Витоша', 'България', 'Черни връх'])}“ {n}",
                f"ж.к. Младост {rng.randint(1, 4)}, бл. {rng.randint(1, 400)}, вх. {rng.choice('АБВ')}",
            ]
        )
    if country == "LV":
        return f"{rng.choice(['Brīvības iela', 'Elizabetes iela', 'Krišjāņa Barona iela'])} {n}"
    if country == "NL":
        return (
            f"{rng.choice(['Keizersgracht', 'Herengracht', 'Stationsplein', 'Lange Voorhout'])} {n}"
        )
    if country == "BR":
        return rng.choice(
            [
                f"Rua {rng.choice(['Augusta', 'das Flores', 'XV de Novembro', 'Sete de Setembro'])}, {n * 5}",
                f"Av. {rng.choice(['Paulista', 'Brasil', 'Atlântica'])}, {n * 10}, {rng.randint(1, 20)}º andar",
                f"Rua {rng.choice(['Bahia', 'Goiás', 'Pará'])}, {n} - sala {rng.randint(1, 30)}",
            ]
        )
    if country == "IN":
        return rng.choice(
            [
                f"No. {rng.randint(1, 90)}, {rng.randint(1, 12)}th Cross, {rng.choice(['Indiranagar', 'Koramangala', 'Jayanagar'])}",
                f"Plot {rng.randint(1, 200)}, MIDC Industrial Area",
                f"B-{rng.randint(100, 900)}, Sector {rng.randint(1, 140)}",
            ]
        )
    if country == "CN":
        return rng.choice(
            [
                f"浦东新区世纪大道{n}号",
                f"南山区科技园南路{rng.randint(1, 99)}号",
                f"Room {rng.randint(2, 30)}0{rng.randint(1, 9)}, {n} Century Avenue, Pudong",
            ]
        )
    if country == "JP":
        return rng.choice(
            [
                f"千代田区丸の内{rng.randint(1, 3)}-{rng.randint(1, 9)}-{rng.randint(1, 20)}",
                f"中区錦{rng.randint(1, 3)}-{rng.randint(1, 25)}-{rng.randint(1, 30)}",
                f"{rng.randint(1, 3)}-{rng.randint(1, 9)}-{rng.randint(1, 20)} Marunouchi, Chiyoda-ku",
            ]
        )
    if country in ("AE", "SA", "EG"):
        return rng.choice(
            [
                f"Office {rng.randint(1, 40)}0{rng.randint(1, 9)}, {rng.choice(['Al Moosa Tower', 'Gulf Towers', 'Park Place'])}, Sheikh Zayed Road",
                f"مكتب {rng.randint(100, 999)}، برج الخليج",
                f"P.O. Box {rng.randint(1000, 99999)}",
            ]
        )
    return f"{n} Main Street"


def project(
    rng: random.Random, ctx: Ctx, start: dt.date, last: dt.date, today: dt.date, status: str, j: int
) -> M:
    topic = rng.choice(TOPICS)
    lo = start
    hi = max(lo, last - days(30))
    p_start = lo + days(rng.randint(0, (hi - lo).days))
    length = rng.randint(60, 400)
    p_end = p_start + days(length)
    if status == "former":
        pstatus = rng.choice(["completed", "completed", "cancelled"])
        if p_end > last:
            p_end = last
    elif p_end < today:
        pstatus = rng.choice(["completed"] * 6 + ["cancelled"])
    elif p_start > today:
        pstatus = "planned"
    else:
        pstatus = "active"
    if status == "contact":
        pstatus = "planned"
    if pstatus == "planned" and p_start <= today:
        p_start = today + days(rng.randint(10, 90))
        p_end = p_start + days(length)
    m = M()
    m.add("id", f"{slugify(topic).split('-')[0]}-{p_start.year}" + (f"-{j + 1}" if j else ""))
    m.add("name", topic[0].upper() + topic[1:])
    m.add("status", pstatus)
    m.add("start", p_start)
    if rng.random() < 0.9:
        m.add("end", max(p_end, p_start))
    ms: list[M] = []
    n = rng.randint(0, 4)
    step = max(1, (p_end - p_start).days // (n + 1))
    names = [
        "Discovery done",
        "Draft report",
        "Workshop",
        "Final report",
        "Go-live",
        "Handover",
        "Board sign-off",
    ]
    for k in range(n):
        due = p_start + days(step * (k + 1))
        mm = M()
        mm.add("name", names[k % len(names)])
        mm.add("due", due)
        if pstatus == "completed" or (pstatus == "active" and due < today - days(5)):
            done = min(today, due + days(rng.randint(-5, 5)))
            if done >= p_start:
                mm.add("done", done)
        ms.append(mm)
    if ms:
        m.add("milestones", ms)
    return m


def notes_value(
    rng: random.Random, ctx: Ctx, st: Style, quote_all: bool, today: dt.date, status: str
) -> Any:
    k = rng.randint(1, 6)
    picked = [ctx.fill(t, today) for t in rng.sample(NOTE_LINES, k)]
    if status == "former":
        picked.insert(0, "Former client, parted on good terms.")
    if k == 1 and rng.random() < 0.6:
        return text_value(rng, quote_all, picked[0])
    r = rng.random()
    if r < 0.55:
        bullets = rng.random() < 0.4
        body = "\n".join(("- " + p if bullets else p) for p in picked)
        return S(body + ("\n" if rng.random() < 0.85 else ""), "literal")
    if r < 0.85:
        return S(" ".join(picked) + "\n", "folded")
    return text_value(rng, quote_all, " ".join(picked))


def doc_text(
    client: str,
    title: str,
    aid: str,
    signed: dt.date,
    start: dt.date,
    end: dt.date | None,
    ext: str,
) -> str:
    body = (
        f"{title}\n\nBetween Northwind Advisory (sample data) and {client}.\n"
        f"Reference: {aid}\nSigned: {signed.isoformat()}\nStart: {start.isoformat()}\n"
        f"End: {end.isoformat() if end else 'open-ended'}\n\n"
        "This is a placeholder for the signed document. Every name in it is fictitious.\n"
    )
    if ext == "pdf":
        # A small valid PDF with the text as its only page.
        return pdf_bytes_text(body)
    return body


def pdf_bytes_text(body: str) -> str:
    lines = [
        ln.encode("latin-1", "replace")
        .decode("latin-1")
        .replace("\\", "\\\\")
        .replace("(", "\\(")
        .replace(")", "\\)")
        for ln in body.split("\n")
    ]
    stream = "BT /F1 10 Tf 50 780 Td 12 TL " + " ".join(f"({ln}) '" for ln in lines) + " ET"
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        "/Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(stream.encode('latin-1'))} >>\nstream\n{stream}\nendstream",
    ]
    out = "%PDF-1.4\n"
    offsets = []
    for k, o in enumerate(objs, 1):
        offsets.append(len(out.encode("latin-1")))
        out += f"{k} 0 obj\n{o}\nendobj\n"
    xref = len(out.encode("latin-1"))
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n" + "".join(
        f"{o:010d} 00000 n \n" for o in offsets
    )
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out


# --------------------------------------------------------------------------
# The repository.
# --------------------------------------------------------------------------


def safe_to_replace(out: Path) -> None:
    out = out.resolve()
    if out in (Path("/"), Path.home(), ROOT) or out in ROOT.parents or ROOT in out.parents:
        sys.exit(f"refusing to replace {out}: give a folder outside this checkout")
    looks_generated = (out / "clientbook.yaml").exists() or (out / "clients").exists()
    if out.exists() and any(out.iterdir()) and not looks_generated:
        sys.exit(f"refusing to replace {out}: not empty and not a records repository")


def write_repo(
    out: Path, count: int, seed: int, today: dt.date, layout: str, verify: bool, quiet: bool
) -> dict[str, Any]:
    t0 = time.perf_counter()
    safe_to_replace(out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    cfg_text = build_config_text(layout)
    (out / "clientbook.yaml").write_text(cfg_text, encoding="utf-8")
    shutil.copytree(ROOT / "schemas", out / "schemas")
    if (ROOT / "templates").is_dir():
        shutil.copytree(ROOT / "templates", out / "templates")
    init = ROOT / "templates" / "init"
    if (init / "gitignore").exists():
        shutil.copy(init / "gitignore", out / ".gitignore")
    else:
        (out / ".gitignore").write_text("/site/\n/forms/\n/.clientbook/\n")
    if (init / "pre-commit-config.yaml").exists():
        shutil.copy(init / "pre-commit-config.yaml", out / ".pre-commit-config.yaml")
    if (init / "workflow.yml").exists():
        (out / ".github" / "workflows").mkdir(parents=True)
        shutil.copy(init / "workflow.yml", out / ".github" / "workflows" / "clientbook.yml")

    cfg = Cfg(cfg_text)
    rng = random.Random(seed)
    u = Universe()
    docs: dict[str, str] = {}
    stats: list[dict[str, Any]] = []
    total_lines = 0
    clients_dir = out / "clients"
    clients_dir.mkdir()
    made_dirs: set[Path] = set()
    writes: list[tuple[Path, bytes]] = []
    loader = None
    if verify:
        loader = _verify_loader()
    for i in range(count):
        crng = random.Random(rng.getrandbits(64))
        cid, text, top, st = build_client(i, crng, cfg, u, today, docs)
        if layout == "prefix2":
            folder = clients_dir / cid[:2]
            schema = "../../schemas/client.schema.json"
        else:
            folder = clients_dir
            schema = "../schemas/client.schema.json"
        text = text.replace("../__SCHEMA__", schema, 1)
        if folder not in made_dirs:
            folder.mkdir(exist_ok=True)
            made_dirs.add(folder)
        writes.append((folder / f"{cid}.yaml", text.encode("utf-8")))
        total_lines += text.count("\n")
        stats.append(st)
        if loader is not None:
            import yaml

            got = yaml.load(text, Loader=loader)
            want = to_data(top)
            if got != want:
                diff = [k for k in set(got) | set(want) if got.get(k) != want.get(k)]
                sys.exit(f"verify: {cid}: read back differently in {diff}")
    (out / "documents").mkdir()
    for path, body in docs.items():
        p = out / path
        if p.parent not in made_dirs:
            p.parent.mkdir()
            made_dirs.add(p.parent)
        writes.append((p, body.encode("latin-1" if path.endswith(".pdf") else "utf-8")))
    # Creating files is bound by the file system's latency, not by the CPU: a few threads overlap it.
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in pool.map(_write, writes, chunksize=64):
            pass
    t_files = time.perf_counter() - t0
    git_commit(out, count, today)
    t_all = time.perf_counter() - t0
    summary = summarise(stats, total_lines, len(docs))
    summary["seconds_files"] = round(t_files, 2)
    summary["seconds_total"] = round(t_all, 2)
    if not quiet:
        print(format_summary(out, summary), file=sys.stderr)
    return summary


def _write(item: tuple[Path, bytes]) -> None:
    item[0].write_bytes(item[1])


def _verify_loader() -> Any:
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class L(base):  # type: ignore[misc, valid-type]
        pass

    L.yaml_implicit_resolvers = {
        k: [(tag, r) for tag, r in v if tag != "tag:yaml.org,2002:timestamp"]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return L


def git_commit(out: Path, count: int, today: dt.date) -> None:
    stamp = f"{today.isoformat()}T09:00:00+00:00"
    env = dict(os.environ)
    env.update(
        {
            "GIT_AUTHOR_NAME": "Amara Okafor",
            "GIT_AUTHOR_EMAIL": "amara.okafor@northwind.example",
            "GIT_COMMITTER_NAME": "Amara Okafor",
            "GIT_COMMITTER_EMAIL": "amara.okafor@northwind.example",
            "GIT_AUTHOR_DATE": stamp,
            "GIT_COMMITTER_DATE": stamp,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull,
        }
    )
    base = [
        "git",
        "-c",
        "init.defaultBranch=main",
        "-c",
        "commit.gpgsign=false",
        "-c",
        "core.autocrlf=false",
        "-c",
        f"core.hooksPath={os.devnull}",
        "-c",
        "gc.auto=0",
        "-C",
        str(out),
    ]
    subprocess.run([*base, "init", "-q"], check=True, env=env)
    subprocess.run([*base, "add", "-A"], check=True, env=env)
    subprocess.run(
        [*base, "commit", "-q", "-m", f"Import {count} client records"], check=True, env=env
    )
    # Pack the objects now, so that no later git command starts an automatic gc in the background
    # (and slows whatever is being measured).
    subprocess.run([*base, "repack", "-a", "-d", "-q"], check=True, env=env)
    subprocess.run([*base, "prune-packed", "-q"], check=True, env=env)


def summarise(stats: list[dict[str, Any]], total_lines: int, ndocs: int) -> dict[str, Any]:
    from collections import Counter

    n = len(stats)
    inter = [s["interactions"] for s in stats]
    cont = Counter(s["contacts"] for s in stats)
    buckets: Counter[str] = Counter()
    for x in inter:
        b = (
            "0"
            if x == 0
            else "1-3"
            if x <= 3
            else "4-9"
            if x <= 9
            else "10-19"
            if x <= 19
            else "20-29"
            if x <= 29
            else "30-40"
        )
        buckets[b] += 1
    return {
        "files": n,
        "lines": total_lines,
        "avg_lines": round(total_lines / max(1, n), 1),
        "contacts": dict(sorted(cont.items())),
        "interactions_mean": round(sum(inter) / max(1, n), 2),
        "interactions_max": max(inter) if inter else 0,
        "interactions_buckets": {
            k: buckets[k] for k in ("0", "1-3", "4-9", "10-19", "20-29", "30-40")
        },
        "languages": dict(Counter(s["lang"] for s in stats).most_common()),
        "status": dict(Counter(s["status"] for s in stats).most_common()),
        "documents": ndocs,
    }


def format_summary(out: Path, s: dict[str, Any]) -> str:
    return (
        f"{out}: {s['files']} clients, {s['lines']} lines ({s['avg_lines']} a file), {s['documents']} documents, "
        f"{s['seconds_files']} s to write, {s['seconds_total']} s with git\n"
        f"  contacts {s['contacts']}\n"
        f"  interactions mean {s['interactions_mean']}, max {s['interactions_max']}, {s['interactions_buckets']}\n"
        f"  languages {s['languages']}\n  status {s['status']}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=dt.date(2026, 12, 1),
        help="the day the records are written as of (default 2026-12-01)",
    )
    ap.add_argument("--layout", choices=["prefix2", "flat"], default="prefix2")
    ap.add_argument(
        "--verify", action="store_true", help="read every file back with PyYAML and compare"
    )
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args(argv)
    write_repo(a.out, a.count, a.seed, a.today, a.layout, a.verify, a.quiet)
    return 0


if __name__ == "__main__":
    sys.exit(main())
