// math: the common functions and constants, with CPython's error texts ("math domain error",
// "math range error", "must be real number, not str").
import { PyObject } from "../objects/object";
import { PyModule } from "../objects/module";
import { PyFloat, newFloat } from "../objects/float";
import { PyInt, newInt, pyBool, normInt, type IntValue } from "../objects/int";
import { nativeModule } from "./util";
import { typeError, valueError, overflowError } from "../vm/errors";
import { collect } from "../vm/builtin-new";
import { decref } from "../objects/object";

/** PyFloat_AsDouble: int or float, else TypeError. */
function real(o: PyObject): number {
  if (o instanceof PyFloat) return o.value;
  if (o instanceof PyInt) return Number(o.value);
  typeError(`must be real number, not ${o.type.name}`);
}

function integer(o: PyObject): bigint {
  if (o instanceof PyInt) return BigInt(o.value);
  typeError(`'${o.type.name}' object cannot be interpreted as an integer`);
}

const int = (v: bigint | number): PyInt => newInt(normInt(typeof v === "number" ? v : (v as IntValue)));

/** A float result: NaN from a finite input is a domain error, infinity a range error. */
function checked(x: number[], r: number): PyFloat {
  const finiteIn = x.every(Number.isFinite);
  if (Number.isNaN(r) && finiteIn) valueError("math domain error");
  if (!Number.isFinite(r) && !Number.isNaN(r) && finiteIn) overflowError("math range error");
  return newFloat(r);
}

const unary = (fn: (x: number) => number) => (_s: PyObject, args: PyObject[]) => {
  const x = real(args[0]);
  return checked([x], fn(x));
};

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function floorOrCeil(o: PyObject, f: (x: number) => number): PyObject {
  if (o instanceof PyInt) return int(BigInt(o.value));
  const x = real(o);
  if (Number.isNaN(x)) valueError("cannot convert float NaN to integer");
  if (!Number.isFinite(x)) overflowError("cannot convert float infinity to integer");
  return int(BigInt(f(x)));
}

export function makeMathModule(): PyModule {
  return nativeModule("math", {
    pi: newFloat(Math.PI),
    e: newFloat(Math.E),
    tau: newFloat(2 * Math.PI),
    inf: newFloat(Infinity),
    nan: newFloat(NaN),
    sqrt: unary(Math.sqrt),
    exp: unary(Math.exp),
    sin: unary(Math.sin),
    cos: unary(Math.cos),
    tan: unary(Math.tan),
    asin: unary(Math.asin),
    acos: unary(Math.acos),
    atan: unary(Math.atan),
    fabs: unary(Math.abs),
    log2: unary((x) => (x <= 0 ? NaN : Math.log2(x))),
    log10: unary((x) => (x <= 0 ? NaN : Math.log10(x))),
    degrees: unary((x) => (x * 180) / Math.PI),
    radians: unary((x) => (x * Math.PI) / 180),
    atan2(_s, args) {
      return newFloat(Math.atan2(real(args[0]), real(args[1])));
    },
    log(_s, args) {
      const x = real(args[0]);
      if (x <= 0) valueError("math domain error");
      if (args.length > 1) {
        const b = real(args[1]);
        if (b <= 0) valueError("math domain error");
        return newFloat(Math.log(x) / Math.log(b));
      }
      return newFloat(Math.log(x));
    },
    pow(_s, args) {
      const x = real(args[0]);
      const y = real(args[1]);
      return checked([x, y], Math.pow(x, y));
    },
    hypot(_s, args) {
      return newFloat(Math.hypot(...args.map(real)));
    },
    copysign(_s, args) {
      const x = Math.abs(real(args[0]));
      const y = real(args[1]);
      return newFloat(y < 0 || Object.is(y, -0) ? -x : x);
    },
    floor(_s, args) {
      return floorOrCeil(args[0], Math.floor);
    },
    ceil(_s, args) {
      return floorOrCeil(args[0], Math.ceil);
    },
    trunc(_s, args) {
      return floorOrCeil(args[0], Math.trunc);
    },
    isnan(_s, args) {
      return pyBool(Number.isNaN(real(args[0])));
    },
    isinf(_s, args) {
      const x = real(args[0]);
      return pyBool(x === Infinity || x === -Infinity);
    },
    isfinite(_s, args) {
      return pyBool(Number.isFinite(real(args[0])));
    },
    isclose(_s, args, kwnames) {
      const a = real(args[0]);
      const b = real(args[1]);
      const kw = (name: string, d: number): number => {
        const i = kwnames ? kwnames.indexOf(name) : -1;
        return i < 0 ? d : real(args[args.length - kwnames!.length + i]);
      };
      const rel = kw("rel_tol", 1e-9);
      const abs = kw("abs_tol", 0);
      if (a === b) return pyBool(true);
      if (!Number.isFinite(a) || !Number.isFinite(b)) return pyBool(false);
      const diff = Math.abs(b - a);
      return pyBool(diff <= Math.abs(rel * b) || diff <= Math.abs(rel * a) || diff <= abs);
    },
    gcd(_s, args) {
      return int(args.map(integer).reduce((a, b) => gcd(a, b), 0n));
    },
    lcm(_s, args) {
      return int(args.map(integer).reduce((a, b) => (a === 0n || b === 0n ? 0n : (a * b < 0n ? -(a * b) : a * b) / gcd(a, b)), 1n));
    },
    factorial(_s, args) {
      const n = integer(args[0]);
      if (n < 0n) valueError("factorial() not defined for negative values");
      let r = 1n;
      for (let i = 2n; i <= n; i++) r *= i;
      return int(r);
    },
    isqrt(_s, args) {
      const n = integer(args[0]);
      if (n < 0n) valueError("isqrt() argument must be nonnegative");
      let x = BigInt(Math.floor(Math.sqrt(Number(n))));
      while (x * x > n) x--;
      while ((x + 1n) * (x + 1n) <= n) x++;
      return int(x);
    },
    comb(_s, args) {
      const n = integer(args[0]);
      const k = integer(args[1]);
      if (n < 0n || k < 0n) valueError(n < 0n ? "n must be a non-negative integer" : "k must be a non-negative integer");
      if (k > n) return int(0n);
      let r = 1n;
      for (let i = 1n; i <= k; i++) r = (r * (n - k + i)) / i;
      return int(r);
    },
    perm(_s, args) {
      const n = integer(args[0]);
      const k = args.length > 1 ? integer(args[1]) : n;
      if (n < 0n || k < 0n) valueError(n < 0n ? "n must be a non-negative integer" : "k must be a non-negative integer");
      if (k > n) return int(0n);
      let r = 1n;
      for (let i = 0n; i < k; i++) r *= n - i;
      return int(r);
    },
    prod(_s, args) {
      const items = collect(args[0]);
      try {
        if (items.every((x) => x instanceof PyInt)) return int(items.reduce((a, x) => a * BigInt((x as PyInt).value), 1n));
        return newFloat(items.reduce((a, x) => a * real(x), 1));
      } finally {
        for (const x of items) decref(x);
      }
    },
    fsum(_s, args) {
      // Exact sum of the doubles, rounded once (Shewchuk's partials, as math.fsum).
      const items = collect(args[0]);
      const partials: number[] = [];
      try {
        for (const o of items) {
          let x = real(o);
          let i = 0;
          for (const p0 of partials) {
            let y = p0;
            if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
            const hi = x + y;
            const lo = y - (hi - x);
            if (lo !== 0) partials[i++] = lo;
            x = hi;
          }
          partials.length = i;
          partials.push(x);
        }
      } finally {
        for (const x of items) decref(x);
      }
      return newFloat(partials.reduce((a, b) => a + b, 0));
    },
  });
}
