# Instance attributes before and after __dict__ exists: insertion order, deletes and re-adds,
# many attributes, lookups that miss, and the dict that __dict__ makes from them.
import sys

class C:
    pass

c = C()
for i in range(12):
    setattr(c, f"a{i}", i)
del c.a3
del c.a10
c.a3 = "back"
c.a0 = "replaced"
print(getattr(c, "a11"), hasattr(c, "a10"), c.a3, c.a0)
try:
    c.a10
except AttributeError as e:
    print(e)
try:
    del c.a10
except AttributeError as e:
    print(e)
print([n for n in dir(c) if n.startswith("a")])
print(vars(c))
c.late = 1
print(list(c.__dict__)[-2:], len(c.__dict__))

d = C()
d.x = 1
d.y = 2
del d.x
d.x = 3
print(d.__dict__, sys.getsizeof(d.__dict__))

e = C()
print(e.__dict__)
e.z = [1]
print(e.__dict__)

class D:
    def __init__(self):
        self.items = []
        self.items.append(self)
f = D()
print(sys.getrefcount(f), f.items[0] is f)
del f
import gc
print(gc.collect())
