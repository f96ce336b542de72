# sys.getsizeof of an instance's __dict__ in 3.13: while it shares the class's keys (a split
# table) it counts a pointer for each value the shared keys have room for, nentries + dk_usable,
# and every new instance of the class takes one from dk_usable (down to 1).
import sys

def fresh():
    class K:
        pass
    return K

K = fresh()
made = []
for n in range(6):
    made.append(K())
    print("after instance", n + 1, sys.getsizeof(made[-1].__dict__))
print("the first one's, now", sys.getsizeof(made[0].__dict__))

class A:
    def __init__(self):
        self.x = 1
        self.y = 2
a = A()
print("two attributes", sys.getsizeof(a.__dict__))
b = A()
d = b.__dict__
d["z"] = 3
print("a key added through the dict", sys.getsizeof(d), "and a's", sys.getsizeof(a.__dict__))

# The shared keys hold 30 names at most: the 30th name makes an ordinary dict, sized for what
# it holds.
K = fresh()
o = K()
for i in range(29):
    setattr(o, f"k{i}", i)
print("29 names", sys.getsizeof(o.__dict__))
o.k29 = 29
print("30 names", sys.getsizeof(o.__dict__))
o.k30 = 30
print("31 names", sys.getsizeof(o.__dict__))

# After forty instances the keys have room for one more name only; the next instance's second
# name goes into a dict of its own.
K = fresh()
many = [K() for _ in range(40)]
print("forty instances", sys.getsizeof(many[0].__dict__))
many[1].a = 1
print("one name", sys.getsizeof(many[1].__dict__))
many[2].a = 1
many[2].b = 2
print("a second name", sys.getsizeof(many[2].__dict__), sorted(vars(many[2])))

# A key that is not a str makes an ordinary dict at once.
K = fresh()
e = K()
ed = e.__dict__
ed[1] = 2
print("int key", sys.getsizeof(ed))

# With no room for even the first name, the dict starts empty and grows as an ordinary one.
for used_up_by_another in (0, 1, 2):
    K = fresh()
    many = [K() for _ in range(40)]
    for i in range(used_up_by_another):
        setattr(many[1], f"p{i}", i)
    o = many[2]
    o.a = 1
    o.b = 2
    o.c = 3
    print("names used up elsewhere:", used_up_by_another, sys.getsizeof(o.__dict__), sorted(vars(o)))
