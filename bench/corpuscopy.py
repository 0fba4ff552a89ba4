"""A copy of a records repository with each client file rewritten: redump.py's and reframe.py's.

Those scripts give the benchmarks corpus shapes of their own from a generator's
records: the same data, written as other tools or other machines write it.
"""

from __future__ import annotations

import argparse
import shutil
from collections.abc import Callable
from pathlib import Path


def copy_rewritten(source: Path, destination: Path, rewrite: Callable[[bytes], bytes]) -> int:
    """Copy `source` to `destination` (replaced), each clients/ file's bytes passed through
    `rewrite`; how many were. Its .git and .clientbook are not copied."""
    if destination.exists():
        shutil.rmtree(destination)
    shutil.copytree(source, destination, ignore=shutil.ignore_patterns(".git", ".clientbook"))
    count = 0
    for path in sorted((destination / "clients").rglob("*.yaml")):
        path.write_bytes(rewrite(path.read_bytes()))
        count += 1
    return count


def repositories(parser: argparse.ArgumentParser, argv: list[str] | None) -> argparse.Namespace:
    """`parser`'s arguments, with the source and destination repositories added and checked."""
    parser.add_argument(
        "source", type=Path, help="a records repository (clientbook.yaml at its top)"
    )
    parser.add_argument("destination", type=Path, help="where the copy goes (replaced)")
    args = parser.parse_args(argv)
    if not (args.source / "clientbook.yaml").is_file():
        parser.error(f"{args.source}: no clientbook.yaml there")
    return args
