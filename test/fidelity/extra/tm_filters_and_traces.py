# Filter (lineno, all_frames, exclusive), DomainFilter, Snapshot.traces, Trace and Frame objects.
import tracemalloc, gc, os
def base(text):
    return str(text).replace(os.path.dirname(__file__) + os.sep, "")
def build(n):
    return [str(i) * 2 for i in range(1000, 1000 + n)]
def wrapper(n):
    return build(n)
gc.collect()
tracemalloc.start(3)
direct = build(50)
nested = wrapper(30)
buf = [0] * 500
snap = tracemalloc.take_snapshot()
tracemalloc.stop()
mine = snap.filter_traces([tracemalloc.Filter(True, __file__)])
print("limit", mine.traceback_limit, len(mine.traces) > 0, base(repr(mine.traces))[:8])
line6 = mine.filter_traces([tracemalloc.Filter(True, __file__, 6)])
print("line 6 only", sum(t.size for t in line6.traces), len(line6.traces))
via_wrapper = mine.filter_traces([tracemalloc.Filter(True, __file__, 8, all_frames=True)])
print("through wrapper", sum(t.size for t in via_wrapper.traces), len(via_wrapper.traces))
not_buf = mine.filter_traces([tracemalloc.Filter(False, __file__, 13)])
print("without line 13", sum(t.size for t in not_buf.traces))
print("domain 0", len(mine.filter_traces([tracemalloc.DomainFilter(True, 0)]).traces) == len(mine.traces))
print("domain 1", len(mine.filter_traces([tracemalloc.DomainFilter(True, 1)]).traces))
print("no filters", len(mine.filter_traces([]).traces) == len(mine.traces))
for stat in mine.statistics("traceback")[:3]:
    print(base(stat))
    print("   ", [f.lineno for f in stat.traceback], stat.traceback.total_nframe)
big = max(mine.traces, key=lambda t: (t.size, [f.lineno for f in t.traceback]))
print(base(big), big.domain, big.size, big.traceback.total_nframe)
print(base(repr(big)))
frame = big.traceback[0]
print(base(repr(frame)), frame == tracemalloc.Frame((frame.filename, frame.lineno)))
f = tracemalloc.Filter(True, "x.pyc", 3)
print(f.filename_pattern, f.lineno, f.all_frames, f.domain, f.inclusive)
d = tracemalloc.DomainFilter(False, 5)
print(d.inclusive, d.domain)
for stat in mine.statistics("lineno", cumulative=True)[:4]:
    print(base(stat))
