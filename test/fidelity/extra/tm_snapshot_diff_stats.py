# Snapshot statistics and diffs: str()/repr() of Statistic and StatisticDiff, key types,
# cumulative mode and Traceback.format, for allocations made by this file only.
import tracemalloc, gc, os
flt = [tracemalloc.Filter(True, __file__)]
def show(obj):
    # str()/repr() name the file; keep only its base name (the path depends on where it runs).
    print(str(obj).replace(os.path.dirname(__file__) + os.sep, ""))
gc.collect()
tracemalloc.start(4)
def make_words(n):
    return ["w%04d" % i for i in range(n)]
def make_table(n):
    return {i: make_words(2) for i in range(1000, 1000 + n)}
before = tracemalloc.take_snapshot().filter_traces(flt)
words = make_words(300)
table = make_table(40)
blob = [0] * 1000
after = tracemalloc.take_snapshot().filter_traces(flt)
del blob
gone = tracemalloc.take_snapshot().filter_traces(flt)
tracemalloc.stop()
for stat in after.statistics("lineno")[:4]:
    show(stat)
print("--- traceback")
top = after.statistics("traceback")[0]
print(top.size, top.count, len(top.traceback))
for line in top.traceback.format():
    show(line)
for line in top.traceback.format(limit=1, most_recent_first=True):
    show(line)
print("--- filename")
for stat in after.statistics("filename"):
    print(stat.traceback[0].lineno, stat.size, stat.count)
print("--- cumulative")
for stat in after.statistics("lineno", cumulative=True)[:5]:
    print(stat.traceback[0].lineno, stat.size, stat.count)
print("--- diff")
for d in after.compare_to(before, "lineno")[:4]:
    show(d)
print("--- freed")
for d in gone.compare_to(after, "lineno")[:2]:
    show(d)
    show(repr(d.traceback))
    print(d.size_diff, d.count_diff)
print("--- frame")
f = top.traceback[0]
show(f)
print(f.lineno, f == top.traceback[0], os.path.basename(f.filename))
show(repr(top))
