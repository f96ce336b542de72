class T:
    def __del__(self):
        print("del T")
def gen():
    try:
        yield 1
        yield 2
    finally:
        print("gen finally")
t = T()
g = gen()
next(g)
print("end")
