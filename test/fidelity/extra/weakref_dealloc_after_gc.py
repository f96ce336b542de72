# Weak references to objects that went through collections (tracked, scanned, untracked) are
# still cleared, with their callbacks, when the object dies by refcount or in a cycle.
import gc, weakref

class A:
    pass

class B:
    def __del__(self):
        print("del B")

x = A()
refs = [weakref.ref(x, lambda w, i=i: print("x died", i)) for i in range(3)]
for _ in range(3):
    gc.collect()
print(weakref.getweakrefcount(x), len(weakref.getweakrefs(x)))
del x
print([r() for r in refs])

log = []
for i in range(3):
    a = A()
    a.me = a
    r = weakref.ref(a, lambda w, i=i: log.append(i))
    del a
    gc.collect()
    print(r())
print(log)

b = B()
b.me = b
wb = weakref.ref(b, lambda w: print("b callback"))
del b
print(gc.collect() > 0, wb())

y = A()
wy = weakref.ref(y, lambda w: print("not called: the ref died first"))
print(weakref.getweakrefcount(y))
del wy
print(weakref.getweakrefcount(y))
gc.collect()
wy2 = weakref.ref(y)
print(weakref.getweakrefcount(y))
del y
print(wy2())

s = {1, 2}
ws = weakref.ref(s, lambda w: print("set died"))
gc.collect()
print(ws() == {1, 2})
del s
print(ws())

def f():
    pass
wf = weakref.ref(f, lambda w: print("function died"))
gc.collect()
del f
print(wf())

class C(A):
    pass
print(A.__subclasses__())
del C
print(gc.collect() > 0, A.__subclasses__())
