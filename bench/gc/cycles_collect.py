# gc.collect() over N two-object cycles of class instances (2*N unreachable objects).
import gc, time
N = 500_000  # the runner rewrites this line
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
t = time.perf_counter()
collected = gc.collect()
dt = time.perf_counter() - t
print("collected", collected)
print(f"collect_seconds {dt:.4f}")
