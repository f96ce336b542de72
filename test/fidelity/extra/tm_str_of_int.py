# str(int) and repr(int) make a new string even for one digit (long_to_decimal_string does not
# use the cached 1-character strings); '%d' formatting and str of a str do not allocate one.
import tracemalloc, gc
gc.collect()
r = [None] * 8
tracemalloc.start()
a = [str(i) for i in range(10)]
r[0] = tracemalloc.get_traced_memory()[0]
b = [str(i) for i in range(10, 20)]
r[1] = tracemalloc.get_traced_memory()[0]
c = str(int("7"))
r[2] = tracemalloc.get_traced_memory()[0]
d = repr(7)
r[3] = tracemalloc.get_traced_memory()[0]
e = str(d)
r[4] = tracemalloc.get_traced_memory()[0]
tracemalloc.stop()
print([x - r[0] for x in r[:5]], r[0] > 0)
print(a[3] is a[3], c is d, e is d, c == d == "7")
