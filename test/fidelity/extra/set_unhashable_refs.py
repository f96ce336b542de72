# A set display with an unhashable item raises and releases the half-built set and its items.
import gc, sys
class K: pass
k = K()
before = sys.getrefcount(k)
for _ in range(3):
    try:
        s = {k, [1]}
    except TypeError as e:
        print(e)
print(sys.getrefcount(k) - before, len([o for o in gc.get_objects() if type(o) is set and k in o]))
