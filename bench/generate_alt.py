#!/usr/bin/env python3
"""A second, independently written generator of synthetic clientbook repositories.

    python bench/generate_alt.py --count 10000 --seed 1 --out bench/out/alt-10000 \
        [--today 2026-11-23] [--history COMMITS]

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
(count, seed, today), and the first N clients of a larger run are those of --count N.

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


class _Phones:
    """Each reserved number at most once, walked in a fixed pseudo-random order per pool."""

    def __init__(self) -> None:
        self.pools = _phone_pools()
        self.used = dict.fromkeys(self.pools, 0)

    def take(self, country: str) -> str | None:
        first = "US" if country == "US" else "AU" if country in ("IN", "BR") else "GB"
        for name in (first, "AU", "GB"):
            pool, i = self.pools[name], self.used[name]
            if i < len(pool):
                self.used[name] = i + 1
                return pool[(i * 7919) % len(pool)]  # 7919 is prime and divides no pool size
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


def _quote(s: str, style: str) -> str:
    if "\n" in s:
        return json.dumps(s, ensure_ascii=False)
    if style == "plain" and _plain_ok(s):
        return s
    if style == "single" or (style == "plain" and "\\" not in s):
        return "'" + s.replace("'", "''") + "'"
    return json.dumps(s, ensure_ascii=False)


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


def render(data: Data, shape: _Shape, header: list[str]) -> str:
    out = [MODELINE, *("# " + h for h in header)]
    _emit(data, (), "", out, shape)
    out.append("")
    return "\n".join(out)


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


class _Builder:
    """Makes client number N from its own random stream; ids, names and phone numbers are
    handed out in order, so a run's first N clients do not depend on how many follow."""

    def __init__(self, cfg: _Cfg, seed: int, today: dt.date) -> None:
        self.cfg, self.seed, self.T = cfg, seed, today.toordinal()
        self.phones = _Phones()
        self.ids: set[str] = set()
        self.names: set[str] = set()
        self.langs = list(LANGS)
        self.lang_weights = [LANGS[k]["weight"] for k in self.langs]

    def client(self, number: int) -> Client:
        rng = Random(f"generate_alt:{self.seed}:{number}")
        lang = rng.choices(self.langs, self.lang_weights)[0]
        L = LANGS[lang]
        place = rng.choices(L["places"], [p[5] for p in L["places"]])[0]
        kind = "individual" if rng.random() < 0.18 else "organization"
        people = [self._person(rng, L) for _ in range(self._n_contacts(rng, kind))]
        if kind == "individual":
            name = core = people[0] = self._individual(rng, L)
        else:
            name, core = self._org(rng, L)
        cid = self._id(core)
        ctx = _Ctx(rng, L, lang, place, kind, cid, name, people, self.T, self.cfg)
        data = ctx.build(self.phones)
        shape = _decorate(rng, data, lang)
        header = _header(rng, data, lang)
        return Client(number, data, shape, header, ctx.documents, lang)

    def _n_contacts(self, rng: Random, kind: str) -> int:
        if kind == "individual":
            return 1 if rng.random() < 0.8 else 2
        return rng.choices([1, 2, 3, 4, 5], [15, 30, 28, 17, 10])[0]

    def _person(self, rng: Random, L: dict[str, Any]) -> str:
        g = "f" if rng.random() < 0.5 else "m"
        given = rng.choice(L["given_" + g])
        forms = rng.choice(L["family"]).split("/")
        family = forms[-1] if g == "f" else forms[0]
        if "middle" in L:
            given = f"{rng.choice(L['middle'][g])} {given}"
        if L["family_first"]:
            return f"{family}{L.get('family_sep', ' ')}{given}"
        return f"{given} {family}"

    def _org(self, rng: Random, L: dict[str, Any]) -> tuple[str, str]:
        """A name no earlier client has (legal form aside); past six tries, a place is added."""
        for attempt in range(40):
            a, a2 = rng.sample(L["A"], 2)
            parts = {"A": a, "A2": a2, "B": rng.choice(L["B"]), "C": rng.choice(L["C"])}
            template = rng.choice(L["org"])
            if attempt >= 6:
                template = template.replace(" {L}", "").replace("{L}", "")
                template += " " + rng.choice(L["C"] + L["A"]) + " {L}"
            core = re.sub(r"\s*\{L\}", "", template).format(**parts)
            if self._fresh(core):
                break
        legal = rng.choice(L["legal"])
        return template.replace("{L}", legal).format(**parts).strip(), core

    def _individual(self, rng: Random, L: dict[str, Any]) -> str:
        """A person's name no earlier client has; past eight tries, a second family name."""
        for attempt in range(40):
            name = self._person(rng, L)
            if attempt >= 8:
                extra = rng.choice(L["family"]).split("/")[-1]
                name = (
                    f"{extra}{L.get('family_sep', ' ')}{name}"
                    if L["family_first"]
                    else f"{name}-{extra}"
                )
            if self._fresh(name):
                break
        return name

    def _fresh(self, name: str) -> bool:
        key = " ".join(re.findall(r"[a-z0-9]+", anyascii(name).lower()))
        if key in self.names:
            return False
        self.names.add(key)
        return True

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
        for i, person in enumerate(self.people):
            c: Data = {"name": person}
            if (self.kind == "organization" or i > 0) and rng.random() < 0.85:
                c["role"] = rng.choice(self.L["roles"])
            local = ".".join(re.findall(r"[a-z0-9]+", anyascii(person).lower())) or f"contact{i}"
            if rng.random() < 0.9:
                c["email"] = f"{local}@{self.cid}.example"
            if rng.random() < 0.7:
                number = phones.take(self.place[0])
                if number:
                    c["phone"] = number
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
    return [builder.client(n) for n in range(1, count + 1)]


def _write(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def generate(
    out: Path, count: int, seed: int = 1, today: str = DEFAULT_TODAY, history: int = 0
) -> list[Client]:
    """Write the repository to `out` (its clients/ and documents/ are emptied first)."""
    out = Path(out)
    day = dt.date.fromisoformat(today)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "clientbook.yaml", out / "clientbook.yaml")
    shutil.copytree(ROOT / "schemas", out / "schemas", dirs_exist_ok=True)
    for sub in ("clients", "documents"):
        shutil.rmtree(out / sub, ignore_errors=True)
        (out / sub).mkdir()
    clients = _clients(count, seed, day)
    for c in clients:
        _write(out / "clients" / f"{c.data['id']}.yaml", render(c.data, c.shape, c.header))
        for doc in c.documents:
            target = out / doc
            target.parent.mkdir(parents=True, exist_ok=True)
            _write(target, PDF.format(path=doc))
    if history:
        _history(out, clients, history, seed, day)
    return clients


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


def _version(c: Client, data: Data, with_documents: bool) -> list[tuple[str, bytes]]:
    ops = [(f"clients/{c.data['id']}.yaml", render(data, c.shape, c.header).encode())]
    if with_documents:
        ops.extend((doc, PDF.format(path=doc).encode()) for doc in c.documents)
    return ops


def _fast_import_stream(
    out: Path, clients: list[Client], commits: int, seed: int, today: dt.date
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
        ops += _version(c, c.data if done else as_of(c.data, cut), True)
    message = f"Import {len(imported)} clients from the old CRM\n"
    chunks = [_commit(1, authors[-2], ZONES[-2], stamp, message, ops)]
    for k, group in enumerate(_groups(events, commits, rng), start=2):
        day = dt.datetime.combine(dt.date.fromisoformat(group[-1][0]), dt.time(8), dt.UTC)
        stamp = max(stamp + 60, int(day.timestamp()) + rng.randint(0, 36000))
        ops, names = [], []
        for when, i, kind in group:
            c = clients[i]
            data = c.data if kind == FINAL else as_of(c.data, when)
            ops += _version(c, data, kind != STEP)
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


def _history(out: Path, clients: list[Client], commits: int, seed: int, today: dt.date) -> None:
    env = {**os.environ, **GIT_ENV}
    shutil.rmtree(out / ".git", ignore_errors=True)
    _write(out / ".gitignore", "/.clientbook/\n")
    subprocess.run(["git", "init", "-q", "-b", "main", str(out)], check=True, env=env)
    stream = _fast_import_stream(out, clients, commits, seed, today)
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
    args = parser.parse_args(argv)
    if args.count < 0:
        parser.error("--count must be 0 or more")
    if args.history < 0:
        parser.error("--history must be 0 or more")
    try:
        dt.date.fromisoformat(args.today)
    except ValueError:
        parser.error("--today must be YYYY-MM-DD")
    started = time.perf_counter()
    generate(args.out, args.count, args.seed, args.today, args.history)
    what = f" and {args.history} commits" if args.history else ""
    print(
        f"wrote {args.count} clients{what} to {args.out} in {time.perf_counter() - started:.1f}s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
