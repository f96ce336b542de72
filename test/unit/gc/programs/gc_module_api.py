import gc
gc.collect()
try:
    gc.collect(3)
except ValueError as e:
    print("ValueError", e)
try:
    gc.collect(-1)
except ValueError as e:
    print("ValueError", e)
try:
    gc.get_objects(generation=3)
except ValueError as e:
    print("ValueError", e)
try:
    gc.set_threshold()
except TypeError as e:
    print("TypeError", e)
print(gc.collect(generation=0) >= 0, gc.get_count())
a = []
b = [a]
c = {"k": a}
refs = gc.get_referrers(a)
print("referrers", len(refs), any(x is b for x in refs), any(x is c for x in refs))
print("referents", gc.get_referents(b)[0] is a, gc.get_referents(c)[0] is a)
gc.set_debug(gc.DEBUG_SAVEALL)
print("debug", gc.get_debug())
l = []
l.append(l)
del l
print("saved", gc.collect(), len(gc.garbage), type(gc.garbage[0]).__name__, gc.garbage[0][0] is gc.garbage[0])
gc.set_debug(0)
gc.garbage.clear()
print("garbage freed", gc.collect())
class D:
    def __del__(self):
        pass
d = D()
print("finalized before", gc.is_finalized(d))
d.me = d
wr = None
del d
gc.collect()
x = D()
x.me = x
keep = [x]
del x
gc.collect()
print("finalized survivor", gc.is_finalized(keep[0]), gc.is_tracked(keep[0]))
print("stats", [sorted(s) for s in gc.get_stats()][0])
