# Class calls entering __init__ (inline in the engine): references held afterwards, errors in and
# after __init__, finalizer order, collections scheduled by the allocations.
import sys, gc

class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y

class Probe:
    def __init__(self, arg):
        self.arg = arg

o = object()
before = sys.getrefcount(o)
probes = [Probe(o) for i in range(3)]
print("arg refs", sys.getrefcount(o) - before)

class Bad:
    def __init__(self):
        return 42
try:
    Bad()
except TypeError as e:
    print("TypeError:", e)

class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("del", self.name)

class Fails:
    def __init__(self, a, b):
        raise ValueError("init failed")
try:
    Fails(1, 2)
except ValueError as e:
    print("caught", e)
print("arg refs", sys.getrefcount(o) - before)

class Holder:
    def __init__(self, item):
        self.item = item
    def __del__(self):
        print("del Holder")
h = Holder(Noisy("held"))
del h
print("after del")

class Base:
    def __init__(self, v):
        self.v = v
class Derived(Base):
    def __init__(self, v):
        super().__init__(v * 2)
print(Derived(4).v, Base(1).v)

class Counted:
    def __init__(self, n):
        self.n = n
print("class rc", sys.getrefcount(Counted))
keep = [Counted(i) for i in range(5)]
print("class rc", sys.getrefcount(Counted), len(keep))

gc.collect()
gc.set_threshold(5, 3)
before0 = gc.get_stats()[0]["collections"]
before1 = gc.get_stats()[1]["collections"]
class Cyc:
    def __init__(self, tag):
        self.me = self
        self.tag = tag
for i in range(40):
    keep.append(Cyc(i))
for i in range(40):
    Cyc(i)
after0 = gc.get_stats()[0]["collections"]
after1 = gc.get_stats()[1]["collections"]
gc.set_threshold(2000, 10)
print("collections", after0 - before0 > 0)

def rec(n):
    if n == 0:
        return P(0, 0)
    return rec(n - 1)
print(rec(300).x)

p = P(1, [2, 3])
print(p.x, p.y, sys.getrefcount(p), sys.getrefcount(p.y))
total = 0
for i in range(20000):
    q = P(i, p)
    total += q.x
print(total, sys.getrefcount(p))

class KwInit:
    def __init__(self, a, b=5):
        self.s = a + b
print(KwInit(1).s, KwInit(1, b=2).s, KwInit(a=3).s)
try:
    P(1)
except TypeError as e:
    print(e)
try:
    P(1, 2, 3)
except TypeError as e:
    print(e)
