# NameError.name, AttributeError.name and .obj: what the failed lookup was for. The error holds a
# reference to obj, so a caught AttributeError keeps the object alive while it is kept.
import sys

try:
    undefined_x
except NameError as e:
    print(repr(e.name))

print(repr(AttributeError("m").name), repr(AttributeError("m").obj), repr(NameError("x").name))

class K:
    pass

k = K()
before = sys.getrefcount(k)
try:
    k.zz
except AttributeError as e:
    print(repr(e.name), e.obj is k, sys.getrefcount(k) - before)
    kept = e
print(sys.getrefcount(k) - before)
del kept
print(sys.getrefcount(k) - before)

try:
    del k.missing
except AttributeError as e:
    print(repr(e.name), e.obj)

try:
    (1).nope
except AttributeError as e:
    print(repr(e.name), e.obj)
