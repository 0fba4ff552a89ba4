#!/usr/bin/env python3
"""Copy a records repository with every client file written again by PyYAML, as many tools do.

    python bench/redump.py SOURCE DESTINATION

A third corpus shape for the benchmarks, from either generator's: what a team's own export
script would write with `yaml.safe_dump(record, allow_unicode=True, sort_keys=False)` —
sequences not indented under their key, long texts broken over lines (plain, or quoted where
they hold an indicator), quotes where PyYAML wants them, comments gone. Dates stay dates
(written as PyYAML writes them: unquoted). DESTINATION is replaced; its .git and .clientbook
are not copied, so commit it before timing a history.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import yaml


def redump(source: Path, destination: Path) -> int:
    """Copy `source` to `destination`, each clients/ file loaded and dumped by PyYAML; how many."""
    if destination.exists():
        shutil.rmtree(destination)
    shutil.copytree(source, destination, ignore=shutil.ignore_patterns(".git", ".clientbook"))
    count = 0
    for path in sorted((destination / "clients").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "source", type=Path, help="a records repository (clientbook.yaml at its top)"
    )
    parser.add_argument("destination", type=Path, help="where the copy goes (replaced)")
    args = parser.parse_args(argv)
    if not (args.source / "clientbook.yaml").is_file():
        parser.error(f"{args.source}: no clientbook.yaml there")
    print(f"{redump(args.source, args.destination)} client files written by PyYAML")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
