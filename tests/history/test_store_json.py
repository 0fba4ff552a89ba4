"""The history cache's JSON, written by orjson where it can, reads back as json would write it."""

from __future__ import annotations

import json
import shutil

from hypothesis import given, settings
from hypothesis import strategies as st

from clientbook.history.read import read_history
from clientbook.util import fastjson
from tests.conftest import RecordsRepo
from tests.gitrepo import GitRepo

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()  # past 64 bits too, which orjson refuses
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()  # lone surrogates too, which orjson refuses
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(_VALUES)
def test_the_text_reads_back_as_the_value(value: object) -> None:
    text = fastjson.dumps(value)
    assert json.loads(text) == value
    assert json.loads(text) == json.loads(json.dumps(value))


def test_what_orjson_refuses_is_written_by_json() -> None:
    assert fastjson.dumps([2**70, "caf\udce9"]) == '[1180591620717411303424,"caf\udce9"]'
    assert fastjson.dumps({"é": 1}) == '{"é":1}'


# Values whose JSON a careless writer gets wrong: text that looks like a non-finite number
# (the loader keeps it text), integers past 64 bits, characters outside ASCII.
_ODD = """\
id: odd
name: Odd Ltd
kind: organization
status: active
owner: ann
notes: "Café — naïve"
kpis:
  - name: ratio
    target: .nan
  - name: ceiling
    target: .inf
  - name: huge
    target: 1e999
  - name: count
    target: 123456789012345678901234567890
"""


def test_a_cold_read_and_the_cache_give_the_same_history(records_repo: RecordsRepo) -> None:
    repo = GitRepo(records_repo.root)
    repo.write("clients/odd.yaml", _ODD)
    repo.commit("Add Odd", date="2026-01-05T10:00:00+00:00")
    repo.write("clients/odd.yaml", _ODD.replace("1e999", "-.inf").replace("Café", "Caffè"))
    repo.commit("Edit Odd", date="2026-01-06T10:00:00+00:00")
    shutil.rmtree(repo.root / ".clientbook", ignore_errors=True)
    cold = read_history(repo.root, jobs=1)
    warm = read_history(repo.root, jobs=1)
    assert warm.parsed_blobs == 0
    odd = cold.find("odd")
    assert odd is not None and len(odd.versions) >= 2
    assert {k: r.versions for k, r in warm.records.items()} == {
        k: r.versions for k, r in cold.records.items()
    }
    first = odd.versions[-1].changes
    kpis = next(c.new for c in first if c.path == "kpis")
    assert [k["target"] for k in kpis] == [".nan", ".inf", "1e999", 123456789012345678901234567890]
