"""Writes CPython's ASTs of standard-library modules (engine JSON shape) for compare-stdlib.ts.

    PYENV_VERSION=3.13.0 python3 test/unit/parse/tools/stdlib_asts.py /tmp/stdlib-asts.json
    npx tsx test/unit/parse/tools/compare-stdlib.ts /tmp/stdlib-asts.json

A conformance check on real code, too big to commit as a fixture.
"""
import ast, json, os, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "golden"))
from make_golden import convert  # noqa: E402

ROOT = os.path.dirname(ast.__file__)
PACKAGES = ["", "json", "collections", "email", "http", "importlib", "logging", "unittest", "xml/dom",
            "concurrent/futures", "asyncio", "urllib"]

rows = []
for package in PACKAGES:
    folder = os.path.join(ROOT, package)
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".py"):
            continue
        path = os.path.join(folder, name)
        try:
            with open(path, encoding="utf-8") as f:
                tree = ast.parse(f.read())
        except (SyntaxError, UnicodeDecodeError):
            continue
        rows.append({"file": path, "ast": convert(tree)})
with open(sys.argv[1], "w") as f:
    json.dump(rows, f)
print(len(rows), "modules")
