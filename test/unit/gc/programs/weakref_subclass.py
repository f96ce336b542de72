import weakref
class T:
    pass
class MyRef(weakref.ref):
    pass
o = T()
base = weakref.ref(o)
r = MyRef(o)
print(r is base, r() is o, type(r).__name__, isinstance(r, weakref.ref), weakref.getweakrefcount(o))
r2 = MyRef(o, lambda w: print("MyRef callback", type(w).__name__))
del o
print(r(), base())
