import weakref
class R:
    pass
r1 = R(); r2 = R(); r3 = R()
f1 = weakref.finalize(r1, print, "finalize r1")
f2 = weakref.finalize(r2, print, "finalize r2")
f3 = weakref.finalize(r3, print, "finalize r3")
f2.detach()
print("end")
