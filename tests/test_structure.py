"""The code's shape: no module-level mutable state in extractor/ (per-document state travels in
explicit objects), every rule file validated, no import circle from the commands."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import regex


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


# ---- rule files: one loader, a schema each, shared sub-patterns --------------------------------------

RULE_FILES = sorted(path for path in PACKAGE.rglob("*.json") if not path.name.endswith(".schema.json") and path.name != "patterns.json")


@pytest.mark.parametrize("path", RULE_FILES, ids=[str(path.relative_to(PACKAGE)) for path in RULE_FILES])
def test_every_rule_file_has_a_schema_and_fits_it(path):
    from extractor.rules import load_rules

    assert path.with_name(path.name.removesuffix(".json") + ".schema.json").is_file()
    package = ".".join(("extractor", *path.parent.relative_to(PACKAGE).parts))
    assert load_rules(package, path.name) is not None  # raises RuleFileError when it does not fit


def test_a_rule_file_that_does_not_fit_is_one_clear_error():
    from extractor.rules import RuleFileError, validate

    schema = json.loads((PACKAGE / "cleaning" / "line_rules.schema.json").read_text(encoding="utf-8"))
    rules = json.loads((PACKAGE / "cleaning" / "line_rules.json").read_text(encoding="utf-8"))
    rules[3]["patern"] = rules[3].pop("pattern")  # a typo in a key
    with pytest.raises(RuleFileError) as refused:
        validate(rules, schema, "extractor/cleaning/line_rules.json")
    message = str(refused.value)
    assert message.startswith("extractor/cleaning/line_rules.json: $[3]: ") and "pattern" in message


def test_shared_sub_patterns_are_put_in_and_unknown_ones_refused():
    from extractor.rules import RuleFileError, expand, load_rules, shared_patterns

    patterns = shared_patterns()
    assert "{@" not in "".join(patterns.values()) and patterns["year"] in patterns["term"]
    period = regex.compile(load_rules("extractor.indicators", "rules.json")["period"])
    assert period.search("nhiệm kỳ 2025 - 2030").groups() == ("2025", "2030")
    assert period.search("Nhiệm kỳ 2020–2025").groups() == ("2020", "2025")
    assert period.search("(giai đoạn 2021-2025)").groups() == ("2021", "2025")
    with pytest.raises(RuleFileError, match=r"x.json: \$.rules\[0\]: unknown pattern \{@yaer\}"):
        expand({"rules": ["năm {@yaer}"]}, patterns, "x.json")


def _run_extractor(*arguments, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractor", *arguments], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, cwd=PACKAGE.parent)


def test_users_replace_a_rule_file_with_their_own(tmp_path):
    """--rules DIR (or EXTRACTOR_RULES) reads DIR/<component>/<name>.json instead of the shipped
    file: here a unit the shipped table lacks ("mẫu", an old measure of land)."""
    units = json.loads((PACKAGE / "quantities" / "units.json").read_text(encoding="utf-8"))
    assert not any("mẫu" in row["forms"] for row in units["units"])
    units["units"].append({"id": "mau-ruong", "forms": ["mẫu"], "unit": "mẫu", "kind": "area", "comma_three": "decimal"})
    (tmp_path / "rules" / "quantities").mkdir(parents=True)
    (tmp_path / "rules" / "quantities" / "units.json").write_text(json.dumps(units, ensure_ascii=False), encoding="utf-8")
    report = tmp_path / "report.txt"
    report.write_text("Xã có 12 mẫu ruộng lúa.\n", encoding="utf-8")

    def units_of(done):
        assert done.returncode == 0, done.stderr
        return [(r["value"], r["unit"], r["kind"]) for r in map(json.loads, done.stdout.splitlines()) if r["type"] == "quantity"]

    assert units_of(_run_extractor("extract", str(report))) == [(12, "mẫu", "count")]  # a counted noun, by POS
    assert units_of(_run_extractor("--rules", str(tmp_path / "rules"), "extract", str(report))) == [(12, "mẫu", "area")]
    assert units_of(_run_extractor("extract", str(report), env={"EXTRACTOR_RULES": str(tmp_path / "rules")})) == [(12, "mẫu", "area")]


def test_a_bad_rule_file_of_the_users_is_one_line_naming_it(tmp_path):
    rules = json.loads((PACKAGE / "cleaning" / "line_rules.json").read_text(encoding="utf-8"))
    rules[0]["colour"] = "red"  # a key no rule has
    folder = tmp_path / "rules" / "cleaning"
    folder.mkdir(parents=True)
    (folder / "line_rules.json").write_text(json.dumps(rules, ensure_ascii=False), encoding="utf-8")
    report = tmp_path / "report.txt"
    report.write_text("Xã có 12 hộ.\n", encoding="utf-8")
    done = _run_extractor("--rules", str(tmp_path / "rules"), "extract", str(report))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"extractor: error: {folder / 'line_rules.json'}: $[0]: ") and "colour" in done.stderr
