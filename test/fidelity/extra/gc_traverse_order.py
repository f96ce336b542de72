# The order in which tp_traverse visits references, as gc.get_referents shows it, and as it
# decides the order of objects a collection finds reachable late (move_unreachable moves them back
# in visit order, so gc.get_objects() lists them that way afterwards).
import gc

print(gc.get_referents(["a", "b", "c"]))
print(gc.get_referents(("a", "b", "c")))
print(gc.get_referents({"k1": "v1", "k2": "v2"}))
print(gc.get_referents({"k": "v", 1: "one"}))
d = {1: "a", "s": "b"}
del d[1]
print(gc.get_referents(d))  # the table stays general after the int key is gone
d.clear()
d["t"] = "c"
print(gc.get_referents(d))  # clear() gives back a str-keys table

def f(a, b=("d",)):
    return a
print([type(x).__name__ for x in gc.get_referents(f)])
print(gc.get_referents(f)[-1], gc.get_referents(f)[-2])

class S:
    __slots__ = ("a", "b")
s = S()
s.a = "A"
s.b = "B"
print([x for x in gc.get_referents(s) if not isinstance(x, type)])

class N:
    def __init__(self, name):
        self.name = name
    def __repr__(self):
        return self.name

gc.collect()
a, b, c = N("a"), N("b"), N("c")
holder = [a, b, c]
tup = (N("x"), N("y"), N("z"))
del a, b, c
gc.collect(0)
print([o for o in gc.get_objects(1) if isinstance(o, N)])
