# An instance's __dict__ made after its attributes (vars(), __dict__) shares the inline values:
# the instance visits them, the dict visits nothing, so a collected self-cycle counts 1 (the dict
# is freed by the instance's clearing, not counted). A dict kept after its instance is detached
# owns its values; one that outgrows the inline values owns them too.
import gc

class C:
    pass

a = C()
a.me = a
vars(a)
del a
print(gc.collect())

b = C()
b.me = b
b.other = [b]
b.__dict__
b.late = 1
del b
print(gc.collect())

c = C()
c.me = c
d = vars(c)
del c
print(gc.collect(), list(d))
del d
print(gc.collect())

e = C()
e.__dict__["me"] = e
del e
print(gc.collect())

print(gc.get_referents(vars(C())))
f = C()
f.x = [1]
print(len(gc.get_referents(f)), gc.get_referents(vars(f)))
