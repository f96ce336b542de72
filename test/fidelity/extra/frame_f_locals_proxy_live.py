# frame.f_locals of a running function frame is a FrameLocalsProxy (PEP 667): a live view of the
# fast locals, in slot order, only the bound ones; writes go into the locals.
import sys


def show(a, b=2):
    unbound = None
    del unbound
    view = sys._getframe().f_locals
    print(type(view).__name__, len(view), list(view))
    print(sorted(view), view["a"], view.get("b"), view.get("nope"), view.get("nope", "dflt"))
    print("a" in view, "unbound" in view, "nope" in view, 1 in view)
    print(view.keys(), view.values()[:2], view.items()[:2])
    print(dict(view) == {"a": a, "b": b, "view": view}, view == dict(view), bool(view))
    view["a"] = 10
    print("a is now", a)
    view["extra"] = "x"
    print(list(view), view["extra"], len(view))
    for bad in ("nope", 1, "unbound"):
        try:
            view[bad]
        except KeyError as e:
            print("KeyError", e)
    for name in ("a", "extra"):
        try:
            del view[name]
        except TypeError as e:
            print("TypeError", e)
    again = sys._getframe().f_locals
    print(again is view, again == view)
    print(repr(view)[:40])


show(1)


def refcounts():
    item = object()
    view = sys._getframe().f_locals
    before = sys.getrefcount(item)
    got = view["item"]
    print(sys.getrefcount(item) - before)
    del got
    print(sys.getrefcount(sys._getframe()))
    views = [sys._getframe().f_locals for _ in range(3)]
    print(sys.getrefcount(sys._getframe()))
    del views
    print(sys.getrefcount(sys._getframe()))


refcounts()


def self_containing():
    me = sys._getframe().f_locals
    print(repr(me))


self_containing()


def empty():
    print(repr(sys._getframe().f_locals), len(sys._getframe().f_locals), bool(sys._getframe().f_locals))


empty()
print(sys._getframe().f_locals is globals())


class Body:
    attr = 1
    print(type(sys._getframe().f_locals).__name__, sys._getframe().f_locals["attr"])
