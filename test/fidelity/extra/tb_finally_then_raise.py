def f():
    raise RuntimeError("boom")
try:
    f()
finally:
    print("cleanup")
