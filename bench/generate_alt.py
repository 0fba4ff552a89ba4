#!/usr/bin/env python3
"""A second, independently written generator of synthetic clientbook repositories.

    python bench/generate_alt.py --count 10000 --seed 1 --out bench/out/alt-10000 \
        [--today 2026-11-23] [--history COMMITS] [--layout flat|prefix2|by-team] [--jobs N]

Same command line and output layout as bench/generate.py (OUT/clientbook.yaml and
OUT/schemas/ copied from this repository, OUT/clients/<id>.yaml, and OUT/documents/<id>/…
for every agreement document a record names), but records of another shape, so that a
speed-up tuned to one generator shows up when it does not carry over:

- names of clients and contacts in eleven languages and seven scripts: German, French,
  Polish, Vietnamese and Brazilian Portuguese (Latin with diacritics), Bulgarian (Cyrillic),
  Greek, Japanese, Chinese, Arabic and Hindi (Devanagari), with ids romanised by anyascii;
- 1–5 contacts, 0–40 interactions whose summaries are often several lines long, written
  as literal (`|`, `|-`) or folded (`>`, `>-`) block scalars;
- YAML comments in many places (a file's head, before sections and list items, at the end
  of lines, some in the record's own language), plain, single- and double-quoted scalars
  chosen per record, tags and subscriptions sometimes as flow sequences, 2- or 4-space
  indentation, sequences indented under their key or not, contact fields in varying order;
- agreements referencing documents under documents/ (written too) or https addresses,
  consents with withdrawals and consents given again, optional sections left out.

Every record is valid against schemas/client.schema.json and consistent with
clientbook.yaml, so `clientbook lint` reports no errors (warnings, such as names alike or a
client not contacted as often as agreed, are expected). Output depends only on
(count, seed, today, layout), whatever --jobs, and the first N clients of a larger run are
those of --count N.

The first 10,000 clients are written as they always were (about 260 pairs of them have
names the duplicate check finds alike: reordered partners, one syllable apart). Later ones
take their names from larger word lists (LATE: more family, given and place names, forms
such as patronymics and double family names) under a test stricter than the duplicate
check's (_Taken), so they add next to no suspected pairs: 8 at 100,000 clients. Their
contacts mostly share one phone number per client, from the reserved ranges _phone_pools
leaves out, so the numbers last (~140,000 in all); none is ever handed out twice.

--layout prefix2 writes OUT/clients/<first two characters of the id>/<id>.yaml, --layout
by-team OUT/clients/<team, or no-team>/<id>.yaml; either sets `layout:` in
OUT/clientbook.yaml and writes the modeline for the file's depth. --jobs N (default: one
per CPU) makes the records in N forked processes, while this one decides the names in
client order, hands out the phone numbers and writes the files: 100,000 clients take about
two minutes on 2 cores.

--history COMMITS also makes OUT a git repository (git fast-import) whose history ends in
exactly the files written: a first commit imports the clients as they stood four years
before --today, then COMMITS - 1 commits follow over those four years, each bringing one
to a handful of records forward to a later state (new clients, interactions logged,
consents withdrawn, status changes, reviews), by nine fixed authors in several time zones.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from random import Random
from typing import Any

import yaml
from anyascii import anyascii

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TODAY = "2026-11-23"
MODELINE = "# yaml-language-server: $schema=../schemas/client.schema.json"
HISTORY_YEARS = 4

Path_ = tuple[Any, ...]
Data = dict[str, Any]

# --- languages --------------------------------------------------------------------------
# Each: name parts (A, B, C), organisation templates ({L} a legal form, left out of the id),
# contact names (given names by gender, family names as "masculine/feminine" when they
# differ), name order, roles, a few sentences in the language, and where clients sit:
# (country, city, region, timezone, jurisdiction, weight).


def _w(text: str) -> list[str]:
    return text.split("|") if "|" in text else text.split()


LANGS: dict[str, dict[str, Any]] = {
    "de": {
        "weight": 13,
        "tag": "de",
        "A": _w(
            "Müller Schäfer Köhler Weiß Groß Jäger Böhm Krämer Schröder Wölfle Strauß Brückner "
            "Häberle Lüdtke Nößler Pfänder Rößler Sänger Vögele Zöllner Bäumer Dörfler Fürst "
            "Gärtner Hölzl Künzel Löffler Mößner Thürmer Übelhör"
        ),
        "B": _w(
            "Feinmechanik Präzisionsoptik Brückenbau Getränkehandel Möbelwerkstätten Straßenbau "
            "Kältetechnik Gerüstbau Bürotechnik Druckluftsysteme Glasbläserei Holzbau Käserei "
            "Lüftungstechnik Mühlenwerke Prüftechnik Schließsysteme Spedition Stahlgießerei "
            "Textilveredelung Uhrmacherei Wärmepumpen Zahntechnik Ölmühle Backwaren"
        ),
        "C": _w("Leipzig Görlitz Lübeck Würzburg Fürth Düren Tübingen Nürnberg Gießen Jülich"),
        "org": ["{A} {B} {L}", "{B} {A} {L}", "{A} & {A2} {B} {L}", "{A} {B} {C} {L}"],
        "legal": ["GmbH", "GmbH", "AG", "GmbH & Co. KG", "e.K."],
        "given_f": _w("Käthe Gisela Dörte Ulrike Renée Anneliese Friederike Bärbel Jördis Sünje"),
        "given_m": _w("Jürgen Björn Sören Uwe Günther Jörg Maximilian Lutz Götz Thorbjörn"),
        "family": _w(
            "Müller Schäfer Köhler Weiß Groß Jäger Böhm Krämer Schröder Strauß Brückner Lüdtke"
        ),
        "family_first": False,
        "roles": _w(
            "Geschäftsführerin|Leiter Einkauf|Prokuristin|Head of Finance|Buchhaltung|"
            "Technischer Leiter|Assistenz der Geschäftsleitung"
        ),
        "sentences": [
            "Rückruf vereinbart, Unterlagen folgen per Post.",
            "Frau {p} bittet um eine Übersicht der offenen Posten.",
            "Termin für die Jahresplanung im Frühjahr bestätigt.",
        ],
        "places": [
            ("DE", "Berlin", "Berlin", "Europe/Berlin", "EU", 3),
            ("DE", "München", "Bayern", "Europe/Berlin", "EU", 3),
            ("DE", "Köln", "Nordrhein-Westfalen", "Europe/Berlin", "EU", 2),
            ("AT", "Wien", "Wien", "Europe/Vienna", "EU", 1),
        ],
    },
    "fr": {
        "weight": 11,
        "tag": "fr",
        "A": _w(
            "Lefèvre Bérard Chênevert Dufresne Gaillard Hébert Lacroix Lemaître Mercier Pélissier "
            "Rivière Séguin Thibaut Vézina Archambault Bélanger Côté Déziel Fréchette Gagné "
            "Héroux Joubert Lévêque Marchand Noël Ouellet Prévost Roché Sauvé Théberge"
        ),
        "B": _w(
            "Ateliers Boulangerie Charpenterie Distillerie Éditions Fonderie Imprimerie "
            "Laboratoires Maroquinerie Menuiserie Orfèvrerie Papeterie Pâtisserie Quincaillerie "
            "Serrurerie Tonnellerie Verrerie Vignobles Brasserie Chocolaterie"
        ),
        "C": _w("Évreux Nîmes Besançon Orléans Angoulême Sète Château-Thierry Pézenas Agen Gap"),
        "org": ["{B} {A} {L}", "{B} {A} et Fils", "{A} & {A2} {L}", "{B} de {C} {L}"],
        "legal": ["SAS", "SARL", "SA", "EURL"],
        "given_f": _w("Amélie Céline Élise Gaëlle Hélène Léa Maëlle Noémie Zoé Anaïs"),
        "given_m": _w("Benoît Cédric Émile Jérôme Raphaël Stéphane Loïc Anatole Honoré Joël"),
        "family": _w("Lefèvre Bérard Dufresne Gaillard Hébert Lacroix Lemaître Pélissier Séguin"),
        "family_first": False,
        "roles": _w(
            "Directrice financière|Responsable des achats|Gérant|Chargée de clientèle|"
            "Directeur général|Comptable"
        ),
        "sentences": [
            "Échange cordial ; le devis révisé est attendu la semaine prochaine.",
            "{p} souhaite recevoir les factures en un seul envoi trimestriel.",
            "Réunion reportée à la demande du client, sans incidence sur le calendrier.",
            # French typography puts a space before : ! ? — prose that looks like YAML
            "Rappel : envoyer le contrat signé à {p} avant vendredi !",
            "Pourquoi ce retard ? Le service juridique relit encore le contrat.",
        ],
        "places": [
            ("FR", "Paris", "Île-de-France", "Europe/Paris", "EU", 3),
            ("FR", "Lyon", "Auvergne-Rhône-Alpes", "Europe/Paris", "EU", 2),
            ("BE", "Liège", "Wallonie", "Europe/Brussels", "EU", 1),
        ],
    },
    "pl": {
        "weight": 10,
        "tag": "pl",
        "A": _w(
            "Łukasik Wróbel Żuraw Krzyżan Ślusarczyk Gałązka Jędrzejczak Kołodziej Mączka Pięta "
            "Rzążewicz Sójka Świątek Wąsik Zając Dąbrowa Błaszczyk Chmiel Grabarz Stępień Kędzior "
            "Żółtek Ćwik Łazarz Ślęzak"
        ),
        "B": _w(
            "Zakłady|Przetwórstwo|Hurtownia|Drukarnia|Piekarnia|Stolarnia|Tłocznia|Odlewnia|"
            "Wytwórnia|Przędzalnia|Browar|Cukiernia|Garbarnia|Kuźnia|Młyn|Przedsiębiorstwo"
        ),
        "C": _w(
            "Łódź Gdańsk Wrocław Kraków Poznań Toruń Białystok Rzeszów Częstochowa Zielona Góra"
        ),
        "org": ["{B} {A} {L}", "{A} i Wspólnicy {L}", "{B} {A} {C} {L}", "{A}-{A2} {L}"],
        "legal": ["sp. z o.o.", "S.A.", "sp.k.", "sp. z o.o."],
        "given_f": _w("Łucja Małgorzata Grażyna Bożena Jadwiga Agnieszka Zofia Żaneta Jolanta"),
        "given_m": _w("Paweł Michał Wojciech Bartłomiej Jarosław Zbigniew Łukasz Przemysław"),
        "family": _w(
            "Wróblewski/Wróblewska Żurawski/Żurawska Krzyżanowski/Krzyżanowska "
            "Mączyński/Mączyńska Dąbrowski/Dąbrowska Świątek Kołodziej Ślusarczyk Gałązka "
            "Chmielewski/Chmielewska Stępień Jędrzejczak"
        ),
        "family_first": False,
        "roles": _w(
            "Prezes zarządu|Kierownik zakupów|Główna księgowa|Dyrektor operacyjny|Asystentka"
        ),
        "sentences": [
            "Klient prosi o przesłanie umowy w wersji dwujęzycznej.",
            "Ustalono termin spotkania w siedzibie firmy w przyszłym miesiącu.",
            "{p} potwierdził(a) odbiór faktury korygującej.",
        ],
        "places": [
            ("PL", "Warszawa", "mazowieckie", "Europe/Warsaw", "EU", 3),
            ("PL", "Kraków", "małopolskie", "Europe/Warsaw", "EU", 2),
            ("PL", "Gdańsk", "pomorskie", "Europe/Warsaw", "EU", 1),
        ],
    },
    "vi": {
        "weight": 8,
        "tag": "vi",
        "A": _w(
            "Hoàng Phát|Minh Đức|Thành Công|Phúc Lộc|Đại Việt|Hưng Thịnh|Bảo Ngọc|Tân Phú|"
            "An Khang|Việt Tiến|Quang Huy|Thiên Long|Hồng Hà|Sơn Trà|Trường Sơn|Kim Ngân|Ánh Dương"
        ),
        "B": _w(
            "Thương mại|Xây dựng|Dịch vụ|Công nghệ|Thực phẩm|Vận tải|Dệt may|Nội thất|Du lịch|"
            "Xuất nhập khẩu|Điện tử|Dược phẩm"
        ),
        "C": _w("Sài Gòn|Hà Nội|Đà Nẵng|Huế|Cần Thơ|Hải Phòng"),
        "org": ["Công ty TNHH {B} {A}", "Công ty Cổ phần {A} {C}", "{A} {B} {L}", "Tiệm {B} {A}"],
        "legal": ["LLC", "Inc."],
        "given_f": _w("Hạnh Hương Lan Mai Phương Thảo Vy Yến Ngọc Diễm"),
        "given_m": _w("Bình Dũng Hiếu Khánh Long Nam Quân Tuấn Đức Cường"),
        "family": _w("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý"),
        "middle": {"f": _w("Thị Ngọc Thu Thanh Minh"), "m": _w("Văn Minh Quốc Đức Thanh")},
        "family_first": True,
        "roles": _w("Giám đốc|Kế toán trưởng|Trưởng phòng kinh doanh|Owner|Office manager"),
        "sentences": [
            "Khách hàng đề nghị gửi báo giá bằng tiếng Việt.",
            "Anh/chị {p} xác nhận lịch họp vào tuần sau.",
            "Đã gửi hợp đồng bản sửa đổi qua email.",
        ],
        "places": [
            ("US", "San José", "California", "America/Los_Angeles", "US-CA", 3),
            ("US", "Westminster", "California", "America/Los_Angeles", "US-CA", 2),
            ("FR", "Paris", "Île-de-France", "Europe/Paris", "EU", 1),
        ],
    },
    "pt": {
        "weight": 7,
        "tag": "pt-BR",
        "A": _w(
            "Conceição Gonçalves Araújo Magalhães Brandão Falcão Guimarães Assunção Simões "
            "Lourenço Estêvão Peçanha Damião Sebastião Bragança Loureiro Quintão Tavares"
        ),
        "B": _w(
            "Comércio Construções Distribuidora Alimentos Têxtil Logística Tecnologia "
            "Agropecuária Metalúrgica Cerâmica Importação Serviços"
        ),
        "C": _w("Jorge João Paulo Bento Lucas Caetano José Vicente"),
        "org": ["{B} {A} {L}", "{A} & {A2} {B} {L}", "{B} São {C} {L}"],
        "legal": ["Ltda.", "S.A.", "Ltda.", "EIRELI"],
        "given_f": _w("Luíza Márcia Patrícia Letícia Débora Cecília Inês Conceição Fabíola"),
        "given_m": _w("João José Antônio Sérgio Fábio Vinícius Maurício Otávio Caetano"),
        "family": _w("Gonçalves Araújo Magalhães Brandão Falcão Guimarães Simões Lourenço Tavares"),
        "family_first": False,
        "roles": _w("Diretora financeira|Gerente de compras|Sócio-gerente|Analista fiscal"),
        "sentences": [
            "Cliente pediu a nota fiscal com o endereço atualizado.",
            "{p} confirmou a reunião de acompanhamento para o próximo mês.",
            "Enviamos a proposta revisada; aguardando aprovação da diretoria.",
        ],
        "places": [
            ("BR", "São Paulo", "São Paulo", "America/Sao_Paulo", "BR", 3),
            ("BR", "Curitiba", "Paraná", "America/Sao_Paulo", "BR", 1),
            ("BR", "Belém", "Pará", "America/Belem", "BR", 1),
        ],
    },
    "bg": {
        "weight": 8,
        "tag": "bg",
        "A": _w(
            "Тракия Балкан Родопи Искър Марица Витоша Пирин Странджа Черноморец Дунав Средец "
            "Янтра Осогово Струма Камчия Мусала Рила Огоста"
        ),
        "B": _w(
            "Логистик Трейд Строй Агро Текстил Инженеринг Фарма Консулт Транс Мебел Вино Пласт "
            "Софтуер Енерджи Металик"
        ),
        "C": _w("София Пловдив Варна Бургас Русе Плевен"),
        "org": ["{A} {B} {L}", "„{A}-{B}“ {L}", "{A}{B} {L}", "{A} {B} {C} {L}"],
        "legal": ["ЕООД", "ООД", "АД", "ЕАД"],
        "given_f": _w("Мария Елена Десислава Цветелина Гергана Ралица Йорданка Светла"),
        "given_m": _w("Георги Димитър Иван Христо Стоян Петър Никола Асен"),
        "family": _w(
            "Иванов/Иванова Петров/Петрова Георгиев/Георгиева Димитров/Димитрова "
            "Стоянов/Стоянова Христов/Христова Николов/Николова Тодоров/Тодорова "
            "Ангелов/Ангелова Колев/Колева Попов/Попова Маринов/Маринова"
        ),
        "family_first": False,
        "roles": _w("Управител|Финансов директор|Главен счетоводител|Мениджър продажби"),
        "sentences": [
            "Клиентът поиска актуализирана оферта до края на месеца.",
            "{p} потвърди срещата в офиса в София.",
            "Изпратихме договора за подпис по куриер.",
        ],
        "places": [
            ("BG", "София", "София-град", "Europe/Sofia", "EU", 3),
            ("BG", "Пловдив", "Пловдив", "Europe/Sofia", "EU", 1),
            ("BG", "Варна", "Варна", "Europe/Sofia", "EU", 1),
        ],
    },
    "el": {
        "weight": 8,
        "tag": "el",
        "A": _w(
            "Παπαδόπουλος Αντωνίου Γεωργίου Δημητρίου Κωνσταντίνου Νικολάου Οικονόμου Παππάς "
            "Καραγιάννης Βλάχος Μαυρίδης Ζαχαρίου Λαμπράκης Σταυρόπουλος Χατζηδάκης Ανδρεάδης"
        ),
        "B": _w(
            "Ναυτιλιακή Τεχνική Εμπορική Κατασκευαστική Τουριστική Φαρμακευτική Ελαιουργία "
            "Οινοποιία Γαλακτοκομική Μεταφορική Ξενοδοχειακή Λογιστική"
        ),
        "C": _w("Αιγαίου Ιονίου Κρήτης Μακεδονίας Θεσσαλίας Ηπείρου Πελοποννήσου"),
        "org": ["{A} {B} {L}", "{B} {C} {L}", "{A} & Υιοί {L}", "{B} {A} {C} {L}"],
        "legal": ["Α.Ε.", "Ε.Π.Ε.", "Ο.Ε.", "Ι.Κ.Ε."],
        "given_f": _w("Ιωάννα Ελένη Μαρία Σοφία Αικατερίνη Δέσποινα Βασιλική Χριστίνα"),
        "given_m": _w("Γιώργος Δημήτρης Νίκος Κώστας Γιάννης Παναγιώτης Σπύρος Αλέξανδρος"),
        "family": _w(
            "Παπαδόπουλος/Παπαδοπούλου Αντωνίου Γεωργίου Οικονόμου Παππάς/Παππά "
            "Καραγιάννης/Καραγιάννη Βλάχος/Βλάχου Μαυρίδης/Μαυρίδου Λαμπράκης/Λαμπράκη "
            "Σταυρόπουλος/Σταυροπούλου"
        ),
        "family_first": False,
        "roles": _w("Διευθύνων σύμβουλος|Οικονομική διευθύντρια|Υπεύθυνος προμηθειών|Λογιστής"),
        "sentences": [
            "Ο πελάτης ζήτησε αναθεωρημένη προσφορά έως το τέλος του μήνα.",
            "Η/Ο {p} επιβεβαίωσε τη συνάντηση στα γραφεία μας.",
            "Στάλθηκε το συμφωνητικό για υπογραφή.",
        ],
        "places": [
            ("GR", "Αθήνα", "Αττική", "Europe/Athens", "EU", 3),
            ("GR", "Θεσσαλονίκη", "Κεντρική Μακεδονία", "Europe/Athens", "EU", 2),
            ("CY", "Λευκωσία", "Λευκωσία", "Asia/Nicosia", "EU", 1),
        ],
    },
    "ja": {
        "weight": 9,
        "tag": "ja",
        "A": _w(
            "山田 佐藤 高橋 田中 渡辺 伊藤 中村 小林 加藤 吉田 山本 松本 井上 木村 清水 北斗 富士 "
            "桜井 青葉 朝日 大和 白鷺"
        ),
        "B": _w("精工 物産 商事 電機 製作所 工業 化学 印刷 建設 食品 運輸 薬品 技研 通商 興業"),
        "C": _w("東京 大阪 名古屋 横浜 神戸 京都 札幌 福岡"),
        "org": ["株式会社{A}{B}", "{A}{B}{L}", "有限会社{C}{A}{B}", "{C}{A}{B}ホールディングス"],
        "legal": ["株式会社", "合同会社"],
        "given_f": _w("花子 美咲 由美 陽菜 さくら 恵子 愛子 真理"),
        "given_m": _w("太郎 健一 大輔 翔太 誠 浩 拓也 直樹"),
        "family": _w("山田 佐藤 高橋 田中 渡辺 伊藤 中村 小林 加藤 吉田 鈴木 斎藤 石川 森"),
        "family_first": True,
        "family_sep": " ",
        "roles": _w("代表取締役|営業部長|経理課長|総務担当|Sales manager|購買部 主任"),
        "sentences": [
            "先方より見積書の再送依頼あり。",
            "{p}様と来月の定例会の日程を調整済み。",
            "契約更新について社内で検討中とのこと。",
        ],
        "places": [
            ("US", "Torrance", "California", "America/Los_Angeles", "US-CA", 2),
            ("DE", "Düsseldorf", "Nordrhein-Westfalen", "Europe/Berlin", "EU", 2),
            ("GB", "London", "England", "Europe/London", "GB", 1),
        ],
    },
    "zh": {
        "weight": 9,
        "tag": "zh-Hans",
        "A": _w(
            "华丰 恒通 金城 宏达 瑞祥 鼎盛 永安 天宇 新亚 长江 东方 百川 嘉禾 盛世 和平 海纳 同创"
        ),
        "B": _w("贸易 科技 实业 物流 电子 食品 纺织 建材 医药 网络 印刷 航运"),
        "C": _w("上海 北京 深圳 广州 杭州 苏州 厦门 成都"),
        "org": ["{C}{A}{B}{L}", "{A}{B}股份有限公司", "{C}{A}{B}集团", "{A}{B}（美国）{L}"],
        "legal": ["有限公司"],
        "given_f": _w("芳 娜 秀英 敏 静 丽 艳 娟 秀兰 霞"),
        "given_m": _w("伟 强 磊 军 洋 勇 杰 涛 明 超"),
        "family": _w("王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 林 欧阳 司马"),
        "family_first": True,
        "family_sep": "",
        "roles": _w("总经理|财务总监|采购经理|销售主管|Operations lead"),
        "sentences": [
            "客户要求下月初提供更新后的报价。",
            "{p}确认了下周的视频会议。",
            "合同已盖章寄回，原件存档。",
        ],
        "places": [
            ("US", "San Francisco", "California", "America/Los_Angeles", "US-CA", 3),
            ("US", "Los Angeles", "California", "America/Los_Angeles", "US-CA", 1),
            ("GB", "Manchester", "England", "Europe/London", "GB", 1),
            ("NL", "Rotterdam", "Zuid-Holland", "Europe/Amsterdam", "EU", 1),
        ],
    },
    "ar": {
        "weight": 8,
        "tag": "ar",
        "A": _w(
            "النور الأمل الفجر الرواد الخليج الشرق الريان الواحة المستقبل السلام الهلال البركة "
            "الصفوة الإتحاد النخبة الأندلس"
        ),
        "B": _w(
            "للتجارة|للمقاولات|للاستشارات|للتقنية|للنقل|للصناعات الغذائية|للأدوية|للسياحة|"
            "للعقارات|للطاقة"
        ),
        "C": _w("دبي القاهرة عمان الرياض الدوحة مسقط"),
        "org": ["شركة {A} {B}", "مؤسسة {A} {B}", "مجموعة {A} {C}", "{A} {B} {L}"],
        "legal": ["ذ.م.م", "Ltd"],
        "given_f": _w("فاطمة مريم عائشة نور ليلى سارة هدى رنا"),
        "given_m": _w("محمد أحمد علي عمر خالد يوسف حسن إبراهيم"),
        "family": _w("الحسيني العلي الخطيب المصري الشامي الحداد النجار الكردي العمري التميمي"),
        "family_first": False,
        "roles": _w("المدير العام|المدير المالي|مسؤول المشتريات|Finance manager|مديرة المكتب"),
        "sentences": [
            "طلب العميل نسخة محدثة من العرض قبل نهاية الشهر.",
            "أكد {p} موعد الاجتماع في مكتب لندن.",
            "تم إرسال العقد للتوقيع.",
        ],
        "places": [
            ("GB", "London", "England", "Europe/London", "GB", 3),
            ("GB", "Birmingham", "England", "Europe/London", "GB", 1),
            ("FR", "Marseille", "Provence-Alpes-Côte d'Azur", "Europe/Paris", "EU", 1),
        ],
    },
    "hi": {
        "weight": 9,
        "tag": "hi",
        "A": _w(
            "शर्मा गुप्ता अग्रवाल पटेल वर्मा मेहता जोशी सिन्हा त्रिपाठी चौधरी भारत गंगा हिमालय "
            "सरस्वती लक्ष्मी नर्मदा"
        ),
        "B": _w(
            "ट्रेडर्स एंटरप्राइजेज इंडस्ट्रीज टेक्नोलॉजीज फार्मास्यूटिकल्स टेक्सटाइल्स लॉजिस्टिक्स कंस्ट्रक्शन फूड्स सॉफ्टवेयर"
        ),
        "C": _w("मुंबई पुणे दिल्ली जयपुर लखनऊ इंदौर"),
        "org": ["{A} {B} {L}", "श्री {A} {B}", "{A} & {A2} {B}", "{C} {A} {B} {L}"],
        "legal": ["प्राइवेट लिमिटेड", "लिमिटेड", "Pvt Ltd"],
        "given_f": _w("अनन्या प्रिया सुनीता कविता दीपिका नेहा पूजा मीरा"),
        "given_m": _w("राहुल अमित विकास सुरेश राजेश अर्जुन विजय संजय"),
        "family": _w("शर्मा गुप्ता अग्रवाल पटेल वर्मा मेहता जोशी सिन्हा त्रिपाठी चौधरी अय्यर रेड्डी"),
        "family_first": False,
        "roles": _w("प्रबंध निदेशक|वित्त प्रबंधक|खरीद प्रमुख|Director|कार्यालय प्रबंधक"),
        "sentences": [
            "ग्राहक ने अगले महीने तक संशोधित प्रस्ताव मांगा है।",
            "{p} ने अगले सप्ताह की बैठक की पुष्टि की।",
            "अनुबंध हस्ताक्षर के लिए भेजा गया।",
        ],
        "places": [
            ("IN", "मुंबई", "महाराष्ट्र", "Asia/Kolkata", "IN", 3),
            ("IN", "Pune", "Maharashtra", "Asia/Kolkata", "IN", 2),
            ("IN", "नई दिल्ली", "दिल्ली", "Asia/Kolkata", "IN", 2),
            ("GB", "Leicester", "England", "Europe/London", "GB", 1),
        ],
    },
}

# Streets and postcodes by country: (streets, postcode maker).
STREETS: dict[str, list[str]] = {
    "DE": _w("Königstraße|Mühlenweg|Am Großen Wannsee|Schloßallee|Lindenstraße|Immermannstraße"),
    "AT": _w("Mariahilfer Straße|Währinger Gürtel|Schönbrunner Straße"),
    "FR": _w("rue de la Paix|avenue des Champs-Élysées|boulevard Saint-Michel|quai d'Orsay"),
    "BE": _w("rue Léopold|boulevard d'Avroy|place Saint-Lambert"),
    "PL": _w("ul. Długa|ul. Świętokrzyska|al. Jerozolimskie|ul. Żółkiewskiego|ul. Piłsudskiego"),
    "US": _w("Story Road|Bolsa Avenue|Market Street|Crenshaw Boulevard|Stockton Street"),
    "BR": _w("Avenida Paulista|Rua XV de Novembro|Rua Augusta|Travessa São Bento"),
    "BG": _w("бул. „Витоша“|ул. „Граф Игнатиев“|бул. „Цар Освободител“|ул. „Раковски“"),
    "GR": _w("Οδός Ερμού|Λεωφόρος Βασιλίσσης Σοφίας|Οδός Αριστοτέλους|Οδός Τσιμισκή"),
    "CY": _w("Λεωφόρος Μακαρίου|Οδός Λήδρας"),
    "GB": _w("Whitechapel Road|Deansgate|Broad Street|Belgrave Road|Commercial Road"),
    "NL": _w("Coolsingel|Witte de Withstraat|Lijnbaan"),
    "IN": _w("मरीन ड्राइव|FC Road|कनॉट प्लेस|Linking Road|MG Road"),
}

TOPICS = [
    "the renewal",
    "the Q3 figures",
    "a late invoice",
    "the data export",
    "new staff onboarding",
    "the migration plan",
    "a billing address change",
    "service levels",
    "the audit in spring",
    "pricing for next year",
    "the reporting template",
    "a delayed shipment",
    "access for a new colleague",
    "the workshop agenda",
    "references for a tender",
    "the draft statement of work",
]
OPENERS = {
    "email": ["{p} wrote about {t}.", "Sent {p} a note on {t}.", "Email thread with {p} on {t}."],
    "phone": ["Call with {p} about {t}.", "{p} rang about {t}.", "Short call on {t}."],
    "video": ["Video call with {p} on {t}.", "Online review of {t} with {p}."],
    "meeting": ["Met {p} at their office to go through {t}.", "Workshop on {t} with {p}."],
    "chat": ["{p} asked in chat about {t}.", "Quick chat about {t}."],
    "letter": ["Letter received from {p} about {t}.", "Posted the signed copy about {t}."],
    "event": ["Spoke with {p} at the trade fair about {t}.", "Met {p} at our breakfast event."],
}
FOLLOWS = [
    "Agreed to send a written summary by Friday.",
    "No action needed on our side.",
    "They will confirm the numbers internally first.",
    "Escalated to the delivery lead; reply promised within two days.",
    "Client happy overall, one open point on timing.",
    "Figures attached: 12.5% up on last year.",
    "Next check-in pencilled in for next month.",
    "Asked us to copy their finance mailbox from now on.",
    "They mentioned a possible second site next year.",
    "Minutes shared afterwards; nothing contentious.",
    "Decision: no change to the scope for now.",
    "Status: on hold until their budget is signed off.",
    "Why the delay? Their legal team is still reviewing *section 4*.",
]
BULLETS = [
    "- updated price list sent",
    "- contact details checked",
    "- invoice 2024/117 re-issued",
    "- new colleague added to the portal",
    "- agenda for the next review agreed",
    "- open question on VAT treatment",
]
COMMENTS_EN = [
    "confirmed at the last review",
    "TODO: check with finance",
    "as agreed by phone",
    "see ticket NW-{n}",
    "changed at the client's request",
    "do not contact before 10:00 local time",
    "from the signed form",
    "double-check spelling with the client",
    "on hold: yes, until the audit is done",
]
COMMENTS_NATIVE = {
    "de": ["laut Telefonat bestätigt", "Änderung auf Wunsch des Kunden"],
    "fr": ["confirmé par téléphone", "à vérifier avec la compta"],
    "pl": ["potwierdzone telefonicznie", "zmiana na prośbę klienta"],
    "vi": ["đã xác nhận qua điện thoại", "khách yêu cầu thay đổi"],
    "pt": ["confirmado por telefone", "alterado a pedido do cliente"],
    "bg": ["потвърдено по телефона", "промяна по искане на клиента"],
    "el": ["επιβεβαιώθηκε τηλεφωνικά", "αλλαγή κατόπιν αιτήματος"],
    "ja": ["電話にて確認済み", "先方の依頼により変更"],
    "zh": ["已电话确认", "应客户要求修改"],
    "ar": ["تم التأكيد هاتفيا", "تغيير بناء على طلب العميل"],
    "hi": ["फ़ोन पर पुष्टि की गई", "ग्राहक के अनुरोध पर बदला गया"],
}
SECTION_COMMENTS = {
    "contacts": ["People we deal with", "Contacts checked at the last review"],
    "agreements": ["Signed copies are under documents/", "Contracts"],
    "consents": ["Lawful bases; withdrawals stay on record", "Consents"],
    "interactions": ["Oldest first", "Communication log"],
    "projects": ["Engagements"],
    "communication": ["How the client wants to hear from us"],
    "address": ["Registered office"],
    "retention": ["Retention"],
    "review": ["Data accuracy review"],
    "onboarding": ["Onboarding checklist"],
}
INDUSTRIES = _w(
    "Logistics|Manufacturing|Food and drink|Retail|Construction|Healthcare|Software|"
    "Hospitality|Shipping|Textiles|Pharmaceuticals|Energy|Agriculture|Printing|Real estate"
)
TAGS = _w(
    "key-account strategic referral pilot multi-site priority-support partner reseller "
    "family-business export-market at-risk new-logo"
)
MILESTONES = _w("Kick-off|Discovery done|Design approved|Pilot live|Go-live|Handover")
KPIS = [
    ("On-time delivery", "%", 95),
    ("Reply time", "hours", 8),
    ("Satisfaction", "score", 8.5),
    ("Orders a month", "orders", 240),
    ("Error rate", "%", 1.5),
]
# purpose -> (lawful basis, sources)
PURPOSE_BASIS = {
    "service": ("contract", ["signed agreement", "engagement letter"]),
    "newsletter": ("consent", ["web form", "event sign-up", "reply to our email"]),
    "marketing": ("consent", ["signed onboarding form", "verbal, confirmed by email"]),
    "case-studies": ("consent", ["signed release", "email from the client"]),
    "analytics": ("legitimate-interests", ["portal terms accepted"]),
}
FREQ_DAYS = {"monthly": 28, "quarterly": 89, "half-yearly": 180, "annually": 360}
TEAM_OF = {"EU": "emea", "GB": "emea", "US-CA": "americas", "BR": "americas", "IN": "apac"}


# --- reserved phone numbers ------------------------------------------------------------


def _phone_pools() -> dict[str, list[str]]:
    """Numbers set aside for fiction: Ofcom's drama ranges, NANP 555-01xx, ACMA's ranges."""
    uk = [
        f"+44{p}{n:04d}"
        for p in ("207946", "113496", "161496", "191498", "292018")
        for n in range(1000)
    ]
    uk += [f"+44808157{n:04d}" for n in range(1000)]
    us = [
        f"+1{a}55501{n:02d}" for a in (408, 415, 213, 310, 714, 650, 510, 916) for n in range(100)
    ]
    au = [f"+61{p}{n:04d}" for p in ("25550", "37010", "75550", "87010") for n in range(10000)]
    au += [f"+61491570{n:03d}" for n in range(1000)]
    return {"GB": uk, "US": us, "AU": au}


# ACMA sets aside only nine numbers of 0491 570 xxx, not the thousand above: kept so the first
# 10,000 clients stay as they were written, and never handed out past them.
ACMA_MOBILES = frozenset(
    f"+61491570{n}" for n in ("006", "110", "156", "157", "158", "159", "313", "737", "998")
)


def _outside_reserved(number: str) -> bool:
    return number.startswith("+61491570") and number not in ACMA_MOBILES


def _extra_pools() -> dict[str, list[str]]:
    """Reserved numbers _phone_pools leaves out, for the clients after its ~48,000 run dry:
    Ofcom's other drama ranges (028 9649 6xxx included), 555-01xx in every other geographic
    area code, and ACMA's 02 7010, 03 5550, 07 7010 and 08 5550 ranges."""
    uk = [
        f"+44{p}{n:04d}"
        for p in ("114496", "116496", "117496", "118496", "121496", "131496", "141496", "151496")
        for n in range(1000)
    ]
    uk += [f"+44306999{n:04d}" for n in range(1000)] + [f"+44289649{n}" for n in range(6000, 7000)]
    us = [
        f"+1{a}55501{n:02d}"
        for a in NANP_CODES
        if a not in (408, 415, 213, 310, 714, 650, 510, 916)
        for n in range(100)
    ]
    au = [f"+61{p}{n:04d}" for p in ("27010", "35550", "77010", "85550") for n in range(10000)]
    return {"GB": uk, "US": us, "AU": au}


# Geographic area codes whose 555-0100 to 0199 phonenumbers 9.0 takes as valid, US ones first
# (the same list as bench/generate.py's, written out so that a library update changes nothing).
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
    """Each reserved number at most once, walked in a fixed pseudo-random order per pool; with
    `strict`, numbers outside the reserved ranges are passed over."""

    def __init__(self) -> None:
        self.pools = _phone_pools()
        self.used = dict.fromkeys(self.pools, 0)
        self.extra = _extra_pools()
        for name, pool in self.extra.items():
            Random(f"generate_alt-phones:{name}").shuffle(pool)
        self.extra_used = dict.fromkeys(self.extra, 0)

    def take(self, country: str, strict: bool = False) -> str | None:
        first = "US" if country == "US" else "AU" if country in ("IN", "BR") else "GB"
        for name in (first, "AU", "GB"):
            pool, i = self.pools[name], self.used[name]
            while strict and i < len(pool) and _outside_reserved(pool[(i * 7919) % len(pool)]):
                i += 1
            self.used[name] = i
            if i < len(pool):
                self.used[name] = i + 1
                return pool[(i * 7919) % len(pool)]  # 7919 is prime and divides no pool size
        for name in dict.fromkeys((first, "AU", "GB", "US")):
            pool, i = self.extra[name], self.extra_used[name]
            if i < len(pool):
                self.extra_used[name] = i + 1
                return pool[i]
        return None


# --- configuration -----------------------------------------------------------------------


@dataclass
class _Cfg:
    staff: dict[str, list[str]]  # team -> staff ids
    dpo: list[str]
    authors: list[tuple[str, str]]
    purposes: list[str]
    requires: dict[str, set[str]]
    policies: dict[str, str]  # id -> runs_from
    defaults: dict[str, str]
    intervals: dict[str, int]
    steps: list[str]
    within: int

    @classmethod
    def read(cls, path: Path) -> _Cfg:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        staff: dict[str, list[str]] = {}
        for s in data.get("staff", []):
            if s.get("active", True):
                staff.setdefault(s["team"], []).append(s["id"])
        dpo = staff.get(data.get("data_protection_team", ""), [])
        months = {"P3M": 85, "P6M": 175, "P1Y": 355}
        onboarding = data.get("onboarding") or {}
        jur = data.get("jurisdictions", {})
        return cls(
            staff={t: ids for t, ids in staff.items() if ids is not dpo} or staff,
            dpo=dpo,
            authors=[(s["name"], s["email"]) for s in data.get("staff", [])],
            purposes=[p["id"] for p in data.get("consent_purposes", [])],
            requires={j: set(v.get("requires_basis", [])) for j, v in jur.items()},
            policies={p["id"]: p["runs_from"] for p in data.get("retention_policies", [])},
            defaults={j: v.get("default_retention", "") for j, v in jur.items()},
            intervals={
                k: months.get(v, 85) for k, v in (data.get("review_intervals") or {}).items()
            },
            steps=[s["id"] for s in onboarding.get("steps", [])],
            within=int(onboarding.get("complete_within_days", 30)),
        )

    def team(self, jurisdiction: str) -> str:
        want = TEAM_OF.get(jurisdiction, "")
        teams = sorted(self.staff)
        return next((t for t in teams if t.startswith(want)), teams[0])


# --- the emitter -------------------------------------------------------------------------

_NUMBERISH = re.compile(r"^[-+.0-9]")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RESERVED = frozenset(["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"])
_BAD_FIRST = set("-?:,[]{}#&*!|>'\"%@`")


def _plain_ok(s: str) -> bool:
    """Conservative: text every YAML 1.1 and 1.2 reader takes as this very string."""
    if not s or s != s.strip() or s[0] in _BAD_FIRST or "\n" in s or "\t" in s:
        return False
    if _DATE.match(s):
        return True
    if _NUMBERISH.match(s) or s.lower() in _RESERVED:
        return False
    return (
        ": " not in s and " #" not in s and not s.endswith(":") and not any(c in s for c in "[]{},")
    )


_quoted: dict[tuple[str, str], str] = {}


def _quote(s: str, style: str) -> str:
    out = _quoted.get((s, style))
    if out is None:
        if "\n" in s:
            out = json.dumps(s, ensure_ascii=False)
        elif style == "plain" and _plain_ok(s):
            out = s
        elif style == "single" or (style == "plain" and "\\" not in s):
            out = "'" + s.replace("'", "''") + "'"
        else:
            out = json.dumps(s, ensure_ascii=False)
        if len(_quoted) < 300_000:  # most values recur (dates, staff, phrases); ids do not
            _quoted[(s, style)] = out
    return out


@dataclass
class Decor:
    head: list[str] = field(default_factory=list)  # comment lines before the key or item
    eol: str = ""  # a comment at the end of the line
    style: str = ""  # plain/single/double, or a block style for text, or flow for a list


@dataclass
class _Shape:
    """How one record is written: its indentation and its preferred quoting."""

    step: str = "  "
    seq_indent: bool = True
    quote: str = "plain"  # the record's habit; some values are written otherwise
    decor: dict[Path_, Decor] = field(default_factory=dict)


def _block(text: str, style: str, indent: str) -> tuple[str, list[str]]:
    if style == "folded":
        # each sentence its own line: folding joins them with spaces; a blank line keeps "\n"
        paras = text.rstrip("\n").split("\n")
        lines: list[str] = []
        for k, para in enumerate(paras):
            if k:
                lines.append("")
            lines.extend(indent + s for s in re.split(r"(?<=[.!?;]) (?=\S)", para))
        return (">" if text.endswith("\n") else ">-"), lines
    body = text[:-1] if text.endswith("\n") else text
    return ("|" if text.endswith("\n") else "|-"), [
        indent + ln if ln else "" for ln in body.split("\n")
    ]


def _scalar(value: Any, style: str, shape: _Shape) -> str:
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return _quote(value, style or shape.quote)


def _emit(
    node: Any, path: Path_, indent: str, out: list[str], shape: _Shape, lead: str = ""
) -> None:
    """A mapping at `indent`; `lead` replaces the indent on its first line ('  - ')."""
    for key, value in node.items():
        p = (*path, key)
        dec = shape.decor.get(p)
        prefix = lead or indent
        if dec and dec.head:
            out.extend((lead[: len(lead) - 2] if lead else indent) + "# " + h for h in dec.head)
        lead = ""
        eol = f"  # {dec.eol}" if dec and dec.eol else ""
        style = dec.style if dec else ""
        if isinstance(value, dict):
            out.append(f"{prefix}{key}:{eol}")
            _emit(value, p, indent + shape.step, out, shape)
        elif isinstance(value, list):
            _emit_list(key, value, p, prefix, indent, eol, style, out, shape)
        elif isinstance(value, str) and style in ("literal", "folded"):
            header, lines = _block(value, style, indent + shape.step)
            out.append(f"{prefix}{key}: {header}")
            out.extend(lines)
        else:
            out.append(f"{prefix}{key}: {_scalar(value, style, shape)}{eol}")


def _emit_list(
    key: str,
    value: list[Any],
    p: Path_,
    prefix: str,
    indent: str,
    eol: str,
    style: str,
    out: list[str],
    shape: _Shape,
) -> None:
    if style == "flow" and all(isinstance(v, str) for v in value):
        out.append(f"{prefix}{key}: [{', '.join(value)}]{eol}")
        return
    out.append(f"{prefix}{key}:{eol}")
    dash = indent + shape.step if shape.seq_indent else indent
    for i, item in enumerate(value):
        dec = shape.decor.get((*p, i))
        if isinstance(item, dict):
            if dec and dec.head:
                out.extend(dash + "# " + h for h in dec.head)
            _emit(item, (*p, i), dash + "  ", out, shape, dash + "- ")
        else:
            tail = f"  # {dec.eol}" if dec and dec.eol else ""
            out.append(f"{dash}- {_scalar(item, dec.style if dec else '', shape)}{tail}")


def render(data: Data, shape: _Shape, header: list[str], modeline: str = MODELINE) -> str:
    out = [modeline, *("# " + h for h in header)]
    _emit(data, (), "", out, shape)
    out.append("")
    return "\n".join(out)


# --- names no earlier client's is alike to ----------------------------------------------------

_DIGRAPH = re.compile(r"(?<=[a-z])([aou])e|^([aou])e(?=[a-z])")
_CYRILLIC_Y = re.compile(r"(?<=[bcdfghjklmnpqrstvwxz])y(?=[uo])")
_SYLLABLE = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")
_SOUNDS = (("sch", "sh"), ("kh", "h"), ("ch", "h"), ("th", "t"), ("w", "v"))


def _fold(word: str) -> str:
    """A romanised word with the spellings transliteration varies made one (mueller, myuller: muller)."""
    return _CYRILLIC_Y.sub("", _DIGRAPH.sub(lambda m: m.group(1) or m.group(2), word))


class _Taken:
    """Every name given so far, indexed so that a new one alike to any of them is found at once.

    A name is read as clientbook's duplicate check reads it (romanised with anyascii, legal
    forms left out, folded); it clashes with an earlier one when the two have the same words in
    any order, when every word sounds the same (metaphone) and the two are 75% alike, or when
    they differ in one run of up to three syllables and are NEAR% alike with the same initials
    (a romanised Chinese or Japanese name is one long word: its syllables are what differ).
    The check suspects names 92% alike with the same initials, or that sound alike and are 80%
    alike, so later clients' names are not suspected duplicates of one another.
    """

    def __init__(self) -> None:
        self.words: set[str] = set()
        self.sounds: dict[tuple[str, ...], list[str]] = {}
        self.near: dict[tuple[str, ...], list[tuple[str, str]]] = {}

    @staticmethod
    def _keys(name: str) -> tuple[str, str, tuple[str, ...], set[tuple[str, ...]], str]:
        words: list[str] = []
        syllables: list[str] = []
        sounds: list[str] = []
        for chunk in name.split():
            w, s, c = _chunk(chunk)
            words += w
            syllables += s
            sounds += c
        n = len(syllables)
        keep = max(2, -(-3 * n // 5))  # a run is left out only while 60% of the name stays
        near = {
            tuple(syllables[:i] + syllables[i + k :])
            for k in (1, 2, 3)
            if n - k >= keep or k == 1
            for i in range(max(1, n - k + 1))
        }
        significant = [w for w in words if w not in COMMON_WORDS] or words
        initials = "".join(sorted(w[0] for w in significant if w[0].isalpha()))
        return " ".join(words), " ".join(sorted(words)), tuple(sounds), near, initials

    def clashes(self, name: str) -> bool:
        from rapidfuzz import fuzz

        text, same, sounds, near, initials = self._keys(name)
        if same in self.words:
            return True
        if any(fuzz.ratio(text, other) >= 75 for other in self.sounds.get(sounds, ())):
            return True
        return any(
            initials == theirs and fuzz.ratio(text, other) >= NEAR
            for key in near
            for other, theirs in self.near.get(key, ())
        )

    def add(self, name: str) -> None:
        text, same, sounds, near, initials = self._keys(name)
        self.words.add(same)
        self.sounds.setdefault(sounds, []).append(text)
        for key in near:
            self.near.setdefault(key, []).append((text, initials))


# What clientbook's duplicate check leaves out of a name, and how it reads initials and
# apostrophes (lint/rules/duplicates.py), so that names are compared as it compares them.
LEGAL_FORMS = frozenset(
    (  # noqa: SIM905 (a word list reads better as words)
        "ltd limited gmbh inc incorporated llc llp plc sa sas sarl srl spa ag bv nv ltda pvt pte "
        "co corp corporation company kg ohg oy ab as aps kk ug mbh ev ooo oao zao pao sl sro "
        "spzoo dac"
    ).split()
)
COMMON_WORDS = frozenset(  # words it sets aside when it compares initials
    (  # noqa: SIM905 (a word list reads better as words)
        "and of the for at in on de la le des du der die das und et y e von van group groupe "
        "gruppe holding holdings partners partner associates associate services service "
        "solutions solution systems system technologies technology tech consulting consultants "
        "consultancy management logistics trading international global national industries "
        "industry enterprises enterprise company companies capital ventures investments finance "
        "financial agency studio studios labs lab media digital software networks network "
        "energy health care healthcare medical pharma foods food retail supplies supply "
        "engineering construction properties property estates realty design marketing "
        "communications transport freight shipping imports exports north south east west "
        "central northern southern eastern western"
    ).split()
)
_APOSTROPHE = re.compile(r"(?<=[A-Za-z0-9])['`](?=[A-Za-z0-9])")
_INITIALS = re.compile(r"\b[A-Za-z](?:\.[A-Za-z])+\b")
_chunks: dict[str, tuple[list[str], list[str], list[str]]] = {}


def _chunk(text: str) -> tuple[list[str], list[str], list[str]]:
    """A space-free piece of a name: its folded words, their syllables and their sounds."""
    found = _chunks.get(text)
    if found is None:
        roman = _APOSTROPHE.sub("", anyascii(unicodedata.normalize("NFKC", text)))
        roman = _INITIALS.sub(lambda m: m.group().replace(".", ""), roman.replace("&", " and "))
        words, syllables = [], []
        for word in re.findall(r"[A-Za-z0-9]+", roman):
            if word.lower() not in LEGAL_FORMS:
                words.append(_fold(word.lower()))
                syllables += [_fold(x.lower()) for x in _SYLLABLE.findall(word)]
        found = _chunks[text] = (words, syllables, [_sound(w) for w in words])
    return found


def _sound(word: str) -> str:
    import jellyfish

    if not word.isalpha():
        return word
    for written, said in _SOUNDS:
        word = word.replace(written, said)
    return jellyfish.metaphone(re.sub(r"(?<=[a-z])[iy]y$", "i", word)) or word


_word_lists: dict[tuple[str, str], list[str]] = {}


def _words(L: dict[str, Any], key: str, late: bool) -> list[str]:
    """A word list of a language; for later clients, with its LATE additions."""
    if not late:
        return L[key]  # type: ignore[no-any-return]
    found = _word_lists.get((L["tag"], key))
    if found is None:
        more = LATE.get(L["tag"], {}).get(key, [])
        joined = [*L[key], *more]
        found = _word_lists[(L["tag"], key)] = (
            joined if key == "org" else list(dict.fromkeys(joined))
        )
    return found


def _late_org(rng: Random, L: dict[str, Any]) -> tuple[str, str]:
    """An organisation's name from the larger lists: (name, name without its legal form)."""
    templates = _words(L, "org", True)
    template = rng.choice(templates)
    a_words = _words(L, "A", True)
    a, a2 = rng.sample(a_words, 2)
    parts = {
        "A": a,
        "A2": a2,
        "B": rng.choice(_words(L, "B", True)),
        "C": rng.choice(_words(L, "C", True)),
        "G": rng.choice(_words(L, "given_m", True)),  # a founder's name, in a few templates
        "F": rng.choice(_words(L, "family", True)).split("/")[0],
    }
    core = re.sub(r"\s*\{L\}", "", template).format(**parts)
    name = template.replace("{L}", rng.choice(L["legal"])).format(**parts).strip()
    return (_elide(name), _elide(core)) if L["tag"] == "fr" else (name, core)


def _elide(name: str) -> str:
    """'de Amiens' as French writes it, 'd'Amiens'."""
    return re.sub(r"\bde (?=[AEIOUÉÈÊÂÎÔaeiouéè])", "d'", name)


def _late_individual(rng: Random, L: dict[str, Any]) -> str:
    """A person's name from the larger lists, in one of the language's LATE "person" forms:
    {G} a given name, {F} and {F2} family names (of the person's gender), {M} a middle name,
    {S}{S2} a given name of two syllables."""
    g = "f" if rng.random() < 0.5 else "m"
    forms = LATE.get(L["tag"], {}).get("person", ["{G} {F}"])
    family = _words(L, "family", True)
    f1, f2 = (x.split("/") for x in rng.sample(family, 2))
    parts = {
        "G": rng.choice(_words(L, "given_" + g, True)),
        "F": f1[-1] if g == "f" else f1[0],
        "F2": f2[-1] if g == "f" else f2[0],
        "M": rng.choice(LATE.get(L["tag"], {}).get("middle_" + g, [""])),
    }
    syllables = LATE.get(L["tag"], {}).get("syllable_" + g)
    if syllables:  # a given name of two syllables (characters) from one list
        parts["S"], parts["S2"] = rng.choice(syllables), rng.choice(syllables)
    return re.sub(r"\s+", " ", rng.choice(forms).format(**parts)).strip()


# More words for the clients after the first 10,000, by language tag; "person" lists the forms
# of a person's name, "org" templates added to the language's own.
LATE: dict[str, dict[str, list[str]]] = {
    "de": {
        "A": _w(
            "Hübner Kübler Dürr Göbel Jürgens Lämmle Nüßlein Öhler Pöschl Röhrig Schütz Stöcker "
            "Wörner Fröhlich Häußler Rühle Söllner Blümel Dölling Fürstenberg Gräber Jäckel "
            "Kärcher Lütke Mühlbauer Pöhlmann Schnürer Wöhrle"
        ),
        "B": _w(
            "Metallbau Elektroanlagen Solartechnik Fensterbau Dachdeckerei Sanitärtechnik Zimmerei "
            "Werkzeugbau Fördertechnik Medizintechnik Antriebstechnik Verpackungen Landmaschinen "
            "Brauerei Weinkellerei Kunststoffe Messtechnik Orgelbau Gebäudereinigung Baustoffe"
        ),
        "C": _w(
            "Dresden Erfurt Kassel Münster Bielefeld Rostock Kiel Augsburg Regensburg Ulm Freiburg "
            "Konstanz Paderborn Göttingen Hildesheim Bamberg Passau Koblenz Trier Zwickau Lüneburg"
        ),
        "org": ["{A} {B} {C} {L}", "{A} & {A2} {B} {C} {L}"],
        "given_f": _w(
            "Hannelore Brigitte Ingrid Wiebke Heike Sabine Dagmar Gudrun Silke Annegret Elke "
            "Ursula Marlene Henrike Swantje Gesine Roswitha Ilse Waltraud Mechthild"
        ),
        "given_m": _w(
            "Rüdiger Detlef Wolfgang Helmut Dieter Joachim Reinhard Volker Hartmut Klaus Eckhard "
            "Gerd Burkhard Siegfried Lothar Heiko Malte Torsten Ulrich Wilfried"
        ),
        "family": _w(
            "Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter "
            "Klein Wolf Neumann Schwarz Zimmermann Braun Hartmann Krüger Lehmann Werner Krause "
            "Lange Köster Möbius Rückert Höfer"
        ),
        "person": ["{G} {F}", "{G} {F}", "{G} {F}-{F2}"],
    },
    "fr": {
        "A": _w(
            "Beaulieu Caron Delacroix Duchêne Fontaine Giroux Laforêt Lemoine Marceau Moreau "
            "Pelletier Poirier Renaud Rousseau Tessier Vaillancourt Boucher Bourgeois Chevalier "
            "Clément Deschamps Fournier Garnier Lambert Masson"
        ),
        "B": _w(
            "Ébénisterie Horlogerie Fromagerie Savonnerie Cartonnerie Biscuiterie Conserverie "
            "Parfumerie Miroiterie Sellerie Ferronnerie Faïencerie Tuilerie Cidrerie Épicerie"
        ),
        "C": _w(
            "Rouen Reims Dijon Tours Amiens Limoges Brest Colmar Annecy Vannes Périgueux Chartres "
            "Bayonne Auxerre Cahors Quimper Albi Niort Blois Mâcon"
        ),
        "org": ["{B} {A} de {C} {L}", "{A} & {A2} de {C} {L}", "{B} {A} et Fils de {C}"],
        "given_f": _w(
            "Brigitte Sylvie Isabelle Nathalie Sandrine Valérie Véronique Agnès Mathilde Capucine "
            "Solène Clémence Margot Louise Juliette Apolline Ségolène Béatrice Odile Mireille"
        ),
        "given_m": _w(
            "Thierry Pascal Olivier Frédéric Sébastien Grégoire Aurélien Baptiste Gaspard Timothée "
            "Édouard Lucien Marcel Gérard Yannick Florian Quentin Maxime Arnaud Hervé"
        ),
        "family": _w(
            "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Michel "
            "Garcia David Bertrand Roux Vincent Fournier Morel Girard André Mercier Dupont Lambert "
            "Bonnet Faure Rousseau Blanc Guérin Muller"
        ),
        "person": ["{G} {F}", "{G} {F}", "{G} {F}-{F2}"],
    },
    "pl": {
        "A": _w(
            "Nowak Kowalczyk Wiśniewski Wójcik Kamiński Lewandowski Zieliński Szymański Woźniak "
            "Kozłowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski Pawłowski "
            "Michalski Nowicki Adamczyk"
        ),
        "B": _w(
            "Spółdzielnia|Tartak|Cegielnia|Mleczarnia|Kamieniarstwo|Szkółka|Pracownia|Warsztat|"
            "Fabryka Mebli|Rozlewnia|Wędzarnia|Wytwórnia Win"
        ),
        "C": _w(
            "Lublin|Katowice|Szczecin|Bydgoszcz|Olsztyn|Opole|Kielce|Gliwice|Elbląg|Płock|Tarnów|"
            "Koszalin|Legnica|Gniezno|Zamość|Sopot"
        ),
        "org": ["{B} {A} {C} {L}", "{A}-{A2} {C} {L}", "{B} {A}-{A2} {L}"],
        "given_f": _w(
            "Anna Katarzyna Magdalena Ewa Joanna Aleksandra Beata Dorota Halina Iwona Justyna "
            "Karolina Marta Renata Urszula Weronika Wioletta Elżbieta Krystyna Teresa"
        ),
        "given_m": _w(
            "Piotr Krzysztof Andrzej Tomasz Marcin Grzegorz Adam Rafał Dariusz Mariusz Sławomir "
            "Kazimierz Stanisław Tadeusz Jacek Maciej Dominik Kamil Mateusz Janusz"
        ),
        "family": _w(
            "Nowak Kowalski/Kowalska Wiśniewski/Wiśniewska Wójcik Kamiński/Kamińska "
            "Lewandowski/Lewandowska Zieliński/Zielińska Szymański/Szymańska Woźniak "
            "Kozłowski/Kozłowska Jankowski/Jankowska Mazur Kwiatkowski/Kwiatkowska Krawczyk "
            "Piotrowski/Piotrowska Grabowski/Grabowska Pawłowski/Pawłowska Michalski/Michalska "
            "Adamczyk Dudek Wieczorek Jabłoński/Jabłońska Król Majewski/Majewska"
        ),
        "person": ["{G} {F}", "{G} {F}", "{G} {F}-{F2}"],
    },
    "vi": {
        "A": _w(
            "Phú Quý|Thịnh Vượng|Gia Bảo|Nam Phong|Bình Minh|Hải Đăng|Tiến Thành|Đông Á|Sao Mai|"
            "Phương Nam|Thái Bình|Hòa Phát|Vạn Xuân|Nhật Quang|Hoàn Cầu|Tràng An|Lạc Hồng|Mê Kông|"
            "Ngọc Lan|Hữu Nghị|Đức Tài|Vĩnh Hưng|Cát Tường|Phước Thịnh|Bách Khoa|Toàn Cầu"
        ),
        "B": _w(
            "Cơ khí|Nông sản|Thủy sản|In ấn|Quảng cáo|Bất động sản|Giáo dục|Mỹ phẩm|Vật liệu|"
            "Năng lượng"
        ),
        "C": _w(
            "Nha Trang|Vũng Tàu|Biên Hòa|Buôn Ma Thuột|Quy Nhơn|Hạ Long|Vinh|Đà Lạt|Long Xuyên|"
            "Mỹ Tho|Thái Nguyên|Nam Định"
        ),
        "org": [
            "Công ty TNHH {B} {A} {C}",
            "Công ty Cổ phần {B} {A}",
            "Công ty Cổ phần {B} {A} {C}",
        ],
        "given_f": _w("Trang Linh Nhung Hoa Thủy Quỳnh Loan Oanh Châu Giang Huyền Trinh"),
        "given_m": _w("Hùng Phong Sơn Thắng Trung Việt Hải Hòa Kiên Phúc Tài Thịnh"),
        "family": _w("Trương Đinh Lâm Mai Tô Hà Quách Lưu Cao Tạ Châu Thái"),
        "middle_f": _w("Thị Ngọc Thu Thanh Minh Kim Bảo Diệu Mỹ Phương"),
        "middle_m": _w("Văn Minh Quốc Đức Thanh Hữu Công Xuân Gia Đình"),
        "person": ["{F} {M} {G}"],
    },
    "pt-BR": {
        "A": _w(
            "Albuquerque Barbosa Cavalcanti Drummond Figueiredo Junqueira Meireles Nogueira "
            "Pimentel Queiroz Rezende Siqueira Teixeira Vasconcelos Xavier Amorim Bittencourt "
            "Coutinho Moreira Sampaio"
        ),
        "B": _w(
            "Engenharia Transportes Papelaria Farmácia Laticínios Móveis Confecções Química "
            "Calçados Embalagens Vidraçaria Padaria"
        ),
        "C": _w("Cristóvão Pedro Miguel Francisco Gonçalo Tomé Luís Roque Bernardo Sebastião"),
        "org": ["{B} {A} & {A2} {L}", "{A} {B} São {C} {L}"],
        "given_f": _w(
            "Ana Beatriz Camila Daniela Fernanda Gabriela Juliana Larissa Mariana Renata Tatiana "
            "Vanessa Aline Bianca Rafaela Simone"
        ),
        "given_m": _w(
            "Carlos Eduardo Felipe Gustavo Henrique Leonardo Marcelo Ricardo Rodrigo Thiago Bruno "
            "Diego Gabriel Rafael Márcio Rogério"
        ),
        "family": _w(
            "Silva Santos Oliveira Souza Rodrigues Ferreira Alves Pereira Lima Gomes Costa Ribeiro "
            "Martins Carvalho Almeida Lopes Soares Fernandes Vieira Barros Rocha Dias Nascimento "
            "Andrade Moura Mendes"
        ),
        "person": ["{G} {F}", "{G} {F} {F2}"],
    },
    "bg": {
        "A": _w(
            "Вихрен Тунджа Арда Емона Мизия Добруджа Шипка Люлин Беласица Славянка Еделвайс "
            "Калиакра Росица Перун Бачо Киро"
        ),
        "B": _w("Билд Ойл Фууд Медикал Сървиз Пак Тех Кар Арт Мил Лес Химко"),
        "C": _w(
            "Стара Загора|Шумен|Добрич|Сливен|Перник|Хасково|Ямбол|Пазарджик|Благоевград|"
            "Велико Търново|Враца|Габрово"
        ),
        "org": ["{A} {B} {C} {L}", "„{A} {B}“ {C} {L}"],
        "given_f": _w(
            "Анна Виктория Галина Даниела Емилия Зорница Иванка Калина Лиляна Милена Надежда Петя "
            "Снежана Теодора Яна Боряна"
        ),
        "given_m": _w(
            "Александър Борис Васил Калоян Красимир Любомир Мартин Николай Пламен Румен "
            "Светослав Тодор Цветан Явор Огнян Веселин"
        ),
        "family": _w(
            "Василев/Василева Илиев/Илиева Атанасов/Атанасова Павлов/Павлова Йорданов/Йорданова "
            "Михайлов/Михайлова Костов/Костова Русев/Русева Станев/Станева Кирилов/Кирилова "
            "Симеонов/Симеонова Янков/Янкова Григоров/Григорова Борисов/Борисова "
            "Стефанов/Стефанова"
        ),
        "person": ["{G} {F}", "{G} {F2} {F}"],
    },
    "el": {
        "A": _w(
            "Αλεξίου Βασιλείου Γιαννακόπουλος Δεληγιάννης Ευαγγέλου Ηλιόπουλος Θεοδωρίδης "
            "Ιωαννίδης Κυριακίδης Μακρής Ξενάκης Πετρόπουλος Ραφαηλίδης Σαρρής Τσακίρης Φωτίου "
            "Χριστοδούλου Ψαράς"
        ),
        "B": _w(
            "Βιομηχανική Εξαγωγική Ιχθυοκαλλιέργεια Αρτοποιία Κλωστοϋφαντουργία Μελισσοκομική "
            "Οικοδομική Αεροπορική Ενεργειακή Συμβουλευτική"
        ),
        "C": _w(
            "Αττικής Θράκης Εύβοιας Κυκλάδων Δωδεκανήσου Ρόδου Κέρκυρας Χανίων Πάτρας Λάρισας "
            "Βόλου Καβάλας"
        ),
        "org": ["{A} {B} {C} {L}", "{B} {A} {C} {L}", "{A} & {A2} {B} {L}"],
        "given_f": _w(
            "Αναστασία Γεωργία Ευαγγελία Κωνσταντίνα Παρασκευή Φωτεινή Αθηνά Θεοδώρα Ζωή Ειρήνη "
            "Αγγελική Σταυρούλα"
        ),
        "given_m": _w(
            "Αθανάσιος Βασίλης Ευάγγελος Θανάσης Ηλίας Μιχάλης Στέλιος Χρήστος Αντώνης Θεόδωρος "
            "Άγγελος Λευτέρης"
        ),
        "family": _w(
            "Ιωαννίδης/Ιωαννίδου Πετρόπουλος/Πετροπούλου Μακρής/Μακρή Σαρρής/Σαρρή "
            "Ξενάκης/Ξενάκη Φωτίου Αλεξίου Ευαγγέλου Χριστοδούλου Κυριακίδης/Κυριακίδου "
            "Δεληγιάννης/Δεληγιάννη Θεοδωρίδης/Θεοδωρίδου Ηλιόπουλος/Ηλιοπούλου Τσακίρης/Τσακίρη"
        ),
        # a father's name in the genitive, as Greek documents write it between the two
        "middle_f": _w(
            "Γεωργίου Νικολάου Δημητρίου Κωνσταντίνου Ιωάννου Παναγιώτου Αθανασίου Χρήστου "
            "Βασιλείου Μιχαήλ Σπυρίδωνος Ευαγγέλου"
        ),
        "middle_m": _w(
            "Γεωργίου Νικολάου Δημητρίου Κωνσταντίνου Ιωάννου Παναγιώτου Αθανασίου Χρήστου "
            "Βασιλείου Μιχαήλ Σπυρίδωνος Ευαγγέλου"
        ),
        "person": ["{G} {F}", "{G} {M} {F}"],
    },
    "ja": {
        "A": _w(
            "藤田 後藤 岡田 長谷川 村上 近藤 石井 坂本 遠藤 青木 西村 福田 太田 三浦 藤原 中川 原田 "
            "小野 竹内 和田 光陽 東邦 日進 大成 千代田"
        ),
        "B": _w("産業 開発 機械 商会 運送 物流 製薬 設計 不動産 電工"),
        "C": _w("仙台 広島 千葉 埼玉 静岡 岡山 熊本 金沢 新潟 浜松 鹿児島 長崎"),
        "org": ["{C}{A}{B}{L}", "株式会社{C}{A}{B}", "{A}{B}{C}支店"],
        "given_f": _w(
            "結衣 葵 陽菜子 凛 芽依 美羽 莉子 結菜 楓 彩 七海 舞 優子 明美 直子 智子 裕子 久美子 "
            "洋子 幸子 真央 美穂 沙織 香織 千尋 麻衣 早紀 彩花 奈々 由佳 理恵 亜美 遥 桃子 千晴"
        ),
        "given_m": _w(
            "健太 亮 大翔 蓮 悠真 陸 颯太 湊 樹 悠人 拓海 海斗 陽太 隼人 翼 涼 和也 達也 哲也 裕太 "
            "翔 大輝 光 大地 康介 雄一 秀樹 正人 俊 悠斗 航 修 剛 聡 純一"
        ),
        "family": _w(
            "山口 松田 中島 藤田 後藤 岡田 長谷川 村上 近藤 石井 坂本 遠藤 青木 藤井 西村 福田 太田 "
            "三浦 藤原 岡本 中川 中野 原田 小野 田村 竹内 金子 和田 中山 石田 上田 森田 柴田 酒井 "
            "工藤 横山 宮崎 宮本 内田 高木 丸山 今井 高田 藤本 武田 村田 上野 杉山 増田 平野 大塚 千葉 "
            "久保 松井 小島 岩崎 野口 松尾 野村 木下 菊地 佐野 大西 杉本 新井 浜田 菅原 市川 水野 小松"
        ),
        "person": ["{F} {G}"],
    },
    "zh-Hans": {
        "A": _w(
            "华夏 中信 金鹰 新世纪 龙腾 远洋 万通 宏图 天成 博文 众诚 华美 启航 星辰 丰泰 润发 安泰 "
            "德信 福兴 聚源"
        ),
        "B": _w("投资 能源 机械 化工 传媒 咨询 餐饮 服饰 环保 农业"),
        "C": _w("天津 重庆 南京 武汉 西安 青岛 大连 宁波 长沙 郑州 昆明 福州"),
        "org": ["{C}{A}{B}{L}", "{C}{A}{B}集团", "{A}{B}（{C}）{L}"],
        "given_f": _w(
            "雪 玲 婷 慧 琳 丹 洁 颖 莉 萍 欣怡 梓涵 诗涵 雨桐 佳怡 嘉欣 丽华 玉兰 晓燕 海燕"
        ),
        "given_m": _w(
            "斌 鹏 辉 刚 健 峰 浩 宇 凯 鑫 子轩 浩然 宇轩 思远 俊杰 文博 晓明 建国 志强 海涛"
        ),
        "family": _w("罗 梁 宋 郑 谢 韩 唐 冯 于 董 萧 程 曹 袁 邓 许 傅 沈 曾 彭"),
        "syllable_f": _w(
            "雪 玲 婷 慧 琳 丹 洁 颖 莉 萍 静 芳 娜 秀 英 兰 霞 燕 梅 红 月 晴 悦 然 宁 安 佳 琪 嘉 怡"
        ),
        "syllable_m": _w(
            "斌 鹏 辉 刚 健 峰 浩 宇 凯 鑫 伟 强 磊 军 洋 勇 杰 涛 明 超 华 平 志 国 建 文 俊 博 豪 轩"
        ),
        "person": ["{F}{G}", "{F}{S}{S2}", "{F}{S}{S2}"],
    },
    "ar": {
        "A": _w(
            "الأفق الربيع الياسمين الزيتون القمة الرمال النجمة الأصالة الوفاء الإبداع الرائد "
            "البيان الحكمة الفرات الأمانة المنارة الضياء الجزيرة الساحل الشروق"
        ),
        "B": _w(
            "للخدمات|للاستيراد والتصدير|للصناعة|للتعليم|للمجوهرات|للأثاث|للطباعة|للإلكترونيات|"
            "للملابس|للاتصالات"
        ),
        "C": _w("بيروت جدة الكويت المنامة أبوظبي الإسكندرية طنجة تونس الشارقة الدمام"),
        "org": [
            "شركة {A} {B} فرع {C}",
            "مؤسسة {A} {B} فرع {C}",
            "مؤسسة {G} {F} {B}",
            "مؤسسة {G} {F} {B}",
            "شركة {G} {F} وأولاده {L}",
            "مكتب {G} {F} {B}",
        ],
        "given_f": _w("زينب خديجة أمينة سلمى ياسمين دينا رشا منى لمى جميلة هالة سعاد"),
        "given_m": _w("حسين طارق سامي كريم مصطفى ماجد وليد فيصل جمال نبيل رامي زياد"),
        "family": _w(
            "الحلبي البغدادي القاسم الزعبي الشريف الهاشمي العباسي المحمود السعدي الأنصاري "
            "الجابري الكبيسي الدوري الفاسي"
        ),
        # the father's given name between one's own and the family's
        "middle_f": _w("محمد أحمد علي عمر خالد يوسف حسن إبراهيم حسين طارق سامي كريم"),
        "middle_m": _w("محمد أحمد علي عمر خالد يوسف حسن إبراهيم حسين طارق سامي كريم"),
        "person": ["{G} {F}", "{G} {M} {F}"],
    },
    "hi": {
        "A": _w(
            "कपूर मल्होत्रा बंसल सक्सेना श्रीवास्तव भाटिया खन्ना मिश्रा पांडे दुबे तिवारी यादव ठाकुर "
            "राठौर निगम कावेरी गोदावरी यमुना अरावली विंध्या"
        ),
        "B": _w("एक्सपोर्ट्स इलेक्ट्रिकल्स केमिकल्स ज्वेलर्स मोटर्स पैकेजिंग प्लास्टिक्स स्टील एग्रो हेल्थकेयर"),
        "C": _w("अहमदाबाद सूरत नागपुर भोपाल पटना वाराणसी कानपुर चंडीगढ़ कोच्चि मैसूर"),
        "org": ["{C} {A} {B} {L}", "{A} & {A2} {B} {L}", "{A} {B} {C}"],
        "given_f": _w("आरती रेखा सीमा ममता रश्मि स्वाति अंजलि पल्लवी निशा शालिनी श्वेता गीता"),
        "given_m": _w("अनिल सुनील मनोज रवि अशोक दीपक नितिन प्रकाश रमेश गौरव आलोक हर्ष"),
        "family": _w(
            "कपूर मल्होत्रा बंसल सक्सेना श्रीवास्तव भाटिया खन्ना मिश्रा पांडे दुबे तिवारी यादव ठाकुर नायर पिल्लई"
        ),
        "middle_f": _w("देवी कुमारी रानी बाला"),
        "middle_m": _w("कुमार प्रसाद लाल नाथ चंद्र सिंह"),
        "person": ["{G} {F}", "{G} {M} {F}"],
    },
}


# --- records -----------------------------------------------------------------------------


def _iso(day: int) -> str:
    return dt.date.fromordinal(day).isoformat()


def _slug(text: str, limit: int = 48) -> str:
    roman = anyascii(text)
    roman = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", roman)  # ShangHai -> Shang Hai
    words = re.findall(r"[a-z0-9]+", roman.lower())
    out = ""
    for w in words:
        if len(out) + len(w) + 1 > limit:
            break
        out = f"{out}-{w}" if out else w
    return out or "client"


def _dates(rng: Random, lo: int, hi: int, n: int) -> list[int]:
    return sorted(rng.randint(lo, hi) for _ in range(n)) if hi >= lo else []


@dataclass
class Client:
    number: int
    data: Data
    shape: _Shape
    header: list[str]
    documents: list[str]  # repository paths of the documents it references
    lang: str


# Clients 1 to this are written byte for byte as before 100,000 clients were asked for, so
# figures measured on them stay comparable; later ones take their names from larger word
# lists under a stricter test (_Taken) and mostly share one phone number per client.
LEGACY_CLIENTS = 10_000
NAME_TRIES = 400  # candidates a later client's name may take before the lists count as used up
NEAR = 90  # percent: two names a syllable apart that are this alike clash (the check flags 92)


@dataclass(frozen=True)
class Naming:
    """A client's name and id, decided in client order (each depends on every earlier one's)
    before the rest of its record, which can then be made in any process."""

    name: str
    core: str  # the name without its legal form
    cid: str
    tries: int = -1  # the first 10,000: the attempt whose name was fresh (40: none was)


Fresh = Callable[[str, int], bool]


class _Builder:
    """Makes client number N from its own random stream; ids, names and phone numbers are
    handed out in order, so a run's first N clients do not depend on how many follow."""

    def __init__(self, cfg: _Cfg, seed: int, today: dt.date) -> None:
        self.cfg, self.seed, self.T = cfg, seed, today.toordinal()
        self.phones: _Phones | Any = _Phones()
        self.ids: set[str] = set()
        self.names: set[str] = set()
        self.taken = _Taken()
        self.langs = list(LANGS)
        self.lang_weights = [LANGS[k]["weight"] for k in self.langs]

    def _start(
        self, number: int, contacts: bool = True
    ) -> tuple[Random, str, Any, Any, str, list[str]]:
        """The first draws of client `number`'s stream: language, place, kind, contacts."""
        rng = Random(f"generate_alt:{self.seed}:{number}")
        lang = rng.choices(self.langs, self.lang_weights)[0]
        L = LANGS[lang]
        place = rng.choices(L["places"], [p[5] for p in L["places"]])[0]
        kind = "individual" if rng.random() < 0.18 else "organization"
        late = number > LEGACY_CLIENTS
        people: list[str] = []
        for _ in range(self._n_contacts(rng, kind) if contacts else 0):
            person = self._person(rng, L, late)
            while late and person in people:  # one e-mail address each
                person = self._person(rng, L, late)
            people.append(person)
        return rng, lang, L, place, kind, people

    def naming(self, number: int) -> Naming:
        """Client `number`'s name and id: call for 1, 2, 3, … in turn."""
        rng, lang, L, _, kind, _ = self._start(number, number <= LEGACY_CLIENTS)
        if number > LEGACY_CLIENTS:
            name, core = self._late_name(number, lang, kind)
            tries = -1
        elif kind == "individual":
            name, tries = self._individual(rng, L, self._fresh_at)
            core = name
        else:
            name, core, tries = self._org(rng, L, self._fresh_at)
        self.taken.add(name)
        if core != name:
            self.taken.add(core)
        return Naming(name, core, self._id(core), tries)

    def client(self, number: int, naming: Naming, phones: Any = None) -> Client:
        rng, lang, L, place, kind, people = self._start(number)
        if naming.tries >= 0:  # the same draws as when the name was chosen
            again: Fresh = lambda _, attempt: attempt == naming.tries  # noqa: E731
            if kind == "individual":
                people[0] = self._individual(rng, L, again)[0]
            else:
                self._org(rng, L, again)
        elif kind == "individual":
            people[0] = naming.name
            for i in range(1, len(people)):
                while people[i] in people[:i]:
                    people[i] = self._person(rng, L, True)
        ctx = _Ctx(rng, L, lang, place, kind, naming.cid, naming.name, people, self.T, self.cfg)
        ctx.late = number > LEGACY_CLIENTS
        data = ctx.build(phones or self.phones)
        shape = _decorate(rng, data, lang)
        header = _header(rng, data, lang)
        return Client(number, data, shape, header, ctx.documents, lang)

    def _n_contacts(self, rng: Random, kind: str) -> int:
        if kind == "individual":
            return 1 if rng.random() < 0.8 else 2
        return rng.choices([1, 2, 3, 4, 5], [15, 30, 28, 17, 10])[0]

    def _person(self, rng: Random, L: dict[str, Any], late: bool = False) -> str:
        g = "f" if rng.random() < 0.5 else "m"
        given = rng.choice(_words(L, "given_" + g, late))
        forms = rng.choice(_words(L, "family", late)).split("/")
        family = forms[-1] if g == "f" else forms[0]
        if "middle" in L:
            given = f"{rng.choice(L['middle'][g])} {given}"
        if L["family_first"]:
            return f"{family}{L.get('family_sep', ' ')}{given}"
        return f"{given} {family}"

    def _org(self, rng: Random, L: dict[str, Any], fresh: Fresh) -> tuple[str, str, int]:
        """A name no earlier client has (legal form aside); past six tries, a place is added."""
        tries = 40
        for attempt in range(40):
            a, a2 = rng.sample(L["A"], 2)
            parts = {"A": a, "A2": a2, "B": rng.choice(L["B"]), "C": rng.choice(L["C"])}
            template = rng.choice(L["org"])
            if attempt >= 6:
                template = template.replace(" {L}", "").replace("{L}", "")
                template += " " + rng.choice(L["C"] + L["A"]) + " {L}"
            core = re.sub(r"\s*\{L\}", "", template).format(**parts)
            if fresh(core, attempt):
                tries = attempt
                break
        legal = rng.choice(L["legal"])
        return template.replace("{L}", legal).format(**parts).strip(), core, tries

    def _individual(self, rng: Random, L: dict[str, Any], fresh: Fresh) -> tuple[str, int]:
        """A person's name no earlier client has; past eight tries, a second family name."""
        tries = 40
        for attempt in range(40):
            name = self._person(rng, L)
            if attempt >= 8:
                extra = rng.choice(L["family"]).split("/")[-1]
                name = (
                    f"{extra}{L.get('family_sep', ' ')}{name}"
                    if L["family_first"]
                    else f"{name}-{extra}"
                )
            if fresh(name, attempt):
                tries = attempt
                break
        return name, tries

    def _fresh_at(self, name: str, attempt: int) -> bool:
        return self._fresh(name)

    def _fresh(self, name: str) -> bool:
        key = " ".join(re.findall(r"[a-z0-9]+", anyascii(name).lower()))
        if key in self.names:
            return False
        self.names.add(key)
        return True

    def _late_name(self, number: int, lang: str, kind: str) -> tuple[str, str]:
        """A name from the larger lists that no earlier client's is alike to (_Taken)."""
        rng = Random(f"generate_alt:name:{self.seed}:{number}")
        L = LANGS[lang]
        for _ in range(NAME_TRIES):
            if kind == "individual":
                name = core = _late_individual(rng, L)
            else:
                name, core = _late_org(rng, L)
            if not self.taken.clashes(name) and not self.taken.clashes(core):
                return name, core
        raise RuntimeError(
            f"client {number:,}: {NAME_TRIES} names in a row were alike to earlier ones; "
            f"the {lang} word lists for an {kind} are used up"
        )

    def _id(self, core: str) -> str:
        base = _slug(core)
        cid, k = base, 1
        while cid in self.ids:
            k += 1
            cid = f"{base}-{k}"
        self.ids.add(cid)
        return cid


class _Ctx:
    """One record's lifecycle and sections, all dates before or on today."""

    def __init__(
        self,
        rng: Random,
        L: dict[str, Any],
        lang: str,
        place: tuple[Any, ...],
        kind: str,
        cid: str,
        name: str,
        people: list[str],
        T: int,
        cfg: _Cfg,
    ) -> None:
        self.rng, self.L, self.lang, self.place, self.kind = rng, L, lang, place, kind
        self.cid, self.name, self.people, self.T, self.cfg = cid, name, people, T, cfg
        self.jur: str = place[4]
        team = cfg.team(self.jur)
        self.team = team
        self.owner = rng.choice(cfg.staff[team])
        self.documents: list[str] = []
        self.frequency = ""
        self.late = False

    def build(self, phones: _Phones) -> Data:
        rng = self.rng
        status = rng.choices(["contact", "active", "paused", "former"], [17, 48, 10, 25])[0]
        d: Data = {"id": self.cid, "name": self.name, "kind": self.kind, "status": status}
        self._lifecycle(d, status)
        d["owner"] = self.owner
        if rng.random() < 0.85:
            d["team"] = self.team
        if rng.random() < 0.8:
            d["industry"] = rng.choice(INDUSTRIES)
        if rng.random() < 0.6:
            d["tags"] = rng.sample(TAGS, rng.randint(1, 4))
        d["jurisdiction"] = self.jur
        if rng.random() < 0.4:
            d["website"] = f"https://www.{self.cid}.example/"
        d["contacts"] = self._contacts(phones)
        consents = self._consents(d)
        comm = self._communication(d, consents)
        if comm:
            d["communication"] = comm
        if rng.random() < 0.85:
            d["address"] = self._address()
        agreements = self._agreements(d)
        if agreements:
            d["agreements"] = agreements
        if consents:
            d["consents"] = consents
        interactions = self._interactions(d)
        if interactions:
            d["interactions"] = interactions
        self._extras(d)
        return d

    def _lifecycle(self, d: Data, status: str) -> None:
        rng, T = self.rng, self.T
        if status == "contact":
            first = T - rng.randint(3, 640)
            hist = [("contact", first)]
        else:
            ended = T - rng.randint(5, 4 * 365 - 30) if status == "former" else T
            first = ended - rng.randint(150, 3400)
            became = first + rng.randint(5, 90)
            hist = [("contact", first), ("active", min(became, ended))]
            if status == "paused" or (status == "former" and rng.random() < 0.3):
                hist.append(("paused", rng.randint(hist[-1][1], max(hist[-1][1], ended - 1))))
            if status == "former":
                hist.append(("former", ended))
        self.first, self.became = first, (hist[1][1] if len(hist) > 1 else None)
        self.end = hist[-1][1] if status == "former" else T
        d["since"] = _iso(hist[-1][1])
        if status == "former":
            d["ended"] = _iso(self.end)
        if (rng.random() < 0.7 and len(hist) > 1) or rng.random() < 0.2:
            d["status_history"] = [{"status": s, "date": _iso(x)} for s, x in hist]
        self.status = status

    def _contacts(self, phones: _Phones) -> list[Data]:
        rng = self.rng
        out: list[Data] = []
        primary = 0 if rng.random() < 0.85 else -1
        # later clients' contacts mostly share the client's first number (a stream of its own,
        # so the record's draws stay those of the first 10,000): there are not enough for all
        shares = Random(f"generate_alt:share:{self.cid}") if self.late else None
        switchboard: str | None = None
        for i, person in enumerate(self.people):
            c: Data = {"name": person}
            if (self.kind == "organization" or i > 0) and rng.random() < 0.85:
                c["role"] = rng.choice(self.L["roles"])
            local = ".".join(re.findall(r"[a-z0-9]+", anyascii(person).lower())) or f"contact{i}"
            if rng.random() < 0.9:
                c["email"] = f"{local}@{self.cid}.example"
            if rng.random() < 0.7:
                number: str | None
                if shares is not None and switchboard and shares.random() < 0.85:
                    number = switchboard
                else:
                    number = phones.take(self.place[0], self.late)
                if number:
                    c["phone"] = number
                    switchboard = switchboard or number
            if i == primary:
                c["primary"] = True
            if rng.random() < 0.3:
                c["preferred_channel"] = rng.choice(["email", "phone", "video", "chat"])
            out.append(c)
        return out

    def _consents(self, d: Data) -> list[Data]:
        rng, T = self.rng, self.T
        out: list[Data] = []
        if self.became is not None and "service" in self.cfg.purposes:
            out.append(self._consent("service", self.became))
        for purpose in self.cfg.purposes:
            if purpose == "service" or rng.random() > 0.35:
                continue
            given = rng.randint(self.first, self.end)
            c = self._consent(purpose, given)
            out.append(c)
            if rng.random() < 0.3 and given < T:
                withdrawn = rng.randint(given, T)
                c["withdrawn"] = _iso(withdrawn)
                if rng.random() < 0.35 and withdrawn + 30 < T:
                    out.append(self._consent(purpose, rng.randint(withdrawn + 30, T)))
        return sorted(out, key=lambda c: c["given"])

    def _consent(self, purpose: str, day: int) -> Data:
        basis, sources = PURPOSE_BASIS.get(purpose, ("consent", ["web form"]))
        c: Data = {"purpose": purpose, "lawful_basis": basis, "given": _iso(day)}
        if self.rng.random() < 0.75:
            c["source"] = self.rng.choice(sources)
        return c

    def _communication(self, d: Data, consents: list[Data]) -> Data:
        rng = self.rng
        if rng.random() < 0.12:
            return {}
        comm: Data = {"channel": rng.choice(["email", "phone", "video", "meeting"])}
        if self.status in ("active", "paused") and rng.random() < 0.8:
            comm["frequency"] = rng.choice(list(FREQ_DAYS))
        self.frequency = comm.get("frequency", "")
        comm["language"] = self.L["tag"]
        comm["timezone"] = self.place[3]
        if self.status != "former":
            live = {c["purpose"] for c in consents if "withdrawn" not in c}
            dead = {c["purpose"] for c in consents} - live
            needs = self.cfg.requires.get(self.jur, set())
            free = [p for p in self.cfg.purposes if p not in needs and p not in dead]
            subs = sorted(live | {p for p in free if rng.random() < 0.2})
            subs = [p for p in subs if p != "service" and rng.random() < 0.8]
            if subs:
                comm["subscriptions"] = subs
        return comm

    def _address(self) -> Data:
        rng, country = self.rng, self.place[0]
        a: Data = {}
        streets = STREETS.get(country, ["Main Street"])
        number = rng.randint(1, 240)
        a["street"] = (
            f"{number} {rng.choice(streets)}"
            if country in ("US", "GB")
            else (f"{rng.choice(streets)} {number}")
        )
        a["city"] = self.place[1]
        code = {"US": "9####", "GB": "@# #@@", "PL": "##-###", "BR": "#####-###", "NL": "#### @@"}
        pattern = code.get(country, "####" if country in ("AT", "BE", "BG", "CY") else "#####")
        if country == "IN":
            pattern = "4#####"
        a["postcode"] = "".join(
            str(rng.randint(0, 9))
            if ch == "#"
            else rng.choice("ABDEHLMNPRSTW")
            if ch == "@"
            else ch
            for ch in pattern
        )
        if rng.random() < 0.7:
            a["region"] = self.place[2]
        a["country"] = country
        return a

    def _agreements(self, d: Data) -> list[Data]:
        rng, out = self.rng, []
        former = self.status == "former"
        if self.became is not None:
            start = self.became
            year = dt.date.fromordinal(start).year
            kinds = [("msa", "Master services agreement")]
            if self.jur != "US-CA" or rng.random() < 0.4:
                kinds.append(("dpa", "Data processing agreement"))
            if rng.random() < 0.3 and start + 200 < self.end:
                kinds.append(("sow", "Statement of work"))
            for key, title in kinds:
                s = start if key != "sow" else rng.randint(start + 30, self.end - 100)
                a: Data = {"id": f"{key}-{dt.date.fromordinal(s).year}", "title": title}
                a["signed"] = _iso(max(self.first, s - rng.randint(0, 20)))
                a["start"] = _iso(s)
                if former or key == "sow":
                    a["end"] = _iso(self.end if key != "sow" else rng.randint(s, self.end))
                if rng.random() < 0.6:
                    a["scope"] = f"{title} for {d.get('industry', 'general')} work, year {year}."
                self._document(a, key, dt.date.fromordinal(s).year)
                out.append(a)
        elif rng.random() < 0.35:
            s = rng.randint(self.first, self.T)
            a = {"id": "nda", "title": "Mutual non-disclosure agreement", "start": _iso(s)}
            self._document(a, "nda", dt.date.fromordinal(s).year)
            out.append(a)
        return sorted(out, key=lambda a: a["start"])

    def _document(self, a: Data, key: str, year: int) -> None:
        roll = self.rng.random()
        if roll < 0.65:
            stem = f"{key}-{year}"
            if self.lang in ("ja", "zh", "el", "bg") and self.rng.random() < 0.15:
                native = {"ja": "契約書", "zh": "合同", "el": "σύμβαση", "bg": "договор"}[self.lang]
                stem = f"{native}-{key}-{year}"
            path = f"documents/{self.cid}/{stem}.pdf"
            a["document"] = path
            self.documents.append(path)
        elif roll < 0.9:
            a["document"] = f"https://contracts.northwind.example/{self.cid}/{key}-{year}"

    def _interactions(self, d: Data) -> list[Data]:
        rng, T = self.rng, self.T
        if self.status == "contact":
            n = rng.choices(range(0, 9), [10, 20, 18, 15, 12, 10, 7, 5, 3])[0]
        else:
            n = min(40, int(41 * rng.random() ** 2.8))
            if self.status == "active":
                n = max(n, 1)
        lo, hi = self.first, self.end
        days = _dates(rng, lo, hi, n)
        if days and self.status == "active":
            days[-1] = max(days[-1], T - rng.randint(0, FREQ_DAYS.get(self.frequency, 80) - 5))
            days.sort()
        staff = self.cfg.staff[self.team]
        out: list[Data] = []
        for k, day in enumerate(days):
            ch = rng.choices(list(OPENERS), [38, 22, 18, 12, 5, 2, 3])[0]
            it: Data = {"date": _iso(day), "channel": ch}
            it["direction"] = "inbound" if rng.random() < 0.45 else "outbound"
            if rng.random() < 0.95:
                it["by"] = self.owner if rng.random() < 0.75 else rng.choice(staff + self.cfg.dpo)
            it["summary"] = self._summary(ch, k == 0)
            if rng.random() < 0.15:
                follow = day + rng.randint(3, 30)
                it["follow_up"] = _iso(follow)
                if (follow <= T and rng.random() < 0.95) or rng.random() < 0.2:
                    it["done"] = True
            out.append(it)
        return out

    def _summary(self, channel: str, first: bool) -> str:
        rng = self.rng
        p = rng.choice(self.people)
        opener = rng.choice(OPENERS[channel]).format(p=p, t=rng.choice(TOPICS))
        if first:
            opener = "First contact. " + opener
        shape = rng.random()
        if shape < 0.35:
            return opener
        sentences = [opener, *rng.sample(FOLLOWS, rng.randint(1, 3))]
        if rng.random() < 0.3:
            sentences.append(rng.choice(self.L["sentences"]).format(p=p))
        if shape < 0.55:
            return " ".join(sentences)
        if shape < 0.8:
            paras = (
                [" ".join(sentences[:2]), " ".join(sentences[2:])]
                if len(sentences) > 2
                else sentences
            )
            return "\n".join(paras) + ("\n" if rng.random() < 0.6 else "")
        return "\n".join([opener, *rng.sample(BULLETS, rng.randint(2, 4))]) + "\n"

    def _extras(self, d: Data) -> None:
        rng, T = self.rng, self.T
        if self.became is not None and rng.random() < 0.35:
            d["projects"] = self._projects()
        if self.status == "active" and rng.random() < 0.3:
            picks = rng.sample(KPIS, rng.randint(1, 3))
            d["kpis"] = [
                {
                    "name": n,
                    "unit": u,
                    "target": t,
                    "actual": round(t * rng.uniform(0.8, 1.1), 1),
                    "as_of": _iso(T - rng.randint(1, 40)),
                }
                for n, u, t in picks
            ]
        if self.became is not None and rng.random() < 0.35:
            days = _dates(rng, self.became, self.end, rng.randint(1, 3))
            d["feedback"] = [
                {"date": _iso(x), "score": rng.choice([5, 7, 8, 8, 9, 9, 10])} for x in days
            ]
            if rng.random() < 0.5:
                d["feedback"][-1]["comment"] = rng.choice(FOLLOWS)
        if self.became is not None and self.cfg.steps and rng.random() < 0.9:
            d["onboarding"] = [
                {"step": s, "done": _iso(min(T, self.became + rng.randint(0, self.cfg.within - 3)))}
                for s in self.cfg.steps
            ]
        if self.status != "former" and self.cfg.intervals and rng.random() < 0.9:
            interval = rng.choice(list(self.cfg.intervals))
            last = T - rng.randint(1, self.cfg.intervals[interval] - 5)
            by = self.owner if rng.random() < 0.7 or not self.cfg.dpo else rng.choice(self.cfg.dpo)
            d["review"] = {"last_reviewed": _iso(last), "interval": interval, "by": by}
        self._retention(d)
        if rng.random() < 0.3:
            lines = [rng.choice(FOLLOWS), rng.choice(self.L["sentences"]).format(p=self.people[0])]
            d["notes"] = "\n".join(lines[: rng.randint(1, 2)]) + "\n"

    def _projects(self) -> list[Data]:
        rng, out = self.rng, []
        for k in range(rng.randint(1, 3)):
            start = rng.randint(self.became, max(self.became, self.end - 60))
            status = "completed" if start + 200 < self.T and rng.random() < 0.6 else "active"
            if self.status == "former":
                status = rng.choice(["completed", "cancelled"])
            p: Data = {
                "id": f"p{k + 1}-{dt.date.fromordinal(start).year}",
                "name": rng.choice(TOPICS).capitalize(),
            }
            p["status"], p["start"] = status, _iso(start)
            stop = min(self.end, start + rng.randint(30, 300))
            if status != "active":
                p["end"] = _iso(max(start, stop))
            names = rng.sample(MILESTONES, rng.randint(0, 3))
            if names:
                p["milestones"] = [
                    {"name": n, "due": _iso(start + 20 * (j + 1))} for j, n in enumerate(names)
                ]
            out.append(p)
        return out

    def _retention(self, d: Data) -> None:
        rng = self.rng
        runs = self.cfg.policies
        if self.status == "contact":
            prospect = [p for p, r in runs.items() if r == "last-interaction"]
            if prospect and rng.random() < 0.8:
                d["retention"] = {"policy": prospect[0]}
            return
        if rng.random() < 0.3:
            return  # the jurisdiction's default applies
        if self.status == "former" and rng.random() < 0.1:
            until = self.T + rng.randint(200, 2000)
            d["retention"] = {
                "retain_until": _iso(until),
                "reason": "Legal hold: open warranty claim.",
            }
            return
        choices = [self.cfg.defaults.get(self.jur, "")]
        if self.status == "former":
            choices += [p for p, r in runs.items() if r == "agreement-end"]
        policy = rng.choice([c for c in choices if c] or list(runs))
        d["retention"] = {"policy": policy}


# --- comments and styles -----------------------------------------------------------------


def _comment(rng: Random, lang: str) -> str:
    if rng.random() < 0.35:
        return rng.choice(COMMENTS_NATIVE[lang])
    return rng.choice(COMMENTS_EN).replace("{n}", str(rng.randint(100, 9999)))


def _decorate(rng: Random, d: Data, lang: str) -> _Shape:
    """Quoting, indentation, flow lists, block styles and comments for one record."""
    shape = _Shape(
        step="    " if rng.random() < 0.15 else "  ",
        seq_indent=rng.random() < 0.7,
        quote=rng.choices(["plain", "single", "double"], [60, 15, 25])[0],
    )
    dec = shape.decor
    if d.get("tags") and rng.random() < 0.5:
        dec[("tags",)] = Decor(style="flow")
    if "subscriptions" in d.get("communication", {}) and rng.random() < 0.5:
        dec[("communication", "subscriptions")] = Decor(style="flow")
    for key in d:
        if key in SECTION_COMMENTS and rng.random() < 0.35:
            dec.setdefault((key,), Decor()).head.append(rng.choice(SECTION_COMMENTS[key]))
    for key in ("status", "owner", "since", "jurisdiction"):
        if rng.random() < 0.12:
            dec.setdefault((key,), Decor()).eol = _comment(rng, lang)
    for i, c in enumerate(d.get("contacts", [])):
        if rng.random() < 0.15:
            dec[("contacts", i)] = Decor(head=[_comment(rng, lang)])
        for k in ("email", "phone", "role"):
            if k in c and rng.random() < 0.07:
                dec[("contacts", i, k)] = Decor(
                    eol=_comment(rng, lang), style=_other_quote(rng, shape)
                )
    if d.get("contacts") and rng.random() < 0.2:
        for c in d["contacts"]:  # hand-written records put fields in their own order
            items = list(c.items())
            rng.shuffle(items)
            c.clear()
            c.update(items)
    for i, it in enumerate(d.get("interactions", [])):
        _decorate_interaction(rng, dec, i, it, lang, shape)
    if isinstance(d.get("notes"), str):
        dec[("notes",)] = Decor(style="literal" if rng.random() < 0.7 else "double")
    for i, c in enumerate(d.get("consents", [])):
        if "withdrawn" in c and rng.random() < 0.5:
            dec[("consents", i, "withdrawn")] = Decor(
                eol=rng.choice(["by email", "unsubscribe link", "in writing"])
            )
    return shape


def _other_quote(rng: Random, shape: _Shape) -> str:
    return rng.choice([q for q in ("plain", "single", "double") if q != shape.quote])


def _decorate_interaction(
    rng: Random, dec: dict[Path_, Decor], i: int, it: Data, lang: str, shape: _Shape
) -> None:
    p = ("interactions", i)
    if rng.random() < 0.08:
        dec[p] = Decor(head=[f"{it['date'][:7]}: {_comment(rng, lang)}"])
    summary = it["summary"]
    if "\n" in summary:
        bullets = "\n- " in summary
        style = "literal" if bullets or rng.random() < 0.5 else "folded"
        dec[(*p, "summary")] = Decor(style=style if rng.random() < 0.9 else "double")
    elif len(summary) > 70 and rng.random() < 0.3:
        dec[(*p, "summary")] = Decor(style="folded")
    elif rng.random() < 0.2:
        dec[(*p, "summary")] = Decor(style=_other_quote(rng, shape))
    if "follow_up" in it and rng.random() < 0.3:
        dec[(*p, "follow_up")] = Decor(eol=_comment(rng, lang))


def _header(rng: Random, d: Data, lang: str) -> list[str]:
    if rng.random() < 0.4:
        return []
    lines = [f"{d['name']} — client record"]
    if rng.random() < 0.5:
        lines.append(f"Owner: {d['owner']}; {_comment(rng, lang)}")
    return lines


# --- writing -----------------------------------------------------------------------------

PDF = (
    "%PDF-1.4\n% Fictitious document written by bench/generate_alt.py for benchmarks.\n"
    "% {path}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)


def _clients(count: int, seed: int, today: dt.date) -> list[Client]:
    cfg = _Cfg.read(ROOT / "clientbook.yaml")
    builder = _Builder(cfg, seed, today)
    namings = [builder.naming(n) for n in range(1, count + 1)]
    return [builder.client(n, namings[n - 1]) for n in range(1, count + 1)]


def _write(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


LAYOUTS = ("flat", "prefix2", "by-team")


def layout_path(layout: str, client_id: str, team: str) -> str:
    """A client file's repository path, as clientbook's core.repo.layout_file puts it."""
    if layout == "prefix2":
        return f"clients/{client_id[:2]}/{client_id}.yaml"
    if layout == "by-team":
        return f"clients/{team or 'no-team'}/{client_id}.yaml"
    return f"clients/{client_id}.yaml"


def layout_modeline(layout: str) -> str:
    return MODELINE if layout == "flat" else MODELINE.replace("=../", "=../../", 1)


def _documents(out: Path, paths: list[str]) -> None:
    for doc in paths:
        target = out / doc
        target.parent.mkdir(parents=True, exist_ok=True)
        _write(target, PDF.format(path=doc))


def generate(
    out: Path,
    count: int,
    seed: int = 1,
    today: str = DEFAULT_TODAY,
    history: int = 0,
    layout: str = "flat",
    jobs: int = 0,
) -> list[Client]:
    """Write the repository to `out` (its clients/ and documents/ are emptied first).

    Returns the clients, except when more than PARALLEL_FROM are made in `jobs` processes
    (0: one per CPU) without a history: then none, so 100,000 are not all held at once."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, not {layout!r}")
    out = Path(out)
    day = dt.date.fromisoformat(today)
    out.mkdir(parents=True, exist_ok=True)
    config = (ROOT / "clientbook.yaml").read_text(encoding="utf-8")
    if layout != "flat":
        config = config.rstrip("\n") + f"\n\nlayout: {layout}\n"
    (out / "clientbook.yaml").write_text(config, encoding="utf-8", newline="\n")
    shutil.copytree(ROOT / "schemas", out / "schemas", dirs_exist_ok=True)
    for sub in ("clients", "documents"):
        shutil.rmtree(out / sub, ignore_errors=True)
        (out / sub).mkdir()
    builder = _Builder(_Cfg.read(ROOT / "clientbook.yaml"), seed, day)
    jobs = jobs or os.cpu_count() or 1
    keep = bool(history) or jobs <= 1 or count < PARALLEL_FROM
    writer = _Writer(out, layout)
    if jobs > 1 and count >= PARALLEL_FROM:
        made = _forked(builder, count, out, layout, jobs, keep)
    else:
        made = _here(builder, count, out, layout)
    clients = [c for c in (writer.write(*m) for m in made) if c is not None and keep]
    if history:
        _history(out, clients, history, seed, day, layout)
    return clients


PARALLEL_FROM = 2000  # fewer clients are written faster than processes start
CHUNK = 100  # clients a worker makes at a time

Made = tuple[str, str, "Client | None"]  # a client file's path, its text and (kept) the client


class _Writer:
    """Writes the client files in client order, making the folders a layout needs."""

    def __init__(self, out: Path, layout: str) -> None:
        self.out, self.layout = out, layout
        self.folders: set[Path] = set()

    def write(self, path: str, text: str, client: Client | None) -> Client | None:
        target = self.out / path
        if target.parent not in self.folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(target.parent)
        _write(target, text)
        return client


def _here(builder: _Builder, count: int, out: Path, layout: str) -> Iterator[Made]:
    modeline = layout_modeline(layout)
    for n in range(1, count + 1):
        naming = builder.naming(n)
        c = builder.client(n, naming)
        _documents(out, c.documents)
        path = layout_path(layout, naming.cid, c.data.get("team", ""))
        yield path, render(c.data, c.shape, c.header, modeline), c


class _Placeholders:
    """Stands in for _Phones in a worker: the k-th number a record asks for is "+000…0k", quoted
    as any number starting with + is, and the parent, handing out the real ones in client
    order, writes them in its place."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, bool]] = []

    def take(self, country: str, strict: bool = False) -> str | None:
        self.asked.append((country, strict))
        return f"+{len(self.asked):013d}"


_worker: dict[str, Any] = {}
Task = tuple[int, list[Naming]]  # the first client's number, and the names of a run of clients


def _make_chunk(task: Task) -> list[tuple[int, str, str, list[tuple[str, bool]], Client | None]]:
    builder, out, layout, keep = (_worker[k] for k in ("builder", "out", "layout", "keep"))
    modeline = layout_modeline(layout)
    made = []
    for n, naming in enumerate(task[1], task[0]):
        slots = _Placeholders()
        c = builder.client(n, naming, slots)
        _documents(out, c.documents)  # they do not depend on phone numbers
        path = layout_path(layout, naming.cid, c.data.get("team", ""))
        text = render(c.data, c.shape, c.header, modeline)
        made.append((n, path, text, slots.asked, c if keep else None))
    return made


def _tasks(builder: _Builder, count: int, namings: list[Naming]) -> Iterator[Task]:
    """The names, CHUNK clients at a time; run by the pool's feeding thread while the workers
    make the clients named so far."""
    for first in range(1, count + 1, CHUNK):
        named = [builder.naming(n) for n in range(first, min(first + CHUNK, count + 1))]
        namings.extend(named)
        yield first, named


def _forked(
    builder: _Builder, count: int, out: Path, layout: str, jobs: int, keep: bool
) -> Iterator[Made]:
    """The records made in `jobs` forked processes, phone numbers filled in here in order."""
    import multiprocessing

    _worker.update(builder=builder, out=out, layout=layout, keep=keep)
    phones = builder.phones
    namings: list[Naming] = []
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        for made in pool.imap(_make_chunk, _tasks(builder, count, namings)):
            for n, path, text, asked, c in made:
                state = (dict(phones.used), dict(phones.extra_used))
                numbers = [phones.take(country, strict) for country, strict in asked]
                if None in numbers:  # the pools ran dry: made again here, as it comes out then
                    phones.used, phones.extra_used = state
                    again = builder.client(n, namings[n - 1])
                    text = render(again.data, again.shape, again.header, layout_modeline(layout))
                    yield path, text, again if keep else None
                    continue
                for k, number in enumerate(numbers, 1):
                    text = text.replace(f"+{k:013d}", str(number))
                if c is not None:
                    for contact in c.data.get("contacts", []):
                        if "phone" in contact:
                            contact["phone"] = numbers[int(contact["phone"][1:]) - 1]
                yield path, text, c


# --- history -----------------------------------------------------------------------------


def as_of(d: Data, day: str) -> Data:
    """The record as it stood on `day`: what happened later not yet written down."""
    r = dict(d)
    for key, date_key in (("interactions", "date"), ("feedback", "date"), ("agreements", "start")):
        if key in r:
            kept = [x for x in r[key] if x[date_key] <= day]
            if kept:
                r[key] = kept
            else:
                del r[key]
    if "consents" in r:
        kept = [
            {k: v for k, v in c.items() if k != "withdrawn" or v <= day}
            for c in r["consents"]
            if c["given"] <= day
        ]
        r["consents"] = kept
        if not kept:
            del r["consents"]
    hist = [h for h in r.get("status_history", []) if h["date"] <= day]
    if hist:
        r["status_history"] = hist
        r["status"], r["since"] = hist[-1]["status"], hist[-1]["date"]
        if r["status"] != "former":
            r.pop("ended", None)
    if r.get("review", {}).get("last_reviewed", "") > day:
        del r["review"]
    if "onboarding" in r:
        r["onboarding"] = [
            s if s.get("done", "") <= day else {"step": s["step"]} for s in r["onboarding"]
        ]
    return r


def _change_days(d: Data) -> list[str]:
    days = {d["since"], d.get("ended", d["since"])}
    for key, k in (
        ("interactions", "date"),
        ("feedback", "date"),
        ("agreements", "start"),
        ("status_history", "date"),
    ):
        days.update(x[k] for x in d.get(key, []))
    for c in d.get("consents", []):
        days.update(v for k, v in c.items() if k in ("given", "withdrawn"))
    if "review" in d:
        days.add(d["review"]["last_reviewed"])
    days.update(s["done"] for s in d.get("onboarding", []) if "done" in s)
    return sorted(days)


# nine fixed authors: the config's staff, then two who are not staff
EXTRA_AUTHORS = [
    ("Records Bot", "records-bot@northwind.example"),
    ("Ιωάννα Παππά", "ioanna.pappa@northwind.example"),
]
ZONES = ["+0100", "+0100", "-0300", "-0800", "+0530", "+0900", "+0200", "+0000", "-0500"]
GIT_ENV = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "LC_ALL": "C.UTF-8"}


NEW, STEP, FINAL = 0, 1, 2  # what an event brings: a client first seen, a later state, its last


def _events(
    clients: list[Client], commits: int, rng: Random, start: str
) -> tuple[list[int], list[tuple[str, int, int]]]:
    """Records in the first commit, and (day, client index, kind) events after it."""
    imported, mandatory, optional = [], [], []
    for i, c in enumerate(clients):
        days = _change_days(c.data)
        later = [x for x in days if x > start]
        if days[0] <= start:
            imported.append(i)
        else:
            first = later.pop(0)
            mandatory.append((first, i, NEW if later else FINAL))
        if later:
            mandatory.append((later.pop(), i, FINAL))
        optional.extend((x, i, STEP) for x in later)
    want = max(0, 2 * (commits - 1) - len(mandatory))
    events = mandatory + rng.sample(optional, min(want, len(optional)))
    return imported, sorted(events)


def _groups(events: list[Any], commits: int, rng: Random) -> list[list[Any]]:
    """The events cut into at most commits - 1 runs of consecutive days."""
    n = max(1, min(commits - 1, len(events)))
    cuts = sorted(rng.sample(range(1, len(events)), n - 1)) if len(events) > 1 else []
    return [events[a:b] for a, b in zip([0, *cuts], [*cuts, len(events)], strict=True) if b > a]


def _version(
    c: Client, data: Data, with_documents: bool, layout: str = "flat"
) -> list[tuple[str, bytes]]:
    path = layout_path(layout, c.data["id"], c.data.get("team", ""))
    ops = [(path, render(data, c.shape, c.header, layout_modeline(layout)).encode())]
    if with_documents:
        ops.extend((doc, PDF.format(path=doc).encode()) for doc in c.documents)
    return ops


def _fast_import_stream(
    out: Path, clients: list[Client], commits: int, seed: int, today: dt.date, layout: str
) -> bytes:
    rng = Random(f"generate_alt-history:{seed}")
    start = dt.date.fromordinal(today.toordinal() - 365 * HISTORY_YEARS)
    cut = start.isoformat()
    imported, events = _events(clients, commits, rng, cut)
    authors = [*_authors(out), *EXTRA_AUTHORS]
    stamp = int(dt.datetime.combine(start, dt.time(9), dt.UTC).timestamp())
    files = ["clientbook.yaml", ".gitignore"]
    files += [str(p.relative_to(out)) for p in sorted((out / "schemas").rglob("*")) if p.is_file()]
    ops = [(f, (out / f).read_bytes()) for f in files]
    for i in imported:
        c = clients[i]
        done = _change_days(c.data)[-1] <= cut
        ops += _version(c, c.data if done else as_of(c.data, cut), True, layout)
    message = f"Import {len(imported)} clients from the old CRM\n"
    chunks = [_commit(1, authors[-2], ZONES[-2], stamp, message, ops)]
    for k, group in enumerate(_groups(events, commits, rng), start=2):
        day = dt.datetime.combine(dt.date.fromisoformat(group[-1][0]), dt.time(8), dt.UTC)
        stamp = max(stamp + 60, int(day.timestamp()) + rng.randint(0, 36000))
        ops, names = [], []
        for when, i, kind in group:
            c = clients[i]
            data = c.data if kind == FINAL else as_of(c.data, when)
            ops += _version(c, data, kind != STEP, layout)
            names.append(c.data["name"])
        who = rng.randrange(len(authors))
        if len(names) == 1:
            message = f"{'Add' if group[0][2] == NEW else 'Update'} {names[0]}\n"
        else:
            message = f"Update {len(names)} clients\n\n" + "".join(f"- {n}\n" for n in names)
        chunks.append(_commit(k, authors[who], ZONES[who % len(ZONES)], stamp, message, ops))
    return b"".join(chunks)


def _authors(out: Path) -> list[tuple[str, str]]:
    return _Cfg.read(out / "clientbook.yaml").authors


def _commit(
    mark: int,
    author: tuple[str, str],
    zone: str,
    stamp: int,
    message: str,
    ops: list[tuple[str, bytes]],
) -> bytes:
    msg = message.encode()
    who = f"{author[0]} <{author[1]}> {stamp} {zone}".encode()
    parts = [
        b"commit refs/heads/main\n",
        b"mark :%d\n" % mark,
        b"author " + who + b"\n",
        b"committer " + who + b"\n",
    ]
    parts.append(b"data %d\n" % len(msg) + msg + b"\n")
    if mark > 1:
        parts.append(b"from :%d\n" % (mark - 1))
    for path, blob in ops:
        parts.append(
            b'M 100644 inline "' + path.replace("\\", "\\\\").replace('"', '\\"').encode() + b'"\n'
        )
        parts.append(b"data %d\n" % len(blob) + blob + b"\n")
    return b"".join(parts)


def _history(
    out: Path, clients: list[Client], commits: int, seed: int, today: dt.date, layout: str
) -> None:
    env = {**os.environ, **GIT_ENV}
    shutil.rmtree(out / ".git", ignore_errors=True)
    _write(out / ".gitignore", "/.clientbook/\n")
    subprocess.run(["git", "init", "-q", "-b", "main", str(out)], check=True, env=env)
    stream = _fast_import_stream(out, clients, commits, seed, today, layout)
    subprocess.run(
        ["git", "-C", str(out), "fast-import", "--quiet"], input=stream, check=True, env=env
    )
    subprocess.run(["git", "-C", str(out), "reset", "-q"], check=True, env=env)
    left = subprocess.run(
        ["git", "-C", str(out), "status", "--porcelain", "--untracked-files=all"],
        check=True,
        env=env,
        capture_output=True,
        text=True,
    ).stdout
    if left.strip():
        raise SystemExit(f"the history does not end in the files written:\n{left[:2000]}")


# --- command line ------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--count", type=int, required=True, help="how many clients to write")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, required=True, help="the repository folder to write")
    parser.add_argument(
        "--today", default=DEFAULT_TODAY, help=f"the reference date (default {DEFAULT_TODAY})"
    )
    parser.add_argument(
        "--history",
        type=int,
        default=0,
        metavar="COMMITS",
        help="also make a git history of this many commits",
    )
    parser.add_argument(
        "--layout", choices=LAYOUTS, default="flat", help="folders under clients/ (default flat)"
    )
    parser.add_argument(
        "--jobs", type=int, default=0, help="processes to make records in (default: CPUs)"
    )
    args = parser.parse_args(argv)
    if args.count < 0:
        parser.error("--count must be 0 or more")
    if args.history < 0:
        parser.error("--history must be 0 or more")
    if args.jobs < 0:
        parser.error("--jobs must be 0 (one per CPU) or more")
    try:
        dt.date.fromisoformat(args.today)
    except ValueError:
        parser.error("--today must be YYYY-MM-DD")
    started = time.perf_counter()
    generate(args.out, args.count, args.seed, args.today, args.history, args.layout, args.jobs)
    what = f" and {args.history} commits" if args.history else ""
    print(
        f"wrote {args.count} clients{what} to {args.out} in {time.perf_counter() - started:.1f}s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
