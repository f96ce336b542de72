# A traceback kept after the function finished keeps its frame, and f_locals still shows (and
# changes) the locals the frame object now owns. frame.clear() releases them at once.
import sys


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def fails(x):
    big = Noisy("big")
    box = [x]
    1 / 0


try:
    fails(5)
except ZeroDivisionError as e:
    kept = e.__traceback__
print("handler done")
frame = kept.tb_next.tb_frame
view = frame.f_locals
print(type(view).__name__, list(view), view["box"], len(view))
print(sys.getrefcount(frame))
view2 = frame.f_locals
print(sys.getrefcount(frame), view is view2, view == view2)
del view2
print(sys.getrefcount(view["big"]))
view["x"] = 7
print(view["x"], view.items()[0])
try:
    sys._getframe().clear()
except RuntimeError as e:
    print("RuntimeError", e)
print("clearing")
print(frame.clear())
print("cleared", list(view), len(view), frame.f_back is not None, frame.f_code.co_name)
view["x"] = 8
print(list(view), view["x"])


def gen():
    z = 1
    yield sys._getframe()


g = gen()
gframe = next(g)
print(list(gframe.f_locals))
try:
    gframe.clear()
except RuntimeError as e:
    print("RuntimeError", e)


def kept_alive_by_view():
    local = Noisy("local")
    return sys._getframe().f_locals


v = kept_alive_by_view()
print("returned", list(v))
del v
print("after del")
