# An exception kept in a local of a frame it passed through makes a cycle:
# frame -> exception -> traceback -> frame. Only the collector can free it.
import gc


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def keeps_its_own_error():
    big = Noisy("big")
    try:
        raise RuntimeError("oops")
    except RuntimeError as e:
        err = e
    return None


gc.collect()
gc.disable()
keeps_its_own_error()
print("returned; big is still alive")
print("collected", gc.collect())


def caller():
    try:
        keeps_its_own_error()
    finally:
        pass


caller()
print("collected", gc.collect())


def raises_deep(n):
    marker = Noisy("level %d" % n)
    if n == 0:
        raise IndexError("bottom")
    raises_deep(n - 1)


try:
    raises_deep(2)
except IndexError as e:
    print("caught", e)
print("after deep")
gc.enable()
