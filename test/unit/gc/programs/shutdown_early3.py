import gc
class A:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("del", self.n)
def cb(phase, info):
    print("cb", phase, info["generation"], info["collected"])
gc.callbacks.append(cb)
x = A("x"); x.me = x
del x
y = A("y")
gc.disable()
print("end")
