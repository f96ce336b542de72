# dict.keys() / dict.items() combine with sets through &, |, -, ^; the results are sets built
# as dictobject.c builds them. Also: iteration walks the live table, joins and max follow it.
d = {5: 1, 13: 2, 21: 3, 100: 4}
print(d.keys() & {13, 100, 7}, d.keys() | {1}, d.keys() - {5}, d.keys() ^ {5, 6})
print({1, 13} & d.keys(), {2} | d.keys(), {5, 6} - d.keys(), {5, 6} ^ d.keys())
print(d.items() & {(5, 1), (13, 9)}, d.items() | {(0, 0)}, d.keys() & d.keys(), d.keys() & [13, 5, 5])
big = dict.fromkeys(range(40))
print(big.keys() & {3, 30, 300}, big.keys() - set(range(35)), d.keys() & big.keys(), big.keys() & d.keys())
print(", ".join({"x", "y", "z", "w"}), max({3, 11, 19}), list(reversed(sorted({4, 2}))))
s = {1, 2, 3}
for x in s:
    s.discard(x)
    s.add(x + 8)
    break
print(s)
print(set(enumerate("ab")), set(zip("ab", "cd")), set(map(str, range(5))))
d1 = {1: 'a', 2: 'b', 3: 'c', 9: 'z'}
d2 = {2: 'b', 3: 'X', 4: 'd', 17: 'q'}
print(d1.items() ^ d2.items(), d2.items() ^ d1.items(), d1.items() ^ {(1, 'a')}, d1.keys() ^ d2.keys())
