# 3.13 class bodies store __firstlineno__ (the first decorator's line when decorated) and
# __static_attributes__ (sorted names assigned through `self.` anywhere in the class's own code,
# nested functions included, nested classes keeping theirs); type_new then adds the layout
# descriptors and __doc__ after the body's names.
def deco(c):
    return c

@deco
class A:
    "doc"
    x = 1
    def __init__(this):
        this.not_self = 1
    def m(self):
        self.z = 1
        if False:
            self.b += 1
            del self.d
        self.e, self.f = 1, 2
        for self.loop in ():
            pass
        def inner():
            self.inner_attr = 1
        class Inner:
            def k(self):
                self.k_attr = 1
        return Inner
    @staticmethod
    def s(self):
        self.__private = 1

print(list(A.__dict__))
print(A.__firstlineno__, A.__static_attributes__, A().m().__static_attributes__)

class B:
    __slots__ = ("y", "x")
    def __eq__(self, other):
        return True
print(list(B.__dict__), B.__static_attributes__, B.__dict__["x"], B.x)

class C(B):
    pass
print(list(C.__dict__), C.__firstlineno__)

T = type("T", (), {"a": 1})
print(list(T.__dict__))
