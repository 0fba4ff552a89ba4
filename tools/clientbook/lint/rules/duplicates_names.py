"""Whether two client names are alike: the same, transliterated, phonetic or fuzzy.

`compare_names` is the one decision; `alike_names` finds the pairs it could
accept without comparing all n² of them (blocking, as record linkage calls it):

- equal spellings meet in a hash index of the folded name (below);
- names that sound alike meet in a hash index of their words' phonetic codes;
- names a typo apart meet in the sorted-neighbourhood method: the folded names
  are sorted three ways (as written, reversed, and with their words sorted) and
  each is compared with its next few neighbours, so a typo at the start, a typo
  at the end and swapped words all bring the two names next to each other.

Folding undoes what writing a name in another script or keyboard does to it:
the name is already ASCII (normalise_name transliterates with anyascii, so
'Мюллер' is 'myuller' and 'Müller' is 'muller'); folding then writes the
German digraphs ae, oe, ue as the vowel alone ('mueller' → 'muller') and drops
the y that a Cyrillic ю or ё leaves after a consonant ('myuller' → 'muller'),
so all three spellings meet. The phonetic code is jellyfish's metaphone of
each folded word, after a few spellings that differ between German and
Cyrillic transliteration are made one (sch/sh; kh, ch and h, as Cyrillic х writes both; th/t; w/v; final iy/y).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

# Words many unrelated clients share: a name that differs from another only in
# the words that are not these is a different client ("Amber Consulting Group"
# and "Ember Consulting Group"), however alike the whole strings are.
COMMON_WORDS = frozenset(
    """
    and of the for at in on de la le des du der die das und et y e von van
    group groupe gruppe holding holdings partners partner associates associate
    services service solutions solution systems system technologies technology tech
    consulting consultants consultancy management logistics trading international
    global national industries industry enterprises enterprise international
    company companies capital ventures investments finance financial agency
    studio studios labs lab media digital software networks network energy
    health care healthcare medical pharma foods food retail supplies supply
    engineering construction properties property estates realty design
    marketing communications transport freight shipping imports exports
    north south east west central northern southern eastern western
    """.split()  # noqa: SIM905 (a word list reads better as words)
)

PHONETIC_FLOOR = 0.8  # the folded names' ratio a phonetic match needs besides equal codes
WORD_FLOOR = 0.75  # and each pair of differing words: metaphone alone pairs 'Zephyr' and 'Sapphire'
BLOCK_CAP = 50  # a phonetic code more names share than this tells nothing; its block is skipped
WINDOW = 6  # neighbours each name is compared with, in each sorted order

_DIGRAPH = re.compile(r"(?<=[a-z])([aou])e|^([aou])e(?=[a-z])")
_CYRILLIC_Y = re.compile(r"(?<=[bcdfghjklmnpqrstvwxz])y(?=[uo])")
_SOUNDS = (("sch", "sh"), ("kh", "h"), ("ch", "h"), ("th", "t"), ("w", "v"))
_FINAL_IY = re.compile(r"(?<=[a-z])[iy]y$")


def fold(word: str) -> str:
    """A word with the spellings transliteration varies made one: 'mueller', 'myuller' → 'muller'."""
    return _CYRILLIC_Y.sub("", _DIGRAPH.sub(lambda m: m.group(1) or m.group(2), word))


def sound(word: str) -> str:
    """The phonetic code of a folded word (digits and the like stand for themselves)."""
    if not word.isascii() or not word.isalpha():
        return word
    for written, said in _SOUNDS:
        word = word.replace(written, said)
    # imported here: only a run that compares names needs it
    import jellyfish

    return jellyfish.metaphone(_FINAL_IY.sub("i", word)) or word


class NameKeys(NamedTuple):
    """What names are compared by, made once per record (a tuple: 10,000 are made per run)."""

    normalised: str
    folded: str
    sorted_words: str
    significant: str  # the folded words that are not COMMON_WORDS (all of them when none is)
    sounds: tuple[str, ...]
    # the first letters of the significant words, sorted: people mistype the middle of a word,
    # seldom its first letter, so 'Hansen Marine' and 'Jansen Marine' are two names (numbers are
    # left to the ratio: 'Acme 1' and 'Acme 2' are as alike as ever)
    initials: str
    foreign: bool  # the name as written has letters outside ASCII


def name_keys(name: str, normalised: str) -> NameKeys:
    return all_name_keys([(name, normalised)])[0]


def all_name_keys(names: Iterable[tuple[str, str]]) -> list[NameKeys]:
    """The keys of each (name, normalised name); each distinct word is folded and coded once."""
    words: dict[str, tuple[str, str]] = {}
    out = []
    for name, normalised in names:
        split = normalised.split()
        for w in split:
            if w not in words:
                folded = fold(w)
                words[w] = (folded, sound(folded))
        folded_words = [words[w][0] for w in split]
        significant = [w for w in folded_words if w not in COMMON_WORDS] or folded_words
        out.append(
            NameKeys(
                normalised,
                " ".join(folded_words),
                " ".join(sorted(folded_words)),
                " ".join(significant),
                tuple(words[w][1] for w in split),
                "".join(sorted(w[0] for w in significant if w[0].isalpha())),
                not name.isascii(),
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class NameMatch:
    """Why two names are alike: `kind` is same, transliterated, phonetic or fuzzy."""

    kind: str
    score: float
    why: str


def compare_names(a: NameKeys, b: NameKeys, threshold: float) -> NameMatch | None:
    """Whether two names are the same client's, and why; None when they are not alike."""
    if not a.folded or not b.folded:
        return None
    if a.normalised == b.normalised and not (a.foreign or b.foreign):
        return NameMatch("same", 1.0, "the same name")
    if a.folded == b.folded:
        return NameMatch("transliterated", 1.0, f"the same name once transliterated, '{a.folded}'")
    if a.sorted_words == b.sorted_words:
        # only a pure reordering: words reordered *and* respelled ('Cobalt Harbor 2',
        # 'Harbor Cobalt 7') are too far apart to call one name
        return NameMatch("fuzzy", 1.0, "the same words in another order")
    from rapidfuzz import fuzz

    whole = fuzz.ratio(a.folded, b.folded) / 100
    score = min(whole, fuzz.ratio(a.significant, b.significant) / 100)
    if a.sounds == b.sounds and whole >= PHONETIC_FLOOR and _words_alike(a, b):
        return NameMatch(
            "phonetic", score, f"names that sound alike, '{' '.join(a.sounds)}', {whole:.0%} alike"
        )
    if score >= threshold and a.initials == b.initials:
        return NameMatch("fuzzy", score, f"a name {score:.0%} alike")
    return None


def _words_alike(a: NameKeys, b: NameKeys) -> bool:
    from rapidfuzz import fuzz

    return all(
        fuzz.ratio(x, y) / 100 >= WORD_FLOOR
        for x, y in zip(a.folded.split(), b.folded.split(), strict=False)
    )


def alike_names(keys: Sequence[NameKeys], threshold: float) -> Iterator[tuple[int, int, NameMatch]]:
    """Each pair of indices (i < j) whose names compare_names finds alike, once."""
    seen: set[tuple[int, int]] = set()
    for i, j in _candidates(keys, threshold):
        pair = (i, j) if i < j else (j, i)
        if pair in seen:
            continue
        seen.add(pair)
        match = compare_names(keys[pair[0]], keys[pair[1]], threshold)
        if match is not None:
            yield pair[0], pair[1], match


def _candidates(keys: Sequence[NameKeys], threshold: float) -> Iterator[tuple[int, int]]:
    """Pairs worth comparing: sharing a folded name or a phonetic code, or sorted side by side.

    The neighbours are compared here already, cheaply, by the one ratio the
    fuzzy match cannot do without: calling compare_names on 150,000 neighbours
    would be most of the rule's time, for the few dozen that can match.
    """
    for group in _index(keys, "folded").values():
        yield from _all_pairs(group)
    for group in _index(keys, "sounds").values():
        if len(group) <= BLOCK_CAP:
            yield from _all_pairs(group)
    from rapidfuzz import fuzz

    cutoff = threshold * 100
    ratio = fuzz.ratio
    named = [i for i, k in enumerate(keys) if k.folded]
    for order in (_forward, _backward, _by_words):
        ranked = sorted(named, key=lambda i: order(keys[i]))
        texts = [order(keys[i]) for i in ranked]
        for step in range(1, WINDOW):
            for n, (x, y) in enumerate(zip(texts, texts[step:], strict=False)):
                if ratio(x, y, score_cutoff=cutoff):
                    yield ranked[n], ranked[n + step]


def _index(keys: Sequence[NameKeys], field: str) -> dict[object, list[int]]:
    index: dict[object, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        if k.folded:
            index[getattr(k, field)].append(i)
    return {key: group for key, group in index.items() if len(group) > 1}


def _all_pairs(group: list[int]) -> Iterator[tuple[int, int]]:
    return ((a, b) for n, a in enumerate(group) for b in group[n + 1 :])


def _forward(k: NameKeys) -> str:
    return k.folded


def _backward(k: NameKeys) -> str:
    return k.folded[::-1]


def _by_words(k: NameKeys) -> str:
    return k.sorted_words
