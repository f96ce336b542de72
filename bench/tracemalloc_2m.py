# 2,000,000 objects allocated with tracemalloc on, then a snapshot and its top-10 statistics
# (per line, this file only), as a memory investigation would do.
import tracemalloc, gc, os
gc.collect()
tracemalloc.start()
numbers = [i * 3 for i in range(1_000_000)]
words = [str(i) for i in range(500_000)]
pairs = [(i, i) for i in range(250_000)]
def rows(n):
    return [[i] for i in range(n)]
table = rows(250_000)
current, peak = tracemalloc.get_traced_memory()
snapshot = tracemalloc.take_snapshot()
tracemalloc.stop()
snapshot = snapshot.filter_traces([tracemalloc.Filter(True, __file__)])
print("traced", current, peak)
for stat in snapshot.statistics("lineno")[:10]:
    frame = stat.traceback[0]
    print(os.path.basename(frame.filename), frame.lineno, stat.size, stat.count)
