# What the collector sees inside the builtin iterators (tp_traverse, through gc.get_referents),
# and the result tuple enumerate, zip and dict.items() iterators hand out again while nobody else
# holds it.
import gc
import sys

def kinds(o):
    return [type(x).__name__ for x in gc.get_referents(o)]

l = [1, 2, 3]
e = enumerate(l)
print("enumerate", kinds(e))             # its iterator and its cached result tuple
z = zip(l, "abc")
print("zip", kinds(z))                   # the tuple of iterators and the result tuple
print("zip's iterators", kinds(gc.get_referents(z)[0]))
m = map(str, l)
print("map", kinds(m))                   # the tuple of iterators and the function
print("filter", kinds(filter(None, l)))
print("reversed", kinds(reversed(l)))
d = {"a": 1, "b": 2}
print("items iterator", kinds(iter(d.items())))
print("keys iterator", kinds(iter(d.keys())))
print("empty zip", kinds(zip()))

# The same tuple comes back while the previous one was let go...
e = enumerate("abc")
ids = [id(t) for t in e]
print("enumerate, each let go:", len(set(ids)), "distinct tuple(s)")
z = zip("abc", "xyz")
ids = [id(t) for t in z]
print("zip, each let go:", len(set(ids)), "distinct tuple(s)")
it = iter(d.items())
ids = [id(t) for t in it]
print("items, each let go:", len(set(ids)), "distinct tuple(s)")

# ...and a new one is made while something still holds it.
kept = list(enumerate("abc"))
print("kept:", kept, len({id(t) for t in kept}), "distinct")
e = enumerate("ab")
first = next(e)
print(sys.getrefcount(first) - 1, "references to the first pair (the caller's and the iterator's)")
second = next(e)
print(first is second, first, second)
