import weakref
class T:
    def hello(self):
        return "hi " + self.name
t = T()
t.name = "t"
p = weakref.proxy(t)
print(p.name, p.hello())
p.name = "changed"
print(t.name)
print(type(p).__name__, type(weakref.proxy(len)).__name__)
def f(x):
    return x * 2
pf = weakref.proxy(f)
print(pf(21))
del t
try:
    p.name
except ReferenceError as e:
    print("ReferenceError", e)
