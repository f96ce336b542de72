import gc
gc.collect()
class F:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("del", self.n)
a = F("a")
gc.collect()
b = F("b")
gc.collect(0)
c = F("c")
a.x = b; b.x = c; c.x = a
del a, b, c
print("collect", gc.collect())
x = F("x"); y = F("y"); z = F("z")
x.o = y; y.o = z; z.o = x
del x, y, z
print("collect0", gc.collect(0))
