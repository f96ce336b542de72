# Integer operators on small, medium and multi-digit values, in-place forms and bools.
import sys
vals = [0, 1, -7, 256, 257, 2**30 - 1, 2**30, -2**30, 2**40 + 3, -2**62 - 5, 10**20]
ops = ["+", "-", "*", "//", "%", "&", "|", "^", "<<", ">>", "**"]
out = []
for a in vals:
    for b in vals:
        for op in ops:
            if op in ("<<", ">>", "**") and not (0 <= b <= 70):
                continue
            if op in ("//", "%") and b == 0:
                continue
            out.append(eval(f"({a}) {op} ({b})"))
print(len(out), sum(out) % 1000000007)
x = 5
x += 3; x -= 1; x *= 4; x //= 3; x %= 5; x **= 3; x <<= 2; x >>= 1; x &= 0xff; x |= 0x100; x ^= 3
print(x)
print(True + True, True - False, True * 3, -True, True // True)
print(type(True + True).__name__, type(True % True).__name__)
big = 2**40
for i in range(5):
    big += i
print(big, sys.getsizeof(big))
t = 0
for i in range(100000):
    if i % 7 == 3:
        t += i * i
print(t)
print(7 // -2, -7 // 2, 7 % -2, -7 % 2, 2**-1, 10 / 4)
try:
    1 % 0
except ZeroDivisionError as e:
    print(e)
try:
    x = 1
    x //= 0
except ZeroDivisionError as e:
    print(e)
print(3 @ 4 if False else "no matmul")
