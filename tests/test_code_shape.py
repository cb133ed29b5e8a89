"""The code keeps the shape a newcomer can read: no function longer than a screen, no module that
holds several concerns, no import circle between modules (also through imports inside
functions, which only hide a circle from Python's import system, not from a reader)."""

import ast
from pathlib import Path

import networkx as nx

import kg

PACKAGE = Path(kg.__file__).parent
BENCHMARKS = PACKAGE.parent / "benchmarks"
MAX_FUNCTION_LINES = 80
MAX_MODULE_LINES = 600


def _sources(*folders: Path) -> list[Path]:
    return sorted(p for folder in folders if folder.is_dir() for p in folder.rglob("*.py"))


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_function_is_longer_than_a_screen():
    long = []
    for path in _sources(PACKAGE, BENCHMARKS):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {node.name} ({lines} lines)")
    assert not long, "\n".join(long)


def test_no_module_holds_several_concerns():
    big = [f"{p.relative_to(PACKAGE.parent)} ({n} lines)" for p in _sources(PACKAGE)
           if (n := p.read_text(encoding="utf-8").count("\n")) > MAX_MODULE_LINES]
    assert not big, "\n".join(big)


def _imported_modules(path: Path, modules: set[str]) -> set[str]:
    """The kg modules a file imports, anywhere in it: ``from . import x`` and ``from kg.a import
    b`` name module ``x`` / ``kg.a.b`` when there is one, else the module they import from."""
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            source = (f"{base}.{node.module}" if node.module else base) if node.level else node.module or ""
            for alias in node.names:
                found.add(f"{source}.{alias.name}" if f"{source}.{alias.name}" in modules else source)
    return found & modules


def test_no_import_circle_between_modules():
    modules = {_module_name(p): p for p in _sources(PACKAGE)}
    graph = nx.DiGraph()
    for name, path in modules.items():
        graph.add_node(name)
        for target in _imported_modules(path, set(modules)):
            if target != name and not name.startswith(target + "."):  # a package's own __init__
                graph.add_edge(name, target)
    circles = [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]
    assert not circles, circles


def test_the_checks_can_fail(tmp_path):
    """The shape checks see what they are meant to see (a long function, a circle)."""
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES + 1))
    tree = ast.parse(f"def long():\n{body}\n")
    node = tree.body[0]
    assert node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    graph = nx.DiGraph([("a", "b"), ("b", "a")])
    assert [c for c in nx.strongly_connected_components(graph) if len(c) > 1]
