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
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpuscopy import copy_rewritten, repositories


def redump(raw: bytes) -> bytes:
    """One client file, loaded and dumped by PyYAML."""
    data = yaml.safe_load(raw.decode("utf-8"))
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    args = repositories(argparse.ArgumentParser(description=__doc__.split("\n\n")[0]), argv)
    print(f"{copy_rewritten(args.source, args.destination, redump)} client files written by PyYAML")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
