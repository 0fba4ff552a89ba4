""".github/workflows/clientbook-sharded.yml, run as GitHub would run it, on a real repository.

Each job of the workflow, once per combination of its matrix, runs in a clone of its own
(as each runner checks the repository out), in the order `needs` gives; its shell steps run
with bash, with `${{ }}` expressions (matrix, needs, steps, inputs, github) put in and
GITHUB_OUTPUT read back; upload-artifact and download-artifact copy between the jobs'
folders as GitHub's artifacts do (hidden files left out unless `include-hidden-files`).
Installing Python and clientbook, the cache and the SARIF upload are left to GitHub:
clientbook is installed here already. Then the lint jobs' findings together must be one
`clientbook lint`'s, and the site the merge job made one `clientbook build`'s, byte for byte.
"""

from __future__ import annotations

import fnmatch
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO_ROOT, TODAY, site_files
from tests.gitrepo import GitRepo

WORKFLOW = yaml.safe_load((REPO_ROOT / ".github/workflows/clientbook-sharded.yml").read_text())
BIN = str(Path(sys.executable).parent)
LEFT_TO_GITHUB = ("actions/setup-python", "actions/cache", "github/codeql-action/upload-sarif")
CLIENTS = 240


class Run:
    """One run of the workflow: every job, each matrix combination in a clone of its own."""

    def __init__(self, source: Path, tmp: Path, inputs: dict[str, str]) -> None:
        self.source = source
        self.tmp = tmp
        self.inputs = inputs
        self.artifacts = tmp / "artifacts"
        self.artifacts.mkdir()
        self.outputs: dict[str, dict[str, str]] = {}
        self.logs: dict[str, list[tuple[str, int, str]]] = {}  # job -> (step, status, output)
        self.folders: dict[str, Path] = {}

    def all(self) -> None:
        done: set[str] = set()
        while len(done) < len(WORKFLOW["jobs"]):
            for name, job in WORKFLOW["jobs"].items():
                needs = job.get("needs", [])
                needs = [needs] if isinstance(needs, str) else needs
                if name not in done and set(needs) <= done:
                    self.job(name, job)
                    done.add(name)

    def job(self, name: str, job: dict[str, Any]) -> None:
        matrix = job.get("strategy", {}).get("matrix", {})
        values_of = itertools.product(*matrix.values())
        combinations = [dict(zip(matrix, values, strict=True)) for values in values_of]
        for number, values in enumerate(combinations or [{}]):
            label = f"{name}-{number}"
            folder = self.tmp / label
            subprocess.run(["git", "clone", "-q", str(self.source), str(folder)], check=True)
            self.folders[label] = folder
            steps: dict[str, dict[str, str]] = {}
            context = {"matrix": values, "steps": steps}
            failed = 0
            self.logs[label] = []
            for step in job["steps"]:
                if failed and "always()" not in str(step.get("if", "")):
                    continue
                failed = self.step(step, folder, context, label) or failed
            self.outputs[name] = {
                key: self.expand(value, context) for key, value in job.get("outputs", {}).items()
            }

    def step(self, step: dict[str, Any], folder: Path, context: dict[str, Any], label: str) -> int:
        uses = str(step.get("uses", ""))
        given = {k: self.expand(str(v), context) for k, v in step.get("with", {}).items()}
        if uses.startswith("actions/upload-artifact"):
            self.upload(folder / given["path"], given["name"], given.get("include-hidden-files"))
        elif uses.startswith("actions/download-artifact"):
            self.download(folder / given.get("path", "."), given)
        elif not uses and "Install clientbook" not in step.get("name", ""):
            return self.shell(step, folder, context, label)
        else:  # checked out already; Python, clientbook, the cache and code scanning: GitHub's
            assert uses.startswith(("actions/checkout", *LEFT_TO_GITHUB)) or not uses, uses
        return 0

    def shell(self, step: dict[str, Any], folder: Path, context: dict[str, Any], label: str) -> int:
        outputs = self.tmp / f"output-{label}-{len(self.logs[label])}"
        outputs.write_text("")
        env = {k: self.expand(str(v), context) for k, v in step.get("env", {}).items()}
        done = subprocess.run(
            ["bash", "-e", "-c", self.expand(step["run"], context)],
            cwd=folder,
            env={
                "PATH": f"{BIN}{os.pathsep}/usr/bin:/bin",
                "HOME": str(self.tmp),
                "GITHUB_ACTIONS": "true",
                "CI": "true",
                "GIT_CONFIG_NOSYSTEM": "1",
                "GITHUB_OUTPUT": str(outputs),
                **env,
            },
            capture_output=True,
            text=True,
            check=False,
        )
        self.logs[label].append((step.get("name", ""), done.returncode, done.stdout + done.stderr))
        found = dict(line.split("=", 1) for line in outputs.read_text().splitlines() if "=" in line)
        if "id" in step:
            context["steps"][step["id"]] = found
        return done.returncode

    def expand(self, text: str, context: dict[str, Any]) -> str:
        return re.sub(r"\$\{\{(.*?)\}\}", lambda m: self.value(m[1].strip(), context), text)

    def value(self, name: str, context: dict[str, Any]) -> str:
        head, _, rest = name.partition(".")
        if head == "matrix":
            return str(context["matrix"][rest])
        if head == "inputs":
            return self.inputs.get(rest, "")
        if head == "github" and rest == "sha":
            return "0" * 40
        match = re.fullmatch(r"(needs|steps)\.([\w-]+)\.outputs\.([\w-]+)", name)
        if match:
            source = self.outputs if match[1] == "needs" else context["steps"]
            return str(source.get(match[2], {}).get(match[3], ""))
        raise AssertionError(f"an expression this test does not know: {name}")

    def upload(self, path: Path, name: str, hidden: str | None) -> None:
        """As upload-artifact: a file, or a folder's contents; dot files only when asked."""
        target = self.artifacts / name
        assert not target.exists(), f"artifact {name} uploaded twice"
        if path.is_file():
            target.mkdir()
            shutil.copy2(path, target / path.name)
            return
        skip = None if str(hidden).lower() == "true" else shutil.ignore_patterns(".*")
        shutil.copytree(path, target, ignore=skip)

    def download(self, where: Path, given: dict[str, str]) -> None:
        """As download-artifact: one by name into `path`, or each matching `pattern` into
        `path`/NAME."""
        if "name" in given:
            shutil.copytree(self.artifacts / given["name"], where, dirs_exist_ok=True)
            return
        for artifact in sorted(self.artifacts.iterdir()):
            if fnmatch.fnmatch(artifact.name, given["pattern"]):
                shutil.copytree(artifact, where / artifact.name)

    def failures(self, job: str) -> list[tuple[str, int, str]]:
        logs = self.logs.items()
        return [s for label, steps in logs if label.startswith(f"{job}-") for s in steps if s[1]]


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A few hundred generated clients, a few of them entered twice, with a history."""
    root = tmp_path_factory.mktemp("ci") / "records"
    subprocess.run(
        [
            sys.executable,
            str(REPO_ROOT / "bench" / "generate.py"),
            "--count",
            str(CLIENTS),
            "--out",
            str(root),
            "--today",
            TODAY.isoformat(),
        ],
        check=True,
        capture_output=True,
    )
    (root / ".gitignore").write_text("/.clientbook/\n/site/\n")
    git = GitRepo(root)
    git.commit("Records", date="2026-01-05T10:00:00+00:00")
    files = sorted((root / "clients").iterdir())
    for n, path in enumerate(files[:12:3]):  # the same client again, under another id
        text = path.read_text(encoding="utf-8")
        again = re.sub(r"(?m)^id: .*$", f"id: again-{n}", text) if n else text  # or its own
        (path.parent / f"again-{n}.yaml").write_text(again, encoding="utf-8")
    for path in files[20:30]:
        path.write_text(path.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    git.commit("Duplicates and reviews", date="2026-03-05T10:00:00+00:00", author="Jonas Weber")
    return root


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(BIN) / "clientbook"), *args, "--today", TODAY.isoformat()],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "CI": "true"},
    )


def _sarif_results(text: str) -> list[dict[str, Any]]:
    return json.loads(text)["runs"][0]["results"]  # type: ignore[no-any-return]


def test_the_sharded_workflow_reports_and_builds_what_one_job_does(
    records: Path, tmp_path: Path
) -> None:
    run = Run(records, tmp_path, {"today": TODAY.isoformat()})
    run.all()
    assert not run.failures("facts") and not run.failures("build") and not run.failures("site")
    assert run.outputs["facts"]["today"] == TODAY.isoformat()
    lint_logs = [s for label, steps in run.logs.items() if label.startswith("lint-") for s in steps]
    assert len([s for s in lint_logs if s[0].startswith("Lint shard")]) == 4
    # unsharded, in a clone of its own
    one = tmp_path / "one"
    subprocess.run(["git", "clone", "-q", str(records), str(one)], check=True)
    github = _cli(one, "lint", "--format", "github")
    assert github.returncode == 1  # the duplicates are errors (ids) and warnings
    annotations = [
        line
        for name, _, out in lint_logs
        if name.startswith("Lint shard")
        for line in out.splitlines()
        if line.startswith("::")
    ]
    expected = [line for line in github.stdout.splitlines() if line.startswith("::")]
    assert sorted(annotations) == sorted(expected)
    assert any("duplicate-client" in line for line in expected)
    sarif = _sarif_results(_cli(one, "lint", "--format", "sarif").stdout)
    shards = [
        result
        for label, folder in run.folders.items()
        if label.startswith("lint-")
        for result in _sarif_results(next(folder.glob("clientbook-*.sarif")).read_text())
    ]
    assert sorted(r["partialFingerprints"]["clientbook/v1"] for r in shards) == sorted(
        r["partialFingerprints"]["clientbook/v1"] for r in sarif
    )
    built = _cli(one, "build", "--out", "site")
    assert built.returncode == 0, built.stderr
    merged = site_files(run.artifacts / "site")
    assert merged == site_files(one / "site")
    assert len([n for n in merged if n.startswith("clients/")]) > CLIENTS
