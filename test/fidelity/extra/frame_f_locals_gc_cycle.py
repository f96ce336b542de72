# A FrameLocalsProxy stored in its own frame's locals makes a cycle (frame object -> proxy ->
# frame object): dropping the traceback leaves it to the cyclic collector, which finds it.
import gc
import sys


class Noisy:
    def __del__(self):
        print("del noisy")


def fails():
    noisy = Noisy()
    me = sys._getframe().f_locals
    1 / 0


gc.collect()
try:
    fails()
except ZeroDivisionError as e:
    kept = e.__traceback__
print("drop traceback")
del kept
print("still alive until collected")
print("collect", gc.collect())


def returns_own_view():
    me = sys._getframe().f_locals
    return me


view = returns_own_view()
print(list(view), sys.getrefcount(view), view["me"] is view)
del view
print("collect", gc.collect())
