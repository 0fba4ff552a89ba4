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


def test_windows_line_ends_are_kept_on_every_line(records_repo: RecordsRepo) -> None:
    """fmt used to write "\n" after every line but a comment, which kept its CR LF: a file
    with both line ends, which `fmt --check` then sent through ruamel every time."""
    path = records_repo.write("acme.yaml", MESSY)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert run_cli("--repo", str(records_repo.root), "fmt", "--check").exit_code == 1
    assert run_cli("--repo", str(records_repo.root), "fmt").exit_code == 0
    raw = path.read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n") == MESSY.count("\n")
    canonical = format_text(MESSY, SCHEMA).text
    assert canonical is not None and raw.decode() == canonical.replace("\n", "\r\n")
    assert run_cli("--repo", str(records_repo.root), "fmt", "--check").exit_code == 0


def test_sample_records_are_canonical() -> None:
    assert run_cli("--repo", str(REPO_ROOT), "fmt", "--check").exit_code == 0


def test_a_file_that_is_not_utf8_is_never_rewritten(records_repo: RecordsRepo) -> None:
    """fmt used to replace the bad bytes with U+FFFD, print 'formatted' and exit 0."""
    path = records_repo.write("acme.yaml", MESSY)
    raw = path.read_bytes().replace(b"Jo Bloggs", b"Jo Bl\xf6ggs")  # Latin-1, not UTF-8
    path.write_bytes(raw)
    result = run_cli("--repo", str(records_repo.root), "fmt")
    assert result.exit_code == 1
    assert "not valid UTF-8" in result.output and "line 6, column 14" in result.output
    assert "formatted" not in result.stdout
    assert path.read_bytes() == raw


def test_a_symlinked_client_file_is_left_alone(records_repo: RecordsRepo, tmp_path: Path) -> None:
    """fmt used to replace the link with a copy of its target, pulling an outside file in."""
    outside = tmp_path / "outside.yaml"
    outside.write_text(MESSY)
    link = records_repo.root / "clients/acme.yaml"
    link.symlink_to(outside)
    result = run_cli("--repo", str(records_repo.root), "fmt")
    assert result.exit_code == 1 and "symbolic link" in result.output
    assert link.is_symlink() and outside.read_text() == MESSY


def test_a_fifo_does_not_hang_fmt(records_repo: RecordsRepo) -> None:
    import os
    import subprocess
    import sys

    records_repo.write("acme.yaml", MESSY)
    os.mkfifo(records_repo.root / "clients/pipe.yaml")
    tools = str(REPO_ROOT / "tools")
    done = subprocess.run(
        [sys.executable, "-m", "clientbook", "--repo", str(records_repo.root), "fmt"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": tools},
    )
    assert done.returncode == 1 and "not a regular file" in done.stderr
    assert "formatted clients/acme.yaml" in done.stdout


def test_every_file_is_formatted_together_or_none(records_repo: RecordsRepo) -> None:
    """The second file cannot be written (the process may write no file over 4 kB, as a full
    disk or a quota would stop it): the first, already formatted, is put back too."""
    import os
    import resource
    import signal
    import subprocess
    import sys

    first = records_repo.write("a.yaml", MESSY.replace("id: acme", "id: a"))
    long = MESSY.replace("id: acme", "id: b") + "notes: " + json.dumps("x" * 6000) + "\n"
    second = records_repo.write("b.yaml", long)
    before = first.read_bytes(), second.read_bytes()

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write over the limit fails with EFBIG

    done = subprocess.run(
        [sys.executable, "-m", "clientbook", "--repo", str(records_repo.root), "fmt"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT / "tools")},
        preexec_fn=small_files,
    )
    assert done.returncode == 2, done.stderr
    assert "every file was left as it was" in done.stderr
    assert (first.read_bytes(), second.read_bytes()) == before
    assert not [p for p in (records_repo.root / "clients").iterdir() if p.name.startswith(".")]


MISPLACED = """\
# yaml-language-server: $schema=../schemas/client.schema.json
id: acme
name: Acme
status: active  # since March
# who looks after them
owner: account-manager
kind: organization
emial: x@y.example
since: 2026-01-05
contacts:
  - email: jo@acme.example
    nmae: Jo
    name: Jo Bloggs
"""


def test_a_misspelt_key_stays_after_the_key_it_followed() -> None:
    out = format_text(MISPLACED, SCHEMA).text
    assert out is not None
    lines = out.splitlines()
    assert lines.index("emial: x@y.example") == lines.index("kind: organization") + 1
    # in a contact too: the unknown key travels with the known key before it
    assert lines[-3:] == ["  - name: Jo Bloggs", "    email: jo@acme.example", "    nmae: Jo"]


def test_a_comment_above_a_moved_key_moves_with_it() -> None:
    out = format_text(MISPLACED, SCHEMA).text
    assert out is not None
    lines = out.splitlines()
    assert lines[lines.index("owner: account-manager") - 1] == "# who looks after them"
    assert "status: active  # since March" in lines
    assert format_text(out, SCHEMA).changed is False


def test_fmt_jobs_and_a_warm_check_give_the_same_answers(records_repo: RecordsRepo) -> None:
    for n in range(70):  # past the count that forks workers
        records_repo.write_record({"id": f"c-{n:02}", "name": f"C {n:02}"})
    root = str(records_repo.root)
    assert run_cli("--repo", root, "fmt", "--jobs", "2").exit_code == 0
    cold = run_cli("--repo", root, "fmt", "--check", "--jobs", "2", "--format", "json")
    warm = run_cli("--repo", root, "fmt", "--check", "--format", "json")
    assert cold.exit_code == warm.exit_code == 0
    assert json.loads(cold.stdout) == json.loads(warm.stdout)
    assert (records_repo.root / ".clientbook" / "cache" / "fmt.pickle").is_file()
    path = records_repo.root / "clients" / "c-03.yaml"
    text = path.read_text()
    assert 'name: "C 03"\n' in text
    path.write_text(text.replace('name: "C 03"\n', 'name:   "C 03"\n'))
    again = run_cli("--repo", root, "fmt", "--check", "--format", "json")
    assert again.exit_code == 1  # the edited file is read again, not taken from the cache
    assert json.loads(again.stdout)["summary"]["unformatted"] == 1
