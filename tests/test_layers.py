"""Imports run one way: newsdesk (site machinery) <- entities <- articles.

A lower layer reaches the content above it through Django's own means
(reverse relations, `_meta`, signals, the registries the upper apps fill in
their `ready()`), never by importing it. Every import is checked, including
those inside functions and in migrations.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The root URLconf and the sitemap index wire the apps together.
WIRING = {"newsdesk/urls.py", "newsdesk/sitemaps.py"}


def imported_packages(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.partition(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module.partition(".")[0]


def upward_imports(layer, above):
    found = []
    for path in sorted((ROOT / layer).rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative in WIRING:
            continue
        found += [
            f"{relative}:{line} imports {package}"
            for line, package in imported_packages(path)
            if package in above
        ]
    return found


@pytest.mark.parametrize(
    ("layer", "above"),
    [("entities", {"articles"}), ("newsdesk", {"entities", "articles"})],
)
def test_no_layer_imports_a_layer_above_it(layer, above):
    assert upward_imports(layer, above) == []


def test_the_check_sees_an_upward_import(tmp_path, monkeypatch):
    # A positive control: the same check on a tree that does import upwards.
    (tmp_path / "entities").mkdir()
    (tmp_path / "entities" / "views.py").write_text(
        "def page():\n    from articles.models import Article\n    return Article\n"
    )
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    assert upward_imports("entities", {"articles"}) == ["entities/views.py:2 imports articles"]
