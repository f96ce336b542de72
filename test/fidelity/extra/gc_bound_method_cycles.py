# Cycles through bound methods: an instance storing its own bound method (self -> method -> self),
# callback registries, methods of classes with __del__, and a weak reference avoiding the cycle.
import gc, weakref

class Button:
    def __init__(self, name):
        self.name = name
        self.handlers = []
    def click(self):
        return self.name

class Logged:
    def __init__(self, name):
        self.name = name
        self.cb = self.run
    def run(self):
        return self.name
    def __del__(self):
        print("  __del__", self.name)

def self_bound():
    b = Button("a")
    b.on_click = b.click
    return b.on_click()

def handlers_list():
    b = Button("b")
    b.handlers.append(b.click)
    b.handlers.append(b.click)
    return [h() for h in b.handlers]

def two_instances():
    x = Button("x"); y = Button("y")
    x.handlers.append(y.click)
    y.handlers.append(x.click)
    return len(x.handlers) + len(y.handlers)

def registry():
    reg = {}
    for i in range(5):
        b = Button(str(i))
        reg[b.name] = b.click
        b.registry = reg
    return sorted(reg)

def with_del():
    l1 = Logged("one")
    l2 = Logged("two")
    l1.peer = l2
    return l1.cb()

def weak_self():
    # The handler reaches its instance through a weak reference: no cycle, nothing to collect.
    b = Button("w")
    wr = weakref.ref(b)
    b.on_click = lambda: Button.click(wr())
    return b.on_click()

gc.collect()
print("self bound", self_bound(), gc.collect())
print("handlers list", handlers_list(), gc.collect())
print("two instances", two_instances(), gc.collect())
print("registry", registry(), gc.collect())
print("with del", with_del(), gc.collect())
print("weak self", weak_self(), gc.collect())

b = Button("kept")
m = b.click
print(type(m).__name__, m.__self__ is b, gc.is_tracked(m), gc.get_referents(m)[1] is b)
b.m = m
del m
print("kept", gc.collect())
del b
print("dropped", gc.collect())
