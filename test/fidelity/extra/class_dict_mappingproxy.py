# cls.__dict__ is a new read-only mappingproxy over the class's own dict each time (a 40-byte GC
# object that gc.get_referents shows holding that dict), with the dict's reads and str().
import sys, gc
class A:
    x = 1
    def f(self): pass
d = A.__dict__
print(type(d).__name__, sys.getsizeof(d), len(d), "x" in d, d["x"], d.get("y", 5), bool(d))
print(list(d.keys())[:3], [k for k in d][:2], sorted(d)[:2], A.__dict__ == dict(A.__dict__), A.__dict__ is A.__dict__)
print(gc.is_tracked(d), gc.get_referents(d)[0] is gc.get_referents(A)[0], type(d.copy()).__name__)
try:
    d["x"] = 2
except TypeError as e:
    print("TypeError", e)
print(repr(vars(A))[:30], str(d)[:20])
c = gc.get_count()[0]
for i in range(5): A.__dict__
print(gc.get_count()[0] - c)
print(sys.getrefcount(A))
