# A class's instances keep attributes inline, keyed by the class's shared keys, which hold 30
# names at most and never give any back. A name that finds no room gives the instance a real
# dict, which the collector then sees (and counts) beside the instance. dir(obj) fills the room:
# it copies obj.__dict__ (the copy shares the keys) and merges every class attribute name into it.
import gc

class C:
    pass

objs = [C() for _ in range(3)]
objs[1].n5 = 26
dir(objs[1])               # fills C's shared keys
objs[0].n10 = objs[0]      # no room: objs[0] gets a real dict
print(gc.get_referents(objs[0])[0] == {"n10": objs[0]})
del objs
print(gc.collect())        # the instance and its dict

class D:
    pass

d = D()
d.n0 = d
try:
    del d.n6               # a failed delete still claims a shared key for n6
except AttributeError as e:
    print("AE", e)
dir(d)
d.n6 = D()                 # n6 has its key: stays inline
del d
print(gc.collect())

class E:
    pass

e = E()
e.n7 = e
dir(e)
print(gc.collect())        # e survives; its __dict__ is judged by the inline values: stays tracked
print(gc.is_tracked(e), gc.is_tracked(vars(e)))
e.n3 = 55                  # no room: the dict stops sharing the values
print(gc.is_tracked(vars(e)), len(gc.get_referents(e)))
del e
print(gc.collect())

class F:
    pass

f = F()
dir(f)                     # an empty __dict__ is copied as a fresh dict: nothing is filled
f.x = f
del f
print(gc.collect())

class G:
    pass

g = G()
for i in range(31):
    setattr(g, f"a{i}", i)  # the 31st name does not fit: g gets a real dict
g.me = g
del g
print(gc.collect())
