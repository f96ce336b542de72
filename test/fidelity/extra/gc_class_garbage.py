# What CPython 3.13 frees when a class becomes garbage: the type, its dict (tracked when it holds a
# GC object such as the __dict__/__weakref__ getset descriptors or a function), the __mro__ tuple,
# the __bases__ tuple, the layout descriptors, the methods. ht_slots and the subclass-list weakref
# are not counted (never traversed / reachable from the base).
import gc, sys, weakref

def new_tracked(make):
    gc.collect()
    before = {id(o) for o in gc.get_objects()}
    make()
    names = sorted(type(o).__name__ for o in gc.get_objects() if id(o) not in before and type(o).__name__ != "set")
    return names

def report(label, make):
    names = new_tracked(make)
    print(label, names, "collected", gc.collect())

def plain():
    class A: pass
report("plain", plain)

def methods():
    class A:
        x = 1
        def m(self): pass
        def n(self): pass
        @staticmethod
        def s(): pass
        @property
        def p(self): return 1
report("methods", methods)

def slots():
    class A:
        __slots__ = ("b", "a")
report("slots", slots)

def slots_empty():
    class A:
        __slots__ = ()
report("slots_empty", slots_empty)

def slots_weakref():
    class A:
        __slots__ = ("a", "__weakref__")
report("slots_weakref", slots_weakref)

def subclass():
    class A: pass
    class B(A): pass
    class C(B):
        def m(self): pass
report("subclass", subclass)

def diamond():
    class A: pass
    class B(A): pass
    class C(A): pass
    class D(B, C): pass
report("diamond", diamond)

def with_del():
    class A:
        def __del__(self):
            print("  __del__", type(self).__name__)
    a = A(); b = A(); a.o = b; b.o = a
report("with_del", with_del)

def instances_cycle():
    class A: pass
    a = A(); b = A(); a.o = b; b.o = a
report("instances_cycle", instances_cycle)

def in_a_loop():
    for i in range(4):
        class A: pass
        A.i = i
report("in_a_loop", in_a_loop)

def exception_class():
    class E(Exception): pass
report("exception_class", exception_class)

def list_subclass():
    class L(list): pass
    L([1, 2])
report("list_subclass", list_subclass)

def via_type():
    type("T", (), {"f": lambda self: 1})
report("via_type", via_type)

class Kept: pass
print("referents", [type(o).__name__ for o in gc.get_referents(Kept)], gc.get_referents(Kept)[1:])
print("mro/bases identity", Kept.__mro__ is Kept.__mro__, Kept.__bases__ is Kept.__bases__)
print("weakrefcount", weakref.getweakrefcount(Kept), weakref.ref(Kept) is weakref.getweakrefs(Kept)[0])
print("descriptors", Kept.__dict__["__dict__"], Kept.__dict__["__weakref__"], sys.getsizeof(Kept.__dict__["__dict__"]))
print("descriptor referents", gc.get_referents(Kept.__dict__["__weakref__"]))
k = Kept()
print("instance __weakref__", k.__weakref__, k.__weakref__ is None)
r = weakref.ref(k)
print("instance __weakref__ is r", k.__weakref__ is r)
print("tracked", gc.is_tracked(Kept.__bases__), gc.is_tracked(Kept.__mro__), gc.is_tracked(Kept.__dict__["__dict__"]))

# A class that survived a collection: its (object,) bases tuple was untracked by it, so it is freed
# by refcounting when the class goes, not counted.
def survivor():
    class S: pass
    return S
s = survivor()
gc.collect()
print("bases tracked after a collection", gc.is_tracked(s.__bases__), gc.is_tracked(s.__mro__))
sref = weakref.ref(s)
del s
print("survivor collected", gc.collect(), sref())

class Base: pass
def make_subs():
    for i in range(3):
        class Sub(Base): pass
make_subs()
print("subclasses before", len(Base.__subclasses__()))
print("collected", gc.collect(), "subclasses after", Base.__subclasses__())
