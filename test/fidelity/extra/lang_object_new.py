# object.__new__ and super().__new__(cls): allocation without __init__, and object_new's checks.
class C:
    def __init__(self):
        print("init")


c = object.__new__(C)
print(type(c).__name__, isinstance(c, C))


class D:
    def __new__(cls, *a):
        print("new", cls.__name__, a)
        inst = super().__new__(cls)
        inst.tag = a
        return inst

    def __init__(self, *a):
        print("init", a)


d = D(1, 2)
print(d.tag)


class E(D):
    pass


e = E(3)
print(type(e).__name__, e.tag)


class N(int):
    def __new__(cls, v):
        return super().__new__(cls, v * 2)


n = N(21)
print(n, type(n).__name__, n + 1)


class T(tuple):
    def __new__(cls, *a):
        return super().__new__(cls, a)


print(T(1, 2), len(T(1, 2, 3)))


class Q:
    pass


class R:
    def __init__(self, a):
        pass


print(type(object.__new__(R, 1)).__name__, type(object.__new__(object)).__name__)
for args in [(), (1,), (D, 1), (Q, 1)]:
    try:
        object.__new__(*args)
    except TypeError as e:
        print(e)
