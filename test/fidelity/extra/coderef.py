import sys
def f():
    print(sys.getrefcount(f.__code__))
f()
print(sys.getrefcount(f.__code__))
def g():
    yield sys.getrefcount(g.__code__)
x = g()
print(sys.getrefcount(g.__code__))
print(next(x))
y = g()
print(sys.getrefcount(g.__code__))
del y
print(sys.getrefcount(g.__code__))
