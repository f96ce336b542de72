/**
 * The SyntaxErrors CPython raises after parsing: first those of the symbol table pass
 * (Python/symtable.c: global/nonlocal declarations), then those of the compiler (Python/compile.c:
 * return/yield/await outside a function, break/continue outside a loop). Each pass reports the
 * first error in source order, and symbol table errors win over compiler errors, as in CPython.
 */
import type * as A from "./ast";
import type { SyntaxErrorReporter } from "./reporter";

type Node = A.Stmt | A.Expr | A.Arguments | A.Arg | A.Keyword | A.Alias | A.ExceptHandler | A.Comprehension | A.WithItem | A.MatchCase | A.Pattern | A.TypeParam;

/** The fields of each node kind that hold child nodes, in ASDL order (both passes follow it). */
const CHILD_FIELDS: Record<string, readonly string[]> = {
  FunctionDef: ["args", "body", "decorator_list", "returns"],
  AsyncFunctionDef: ["args", "body", "decorator_list", "returns"],
  ClassDef: ["bases", "keywords", "body", "decorator_list"],
  Return: ["value"], Delete: ["targets"], Assign: ["targets", "value"], TypeAlias: ["name", "value"],
  AugAssign: ["target", "value"], AnnAssign: ["target", "annotation", "value"],
  For: ["target", "iter", "body", "orelse"], AsyncFor: ["target", "iter", "body", "orelse"],
  While: ["test", "body", "orelse"], If: ["test", "body", "orelse"],
  With: ["items", "body"], AsyncWith: ["items", "body"], Match: ["subject", "cases"],
  Raise: ["exc", "cause"], Try: ["body", "handlers", "orelse", "finalbody"], TryStar: ["body", "handlers", "orelse", "finalbody"],
  Assert: ["test", "msg"], Import: [], ImportFrom: [], Global: [], Nonlocal: [], Expr: ["value"],
  Pass: [], Break: [], Continue: [],
  BoolOp: ["values"], NamedExpr: ["target", "value"], BinOp: ["left", "right"], UnaryOp: ["operand"],
  Lambda: ["args", "body"], IfExp: ["test", "body", "orelse"], Dict: ["keys", "values"], Set: ["elts"],
  ListComp: ["elt", "generators"], SetComp: ["elt", "generators"], DictComp: ["key", "value", "generators"],
  GeneratorExp: ["elt", "generators"], Await: ["value"], Yield: ["value"], YieldFrom: ["value"],
  Compare: ["left", "comparators"], Call: ["func", "args", "keywords"], FormattedValue: ["value", "format_spec"],
  JoinedStr: ["values"], Constant: [], Attribute: ["value"], Subscript: ["value", "slice"], Starred: ["value"],
  Name: [], List: ["elts"], Tuple: ["elts"], Slice: ["lower", "upper", "step"],
  comprehension: ["target", "iter", "ifs"], ExceptHandler: ["type", "body"],
  arguments: ["posonlyargs", "args", "vararg", "kwonlyargs", "kw_defaults", "kwarg", "defaults"],
  arg: ["annotation"], keyword: ["value"], alias: [], withitem: ["context_expr", "optional_vars"],
  match_case: ["pattern", "guard", "body"],
};

/** Child nodes in field order. */
function children(node: Node): Node[] {
  const out: Node[] = [];
  const record = node as unknown as Record<string, unknown>;
  for (const key of CHILD_FIELDS[node.kind] ?? []) {
    const value = record[key];
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) {
      for (const v of value) if (v !== null) out.push(v as Node);
    } else out.push(value as Node);
  }
  return out;
}

const DEF_LOCAL = 1;
const DEF_PARAM = 2;
const USE = 4;
const DEF_ANNOT = 8;
const DEF_GLOBAL = 16;
const DEF_NONLOCAL = 32;

interface Scope {
  kind: "module" | "function" | "class";
  names: Map<string, number>;
  parent: Scope | null;
  nonlocals: { name: string; stmt: A.Nonlocal }[];
  children: Scope[];
}

export function checkScopes(module: A.Module, report: SyntaxErrorReporter): void {
  new SymbolPass(report).run(module);
  new CompilerPass(report).run(module);
}

/** The same checks for an eval-mode expression. */
export function checkExpressionScopes(body: A.Expr, report: SyntaxErrorReporter): void {
  const asModule: A.Module = { kind: "Module", body: [{ kind: "Expr", value: body, lineno: body.lineno, col_offset: body.col_offset, end_lineno: body.end_lineno, end_col_offset: body.end_col_offset }], type_ignores: [] };
  checkScopes(asModule, report);
}

class SymbolPass {
  constructor(private readonly report: SyntaxErrorReporter) {}

  run(module: A.Module): void {
    const top = this.newScope("module", null);
    for (const s of module.body) this.visit(s, top);
    this.analyze(top);
  }

  private newScope(kind: Scope["kind"], parent: Scope | null): Scope {
    const scope: Scope = { kind, names: new Map(), parent, nonlocals: [], children: [] };
    parent?.children.push(scope);
    return scope;
  }

  private mark(scope: Scope, name: string, flag: number): void {
    scope.names.set(name, (scope.names.get(name) ?? 0) | flag);
  }

  private visitAll(nodes: Node[], scope: Scope): void {
    for (const n of nodes) this.visit(n, scope);
  }

  private visitArguments(args: A.Arguments, scope: Scope): void {
    for (const a of [...args.posonlyargs, ...args.args, ...(args.vararg ? [args.vararg] : []), ...args.kwonlyargs, ...(args.kwarg ? [args.kwarg] : [])]) {
      this.mark(scope, a.arg, DEF_PARAM);
    }
  }

  private visit(node: Node, scope: Scope): void {
    switch (node.kind) {
      case "FunctionDef":
      case "AsyncFunctionDef": {
        this.visitAll([...node.args.defaults, ...node.args.kw_defaults.filter((d): d is A.Expr => d !== null)], scope);
        this.visitAll(node.decorator_list, scope);
        this.mark(scope, node.name, DEF_LOCAL);
        const inner = this.newScope("function", scope);
        this.visitArguments(node.args, inner);
        this.visitAll(node.body, inner);
        return;
      }
      case "Lambda": {
        this.visitAll([...node.args.defaults, ...node.args.kw_defaults.filter((d): d is A.Expr => d !== null)], scope);
        const inner = this.newScope("function", scope);
        this.visitArguments(node.args, inner);
        this.visit(node.body, inner);
        return;
      }
      case "ClassDef": {
        this.visitAll([...node.bases, ...node.keywords, ...node.decorator_list], scope);
        this.mark(scope, node.name, DEF_LOCAL);
        const inner = this.newScope("class", scope);
        this.visitAll(node.body, inner);
        return;
      }
      case "ListComp":
      case "SetComp":
      case "GeneratorExp":
      case "DictComp": {
        // The first iterable is evaluated in the enclosing scope; the rest in the comprehension's.
        const [first, ...rest] = node.generators;
        this.visit(first.iter, scope);
        const inner = this.newScope("function", scope);
        this.comprehensionScopes.add(inner);
        this.visit(first.target, inner);
        this.visitAll(first.ifs, inner);
        for (const g of rest) this.visit(g, inner);
        if (node.kind === "DictComp") this.visitAll([node.key, node.value], inner);
        else this.visit(node.elt, inner);
        return;
      }
      case "NamedExpr": {
        this.visit(node.value, scope);
        // A walrus in a comprehension binds in the nearest enclosing function or module.
        let target = scope;
        while (target.kind === "function" && target.parent && this.isComprehension(target)) target = target.parent;
        if (node.target.kind === "Name") this.mark(target, node.target.id, DEF_LOCAL);
        return;
      }
      case "Name":
        this.mark(scope, node.id, node.ctx === "Load" ? USE : DEF_LOCAL);
        return;
      case "Global":
      case "Nonlocal":
        this.declaration(node, scope);
        return;
      case "Import":
      case "ImportFrom":
        for (const alias of node.names) {
          if (alias.name === "*") continue;
          this.mark(scope, alias.asname ?? alias.name.split(".")[0], DEF_LOCAL);
        }
        return;
      case "ExceptHandler":
        if (node.type) this.visit(node.type, scope);
        if (node.name) this.mark(scope, node.name, DEF_LOCAL);
        this.visitAll(node.body, scope);
        return;
      case "AnnAssign":
        if (node.target.kind === "Name") {
          this.mark(scope, node.target.id, DEF_ANNOT | (node.value ? DEF_LOCAL : 0));
        } else this.visit(node.target, scope);
        this.visit(node.annotation, scope);
        if (node.value) this.visit(node.value, scope);
        return;
      case "AugAssign":
        // CPython's symbol table records an augmented target as assigned, not used.
        if (node.target.kind === "Name") this.mark(scope, node.target.id, DEF_LOCAL);
        else this.visit(node.target, scope);
        this.visit(node.value, scope);
        return;
      default:
        this.visitAll(children(node), scope);
    }
  }

  private readonly comprehensionScopes = new WeakSet<Scope>();
  private isComprehension(scope: Scope): boolean {
    return this.comprehensionScopes.has(scope);
  }

  private declaration(node: A.Global | A.Nonlocal, scope: Scope): void {
    const isGlobal = node.kind === "Global";
    const word = isGlobal ? "global" : "nonlocal";
    if (!isGlobal && scope.kind === "module") this.report.raiseCompileError("nonlocal declaration not allowed at module level", node);
    for (const name of node.names) {
      const flags = scope.names.get(name) ?? 0;
      if (flags & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT)) {
        let msg: string;
        if (flags & DEF_PARAM) msg = `name '${name}' is parameter and ${word}`;
        else if (flags & USE) msg = `name '${name}' is used prior to ${word} declaration`;
        else if (flags & DEF_ANNOT) msg = `annotated name '${name}' can't be ${word}`;
        else msg = `name '${name}' is assigned to before ${word} declaration`;
        this.report.raiseCompileError(msg, node);
      }
      if (!isGlobal && (flags & DEF_GLOBAL)) this.report.raiseCompileError(`name '${name}' is nonlocal and global`, node);
      if (isGlobal && (flags & DEF_NONLOCAL)) this.report.raiseCompileError(`name '${name}' is nonlocal and global`, node);
      this.mark(scope, name, isGlobal ? DEF_GLOBAL : DEF_NONLOCAL);
      if (!isGlobal) scope.nonlocals.push({ name, stmt: node });
    }
  }

  /** symtable's analyze pass: every nonlocal name must be bound in an enclosing function. */
  private analyze(scope: Scope): void {
    for (const { name, stmt } of scope.nonlocals) {
      if (!this.boundInEnclosingFunction(scope.parent, name)) {
        this.report.raiseCompileError(`no binding for nonlocal '${name}' found`, stmt);
      }
    }
    for (const child of scope.children) this.analyze(child);
  }

  private boundInEnclosingFunction(scope: Scope | null, name: string): boolean {
    for (let s = scope; s; s = s.parent) {
      if (s.kind === "class") continue;
      if (s.kind === "module") return false;
      const flags = s.names.get(name) ?? 0;
      if (flags & DEF_GLOBAL) return false;
      if (flags & (DEF_LOCAL | DEF_PARAM | DEF_NONLOCAL)) return true;
    }
    return false;
  }
}

/**
 * The Python type name of an expression CPython's compiler sees as a literal (after its AST
 * optimizer folds constants: `-1` and `(1, 2)` are literals there), or null.
 */
function literalType(e: A.Expr): string | null {
  switch (e.kind) {
    case "Constant":
      switch (e.value.type) {
        case "None": case "bool": case "Ellipsis": return null;
        default: return e.value.type;
      }
    case "UnaryOp":
      if (e.op === "Not") return null;
      return e.operand.kind === "Constant" && ["int", "float", "complex"].includes(e.operand.value.type)
        ? literalType(e.operand) : null;
    case "Tuple":
      return e.elts.every((x) => literalType(x) !== null || (x.kind === "Constant")) ? "tuple" : null;
    default:
      return null;
  }
}

interface CompileContext {
  inFunction: boolean;
  inLoop: boolean;
}

class CompilerPass {
  constructor(private readonly report: SyntaxErrorReporter) {}

  /** compile.c check_compare: `is` against a literal warns. */
  private checkCompare(e: A.Compare): void {
    let left = e.left;
    for (let i = 0; i < e.ops.length; i++) {
      const op = e.ops[i];
      const right = e.comparators[i];
      if (op === "Is" || op === "IsNot") {
        const literal = literalType(left) !== null ? left : literalType(right) !== null ? right : null;
        if (literal) {
          const msg = op === "Is"
            ? `"is" with '${literalType(literal)}' literal. Did you mean "=="?`
            : `"is not" with '${literalType(literal)}' literal. Did you mean "!="?`;
          this.report.warnAtLine(msg, e.lineno);
          return;
        }
      }
      left = right;
    }
  }

  run(module: A.Module): void {
    const ctx: CompileContext = { inFunction: false, inLoop: false };
    for (const s of module.body) this.visit(s, ctx);
  }

  private visitAll(nodes: Node[], ctx: CompileContext): void {
    for (const n of nodes) this.visit(n, ctx);
  }

  private visit(node: Node, ctx: CompileContext): void {
    switch (node.kind) {
      case "FunctionDef":
      case "AsyncFunctionDef":
        this.visitAll([...node.decorator_list, ...node.args.defaults, ...node.args.kw_defaults.filter((d): d is A.Expr => d !== null)], ctx);
        this.visitAll(node.body, { inFunction: true, inLoop: false });
        return;
      case "Lambda":
        this.visitAll([...node.args.defaults, ...node.args.kw_defaults.filter((d): d is A.Expr => d !== null)], ctx);
        this.visit(node.body, { inFunction: true, inLoop: false });
        return;
      case "ClassDef":
        this.visitAll([...node.decorator_list, ...node.bases, ...node.keywords], ctx);
        this.visitAll(node.body, { inFunction: false, inLoop: false });
        return;
      case "Return":
        if (!ctx.inFunction) this.report.raiseCompileError("'return' outside function", node);
        break;
      case "Yield":
      case "YieldFrom":
        if (!ctx.inFunction) this.report.raiseCompileError("'yield' outside function", node);
        break;
      case "Await":
        if (!ctx.inFunction) this.report.raiseCompileError("'await' outside function", node);
        break;
      case "Break":
        if (!ctx.inLoop) this.report.raiseCompileError("'break' outside loop", node);
        return;
      case "Continue":
        if (!ctx.inLoop) this.report.raiseCompileError("'continue' not properly in loop", node);
        return;
      case "For":
      case "AsyncFor":
        this.visitAll([node.target, node.iter], ctx);
        this.visitAll(node.body, { ...ctx, inLoop: true });
        this.visitAll(node.orelse, ctx);
        return;
      case "Compare":
        this.checkCompare(node);
        break;
      case "While":
        this.visit(node.test, ctx);
        this.visitAll(node.body, { ...ctx, inLoop: true });
        this.visitAll(node.orelse, ctx);
        return;
      default:
        break;
    }
    this.visitAll(children(node), ctx);
  }
}
