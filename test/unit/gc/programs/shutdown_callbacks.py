import gc, weakref
class A:
    def __del__(self):
        print("del A")
def cb(phase, info):
    print("gc callback", phase)
gc.callbacks.append(cb)
a = A()
a.me = a
w = weakref.ref(a, lambda r: print("weakref callback"))
print("end")
