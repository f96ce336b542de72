# gc.collect() over N two-object cycles of class instances (2*N unreachable objects).
# Prints the time spent inside collections (gc.callbacks start -> stop), N's collection included.
import gc
from time import perf_counter
N = 500_000  # the runner rewrites this line
gc_seconds = 0.0
started = 0.0
def timing(phase, info):
    global gc_seconds, started
    if phase == "start":
        started = perf_counter()
    else:
        gc_seconds += perf_counter() - started
gc.disable()
class Node:
    pass
def build(n):
    for _ in range(n):
        a = Node()
        b = Node()
        a.other = b
        b.other = a
build(N)
gc.callbacks.append(timing)
collected = gc.collect()
gc.callbacks.remove(timing)
print("collected", collected)
print(f"measured_seconds {gc_seconds:.4f}")
