# One full collection over N tracked, reachable objects (lists held by one list): nothing to free.
import gc
from time import perf_counter
N = 1_000_000  # the runner rewrites this line
gc_seconds = 0.0
started = 0.0
def timing(phase, info):
    global gc_seconds, started
    if phase == "start":
        started = perf_counter()
    else:
        gc_seconds += perf_counter() - started
gc.disable()
keep = [[] for _ in range(N)]
gc.collect()  # everything to generation 2 first
gc.callbacks.append(timing)
collected = gc.collect()
gc.callbacks.remove(timing)
print("collected", collected)
print(f"measured_seconds {gc_seconds:.4f}")
