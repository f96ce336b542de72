import gc
class A:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("del", self.n)
a = A(1); a.me = a
del a
b = A(2); b.me = b
c = A(3)
gc.collect()
d = A(4)
print("end")
