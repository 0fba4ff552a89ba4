#!/usr/bin/env python3
"""Copy a records repository with every client file written again by PyYAML, as many tools do.

    python bench/redump.py SOURCE DESTINATION [--flow] [--quote-keys]

A third corpus shape for the benchmarks, from either generator's: what a team's own export
script would write with `yaml.safe_dump(record, allow_unicode=True, sort_keys=False)` —
sequences not indented under their key, long texts broken over lines (plain, or quoted where
they hold an indicator), quotes where PyYAML wants them, comments gone. Dates stay dates
(written as PyYAML writes them: unquoted). With --flow, each collection of scalars is written
in flow style, broken over lines where it is long, as PyYAML did by default before 5.1
(`default_flow_style=None`); with --quote-keys every key is double-quoted, as JSON-minded
converters write them. DESTINATION is replaced; its .git and .clientbook are not copied,
so commit it before timing a history.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpuscopy import copy_rewritten, repositories


class _QuotedKeys(yaml.SafeDumper):
    """PyYAML's safe dumper, writing every text key double-quoted."""

    def represent_mapping(self, tag: str, mapping: Any, flow_style: Any = None) -> yaml.MappingNode:
        node = super().represent_mapping(tag, mapping, flow_style)
        for key, _ in node.value:
            if key.tag == "tag:yaml.org,2002:str":
                key.style = '"'
        return node


def redump(raw: bytes, flow: bool = False, quote_keys: bool = False) -> bytes:
    """One client file, loaded and dumped by PyYAML (collections of scalars in flow style if
    `flow`, keys double-quoted if `quote_keys`)."""
    data = yaml.safe_load(raw.decode("utf-8"))
    dumper = _QuotedKeys if quote_keys else yaml.SafeDumper
    style = None if flow else False
    dumped = yaml.dump(
        data, Dumper=dumper, allow_unicode=True, sort_keys=False, default_flow_style=style
    )
    return dumped.encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--flow", action="store_true", help="PyYAML's style before 5.1")
    parser.add_argument("--quote-keys", action="store_true", help="every key double-quoted")
    args = repositories(parser, argv)
    count = copy_rewritten(
        args.source, args.destination, lambda raw: redump(raw, args.flow, args.quote_keys)
    )
    print(f"{count} client files written by PyYAML")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
