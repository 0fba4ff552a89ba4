"""deadlines.ics read back with the icalendar library: every value, escaped and folded."""

from __future__ import annotations

import datetime as dt

import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st

from clientbook.core.config import load_config
from clientbook.site.calendar import deadlines_for, deadlines_ics, event_text
from clientbook.site.model import client_page
from tests.conftest import OPEN_FOLLOW_UP, TODAY, RecordsRepo, minimal_record

STAMP = dt.datetime(2026, 9, 21, 14, 13, 20, tzinfo=dt.UTC)
NASTY = 'Back\\slash, comma; semi "quote"\nnewline 中文 😀 ' + "é" * 60


def _calendar(repo: RecordsRepo, *records: dict[str, object]) -> icalendar.Calendar:
    config = load_config(repo.root)
    pages = [
        client_page(f"clients/{r['id']}.yaml", r, config, {}, TODAY, [], None, "internal")
        for r in records
    ]
    raw = deadlines_ics(
        [
            event_text(d)
            for p in sorted(pages, key=lambda p: p.id)
            for d in deadlines_for(p, config)
        ],
        config,
        STAMP,
    )
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert raw.endswith(b"END:VCALENDAR\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    return icalendar.Calendar.from_ical(raw)


def _events(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["summary"]).split(": ", 1)[0]: e for e in calendar.walk("VEVENT")}


def test_review_retention_and_follow_up_events(records_repo: RecordsRepo) -> None:
    record = minimal_record(
        name=NASTY,
        interactions=[
            OPEN_FOLLOW_UP,
            {
                "date": "2026-10-02",
                "channel": "email",
                "direction": "outbound",
                "summary": "Done already",
                "follow_up": "2026-10-09",
                "done": True,
            },
        ],
    )
    calendar = _calendar(records_repo, record)
    assert str(calendar["prodid"]) == "-//clientbook//deadlines//EN"
    assert str(calendar["version"]) == "2.0"
    events = _events(calendar)
    assert set(events) == {"Review due", "Follow-up"}  # no retention date yet: still a client
    follow = events["Follow-up"]
    assert str(follow["summary"]) == f"Follow-up: {NASTY}"
    assert follow.decoded("dtstart") == dt.date(2026, 11, 30)
    assert follow.decoded("dtend") == dt.date(2026, 12, 1)
    assert follow.decoded("dtstamp") == STAMP
    assert str(follow["description"]) == (
        "From the 2026-11-02 meeting (interactions/0) in clients/acme-logistics.yaml"
    )
    assert str(follow["transp"]) == "TRANSPARENT"


def test_uids_are_stable_and_distinct(records_repo: RecordsRepo) -> None:
    one = _calendar(records_repo, minimal_record(), minimal_record(id="other", name="Other Ltd"))
    two = _calendar(records_repo, minimal_record(), minimal_record(id="other", name="Other Ltd"))
    uids = [str(e["uid"]) for e in one.walk("VEVENT")]
    assert uids == [str(e["uid"]) for e in two.walk("VEVENT")]
    assert len(set(uids)) == len(uids) == 2 and all(u.endswith("@clientbook") for u in uids)


@settings(max_examples=60, deadline=None)
@given(name=st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=120))
def test_any_client_name_reads_back_as_written(name: str) -> None:
    import tempfile
    from pathlib import Path

    from clientbook.authoring.scaffold import scaffold

    with tempfile.TemporaryDirectory() as folder:
        repo = RecordsRepo(Path(folder) / "records")
        scaffold(repo.root, "Test Org", TODAY)
        summary = str(_events(_calendar(repo, minimal_record(name=name)))["Review due"]["summary"])
    control = {chr(c) for c in range(32) if chr(c) not in "\t\n\r"} | {"\x7f"}
    expected = "".join(
        ch for ch in name.replace("\r\n", "\n").replace("\r", "\n") if ch not in control
    )
    assert summary == f"Review due: {expected}"


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.sampled_from("ab\\,;\n é中"), max_size=400))
def test_folded_lines_unfold_to_the_line_and_keep_escapes_whole(text: str) -> None:
    from clientbook.util.contentline import escape_text, fold

    line = f"DESCRIPTION:{escape_text(text)}"
    folded = fold(line)
    physical = folded.split("\r\n")[:-1]
    assert all(len(p.encode()) <= 75 for p in physical)
    assert all(p.startswith(" ") for p in physical[1:])
    assert folded.replace("\r\n ", "") == line + "\r\n"
    for p in physical[:-1]:
        assert (len(p) - len(p.rstrip("\\"))) % 2 == 0, p
