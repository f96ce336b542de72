# A generator pipeline keeps one item alive at a time; the list version keeps them all.
import tracemalloc, gc
gc.collect()
def numbers(n):
    for i in range(n):
        yield i * 1000
def squares(it):
    for x in it:
        yield x * x
def evens(it):
    for x in it:
        if x % 2 == 0:
            yield x
results = [None] * 8
tracemalloc.start()
total = sum(evens(squares(numbers(20000))))
results[0] = tracemalloc.get_traced_memory()
tracemalloc.stop()
tracemalloc.start()
step1 = [i * 1000 for i in range(20000)]
step2 = [x * x for x in step1]
step3 = [x for x in step2 if x % 2 == 0]
total2 = sum(step3)
results[1] = tracemalloc.get_traced_memory()
del step1, step2, step3
results[2] = tracemalloc.get_traced_memory()
tracemalloc.reset_peak()
results[3] = tracemalloc.get_traced_memory()
tracemalloc.clear_traces()
results[4] = tracemalloc.get_traced_memory()
tracemalloc.stop()
results[5] = tracemalloc.get_traced_memory()
print("totals", total, total2, total == total2)
print("pipeline", results[0])
print("lists", results[1])
print("after del", results[2])
print("reset_peak", results[3])
print("clear_traces", results[4])
print("stopped", results[5], tracemalloc.is_tracing())
