# gc.collect() over N two-object cycles of class instances (2*N unreachable objects).
import gc
try:
    from time import perf_counter
except ImportError:  # the engine has no time module: the runner times it from outside
    perf_counter = None
N = 500_000  # the runner rewrites this line
MEASURE = True  # and this one (False = the same program without the measured step)
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
if MEASURE:
    t = perf_counter() if perf_counter else 0
    collected = gc.collect()
    if perf_counter:
        print(f"measured_seconds {perf_counter() - t:.4f}")
    print("collected", collected)
