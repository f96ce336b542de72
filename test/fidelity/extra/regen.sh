#!/bin/sh
# Regenerates the expected outputs of the extra fidelity cases with the oracle (CPython 3.13.0).
# Tracebacks name the script by its absolute path; the test compares them after reducing it to
# the base name. Usage: test/fidelity/extra/regen.sh [NAME.py ...]
cd "$(dirname "$0")" || exit 1
[ $# -eq 0 ] && set -- *.py
for f in "$@"; do
  f=$(basename "$f")
  [ -f "$f" ] || { echo "no such case: $f" >&2; exit 1; }
  n=${f%.py}
  PYTHONHASHSEED=0 PYENV_VERSION=3.13.0 python3 -X faulthandler "$PWD/$f" > "$n.out" 2> "$n.err"
  [ -s "$n.err" ] || rm -f "$n.err"
done
