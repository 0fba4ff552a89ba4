"""The fast path's second look hides prose, and only prose: comments, one-line quoted and block scalars.

`mask_prose` answers for the lines whose parts it is sure of and gives None
for the rest; what it hides, every reader reads as text. Each case below is
also read both ways (test_yaml_differential.both_ways), so a hidden alias or
trap would show as the two readings parting.
"""

from __future__ import annotations

import pytest

from clientbook.core.yamlfast import fast_data
from clientbook.core.yamlfastmask import hide_lines_going_on, mask_prose
from clientbook.core.yamlio import MAX_FILE_SIZE
from tests.core.test_yaml_differential import both_ways, pytestmark  # noqa: F401


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("a: 1 # on: yes\n", "a: 1 #\n"),
        ("# Status: no\na: 1\n", "#\na: 1\n"),
        ("  # indented: off\na: 1\n", "  #\na: 1\n"),
        ("a: b#c\n", "a: b#c\n"),  # a '#' inside a word starts no comment
        ('a: "Rappel : oui !" # c\n', 'a: "" #\n'),
        ("a: 'it''s: *b'\n", "a: ''\n"),
        ('a: "two\n  lines: *x"\nb: c\n', 'a: "\n"\nb: c\n'),  # as PyYAML writes a long text
        ("a: 'two\n\n  lines'\n", "a: '\n\n'\n"),
        ('a: "a line \\\n  going on"\n', 'a: "\n"\n'),  # an escaped line break
        ("a: it's *b\n", "a: it's xx\n"),  # an apostrophe in a plain scalar opens nothing
        ("a: |\n  x: yes\n  *b &c\nb: 1\n", "a: |\n\n\nb: 1\n"),
        ("a: >- # c: no\n\n  t !x\n\nb: 1\n", "a: >- #\n\n\n\nb: 1\n"),
        ("- a: |\n    t ?\n  b: c\n", "- a: |\n\n  b: c\n"),  # b is the key's sibling
        ("a:\n- |\n  t :)\n- b\n", "a:\n- |\n\n- b\n"),
        ("a: Posted it *section 4* # c: no\n", "a: Posted xx xxxxxxxx xx #\n"),
        ("- Why? &co !\n", "- Why? xxx x\n"),  # a plain scalar of several words: its first stays
        ("a: yes\nb: 12:30\n", "a: yes\nb: 12:30\n"),  # one word: a candidate, left to the scan
        ("a: &x b c\n", "a: &x b c\n"),  # an anchor is not a plain scalar's first word
        # a quoted key is a key
        ('"k": |\n  x: yes\n', '"": |\n\n'),
        ("'it''s': a, yes\n", "'': ax xxx\n"),
        ("a: |\nb: yes\n", "a: |\nb: yes\n"),  # an empty block scalar: the next line is a key's
        ("tags: [a, b]\nc: d # e\n", "tags: [a, b]\nc: d #\n"),
        # a comma in a plain scalar: the scan's flow contexts would take what follows for a value
        ("t: [a]\nc: invoice (£1,200, 45 days)\n", "t: [a]\nc: invoice xxxxxxxx xx xxxxx\n"),
        ("t: [a]\nc: 見積書（¥128,000）を送付\n", "t: [a]\nc: 見積書（¥128xxxxxxxx\n"),
        ("t: [a]\nc: 1,200\n", "t: [a]\nc: 1xxxx\n"),  # one word: what is left of it stays
        ("t: [a]\nc: 1,\n", "t: [a]\nc: 1x\n"),
        ("t: [a]\nc: yes,\n", "t: [a]\nc: yesx\n"),  # text to every reader, "yes" is not
        ("t: [a]\nc: yes\n", "t: [a]\nc: yes\n"),
        ("t: [a]\nc: ,200\n", "t: [a]\nc: ,200\n"),  # an indicator first: not a plain scalar
        ("a:\n  - b: c\n  -\n    d: e\n", "a:\n  - b: c\n  -\n    d: e\n"),
    ],
)
def test_what_is_hidden(text: str, masked: str) -> None:
    assert mask_prose(text) == masked


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        # a plain scalar going on over lines (as PyYAML writes a long text) is one text; it is
        # hidden where a line of it starts with what the scan or the gate would read
        ("a: two\n  lines *x\n", "a: two\n  lines *x\n"),
        ("a: two\n  lines\n  *x\n", "a: x\n\n\n"),
        ("a: in\n  2025.\nb: 1\n", "a: x\n\nb: 1\n"),
        ("a: in the\n  year\n\n  2025.\n", "a: x\n\n\n\n"),  # its head found back over lines
        ("- a: b\n    c\n  12\n", "- a: b\n    c\n  12\n"),  # the key's sibling: left
        ("- text\n  12\n\n  more\n- 3\n", "- x\n\n\n\n- 3\n"),
        ("- a: b\n    &c\n  d: e\n", "- a: x\n\n  d: e\n"),
        ('"k": v\n  !t\n', '"": x\n\n'),
        ("a:\n  2025\n  more\n", "a:\n  2025\n  more\n"),  # begun on its own line: left
        ("a: b\n  # c\n  2\n", "a: b\n  #\n  2\n"),  # a comment ends it: left
        ("- a: b\n  12:30\n", "- a: b\n  12:30\n"),  # not indented more than its key: left
        ("a: b # c\n  2\n", "a: b #\n  2\n"),
        ("a: b\n  c: 2\n", "a: b\n  c: 2\n"),  # an error to every reader: left
        ("a: |\n  t\n b\n", "a: |\n\n b\n"),  # after a block scalar: left
    ],
)
def test_what_the_look_at_lines_going_on_hides(text: str, masked: str) -> None:
    prose_hidden = mask_prose(text)
    assert prose_hidden is not None
    assert hide_lines_going_on(prose_hidden) == masked


@pytest.mark.parametrize(
    "text",
    [
        "- 'two\n  lines'\n",  # a quoted scalar going on after '- ': maybe a plain scalar's words
        "a: 'two\nlines'\n",  # a line not indented more than the key
        "a:\n  b: 'x\n  y'\n",
        "a: 'x\n  y' z\n",
        "a: [x,\n  y]\n",  # a flow collection going on
        "a: [x, [y]]\n",  # nested
        "a: ['x', y]\n",  # with quotes
        "a: [x #c\n  ]\n",
        "a: |2\n   t\n",  # an indentation indicator
        "a: | x\n",
        "a:\n  |\n  t\n",  # a header with no key or '-' on its line
    ],
)
def test_what_it_is_not_sure_of(text: str) -> None:
    assert mask_prose(text) is None


PROSE = [
    "invoice (£1,200, 45 days)",
    "見積書（¥7,680,000）を送付",
    "Rappel ! envoyer le contrat :)",
    "Pourquoi ? Parce que ; voilà.",
    "reviewing *section 4*",
    "on hold, yes",
    "*urgent* call back :)",
    "R &D ! ok ? *x &y",
]
COLON_PROSE = ["Rappel : envoyer le contrat !", "Decision: no", "on hold: yes"]


SHAPES = [
    "notes: |\n  {p}\n  second line\nstatus: active\n",
    "notes: >-\n  {p}\nstatus: active\n",
    'notes: "{p}"\nstatus: active\n',
    "notes: '{p}'\nstatus: active\n",
    "notes: plain # {p}\nstatus: active\n",
    "notes: plain {p}\nstatus: active\n",
    "# {p}\nstatus: active\n",
    "interactions:\n  - date: 2026-01-02\n    summary: |\n      {p}\n    done: true\n",
]


@pytest.mark.parametrize(
    ("shape", "prose"),
    # ': ' in a plain scalar would make it a key and its value: not prose
    [(s, p) for s in SHAPES for p in PROSE + COLON_PROSE if not ("plain {p}" in s and ": " in p)],
)
def test_prose_keeps_the_fast_path(prose: str, shape: str) -> None:
    raw = ("id: acme\ntags: [a, b]\n" + shape.format(p=prose)).encode()  # with flow contexts
    _, full = both_ways(raw)
    assert full.ok and not full.traps
    assert fast_data(raw, MAX_FILE_SIZE) is not None


# What may start a line of a plain scalar going on: each an indicator, a number, a trap or a
# marker where a node starts, and a word of the text there.
GOING_ON = ["*x", "&a b", "!t", "? q", "- two", "[a, b]", "{a}", "@x", "%x", "`x", ":x", "a,b"]
GOING_ON += ["2025.", "-5", "yes", "12:30", "1_000", "0x1F", ".inf", "null", "~", "-", "---"]
GOING_ON += ["'t", '"q" w', "| b", "> b"]
GOING_ON_SHAPES = [
    "id: acme\nnotes: Sent it\n  {c}\nstatus: active\n",
    "id: acme\nlog:\n- Sent it\n\n  {c}\n- b\n",
    "id: acme\nlog:\n  - a: Sent it\n      {c}\n      and {c}\n    b: 1\n",
    'id: acme\n"notes": Sent it\n    {c}\n',
]


@pytest.mark.parametrize(("shape", "line"), [(s, c) for s in GOING_ON_SHAPES for c in GOING_ON])
def test_a_plain_scalar_going_on_keeps_the_fast_path(shape: str, line: str) -> None:
    raw = shape.format(c=line).encode()
    _, full = both_ways(raw)
    assert full.ok and not full.traps
    assert fast_data(raw, MAX_FILE_SIZE) is not None


@pytest.mark.parametrize(
    "text",
    [
        "a: |\n  prose: yes\nb: yes\n",  # the trap outside the scalar is still found
        "a: |\n  prose *x\nb: *x\n",
        "a: 'x ! y'\nb: !t c\n",
        "- a: |\n    t ?\n  b: on\n",
        "a: |\n  t\n b: yes\n",  # less indented than the scalar: not its line
        "a: two\n  lines\nb: yes\n",  # after a plain scalar going on
        "a: two\n  lines\nb: *x\n",
        "- a: two\n  yes\n",  # not indented more than its key: not its line
        "a: two # c\n  yes\n",  # after a comment: an error
    ],
)
def test_what_stays_outside_prose_still_counts(text: str) -> None:
    raw = text.encode()
    both_ways(raw)
    assert fast_data(raw, MAX_FILE_SIZE) is None


@pytest.mark.parametrize(
    "text",
    [
        "a: reviewing *section 4*\n",
        "a: Pourquoi ?\n",
        "a:\n- R &D ! ok\n",
        "a: [w *a, v !t]\n",
        "a: w\n  b *c\n",  # a line going on: its words are text too
    ],
)
def test_a_sign_inside_words_is_text(text: str) -> None:
    """The gate refuses an anchor, alias, tag or '?' only where a node can start."""
    _, full = both_ways(text.encode())
    assert full.ok and fast_data(text.encode(), MAX_FILE_SIZE) is not None


@pytest.mark.parametrize(
    "text",
    ["a: *x\n", "a:\n- &x b\n", "a:\n  !t b\n", "a: [b, *c]\n", 'a: {"b":*c}\n', "a:\n-  *b\n"],
)
def test_a_sign_where_a_node_starts_is_refused(text: str) -> None:
    both_ways(text.encode())
    assert fast_data(text.encode(), MAX_FILE_SIZE) is None
