# Classes using super(), __init_subclass__ (class keywords too), implicit staticmethod __new__ and
# classmethod __class_getitem__, exceptions and properties: what a collection frees when they go.
import gc, sys, weakref
gc.collect()
def with_super():
    class B:
        def f(self): return "B"
    class C(B):
        def f(self): return super().f() + "C"
    return C().f()
print("super", with_super(), gc.collect())
def init_subclass():
    class Base:
        subs = []
        def __init_subclass__(cls, **kw):
            Base.subs.append(cls.__name__)
    class D(Base): pass
    return Base.subs
print("init_subclass", init_subclass(), gc.collect())
def cls_outlives():
    class E:
        pass
    return E()
e = cls_outlives()
print("instance keeps class", gc.collect(), type(e).__name__, sys.getrefcount(type(e)))
del e
print("then", gc.collect())
def exc_cls():
    class MyErr(Exception):
        pass
    try:
        raise MyErr("x")
    except MyErr as err:
        return str(err)
print("exc", exc_cls(), gc.collect())
class WithCb: pass
r = weakref.ref(WithCb, lambda wr: print("class callback"))
del WithCb
print("class with callback", gc.collect())
def prop_cls():
    class P:
        @property
        def v(self): return 1
        @v.setter
        def v(self, x): pass
        @classmethod
        def c(cls): return cls
    return P().v
print("prop", prop_cls(), gc.collect())
def init_subclass():
    class Base:
        subs = []
        def __init_subclass__(cls, tag=None, **kw):
            super().__init_subclass__(**kw)
            Base.subs.append((cls.__name__, tag))
    class D(Base): pass
    class E(D, tag="e"): pass
    return Base.subs, type(Base.__dict__["__init_subclass__"]).__name__
print("init_subclass", init_subclass(), gc.collect())
def with_new():
    class N:
        def __new__(cls, *a):
            return 42
        def __class_getitem__(cls, item):
            return (cls.__name__, item)
    return N(), N[int], type(N.__dict__["__new__"]).__name__
print("new", with_new(), gc.collect())
try:
    class Bad(tag=1): pass
except TypeError as e:
    print("TypeError", e)
class Raiser:
    def __init_subclass__(cls):
        raise ValueError("no " + cls.__name__)
try:
    class R(Raiser): pass
except ValueError as e:
    print("ValueError", e)
print(gc.collect())
