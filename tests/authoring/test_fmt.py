from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientbook.authoring.fmt import format_text
from clientbook.core.yamlio import load_document
from tests.conftest import REPO_ROOT, RecordsRepo, run_cli

SCHEMA = json.loads((REPO_ROOT / "schemas/client.schema.json").read_text())

MESSY = """\
# yaml-language-server: $schema=../schemas/client.schema.json
name: Acme   # trading name
id: acme
contacts:
- phone: "+442079460123"   # switchboard
  name: Jo Bloggs
  email: jo@acme.example
tags: [b, a]
kind: organization
"""


def test_orders_keys_as_the_schema_and_keeps_comments() -> None:
    out = format_text(MESSY, SCHEMA)
    assert out.changed and out.text is not None
    lines = out.text.splitlines()
    assert lines[1:4] == ["id: acme", "name: Acme   # trading name", "kind: organization"]
    assert '    phone: "+442079460123"   # switchboard' in lines or any(
        "# switchboard" in ln for ln in lines
    )
    assert "  - name: Jo Bloggs" in lines
    assert load_document(out.text.encode()).data == load_document(MESSY.encode()).data


def test_is_idempotent_on_its_output() -> None:
    once = format_text(MESSY, SCHEMA).text
    assert once is not None
    twice = format_text(once, SCHEMA)
    assert twice.text == once and not twice.changed


def test_refuses_to_lose_a_plus_sign() -> None:
    out = format_text("id: a\nname: A\ncontacts:\n- phone: +442079460123\n  name: Jo\n", SCHEMA)
    assert out.text is None and "quote them first" in out.problem


def test_refuses_broken_yaml() -> None:
    assert format_text("id: [\n", SCHEMA).text is None


_scalars = st.one_of(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        max_size=30,
    ),
    st.integers(-(10**6), 10**6),
    st.booleans(),
    st.none(),
    st.sampled_from(
        ["0784", "+442079460123", "yes", "12:30", "1.10", "a: b", "- x", "#", "'q'", "é ü 中"]
    ),
)
_keys = st.sampled_from(
    ["id", "name", "kind", "notes", "tags", "contacts", "zzz", "address", "review"]
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(
            st.sampled_from(["name", "email", "role", "country", "x"]), inner, max_size=3
        ),
    ),
    max_leaves=8,
)
_records = st.dictionaries(_keys, _values, min_size=1, max_size=6)


def _as_yaml(record: dict[str, Any], style: int) -> str:
    """Write a record as block YAML with quoted scalars (style 0) or as flow JSON (style 1)."""
    if style:
        return (
            "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in record.items()) + "\n"
        )
    import yaml

    return yaml.safe_dump(record, allow_unicode=True, sort_keys=False, default_flow_style=False)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_records, st.integers(0, 1))
def test_formatting_never_changes_data_and_is_idempotent(
    record: dict[str, Any], style: int
) -> None:
    text = _as_yaml(record, style)
    before = load_document(text.encode())
    out = format_text(text, SCHEMA)
    if out.text is None:  # refused: must be for a reason, and nothing was produced
        assert out.problem
        return
    assert load_document(out.text.encode()).data == before.data
    again = format_text(out.text, SCHEMA)
    assert again.text == out.text


def test_fmt_command_check_and_write(records_repo: RecordsRepo) -> None:
    path = records_repo.write("acme.yaml", MESSY)
    check = run_cli("--repo", str(records_repo.root), "fmt", "--check")
    assert check.exit_code == 1 and "clients/acme.yaml: not in canonical form" in check.stdout
    assert path.read_text() == MESSY  # --check changes nothing
    run = run_cli("--repo", str(records_repo.root), "fmt")
    assert run.exit_code == 0 and "formatted clients/acme.yaml" in run.stdout
    assert run_cli("--repo", str(records_repo.root), "fmt", "--check").exit_code == 0
    assert not list(Path(path.parent).glob(".*.tmp"))


def test_sample_records_are_canonical() -> None:
    assert run_cli("--repo", str(REPO_ROOT), "fmt", "--check").exit_code == 0
