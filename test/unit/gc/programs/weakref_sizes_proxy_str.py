import weakref, sys, gc
class T:
    def __str__(self):
        return "T-str"
t = T()
r = weakref.ref(t, print)
print(sys.getsizeof(r), sys.getsizeof(weakref.ref(t)), sys.getsizeof(weakref.proxy(t)))
print(str(weakref.proxy(t)))
print(len(gc.get_referents(r)), gc.get_referents(r)[0] is print)
print(bool(r), r.__class__.__name__)
