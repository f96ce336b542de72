# Instances of classes deriving from builtins hold a reference to their class that their death
# releases (subtype_dealloc), and are never the builtin's shared value (small ints, interned str).
# Variable-size bases (int, tuple) get no __weakref__ slot; staticmethod/classmethod copy the
# function's attributes into their own __dict__ (functools_wraps).
import sys, weakref

class L(list): pass
class D(dict): pass
class I(int): pass
class S(str): pass
class T(tuple): pass
class F(float): pass
for cls, arg in ((L, [1]), (D, {}), (I, 5), (S, "ab"), (T, (1, 2)), (F, 1.5)):
    before = sys.getrefcount(cls)
    x = cls(arg)
    during = sys.getrefcount(cls)
    del x
    print(cls.__name__, before, during, sys.getrefcount(cls), "__weakref__" in cls.__dict__)
print(type(5), type("ab"), type(1.5), type((1, 2)))
print(I(5) + 1, type(I(5) + 1).__name__, S("ab").upper(), len(T((1, 2, 3))))
for cls, arg in ((L, [1]), (I, 3), (T, ())):
    try:
        r = weakref.ref(cls(arg))
        print(cls.__name__, "weakref ok")
    except TypeError as e:
        print(cls.__name__, "TypeError:", e)

def f():
    pass
s = staticmethod(f)
c = classmethod(f)
print(sorted(s.__dict__), s.__name__, s.__qualname__, s.__wrapped__ is f, c.__func__ is f)
print(f.__annotations__, f.__annotations__ is f.__annotations__, s.__dict__["__annotations__"] is f.__annotations__)
