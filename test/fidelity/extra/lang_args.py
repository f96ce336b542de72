def f(a, b=2, *args, c, d=4, **kwargs):
    return (a, b, args, c, d, kwargs)
print(f(1, c=3))
print(f(1, 2, 3, 4, c=5, e=6))
print(f(*[1, 2, 3], **{"c": 7, "z": 0}))
def g(*args, **kwargs):
    return args, kwargs
print(g(), g(1, x=2), g(*"ab", **dict(k=1)))
def pos(a, b, /, c):
    return a, b, c
print(pos(1, 2, 3), pos(1, 2, c=3))
try:
    pos(1, b=2, c=3)
except TypeError as e:
    print("TypeError:", e)
def kw(*, x):
    return x
try:
    kw(1)
except TypeError as e:
    print("TypeError:", e)
try:
    f()
except TypeError as e:
    print("TypeError:", e)
try:
    f(1)
except TypeError as e:
    print("TypeError:", e)
try:
    g(**{1: 2})
except TypeError as e:
    print("TypeError:", e)
def defaults(x=[]):
    x.append(1)
    return x
print(defaults(), defaults(), defaults([0]))
import sys
big = [1, 2, 3]
def hold(*args):
    return sys.getrefcount(big)
print(hold(big), hold(big, big))
def holdkw(**kw):
    return sys.getrefcount(big)
print(holdkw(a=big))
print((lambda *a, **k: (a, k))(1, b=2))
