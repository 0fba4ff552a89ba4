"""Real git repositories for tests: fixed authors and dates, no user configuration."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


class GitRepo:
    """A records repository under git; each commit gets the author and date it is given."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.run("init", "-q", "-b", "main")

    def env(
        self,
        author: str = "Amara Okafor",
        email: str = "amara@northwind.example",
        date: str = "2026-01-05T10:00:00+00:00",
    ) -> dict[str, str]:
        return {
            "GIT_AUTHOR_NAME": author,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_NAME": author,
            "GIT_COMMITTER_EMAIL": email,
            "GIT_COMMITTER_DATE": date,
            "HOME": str(self.root.parent),
            "GIT_CONFIG_NOSYSTEM": "1",
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        }

    def run(self, *args: str, **env: str) -> str:
        return subprocess.run(
            ["git", *args],
            cwd=self.root,
            env=self.env(**env),
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def write(self, name: str, text: str) -> None:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def commit(self, message: str, **env: str) -> str:
        self.run("add", "-A")
        self.run("commit", "-q", "--allow-empty", "-m", message, **env)
        return self.run("rev-parse", "HEAD").strip()
