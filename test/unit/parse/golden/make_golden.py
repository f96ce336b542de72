"""Golden fixtures for the parser tests, produced by CPython itself (run with the oracle):

    PYENV_VERSION=3.13.0 python3 test/unit/parse/golden/make_golden.py

ast-cases.txt     -> ast-golden.json     CPython's ast.parse output in the engine's JSON shape
syntax-cases.txt  -> syntax-golden.json  the stderr CPython prints when running each snippet as a file
fuzz-cases.json   -> fuzz-golden.json    as syntax-golden.json, for mutated corpus lines (made once by a
                                          small mutation script: deleted characters, inserted tokens)
eval-cases.txt    -> eval-golden.json    eval-mode SyntaxErrors (source compiled as "<string>")
warning-cases.txt -> warning-golden.json the SyntaxWarnings CPython prints compiling each snippet
shared fidelity corpus -> fidelity-ast-golden.json  CPython's AST of every public fidelity program

Cases in the .txt files are separated by lines that read exactly "#---".
"""
import ast
import json
import math
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SEPARATOR = "#---\n"


def read_cases(name):
    with open(os.path.join(HERE, name), encoding="utf-8", newline="") as f:
        text = f.read()
    return [c for c in text.split(SEPARATOR) if c.strip()]


def constant(v):
    if v is None:
        return {"type": "None"}
    if v is Ellipsis:
        return {"type": "Ellipsis"}
    if isinstance(v, bool):
        return {"type": "bool", "value": v}
    if isinstance(v, int):
        return {"type": "int", "value": str(v)}
    if isinstance(v, float):
        return {"type": "float", "value": v if math.isfinite(v) else repr(v)}
    if isinstance(v, complex):
        return {"type": "complex", "imag": v.imag if math.isfinite(v.imag) else repr(v.imag)}
    if isinstance(v, str):
        return {"type": "str", "value": v}
    if isinstance(v, bytes):
        return {"type": "bytes", "value": list(v)}
    raise TypeError(type(v))


SIMPLE = (ast.expr_context, ast.operator, ast.boolop, ast.unaryop, ast.cmpop)


def convert(node):
    if isinstance(node, SIMPLE):
        return type(node).__name__
    if isinstance(node, ast.AST):
        out = {"kind": type(node).__name__}
        for field in node._fields:
            value = getattr(node, field, None)
            if isinstance(node, (ast.Constant, ast.MatchSingleton)) and field == "value":
                out["value"] = constant(value)
            elif isinstance(node, ast.Constant) and field == "kind":
                out["constant_kind"] = value
            else:
                out[field] = convert(value)
        for attr in node._attributes:
            out[attr] = getattr(node, attr)
        return out
    if isinstance(node, list):
        return [convert(x) for x in node]
    return node


def ast_golden():
    rows = []
    for source in read_cases("ast-cases.txt"):
        rows.append({"source": source, "ast": convert(ast.parse(source))})
    return rows


def syntax_golden(sources):
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "main.py")
        for source in sources:
            with open(path, "w", encoding="utf-8") as f:
                f.write(source)
            try:
                compile(source, path, "exec")
                compiles = True
            except SyntaxError:
                compiles = False
            proc = subprocess.run([sys.executable, path], capture_output=True, text=True)
            stderr = proc.stderr.replace(path, "/play/main.py")
            rows.append({"source": source, "compiles": compiles, "stderr": stderr})
    return rows


FIDELITY = "/work/shared/fidelity/public"


def fidelity_golden():
    """CPython's AST of every program in the fuzz-cases.json   -> fuzz-golden.json    as syntax-golden.json, for mutated corpus lines (made once by a
                                          small mutation script: deleted characters, inserted tokens)
eval-cases.txt    -> eval-golden.json    eval-mode SyntaxErrors (source compiled as "<string>")
warning-cases.txt -> warning-golden.json the SyntaxWarnings CPython prints compiling each snippet
shared fidelity corpus, keyed by file name."""
    rows = []
    for name in sorted(os.listdir(FIDELITY)):
        if name.endswith(".py"):
            with open(os.path.join(FIDELITY, name), encoding="utf-8") as f:
                rows.append({"file": name, "ast": convert(ast.parse(f.read()))})
    return rows


def warning_golden():
    """Compile-time warnings: stderr of running each (error-free) snippet."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "main.py")
        for source in read_cases("warning-cases.txt"):
            with open(path, "w", encoding="utf-8") as f:
                f.write(source)
            proc = subprocess.run([sys.executable, path], capture_output=True, text=True)
            rows.append({"source": source, "stderr": proc.stderr.replace(path, "/play/main.py")})
    return rows


EVAL_SCRIPT = """
import sys, traceback
try:
    eval(compile(sys.stdin.read(), "<string>", "eval"))
except SyntaxError as e:
    traceback.print_exception(e, limit=0)
except Exception:
    pass
"""


def eval_golden():
    """eval-mode SyntaxErrors as traceback prints them (a runtime error prints nothing)."""
    rows = []
    for source in read_cases("eval-cases.txt"):
        source = source.rstrip("\n")
        proc = subprocess.run([sys.executable, "-c", EVAL_SCRIPT], input=source, capture_output=True, text=True)
        rows.append({"source": source, "stderr": proc.stderr})
    return rows


def write(name, rows, indent=1):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        json.dump(rows, f, indent=indent, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    assert sys.version_info[:2] == (3, 13), "run with the CPython 3.13 oracle"
    write("ast-golden.json", ast_golden())
    write("syntax-golden.json", syntax_golden(read_cases("syntax-cases.txt")))
    with open(os.path.join(HERE, "fuzz-cases.json"), encoding="utf-8") as f:
        write("fuzz-golden.json", syntax_golden([c["source"] for c in json.load(f)]))
    write("warning-golden.json", warning_golden())
    write("eval-golden.json", eval_golden())
    if os.path.isdir(FIDELITY):
        write("fidelity-ast-golden.json", fidelity_golden(), indent=None)
