import sys
class A:
    pass
print("A empty", sys.getrefcount(A))
a1, a2, a3 = A(), A(), A()
print("A 3 inst", sys.getrefcount(A))
class S:
    __slots__ = ("x",)
print("S", sys.getrefcount(S))
class S0:
    __slots__ = ()
print("S0", sys.getrefcount(S0))
class B(A):
    pass
print("A after B", sys.getrefcount(A), "B", sys.getrefcount(B))
class C(B):
    def m(self):
        pass
print("A", sys.getrefcount(A), "B", sys.getrefcount(B), "C", sys.getrefcount(C))
class D(A, S0):
    pass
print("A", sys.getrefcount(A), "D", sys.getrefcount(D), "S0", sys.getrefcount(S0))
class E:
    x = 1
    def f(self): pass
    @staticmethod
    def g(): pass
    @classmethod
    def h(cls): pass
    @property
    def p(self): return 1
print("E", sys.getrefcount(E))
e = E()
print("E inst", sys.getrefcount(E), sys.getrefcount(e))
m = e.f
print("bound", sys.getrefcount(e), sys.getrefcount(E.f))
class W:
    __slots__ = ("a", "__weakref__")
print("W", sys.getrefcount(W))
class Dd:
    __slots__ = ("__dict__",)
print("Dd", sys.getrefcount(Dd))
class Ex(Exception):
    pass
print("Ex", sys.getrefcount(Ex))
class L(list):
    pass
print("L", sys.getrefcount(L))
print("object", sys.getrefcount(object) > 1000)
del B
print("A after del B", sys.getrefcount(A), "C", sys.getrefcount(C))
