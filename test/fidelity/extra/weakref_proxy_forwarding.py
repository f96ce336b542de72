# weakref.proxy forwards the referent's protocols (Objects/weakrefobject.c: proxy_* slots unwrap
# every proxy operand), and raises ReferenceError once the referent is gone.
import weakref

class Box:
    def __init__(self, items):
        self.items = list(items)
    def __len__(self):
        return len(self.items)
    def __getitem__(self, i):
        return self.items[i]
    def __setitem__(self, i, v):
        self.items[i] = v
    def __delitem__(self, i):
        del self.items[i]
    def __iter__(self):
        return iter(self.items)
    def __contains__(self, x):
        return x in self.items
    def __add__(self, other):
        return Box(self.items + list(other))
    def __radd__(self, other):
        return Box(list(other) + self.items)
    def __mul__(self, n):
        return Box(self.items * n)
    def __neg__(self):
        return Box([-x for x in self.items])
    def __eq__(self, other):
        return isinstance(other, Box) and self.items == other.items
    def __lt__(self, other):
        return len(self.items) < len(other.items)
    def __bool__(self):
        return bool(self.items)
    def __call__(self, x):
        return x * 10
    def __str__(self):
        return "Box" + str(self.items)
    def __repr__(self):
        return "Box(%r)" % (self.items,)
    __hash__ = None

b = Box([1, 2, 3])
p = weakref.proxy(b)
print(type(p).__name__)
print(len(p), p[0], p[-1], p[1:])
p[0] = 10
del p[1]
print(b.items, list(p), [x * 2 for x in p])
print(3 in p, 99 in p)
print((p + [4]).items, ([0] + p).items, (p * 2).items, (-p).items)
print(p == Box([10, 3]), p != b, p < Box([1, 2, 3]), p == p)
empty = Box([])
print(bool(p), bool(weakref.proxy(empty)))
print(p(4))
print(str(p), f"{p}")
print(repr(p).startswith("<weakproxy at 0x"), "to 'Box' at" in repr(p))
it = iter(p)
print(next(it), next(it))
try:
    hash(p)
except TypeError as e:
    print("TypeError", e)
q = p
q += [7]
print(type(q).__name__, q.items, b.items)

n = Box([5])
pn = weakref.proxy(n)
print(pn.items, pn + [1])

class Num:
    def __init__(self, v):
        self.v = v
    def __index__(self):
        return self.v
    def __int__(self):
        return self.v
    def __float__(self):
        return self.v + 0.5
    def __abs__(self):
        return abs(self.v)
m = Num(-3)
pm = weakref.proxy(m)
print(int(pm), float(pm), abs(pm), [10, 20, 30, 40][pm])

lst = [3, 1, 2]
class L(list):
    pass
ll = L([3, 1, 2])
pl = weakref.proxy(ll)
print(len(pl), sorted(pl), pl[0], 1 in pl, pl + [9], pl * 2)
pl.append(4)
print(ll, max(pl), sum(pl))

del b, it
for op in (lambda: p.items, lambda: len(p), lambda: p[0], lambda: p + [1], lambda: str(p), lambda: iter(p), lambda: bool(p), lambda: p(1), lambda: 1 in p, lambda: p == 1):
    try:
        op()
        print("no error")
    except ReferenceError as e:
        print("ReferenceError:", e)
print(repr(p).endswith("; dead>"))
