import weakref, gc
gc.collect()
class K:
    def __init__(self, n):
        self.n = n
ks = [K(i) for i in range(4)]
d = weakref.WeakKeyDictionary()
for k in ks:
    d[k] = k.n * 10
print(len(d), sorted(d.values()), ks[1] in d, d.get(ks[2]), d[ks[3]])
del ks[0], k
print(len(d), sorted(x.n for x in d.keys()))
s = weakref.WeakSet(ks)
print(len(s), ks[0] in s, sorted(x.n for x in s))
ks.pop()
print(len(s), len(d))
c = K(9)
c.me = c
s.add(c)
d[c] = 1
del c
print("cycle kept until collect", len(s), len(d))
gc.collect()
print("after collect", len(s), len(d))
v = weakref.WeakValueDictionary({1: ks[0]}, two=ks[1])
print(sorted(v.keys(), key=str), v.get(1).n, v.pop("two").n, len(v), v.setdefault(5, ks[1]).n)
pairs = []
for item in v.items():
    pairs.append((item[0], item[1].n))
print(sorted(pairs))
del ks
print("all gone", len(v), len(s), len(d))
