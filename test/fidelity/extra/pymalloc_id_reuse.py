# pymalloc hands a freed block to the next object of the same size class.
import gc
gc.collect()
# (Instances are left out: which pool a new instance lands in depends on every pool of its size
# class in the process, which the interpreter's start-up state decides.)
x0 = object()
id0 = id(x0)
del x0
x1 = object()
print("same object() block", id(x1) == id0)
hundred = int("100")
s = "x" * hundred
ids = id(s)
del s
t = "y" * hundred
print("same str block", id(t) == ids)
n = int("1" * (hundred // 5))
idn = id(n)
del n
m = int("2" * (hundred // 5))
print("same int block", id(m) == idn)
x = [1, 2, 3]
idx = id(x)
del x
y = [4, 5, 6]
print("same list object", id(y) == idx)
keep = [object() for _ in range(5)]
addrs = [id(o) for o in keep]
print("distinct", len(set(addrs)) == 5)
del keep
again = [object() for _ in range(5)]
print("reused", sorted(id(o) for o in again) == sorted(addrs))
big = bytes(100000)
print("alive", id(big) != 0, len(big))
