def f():
    try:
        print("try")
        return 1
    finally:
        print("finally")
print(f())
def g():
    try:
        return "try"
    finally:
        return "finally"
print(g())
def h():
    for i in range(3):
        try:
            if i == 1:
                break
        finally:
            print("fin", i)
    return i
print(h())
def k():
    try:
        try:
            raise KeyError("a")
        finally:
            print("inner finally")
    except KeyError as e:
        print("caught", repr(e))
    else:
        print("no")
    finally:
        print("outer finally")
k()
def m():
    try:
        pass
    except Exception:
        print("never")
    else:
        print("else runs")
    finally:
        print("finally runs")
m()
def n():
    try:
        raise ValueError(1)
    except ValueError as e:
        try:
            raise TypeError(2)
        except TypeError as t:
            print(repr(t), repr(t.__context__))
    try:
        e
    except NameError as ne:
        print("NameError:", ne)
n()
x = 0
while True:
    try:
        x += 1
        if x < 3:
            continue
        break
    finally:
        print("while fin", x)
