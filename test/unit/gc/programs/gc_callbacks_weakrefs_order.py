import gc, weakref
gc.collect()
order = []
class N:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        order.append("del " + self.name)
def cb(phase, info):
    order.append(f"{phase} gen={info['generation']} collected={info['collected']}")
a = N("a"); b = N("b"); c = N("c")
a.n = b; b.n = c; c.n = a
wa = weakref.ref(a, lambda r: order.append("wr a"))
wb = weakref.ref(b, lambda r: order.append("wr b"))
wb2 = weakref.ref(b, lambda r: order.append("wr b2"))
gc.callbacks.append(cb)
del a, b, c
n = gc.collect()
gc.callbacks.remove(cb)
print(n)
for o in order:
    print(o)
print(wa(), wb(), wb2())
