# Small str-keyed dicts keep their 8-slot keys object on a free list when freed (it stays traced);
# a dict growing past 5 keys makes a new keys object and frees the old one to that list.
import tracemalloc, gc
r = [None] * 8
gc.collect()
tracemalloc.start()
d = {"a": 1}
r[0] = tracemalloc.get_traced_memory()
del d
r[1] = tracemalloc.get_traced_memory()
e = {"b": 2}
r[2] = tracemalloc.get_traced_memory()
f = {1: 2}
r[3] = tracemalloc.get_traced_memory()
g = {}
g["k1"] = 1
g["k2"] = 2
g["k3"] = 3
g["k4"] = 4
g["k5"] = 5
r[4] = tracemalloc.get_traced_memory()
g["k6"] = 6
r[5] = tracemalloc.get_traced_memory()
h = {"z": 0}
r[6] = tracemalloc.get_traced_memory()
gc.collect()
r[7] = tracemalloc.get_traced_memory()
tracemalloc.stop()
for x in r[:7]:
    print(x)
print("after a full collection (free lists emptied)", r[7][0])
