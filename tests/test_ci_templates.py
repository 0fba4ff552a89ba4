"""The GitHub Action (action.yml) and the GitLab CI template, run as their runners would.

The Action's shell steps run in order with bash in a real records repository, with the
environment a runner gives (GITHUB_ACTIONS, GITHUB_STEP_SUMMARY, GITHUB_BASE_REF,
GITHUB_OUTPUT, RUNNER_TEMP) and its `if:` conditions and `${{ }}` expressions evaluated.
Steps that use another action (setup-python, cache, upload-sarif) and the install step are
left to GitHub: clientbook is installed here already. The GitHub API is a recording
stand-in for `gh` on PATH, since the real one is on the network.
"""

from __future__ import annotations

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

from tests.conftest import RecordsRepo, minimal_record
from tests.gitrepo import GitRepo

ROOT = Path(__file__).resolve().parents[1]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text())
BIN = str(Path(sys.executable).parent)  # clientbook and python, as setup-python leaves them
GH_STUB = """#!/usr/bin/env bash
# records each call: its arguments and what it was sent
printf '%s\\n' "$*" >> "$GH_LOG"
if [ -t 0 ]; then :; else cat >> "$GH_LOG"; printf '\\n' >> "$GH_LOG"; fi
case "$*" in *--jq*) printf '%s' "${GH_EXISTING:-}";; esac
"""


class Runner:
    """A composite action's shell steps, run the way the runner runs them."""

    def __init__(self, repo: Path, tmp: Path, inputs: dict[str, str], env: dict[str, str]):
        self.repo = repo
        self.tmp = tmp
        self.inputs = {k: str(v.get("default", "")) for k, v in ACTION["inputs"].items()}
        self.inputs.update(inputs)
        self.inputs["token"] = "test-token"
        self.github = {"action_path": str(ROOT), "event_name": "pull_request", "sha": "abc"}
        self.github["event.pull_request.number"] = "7"
        self.steps: dict[str, dict[str, str]] = {}
        self.summary = tmp / "summary.md"
        self.env = {
            "PATH": f"{BIN}{os.pathsep}/usr/bin:/bin",
            "HOME": str(tmp),
            "GITHUB_ACTIONS": "true",
            "GITHUB_STEP_SUMMARY": str(self.summary),
            "GITHUB_REPOSITORY": "northwind/records",
            "RUNNER_TEMP": str(tmp / "runner"),
            "GIT_CONFIG_NOSYSTEM": "1",
            **env,
        }
        (tmp / "runner").mkdir(parents=True)
        self.logs: list[tuple[str, int, str]] = []

    def value(self, name: str) -> str:
        name = name.strip()
        if name.startswith("inputs."):
            return self.inputs[name.removeprefix("inputs.")]
        if name.startswith("github."):
            return self.github[name.removeprefix("github.")]
        match = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", name)
        if match:
            return self.steps.get(match[1], {}).get(match[2], "")
        match = re.fullmatch(r"'([^']*)'", name)
        if match:
            return match[1]
        raise AssertionError(f"an expression this test does not know: {name}")

    def expand(self, text: str) -> str:
        return re.sub(r"\$\{\{(.*?)\}\}", lambda m: self.value(m[1]), str(text))

    def condition(self, text: str) -> bool:
        for term in str(text).split("&&"):
            term = term.strip()
            if term in ("always()", "success()"):
                continue
            left, op, right = re.fullmatch(r"(.+?)\s*(==|!=)\s*(.+)", term).groups()  # type: ignore[union-attr]
            if (self.value(left) == self.value(right)) != (op == "=="):
                return False
        return True

    def run(self) -> int:
        """Every step in order; the exit status of the first failing one (0: all passed)."""
        failed = 0
        for step in ACTION["runs"]["steps"]:
            if "uses" in step or "Install clientbook" in step.get("name", ""):
                continue
            if "if" in step and not self.condition(step["if"]):
                continue
            if failed and "always()" not in str(step.get("if", "")):
                continue
            failed = self._step(step) or failed
        return failed

    def _step(self, step: dict[str, Any]) -> int:
        outputs = self.tmp / f"output-{len(self.logs)}"
        outputs.write_text("")
        env = {k: self.expand(v) for k, v in step.get("env", {}).items()}
        done = subprocess.run(
            ["bash", "-c", self.expand(step["run"])],
            cwd=self.repo,
            env={**self.env, **env, "GITHUB_OUTPUT": str(outputs)},
            capture_output=True,
            text=True,
            check=False,
        )
        self.logs.append((step.get("name", ""), done.returncode, done.stdout + done.stderr))
        found = dict(line.split("=", 1) for line in outputs.read_text().splitlines() if "=" in line)
        if "id" in step:
            self.steps[step["id"]] = found
        return done.returncode

    def output(self, name: str) -> str:
        return self.expand(ACTION["outputs"][name]["value"])

    def log(self) -> str:
        return "\n".join(out for _, _, out in self.logs)


@pytest.fixture
def pull_request(records_repo: RecordsRepo) -> RecordsRepo:
    """A records repository whose feature branch introduces an error; origin/main is its base."""
    records_repo.write_record(minimal_record())
    git = GitRepo(records_repo.root)
    git.commit("Base")
    git.run("update-ref", "refs/remotes/origin/main", "main")
    git.run("checkout", "-q", "-b", "feature")
    records_repo.write_record(minimal_record(id="zenith", name="Zenith", website="gopher://x"))
    git.commit("Add Zenith")
    return records_repo


def test_the_action_annotates_summarises_and_writes_sarif(
    pull_request: RecordsRepo, tmp_path: Path
) -> None:
    runner = Runner(
        pull_request.root, tmp_path, {"sarif-upload": "true"}, {"GITHUB_BASE_REF": "main"}
    )
    status = runner.run()
    assert status == 1, runner.log()  # the new error fails the job
    assert "::error file=clients/zenith.yaml,line=" in runner.log()
    assert "acme-logistics" not in runner.log().split("clientbook:")[0]  # only what changed
    assert runner.output("errors") == "1"
    summary = runner.summary.read_text()
    assert "### clientbook: 1 record changed" in summary and "`clients/zenith.yaml`" in summary
    sarif = json.loads(Path(runner.output("sarif-file")).read_text())
    [result] = sarif["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "clients/zenith.yaml"
    )
    assert runner.steps["key"]["cache-key"].startswith("clientbook-0.1.0-")


def test_the_action_keeps_one_comment_updated_in_place(
    pull_request: RecordsRepo, tmp_path: Path
) -> None:
    (tmp_path / "bin").mkdir()
    gh = tmp_path / "bin" / "gh"
    gh.write_text(GH_STUB)
    gh.chmod(0o755)
    log = tmp_path / "gh.log"
    path = f"{tmp_path / 'bin'}{os.pathsep}{BIN}{os.pathsep}/usr/bin:/bin"
    env = {"GITHUB_BASE_REF": "main", "GH_LOG": str(log), "PATH": path}
    Runner(pull_request.root, tmp_path / "first", {"comment": "true"}, env).run()
    calls = log.read_text()
    assert "--method POST repos/northwind/records/issues/7/comments" in calls
    body = json.loads(calls.split("--input -\n", 1)[1].splitlines()[0])["body"]
    assert body.startswith("<!-- clientbook-pr-summary -->\n### clientbook: 1 record changed")
    log.unlink()
    env["GH_EXISTING"] = "4242"
    Runner(pull_request.root, tmp_path / "second", {"comment": "true"}, env).run()
    assert "--method PATCH repos/northwind/records/issues/comments/4242" in log.read_text()


def test_on_a_push_the_action_checks_every_record_without_a_summary(
    pull_request: RecordsRepo, tmp_path: Path
) -> None:
    pull_request.write_record(minimal_record(id="zenith", name="Zenith"))
    GitRepo(pull_request.root).commit("Fix Zenith")
    runner = Runner(pull_request.root, tmp_path, {}, {})
    assert runner.run() == 0, runner.log()
    assert runner.output("errors") == "0"
    assert not runner.summary.exists() or "clientbook:" not in runner.summary.read_text()


def test_an_unknown_command_is_refused_by_name(pull_request: RecordsRepo, tmp_path: Path) -> None:
    runner = Runner(pull_request.root, tmp_path, {"command": "deploy"}, {})
    assert runner.run() == 2
    assert "::error title=clientbook action::unknown command 'deploy'" in runner.log()


def _gitlab_lint_script() -> str:
    template = yaml.safe_load((ROOT / "templates/ci/gitlab-ci.yml").read_text())
    return "\n".join(template["clientbook-lint"]["script"])


@pytest.mark.skipif(shutil.which("sh") is None, reason="the GitLab job's script runs in sh")
def test_the_gitlab_job_writes_a_code_quality_report(
    pull_request: RecordsRepo, tmp_path: Path
) -> None:
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", str(origin)], check=True)
    git = GitRepo.__new__(GitRepo)
    git.root = pull_request.root
    git.run("remote", "add", "origin", str(origin))
    git.run("push", "-q", "origin", "main")
    env = {
        "PATH": f"{BIN}{os.pathsep}/usr/bin:/bin",
        "HOME": str(tmp_path),
        "GIT_CONFIG_NOSYSTEM": "1",
        "CI": "true",
        "GITLAB_CI": "true",
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
    }
    done = subprocess.run(
        ["sh", "-c", _gitlab_lint_script()],
        cwd=pull_request.root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    [issue] = json.loads((pull_request.root / "gl-code-quality-report.json").read_text())
    assert issue["location"]["path"] == "clients/zenith.yaml"
    assert issue["severity"] == "major" and issue["check_name"]
    assert re.fullmatch(r"[0-9a-f]{32}", issue["fingerprint"])
    assert (
        "### clientbook: 1 record changed" in (pull_request.root / "clientbook-diff.md").read_text()
    )
