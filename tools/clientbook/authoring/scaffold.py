"""Creating a new records repository: config, schemas, templates, one example client, CI."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import jinja2

from clientbook.core.resources import default_schemas, default_templates
from clientbook.util.atomic import write_text


class ScaffoldError(Exception):
    """The target cannot take a new repository (it is not empty)."""


def scaffold(target: Path, organisation: str, today: dt.date) -> list[Path]:
    """Write a ready-to-lint records repository into `target`; return the files written."""
    if target.exists() and any(target.iterdir()):
        raise ScaffoldError(f"{target} is not empty; choose a new or empty folder")
    init = default_templates() / "init"
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(init),
        autoescape=False,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    since = (today - dt.timedelta(days=7)).isoformat()
    written = []
    rendered = {
        "clientbook.yaml": env.get_template("clientbook.yaml.j2").render(organisation=organisation),
        "clients/example-client.yaml": env.get_template("example-client.yaml.j2").render(
            since=since
        ),
        ".pre-commit-config.yaml": (init / "pre-commit-config.yaml").read_text(encoding="utf-8"),
        ".gitignore": (init / "gitignore").read_text(encoding="utf-8"),
        ".github/workflows/clientbook.yml": (init / "workflow.yml").read_text(encoding="utf-8"),
    }
    for name, text in rendered.items():
        write_text(target / name, text)
        written.append(target / name)
    for folder, source in (("schemas", default_schemas()), ("templates", default_templates())):
        destination = target / folder
        shutil.copytree(source, destination, ignore=shutil.ignore_patterns("init", "__pycache__"))
        written += sorted(p for p in destination.rglob("*") if p.is_file())
    return written
