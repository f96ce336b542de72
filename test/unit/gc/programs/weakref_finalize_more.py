import weakref, gc
class R:
    pass
def bye(*args, **kw):
    print("bye", args, sorted(kw.items()))
    return "done"
a = R()
f = weakref.finalize(a, bye, 1, 2, k="v")
print(f.alive, f.peek()[1] is bye)
print(f(), f.alive, f(), f.peek())
b = R()
b.me = b
g = weakref.finalize(b, bye, "cycle")
del b
print("before collect", g.alive)
gc.collect()
print("after collect", g.alive)
