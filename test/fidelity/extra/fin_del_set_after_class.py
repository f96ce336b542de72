# __del__ stored on a class after it was made (or deleted from it) changes its finalizer, for the
# class and its subclasses: CPython's update_slot sets tp_finalize on the type and its subclasses.
import gc

class A:
    pass

class SubA(A):
    pass

a = A()
a.me = a
s = SubA()
A.__del__ = lambda self: print("del", type(self).__name__)
del a
print("collected", gc.collect())
del s
b = A()
del b

class B:
    def __del__(self):
        print("B del")

x = B()
del B.__del__
del x
setattr(B, "__del__", lambda self: print("B del again"))
y = B()
del y
print("end")
