# Automatic collections while allocating N short-lived containers: each is a class instance in a
# self-cycle, so only the collector frees it; count[0] passes threshold 2000 every ~2000 of them.
import gc, time
N = 5_000_000  # the runner rewrites this line
gc.collect()
class Box:
    pass
def churn(n):
    for i in range(n):
        b = Box()
        b.me = b
t = time.perf_counter()
churn(N)
dt = time.perf_counter() - t
stats = gc.get_stats()
print("gen0 collections", stats[0]["collections"] > 0, "gen1", stats[1]["collections"] > 0)
print("collected >= N - 2001:", sum(s["collected"] for s in stats) >= N - 2001)
print(f"loop_seconds {dt:.4f}")
