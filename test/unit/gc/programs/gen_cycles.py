import gc
gc.collect()
def gen():
    try:
        yield 1
    finally:
        print("gen cleanup")
class Holder:
    pass
h = Holder()
h.g = gen()
next(h.g)
h.me = h
del h
print("collect", gc.collect())
def g2():
    x = yield
    yield x
it = g2()
next(it)
it.send(it)
del it
print("gen self-cycle", gc.collect())
