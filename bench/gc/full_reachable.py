# One full collection over N tracked, reachable objects (lists held by one list): nothing to free.
import gc, time
N = 1_000_000  # the runner rewrites this line
gc.disable()
keep = [[] for _ in range(N)]
gc.collect()  # move everything to generation 2 first
t = time.perf_counter()
collected = gc.collect()
dt = time.perf_counter() - t
print("collected", collected, "tracked", len(gc.get_objects()) >= N)
print(f"collect_seconds {dt:.4f}")
