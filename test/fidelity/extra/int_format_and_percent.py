for n in [0, 7, -7, 255, 1234567, -1234567, 10**20, 2**64]:
    print(f"{n:,}|{n:_}|{n:x}|{n:#x}|{n:o}|{n:#o}|{n:b}|{n:#b}|{n:X}|{n:10d}|{n:<10}|{n:^10}|{n:>10}|{n:*^12}|{n:+}|{n: }|{n:010}|{n:_x}|{n:e}|{n:.2f}|{n:%}")
print(f"{'abc':>10}|{'abc':<10}|{'abc':^10}|{'abc':*^9}|{'abc':.2}|{'abc'!r:>8}|{3!r}")
print(format(True), format(True, "d"), f"{True:>5}", f"{None!s:>6}", f"{[1,2]!s:>10}")
print("{:>{w}}".format("x", w=5), "{0}{1}{0}".format("a", "b"), "{name}".format(name="n"), "{:08.3f}".format(-3.14159))
print("%5d|%-5d|%05d|%+d|% d|%x|%#x|%#o" % (42, 42, 42, 42, 42, 255, 255, 8))
print("%s and %s" % ("a", [1, 2]), "%(a)s-%(b)d" % {"a": "x", "b": 3}, "%.3s" % "abcdef", "%r" % "q")
print(hex(255), oct(8), bin(5), hex(-255), bin(-5), int("ff", 16), int("0b101", 0), int("  42 "), int("1_000"))
