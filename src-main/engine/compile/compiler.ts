// AST -> code objects with CPython-3.13-like bytecode. One Compiler per compilation unit
// (a module, an exec/eval string); one CodeUnit per function, class body, lambda, genexpr or
// non-inlined comprehension. Follows Python/compile.c's structure and names where it helps.
import { checkCaller, checkIndex, checkSubscripter, type CompilerWarning } from "./warnings";
import type * as A from "../parse/ast";
import { Op, BinOp as NB, CmpOp, MAKE_CLOSURE, MAKE_DEFAULTS, MAKE_KWDEFAULTS, stackEffect, INTRINSIC_STOPITERATION_ERROR, INTRINSIC_UNARY_POSITIVE } from "./opcodes";
import { Resolution, Scope, SymbolTable } from "./symtable";
import { ConstCache, type ConstValue } from "./consts";
import { foldBinOp, foldUnary, frozensetOfConstants, tupleOfConstants } from "./fold";
import { CO_GENERATOR, CO_NESTED, CO_NEWLOCALS, CO_OPTIMIZED, CO_VARARGS, CO_VARKEYWORDS, newCode, type Position, PyCode } from "../objects/code";
import { internString, PyStr } from "../objects/str";
import { cleanDoc } from "./cleandoc";
import type { PyObject } from "../objects/object";

export class CompileError extends Error {
  constructor(message: string, readonly lineno: number, readonly col: number) {
    super(message);
  }
}

interface Label {
  target: number;
}

interface Instr {
  op: Op;
  arg: number;
  label: Label | null;
  pos: Position;
}

const enum FB {
  WhileLoop,
  ForLoop,
  TryExcept,
  FinallyTry,
  FinallyEnd,
  With,
  HandlerCleanup,
  ExceptionHandler,
  PopValue,
}

interface FBlock {
  type: FB;
  start: Label | null;
  exit: Label | null;
  /** FinallyTry: the finally body to inline. HandlerCleanup: the bound name. */
  finalbody?: A.Stmt[];
  name?: string | null;
}

const AUG_OPS: Record<A.Operator, NB> = {
  Add: NB.INPLACE_ADD, Sub: NB.INPLACE_SUBTRACT, Mult: NB.INPLACE_MULTIPLY, MatMult: NB.INPLACE_MATRIX_MULTIPLY,
  Div: NB.INPLACE_TRUE_DIVIDE, Mod: NB.INPLACE_REMAINDER, Pow: NB.INPLACE_POWER, LShift: NB.INPLACE_LSHIFT,
  RShift: NB.INPLACE_RSHIFT, BitOr: NB.INPLACE_OR, BitXor: NB.INPLACE_XOR, BitAnd: NB.INPLACE_AND,
  FloorDiv: NB.INPLACE_FLOOR_DIVIDE,
};
const BIN_OPS: Record<A.Operator, NB> = {
  Add: NB.ADD, Sub: NB.SUBTRACT, Mult: NB.MULTIPLY, MatMult: NB.MATRIX_MULTIPLY, Div: NB.TRUE_DIVIDE,
  Mod: NB.REMAINDER, Pow: NB.POWER, LShift: NB.LSHIFT, RShift: NB.RSHIFT, BitOr: NB.OR, BitXor: NB.XOR,
  BitAnd: NB.AND, FloorDiv: NB.FLOOR_DIVIDE,
};
const CMP_OPS: Partial<Record<A.CmpOperator, CmpOp>> = { Lt: CmpOp.LT, LtE: CmpOp.LE, Eq: CmpOp.EQ, NotEq: CmpOp.NE, Gt: CmpOp.GT, GtE: CmpOp.GE };

/** One code object under construction. */
class CodeUnit {
  readonly instrs: Instr[] = [];
  readonly consts: PyObject[] = [];
  readonly constIndex = new Map<PyObject, number>();
  readonly names: string[] = [];
  readonly nameIndex = new Map<string, number>();
  readonly localsplus: string[] = [];
  readonly localIndex = new Map<string, number>();
  nlocals = 0;
  ncells = 0;
  nfrees = 0;
  readonly fblocks: FBlock[] = [];
  pos: Position;
  /** A class body's u_static_attributes: the X of every `self.X = ...` in code nested in it. */
  readonly staticAttributes: Set<string> | null;
  argcount = 0;
  posonlyargcount = 0;
  kwonlyargcount = 0;
  constructor(readonly scope: Scope, readonly name: string, readonly qualname: string, firstlineno: number) {
    this.pos = { lineno: firstlineno, endLineno: firstlineno, col: -1, endCol: -1 };
    this.staticAttributes = scope.kind === "class" ? new Set() : null;
    const fast = scope.kind === "function" || (scope.kind === "comprehension" && !scope.inlined) || scope.kind === "module" || scope.kind === "class";
    if (fast) for (const n of scope.varnames) this.addLocal(n);
    this.nlocals = this.localsplus.length;
    const cells = [...scope.cells].sort();
    for (const c of cells) {
      if (this.localIndex.has(c)) continue; // a parameter/local that is also a cell keeps its slot
      this.addLocal(c);
      this.ncells++;
    }
    for (const f of [...scope.frees].sort()) {
      if (this.localIndex.has(f)) continue;
      this.addLocal(f);
      this.nfrees++;
    }
  }
  private addLocal(n: string): void {
    this.localIndex.set(n, this.localsplus.length);
    this.localsplus.push(n);
  }
}

export interface CompileOptions {
  filename: string;
  /** "exec" (module / exec string), "eval" (an expression), "single" unused. */
  mode: "exec" | "eval";
}

export class Compiler {
  readonly consts = new ConstCache();
  private u!: CodeUnit;
  /** The inlined comprehension being compiled into this.u (PEP 709): its names resolve in it. */
  private inlinedScope: Scope | null = null;
  private readonly stack: CodeUnit[] = [];
  private table!: SymbolTable;
  /** SyntaxWarnings found while compiling, in the order CPython's compiler reports them. */
  readonly warnings: CompilerWarning[] = [];

  constructor(private readonly options: CompileOptions) {}

  private warn(w: CompilerWarning | null): void {
    if (w !== null) this.warnings.push(w);
  }

  compileModule(mod: A.Module): PyCode {
    this.table = new SymbolTable(mod);
    this.enter(this.table.top, "<module>", "<module>", 1);
    this.emit(Op.RESUME, 0);
    if (this.options.mode === "eval") {
      const body = mod.body[0];
      if (!body || body.kind !== "Expr") throw new CompileError("eval expects an expression", 1, 0);
      this.setPos(body.value);
      this.expr(body.value);
      this.emit(Op.RETURN_VALUE, 0);
    } else {
      this.stmts(this.storeDocstring(mod.body));
      this.u.pos = { ...this.u.pos, col: -1, endCol: -1 };
      this.emitConst({ type: "None" }, Op.RETURN_CONST);
    }
    return this.leave(0);
  }

  // -------------------------------------------------------------------------------------------
  // Units and emission

  private enter(scope: Scope, name: string, qualname: string, firstlineno: number): void {
    if (this.u) this.stack.push(this.u);
    this.u = new CodeUnit(scope, name, qualname, firstlineno);
  }

  /** get_class_compiler_unit: the nearest enclosing class body (not the current unit) records it. */
  private recordStaticAttribute(attr: string): void {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const attributes = this.stack[i].staticAttributes;
      if (attributes !== null) {
        attributes.add(attr);
        return;
      }
    }
  }

  private leave(flags: number): PyCode {
    const u = this.u;
    const code = this.assemble(u, flags);
    this.u = this.stack.pop()!;
    return code;
  }

  private setPos(node: A.Located): void {
    this.u.pos = { lineno: node.lineno, endLineno: node.end_lineno, col: node.col_offset, endCol: node.end_col_offset };
  }

  private emit(op: Op, arg: number): void {
    this.u.instrs.push({ op, arg, label: null, pos: this.u.pos });
  }

  private emitJump(op: Op, label: Label): void {
    this.u.instrs.push({ op, arg: 0, label, pos: this.u.pos });
  }

  private newLabel(): Label {
    return { target: -1 };
  }

  private bindLabel(l: Label): void {
    l.target = this.u.instrs.length;
  }

  private constIndex(o: PyObject): number {
    const u = this.u;
    const existing = u.constIndex.get(o);
    if (existing !== undefined) {
      o.refcnt--; // the unit already holds a reference
      return existing;
    }
    u.consts.push(o);
    u.constIndex.set(o, u.consts.length - 1);
    return u.consts.length - 1;
  }

  private emitConst(v: ConstValue, op: Op = Op.LOAD_CONST): void {
    this.emit(op, this.constIndex(this.consts.get(v)));
  }

  private emitConstObj(o: PyObject): void {
    this.emit(Op.LOAD_CONST, this.constIndex(o));
  }

  /**
   * compiler_body, for a module or a class: a docstring is stored as __doc__, cleaned. Returns the
   * statements that follow it.
   */
  private storeDocstring(body: A.Stmt[]): A.Stmt[] {
    if (!isDocstring(body[0])) return body;
    this.setPos(body[0]);
    this.emitConst(docstringOf(body[0]));
    this.emit(Op.STORE_NAME, this.nameIdx("__doc__"));
    return body.slice(1);
  }

  private nameIdx(name: string): number {
    const u = this.u;
    let i = u.nameIndex.get(name);
    if (i === undefined) {
      i = u.names.length;
      u.names.push(name);
      u.nameIndex.set(name, i);
    }
    return i;
  }

  // -------------------------------------------------------------------------------------------
  // Assembly: labels -> indices, stack depth, line table

  private assemble(u: CodeUnit, extraFlags: number): PyCode {
    const instrs = u.instrs;
    const n = instrs.length;
    const code = new Int32Array(n * 2);
    const lines = new Int32Array(n);
    const lineStarts = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const ins = instrs[i];
      code[2 * i] = ins.op;
      code[2 * i + 1] = ins.label ? ins.label.target : ins.arg;
      lines[i] = ins.pos.lineno;
    }
    // A line event fires at the first instruction of each run of a line and at jump targets.
    let prevLine = -1;
    const targets = new Set<number>();
    for (const ins of instrs) if (ins.label && (ins.op === Op.JUMP_BACKWARD)) targets.add(ins.label.target);
    for (let i = 0; i < n; i++) {
      const op = instrs[i].op;
      if (op === Op.RESUME && i === 0) continue;
      if (lines[i] !== prevLine || targets.has(i)) lineStarts[i] = 1;
      prevLine = lines[i];
    }
    const c = newCode();
    c.code = code;
    c.lines = lines;
    c.lineStarts = lineStarts;
    c.positions = instrs.map((i) => i.pos);
    c.consts = u.consts;
    c.names = u.names;
    c.nameObjs = u.names.map((s) => internString(s));
    c.localsplusNames = u.localsplus;
    c.nlocals = u.nlocals;
    c.ncells = u.ncells;
    c.nfrees = u.nfrees;
    c.cell2arg = [];
    const localCells = u.localsplus.slice(0, u.nlocals).filter((n) => u.scope.cells.has(n) && !u.scope.inlined);
    c.cellvarsSet = localCells.length > 0 ? new Set(localCells) : undefined;
    c.startPc = Math.max(0, instrs.findIndex((i) => i.op === Op.RESUME));
    c.argcount = u.argcount;
    c.posonlyargcount = u.posonlyargcount;
    c.kwonlyargcount = u.kwonlyargcount;
    c.name = u.name;
    c.qualname = u.qualname;
    c.nameObj = internString(u.name);
    c.qualnameObj = internString(u.qualname);
    c.filename = this.options.filename;
    c.firstlineno = instrs.length > 0 ? u.instrs[0].pos.lineno : 1;
    const scope = u.scope;
    let flags = extraFlags;
    if (scope.kind === "function" || (scope.kind === "comprehension" && !scope.inlined)) flags |= CO_OPTIMIZED | CO_NEWLOCALS;
    if (scope.isGenerator && !scope.inlined) flags |= CO_GENERATOR;
    if (scope.hasVarargs) flags |= CO_VARARGS;
    if (scope.hasVarkw) flags |= CO_VARKEYWORDS;
    if (scope.parent && scope.parent.kind !== "module") flags |= CO_NESTED;
    c.flags = flags;
    c.stacksize = this.stackDepth(instrs);
    if (flags & CO_GENERATOR) c.stacksize = Math.max(c.stacksize, 2);
    return c;
  }

  private stackDepth(instrs: Instr[]): number {
    const n = instrs.length;
    const depth = new Int32Array(n + 1).fill(-1);
    const work: number[] = [0];
    depth[0] = 0;
    let max = 0;
    while (work.length > 0) {
      let i = work.pop()!;
      let d = depth[i];
      while (i < n) {
        const ins = instrs[i];
        if (ins.label) {
          const jd = d + stackEffect(ins.op, ins.arg, true);
          const t = ins.label.target;
          if (jd > max) max = jd;
          if (depth[t] < jd) {
            depth[t] = jd;
            work.push(t);
          }
        }
        const op = ins.op;
        d += stackEffect(op, ins.arg, false);
        if (d > max) max = d;
        if (op === Op.RETURN_VALUE || op === Op.RETURN_CONST || op === Op.RERAISE || op === Op.RAISE_VARARGS || op === Op.JUMP_FORWARD || op === Op.JUMP_BACKWARD) break;
        i++;
        if (i < n && depth[i] >= d) break;
        if (i < n) depth[i] = d;
      }
    }
    return max;
  }

  // -------------------------------------------------------------------------------------------
  // Names

  private nameOp(name: string, ctx: A.ExprContext): void {
    const scope = this.inlinedScope ?? this.u.scope;
    const res = scope.resolve(name);
    const u = this.u;
    switch (res) {
      case Resolution.Fast: {
        const idx = u.localIndex.get(name);
        if (idx === undefined) throw new Error(`no local slot for ${name}`);
        this.emit(ctx === "Load" ? Op.LOAD_FAST : ctx === "Store" ? Op.STORE_FAST : Op.DELETE_FAST, idx);
        return;
      }
      case Resolution.Cell:
      case Resolution.Free: {
        const idx = u.localIndex.get(name);
        if (idx === undefined) throw new Error(`no cell slot for ${name}`);
        if (ctx === "Load" && u.scope.kind === "class" && res === Resolution.Free) {
          // class bodies look in the namespace first (LOAD_FROM_DICT_OR_DEREF); approximate.
          this.emit(Op.LOAD_DEREF, idx);
          return;
        }
        this.emit(ctx === "Load" ? Op.LOAD_DEREF : ctx === "Store" ? Op.STORE_DEREF : Op.DELETE_DEREF, idx);
        return;
      }
      case Resolution.GlobalExplicit:
      case Resolution.GlobalImplicit: {
        const idx = this.nameIdx(name);
        if (ctx === "Load") {
          const codeKind = u.scope.codeScope.kind;
          // A class body's inlined comprehension cannot see the class namespace: LOAD_GLOBAL.
          const byName = codeKind === "module" || (codeKind === "class" && this.inlinedScope === null);
          if (res === Resolution.GlobalImplicit && byName) this.emit(Op.LOAD_NAME, idx);
          else this.emit(Op.LOAD_GLOBAL, idx << 1);
        } else this.emit(ctx === "Store" ? Op.STORE_GLOBAL : Op.DELETE_GLOBAL, idx);
        return;
      }
      case Resolution.Name: {
        const idx = this.nameIdx(name);
        this.emit(ctx === "Load" ? Op.LOAD_NAME : ctx === "Store" ? Op.STORE_NAME : Op.DELETE_NAME, idx);
        return;
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Statements

  private stmts(body: A.Stmt[]): void {
    for (const s of body) this.stmt(s);
  }

  private stmt(s: A.Stmt): void {
    this.setPos(s);
    switch (s.kind) {
      case "FunctionDef":
      case "AsyncFunctionDef":
        return this.functionDef(s);
      case "ClassDef":
        return this.classDef(s);
      case "Return": {
        if (!this.u.scope.isFunctionLike()) throw new CompileError("'return' outside function", s.lineno, s.col_offset);
        const preserve = s.value !== null && s.value.kind !== "Constant";
        if (s.value) {
          if (s.value.kind === "Constant") {
            this.unwindAll(false);
            this.setPos(s);
            this.emitConst(s.value.value, Op.RETURN_CONST);
            return;
          }
          this.expr(s.value);
        }
        this.unwindAll(preserve);
        this.setPos(s);
        if (s.value) this.emit(Op.RETURN_VALUE, 0);
        else this.emitConst({ type: "None" }, Op.RETURN_CONST);
        return;
      }
      case "Delete":
        for (const t of s.targets) this.deleteTarget(t);
        return;
      case "Assign": {
        this.expr(s.value);
        s.targets.forEach((t, i) => {
          if (i < s.targets.length - 1) this.emit(Op.COPY, 1);
          this.assignTarget(t);
        });
        return;
      }
      case "AugAssign":
        return this.augAssign(s);
      case "AnnAssign":
        if (s.value) {
          this.expr(s.value);
          this.assignTarget(s.target);
        }
        return;
      case "For":
        return this.forStmt(s);
      case "While":
        return this.whileStmt(s);
      case "If": {
        const end = this.newLabel();
        const orelse = s.orelse.length > 0 ? this.newLabel() : end;
        this.jumpIf(s.test, false, orelse);
        this.stmts(s.body);
        if (s.orelse.length > 0) {
          this.emitJump(Op.JUMP_FORWARD, end);
          this.bindLabel(orelse);
          this.stmts(s.orelse);
        }
        this.bindLabel(end);
        return;
      }
      case "With":
        return this.withStmt(s, 0);
      case "Raise":
        if (s.exc) {
          this.expr(s.exc);
          if (s.cause) {
            this.expr(s.cause);
            this.setPos(s);
            this.emit(Op.RAISE_VARARGS, 2);
          } else {
            this.setPos(s);
            this.emit(Op.RAISE_VARARGS, 1);
          }
        } else this.emit(Op.RAISE_VARARGS, 0);
        return;
      case "Try":
        if (s.finalbody.length > 0) return this.tryFinally(s);
        return this.tryExcept(s);
      case "Assert": {
        const end = this.newLabel();
        this.jumpIf(s.test, true, end);
        this.setPos(s);
        this.emit(Op.LOAD_ASSERTION_ERROR, 0);
        if (s.msg) {
          this.expr(s.msg);
          this.emit(Op.CALL, 0);
        }
        // compiler_assert: the raise is located at the test (the traceback underlines it).
        this.setPos(s.test);
        this.emit(Op.RAISE_VARARGS, 1);
        this.bindLabel(end);
        return;
      }
      case "Import":
        for (const a of s.names) {
          this.emitConst({ type: "int", value: 0n });
          this.emitConst({ type: "None" });
          this.emit(Op.IMPORT_NAME, this.nameIdx(a.name));
          if (a.asname) {
            const parts = a.name.split(".");
            for (let i = 1; i < parts.length; i++) {
              this.emit(Op.IMPORT_FROM, this.nameIdx(parts[i]));
              this.emit(Op.SWAP, 2);
              this.emit(Op.POP_TOP, 0);
            }
            this.nameOp(a.asname, "Store");
          } else this.nameOp(a.name.split(".")[0], "Store");
        }
        return;
      case "ImportFrom": {
        this.emitConst({ type: "int", value: BigInt(s.level) });
        const names = tupleOfConstants(s.names.map((a) => ({ kind: "Constant", value: { type: "str", value: a.name }, constant_kind: null, lineno: 0, col_offset: 0, end_lineno: 0, end_col_offset: 0 }) as A.Constant));
        this.emitConst(names!);
        this.emit(Op.IMPORT_NAME, this.nameIdx(s.module ?? ""));
        for (const a of s.names) {
          if (a.name === "*") throw new CompileError("import * is not supported", s.lineno, s.col_offset);
          this.emit(Op.IMPORT_FROM, this.nameIdx(a.name));
          this.nameOp(a.asname ?? a.name, "Store");
        }
        this.emit(Op.POP_TOP, 0);
        return;
      }
      case "Global":
      case "Nonlocal":
      case "Pass":
        return;
      case "Expr": {
        if (s.value.kind === "Constant") return;
        this.expr(s.value);
        this.emit(Op.POP_TOP, 0);
        return;
      }
      case "Break": {
        const loop = this.unwindToLoop(s, "'break' outside loop");
        this.setPos(s);
        if (loop.type === FB.ForLoop) this.emit(Op.POP_TOP, 0);
        this.emitJump(Op.JUMP_FORWARD, loop.exit!);
        return;
      }
      case "Continue": {
        const loop = this.unwindToLoop(s, "'continue' not properly in loop");
        this.setPos(s);
        this.emitJump(Op.JUMP_BACKWARD, loop.start!);
        return;
      }
      case "AsyncFor":
      case "AsyncWith":
      case "Match":
      case "TryStar":
      case "TypeAlias":
        throw new CompileError(`${s.kind} is not supported by this engine`, s.lineno, s.col_offset);
    }
  }

  /** Unwinds blocks up to the innermost loop for break/continue; returns that loop block. */
  private unwindToLoop(s: A.Located, message: string): FBlock {
    const blocks = this.u.fblocks;
    for (let i = blocks.length - 1; i >= 0; i--) {
      const b = blocks[i];
      if (b.type === FB.WhileLoop || b.type === FB.ForLoop) return b;
      this.unwindBlock(b, false, i);
    }
    throw new CompileError(message, s.lineno, s.col_offset);
  }

  private unwindAll(preserveTos: boolean): void {
    const blocks = this.u.fblocks;
    for (let i = blocks.length - 1; i >= 0; i--) {
      const b = blocks[i];
      if (b.type === FB.ForLoop) {
        if (preserveTos) this.emit(Op.SWAP, 2);
        this.emit(Op.POP_TOP, 0);
        continue;
      }
      this.unwindBlock(b, preserveTos, i);
    }
  }

  /** Emits the code that leaves block b (compiler_unwind_fblock). */
  private unwindBlock(b: FBlock, preserveTos: boolean, index: number): void {
    switch (b.type) {
      case FB.WhileLoop:
      case FB.ExceptionHandler:
        return;
      case FB.ForLoop:
        this.emit(Op.POP_TOP, 0);
        return;
      case FB.TryExcept:
        this.emit(Op.POP_BLOCK, 0);
        return;
      case FB.FinallyTry: {
        this.emit(Op.POP_BLOCK, 0);
        // The finally body runs with the blocks outside it.
        const saved = this.u.fblocks.splice(index);
        this.stmts(b.finalbody!);
        this.u.fblocks.push(...saved);
        return;
      }
      case FB.FinallyEnd:
        if (preserveTos) this.emit(Op.SWAP, 2);
        this.emit(Op.POP_TOP, 0); // exc
        this.emit(Op.POP_BLOCK, 0);
        if (preserveTos) this.emit(Op.SWAP, 2);
        this.emit(Op.POP_EXCEPT, 0);
        return;
      case FB.With:
        this.emit(Op.POP_BLOCK, 0);
        if (preserveTos) this.emit(Op.SWAP, 2);
        // exit(None, None, None)
        this.emitConst({ type: "None" });
        this.emitConst({ type: "None" });
        this.emitConst({ type: "None" });
        this.emit(Op.CALL, 2);
        this.emit(Op.POP_TOP, 0);
        return;
      case FB.HandlerCleanup:
        if (b.name) this.emit(Op.POP_BLOCK, 0);
        this.emit(Op.POP_BLOCK, 0);
        if (preserveTos) this.emit(Op.SWAP, 2);
        this.emit(Op.POP_EXCEPT, 0);
        if (b.name) {
          this.emitConst({ type: "None" });
          this.nameOp(b.name, "Store");
          this.nameOp(b.name, "Del");
        }
        return;
      case FB.PopValue:
        if (preserveTos) this.emit(Op.SWAP, 2);
        this.emit(Op.POP_TOP, 0);
        return;
    }
  }

  private functionDef(s: A.FunctionDef | A.AsyncFunctionDef): void {
    for (const d of s.decorator_list) this.expr(d);
    const scope = this.table.scopeOf(s);
    const flags = this.functionDefaults(s.args);
    const code = this.compileFunctionBody(scope, s.name, s.args, s.body, null, s);
    this.setPos(s);
    this.makeClosure(code, flags, scope);
    for (let i = 0; i < s.decorator_list.length; i++) this.emit(Op.CALL, 0);
    this.nameOp(s.name, "Store");
  }

  private qualnameFor(name: string): string {
    const u = this.u;
    const scope = u.scope.codeScope;
    if (scope.kind === "module") return name;
    if (scope.kind === "class") return `${u.qualname}.${name}`;
    return `${u.qualname}.<locals>.${name}`;
  }

  /** Pushes defaults / kwdefaults; returns the MAKE_FUNCTION attribute flags. */
  private functionDefaults(args: A.Arguments): number {
    let flags = 0;
    if (args.defaults.length > 0) {
      const folded = tupleOfConstants(args.defaults);
      if (folded) this.emitConst(folded);
      else {
        for (const d of args.defaults) this.expr(d);
        this.emit(Op.BUILD_TUPLE, args.defaults.length);
      }
      flags |= MAKE_DEFAULTS;
    }
    const kw = args.kwonlyargs.map((a, i) => [a.arg, args.kw_defaults[i]] as const).filter(([, d]) => d !== null);
    if (kw.length > 0) {
      for (const [name, d] of kw) {
        this.emitConst({ type: "str", value: name });
        this.expr(d!);
      }
      this.emit(Op.BUILD_MAP, kw.length);
      flags |= MAKE_KWDEFAULTS;
    }
    return flags;
  }

  private compileFunctionBody(scope: Scope, name: string, args: A.Arguments | null, body: A.Stmt[] | null, lambdaBody: A.Expr | null, node: A.Located): PyCode {
    const qualname = this.qualnameFor(name);
    this.enter(scope, name, qualname, node.lineno);
    const u = this.u;
    if (args) {
      u.argcount = args.posonlyargs.length + args.args.length;
      u.posonlyargcount = args.posonlyargs.length;
      u.kwonlyargcount = args.kwonlyargs.length;
    }
    this.setPos(node);
    // co_consts[0] is the docstring, or None when there is none (and always None for a lambda), as
    // 3.13's compiler_function_body / compiler_lambda add it first; PyFunction_New takes __doc__
    // from there when it is a str.
    const hasDocstring = body !== null && isDocstring(body[0]);
    const docstring = hasDocstring ? docstringOf(body![0]) : null;
    this.constIndex(this.consts.get(docstring ?? { type: "None" }));
    this.prologue(scope);
    if (body) {
      // The docstring is not a statement of the body: it is co_consts[0] (above).
      const stmts = hasDocstring ? body.slice(1) : body;
      this.stmts(stmts);
      const last = body[body.length - 1];
      if (!last || (last.kind !== "Return" && last.kind !== "Raise")) {
        this.u.pos = { ...this.u.pos };
        this.emitConst({ type: "None" }, Op.RETURN_CONST);
      }
    } else if (lambdaBody) {
      this.setPos(lambdaBody);
      this.expr(lambdaBody);
      if (scope.isGenerator) {
        this.emit(Op.POP_TOP, 0);
        this.emitConst({ type: "None" }, Op.RETURN_CONST);
      } else this.emit(Op.RETURN_VALUE, 0);
    }
    return this.leave(0);
  }

  /** MAKE_CELL / COPY_FREE_VARS / RETURN_GENERATOR / RESUME at the top of a code object. */
  private prologue(scope: Scope): void {
    const u = this.u;
    for (let i = 0; i < u.localsplus.length; i++) {
      const n = u.localsplus[i];
      if (scope.cells.has(n)) this.emit(Op.MAKE_CELL, i);
    }
    if (u.nfrees > 0) this.emit(Op.COPY_FREE_VARS, u.nfrees);
    if (scope.isGenerator && !scope.inlined) {
      this.emit(Op.RETURN_GENERATOR, 0);
      this.emit(Op.POP_TOP, 0);
    }
    this.emit(Op.RESUME, 0);
  }

  /** LOAD_CONST code; MAKE_FUNCTION; SET_FUNCTION_ATTRIBUTE... (defaults already pushed). */
  private makeClosure(code: PyCode, flags: number, scope: Scope): void {
    const frees = code.freevars;
    if (frees.length > 0) {
      for (const name of frees) {
        // The enclosing code's slot for this name (a cell or a free var of its own).
        const idx = this.u.localIndex.get(name);
        if (idx === undefined) throw new Error(`closure variable ${name} not found`);
        this.emit(Op.LOAD_CLOSURE, idx);
      }
      this.emit(Op.BUILD_TUPLE, frees.length);
      flags |= MAKE_CLOSURE;
    }
    void scope;
    this.emitConstObj(code);
    this.emit(Op.MAKE_FUNCTION, 0);
    for (const f of [MAKE_CLOSURE, MAKE_KWDEFAULTS, MAKE_DEFAULTS]) if (flags & f) this.emit(Op.SET_FUNCTION_ATTRIBUTE, f);
  }

  private classDef(s: A.ClassDef): void {
    for (const d of s.decorator_list) this.expr(d);
    const scope = this.table.scopeOf(s);
    const qualname = this.qualnameFor(s.name);
    this.enter(scope, s.name, qualname, s.lineno);
    this.setPos(s);
    this.prologue(scope);
    this.emit(Op.LOAD_NAME, this.nameIdx("__name__"));
    this.emit(Op.STORE_NAME, this.nameIdx("__module__"));
    this.emitConst({ type: "str", value: qualname });
    this.emit(Op.STORE_NAME, this.nameIdx("__qualname__"));
    // 3.13: __firstlineno__ (the first decorator's line for a decorated class).
    const firstlineno = s.decorator_list.length > 0 ? s.decorator_list[0].lineno : s.lineno;
    this.emitConst({ type: "int", value: BigInt(firstlineno) });
    this.emit(Op.STORE_NAME, this.nameIdx("__firstlineno__"));
    this.stmts(this.storeDocstring(s.body));
    // 3.13: __static_attributes__, the sorted names stored through `self.` in the class's code.
    const attributes = [...this.u.staticAttributes!].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    this.emitConst({ type: "tuple", items: attributes.map((value) => ({ type: "str", value })) });
    this.emit(Op.STORE_NAME, this.nameIdx("__static_attributes__"));
    this.u.pos = { ...this.u.pos };
    if (scope.cells.has("__class__")) {
      this.emit(Op.LOAD_CLOSURE, this.u.localIndex.get("__class__")!);
      this.emit(Op.COPY, 1);
      this.emit(Op.STORE_NAME, this.nameIdx("__classcell__"));
      this.emit(Op.RETURN_VALUE, 0);
    } else this.emitConst({ type: "None" }, Op.RETURN_CONST);
    const code = this.leave(0);
    this.setPos(s);
    this.emit(Op.LOAD_BUILD_CLASS, 0);
    this.emit(Op.PUSH_NULL, 0);
    this.makeClosure(code, 0, scope);
    this.emitConst({ type: "str", value: s.name });
    for (const b of s.bases) this.expr(b);
    const kws = s.keywords.filter((k) => k.arg !== null);
    for (const k of kws) this.expr(k.value);
    this.setPos(s);
    if (kws.length > 0) {
      this.emitConst(tupleOfConstants(kws.map((k) => strConst(k.arg!)))!);
      this.emit(Op.CALL_KW, 2 + s.bases.length + kws.length);
    } else this.emit(Op.CALL, 2 + s.bases.length);
    for (let i = 0; i < s.decorator_list.length; i++) this.emit(Op.CALL, 0);
    this.nameOp(s.name, "Store");
  }

  private augAssign(s: A.AugAssign): void {
    const t = s.target;
    switch (t.kind) {
      case "Name":
        this.nameOp(t.id, "Load");
        this.expr(s.value);
        this.setPos(s);
        this.emit(Op.BINARY_OP, AUG_OPS[s.op]);
        this.nameOp(t.id, "Store");
        return;
      case "Attribute":
        this.expr(t.value);
        this.emit(Op.COPY, 1);
        this.setPos(t);
        this.emit(Op.LOAD_ATTR, this.nameIdx(t.attr) << 1);
        this.expr(s.value);
        this.setPos(s);
        this.emit(Op.BINARY_OP, AUG_OPS[s.op]);
        this.emit(Op.SWAP, 2);
        this.emit(Op.STORE_ATTR, this.nameIdx(t.attr));
        return;
      case "Subscript":
        this.expr(t.value);
        this.expr(t.slice);
        this.emit(Op.COPY, 2);
        this.emit(Op.COPY, 2);
        this.setPos(t);
        this.emit(Op.BINARY_SUBSCR, 0);
        this.expr(s.value);
        this.setPos(s);
        this.emit(Op.BINARY_OP, AUG_OPS[s.op]);
        this.emit(Op.SWAP, 3);
        this.emit(Op.SWAP, 2);
        this.emit(Op.STORE_SUBSCR, 0);
        return;
      default:
        throw new CompileError("illegal expression for augmented assignment", s.lineno, s.col_offset);
    }
  }

  private forStmt(s: A.For): void {
    const start = this.newLabel();
    const cleanup = this.newLabel();
    const end = this.newLabel();
    this.iterOperand(s.iter);
    this.setPos(s.iter);
    this.emit(Op.GET_ITER, 0);
    this.bindLabel(start);
    this.setPos(s.iter);
    this.emitJump(Op.FOR_ITER, cleanup);
    this.u.fblocks.push({ type: FB.ForLoop, start, exit: end });
    this.assignTarget(s.target);
    this.stmts(s.body);
    this.u.fblocks.pop();
    this.setPos(s.iter);
    this.emitJump(Op.JUMP_BACKWARD, start);
    this.bindLabel(cleanup);
    this.stmts(s.orelse);
    this.bindLabel(end);
  }

  /** `for x in [1, 2]` iterates a constant tuple (the optimizer's list-to-tuple rewrite). */
  private iterOperand(e: A.Expr): void {
    if (e.kind === "List" && !e.elts.some((x) => x.kind === "Starred")) {
      const folded = tupleOfConstants(e.elts);
      if (folded) {
        this.setPos(e);
        this.emitConst(folded);
        return;
      }
      for (const x of e.elts) this.expr(x);
      this.setPos(e);
      this.emit(Op.BUILD_TUPLE, e.elts.length);
      return;
    }
    if (e.kind === "Set") {
      // fold_iter: iterating a set display of constants iterates a frozenset constant.
      const folded = frozensetOfConstants(e.elts);
      if (folded) {
        this.setPos(e);
        this.emitConst(folded);
        return;
      }
    }
    this.expr(e);
  }

  private whileStmt(s: A.While): void {
    const start = this.newLabel();
    const body = this.newLabel();
    const orelse = this.newLabel();
    const end = this.newLabel();
    this.bindLabel(start);
    const always = s.test.kind === "Constant" && isTruthyConst(s.test.value);
    if (!always) this.jumpIf(s.test, false, orelse);
    this.bindLabel(body);
    this.u.fblocks.push({ type: FB.WhileLoop, start, exit: end });
    this.stmts(s.body);
    this.u.fblocks.pop();
    this.setPos(s);
    this.emitJump(Op.JUMP_BACKWARD, start);
    this.bindLabel(orelse);
    this.stmts(s.orelse);
    this.bindLabel(end);
  }

  private withStmt(s: A.With, index: number): void {
    const item = s.items[index];
    const handler = this.newLabel();
    const cleanup = this.newLabel();
    const suppress = this.newLabel();
    const end = this.newLabel();
    this.expr(item.context_expr);
    this.setPos(s);
    this.emit(Op.BEFORE_WITH, 0);
    this.emitJump(Op.SETUP_WITH, handler);
    this.u.fblocks.push({ type: FB.With, start: null, exit: null });
    if (item.optional_vars) this.assignTarget(item.optional_vars);
    else this.emit(Op.POP_TOP, 0);
    if (index + 1 < s.items.length) this.withStmt(s, index + 1);
    else this.stmts(s.body);
    this.u.fblocks.pop();
    this.setPos(s);
    this.emit(Op.POP_BLOCK, 0);
    this.emitConst({ type: "None" });
    this.emitConst({ type: "None" });
    this.emitConst({ type: "None" });
    this.emit(Op.CALL, 2);
    this.emit(Op.POP_TOP, 0);
    this.emitJump(Op.JUMP_FORWARD, end);
    this.bindLabel(handler);
    this.emitJump(Op.SETUP_CLEANUP, cleanup);
    this.emit(Op.PUSH_EXC_INFO, 0);
    this.emit(Op.WITH_EXCEPT_START, 0);
    this.emit(Op.TO_BOOL, 0);
    this.emitJump(Op.POP_JUMP_IF_TRUE, suppress);
    this.emit(Op.RERAISE, 2);
    this.bindLabel(suppress);
    this.emit(Op.POP_TOP, 0);
    this.emit(Op.POP_BLOCK, 0);
    this.emit(Op.POP_EXCEPT, 0);
    this.emit(Op.POP_TOP, 0);
    this.emit(Op.POP_TOP, 0);
    this.emitJump(Op.JUMP_FORWARD, end);
    this.bindLabel(cleanup);
    this.emit(Op.COPY, 3);
    this.emit(Op.POP_EXCEPT, 0);
    this.emit(Op.RERAISE, 1);
    this.bindLabel(end);
  }

  private tryExcept(s: A.Try): void {
    const handlerLabel = this.newLabel();
    const cleanup = this.newLabel();
    const end = this.newLabel();
    this.emitJump(Op.SETUP_FINALLY, handlerLabel);
    this.u.fblocks.push({ type: FB.TryExcept, start: null, exit: null });
    this.stmts(s.body);
    this.u.fblocks.pop();
    this.emit(Op.POP_BLOCK, 0);
    this.stmts(s.orelse);
    this.emitJump(Op.JUMP_FORWARD, end);
    this.bindLabel(handlerLabel);
    if (s.handlers.length > 0) this.setPos(s.handlers[0]);
    this.emitJump(Op.SETUP_CLEANUP, cleanup);
    this.emit(Op.PUSH_EXC_INFO, 0);
    this.u.fblocks.push({ type: FB.ExceptionHandler, start: null, exit: null });
    for (const h of s.handlers) {
      this.setPos(h);
      const next = this.newLabel();
      if (h.type) {
        this.expr(h.type);
        this.setPos(h);
        this.emit(Op.CHECK_EXC_MATCH, 0);
        this.emitJump(Op.POP_JUMP_IF_FALSE, next);
      }
      if (h.name) {
        const cleanupName = this.newLabel();
        this.nameOp(h.name, "Store");
        this.emitJump(Op.SETUP_CLEANUP, cleanupName);
        this.u.fblocks.push({ type: FB.HandlerCleanup, start: null, exit: null, name: h.name });
        this.stmts(h.body);
        this.u.fblocks.pop();
        this.emit(Op.POP_BLOCK, 0);
        this.emit(Op.POP_BLOCK, 0);
        this.emit(Op.POP_EXCEPT, 0);
        this.emitConst({ type: "None" });
        this.nameOp(h.name, "Store");
        this.nameOp(h.name, "Del");
        this.emitJump(Op.JUMP_FORWARD, end);
        this.bindLabel(cleanupName);
        this.emitConst({ type: "None" });
        this.nameOp(h.name, "Store");
        this.nameOp(h.name, "Del");
        this.emit(Op.RERAISE, 1);
      } else {
        this.emit(Op.POP_TOP, 0);
        this.u.fblocks.push({ type: FB.HandlerCleanup, start: null, exit: null, name: null });
        this.stmts(h.body);
        this.u.fblocks.pop();
        this.emit(Op.POP_BLOCK, 0);
        this.emit(Op.POP_EXCEPT, 0);
        this.emitJump(Op.JUMP_FORWARD, end);
      }
      this.bindLabel(next);
    }
    this.u.fblocks.pop();
    this.emit(Op.RERAISE, 0);
    this.bindLabel(cleanup);
    this.emit(Op.COPY, 3);
    this.emit(Op.POP_EXCEPT, 0);
    this.emit(Op.RERAISE, 1);
    this.bindLabel(end);
  }

  private tryFinally(s: A.Try): void {
    const finalLabel = this.newLabel();
    const cleanup = this.newLabel();
    const end = this.newLabel();
    this.emitJump(Op.SETUP_FINALLY, finalLabel);
    this.u.fblocks.push({ type: FB.FinallyTry, start: null, exit: null, finalbody: s.finalbody });
    if (s.handlers.length > 0) this.tryExcept({ ...s, finalbody: [] });
    else this.stmts(s.body);
    this.u.fblocks.pop();
    this.emit(Op.POP_BLOCK, 0);
    this.stmts(s.finalbody);
    this.emitJump(Op.JUMP_FORWARD, end);
    this.bindLabel(finalLabel);
    this.emitJump(Op.SETUP_CLEANUP, cleanup);
    this.emit(Op.PUSH_EXC_INFO, 0);
    this.u.fblocks.push({ type: FB.FinallyEnd, start: null, exit: null });
    this.stmts(s.finalbody);
    this.u.fblocks.pop();
    this.emit(Op.RERAISE, 0);
    this.bindLabel(cleanup);
    this.emit(Op.COPY, 3);
    this.emit(Op.POP_EXCEPT, 0);
    this.emit(Op.RERAISE, 1);
    this.bindLabel(end);
  }

  // -------------------------------------------------------------------------------------------
  // Targets

  private assignTarget(t: A.Expr): void {
    switch (t.kind) {
      case "Name":
        this.nameOp(t.id, "Store");
        return;
      case "Attribute":
        this.expr(t.value);
        if (t.value.kind === "Name" && t.value.id === "self") this.recordStaticAttribute(t.attr);
        this.setPos(t);
        this.emit(Op.STORE_ATTR, this.nameIdx(t.attr));
        return;
      case "Subscript":
        if (t.slice.kind === "Slice" && !t.slice.step) {
          this.expr(t.value);
          this.sliceBound(t.slice.lower);
          this.sliceBound(t.slice.upper);
          this.setPos(t);
          this.emit(Op.STORE_SLICE, 0);
          return;
        }
        this.expr(t.value);
        this.expr(t.slice);
        this.setPos(t);
        this.emit(Op.STORE_SUBSCR, 0);
        return;
      case "Tuple":
      case "List": {
        const star = t.elts.findIndex((e) => e.kind === "Starred");
        this.setPos(t);
        if (star >= 0) this.emit(Op.UNPACK_EX, star | ((t.elts.length - star - 1) << 8));
        else this.emit(Op.UNPACK_SEQUENCE, t.elts.length);
        for (const e of t.elts) this.assignTarget(e.kind === "Starred" ? e.value : e);
        return;
      }
      case "Starred":
        this.assignTarget(t.value);
        return;
      default:
        throw new CompileError(`cannot assign to ${t.kind}`, t.lineno, t.col_offset);
    }
  }

  private deleteTarget(t: A.Expr): void {
    this.setPos(t);
    switch (t.kind) {
      case "Name":
        this.nameOp(t.id, "Del");
        return;
      case "Attribute":
        this.expr(t.value);
        this.setPos(t);
        this.emit(Op.DELETE_ATTR, this.nameIdx(t.attr));
        return;
      case "Subscript":
        this.expr(t.value);
        this.expr(t.slice);
        this.setPos(t);
        this.emit(Op.DELETE_SUBSCR, 0);
        return;
      case "Tuple":
      case "List":
        for (const e of t.elts) this.deleteTarget(e);
        return;
      default:
        throw new CompileError(`cannot delete ${t.kind}`, t.lineno, t.col_offset);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Expressions

  private jumpIf(e: A.Expr, cond: boolean, target: Label): void {
    if (e.kind === "UnaryOp" && e.op === "Not") return this.jumpIf(e.operand, !cond, target);
    if (e.kind === "BoolOp") {
      const isOr = e.op === "Or";
      if (isOr === cond) {
        for (const v of e.values) this.jumpIf(v, cond, target);
      } else {
        const skip = this.newLabel();
        for (let i = 0; i < e.values.length - 1; i++) this.jumpIf(e.values[i], !cond, skip);
        this.jumpIf(e.values[e.values.length - 1], cond, target);
        this.bindLabel(skip);
      }
      return;
    }
    if (e.kind === "Compare" && e.ops.length === 1 && (e.ops[0] === "Is" || e.ops[0] === "IsNot") && e.comparators[0].kind === "Constant" && e.comparators[0].value.type === "None") {
      this.expr(e.left);
      this.setPos(e);
      const isNone = e.ops[0] === "Is";
      this.emitJump(isNone === cond ? Op.POP_JUMP_IF_NONE : Op.POP_JUMP_IF_NOT_NONE, target);
      return;
    }
    this.expr(e);
    this.setPos(e);
    this.emit(Op.TO_BOOL, 0);
    this.emitJump(cond ? Op.POP_JUMP_IF_TRUE : Op.POP_JUMP_IF_FALSE, target);
  }

  private expr(e: A.Expr): void {
    const saved = this.u.pos;
    this.setPos(e);
    this.exprInner(e);
    this.u.pos = saved;
  }

  private exprInner(e: A.Expr): void {
    switch (e.kind) {
      case "Constant":
        this.emitConst(e.value);
        return;
      case "Name":
        this.nameOp(e.id, e.ctx);
        return;
      case "BinOp": {
        const folded = foldBinOp(e);
        if (folded) return this.emitConst(folded.value);
        this.expr(e.left);
        this.expr(e.right);
        this.setPos(e);
        this.emit(Op.BINARY_OP, BIN_OPS[e.op]);
        return;
      }
      case "UnaryOp": {
        const folded = foldUnary(e);
        if (folded) return this.emitConst(folded.value);
        this.expr(e.operand);
        this.setPos(e);
        switch (e.op) {
          case "Not":
            this.emit(Op.TO_BOOL, 0);
            this.emit(Op.UNARY_NOT, 0);
            return;
          case "USub":
            return this.emit(Op.UNARY_NEGATIVE, 0);
          case "Invert":
            return this.emit(Op.UNARY_INVERT, 0);
          case "UAdd":
            return this.emit(Op.CALL_INTRINSIC_1, INTRINSIC_UNARY_POSITIVE);
        }
        return;
      }
      case "BoolOp": {
        const end = this.newLabel();
        const jump = e.op === "And" ? Op.JUMP_IF_FALSE_OR_POP : Op.JUMP_IF_TRUE_OR_POP;
        for (let i = 0; i < e.values.length - 1; i++) {
          this.expr(e.values[i]);
          this.emitJump(jump, end);
        }
        this.expr(e.values[e.values.length - 1]);
        this.bindLabel(end);
        return;
      }
      case "Compare":
        return this.compare(e);
      case "IfExp": {
        const orelse = this.newLabel();
        const end = this.newLabel();
        this.jumpIf(e.test, false, orelse);
        this.expr(e.body);
        this.emitJump(Op.JUMP_FORWARD, end);
        this.bindLabel(orelse);
        this.expr(e.orelse);
        this.bindLabel(end);
        return;
      }
      case "NamedExpr":
        this.expr(e.value);
        this.emit(Op.COPY, 1);
        this.assignTarget(e.target);
        return;
      case "Call":
        return this.call(e);
      case "Attribute":
        this.expr(e.value);
        this.setPos(e);
        this.emit(Op.LOAD_ATTR, this.nameIdx(e.attr) << 1);
        return;
      case "Subscript":
        this.warn(checkSubscripter(e.value) ?? checkIndex(e.value, e.slice));
        if (e.slice.kind === "Slice" && !e.slice.step) {
          this.expr(e.value);
          this.sliceBound(e.slice.lower);
          this.sliceBound(e.slice.upper);
          this.setPos(e);
          this.emit(Op.BINARY_SLICE, 0);
          return;
        }
        this.expr(e.value);
        this.expr(e.slice);
        this.setPos(e);
        this.emit(Op.BINARY_SUBSCR, 0);
        return;
      case "Slice":
        this.sliceBound(e.lower);
        this.sliceBound(e.upper);
        if (e.step) {
          this.expr(e.step);
          this.emit(Op.BUILD_SLICE, 3);
        } else this.emit(Op.BUILD_SLICE, 2);
        return;
      case "Tuple": {
        const folded = tupleOfConstants(e.elts);
        if (folded) return this.emitConst(folded);
        if (e.elts.some((x) => x.kind === "Starred")) {
          this.starredSequence(e.elts);
          this.emit(Op.CALL_INTRINSIC_1, 6);
          return;
        }
        for (const x of e.elts) this.expr(x);
        this.setPos(e);
        this.emit(Op.BUILD_TUPLE, e.elts.length);
        return;
      }
      case "List": {
        if (e.elts.some((x) => x.kind === "Starred")) return this.starredSequence(e.elts);
        const folded = e.elts.length > 2 ? tupleOfConstants(e.elts) : null;
        if (folded) {
          this.emit(Op.BUILD_LIST, 0);
          this.emitConst(folded);
          this.emit(Op.LIST_EXTEND, 1);
          return;
        }
        for (const x of e.elts) this.expr(x);
        this.setPos(e);
        this.emit(Op.BUILD_LIST, e.elts.length);
        return;
      }
      case "Set": {
        // Three or more constants: an empty set updated from a frozenset constant (starunpack_helper).
        const folded = e.elts.length > 2 ? frozensetOfConstants(e.elts) : null;
        if (folded) {
          this.setPos(e);
          this.emit(Op.BUILD_SET, 0);
          this.emitConst(folded);
          this.emit(Op.SET_UPDATE, 1);
          return;
        }
        if (e.elts.some((x) => x.kind === "Starred")) return this.starredSequence(e.elts, Op.BUILD_SET, Op.SET_ADD, Op.SET_UPDATE);
        for (const x of e.elts) this.expr(x);
        this.setPos(e);
        this.emit(Op.BUILD_SET, e.elts.length);
        return;
      }
      case "Dict": {
        let n = 0;
        let built = false;
        for (let i = 0; i < e.keys.length; i++) {
          const k = e.keys[i];
          if (k === null) {
            if (!built) {
              this.emit(Op.BUILD_MAP, n);
              built = true;
            } else if (n > 0) {
              this.emit(Op.BUILD_MAP, n);
              this.emit(Op.DICT_UPDATE, 1);
            }
            n = 0;
            this.expr(e.values[i]);
            this.emit(Op.DICT_UPDATE, 1);
            continue;
          }
          this.expr(k);
          this.expr(e.values[i]);
          n++;
        }
        this.setPos(e);
        if (!built) this.emit(Op.BUILD_MAP, n);
        else if (n > 0) {
          this.emit(Op.BUILD_MAP, n);
          this.emit(Op.DICT_UPDATE, 1);
        }
        return;
      }
      case "JoinedStr": {
        for (const v of e.values) {
          if (v.kind === "Constant") this.emitConst(v.value);
          else this.expr(v);
        }
        this.setPos(e);
        if (e.values.length !== 1) this.emit(Op.BUILD_STRING, e.values.length);
        else if (e.values[0].kind === "Constant") {
          /* a plain string */
        }
        return;
      }
      case "FormattedValue": {
        this.expr(e.value);
        if (e.conversion !== -1) this.emit(Op.CONVERT_VALUE, e.conversion === 115 ? 1 : e.conversion === 114 ? 2 : 3);
        if (e.format_spec) {
          this.expr(e.format_spec);
          this.emit(Op.FORMAT_WITH_SPEC, 0);
        } else this.emit(Op.FORMAT_SIMPLE, 0);
        return;
      }
      case "Lambda": {
        const scope = this.table.scopeOf(e);
        const flags = this.functionDefaults(e.args);
        const code = this.compileFunctionBody(scope, "<lambda>", e.args, null, e.body, e);
        this.setPos(e);
        this.makeClosure(code, flags, scope);
        return;
      }
      case "ListComp":
      case "SetComp":
      case "DictComp":
      case "GeneratorExp":
        return this.comprehension(e);
      case "Yield":
        if (!this.u.scope.isFunctionLike()) throw new CompileError("'yield' outside function", e.lineno, e.col_offset);
        if (e.value) this.expr(e.value);
        else this.emitConst({ type: "None" });
        this.setPos(e);
        this.emit(Op.YIELD_VALUE, 0);
        this.emit(Op.RESUME, 1);
        return;
      case "YieldFrom": {
        this.expr(e.value);
        this.setPos(e);
        this.emit(Op.GET_YIELD_FROM_ITER, 0);
        this.emitConst({ type: "None" });
        const send = this.newLabel();
        const exit = this.newLabel();
        this.bindLabel(send);
        this.emitJump(Op.SEND, exit);
        this.emit(Op.YIELD_VALUE, 1);
        this.emit(Op.RESUME, 2);
        this.emitJump(Op.JUMP_BACKWARD, send);
        this.bindLabel(exit);
        this.emit(Op.END_SEND, 0);
        return;
      }
      case "Starred":
        throw new CompileError("can't use starred expression here", e.lineno, e.col_offset);
      case "Await":
        throw new CompileError("await is not supported by this engine", e.lineno, e.col_offset);
    }
  }

  private sliceBound(e: A.Expr | null): void {
    if (e) this.expr(e);
    else this.emitConst({ type: "None" });
  }

  /** [a, *b, c] as BUILD_LIST + LIST_APPEND/LIST_EXTEND. */
  /** A list or set display with starred items (starunpack_helper): build, then add/extend. */
  private starredSequence(elts: A.Expr[], build = Op.BUILD_LIST, add = Op.LIST_APPEND, extend = Op.LIST_EXTEND): void {
    let n = 0;
    let built = false;
    for (const x of elts) {
      if (x.kind === "Starred") {
        if (!built) {
          this.emit(build, n);
          built = true;
        }
        this.expr(x.value);
        this.emit(extend, 1);
      } else {
        this.expr(x);
        if (built) this.emit(add, 1);
        else n++;
      }
    }
    if (!built) this.emit(build, n);
  }

  private compare(e: A.Compare): void {
    this.expr(e.left);
    const n = e.ops.length;
    if (n === 1) {
      this.compareRight(e.ops[0], e.comparators[0], e);
      return;
    }
    const cleanup = this.newLabel();
    const end = this.newLabel();
    for (let i = 0; i < n - 1; i++) {
      this.expr(e.comparators[i]);
      this.emit(Op.SWAP, 2);
      this.emit(Op.COPY, 2);
      this.emitCmp(e.ops[i], e);
      this.emit(Op.COPY, 1);
      this.emit(Op.TO_BOOL, 0);
      this.emitJump(Op.POP_JUMP_IF_FALSE, cleanup);
      this.emit(Op.POP_TOP, 0);
    }
    this.expr(e.comparators[n - 1]);
    this.emitCmp(e.ops[n - 1], e);
    this.emitJump(Op.JUMP_FORWARD, end);
    this.bindLabel(cleanup);
    this.emit(Op.SWAP, 2);
    this.emit(Op.POP_TOP, 0);
    this.bindLabel(end);
  }

  private compareRight(op: A.CmpOperator, right: A.Expr, e: A.Compare): void {
    if ((op === "In" || op === "NotIn") && (right.kind === "List" || right.kind === "Set")) {
      const folded = right.kind === "List" ? tupleOfConstants(right.elts) : frozensetOfConstants(right.elts);
      if (folded) this.emitConst(folded);
      else this.expr(right);
    } else this.expr(right);
    this.emitCmp(op, e);
  }

  private emitCmp(op: A.CmpOperator, e: A.Located): void {
    this.setPos(e);
    switch (op) {
      case "Is": return this.emit(Op.IS_OP, 0);
      case "IsNot": return this.emit(Op.IS_OP, 1);
      case "In": return this.emit(Op.CONTAINS_OP, 0);
      case "NotIn": return this.emit(Op.CONTAINS_OP, 1);
      default: return this.emit(Op.COMPARE_OP, CMP_OPS[op]!);
    }
  }

  private call(e: A.Call): void {
    this.warn(checkCaller(e.func));
    // Method calls: LOAD_ATTR with the method bit pushes [method, self] or [attr, NULL].
    const f = e.func;
    if (f.kind === "Attribute" && f.ctx === "Load") {
      this.expr(f.value);
      this.setPos(f);
      this.emit(Op.LOAD_ATTR, (this.nameIdx(f.attr) << 1) | 1);
    } else if (f.kind === "Name" && f.ctx === "Load") {
      const res = (this.inlinedScope ?? this.u.scope).resolve(f.id);
      const codeKind = this.u.scope.codeScope.kind;
      if (res === Resolution.GlobalExplicit || (res === Resolution.GlobalImplicit && codeKind !== "module" && codeKind !== "class")) {
        this.emit(Op.LOAD_GLOBAL, (this.nameIdx(f.id) << 1) | 1);
      } else {
        this.nameOp(f.id, "Load");
        this.emit(Op.PUSH_NULL, 0);
      }
    } else {
      this.expr(f);
      this.emit(Op.PUSH_NULL, 0);
    }
    this.callArgs(e);
  }

  private callArgs(e: A.Call): void {
    const hasStar = e.args.some((a) => a.kind === "Starred") || e.keywords.some((k) => k.arg === null);
    if (hasStar) {
      this.starredSequence(e.args);
      this.emit(Op.CALL_INTRINSIC_1, 6);
      if (e.keywords.length > 0) {
        let n = 0;
        let built = false;
        for (const k of e.keywords) {
          if (k.arg === null) {
            if (!built) {
              this.emit(Op.BUILD_MAP, n);
              built = true;
            } else if (n > 0) {
              this.emit(Op.BUILD_MAP, n);
              this.emit(Op.DICT_MERGE, 1);
            }
            n = 0;
            this.expr(k.value);
            this.emit(Op.DICT_MERGE, 1);
          } else {
            this.emitConst({ type: "str", value: k.arg });
            this.expr(k.value);
            n++;
          }
        }
        if (!built) this.emit(Op.BUILD_MAP, n);
        else if (n > 0) {
          this.emit(Op.BUILD_MAP, n);
          this.emit(Op.DICT_MERGE, 1);
        }
        this.setPos(e);
        this.emit(Op.CALL_FUNCTION_EX, 1);
      } else {
        this.setPos(e);
        this.emit(Op.CALL_FUNCTION_EX, 0);
      }
      return;
    }
    for (const a of e.args) this.expr(a);
    if (e.keywords.length > 0) {
      for (const k of e.keywords) this.expr(k.value);
      this.emitConst(tupleOfConstants(e.keywords.map((k) => strConst(k.arg!)))!);
      this.setPos(e);
      this.emit(Op.CALL_KW, e.args.length + e.keywords.length);
    } else {
      this.setPos(e);
      this.emit(Op.CALL, e.args.length);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Comprehensions

  private comprehension(e: A.ListComp | A.SetComp | A.DictComp | A.GeneratorExp): void {
    const scope = this.table.scopeOf(e);
    const gens = e.generators;
    if (scope.inlined) return this.inlinedComprehension(e, scope);
    // A nested function taking the outermost iterator as its argument `.0`.
    const name = scope.name;
    const qualname = this.qualnameFor(name);
    this.enter(scope, name, qualname, e.lineno);
    this.u.argcount = 1;
    this.setPos(e);
    this.prologue(scope);
    if (e.kind !== "GeneratorExp") this.emit(e.kind === "SetComp" ? Op.BUILD_SET : e.kind === "DictComp" ? Op.BUILD_MAP : Op.BUILD_LIST, 0);
    this.comprehensionGenerator(e, gens, 0, e.kind === "GeneratorExp" ? 0 : 1, true);
    if (e.kind === "GeneratorExp") this.emitConst({ type: "None" }, Op.RETURN_CONST);
    else this.emit(Op.RETURN_VALUE, 0);
    const code = this.leave(0);
    this.setPos(e);
    this.makeClosure(code, 0, scope);
    this.iterOperand(gens[0].iter);
    this.emit(Op.GET_ITER, 0);
    this.emit(Op.CALL, 0);
  }

  /** Emits the loops; `depth` is how many stack items sit between the result and the iterators. */
  private comprehensionGenerator(e: A.ListComp | A.SetComp | A.DictComp | A.GeneratorExp, gens: A.Comprehension[], i: number, resultDepth: number, outerIsArg: boolean): void {
    const g = gens[i];
    const start = this.newLabel();
    const cleanup = this.newLabel();
    const ifCleanup = this.newLabel();
    if (i === 0 && outerIsArg) this.emit(Op.LOAD_FAST, 0);
    else if (i > 0) {
      this.iterOperand(g.iter);
      this.emit(Op.GET_ITER, 0);
    }
    this.bindLabel(start);
    this.setPos(g.iter);
    this.emitJump(Op.FOR_ITER, cleanup);
    this.assignTarget(g.target);
    for (const cond of g.ifs) this.jumpIf(cond, false, ifCleanup);
    if (i + 1 < gens.length) this.comprehensionGenerator(e, gens, i + 1, resultDepth + 1, outerIsArg);
    else this.comprehensionElement(e, resultDepth + 1);
    this.bindLabel(ifCleanup);
    this.emitJump(Op.JUMP_BACKWARD, start);
    this.bindLabel(cleanup);
  }

  private comprehensionElement(e: A.ListComp | A.SetComp | A.DictComp | A.GeneratorExp, depth: number): void {
    switch (e.kind) {
      case "GeneratorExp":
        this.expr(e.elt);
        this.setPos(e.elt);
        this.emit(Op.YIELD_VALUE, 0);
        this.emit(Op.RESUME, 1);
        this.emit(Op.POP_TOP, 0);
        return;
      case "ListComp":
        this.expr(e.elt);
        this.emit(Op.LIST_APPEND, depth);
        return;
      case "SetComp":
        this.expr(e.elt);
        this.emit(Op.SET_ADD, depth);
        return;
      case "DictComp":
        this.expr(e.key);
        this.expr(e.value);
        this.emit(Op.MAP_ADD, depth);
        return;
    }
  }

  private inlinedComprehension(e: A.ListComp | A.SetComp | A.DictComp | A.GeneratorExp, scope: Scope): void {
    const gens = e.generators;
    this.iterOperand(gens[0].iter);
    this.setPos(e);
    this.emit(Op.GET_ITER, 0);
    // Save and clear the comprehension's own names (PEP 709).
    const locals = [...scope.bound].filter((n) => this.u.localIndex.has(n));
    for (const n of locals) {
      this.emit(Op.LOAD_FAST_AND_CLEAR, this.u.localIndex.get(n)!);
      this.emit(Op.SWAP, 2);
    }
    this.emit(e.kind === "SetComp" ? Op.BUILD_SET : e.kind === "DictComp" ? Op.BUILD_MAP : Op.BUILD_LIST, 0);
    this.emit(Op.SWAP, 2);
    // The targets are the comprehension's own fast locals, not names of the enclosing scope.
    const enclosing = this.inlinedScope;
    this.inlinedScope = scope;
    try {
      this.comprehensionGenerator(e, gens, 0, 1, false);
    } finally {
      this.inlinedScope = enclosing;
    }
    this.setPos(e);
    for (let i = locals.length - 1; i >= 0; i--) {
      this.emit(Op.SWAP, 2);
      this.emit(Op.STORE_FAST, this.u.localIndex.get(locals[i])!);
    }
  }
}

function strConst(s: string): A.Constant {
  return { kind: "Constant", value: { type: "str", value: s }, constant_kind: null, lineno: 0, col_offset: 0, end_lineno: 0, end_col_offset: 0 };
}

function isTruthyConst(v: A.ConstantValue): boolean {
  switch (v.type) {
    case "int": return v.value !== 0n;
    case "float": return v.value !== 0;
    case "complex": return v.imag !== 0;
    case "str": return v.value.length > 0;
    case "bytes": return v.value.length > 0;
    case "bool": return v.value;
    case "None": return false;
    case "Ellipsis": return true;
  }
}

export type { PyStr };

/** _PyAST_GetDocString: the body's first statement is a string constant. */
function isDocstring(stmt: A.Stmt | undefined): boolean {
  return stmt !== undefined && stmt.kind === "Expr" && stmt.value.kind === "Constant" && stmt.value.value.type === "str";
}

/** A docstring statement's text as the compiler stores it: cleaned (see cleandoc.ts). */
function docstringOf(stmt: A.Stmt): A.ConstantValue {
  const value = ((stmt as A.ExprStmt).value as A.Constant).value as { type: "str"; value: string };
  return { type: "str", value: cleanDoc(value.value) };
}
