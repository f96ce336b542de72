# FrameLocalsProxy shows cell and free variables by their contents, in CPython's slot order
# (varnames, then cell-only variables, then free variables), and writes through to the cell.
import sys


def outer(arg, unused):
    shared = [1]
    plain = "p"
    later = None

    def inner():
        view = sys._getframe().f_locals
        print("inner", list(view), view["shared"], view["arg"])
        view["shared"] = [2]
        return arg, shared

    view = sys._getframe().f_locals
    print(outer.__code__.co_varnames, outer.__code__.co_cellvars, inner.__code__.co_freevars)
    print("outer", list(view), view["shared"], view["arg"], view["later"])
    inner()
    print("after inner", shared)
    view["arg"] = "changed"
    print(arg, inner()[0])
    del later
    print("later" in view, len(view))


outer("a", None)


def unset_cell():
    view = sys._getframe().f_locals
    print(list(view), "late" in view)
    late = 3

    def use():
        return late

    print(list(view), view["late"])


unset_cell()
