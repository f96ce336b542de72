# __del__ on subclasses of builtins (list, dict, set, int-free containers): refcount death,
# collected cycles, and PEP 442's once-only rule after a resurrection.
import gc

class L(list):
    def __del__(self):
        print("del L", len(self))

class D(dict):
    def __del__(self):
        print("del D", sorted(k for k in self if isinstance(k, str)))

class S(set):
    def __del__(self):
        print("del S", len(self))

saved = []

class Phoenix(list):
    def __del__(self):
        print("del Phoenix", len(self))
        saved.append(self)

b = L([3])
del b
print("after refcount death")

a = L([1, 2])
a.append(a)
d = D(x=1)
d["self"] = d
s = S()
del a, d, s
print("collected", gc.collect())

p = Phoenix([7])
p.append(p)
del p
print("first", gc.collect(), len(saved))
saved[0].clear()
saved.clear()
print("second", gc.collect())

outer = L([L([1]), L([1, 2]), L([1, 2, 3])])
del outer
print("end")
