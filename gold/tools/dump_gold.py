"""Write a gold file in our layout: one list item per line (diffs stay readable)."""

import json
import sys


def dump(gold: dict) -> str:
    out = ["{"]
    keys = list(gold)
    for i, key in enumerate(keys):
        value, comma = gold[key], "," if i < len(keys) - 1 else ""
        if isinstance(value, list):
            out.append(f" {json.dumps(key)}: [")
            out.extend("  " + json.dumps(item, ensure_ascii=False) + ("," if j < len(value) - 1 else "") for j, item in enumerate(value))
            out.append(" ]" + comma)
        else:
            out.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
    out.append("}")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as handle:
            gold = json.load(handle)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(dump(gold))
