# Automatic collections while allocating N short-lived containers: each is a class instance in a
# self-cycle, so only the collector frees it; count[0] passes threshold 2000 every ~2000 of them.
# measured = time inside the automatic collections; loop = the whole loop.
import gc
from time import perf_counter
N = 5_000_000  # the runner rewrites this line
gc_seconds = 0.0
started = 0.0
def timing(phase, info):
    global gc_seconds, started
    if phase == "start":
        started = perf_counter()
    else:
        gc_seconds += perf_counter() - started
gc.collect()
class Box:
    pass
def churn(n):
    for i in range(n):
        b = Box()
        b.me = b
gc.callbacks.append(timing)
t = perf_counter()
churn(N)
loop = perf_counter() - t
gc.callbacks.remove(timing)
stats = gc.get_stats()
print("collections", [s["collections"] for s in stats])
print("collected >= N - 2001:", sum(s["collected"] for s in stats) >= N - 2001)
print(f"measured_seconds {gc_seconds:.4f} loop_seconds {loop:.4f}")
