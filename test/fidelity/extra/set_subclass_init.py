# set subclasses: set_new ignores arguments and set_init fills the set, so a subclass __init__
# with its own signature works; set()/frozenset() check their argument count.
class S(set):
    def __init__(self, n):
        super().__init__(range(n))
s = S(4)
print(s, len(s))
class T(set):
    def __init__(self, it):
        super().__init__(x * 2 for x in it)
print(T([1, 2, 3]))
u = {1, 2}
u.__init__([7, 8, 9])
print(u)
class V(set): pass
print(V([5, 3]), V(), type(V("ab") | {1}).__name__)
try:
    set([1], [2])
except TypeError as e:
    print(e)
try:
    u.__init__([1], [2])
except TypeError as e:
    print(e)
class F(frozenset): pass
print(F([3, 2, 1]), F())
for f in (set, frozenset):
    try:
        f([1], [2])
    except TypeError as e:
        print(e)
    try:
        f(x=1)
    except TypeError as e:
        print(e)
