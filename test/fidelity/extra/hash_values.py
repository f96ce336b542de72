# hash() gives CPython's 64-bit values (PYTHONHASHSEED=0 for str and bytes).
print(hash(0), hash(1), hash(-1), hash(-2), hash(2**61 - 2), hash(2**61 - 1), hash(-(2**61)), hash(10**20))
print(hash(True), hash(False), hash(None), hash(0.5), hash(-0.0), hash(1.5), hash(1e-300), hash(-0.1))
print(hash(float("inf")), hash(-float("inf")), hash(2.0) == hash(2), hash(complex(1, 2)), hash(3j))
print(hash(""), hash("a"), hash("hello world!"), hash("é"), hash("日本"), hash("😀x"))
print(hash(b""), hash(b"ab"), hash(b"\x00" * 9), hash(()), hash((1, 2)), hash((1, (2, 3))), hash((None, 1.5, "a", b"z")))
print(hash(frozenset()), hash(frozenset({1, 2, 3})), hash(frozenset({(1, 2)})), hash(frozenset("abc")) == hash(frozenset("cba")))


class P:
    def __init__(self, x):
        self.x = x

    def __hash__(self):
        return self.x % 5

    def __eq__(self, o):
        return isinstance(o, P) and self.x == o.x

    def __repr__(self):
        return f"P({self.x})"


class H:
    def __hash__(self):
        return 2**62


class Big:
    def __hash__(self):
        return 2**70


class MinusOne:
    def __hash__(self):
        return -1


print(hash(P(7)), hash(H()), hash(Big()), hash(MinusOne()))
s = {P(i) for i in range(12)}
print(s, P(3) in s, P(30) in s)
s.discard(P(5))
s.add(P(40))
print(s)
for bad in ([1], {}, set()):
    try:
        hash(bad)
    except TypeError as e:
        print(e)
print({1, 2} in {frozenset({1, 2})}, frozenset({1, 2}) in {frozenset({2, 1})})
q = {frozenset({1, 2})}
q.remove({1, 2})
print(q)
try:
    s = {1, 2, 3}
    for x in s:
        s.add(x + 10)
except RuntimeError as e:
    print(e)
print(hash(range(10)), hash(range(0)), hash(range(5, 6)), hash(range(1, 100, 7)), hash(range(3, 3)) == hash(range(9, 2)), {range(3), range(0, 3), range(4)})
# Every tail length of SipHash's last block, in 1-, 2- and 4-byte string kinds.
print([hash("abcdefghijklmnopq"[:n]) for n in range(18)])
print([hash("αβγδεζηθικλ"[:n]) for n in range(1, 10)], [hash("😀🙂🙃😉"[:n]) for n in range(1, 5)])
print([hash(bytes(range(n))) for n in range(1, 18)])
print([hash(x / 7) for x in range(-3, 4)], hash(2.0**70), hash(-(2.0**-1060)), hash(1 / 3))
