// The AST optimizer's constant folding (Python/ast_opt.c, simplified): binary and unary operations
// on constants, tuples of constants, and list/set displays used as `in` / `for` operands.
import type * as A from "../parse/ast";

type CV = A.ConstantValue;

const MAX_STR_SIZE = 4096;
const MAX_COLLECTION_SIZE = 256;
const MAX_INT_BITS = 128;

function num(v: CV): number | bigint | null {
  if (v.type === "int") return v.value;
  if (v.type === "bool") return v.value ? 1n : 0n;
  if (v.type === "float") return v.value;
  return null;
}

function mkConst(node: A.Located, value: CV): A.Constant {
  return { kind: "Constant", value, constant_kind: null, lineno: node.lineno, col_offset: node.col_offset, end_lineno: node.end_lineno, end_col_offset: node.end_col_offset };
}

function bitLength(b: bigint): number {
  return (b < 0n ? -b : b).toString(2).length;
}

/** The expression as a constant after folding its operands bottom-up (as ast_opt.c does), or null. */
function folded(e: A.Expr): A.Constant | null {
  if (e.kind === "Constant") return e;
  if (e.kind === "BinOp") return foldBinOp(e);
  if (e.kind === "UnaryOp") return foldUnary(e);
  return null;
}

/** Folds `left op right` when both fold to constants; null when CPython would not fold it. */
export function foldBinOp(e: A.BinOp): A.Constant | null {
  const left = folded(e.left);
  if (left === null) return null;
  const right = folded(e.right);
  if (right === null) return null;
  const l = left.value;
  const r = right.value;
  // str + str has no size limit (ast_opt.c only guards *, **, << and %).
  if (l.type === "str" && r.type === "str" && e.op === "Add") return mkConst(e, { type: "str", value: l.value + r.value });
  if (e.op === "Mult") {
    // safe_multiply: str or bytes times an int, either way round, up to MAX_STR_SIZE.
    const [seq, count] = r.type === "int" ? [l, r] : [r, l];
    if (count.type === "int" && (seq.type === "str" || seq.type === "bytes")) {
      const n = Number(count.value);
      const size = seq.value.length;
      if (size > 0 && (n < 0 || size * n > MAX_STR_SIZE)) return null;
      const times = Math.max(n, 0);
      if (seq.type === "str") return mkConst(e, { type: "str", value: seq.value.repeat(times) });
      const out = new Uint8Array(size * times);
      for (let i = 0; i < times; i++) out.set(seq.value, i * size);
      return mkConst(e, { type: "bytes", value: out });
    }
  }
  // bool & | ^ bool stays a bool (bool_and, bool_or, bool_xor).
  if (l.type === "bool" && r.type === "bool") {
    if (e.op === "BitAnd") return mkConst(e, { type: "bool", value: l.value && r.value });
    if (e.op === "BitOr") return mkConst(e, { type: "bool", value: l.value || r.value });
    if (e.op === "BitXor") return mkConst(e, { type: "bool", value: l.value !== r.value });
  }
  const a = num(l);
  const b = num(r);
  if (a === null || b === null) return null;
  if (typeof a === "bigint" && typeof b === "bigint") {
    let v: bigint;
    switch (e.op) {
      case "Add": v = a + b; break;
      case "Sub": v = a - b; break;
      case "Mult": v = a * b; break;
      case "FloorDiv": if (b === 0n) return null; v = floorDiv(a, b); break;
      case "Mod": if (b === 0n) return null; v = a - floorDiv(a, b) * b; break;
      // safe_power: no folding once bits(a) > MAX_INT_SIZE / b (so 2**100 stays a BINARY_OP).
      case "Pow": if (b < 0n || (a !== 0n && b > 0n && BigInt(bitLength(a)) > BigInt(MAX_INT_BITS) / b)) return null; v = a ** b; break;
      case "LShift": if (b < 0n || b > 128n) return null; v = a << b; break;
      case "RShift": if (b < 0n) return null; v = a >> b; break;
      case "BitAnd": v = a & b; break;
      case "BitOr": v = a | b; break;
      case "BitXor": v = a ^ b; break;
      case "Div": if (b === 0n) return null; return mkConst(e, { type: "float", value: Number(a) / Number(b) });
      default: return null;
    }
    if (bitLength(v) > MAX_INT_BITS) return null;
    return mkConst(e, { type: "int", value: v });
  }
  const x = Number(a);
  const y = Number(b);
  switch (e.op) {
    case "Add": return mkConst(e, { type: "float", value: x + y });
    case "Sub": return mkConst(e, { type: "float", value: x - y });
    case "Mult": return mkConst(e, { type: "float", value: x * y });
    case "Div": return y === 0 ? null : mkConst(e, { type: "float", value: x / y });
    default: return null;
  }
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

export function foldUnary(e: A.UnaryOp): A.Constant | null {
  const operand = folded(e.operand);
  if (operand === null) return null;
  const v = operand.value;
  switch (e.op) {
    case "USub":
      if (v.type === "int") return mkConst(e, { type: "int", value: -v.value });
      if (v.type === "float") return mkConst(e, { type: "float", value: -v.value });
      if (v.type === "bool") return mkConst(e, { type: "int", value: v.value ? -1n : 0n });
      return null;
    case "UAdd":
      if (v.type === "int" || v.type === "float") return mkConst(e, v);
      return null;
    case "Invert":
      if (v.type === "int") return mkConst(e, { type: "int", value: -v.value - 1n });
      return null;
    case "Not":
      return null;
  }
}

/** A constant tuple value: a tuple whose elements are all constants. */
export interface ConstTuple {
  type: "tuple";
  items: (CV | ConstTuple)[];
}

/**
 * A frozenset constant: what CPython makes of a set display of constants where only its members
 * matter (`x in {...}`, `for x in {...}`) or that it copies into a new set (`{1, 2, 3}`).
 */
export interface ConstFrozenset {
  type: "frozenset";
  items: (CV | ConstTuple)[];
}

export function frozensetOfConstants(elts: A.Expr[]): ConstFrozenset | null {
  const t = tupleOfConstants(elts);
  return t === null ? null : { type: "frozenset", items: t.items };
}

export function tupleOfConstants(elts: A.Expr[]): ConstTuple | null {
  if (elts.length > MAX_COLLECTION_SIZE) return null;
  const items: (CV | ConstTuple)[] = [];
  for (const e of elts) {
    // Operands are folded first (ast_opt.c runs before the compiler), so `-1` counts as constant.
    const c = e.kind === "Tuple" ? null : folded(e);
    if (c !== null) items.push(c.value);
    else if (e.kind === "Tuple" && e.ctx === "Load") {
      const inner = tupleOfConstants(e.elts);
      if (!inner) return null;
      items.push(inner);
    } else return null;
  }
  return { type: "tuple", items };
}
