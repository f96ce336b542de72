/** Converts the engine's AST to the JSON shape make_golden.py writes from CPython's ast module. */
export function toGoldenJson(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, v) => {
      if (typeof v === "bigint") return v.toString();
      if (v instanceof Uint8Array) return Array.from(v);
      if (typeof v === "number" && !Number.isFinite(v)) return Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
      return v;
    }),
  );
}
