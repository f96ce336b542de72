# A weakref callback that runs during a collection gives the unreachable objects' class a __del__:
# CPython's finalize_garbage, which comes after handle_weakrefs, then finalizes them.
import gc
import weakref

class A:
    pass

a = A()
a.me = a

def callback(wr):
    print("callback, referent", wr())
    A.__del__ = lambda self: print("A.__del__ ran; attributes still there:", hasattr(self, "me"))

r = weakref.ref(a, callback)
del a
print("collected", gc.collect())

b = A()
b.me = b
del A.__del__
del b
print("collected", gc.collect())
