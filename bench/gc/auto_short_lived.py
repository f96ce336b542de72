# Automatic collections while allocating N short-lived containers: each is a class instance in a
# self-cycle, so only the collector frees it; count[0] passes threshold 2000 every ~2000 of them.
# The baseline (MEASURE = False) runs the same loop with the collector disabled and no cycles.
import gc
try:
    from time import perf_counter
except ImportError:  # the engine has no time module: the runner times it from outside
    perf_counter = None
N = 5_000_000  # the runner rewrites this line
MEASURE = True  # and this one
gc.collect()
class Box:
    pass
def churn(n):
    for i in range(n):
        b = Box()
        b.me = b
def churn_acyclic(n):
    for i in range(n):
        b = Box()
        b.me = None
t = perf_counter() if perf_counter else 0
if MEASURE:
    churn(N)
else:
    churn_acyclic(N)
if perf_counter:
    print(f"measured_seconds {perf_counter() - t:.4f}")
stats = gc.get_stats()
print("collections", [s["collections"] for s in stats])
print("collected >= N - 2001:", sum(s["collected"] for s in stats) >= N - 2001)
