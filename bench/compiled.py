"""Compiling the clientbook being measured to bytecode before a benchmark times it.

An installed clientbook (`pip install .`) has its modules compiled: pip writes the .pyc
files as it installs. An editable install (`pip install -e .`, the test setup) runs from
tools/, and Python compiles a module whenever its .pyc is missing or older than the source
and writes the .pyc for the next run, unless PYTHONDONTWRITEBYTECODE is set (as it is on
this project's machines): then every command compiles every module it imports again,
about 0.15 s of each start-up. A benchmark measures clientbook as it is installed, so each
one compiles the code it runs first (compileall writes whatever the variable says, and
skips a module whose .pyc is current).
"""

from __future__ import annotations

import compileall
from pathlib import Path

TOOLS = Path(__file__).resolve().parents[1] / "tools"  # this checkout's, which the benches run


def compile_clientbook(tools: Path = TOOLS) -> Path:
    """Write the .pyc of every module of clientbook under `tools` (this checkout's, or
    another's a bench compares with) that lacks a current one; the package folder."""
    folder = tools / "clientbook"
    if not compileall.compile_dir(str(folder), quiet=1):
        raise SystemExit(f"{folder}: a module did not compile")
    return folder
