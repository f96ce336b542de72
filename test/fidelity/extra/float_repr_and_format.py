vals = [0.1, 0.2, 0.1 + 0.2, 1/3, 2/3, 1e16, 1e15, 123456789012345678.0, 1e-4, 1e-5, 0.0001234, -0.0, 0.0, 1.0, 100.0, 1e22, 1e300 * 10, float("inf"), float("-inf"), float("nan"), 5e-324, 1.7976931348623157e308, 2.5, 3.14159, 12345.6789, 1.5e-7]
for v in vals:
    print(repr(v), str(v), f"{v}", f"{v!r}")
for v in vals:
    print(f"{v:.2f}|{v:.0f}|{v:e}|{v:.3e}|{v:g}|{v:.3g}|{v:10.3f}|{v:<10.2f}|{v:^12.4g}|{v:+.1f}|{v:%}|{v:.1%}")
print(f"{3.25:.1f}", f"{2.675:.2f}", round(2.675, 2), round(0.125, 2), round(0.375, 2), round(2.5), round(3.5), round(-2.5), round(1234.5678, -2), round(5.5), round(0.5))
print("%.2f %5.1f %-8.3f| %e %g %G %E %10.4e" % (3.14159, 2.5, 1.0, 12345.678, 0.00001234, 1e20, 1e-10, 3.0))
print("%d %i %s %r %x %o %X %c %%" % (42, -7, 1.5, 'a', 255, 8, 255, 65))
print(format(1234567.891, ","), format(1234567.891, "_.2f"), format(0.5, ".0f"), format(1.5, ".0f"), format(-1.5, ".0f"))
print(format(1e100, "g"), format(1e-100, ".3g"), format(123.456, "015.4f"), format(-123.456, "=+15.2f"), format(42.0, "n"))
print(str(1e16), str(1.0e-4), 1e16 == 10**16, float(10**16), 2.0**53, 2.0**63, float("1e500"))
print(3.0 * 1.1, 0.1 * 3, 1.1 + 2.2, 100 / 7, 7 // 2.0, 7 % 2.5, -7 % 2.5, divmod(7.5, 2), 2 ** -1, 10 ** 0.5)
print(f"{0.1:.20f}", f"{1/3:.17g}", f"{1e16:.0f}", f"{2**0.5:.15f}")
print(float.hex(1.5) if hasattr(float, "hex") else "nohex", (0.1).as_integer_ratio() if hasattr(float, "as_integer_ratio") else "")
print(int(3.9), int(-3.9), float("  1.5 "), float("1_000.5"), 1.5.is_integer(), (2.0).is_integer())
