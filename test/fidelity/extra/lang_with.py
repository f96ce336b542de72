class CM:
    def __init__(self, name, swallow=False):
        self.name, self.swallow = name, swallow
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, ev)
        return self.swallow
with CM("a") as a, CM("b") as b:
    print("body", a.name, b.name)
with CM("outer", swallow=True):
    with CM("inner"):
        raise ValueError("oops")
print("after swallow")
def f():
    with CM("in f"):
        return "returned"
print(f())
def g():
    for i in range(3):
        with CM(f"loop{i}"):
            if i == 1:
                continue
            if i == 2:
                break
            print("i", i)
g()
try:
    with CM("noswallow"):
        1 / 0
except ZeroDivisionError as e:
    print("caught", e)
