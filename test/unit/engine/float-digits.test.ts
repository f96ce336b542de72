// Exact decimal rounding of doubles (half-to-even on the binary value), as CPython formats them.
import { describe, expect, it } from "vitest";
import { exponentForm, fixedDigits, floatHex, floatRatio, generalForm, roundFloat } from "../../../src-main/engine/vm/float-digits";
import { formatFloat, formatInt, floatRepr } from "../../../src-main/engine/vm/format";

describe("float digits", () => {
  it("rounds exact binary ties to even and inexact ones by their true value", () => {
    expect(fixedDigits(3.25, 1)).toBe("3.2");
    expect(fixedDigits(0.125, 2)).toBe("0.12");
    expect(fixedDigits(2.5, 0)).toBe("2");
    expect(fixedDigits(3.5, 0)).toBe("4");
    expect(fixedDigits(2.675, 2)).toBe("2.67"); // 2.67499999...
    expect(fixedDigits(1e22, 2)).toBe("10000000000000000000000.00");
  });
  it("round() returns the double nearest the decimal rounding", () => {
    expect(roundFloat(2.675, 2)).toBe(2.67);
    expect(roundFloat(0.125, 2)).toBe(0.12);
    expect(roundFloat(1234.5678, -2)).toBe(1200);
    expect(Object.is(roundFloat(-0.0, 1), -0)).toBe(true);
  });
  it("formats e and g like CPython", () => {
    expect(exponentForm(12345.678, 6, false)).toBe("1.234568e+04");
    expect(exponentForm(5, 0, true)).toBe("5.e+00");
    expect(generalForm(0.00001234, 6, false)).toBe("1.234e-05");
    expect(generalForm(123.0, 3, false, true)).toBe("1.23e+02");
    expect(generalForm(12.0, 3, false, true)).toBe("12.0");
    expect(generalForm(0, 1, false, true)).toBe("0e+00");
    expect(generalForm(0, 3, false, true)).toBe("0.0");
  });
  it("gives exact ratios and hex", () => {
    expect(floatRatio(0.1)).toEqual([3602879701896397n, 36028797018963968n]);
    expect(floatRatio(-2.5)).toEqual([-5n, 2n]);
    expect(floatHex(1.5)).toBe("0x1.8000000000000p+0");
    expect(floatHex(5e-324)).toBe("0x0.0000000000001p-1022");
  });
  it("format specs: grouping with zero fill, inf/nan, percent", () => {
    expect(formatInt(1234, "010,")).toBe("00,001,234");
    expect(formatInt(255, "010_x")).toBe("0_0000_00ff");
    expect(formatFloat(-1234.5, "010,.1f")).toBe("-001,234.5");
    expect(formatFloat(Infinity, "%")).toBe("inf%");
    expect(formatFloat(NaN, "+.2f")).toBe("+nan");
    expect(formatFloat(1e20, "G")).toBe("1E+20");
    expect(floatRepr(1e16)).toBe("1e+16");
  });
});
