// Scope analysis (CPython's symtable.c in miniature): which names are fast locals, cells, free
// variables, explicit or implicit globals, and which comprehensions are inlined (PEP 709).
import type * as A from "../parse/ast";

export type ScopeKind = "module" | "class" | "function" | "comprehension";

export const enum Resolution {
  Fast,
  Cell,
  Free,
  GlobalExplicit,
  GlobalImplicit,
  /** Module and class bodies: LOAD_NAME / STORE_NAME. */
  Name,
}

export class Scope {
  readonly bound = new Set<string>();
  readonly used = new Set<string>();
  readonly globals = new Set<string>();
  readonly nonlocals = new Set<string>();
  readonly params: string[] = [];
  readonly children: Scope[] = [];
  /** Names this scope's code holds in cells / receives as free variables. */
  readonly cells = new Set<string>();
  readonly frees = new Set<string>();
  isGenerator = false;
  hasVarargs = false;
  hasVarkw = false;
  /** Inlined comprehension: compiled into the parent's code object. */
  inlined = false;
  /** Class scope whose methods use super() / __class__. */
  needsClassCell = false;
  usesSuper = false;
  /** Fast locals of the code object, in order (params first); includes inlined comprehension targets. */
  readonly varnames: string[] = [];

  constructor(readonly kind: ScopeKind, readonly name: string, readonly parent: Scope | null, readonly node: unknown) {}

  /** The scope that owns the code object this scope is compiled into. */
  get codeScope(): Scope {
    let s: Scope = this;
    while (s.inlined && s.parent) s = s.parent;
    return s;
  }

  isFunctionLike(): boolean {
    return this.kind === "function" || (this.kind === "comprehension" && !this.inlined);
  }

  resolve(name: string): Resolution {
    if (this.inlined) {
      if (this.bound.has(name)) return this.cells.has(name) ? Resolution.Cell : Resolution.Fast;
      return this.parent!.resolveFromInlined(name);
    }
    if (this.globals.has(name)) return Resolution.GlobalExplicit;
    if (this.cells.has(name)) return Resolution.Cell;
    if (this.frees.has(name)) return Resolution.Free;
    if (this.kind === "module") return Resolution.Name;
    if (this.kind === "class") return Resolution.Name;
    if (this.bound.has(name)) return Resolution.Fast;
    return Resolution.GlobalImplicit;
  }

  /** A name used inside an inlined comprehension that is not one of its own targets. */
  private resolveFromInlined(name: string): Resolution {
    if (this.kind === "class") {
      // Class-level names are not visible inside comprehensions.
      if (this.frees.has(name)) return Resolution.Free;
      return Resolution.GlobalImplicit;
    }
    return this.resolve(name);
  }
}

export class SymbolTable {
  readonly scopes = new Map<unknown, Scope>();
  readonly top: Scope;

  constructor(module: A.Module) {
    this.top = new Scope("module", "<module>", null, module);
    this.scopes.set(module, this.top);
    const b = new Builder(this);
    b.stmts(module.body, this.top);
    analyze(this.top);
  }

  scopeOf(node: unknown): Scope {
    const s = this.scopes.get(node);
    if (!s) throw new Error("no scope for node");
    return s;
  }
}

class Builder {
  constructor(private readonly table: SymbolTable) {}

  private newScope(kind: ScopeKind, name: string, parent: Scope, node: unknown): Scope {
    const s = new Scope(kind, name, parent, node);
    parent.children.push(s);
    this.table.scopes.set(node, s);
    return s;
  }

  stmts(body: A.Stmt[], s: Scope): void {
    for (const st of body) this.stmt(st, s);
  }

  private bind(name: string, s: Scope): void {
    s.bound.add(name);
  }

  private args(a: A.Arguments, s: Scope): void {
    for (const p of [...a.posonlyargs, ...a.args]) s.params.push(p.arg);
    if (a.vararg) s.hasVarargs = true;
    for (const p of a.kwonlyargs) s.params.push(p.arg);
    if (a.vararg) s.params.push(a.vararg.arg);
    if (a.kwarg) {
      s.hasVarkw = true;
      s.params.push(a.kwarg.arg);
    }
    for (const p of s.params) s.bound.add(p);
  }

  private argDefaults(a: A.Arguments, s: Scope): void {
    for (const d of a.defaults) this.expr(d, s);
    for (const d of a.kw_defaults) if (d) this.expr(d, s);
  }

  stmt(st: A.Stmt, s: Scope): void {
    switch (st.kind) {
      case "FunctionDef":
      case "AsyncFunctionDef": {
        for (const d of st.decorator_list) this.expr(d, s);
        this.argDefaults(st.args, s);
        this.bind(st.name, s);
        const f = this.newScope("function", st.name, s, st);
        this.args(st.args, f);
        this.stmts(st.body, f);
        break;
      }
      case "ClassDef": {
        for (const d of st.decorator_list) this.expr(d, s);
        for (const b of st.bases) this.expr(b, s);
        for (const k of st.keywords) this.expr(k.value, s);
        this.bind(st.name, s);
        const c = this.newScope("class", st.name, s, st);
        this.stmts(st.body, c);
        break;
      }
      case "Return":
        if (st.value) this.expr(st.value, s);
        break;
      case "Delete":
        for (const t of st.targets) this.expr(t, s);
        break;
      case "Assign":
        this.expr(st.value, s);
        for (const t of st.targets) this.expr(t, s);
        break;
      case "AugAssign":
        this.expr(st.value, s);
        this.expr(st.target, s);
        if (st.target.kind === "Name") s.used.add(st.target.id);
        break;
      case "AnnAssign":
        if (st.value) this.expr(st.value, s);
        this.expr(st.target, s);
        break;
      case "For":
      case "AsyncFor":
        this.expr(st.iter, s);
        this.expr(st.target, s);
        this.stmts(st.body, s);
        this.stmts(st.orelse, s);
        break;
      case "While":
      case "If":
        this.expr(st.test, s);
        this.stmts(st.body, s);
        this.stmts(st.orelse, s);
        break;
      case "With":
      case "AsyncWith":
        for (const it of st.items) {
          this.expr(it.context_expr, s);
          if (it.optional_vars) this.expr(it.optional_vars, s);
        }
        this.stmts(st.body, s);
        break;
      case "Raise":
        if (st.exc) this.expr(st.exc, s);
        if (st.cause) this.expr(st.cause, s);
        break;
      case "Try":
      case "TryStar":
        this.stmts(st.body, s);
        for (const h of st.handlers) {
          if (h.type) this.expr(h.type, s);
          if (h.name) this.bind(h.name, s);
          this.stmts(h.body, s);
        }
        this.stmts(st.orelse, s);
        this.stmts(st.finalbody, s);
        break;
      case "Assert":
        this.expr(st.test, s);
        if (st.msg) this.expr(st.msg, s);
        break;
      case "Import":
        for (const a of st.names) this.bind(a.asname ?? a.name.split(".")[0], s);
        break;
      case "ImportFrom":
        for (const a of st.names) if (a.name !== "*") this.bind(a.asname ?? a.name, s);
        break;
      case "Global":
        for (const n of st.names) s.globals.add(n);
        break;
      case "Nonlocal":
        for (const n of st.names) s.nonlocals.add(n);
        break;
      case "Expr":
        this.expr(st.value, s);
        break;
      case "Match":
        this.expr(st.subject, s);
        for (const c of st.cases) {
          if (c.guard) this.expr(c.guard, s);
          this.stmts(c.body, s);
        }
        break;
      case "TypeAlias":
      case "Pass":
      case "Break":
      case "Continue":
        break;
    }
  }

  expr(e: A.Expr, s: Scope): void {
    switch (e.kind) {
      case "Name":
        if (e.ctx === "Load") s.used.add(e.id);
        else this.bind(e.id, s);
        if (e.id === "super" && e.ctx === "Load") s.usesSuper = true;
        break;
      case "BoolOp":
        for (const v of e.values) this.expr(v, s);
        break;
      case "NamedExpr": {
        this.expr(e.value, s);
        // The target binds in the nearest non-comprehension scope.
        let t = s;
        while (t.kind === "comprehension" && t.parent) t = t.parent;
        if (e.target.kind === "Name") {
          t.bound.add(e.target.id);
          if (t !== s) s.used.add(e.target.id);
        }
        break;
      }
      case "BinOp":
        this.expr(e.left, s);
        this.expr(e.right, s);
        break;
      case "UnaryOp":
        this.expr(e.operand, s);
        break;
      case "Lambda": {
        this.argDefaults(e.args, s);
        const f = this.newScope("function", "<lambda>", s, e);
        this.args(e.args, f);
        this.expr(e.body, f);
        break;
      }
      case "IfExp":
        this.expr(e.test, s);
        this.expr(e.body, s);
        this.expr(e.orelse, s);
        break;
      case "Dict":
        e.keys.forEach((k) => k && this.expr(k, s));
        for (const v of e.values) this.expr(v, s);
        break;
      case "Set":
        for (const v of e.elts) this.expr(v, s);
        break;
      case "ListComp":
      case "SetComp":
      case "GeneratorExp":
        this.comprehension(e, e.generators, [e.elt], s);
        break;
      case "DictComp":
        this.comprehension(e, e.generators, [e.key, e.value], s);
        break;
      case "Await":
        this.expr(e.value, s);
        break;
      case "Yield":
        if (e.value) this.expr(e.value, s);
        s.isGenerator = true;
        break;
      case "YieldFrom":
        this.expr(e.value, s);
        s.isGenerator = true;
        break;
      case "Compare":
        this.expr(e.left, s);
        for (const c of e.comparators) this.expr(c, s);
        break;
      case "Call":
        this.expr(e.func, s);
        for (const a of e.args) this.expr(a, s);
        for (const k of e.keywords) this.expr(k.value, s);
        break;
      case "FormattedValue":
        this.expr(e.value, s);
        if (e.format_spec) this.expr(e.format_spec, s);
        break;
      case "JoinedStr":
        for (const v of e.values) this.expr(v, s);
        break;
      case "Constant":
        break;
      case "Attribute":
        this.expr(e.value, s);
        break;
      case "Subscript":
        this.expr(e.value, s);
        this.expr(e.slice, s);
        break;
      case "Starred":
        this.expr(e.value, s);
        break;
      case "List":
      case "Tuple":
        for (const v of e.elts) this.expr(v, s);
        break;
      case "Slice":
        if (e.lower) this.expr(e.lower, s);
        if (e.upper) this.expr(e.upper, s);
        if (e.step) this.expr(e.step, s);
        break;
    }
  }

  private comprehension(node: A.Expr, gens: A.Comprehension[], elts: A.Expr[], s: Scope): void {
    // The outermost iterable is evaluated in the enclosing scope.
    this.expr(gens[0].iter, s);
    const name = node.kind === "GeneratorExp" ? "<genexpr>" : node.kind === "ListComp" ? "<listcomp>" : node.kind === "SetComp" ? "<setcomp>" : "<dictcomp>";
    const c = this.newScope("comprehension", name, s, node);
    c.params.push(".0");
    gens.forEach((g, i) => {
      if (i > 0) this.expr(g.iter, c);
      this.expr(g.target, c);
      for (const cond of g.ifs) this.expr(cond, c);
    });
    for (const e of elts) this.expr(e, c);
    if (node.kind === "GeneratorExp") c.isGenerator = true;
    else c.inlined = true;
  }
}

/** Resolve free variables and cells, and the fast-local order of every code object. */
function analyze(top: Scope): void {
  // Inlined comprehensions that contain nested scopes are compiled as functions instead (simpler
  // than 3.12's cell juggling; the observable difference is only a frame object).
  const fixInline = (s: Scope): void => {
    for (const c of s.children) {
      fixInline(c);
      if (c.inlined && c.children.length > 0) c.inlined = false;
      if (c.inlined && c.parent!.kind === "class") c.inlined = true;
    }
  };
  fixInline(top);
  for (const c of top.children) resolveScope(c);
  // `bound` of inlined comprehensions: also add .0 handling (the iterator is on the stack).
  const order = (s: Scope): void => {
    if (!s.inlined) {
      if (s.kind === "function" || (s.kind === "comprehension" && !s.inlined)) {
        for (const p of s.params) if (!s.varnames.includes(p)) s.varnames.push(p);
        // A local that is only a cell (not a parameter) is no varname: CPython puts it among the
        // cell variables after the varnames (co_cellvars), which is the slot order f_locals shows.
        for (const n of s.bound) if (!s.globals.has(n) && !s.nonlocals.has(n) && !s.cells.has(n) && !s.varnames.includes(n)) s.varnames.push(n);
      }
    }
    for (const c of s.children) {
      if (c.inlined) {
        const owner = c.codeScope;
        for (const n of c.bound) if (!owner.varnames.includes(n) && !c.cells.has(n)) owner.varnames.push(n);
      }
      order(c);
    }
  };
  order(top);
}

function resolveScope(s: Scope): void {
  // Nonlocal declarations and implicit free variables.
  const isFunc = s.isFunctionLike() || s.inlined;
  for (const n of s.nonlocals) bindFree(s, n);
  const names = new Set<string>([...s.used]);
  if (s.kind === "function" && s.usesSuper) names.add("__class__");
  if (isFunc || s.kind === "class") {
    for (const n of names) {
      if (s.globals.has(n) || s.nonlocals.has(n)) continue;
      if (s.bound.has(n) && !s.inlined) continue;
      if (s.inlined && s.bound.has(n)) continue;
      if (s.kind === "class" && n !== "__class__") continue;
      bindFreeIfEnclosed(s, n);
    }
  }
  for (const c of s.children) resolveScope(c);
}

/** If an enclosing function scope binds `name`, make it free here and a cell there. */
function bindFreeIfEnclosed(s: Scope, name: string): void {
  let p = s.parent;
  while (p) {
    if (name === "__class__" && p.kind === "class") {
      p.needsClassCell = true;
      markFreePath(s, p, name);
      return;
    }
    if (p.kind !== "class" && p.kind !== "module") {
      if (p.globals.has(name)) return;
      if (p.bound.has(name) && !(p.inlined && false)) {
        if (p.inlined) {
          // A comprehension target captured by an inner scope: comprehension is not inlined then.
        }
        markFreePath(s, p, name);
        return;
      }
      if (p.frees.has(name)) {
        markFreePath(s, p, name);
        return;
      }
    }
    if (p.kind === "module") return;
    p = p.parent;
  }
}

function bindFree(s: Scope, name: string): void {
  let p = s.parent;
  while (p && p.kind !== "module") {
    if (p.kind !== "class" && (p.bound.has(name) || p.frees.has(name))) {
      markFreePath(s, p, name);
      return;
    }
    p = p.parent;
  }
  throw new Error(`no binding for nonlocal '${name}' found`);
}

function markFreePath(s: Scope, owner: Scope, name: string): void {
  let x: Scope | null = s;
  while (x && x !== owner) {
    const code = x.inlined ? x.codeScope : x;
    if (x.inlined && code === owner) break;
    code.frees.add(name);
    x = x.parent;
  }
  const ownerCode = owner.codeScope;
  if (owner.kind === "class" && name === "__class__") owner.cells.add(name);
  else if (!ownerCode.frees.has(name) || ownerCode.bound.has(name)) {
    if (owner.frees.has(name) && !owner.bound.has(name)) return;
    ownerCode.cells.add(name);
  }
}
