"""A records repository's schema never makes clientbook reach the network or leave schemas/.

A `$schema`, `$ref` or `$dynamicRef` that names an address (directly, or through an
`$id`) is refused at its line and column in the schema file, by lint, build and form
alike, and a local server named there receives no request. A `$ref` to a file in
schemas/ that is a symlink leading outside it is refused the same way.
"""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from tests.conftest import REPO_ROOT, TODAY, RecordsRepo, minimal_record, run_cli

CLIENT_SCHEMA = REPO_ROOT / "schemas" / "client.schema.json"
LABEL = "schemas/client.schema.json"
META = "https://json-schema.org/draft/2020-12/schema"


@dataclass
class Server:
    url: str
    requests: list[str]


@contextmanager
def local_server() -> Iterator[Server]:
    """An HTTP server on 127.0.0.1 that serves a valid schema at every path and logs each request."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        timeout = 5

        def do_GET(self) -> None:
            requests.append(self.path)
            body = json.dumps({"$schema": META, "type": "object"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/schema+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{server.server_port}", requests)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def base_schema() -> dict[str, Any]:
    return json.loads(CLIENT_SCHEMA.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def write_schema(repo: RecordsRepo, name: str, document: dict[str, Any]) -> str:
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    path = repo.root / "schemas" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return text


def position(text: str, keyword: str, value: str) -> str:
    """`line:column` of the value of `"keyword": "value"` (once) in a schema's text."""
    needle = f'"{keyword}": {json.dumps(value)}'
    assert text.count(needle) == 1, needle
    before = text[: text.index(needle)]
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + len(f'"{keyword}": ') + 1
    return f"{line}:{column}"


def lint(repo: RecordsRepo, tmp: Path) -> Result:
    return repo.lint()


def build(repo: RecordsRepo, tmp: Path) -> Result:
    out = tmp / "site"
    result = run_cli(
        "--repo", str(repo.root), "build", "--out", str(out), "--today", TODAY.isoformat()
    )
    assert not out.exists()
    return result


def form(repo: RecordsRepo, tmp: Path) -> Result:
    out = tmp / "forms"
    result = run_cli("--repo", str(repo.root), "form", "--out", str(out))
    assert not (out / "onboarding.html").exists()
    return result


COMMANDS: dict[str, Callable[[RecordsRepo, Path], Result]] = {
    "lint": lint,
    "build": build,
    "form": form,
}


def assert_refused(result: Result, location: str, *words: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"{location}: error [schema-invalid]" in result.stderr, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


# Each case: (schema files to write, given the server's address) -> (file, keyword, value) refused.
Case = Callable[[RecordsRepo, str], tuple[str, str, str, str]]


def root_meta_schema(repo: RecordsRepo, url: str) -> tuple[str, str, str, str]:
    doc = base_schema()
    doc["$schema"] = f"{url}/meta.json"
    return LABEL, write_schema(repo, "client.schema.json", doc), "$schema", f"{url}/meta.json"


def embedded_meta_schema(repo: RecordsRepo, url: str) -> tuple[str, str, str, str]:
    doc = base_schema()
    doc["$defs"]["extra"] = {"$id": "extra.json", "$schema": f"{url}/meta.json", "type": "string"}
    return LABEL, write_schema(repo, "client.schema.json", doc), "$schema", f"{url}/meta.json"


def referenced_file_meta_schema(repo: RecordsRepo, url: str) -> tuple[str, str, str, str]:
    doc = base_schema()
    doc["properties"]["industry"] = {"$ref": "industry.json"}
    write_schema(repo, "client.schema.json", doc)
    text = write_schema(repo, "industry.json", {"$schema": f"{url}/meta.json", "type": "string"})
    return "schemas/industry.json", text, "$schema", f"{url}/meta.json"


def remote_ref(repo: RecordsRepo, url: str) -> tuple[str, str, str, str]:
    doc = base_schema()
    doc["properties"]["industry"] = {"$ref": f"{url}/industry.json"}
    return LABEL, write_schema(repo, "client.schema.json", doc), "$ref", f"{url}/industry.json"


def ref_through_id(repo: RecordsRepo, url: str) -> tuple[str, str, str, str]:
    """A relative $ref is resolved against the nearest $id: here, an address."""
    doc = base_schema()
    doc["properties"]["industry"] = {"$id": f"{url}/schemas/", "$ref": "industry.json"}
    write_schema(repo, "industry.json", {"type": "string"})
    return LABEL, write_schema(repo, "client.schema.json", doc), "$ref", "industry.json"


def remote_dynamic_ref(repo: RecordsRepo, url: str) -> tuple[str, str, str, str]:
    doc = base_schema()
    doc["properties"]["industry"] = {"$dynamicRef": f"{url}/industry.json"}
    text = write_schema(repo, "client.schema.json", doc)
    return LABEL, text, "$dynamicRef", f"{url}/industry.json"


CASES: dict[str, Case] = {
    "root-$schema": root_meta_schema,
    "embedded-$schema": embedded_meta_schema,
    "referenced-file-$schema": referenced_file_meta_schema,
    "remote-$ref": remote_ref,
    "$ref-through-$id": ref_through_id,
    "remote-$dynamicRef": remote_dynamic_ref,
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("case", sorted(CASES))
def test_schema_naming_a_server_is_refused_and_the_server_hears_nothing(
    records_repo: RecordsRepo, tmp_path: Path, case: str, command: str
) -> None:
    records_repo.write_record(minimal_record())
    with local_server() as server:
        label, text, keyword, value = CASES[case](records_repo, server.url)
        result = COMMANDS[command](records_repo, tmp_path)
        assert server.requests == [], f"{command} fetched {server.requests}"
    assert_refused(result, f"{label}:{position(text, keyword, value)}", keyword, value)
    assert "never fetches" in result.stderr, result.stderr


def test_schema_and_ref_to_a_server_together(records_repo: RecordsRepo, tmp_path: Path) -> None:
    """The brief's case: one server named in both `$schema` and a `$ref`; each command refuses."""
    records_repo.write_record(minimal_record())
    with local_server() as server:
        doc = base_schema()
        doc["$schema"] = f"{server.url}/meta.json"
        doc["properties"]["industry"] = {"$ref": f"{server.url}/industry.json"}
        text = write_schema(records_repo, "client.schema.json", doc)
        results = {name: run(records_repo, tmp_path) for name, run in COMMANDS.items()}
        assert server.requests == [], server.requests
    for name, result in results.items():
        assert result.exit_code == 2, (name, result.output)
        assert f"{LABEL}:{position(text, '$schema', f'{server.url}/meta.json')}:" in (
            result.stderr
        ), (name, result.stderr)


def test_the_draft_2020_12_meta_schema_is_read_from_the_bundle(
    records_repo: RecordsRepo, tmp_path: Path
) -> None:
    """The usual `$schema` (with or without the empty fragment) needs no network and is accepted."""
    records_repo.write_record(minimal_record())
    doc = base_schema()
    doc["$schema"] = META + "#"
    doc["properties"]["industry"] = {"$ref": "industry.json"}
    write_schema(records_repo, "client.schema.json", doc)
    write_schema(records_repo, "industry.json", {"$schema": META, "type": "string"})
    result = records_repo.lint()
    assert result.exit_code == 0, result.output


def test_other_drafts_are_refused_at_their_place(records_repo: RecordsRepo) -> None:
    """clientbook reads every schema as draft 2020-12 (both its validators): another draft is named."""
    records_repo.write_record(minimal_record())
    doc = base_schema()
    doc["$schema"] = "http://json-schema.org/draft-07/schema#"
    text = write_schema(records_repo, "client.schema.json", doc)
    result = records_repo.lint()
    location = position(text, "$schema", "http://json-schema.org/draft-07/schema#")
    assert_refused(result, f"{LABEL}:{location}", "draft 2020-12")


# --- symlinks out of schemas/ -------------------------------------------------------------


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_ref_to_a_symlink_leading_outside_is_refused(
    records_repo: RecordsRepo, tmp_path: Path, command: str
) -> None:
    records_repo.write_record(minimal_record())
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "industry.json").write_text('{"type": "string"}', encoding="utf-8")
    doc = base_schema()
    doc["properties"]["industry"] = {"$ref": "industry.json"}
    text = write_schema(records_repo, "client.schema.json", doc)
    (records_repo.root / "schemas" / "industry.json").symlink_to(outside / "industry.json")
    result = COMMANDS[command](records_repo, tmp_path)
    assert_refused(result, f"{LABEL}:{position(text, '$ref', 'industry.json')}", "outside")


def test_ref_through_a_symlinked_folder_leading_outside_is_refused(
    records_repo: RecordsRepo, tmp_path: Path
) -> None:
    records_repo.write_record(minimal_record())
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "industry.json").write_text('{"type": "string"}', encoding="utf-8")
    doc = base_schema()
    doc["properties"]["industry"] = {"$ref": "shared/industry.json"}
    text = write_schema(records_repo, "client.schema.json", doc)
    (records_repo.root / "schemas" / "shared").symlink_to(outside, target_is_directory=True)
    result = records_repo.lint()
    location = position(text, "$ref", "shared/industry.json")
    assert_refused(result, f"{LABEL}:{location}", "outside")


def test_ref_to_a_symlink_inside_the_schemas_folder_is_followed(records_repo: RecordsRepo) -> None:
    records_repo.write_record(minimal_record(industry=5))
    doc = base_schema()
    doc["properties"]["industry"] = {"$ref": "industry.json"}
    write_schema(records_repo, "client.schema.json", doc)
    write_schema(records_repo, "common/industry.json", {"type": "string"})
    (records_repo.root / "schemas" / "industry.json").symlink_to(Path("common") / "industry.json")
    diagnostics = records_repo.lint_json()["diagnostics"]
    assert [d["rule"] for d in diagnostics] == ["schema"], diagnostics
