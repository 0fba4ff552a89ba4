#!/usr/bin/env python3
"""Copy a records repository with each client file framed as some teams' files are.

    python bench/reframe.py SOURCE DESTINATION [--crlf] [--start] [--end]

`--crlf` gives every line Windows line ends (a checkout on Windows with
core.autocrlf), `--start` puts a `---` line first and `--end` a `...` line last
(what yamllint's document-start and document-end rules ask for). The records'
data is unchanged, so a lint of the copy must find what a lint of the source
finds, in about the same time if the loader reads such files as fast.
DESTINATION is replaced; its .git and .clientbook are not copied, so commit it
before timing a history.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpuscopy import copy_rewritten, repositories


def framer(*, crlf: bool, start: bool, end: bool) -> Callable[[bytes], bytes]:
    """What each client file's bytes become."""

    def frame(raw: bytes) -> bytes:
        raw = (b"---\n" if start else b"") + raw + (b"...\n" if end else b"")
        return raw.replace(b"\n", b"\r\n") if crlf else raw

    return frame


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--crlf", action="store_true", help="Windows line ends")
    parser.add_argument("--start", action="store_true", help="a `---` line first")
    parser.add_argument("--end", action="store_true", help="a `...` line last")
    args = repositories(parser, argv)
    if not (args.crlf or args.start or args.end):
        parser.error("nothing to do: give --crlf, --start or --end")
    frame = framer(crlf=args.crlf, start=args.start, end=args.end)
    print(f"{copy_rewritten(args.source, args.destination, frame)} client files framed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
