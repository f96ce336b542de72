import gc, sys
gc.collect()
def make():
    class Local:
        def m(self): pass
    return Local
K = make()
print(sys.getrefcount(K))
del K
print(gc.collect() > 0)
class P:
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v
p = P(3)
print(sys.getrefcount(P), sys.getrefcount(P.get), sys.getrefcount(p), P.__qualname__, P.get.__qualname__)
print(P.__mro__, P.__bases__, P.__base__)
print(sys.getrefcount(P))
