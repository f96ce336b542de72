# One full collection over N tracked, reachable objects (lists held by one list): nothing to free.
import gc
try:
    from time import perf_counter
except ImportError:  # the engine has no time module: the runner times it from outside
    perf_counter = None
N = 1_000_000  # the runner rewrites this line
MEASURE = True  # and this one (False = the same program without the measured step)
gc.disable()
keep = [[] for _ in range(N)]
gc.collect()  # everything to generation 2 first
if MEASURE:
    t = perf_counter() if perf_counter else 0
    collected = gc.collect()
    if perf_counter:
        print(f"measured_seconds {perf_counter() - t:.4f}")
    print("collected", collected)
