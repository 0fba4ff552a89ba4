"""The text insertion behind `clientbook log`: only the new lines change, in every layout."""

from __future__ import annotations

import difflib
import textwrap

import pytest

from clientbook.authoring.interaction import EditRefused, append_item, scalar, set_done
from clientbook.core.yamlio import load_document

ORDER = ["id", "name", "status", "contacts", "interactions", "projects", "review", "notes"]
NEW = {
    "date": "2026-12-01",
    "channel": "phone",
    "direction": "outbound",
    "by": "jonas-weber",
    "summary": 'Called: agreed the "Q1" plan # not a comment',
    "follow_up": "2026-12-10",
}

HEAD = "# yaml-language-server: $schema=../schemas/client.schema.json\n"
BLOCK = HEAD + textwrap.dedent(
    """\
    id: acme   # the file name
    name: 'Acme Logistics'
    status: "active"
    contacts:
    - name: Jo
      email: jo@acme.example
    interactions:
    # the oldest first
    - date: 2026-01-05
      channel: meeting
      direction: outbound
      summary: >-
        Kick-off,
        folded.
      follow_up: 2026-01-10  # sent the notes
      done: true

    # the projects, below
    projects:
      - {name: Move, status: active}
    notes: |
      Keep this.
    """
)
FLOW = HEAD + textwrap.dedent(
    """\
    id: acme
    name: Acme
    interactions: [{date: 2026-01-05, channel: email, direction: inbound, summary: "Hi"}]  # flow
    review: {interval: annually}
    """
)
EMPTY = HEAD + "id: acme\nname: Acme\ninteractions: []  # none yet\nreview:\n  interval: annually\n"
NULL = HEAD + "id: acme\nname: Acme\ninteractions:\nreview:\n  interval: annually\n"
MISSING = HEAD + textwrap.dedent(
    """\
    id: acme
    name: Acme
    contacts:
        - name: Jo
    # when we review
    review:
        interval: annually
    """
)
AT_END = HEAD + "id: acme\nname: Acme"  # no final line break


def _data(raw: bytes) -> dict[str, object]:
    doc = load_document(raw)
    assert not doc.problems, doc.problems
    assert isinstance(doc.data, dict)
    return doc.data


def _changes(old: bytes, new: bytes) -> list[tuple[str, list[str], list[str]]]:
    a, b = old.decode().splitlines(True), new.decode().splitlines(True)
    ops = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    return [(tag, a[i1:i2], b[j1:j2]) for tag, i1, i2, j1, j2 in ops if tag != "equal"]


CASES = {"block": BLOCK, "flow": FLOW, "missing": MISSING, "null": NULL, "at end": AT_END}


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_only_new_lines_are_added(case: str, crlf: bool) -> None:
    text = CASES[case].replace("\n", "\r\n") if crlf else CASES[case]
    old = text.encode()
    new = append_item(old, "interactions", NEW, ORDER)
    before = _data(old)
    listed = before.get("interactions") or []
    assert isinstance(listed, list)
    assert _data(new) == {**before, "interactions": [*listed, NEW]}
    changes = _changes(old, new)
    if case == "flow":  # a flow list grows in place, on its own line
        ((tag, removed, added),) = changes
        assert tag == "replace" and len(removed) == len(added) == 1
        assert added[0].startswith(removed[0].split("]")[0])
        assert added[0].endswith(removed[0].split("]", 1)[1])
    elif case == "at end":  # the last line gains the break it lacked
        ((tag, removed, added),) = changes
        assert removed == ["name: Acme"] and added[0] == "name: Acme" + ("\r\n" if crlf else "\n")
    else:
        assert [tag for tag, _, _ in changes] == ["insert"]
    if crlf:
        assert b"\n" not in new.replace(b"\r\n", b"")
    else:
        assert b"\r" not in new


def test_block_item_goes_after_the_last_item_before_the_comments_of_the_next_key() -> None:
    new = append_item(BLOCK.encode(), "interactions", NEW, ORDER).decode()
    assert "  done: true\n- date: 2026-12-01\n  channel: phone\n" in new
    assert new.index("- date: 2026-12-01") < new.index("# the projects, below")


def test_missing_key_is_placed_in_schema_order_before_the_next_keys_comment() -> None:
    new = append_item(MISSING.encode(), "interactions", NEW, ORDER).decode()
    assert "    - name: Jo\ninteractions:\n    - date: 2026-12-01\n" in new
    assert new.index("interactions:") < new.index("# when we review")


def test_empty_list_becomes_a_block_list_keeping_the_comment() -> None:
    old = EMPTY.encode()
    new = append_item(old, "interactions", NEW, ORDER)
    assert _data(new)["interactions"] == [NEW]
    ((tag, removed, added),) = _changes(old, new)
    assert tag == "replace" and removed == ["interactions: []  # none yet\n"]
    assert added[0] == "interactions:  # none yet\n" and len(added) == 1 + len(NEW)


def test_values_are_written_so_they_read_back_as_text() -> None:
    for value in ["yes", "0784", "+4420", "12:30", "a: b", "#x", "née", "1.10", "null", "  x"]:
        assert _data(f"v: {scalar(value)}\n".encode())["v"] == value
    assert scalar("2026-12-01") == "2026-12-01" and scalar("phone") == "phone"


def test_done_is_set_in_place_or_added() -> None:
    with_false = BLOCK.replace("done: true", "done: false").encode()
    new = set_done(with_false, "interactions", 0)
    assert _changes(with_false, new)[0][2] == ["  done: true\n"]
    grown = append_item(BLOCK.encode(), "interactions", NEW, ORDER)
    closed = set_done(grown, "interactions", 1)
    assert [t for t, _, _ in _changes(grown, closed)] == ["insert"]
    interactions = _data(closed)["interactions"]
    assert isinstance(interactions, list) and interactions[1] == {**NEW, "done": True}
    flow = set_done(FLOW.encode(), "interactions", 0)
    assert 'summary: "Hi", done: true}]  # flow' in flow.decode()


def test_a_flow_record_is_refused() -> None:
    with pytest.raises(EditRefused):
        append_item(b"{id: acme}\n", "interactions", NEW, ORDER)
    with pytest.raises(EditRefused):
        append_item(b"id: acme\ninteractions: nothing\n", "interactions", NEW, ORDER)


def test_byte_order_mark_and_wide_characters_before_the_insertion() -> None:
    old = (
        "\ufeffid: a\n"
        'interactions: [{date: 2026-01-01, channel: email, direction: inbound, summary: "Grüße 😀"}]\n'
    ).encode()
    new = append_item(old, "interactions", {"date": "2026-02-02", "summary": "é"}, ORDER)
    assert new.startswith(b"\xef\xbb\xbf")
    assert new.decode("utf-8-sig").endswith('"Grüße 😀"}, {date: 2026-02-02, summary: "é"}]\n')
    closed = set_done(new, "interactions", 1).decode("utf-8-sig")
    assert closed.endswith('{date: 2026-02-02, summary: "é", done: true}]\n')
