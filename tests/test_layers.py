"""The package's layers: data flows one way, so each layer imports only the layers below it.

extract -> graph -> analysis -> service, with run (the build engines) beside service; the CLI on
top. A module that imports upward (say, extraction importing RDF) fails here, and so does a circle.
"""

import ast
import subprocess
import sys
from pathlib import Path

import kg

PACKAGE = Path(kg.__file__).parent
#: layer -> the kg layers it may import (besides itself and the ``kg`` package's version)
ALLOWED = {
    "extract": set(),
    "graph": {"extract"},
    "analysis": {"extract", "graph"},
    "run": {"extract", "graph"},
    "service": {"extract", "graph", "analysis"},
}


def kg_imports(path: Path) -> set[str]:
    """The kg modules a file imports (absolute, with relative imports resolved)."""
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            found.add(module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m == "kg" or m.startswith("kg.")}


def test_each_layer_imports_only_the_layers_below_it():
    wrong = []
    for layer, allowed in ALLOWED.items():
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            for module in kg_imports(path):
                parts = module.split(".")
                other = parts[1] if len(parts) > 1 else None
                if other in (None, layer, "__version__") or other in allowed:
                    continue
                wrong.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert not wrong, "\n".join(wrong)


def test_extraction_knows_no_rdf():
    for path in sorted((PACKAGE / "extract").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert "import rdflib" not in source and "from rdflib" not in source, path
        assert "pyoxigraph" not in source, path


def test_importing_kg_is_cheap_and_exports_the_notebook_names():
    code = ("import sys, kg; heavy = [m for m in ('spacy', 'rdflib', 'networkx') if m in sys.modules]; "
            "print(heavy); print(callable(kg.build), callable(kg.load), callable(kg.query), callable(kg.actor_graph))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "[]"
    assert out[1] == "True True True True"
