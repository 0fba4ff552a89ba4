"""The directory's words: how a row's search text and a typed query are cut into terms.

The build cuts each client's search text into terms and indexes them; the
page's script (app.js) cuts what is typed the same way and looks each term up
as the start of a word. Both must agree to the character, so every rule here
has its twin in app.js, written the same way:

- folding: lower case, then accents taken off Latin, Greek and Cyrillic letters
  ("São" → "sao", "Łódź" → "lodz", "Ærø" → "aero"); other scripts as written;
- words: runs of anything but spaces, punctuation and symbols (an email is
  three or more words: "jo.smith@acme.example" → jo, smith, acme, example);
  Chinese and Japanese characters, written without spaces, are a word each;
- the file a term is looked up in: a hash of its first two characters (a
  one-character term stands for every word starting with it, and has its own
  entry), so that what a keystroke needs is one small file.
"""

from __future__ import annotations

import re
import unicodedata

# Letters that are not a letter with an accent to Unicode, folded as a reader would.
LETTERS = {
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "ø": "o",
    "đ": "d",
    "ð": "d",
    "ł": "l",
    "ı": "i",
    "þ": "th",
    "ς": "σ",
}
_ACCENTED = re.compile("[\u00c0-\u024f\u0370-\u04ff\u1e00-\u1fff]")
_MARKS = re.compile("[\u0300-\u036f]")
# spaces, ASCII punctuation and symbols, Latin-1's, general and CJK punctuation, full-width forms
SEPARATORS = (
    "\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f\u00a0-\u00bf\u00d7\u00f7\u2000-\u206f"
    "\u2e00-\u2e7f\u3000-\u303f\ufe30-\ufe4f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
)
# kana and CJK ideographs: a word each
SINGLES = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORDS = re.compile(f"[{SINGLES}]|[^{SEPARATORS}{SINGLES}]+")
_ASCII_WORDS = re.compile("[0-9a-z]+")


def _fold_letter(match: re.Match[str]) -> str:
    letter = match.group()
    return LETTERS.get(letter) or _MARKS.sub("", unicodedata.normalize("NFD", letter))


def fold(text: str) -> str:
    """`text` as the search compares it: lower case, accents off Latin, Greek, Cyrillic."""
    lower = text.lower()
    if lower.isascii():
        return lower
    return _MARKS.sub("", _ACCENTED.sub(_fold_letter, lower))


def words(text: str) -> list[str]:
    """The words of `text`, folded, in order (repeats kept)."""
    folded = fold(text)
    if folded.isascii():
        return _ASCII_WORDS.findall(folded)
    return _WORDS.findall(folded)


def key(term: str) -> str:
    """The entry a term is looked up under: its first two characters."""
    return term[:2]


def file_of(term: str, files: int) -> int:
    """The search file holding `term`'s entry: FNV-1a of its key's code points, as app.js."""
    h = 2166136261
    for char in key(term):
        h = ((h ^ ord(char)) * 16777619) & 0xFFFFFFFF
    return h % files


def js_order(term: str) -> bytes:
    """Where a term sorts in a search file: by UTF-16 code units, as JavaScript compares."""
    return term.encode("utf-16-be")
