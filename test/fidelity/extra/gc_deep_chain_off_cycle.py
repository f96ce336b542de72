# A cycle with long chains hanging off it: the chains are unreachable too and gc.collect() counts
# every tracked object in them; freeing them goes through the trashcan (no recursion limit).
import gc, sys

class Node:
    pass

def cycle_with_list_chain(depth):
    a = Node(); b = Node(); a.other = b; b.other = a
    chain = []
    a.chain = chain
    for _ in range(depth):
        inner = []
        chain.append(inner)
        chain = inner

def cycle_with_instance_chain(depth):
    a = Node(); a.me = a
    cur = a
    for i in range(depth):
        nxt = Node()
        cur.next = nxt
        cur = nxt
    cur.last = True

def cycle_with_mixed_chain(depth):
    a = [None]
    a[0] = a
    cur = a
    for i in range(depth):
        d = {"i": i}
        t = (d, [i])
        cur.append(t)
        cur = t[1]

def dict_chain_off_self_referencing_dict(depth):
    d = {}
    d["self"] = d
    cur = d
    for i in range(depth):
        cur["next"] = {}
        cur = cur["next"]

gc.collect()
for depth in (1, 10, 1000, 20000):
    cycle_with_list_chain(depth)
    print("list chain", depth, gc.collect())
    cycle_with_instance_chain(depth)
    print("instance chain", depth, gc.collect())
    cycle_with_mixed_chain(depth)
    print("mixed chain", depth, gc.collect())
    dict_chain_off_self_referencing_dict(depth)
    print("dict chain", depth, gc.collect())

class Loud:
    count = 0
    def __del__(self):
        Loud.count += 1

def chain_of_finalizers(depth):
    head = Loud(); head.me = head
    cur = head
    for _ in range(depth):
        n = Loud()
        cur.next = n
        cur = n

chain_of_finalizers(500)
print("finalizer chain", gc.collect(), Loud.count)

# A chain hanging off a cycle that is still reachable survives; only the detached one goes.
keep = Node(); keep.me = keep
keep.chain = [[[[]]]]
lost = Node(); lost.me = lost
lost.chain = [[[[]]]]
del lost
print("one of two", gc.collect(), len(keep.chain[0][0]))
print(gc.get_count())
