# set.pop() takes the first active slot from a moving "finger", so successive pops walk the table.
p = set(range(30, 0, -3))
print([p.pop() for _ in range(5)], p)
p.add(100)
print(p.pop(), p)
p.add(3)
print(p.pop(), p.pop(), p)
q = {5, 13, 21, 29}
while q:
    print(q.pop(), end=" ")
print()
w = set("abcdefgh")
print(w.pop(), w.pop(), sorted(w))
try:
    set().pop()
except KeyError as e:
    print(repr(e))
