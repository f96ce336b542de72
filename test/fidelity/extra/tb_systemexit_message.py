import sys
def f():
    g()
def g():
    raise SystemExit("bye")
print("start")
f()
