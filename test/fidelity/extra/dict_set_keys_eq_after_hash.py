class P:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __hash__(self):
        return hash(self.x)
    def __eq__(self, other):
        print("eq called", self.x, self.y, other.x, other.y)
        return isinstance(other, P) and (self.x, self.y) == (other.x, other.y)
    def __repr__(self):
        return f"P({self.x}, {self.y})"
d = {}
d[P(1, 2)] = "a"
d[P(1, 3)] = "b"
d[P(1, 2)] = "c"
print(d)
print(P(1, 3) in d, P(2, 3) in d, P(1, 4) in d)
s = {P(1, 2), P(1, 2), P(1, 5)}
print(len(s), sorted(s, key=lambda p: p.y))
a = P(9, 9)
d2 = {a: 1}
print(a in d2)
class H:
    def __init__(self, v): self.v = v
    def __hash__(self): return 7
    def __eq__(self, o): return self.v == o.v
print(len({H(1), H(1), H(2)}))
print({1: "int", 1.0: "float", True: "bool"})
print({(1, 2): 1}[(1, 2)], {"a": 1}.get("a"), frozenset([1, 2]) in {frozenset([2, 1])})
class NoHash:
    def __eq__(self, o): return True
try:
    {NoHash(): 1}
except TypeError as e:
    print("TypeError:", e)
class Always:
    def __hash__(self): return 1
    def __eq__(self, o):
        print("Always eq")
        return True
x = Always()
y = Always()
dd = {x: 1}
print(dd[y], y in dd, len({x, y}))
del dd[y]
print(dd)
