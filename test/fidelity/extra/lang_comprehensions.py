import sys
x = [10, 20]
sq = [v * 2 for v in range(5)]
print(sq, {v % 3 for v in range(10)}, {k: k * k for k in range(4)}, list(v for v in "ab"))
print([(i, j) for i in range(3) for j in range(i) if j != 1])
print(sys.getrefcount(x))
lists = [x for _ in range(3)]
print(sys.getrefcount(x))
del lists
print(sys.getrefcount(x))
i = "outer"
print([i for i in range(2)], i)
gen = (y for y in x)
print(sys.getrefcount(x))
del gen
print(sys.getrefcount(x))
nested = [[c for c in range(r)] for r in range(4)]
print(nested)
obj = object()
d = {n: obj for n in range(5)}
print(sys.getrefcount(obj))
s = [obj] * 4
print(sys.getrefcount(obj))
print([n for n in range(10) if n % 2 if n % 3], [a + b for a, b in zip("ab", "cd")])
print(sum(v for v in range(5)), max((v for v in [3, 9, 2]), default=0), sorted({3, 1, 2}))
