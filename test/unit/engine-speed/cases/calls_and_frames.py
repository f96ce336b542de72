# Calls through the fast path (exact positional args) and the general one, frame reuse across
# returns, exceptions and recursion, and refcounts of arguments held by frames.
import sys

def add(a, b):
    return a + b

def down(n):
    if n == 0:
        return 0
    return down(n - 1) + 1

def fails(x):
    return 1 // x

def outer(x):
    try:
        return fails(x)
    except ZeroDivisionError as e:
        return "caught " + str(e)

def defaults(a, b=2):
    return a * b

def kw(a, *, k):
    return a - k

def star(*args):
    return len(args)

def closure(n):
    def inner(m):
        return n + m
    return inner

print(add(1, 2), add("a", "b"), down(50), down(0))
print(outer(0), outer(1))
print(defaults(3), defaults(3, 3), kw(5, k=1), star(1, 2, 3), closure(10)(5))
total = 0
for i in range(3000):
    total += add(i, i)
print(total)
x = object()
def hold(o):
    return sys.getrefcount(o)
print(hold(x), hold(x))
def hold2(o, p):
    q = o
    return sys.getrefcount(o)
print(hold2(x, x))
def deep(n):
    return deep(n + 1)
try:
    deep(0)
except RecursionError as e:
    print("RecursionError", e)
print(down(500))
def gen(n):
    for i in range(n):
        yield add(i, 1)
print(sum(gen(10)))
class C:
    def m(self, v):
        return v * 2
c = C()
print(c.m(21), C.m(c, 4))
def raiser(v):
    raise ValueError(v)
def mid(v):
    return raiser(v)
try:
    mid("boom")
except ValueError as e:
    print(e, type(e).__name__)
def tb():
    return mid("last")
tb()
