# A class body's frame kept by a traceback: f_locals is the body's namespace dict (not a proxy),
# which the frame object keeps after the class was made; frame.clear() lets it go.
import sys
class Noisy:
    def __init__(self, n): self.n = n
    def __del__(self): print("del", self.n)
class Body:
    item = Noisy("class attr")
    try:
        1 / 0
    except ZeroDivisionError as e:
        kept = e
tb = Body.kept.__traceback__
ns = tb.tb_frame.f_locals
print(type(ns).__name__, sorted(k for k in ns if not k.startswith("__")), ns is Body.__dict__)
print(sys.getrefcount(ns))
del Body.kept
Body.item = None
print("cleared attr")
tb.tb_frame.clear()
print("frame cleared")
print(sorted(k for k in ns if not k.startswith("__")))
del ns
print("ns dropped")
print(type(tb.tb_frame.f_locals).__name__, tb.tb_frame.f_locals)
