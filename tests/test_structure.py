"""The code's shape: no module-level mutable state in extractor/ (per-document state travels in
explicit objects), every rule file validated, no import circle from the commands."""

from __future__ import annotations

import ast
from pathlib import Path


PACKAGE = Path(__file__).resolve().parent.parent / "extractor"
CONTAINERS = {"list", "dict", "set", "defaultdict", "Counter", "OrderedDict", "array", "deque", "WeakKeyDictionary",
              "WeakValueDictionary"}
MUTATORS = {"append", "extend", "insert", "update", "add", "pop", "popitem", "clear", "remove", "discard", "setdefault",
            "appendleft", "frombytes", "fromlist"}


def _modules():
    return sorted(PACKAGE.rglob("*.py"))


def _is_container(node: ast.AST) -> bool:
    if isinstance(node, (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)):
        return True
    if isinstance(node, ast.Call):
        function = node.func
        name = function.id if isinstance(function, ast.Name) else function.attr if isinstance(function, ast.Attribute) else ""
        return name in CONTAINERS
    return False


def _module_containers(tree: ast.Module) -> dict[str, int]:
    """Names bound at module level to a mutable container → line."""
    found = {}
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) and node.value else []
        value = getattr(node, "value", None)
        if value is not None and _is_container(value):
            found.update({target.id: node.lineno for target in targets if isinstance(target, ast.Name)})
    return found


def state_problems(source: str, name: str) -> list[str]:
    """Module-level containers must be constants (UPPER_CASE, never changed after import); no
    `global`; no class attribute written at run time (the old `cls._last` caches)."""
    tree = ast.parse(source)
    containers = _module_containers(tree)
    problems = [f"{name}:{line}: module-level container {target!r} is not a constant name"
                for target, line in containers.items() if not target.lstrip("_").isupper() and target != "__all__"]
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            problems.append(f"{name}:{node.lineno}: global {', '.join(node.names)}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS \
                and isinstance(node.func.value, ast.Name) and node.func.value.id in containers:
            problems.append(f"{name}:{node.lineno}: module-level {node.func.value.id} changed ({node.func.attr})")
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else []
        for target in targets:
            if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) and target.value.id in containers:
                problems.append(f"{name}:{node.lineno}: module-level {target.value.id} changed (item assignment)")
            if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "cls":
                problems.append(f"{name}:{node.lineno}: class attribute written at run time (cls.{target.attr})")
    return problems


def test_no_module_level_mutable_state():
    problems = []
    for path in _modules():
        problems += state_problems(path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE.parent)))
    assert problems == []


def test_the_check_finds_what_it_forbids():
    sample = ("_cache = {}\n_last = [None]\nCONSTANT = {'a': 1}\n"
              "def f(x):\n    global counter\n    CONSTANT['b'] = 2\n    _last.append(x)\n"
              "class C:\n    @classmethod\n    def of(cls, x):\n        cls._last = x\n")
    assert state_problems(sample, "m.py") == [
        "m.py:1: module-level container '_cache' is not a constant name",
        "m.py:2: module-level container '_last' is not a constant name",
        "m.py:5: global counter",
        "m.py:6: module-level CONSTANT changed (item assignment)",
        "m.py:7: module-level _last changed (append)",
        "m.py:11: class attribute written at run time (cls._last)",
    ]
