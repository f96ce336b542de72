# A class with __slots__ beside '__dict__' has no inline values in 3.13: its instances' attributes
# go into a real dict from the first one (sharing the class's keys), which the collector sees as
# an object of its own.
import gc
import sys

class S:
    __slots__ = ("a", "__dict__")

s = S()
print("instance", sys.getsizeof(s))
s.a = [1]
s.b = 2
print("referents", sorted(type(x).__name__ for x in gc.get_referents(s)))
print("its dict", sys.getsizeof(s.__dict__), gc.is_tracked(s.__dict__), s.__dict__)

t = S()
t.me = t          # the cycle runs through t's dict: two objects to collect
del t
print("cycle through the dict", gc.collect())
u = S()
u.a = u           # through the slot: one
del u
print("cycle through the slot", gc.collect())

class P:
    pass
p = P()
p.me = p          # inline values: the instance alone
del p
print("plain instance cycle", gc.collect())
