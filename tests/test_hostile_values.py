"""Any value a record can hold is survivable: hypothesis writes records (valid YAML, hostile
values) and lint, build, report, export and history run on them. The only outcomes allowed
are an exit of 0 or 1 with diagnostics: never a traceback, never a file outside its folder.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientbook.authoring.scaffold import scaffold
from tests.conftest import TODAY, RecordsRepo, minimal_record, run_cli
from tests.gitrepo import GitRepo

HOSTILE_TEXT = st.one_of(
    st.sampled_from(
        [
            "../../escaped",
            "a\0b",
            "\x1b]0;pwned\x07\x1b[2J",
            "\u202eevil",
            '=HYPERLINK("http://x")',
            "javascript:alert(1)",
            "x" * 5000,
            "",
            " ",
            "9999-12-31",
            "0001-01-01",
            "2026-02-30",
        ]
    ),
    st.text(max_size=40),
)
HOSTILE_NUMBER = st.one_of(
    st.integers(min_value=-(10**400), max_value=10**400),
    st.sampled_from([10**4000, -(10**4000), 0, -1]),
    st.floats(allow_nan=False, allow_infinity=False),
)
HOSTILE = st.one_of(
    HOSTILE_TEXT, HOSTILE_NUMBER, st.none(), st.booleans(), st.just([]), st.just({})
)
DATE_FIELDS = ["since", "ended"]
FIELDS = ["id", "name", "owner", "kind", "status", "team", "website", "industry", *DATE_FIELDS]


@st.composite
def hostile_records(draw: st.DrawFn) -> dict[str, Any]:
    record = minimal_record(status="former", ended="2026-06-01")
    for field in draw(st.lists(st.sampled_from(FIELDS), max_size=4, unique=True)):
        record[field] = draw(HOSTILE)
    interaction = dict(record["interactions"][0])
    interaction[draw(st.sampled_from(["date", "follow_up", "summary", "by"]))] = draw(HOSTILE)
    record["interactions"] = [interaction]
    record["kpis"] = [
        {"name": "Orders", "target": draw(HOSTILE_NUMBER), "actual": draw(HOSTILE_NUMBER)}
    ]
    record["feedback"] = [{"date": draw(HOSTILE_TEXT), "score": draw(HOSTILE_NUMBER)}]
    record["retention"] = {
        "retain_until": draw(st.sampled_from(["9999-12-31", "0001-01-01", "2026-02-30"]))
    }
    record["contacts"] = [
        {"name": draw(HOSTILE_TEXT), "email": draw(HOSTILE_TEXT), "phone": draw(HOSTILE_TEXT)}
    ]
    return {k: v for k, v in record.items() if v is not None}


def _everything(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if ".git" not in p.parts}


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(record=hostile_records())
def test_every_command_survives_hostile_values(
    tmp_path_factory: Any, record: dict[str, Any]
) -> None:
    base = tmp_path_factory.mktemp("hostile")
    root = base / "records"
    scaffold(root, "Test Org", TODAY)
    (root / "clients/example-client.yaml").unlink()
    repo = RecordsRepo(root)
    text = json.dumps(record.get("id"), ensure_ascii=False)
    repo.write_record(record, name="hostile.yaml")
    GitRepo(root).commit("Hostile")
    before = _everything(base)
    out = base / "out" / "site"
    day = TODAY.isoformat()
    for args in (
        ["lint", "--today", day, "--no-cache"],
        ["lint", "--today", day],
        ["build", "--out", str(out), "--today", day],
        ["report", "--today", day],
        ["report", "--today", day, "--format", "json"],
        ["export", "--all", "--format", "jsonl"],
        ["export", "--all", "--format", "vcf"],
        ["history", "hostile"],
        ["audit"],
    ):
        result = run_cli("--repo", str(root), *args)  # an exception here is a user's traceback
        assert result.exit_code in (0, 1, 2), (args, text, result.output)
        if result.exit_code == 2:  # a refusal must say why, never be a crash dressed as one
            assert result.output.strip(), args
    made = _everything(base) - before
    # the site under --out, clientbook's own caches: nothing else may appear
    allowed = ("out", "records/.clientbook")
    outside = [
        p for p in made if p not in allowed and not p.startswith(tuple(a + "/" for a in allowed))
    ]
    assert not outside, outside
