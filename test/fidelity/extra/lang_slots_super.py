import sys
class P:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y
p = P(1, 2)
print(p.x, p.y, sys.getsizeof(p), hasattr(p, "__dict__"))
try:
    p.z = 3
except AttributeError as e:
    print("AttributeError:", e)
try:
    del p.x
    print(p.x)
except AttributeError as e:
    print("AttributeError:", e)
class Q(P):
    __slots__ = ("z",)
q = Q(1, 2)
q.z = 3
print(q.x, q.z, sys.getsizeof(q))
class R(P):
    pass
r = R(1, 2)
r.w = 4
print(r.w, sys.getsizeof(r), r.__dict__)
class Base:
    def __init__(self):
        print("Base init")
        self.b = 1
    def hello(self):
        return "Base hello"
class Mid(Base):
    def __init__(self):
        print("Mid init")
        super().__init__()
    def hello(self):
        return "Mid+" + super().hello()
class Leaf(Mid):
    def __init__(self):
        super(Leaf, self).__init__()
        print("Leaf init")
    def hello(self):
        return "Leaf+" + super().hello()
l = Leaf()
print(l.hello(), l.b, [c.__name__ for c in Leaf.__mro__])
class A1:
    def who(self): return ["A1"]
class B1(A1):
    def who(self): return ["B1"] + super().who()
class C1(A1):
    def who(self): return ["C1"] + super().who()
class D1(B1, C1):
    def who(self): return ["D1"] + super().who()
print(D1().who(), [k.__name__ for k in D1.mro()])
class WithClassmethod:
    count = 0
    @classmethod
    def make(cls):
        cls.count += 1
        return cls()
    @staticmethod
    def util(x):
        return x * 2
print(type(WithClassmethod.make()).__name__, WithClassmethod.count, WithClassmethod.util(4))
class Prop:
    def __init__(self): self._v = 0
    @property
    def v(self): return self._v
    @v.setter
    def v(self, val): self._v = val * 10
pp = Prop(); pp.v = 3
print(pp.v)
