lst = [3, 1, 2]
lst.append(5); lst.extend([7, 0]); lst.insert(1, 9)
print(lst, lst.pop(), lst.pop(0), lst.index(2), lst.count(1))
lst.sort(); print(lst); lst.sort(reverse=True); print(lst); lst.reverse(); print(lst)
lst.remove(2); print(lst, sorted(lst, key=lambda v: -v), lst[::2], lst[1:-1], lst * 2, lst + [1])
del lst[0]; print(lst); lst[1:3] = ["a", "b", "c"]; print(lst); lst.clear(); print(lst)
try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
try:
    [1].remove(5)
except ValueError as e:
    print("ValueError:", e)
d = {"b": 2, "a": 1}
d["c"] = 3
print(d, list(d.keys()), list(d.values()), list(d.items()), d.get("z"), d.get("z", 0), d.pop("b"), d)
print(d.setdefault("x", []), d, d.popitem(), d, {**d, "y": 9}, dict(a=1, b=2), dict([("k", "v")]), dict.fromkeys("ab", 0))
d.update({"a": 100}, ) ; d.update(z=26); print(d, "a" in d, len(d), sorted(d), {k: v for k, v in d.items() if v})
try:
    d["missing"]
except KeyError as e:
    print("KeyError:", e)
s = {3, 1, 2}
s.add(4); s.discard(10); s.remove(1)
print(sorted(s), sorted(s | {9}), sorted(s & {2, 3}), sorted(s - {2}), sorted(s ^ {3, 8}), {1, 2} <= {1, 2, 3}, {1, 2} < {1, 2}, s.issubset({2, 3, 4, 5}), sorted(s.union([7])), s.intersection([2]), sorted(s.difference([3])), s.isdisjoint([0]), s.issuperset([2]))
try:
    s.remove(100)
except KeyError as e:
    print("KeyError:", e)
t = (1, 2, 3, 2)
print(t.count(2), t.index(3), t + (4,), t * 2, t[1:], len(t), max(t), min(t), sum(t), sorted(t, reverse=True))
a, *rest = [1, 2, 3, 4]; print(a, rest); *init, last = "abc"; print(init, last)
print(list(zip([1, 2], "ab")), list(enumerate("xy", 1)), list(map(str, [1, 2])), list(filter(None, [0, 1, 2])), list(reversed([1, 2, 3])), any([0, 1]), all([]))
