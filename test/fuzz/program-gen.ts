// fast-check arbitraries for Python programs in the subset the engine supports: assignments,
// containers, functions, classes with __del__, reference cycles, generators, del, gc.collect(),
// try/except, loops. Names come from a small pool so programs reuse, rebind and delete the same
// objects (and sometimes use a name that is unbound: a NameError is a fine outcome).
import fc from "fast-check";

const NAMES = ["a", "b", "c", "d"];

/** Defined before every generated program. */
export const PRELUDE = `import gc, sys, weakref
class Node:
    def __init__(self, v):
        self.v = v
        self.next = None
    def __del__(self):
        print("del", type(self.v).__name__)
class Plain:
    pass
def gen(n):
    for i in range(n):
        yield i
def pairs(n):
    for i in range(n):
        yield [i, i]
class Slotted:
    __slots__ = ("x", "y")
class Phoenix:
    def __del__(self):
        global saved
        saved = self
def make_closure(x):
    def inner():
        return x
    return inner
`;

const name = fc.constantFrom(...NAMES);
const smallInt = fc.oneof(fc.integer({ min: -3, max: 20 }), fc.constantFrom(0, 1, 255, 256, 257, 2 ** 31, 10 ** 6));
const strLit = fc.constantFrom('"x"', '""', '"hello"', "'a b'", '"é"');

const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    smallInt.map(String),
    strLit,
    name,
    fc.constant("None"),
    fc.constant("[]"),
    fc.constant("{}"),
    fc.tuple(tie("e"), tie("e")).map(([x, y]) => `[${x}, ${y}]`),
    tie("e").map((x) => `(${x},)`),
    fc.tuple(strLit, tie("e")).map(([k, v]) => `{${k}: ${v}}`),
    tie("e").map((x) => `Node(${x})`),
    fc.constant("Plain()"),
    fc.tuple(tie("e"), tie("e")).map(([x, y]) => `${x} + ${y}`),
    tie("e").map((x) => `len(${x})`),
    name.map((x) => `${x}[0]`),
    name.map((x) => `${x}.next`),
    smallInt.map((n) => `list(gen(${n}))`),
    smallInt.map((n) => `pairs(${n})`),
    smallInt.map((n) => `[[i] for i in range(${n})]`),
    smallInt.map((n) => `{i: [i] for i in range(${n})}`),
    smallInt.map((n) => `sum(i for i in range(${n}))`),
    name.map((x) => `sys.getrefcount(${x})`),
    fc.constant("gc.collect()"),
  ),
})).e;

const simpleStatement: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(name, expr).map(([n, e]) => `${n} = ${e}`),
  fc.tuple(name, expr).map(([n, e]) => `${n}.append(${e})`),
  fc.tuple(name, smallInt, expr).map(([n, i, e]) => `${n}[${i}] = ${e}`),
  fc.tuple(name, expr).map(([n, e]) => `${n}.next = ${e}`),
  fc.tuple(name, name).map(([x, y]) => `${x}.next = ${y}`), // cycles between instances
  name.map((n) => `${n}.append(${n})`), // a list holding itself
  fc.tuple(name, name).map(([x, y]) => `${x} = [${y}]; ${y} = [${x}]`),
  name.map((n) => `del ${n}`),
  fc.tuple(name, smallInt).map(([n, i]) => `del ${n}[${i}]`),
  fc.constant("gc.collect()"),
  fc.constantFrom("gc.disable()", "gc.enable()", "gc.freeze()", "gc.unfreeze()"),
  expr.map((e) => `print(${e})`),
  name.map((n) => `print(sys.getrefcount(${n}))`),
  name.map((n) => `print(gc.is_tracked(${n}))`),
  name.map((n) => `${n} = iter(${n})`),
  name.map((n) => `next(${n})`),
  smallInt.map((n) => `raise ValueError(${n})`),
  fc.constant("pass"),
  // Mutating container methods, slices, copies and unpacking.
  fc.tuple(name, name).map(([x, y]) => `${x}.extend(${y})`),
  fc.tuple(name, name).map(([x, y]) => `${x}.insert(0, ${y})`),
  fc.tuple(name, name).map(([x, y]) => `${x}.remove(${y})`),
  fc.tuple(name, name).map(([x, y]) => `${x}.update(${y})`),
  name.map((n) => `${n}.pop()`),
  name.map((n) => `${n}.clear()`),
  name.map((n) => `${n} = ${n}.copy()`),
  fc.tuple(name, name).map(([x, y]) => `${x}[1:3] = ${y}`),
  name.map((n) => `del ${n}[:]`),
  fc.tuple(name, name, name).map(([x, y, z]) => `${x} = [*${y}, *${z}]`),
  fc.tuple(name, name).map(([x, y]) => `${x} = {**${y}}`),
  fc.tuple(name, name).map(([x, y]) => `${x}, ${y} = ${y}, ${x}`),
  name.map((n) => `${n} = sorted(${n})`),
  // Slots, class attributes, closures, weak references, resurrection.
  fc.tuple(name, name).map(([x, y]) => `${x} = Slotted(); ${x}.x = ${y}`),
  fc.tuple(name, name).map(([x, y]) => `${x}.y = ${y}`),
  name.map((n) => `Node.shared = ${n}`),
  fc.tuple(name, name).map(([x, y]) => `${x} = make_closure(${y})`),
  name.map((n) => `print(${n}())`),
  fc.tuple(name, name).map(([x, y]) => `${x} = weakref.ref(${y})`),
  fc.tuple(name, name).map(([x, y]) => `${x} = weakref.WeakValueDictionary(); ${x}['k'] = ${y}`),
  name.map((n) => `${n} = Phoenix()`),
  fc.constant("saved = None"),
  // An exception kept after its handler: it holds its traceback and the frames' locals.
  fc.tuple(name, name).map(([x, y]) => `try:\n    raise ValueError(${y})\nexcept ValueError as e:\n    ${x} = e`),
  name.map((n) => `print(len(gc.get_referrers(${n})))`),
  name.map((n) => `print(len(gc.get_referents(${n})))`),
);

type Block = string[];
const indent = (lines: Block): Block => lines.map((l) => `    ${l}`);

function statements(depth: number): fc.Arbitrary<Block> {
  const simple = simpleStatement.map((s) => [s]);
  if (depth <= 0) return simple;
  const body = fc.array(fc.oneof(simple, fc.constant(null).chain(() => statements(depth - 1))), { minLength: 1, maxLength: 4 }).map((blocks) => blocks.flat());
  return fc.oneof(
    { weight: 6, arbitrary: simple },
    {
      weight: 1,
      arbitrary: fc.tuple(body, body).map(([t, h]) => ["try:", ...indent(t), "except Exception as e:", ...indent(["print(type(e).__name__)", ...h])]),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(body, body).map(([t, f]) => ["try:", ...indent(t), "finally:", ...indent(f)]),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(smallInt, body).map(([n, b]) => [`for _ in range(${n}):`, ...indent(b)]),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(name, body, body).map(([n, t, f]) => [`if ${n}:`, ...indent(t), "else:", ...indent(f)]),
    },
    {
      // A function that works on globals and locals, called at once (maybe recursively).
      weight: 1,
      arbitrary: fc.tuple(fc.integer({ min: 0, max: 3 }), body, fc.boolean()).map(([k, b, recurse]) => [
        `def f${k}(x, depth=0):`,
        ...indent(["global a, b", ...b, ...(recurse ? [`if depth < 50: f${k}(x, depth + 1)`] : []), "return x"]),
        `a = f${k}(a if "a" in globals() else None)`,
      ]),
    },
    {
      // A generator function, partly consumed, then dropped or closed.
      weight: 1,
      arbitrary: fc.tuple(body, fc.constantFrom("next(g)", "g.close()", "list(g)", "del g", "g = None")).map(([b, use]) => [
        "def g_fn(x):",
        ...indent(["local = [x]", "yield local", ...b, "yield x"]),
        "g = g_fn(a if 'a' in globals() else 0)",
        "next(g)",
        use,
      ]),
    },
    {
      // A class whose instances form a cycle through their dicts and have a finalizer.
      weight: 1,
      arbitrary: body.map((b) => [
        "class Cyc:",
        ...indent(["def __init__(self):", "    self.me = self", "def __del__(self):", "    print('Cyc del')"]),
        "c = Cyc()",
        ...b,
      ]),
    },
  );
}

/** A whole program: the prelude and 1..15 statements (nested up to two levels). */
export const programArbitrary: fc.Arbitrary<string> = fc
  .array(statements(2), { minLength: 1, maxLength: 15 })
  .map((blocks) => PRELUDE + blocks.flat().join("\n") + "\n");

/**
 * Sizes at the edges: negative, zero, just big, and far beyond any heap. Kept out of the CI
 * property (a V8 fatal error takes the whole test process down); the campaign runs programs in a
 * child process, so it records such a crash and goes on.
 */
const edgeSize = fc.constantFrom("-1", "0", "3", "10**6", "2**31", "10**10", "2**62", "2**63", "10**20");
const sizedStatement: fc.Arbitrary<string> = fc.oneof(
  edgeSize.map((n) => `a = [0] * ${n}`),
  edgeSize.map((n) => `a = [0, 1] * ${n}`),
  edgeSize.map((n) => `a = (1,) * ${n}`),
  edgeSize.map((n) => `a = 'ab' * ${n}`),
  edgeSize.map((n) => `a = b'x' * ${n}`),
  edgeSize.map((n) => `a = bytes(${n})`),
  edgeSize.map((n) => `a = bytearray(${n})`),
  edgeSize.map((n) => `a = 'x'.ljust(${n})`),
  edgeSize.map((n) => `a = list(range(${n}))`),
  edgeSize.map((n) => `a = len(range(${n}))`),
  edgeSize.map((n) => `a = '{:>${n.replace(/\*\*/g, "")}}'.format(1)`),
  edgeSize.map((n) => `a = [None] * 3; a *= ${n}`),
  edgeSize.map((n) => `a = str(10 ** ${n})`),
);

/** Programs that also try edge sizes (for the campaign, which survives a crashed engine). */
export const programWithSizesArbitrary: fc.Arbitrary<string> = fc
  .tuple(fc.array(statements(1), { minLength: 0, maxLength: 6 }), fc.array(sizedStatement.map((s) => ["try:", `    ${s}`, "except Exception as e:", "    print(type(e).__name__, e)"]), { minLength: 1, maxLength: 3 }))
  .map(([blocks, sized]) => PRELUDE + [...blocks, ...sized].flat().join("\n") + "\n");
