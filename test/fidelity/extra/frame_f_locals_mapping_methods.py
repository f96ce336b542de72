# FrameLocalsProxy's dict-like methods: copy (a plain dict), setdefault and update (written
# through to the locals), reversed, the | operators, comparisons, and what it refuses.
import sys


def methods():
    w = 1
    view = sys._getframe().f_locals
    snapshot = view.copy()
    print(type(snapshot).__name__, snapshot)
    print(view.setdefault("w", 5), view.setdefault("fresh", 6), w, view["fresh"])
    view.update({"w": 9, "other": 1})
    print(w, view["other"])
    view.update(sys._getframe().f_locals)
    print(w, len(view))
    for bad in ([("w", 2)], 3):
        try:
            view.update(bad)
        except TypeError as e:
            print("TypeError", e)
    try:
        view.update(w=10)
    except TypeError as e:
        print("TypeError", e)
    for args in ((), (1, 2, 3)):
        for name in ("get", "setdefault"):
            try:
                getattr(view, name)(*args)
            except TypeError as e:
                print("TypeError", e)
    print(reversed(view)[:3], type(reversed(view)).__name__)
    merged = view | {"z": 1}
    print(type(merged).__name__, list(merged)[-2:], list({"z": 1} | view)[:2])
    try:
        view | 3
    except TypeError as e:
        print("TypeError", e)
    view |= {"w": 11}
    print(w, type(view).__name__)
    print({1: 2} == view, view != {}, view == view, view != sys._getframe().f_locals)
    try:
        hash(view)
    except TypeError as e:
        print("TypeError", e)
    try:
        view < {}
    except TypeError as e:
        print("TypeError", e)


methods()
