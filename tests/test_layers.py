"""The package's layers: each imports only the layers before it, and no modules import each other.

util < core < history < lint < authoring, compliance, query, intake < site < cli, api

Every import counts: at the top of a module, inside a function, under TYPE_CHECKING.
A cycle hidden behind an import in a function is still a cycle a reader must untangle.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "tools" / "clientbook"
LAYERS = {
    "util": 0,
    "core": 1,
    "history": 2,
    "lint": 3,
    "authoring": 4,
    "compliance": 4,
    "query": 4,
    "intake": 4,
    "site": 5,
    "cli": 6,
    "api": 7,
    "__main__": 7,
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported(name: str, path: Path) -> Iterator[tuple[str, int]]:
    """(module, line) for every clientbook module `name` imports, wherever the import stands."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield from _known(alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                # `from clientbook.site import charts` names a module; `from x import y` a value
                yield from _known(
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base,
                    node.lineno,
                )


def _known(target: str, line: int) -> Iterator[tuple[str, int]]:
    if target in MODULES:
        yield target, line


def layer(name: str) -> int | None:
    parts = name.split(".")
    return LAYERS.get(parts[1]) if len(parts) > 1 else None


GRAPH = {name: sorted(set(imported(name, path))) for name, path in MODULES.items()}


def test_every_module_belongs_to_a_layer() -> None:
    loose = [n for n in MODULES if n != "clientbook" and layer(n) is None]
    assert not loose, f"modules outside every layer: {loose}"


def test_the_package_root_imports_nothing() -> None:
    """`import clientbook` (for its version) must not load a layer."""
    assert GRAPH["clientbook"] == []


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n != "clientbook"))
def test_imports_point_down_the_layers(name: str) -> None:
    own = layer(name)
    assert own is not None
    own_folder = name.split(".")[1]
    bad = []
    for target, line in GRAPH[name]:
        theirs = layer(target)
        if theirs is None:  # the package root: its version only
            continue
        same_folder = target.split(".")[1] == own_folder
        if theirs > own or (theirs == own and not same_folder):
            bad.append(f"{MODULES[name].relative_to(PACKAGE.parent)}:{line} imports {target}")
    assert not bad, "imports that point up a layer or across to a peer:\n" + "\n".join(bad)


def cycles(graph: dict[str, list[tuple[str, int]]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target, _ in graph.get(node, []):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1 or any(t == node for t, _ in graph.get(node, [])):
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles() -> None:
    assert cycles(GRAPH) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    """The check above can fail: a made-up graph with a cycle through three modules."""
    graph = {"a": [("b", 1)], "b": [("c", 1)], "c": [("a", 1)], "d": [("a", 1)]}
    assert cycles(graph) == [["a", "b", "c"]]


@pytest.mark.parametrize(
    ("module", "above"),
    [
        ("clientbook.core.config", ("history", "lint", "authoring", "compliance", "site", "cli")),
        ("clientbook.history.read", ("lint", "authoring", "compliance", "site", "cli")),
        ("clientbook.lint.run", ("authoring", "compliance", "site", "cli")),
    ],
)
def test_importing_a_layer_loads_nothing_above_it(module: str, above: tuple[str, ...]) -> None:
    """What `python -X importtime -c 'import clientbook.core.config'` shows, checked in a fresh process."""
    script = f"import sys, {module}; print('\\n'.join(sorted(sys.modules)))"
    loaded = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.split()
    wrong = [m for m in loaded if m.startswith("clientbook.") and m.split(".")[1] in above]
    assert not wrong, f"importing {module} loads {wrong}"
    assert module in loaded  # the check above saw the process that imported it


def test_modules_and_functions_stay_small() -> None:
    """A module holds one thing (under 400 lines); a function does one thing (under 60)."""
    big = []
    for name, path in MODULES.items():
        source = path.read_text(encoding="utf-8")
        if len(source.splitlines()) > 400:
            big.append(f"{name}: {len(source.splitlines())} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > 60:
                    big.append(f"{name}.{node.name}: {length} lines")
    assert not big, big
