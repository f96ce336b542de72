# During a collection, one garbage object's __del__ gives another garbage object's class a
# __del__: finalize_garbage looks at each object when it reaches it, so the second one is
# finalized too, before anything is cleared.
import gc

class Y:
    pass

class X:
    def __del__(self):
        print("X.__del__")
        Y.__del__ = lambda self: print("Y.__del__; x not cleared yet:", hasattr(self.partner, "partner"))

x = X()
y = Y()
x.partner = y
y.partner = x
del x, y
print("collected", gc.collect())
