# Int sets iterate in hash-table order: hash(n) == n for small ints, so the slot is n & mask,
# collisions probe linearly then jump by the perturbed hash, and tables grow when 3/5 full.
import sys

print({3, 1, 2}, {100, 5, 37, -1}, {8, 16, 24, 0}, {1, 9, 17, 25, 33})
print(set([100, 5, 37, -1]), set(range(10, 0, -1)), set([-3, -2, -1, 0, 1, 2, 3]))

# Growth: the order changes at each resize; getsizeof shows the table size.
s = set()
seen = []
for i in range(0, 200, 3):
    s.add(i * 1000003 % 997 - 400)
    size = sys.getsizeof(s)
    if size not in seen:
        seen.append(size)
        print(len(s), size, s)
print(s)

# Big ints hash modulo 2**61 - 1 (2**61 - 1 itself hashes to 0).
print({2**100, -2**100, 2**61 - 1, 2**61, -5, 10**20})
print(set([2**64, 2**64 + 1, 2**65, -2**64, 7, 2**61 - 2]))
print({x * 2**32 for x in range(-4, 5)})

# Discard leaves a dummy slot; a later add reuses the last dummy on its probe path.
t = {1, 9, 17, 25, 33}
t.discard(9)
t.add(41)
print(t)
t.discard(1)
t.discard(17)
t.add(1)
print(t)
d = set(range(20))
for i in range(0, 20, 2):
    d.remove(i)
print(d, sys.getsizeof(d))
d.clear()
print(d, sys.getsizeof(d))

# A literal of constants is a frozenset constant copied into a new set; for loops and `in`
# use the frozenset itself, whose table can be larger than the copy's.
for x in {1, 2, 3, 9, 17}:
    print(x, end=" ")
print()
print({1, 2, 3, 9, 17}, [x for x in {1, 2, 3, 9, 17}])
