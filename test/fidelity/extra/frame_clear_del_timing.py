# __del__ timing: a kept traceback keeps the raising frame's locals; frame.clear() on that frame
# runs their finalizers right away, in slot order, while the traceback itself stays.
import sys


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def inner():
    first = Noisy("first")
    second = Noisy("second")
    raise ValueError("boom")


def outer():
    mine = Noisy("outer")
    inner()


try:
    outer()
except ValueError as e:
    tb = e.__traceback__
print("caught")
inner_frame = tb.tb_next.tb_next.tb_frame
outer_frame = tb.tb_next.tb_frame
print(sorted(inner_frame.f_locals), sorted(outer_frame.f_locals))
print("clear inner")
inner_frame.clear()
print("clear outer")
outer_frame.clear()
print("tb still there", tb.tb_next.tb_next.tb_frame is inner_frame)
del tb, inner_frame, outer_frame
print("end")


def holds_via_proxy():
    token = Noisy("token")
    try:
        1 / 0
    except ZeroDivisionError as e:
        return e.__traceback__.tb_frame.f_locals


proxy = holds_via_proxy()
print("proxy kept", list(proxy))
proxy["token"] = None
print("replaced")
del proxy
print("done")
