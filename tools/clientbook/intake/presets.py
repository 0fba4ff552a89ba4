"""Mapping presets: templates/import/NAME.yaml, the repository's own first, then clientbook's."""

from __future__ import annotations

from pathlib import Path

from clientbook.core.resources import default_templates
from clientbook.intake.table import IntakeError

FOLDER = "import"


def folders(root: Path) -> list[Path]:
    return [root / "templates" / FOLDER, default_templates() / FOLDER]


def preset_names(root: Path) -> list[str]:
    names: set[str] = set()
    for folder in folders(root):
        if folder.is_dir():
            names |= {p.stem for p in folder.glob("*.yaml")}
    return sorted(names)


def preset_path(root: Path, name: str) -> Path:
    for folder in folders(root):
        path = folder / f"{name}.yaml"
        if path.is_file():
            return path
    known = ", ".join(preset_names(root)) or "none"
    raise IntakeError(f"there is no import preset {name!r} (the presets: {known})")
