def f(x):
    return x[3]
def g():
    return f([1, 2]) + 1
try:
    g()
except IndexError as e:
    raise ValueError("bad") from e
