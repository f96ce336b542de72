# A caught exception keeps the frames it passed through, and so their locals, alive until the
# exception is gone: the end of the except block, or later if the program keeps it.
import sys
import gc


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def fails(tag):
    local = Noisy(tag)
    raise ValueError(tag)


try:
    fails("a")
except ValueError:
    print("handling a")
print("after a")

try:
    fails("b")
except ValueError as e:
    print("handling b")
print("after b")

kept = None
try:
    fails("c")
except ValueError as e:
    kept = e
print("after c, still kept")
kept = None
print("c released")

data = [1, 2, 3]


def takes(lst):
    raise KeyError("k")


try:
    takes(data)
except KeyError:
    print("in handler", sys.getrefcount(data))
print("after handler", sys.getrefcount(data))

try:
    takes(data)
except KeyError as err:
    saved = err
print("saved", sys.getrefcount(data))
saved.__traceback__ = None
print("cleared", sys.getrefcount(data))
del saved


def outer():
    inner_list = [0] * 10
    fails("d")


try:
    outer()
except ValueError as e2:
    tb = e2.__traceback__
names = []
t = tb
while t is not None:
    names.append((t.tb_frame.f_code.co_name, t.tb_lineno))
    t = t.tb_next
print(names)
print(type(tb).__name__, sys.getsizeof(tb), gc.is_tracked(tb))
frame = tb.tb_next.tb_frame
print(type(frame).__name__, frame.f_code.co_name, frame.f_lineno, gc.is_tracked(frame))
print(frame.f_back is tb.tb_frame, tb.tb_frame.f_back)
del frame, t
print("dropping the traceback")
del tb
print("done")
