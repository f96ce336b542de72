# str and bytes hash with SipHash-1-3 (keyed by PYTHONHASHSEED=0 for these cases); tuples with
# the xxHash-based tuplehash; floats by their exact rational value modulo 2**61 - 1.
w = {"apple", "banana", "cherry", "date", "elderberry", "fig", "grape"}
print(w, list(set("mississippi")), set("hello world"), list({"b", "a"}))
print(frozenset(w), frozenset(), frozenset("abc"), frozenset([3, 1, 2]))
print({c for c in "the quick brown fox"}, {x % 7 for x in range(50)}, {s.upper() for s in w})
print({"é", "日本", "😀x", "x", "é😀"}, {b"a", b"bb", b"", b"\x00\x00\x00\x00\x00\x00\x00\x00\x00"})
print({(1, 2), (2, 1), (0, 0), ("a", "b"), ()}, {(i, -i) for i in range(6)})
print({1.5, 0.1, -2.75, 3.0, 1e-5, 1e300}, {x / 4 for x in range(-6, 7)}, {float("inf"), -float("inf"), 0.0})
print({None, True, 0, "x", (1,), 2.5, b"bytes"}, set([1.0, 1, True]), {0, False, 0.0})
print({frozenset({1, 2}), frozenset({2, 1}), frozenset()}, {frozenset("ab"), frozenset("abc"), frozenset("b")})


class S(set):
    pass


class F(frozenset):
    pass


print(S([3, 1, 2]), F([9, 8]), S(), F(), S([1]) | {5}, type(S([1]) | {5}).__name__)
