# The result of each set operation comes out in the order CPython builds it: which operand is
# iterated, which is probed, and whether a table is copied whole.
a = set(range(0, 40, 3))
b = set(range(0, 40, 5))
print(a | b, b | a)
print(a & b, b & a)
print(a - b, b - a)
print(a ^ b, b ^ a)
print(a.union([99, 98, 7], (1000,)), a.intersection(range(20)), a.intersection(range(20), [3, 6, 9]))
print(a.difference([3, 6], {9}), a.symmetric_difference([1, 2, 3]), a.difference())
c = set(a)
c.update(b, [77])
print(c)
c.difference_update(range(10))
print(c)
c.intersection_update(range(15, 40))
print(c)
c.symmetric_difference_update({16, 17, 18})
print(c)
c |= {500, 600}
print(c)
c &= {500, 18, 21, 600}
print(c)
c -= {500}
print(c)
c ^= {1, 600}
print(c)
small = {7, 3}
large = set(range(100))
print(small - large, large - set(range(2, 100)), small & large, large & small)
print(set(dict.fromkeys([9, 1, 17, 33, 2])), set({"k": 1, "j": 2}), {*range(3), 40, *[8, 16]})
print(frozenset([1, 2]) | {3}, {3} | frozenset([1, 2]), frozenset([5]).copy(), frozenset("ab") & set("bc"))
print({1, 2} < {1, 2, 3}, {1, 2, 3} >= {2}, {1, 2}.isdisjoint([3, 4]), {1}.issubset(range(3)))
print(set("abc") == frozenset("cba"), {1} != {2}, set(range(10)).isdisjoint(range(10, 20)))
