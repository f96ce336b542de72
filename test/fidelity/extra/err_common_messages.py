def t(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ":", e)
t(lambda: [1][5])
t(lambda: (1,)[5])
t(lambda: "ab"[5])
t(lambda: {}["k"])
t(lambda: {}[(1, 2)])
t(lambda: 1 + "a")
t(lambda: "a" + 1)
t(lambda: [] + ())
t(lambda: 1 < "a")
t(lambda: None + 1)
t(lambda: -"a")
t(lambda: len(5))
t(lambda: int("x"))
t(lambda: float("x"))
t(lambda: int(None))
t(lambda: 1 / 0)
t(lambda: 1 // 0)
t(lambda: 1 % 0)
t(lambda: 1.0 / 0)
t(lambda: [].pop())
t(lambda: {}.pop("a"))
t(lambda: set().pop())
t(lambda: [1, 2].index(5))
t(lambda: "abc".index("z"))
t(lambda: None())
t(lambda: (1)(2))
t(lambda: undefined_thing)
t(lambda: object().nope)
t(lambda: [].nope)
t(lambda: iter(5))
t(lambda: next(iter([])))
t(lambda: hash([]))
t(lambda: {[]: 1})
t(lambda: "a" * "b")
t(lambda: [1, 2][1.5])

t(lambda: abs("a"))
t(lambda: sum(["a", "b"]))
t(lambda: max([]))
t(lambda: "x".join([1, 2]))
t(lambda: tuple(5))
t(lambda: dict([1, 2]))

t(lambda: chr(-1))
t(lambda: ord("ab"))

t(lambda: list.append())
t(lambda: setattr(1, "x", 2))
t(lambda: [1, 2, 3][::0])
class K:
    def __init__(self, a): pass
t(lambda: K())
t(lambda: K(1, 2))
t(lambda: K.nope)
import sys
t(lambda: sys.nope)
t(lambda: (lambda: 1)(1))
a, b = 1, 2
def unpack():
    x, y = [1, 2, 3]
t(unpack)
def unpack2():
    x, y, z = [1, 2]
t(unpack2)
def unpack3():
    x, y = 5
t(unpack3)
def assertion():
    assert 1 == 2, "msg"
t(assertion)
def assertion2():
    assert False
t(assertion2)
def local_before():
    print(v)
    v = 1
t(local_before)
