# Full collections are gated by the long-lived rule: generation 2 is collected only once the
# objects promoted into it since the last full collection reach a quarter of those that were
# there after it. CPython's start-up objects count in that total, so a program's few long-lived
# objects rarely trigger a full collection.
import gc

gc.collect()
gc.set_threshold(100, 2, 2)

class Box:
    pass

keep = []
for i in range(30000):
    b = Box()
    b.me = b
    if i % 8 == 0:
        keep.append([i])
    if i % 5000 == 0:
        print(i, [s["collections"] for s in gc.get_stats()])
print("end", [s["collections"] for s in gc.get_stats()], len(keep))
