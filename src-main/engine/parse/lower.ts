/**
 * Lowers lezer's concrete Python tree into the CPython-shaped AST of ./ast.ts.
 *
 * Lezer's grammar is flat in places where CPython's is nested (comprehension clauses, parameter
 * lists, comma lists), so most functions here walk a node's children as a token stream. Lezer
 * also accepts a few forms CPython rejects (Python 2 print, `<>`, `except A, e`); those raise the
 * SyntaxError CPython would. Assignment targets get their ctx and validity from ./targets.ts.
 */
import type { SyntaxNode, Tree } from "@lezer/common";
import { parser } from "@lezer/python";
import type * as A from "./ast";
import { splitStringToken, numberValue, decodeStrEscapes, decodeBytes, decodeFStringLiteral, type DecodeIssue } from "./literals";
import type { SourceText } from "./source-text";
import { setContext, checkAugTarget, invalidTarget } from "./targets";
import type { SyntaxErrorReporter } from "./reporter";
import { PySyntaxError } from "./errors";
import type { Diagnoser } from "./diagnose";

type Pos = A.Located;

/** Thrown when lowering reaches the part of a tree that lezer could not parse. */
export class IncompleteTree extends Error {}

const PYTHON_KEYWORDS = new Set([
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
  "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
  "pass", "raise", "return", "try", "while", "with", "yield",
]);

const conversionCodes: Record<string, number> = { "!s": 115, "!r": 114, "!a": 97 };

const arithOps: Record<string, A.Operator> = {
  "+": "Add", "-": "Sub", "*": "Mult", "@": "MatMult", "/": "Div", "%": "Mod", "//": "FloorDiv", "**": "Pow",
  "|": "BitOr", "^": "BitXor", "&": "BitAnd", "<<": "LShift", ">>": "RShift",
};

const compareOps: Record<string, A.CmpOperator> = {
  "==": "Eq", "!=": "NotEq", "<": "Lt", "<=": "LtE", ">": "Gt", ">=": "GtE",
};

/** A comma-separated group of sibling nodes, with the source span between its separators. */
interface Group {
  nodes: SyntaxNode[];
  from: number;
  to: number;
}

export class Lowerer {
  constructor(
    private readonly src: SourceText,
    private readonly tree: Tree,
    private readonly report: SyntaxErrorReporter,
    private readonly diagnose: Diagnoser,
    /** Offset of lezer's first error node, if any: lowering stops there. */
    private readonly errorAt: number | null = null,
    /** With-statement targets lezer saw as a placeholder name: start offset to end offset. */
    private readonly withTargets: Map<number, number> = new Map(),
  ) {}

  module(): A.Module {
    return { kind: "Module", body: this.statements(this.children(this.tree.topNode)), type_ignores: [] };
  }

  /**
   * Lowers statements in order. With a parse error in the tree, statements after it are not
   * lowered, and errors raised while lowering the statement that holds it are only kept when they
   * are specific and lie before it (CPython would have met them first).
   */
  private statements(nodes: SyntaxNode[]): A.Stmt[] {
    const out: A.Stmt[] = [];
    for (const node of nodes) {
      if (node.name === ":") continue;
      const errorAt = this.errorAt;
      if (errorAt === null || node.to < errorAt) {
        out.push(...this.statement(node));
        continue;
      }
      if (node.from > errorAt) break;
      try {
        out.push(...this.statement(node));
      } catch (e) {
        if (e instanceof PySyntaxError && e.msg !== "invalid syntax" && this.report.offsetOfChar(e.lineno, e.offset) < errorAt) throw e;
        throw new IncompleteTree();
      }
    }
    return out;
  }

  // ----------------------------------------------------------------------------------------
  // Helpers

  private children(node: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.name !== "Comment") out.push(c);
    }
    return out;
  }

  private text(node: SyntaxNode): string {
    return this.src.text.slice(node.from, node.to);
  }

  private pos(from: number, to: number): Pos {
    const lineno = this.src.lineOf(from);
    const end_lineno = this.src.lineOf(to);
    return {
      lineno,
      col_offset: this.src.byteColumn(from, lineno),
      end_lineno,
      end_col_offset: this.src.byteColumn(to, end_lineno),
    };
  }

  private span(start: Pos, end: Pos): Pos {
    return { lineno: start.lineno, col_offset: start.col_offset, end_lineno: end.end_lineno, end_col_offset: end.end_col_offset };
  }

  private fail(msg: string, from: number, to: number): never {
    this.report.raise(msg, from, to);
  }

  /** Splits sibling nodes at "," tokens. */
  private splitCommas(nodes: SyntaxNode[], from: number, to: number): { groups: Group[]; trailingComma: boolean } {
    const groups: Group[] = [];
    let current: SyntaxNode[] = [];
    let start = from;
    let sawComma = false;
    // In a call's generator argument (`f(k for k, v in d)`) commas between `for` and `in` are
    // part of the target list; lezer keeps them at the argument list's level.
    let inForTarget = false;
    for (const n of nodes) {
      if (n.name === "for") inForTarget = true;
      else if (n.name === "in") inForTarget = false;
      if (n.name === "," && !inForTarget) {
        groups.push({ nodes: current, from: start, to: n.from });
        current = [];
        start = n.to;
        sawComma = true;
      } else current.push(n);
    }
    const trailingComma = sawComma && current.length === 0 && !/\S/.test(this.src.text.slice(start, to).replace(/#[^\n]*/g, ""));
    if (!trailingComma) groups.push({ nodes: current, from: start, to });
    return { groups, trailingComma };
  }

  private isKeyword(node: SyntaxNode | undefined, word: string): boolean {
    return node !== undefined && node.name === word;
  }

  private bodyOf(node: SyntaxNode): A.Stmt[] {
    return this.statements(this.children(node));
  }

  private lastEnd(stmts: A.Stmt[], fallback: Pos): Pos {
    return stmts.length ? stmts[stmts.length - 1] : fallback;
  }

  // ----------------------------------------------------------------------------------------
  // Statements

  statement(node: SyntaxNode): A.Stmt[] {
    const p = () => this.pos(node.from, node.to);
    const kids = this.children(node);
    switch (node.name) {
      case "StatementGroup":
        return this.statements(kids.filter((c) => c.name !== ";"));
      case "ExpressionStatement":
        return [{ kind: "Expr", value: this.expressionList(kids, node.from, node.to), ...p() }];
      case "AssignStatement":
        return [this.assignment(node, kids)];
      case "UpdateStatement": {
        const opIndex = kids.findIndex((k) => k.name === "UpdateOp");
        const target = this.expressionList(kids.slice(0, opIndex), node.from, kids[opIndex].from);
        checkAugTarget(target, this.report, this.src);
        setContext(target, "Store", "augassign", this.report, this.src);
        const opText = this.text(kids[opIndex]).slice(0, -1);
        const valueNodes = kids.slice(opIndex + 1);
        const value = valueNodes.length === 1 && valueNodes[0].name === "YieldExpression"
          ? this.expr(valueNodes[0])
          : this.expressionList(valueNodes, kids[opIndex].to, node.to);
        return [{ kind: "AugAssign", target, op: arithOps[opText], value, ...p() }];
      }
      case "DeleteStatement": {
        const { groups } = this.splitCommas(kids.slice(1), kids[0].to, node.to);
        const targets = groups.map((g) => {
          const t = this.groupExpr(g);
          setContext(t, "Del", "del", this.report, this.src);
          return t;
        });
        return [{ kind: "Delete", targets, ...p() }];
      }
      case "PassStatement":
        return [{ kind: "Pass", ...p() }];
      case "BreakStatement":
        return [{ kind: "Break", ...p() }];
      case "ContinueStatement":
        return [{ kind: "Continue", ...p() }];
      case "ReturnStatement": {
        const rest = kids.slice(1);
        const value = rest.length ? this.expressionList(rest, kids[0].to, node.to) : null;
        return [{ kind: "Return", value, ...p() }];
      }
      case "YieldStatement":
        return [{ kind: "Expr", value: this.yieldExpr(node, kids), ...p() }];
      case "PrintStatement":
        return this.fail("Missing parentheses in call to 'print'. Did you mean print(...)?", node.from, node.to);
      case "RaiseStatement":
        return [this.raise(node, kids)];
      case "ImportStatement":
        return [this.importStatement(node, kids)];
      case "ScopeStatement": {
        const names = kids.filter((k) => k.name === "VariableName").map((k) => this.text(k));
        return [{ kind: kids[0].name === "global" ? "Global" : "Nonlocal", names, ...p() }];
      }
      case "AssertStatement": {
        const { groups } = this.splitCommas(kids.slice(1), kids[0].to, node.to);
        if (groups.length > 2) this.fail("invalid syntax", groups[2].nodes[0]?.from ?? node.to, groups[2].nodes[0]?.to ?? node.to);
        const test = this.groupExpr(groups[0]);
        const msg = groups[1] ? this.groupExpr(groups[1]) : null;
        return [{ kind: "Assert", test, msg, ...p() }];
      }
      case "TypeDefinition": {
        const nameNode = kids.find((k) => k.name === "VariableName")!;
        const name: A.Expr = { kind: "Name", id: this.text(nameNode), ctx: "Store", ...this.pos(nameNode.from, nameNode.to) };
        return [{ kind: "TypeAlias", name, type_params: this.typeParams(kids), value: this.expr(kids[kids.length - 1]), ...p() }];
      }
      case "IfStatement":
        return [this.ifStatement(kids, 0)];
      case "WhileStatement": {
        const body = this.bodyOf(kids[2]);
        const orelse = kids[3] ? this.bodyOf(kids[4]) : [];
        const start = this.pos(node.from, node.from);
        return [{ kind: "While", test: this.expr(kids[1]), body, orelse, ...this.span(start, this.lastEnd(orelse.length ? orelse : body, start)) }];
      }
      case "ForStatement":
        return [this.forStatement(node, kids)];
      case "TryStatement":
        return [this.tryStatement(node, kids)];
      case "WithStatement":
        return [this.withStatement(node, kids)];
      case "FunctionDefinition":
        return [this.functionDef(node, kids, [])];
      case "ClassDefinition":
        return [this.classDef(node, kids, [])];
      case "DecoratedStatement": {
        const decorators = kids.filter((k) => k.name === "Decorator").map((d) => this.decorator(d));
        const def = kids[kids.length - 1];
        const defKids = this.children(def);
        return [def.name === "ClassDefinition" ? this.classDef(def, defKids, decorators) : this.functionDef(def, defKids, decorators)];
      }
      case "MatchStatement":
        return [this.matchStatement(node, kids)];
      default:
        return this.fail("invalid syntax", node.from, node.to);
    }
  }

  private assignment(node: SyntaxNode, kids: SyntaxNode[]): A.Stmt {
    const p = this.pos(node.from, node.to);
    const typeDefIndex = kids.findIndex((k) => k.name === "TypeDef");
    // Groups of target/value expressions separated by "=".
    const parts: { nodes: SyntaxNode[]; from: number; to: number }[] = [];
    let current: SyntaxNode[] = [];
    let start = node.from;
    for (const k of kids) {
      if (k.name === "AssignOp") {
        parts.push({ nodes: current, from: start, to: k.from });
        current = [];
        start = k.to;
      } else if (k.name !== "TypeDef") current.push(k);
    }
    parts.push({ nodes: current, from: start, to: node.to });
    const lowerPart = (part: { nodes: SyntaxNode[]; from: number; to: number }): A.Expr =>
      part.nodes.length === 1 && part.nodes[0].name === "YieldExpression"
        ? this.expr(part.nodes[0])
        : this.expressionList(part.nodes, part.from, part.to);

    if (typeDefIndex >= 0) {
      const typeDef = kids[typeDefIndex];
      const targetNodes = kids.slice(0, typeDefIndex);
      const target = this.expressionList(targetNodes, node.from, typeDef.from);
      const annotation = this.expr(this.children(typeDef).filter((k) => k.name !== ":")[0]);
      if (target.kind === "Tuple") this.report.raiseAt("only single target (not tuple) can be annotated", target);
      if (target.kind === "List") this.report.raiseAt("only single target (not list) can be annotated", target);
      if (target.kind !== "Name" && target.kind !== "Attribute" && target.kind !== "Subscript") {
        this.report.raiseAt("illegal target for annotation", target);
      }
      setContext(target, "Store", "assign", this.report, this.src);
      if (parts.length > 2) this.fail("invalid syntax", parts[2].from, parts[2].from);
      const value = parts.length === 2 ? lowerPart(parts[1]) : null;
      const simple = target.kind === "Name" && targetNodes.length === 1 && targetNodes[0].name === "VariableName" ? 1 : 0;
      return { kind: "AnnAssign", target, annotation, value, simple, ...p };
    }
    const lowered = parts.map((part) => lowerPart(part));
    const value = lowered[lowered.length - 1];
    if (value.kind === "Starred") this.report.raiseAt("can't use starred expression here", value);
    const targets = lowered.slice(0, -1);
    for (const t of targets) {
      if (t.kind === "Starred") this.report.raiseAt("starred assignment target must be in a list or tuple", t);
    }
    if (targets.some((t) => invalidTarget(t, "assign"))) this.invalidAssignment(parts, lowered);
    for (const t of targets) setContext(t, "Store", "assign", this.report, this.src);
    return { kind: "Assign", targets, value, type_comment: null, ...p };
  }

  /**
   * CPython's invalid_named_expression rule sees `E = B` where E ends the first target list and B
   * is the leading bitwise_or of the next part, unless B is followed by another "=". It suggests
   * '==' there; otherwise invalid_assignment names the first invalid target.
   */
  private invalidAssignment(parts: { nodes: SyntaxNode[] }[], lowered: A.Expr[]): never {
    const firstTarget = lowered[0];
    const lastOfFirst = firstTarget.kind === "Tuple" && parts[0].nodes[0]?.name !== "TupleExpression"
      ? firstTarget.elts[firstTarget.elts.length - 1]
      : firstTarget;
    const next = lowered[1];
    const nextFirst = next.kind === "Tuple" && parts[1].nodes[0]?.name !== "TupleExpression" ? next.elts[0] : next;
    const leading = leadingBitwiseOr(nextFirst);
    const followedByAssign = leading === nextFirst && nextFirst === next && lowered.length > 2;
    const lastNode = firstTarget === lastOfFirst ? parts[0].nodes[parts[0].nodes.length - 1] : null;
    const parenthesized = lastNode !== null && lastNode.name === "ParenthesizedExpression";
    if (leading && !followedByAssign) {
      if (lastOfFirst.kind === "Name" && !parenthesized) {
        this.report.raiseAt("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", this.span(lastOfFirst, leading));
      }
      const excluded = lastOfFirst.kind === "List" || lastOfFirst.kind === "Tuple" || lastOfFirst.kind === "GeneratorExp"
        || (lastOfFirst.kind === "Constant" && (lastOfFirst.value.type === "bool" || lastOfFirst.value.type === "None"));
      if (!excluded && isBitwiseOrLevel(lastOfFirst)) {
        this.report.raiseAt(`cannot assign to ${exprName(lastOfFirst)} here. Maybe you meant '==' instead of '='?`, lastOfFirst);
      }
    }
    for (const t of lowered.slice(0, -1)) {
      const bad = invalidTarget(t, "assign");
      if (bad) {
        if (bad.kind === "Yield" || bad.kind === "YieldFrom") this.report.raiseAt("assignment to yield expression not possible", bad);
        this.report.raiseAt(`cannot assign to ${exprName(bad)}`, bad);
      }
    }
    return this.report.raiseAt("invalid syntax", lowered[0]);
  }

  // ----------------------------------------------------------------------------------------
  // match statements (PEP 634)

  private matchStatement(node: SyntaxNode, kids: SyntaxNode[]): A.Stmt {
    if (kids[1].name === "*") return this.fail("invalid syntax", kids[1].from, kids[1].to);
    const subject = this.expr(kids[1]);
    const body = kids.find((k) => k.name === "MatchBody")!;
    const cases: A.MatchCase[] = this.children(body).filter((k) => k.name === "MatchClause").map((clause) => {
      const ck = this.children(clause);
      const guardNode = ck.find((k) => k.name === "Guard");
      const bodyNode = ck[ck.length - 1];
      const patternNodes = ck.slice(1, ck.indexOf(guardNode ?? bodyNode));
      const { groups, trailingComma } = this.splitCommas(patternNodes, patternNodes[0].from, (guardNode ?? bodyNode).from);
      let pattern: A.Pattern;
      if (groups.length === 1 && !trailingComma) pattern = this.pattern(groups[0].nodes[0]);
      else {
        const last = patternNodes[patternNodes.length - 1];
        pattern = { kind: "MatchSequence", patterns: groups.map((g) => this.pattern(g.nodes[0])), ...this.pos(patternNodes[0].from, last.to) };
      }
      const guard = guardNode ? this.expr(this.children(guardNode)[1]) : null;
      return { kind: "match_case", pattern, guard, body: this.bodyOf(bodyNode) };
    });
    const begin = this.pos(node.from, node.from);
    const lastBody = cases[cases.length - 1]?.body ?? [];
    return { kind: "Match", subject, cases, ...this.span(begin, this.lastEnd(lastBody, begin)) };
  }

  private pattern(node: SyntaxNode): A.Pattern {
    const p = this.pos(node.from, node.to);
    const kids = this.children(node);
    switch (node.name) {
      case "CapturePattern": {
        const name = this.text(kids[0]);
        return { kind: "MatchAs", pattern: null, name: name === "_" ? null : name, ...p };
      }
      case "LiteralPattern":
        return this.literalPattern(node, kids);
      case "AttributePattern":
        return { kind: "MatchValue", value: this.dottedValue(kids), ...p };
      case "OrPattern":
        return { kind: "MatchOr", patterns: kids.filter((k) => k.name !== "LogicOp").map((k) => this.pattern(k)), ...p };
      case "AsPattern": {
        const asIndex = kids.findIndex((k) => k.name === "as");
        return { kind: "MatchAs", pattern: this.pattern(kids[0]), name: this.text(kids[asIndex + 1]), ...p };
      }
      case "StarPattern": {
        const name = this.text(kids[1]);
        return { kind: "MatchStar", name: name === "_" ? null : name, ...p };
      }
      case "SequencePattern": {
        const inner = kids.slice(1, -1);
        if (!inner.length) return { kind: "MatchSequence", patterns: [], ...p };
        const { groups, trailingComma } = this.splitCommas(inner, kids[0].to, kids[kids.length - 1].from);
        // `(p)` is a group, not a sequence.
        if (kids[0].name === "(" && groups.length === 1 && !trailingComma) return this.pattern(groups[0].nodes[0]);
        return { kind: "MatchSequence", patterns: groups.map((g) => this.pattern(g.nodes[0])), ...p };
      }
      case "MappingPattern": {
        const inner = kids.slice(1, -1);
        const keys: A.Expr[] = [];
        const patterns: A.Pattern[] = [];
        let rest: string | null = null;
        if (inner.length) {
          for (const g of this.splitCommas(inner, kids[0].to, kids[kids.length - 1].from).groups) {
            const ns = g.nodes;
            if (ns[0].name === "**") rest = this.text(ns[1]);
            else {
              const key = this.pattern(ns[0]);
              if (key.kind !== "MatchValue" && key.kind !== "MatchSingleton") this.fail("invalid syntax", ns[0].from, ns[0].to);
              keys.push(key.kind === "MatchValue" ? key.value : { kind: "Constant", value: key.value, constant_kind: null, ...this.pos(ns[0].from, ns[0].to) });
              patterns.push(this.pattern(ns[2]));
            }
          }
        }
        return { kind: "MatchMapping", keys, patterns, rest, ...p };
      }
      case "ClassPattern": {
        const clsNode = kids[0];
        const cls: A.Expr = clsNode.name === "AttributePattern"
          ? this.dottedValue(this.children(clsNode))
          : { kind: "Name", id: this.text(clsNode), ctx: "Load", ...this.pos(clsNode.from, clsNode.to) };
        const args = this.children(kids[1]).filter((k) => k.name !== "(" && k.name !== ")" && k.name !== ",");
        const patterns: A.Pattern[] = [];
        const kwd_attrs: string[] = [];
        const kwd_patterns: A.Pattern[] = [];
        for (const a of args) {
          if (a.name === "KeywordPattern") {
            const ak = this.children(a);
            kwd_attrs.push(this.text(ak[0]));
            kwd_patterns.push(this.pattern(ak[ak.length - 1]));
          } else {
            if (kwd_attrs.length) this.report.raiseRange("positional patterns follow keyword patterns", a.from, a.to);
            patterns.push(this.pattern(a));
          }
        }
        return { kind: "MatchClass", cls, patterns, kwd_attrs, kwd_patterns, ...p };
      }
      default:
        return this.fail("invalid syntax", node.from, node.to);
    }
  }

  /** A literal pattern: None/True/False are singletons; numbers (signed, complex) and strings are values. */
  private literalPattern(node: SyntaxNode, kids: SyntaxNode[]): A.Pattern {
    const p = this.pos(node.from, node.to);
    const first = kids[0];
    if (first.name === "None") return { kind: "MatchSingleton", value: { type: "None" }, ...p };
    if (first.name === "Boolean") return { kind: "MatchSingleton", value: { type: "bool", value: this.text(first) === "True" }, ...p };
    if (first.name === "String" || first.name === "FormatString" || first.name === "ContinuedString") {
      return { kind: "MatchValue", value: this.expr(first), ...p };
    }
    let i = 0;
    let value: A.Expr;
    if (kids[0].name === "ArithOp") {
      const operand = this.expr(kids[1]);
      value = { kind: "UnaryOp", op: "USub", operand, ...this.pos(kids[0].from, kids[1].to) };
      i = 2;
    } else {
      value = this.expr(kids[0]);
      i = 1;
    }
    if (kids[i]?.name === "ArithOp") {
      const right = this.expr(kids[i + 1]);
      value = { kind: "BinOp", left: value, op: this.text(kids[i]) === "+" ? "Add" : "Sub", right, ...this.pos(node.from, kids[i + 1].to) };
    }
    return { kind: "MatchValue", value, ...p };
  }

  /** `a.b.c` in a pattern: a Name with Attribute loads. */
  private dottedValue(kids: SyntaxNode[]): A.Expr {
    let value: A.Expr = { kind: "Name", id: this.text(kids[0]), ctx: "Load", ...this.pos(kids[0].from, kids[0].to) };
    for (const k of kids.slice(1)) {
      if (k.name !== "PropertyName") continue;
      value = { kind: "Attribute", value, attr: this.text(k), ctx: "Load", ...this.pos(kids[0].from, k.to) };
    }
    return value;
  }

  private raise(node: SyntaxNode, kids: SyntaxNode[]): A.Raise {
    const comma = kids.find((k) => k.name === ",");
    if (comma) this.fail("invalid syntax", comma.from, comma.to);
    const fromIndex = kids.findIndex((k) => k.name === "from");
    const exc = kids[1] && kids[1].name !== "from" ? this.expr(kids[1]) : null;
    const cause = fromIndex >= 0 ? this.expr(kids[fromIndex + 1]) : null;
    return { kind: "Raise", exc, cause, ...this.pos(node.from, node.to) };
  }

  private importStatement(node: SyntaxNode, kids: SyntaxNode[]): A.Stmt {
    const p = this.pos(node.from, node.to);
    const importIndex = kids.findIndex((k) => k.name === "import");
    const names = this.aliases(kids.slice(importIndex + 1));
    if (kids[0].name === "import") return { kind: "Import", names, ...p };
    let level = 0;
    const moduleParts: string[] = [];
    for (const k of kids.slice(1, importIndex)) {
      if (k.name === ".") level += 1;
      else if (k.name === "Ellipsis") level += 3;
      else if (k.name === "VariableName") moduleParts.push(this.text(k));
    }
    // Lezer reads "from . import x" dots and the dots inside a dotted name alike; only leading dots count.
    let leading = 0;
    for (const k of kids.slice(1, importIndex)) {
      if (k.name === ".") leading += 1;
      else if (k.name === "Ellipsis") leading += 3;
      else break;
    }
    level = leading;
    return { kind: "ImportFrom", module: moduleParts.length ? moduleParts.join(".") : null, names, level, ...p };
  }

  private aliases(nodes: SyntaxNode[]): A.Alias[] {
    const inner = nodes.filter((k) => k.name !== "(" && k.name !== ")");
    if (inner.length === 1 && inner[0].name === "*") {
      return [{ kind: "alias", name: "*", asname: null, ...this.pos(inner[0].from, inner[0].to) }];
    }
    const out: A.Alias[] = [];
    const { groups } = this.splitCommas(inner, inner[0]?.from ?? 0, inner[inner.length - 1]?.to ?? 0);
    for (const g of groups) {
      if (!g.nodes.length) continue;
      const asIndex = g.nodes.findIndex((k) => k.name === "as");
      const nameNodes = asIndex >= 0 ? g.nodes.slice(0, asIndex) : g.nodes;
      const name = nameNodes.filter((k) => k.name === "VariableName").map((k) => this.text(k)).join(".");
      const asname = asIndex >= 0 ? this.text(g.nodes[asIndex + 1]) : null;
      const last = g.nodes[g.nodes.length - 1];
      out.push({ kind: "alias", name, asname, ...this.pos(g.nodes[0].from, last.to) });
    }
    return out;
  }

  /** kids: [if, test, Body, (elif, test, Body)*, (else, Body)?], starting at `start`. */
  private ifStatement(kids: SyntaxNode[], start: number): A.If {
    const head = kids[start];
    const test = this.expr(kids[start + 1]);
    const body = this.bodyOf(kids[start + 2]);
    let orelse: A.Stmt[] = [];
    const next = kids[start + 3];
    if (next && next.name === "elif") orelse = [this.ifStatement(kids, start + 3)];
    else if (next && next.name === "else") orelse = this.bodyOf(kids[start + 4]);
    const begin = this.pos(head.from, head.from);
    return { kind: "If", test, body, orelse, ...this.span(begin, this.lastEnd(orelse.length ? orelse : body, begin)) };
  }

  private forStatement(node: SyntaxNode, kids: SyntaxNode[]): A.Stmt {
    const isAsync = kids[0].name === "async";
    const forIndex = isAsync ? 1 : 0;
    const inIndex = kids.findIndex((k, i) => i > forIndex && k.name === "in");
    const bodyIndex = kids.findIndex((k) => k.name === "Body");
    const target = this.expressionList(kids.slice(forIndex + 1, inIndex), kids[forIndex].to, kids[inIndex].from);
    setContext(target, "Store", "for", this.report, this.src);
    const iter = this.expressionList(kids.slice(inIndex + 1, bodyIndex), kids[inIndex].to, kids[bodyIndex].from);
    const body = this.bodyOf(kids[bodyIndex]);
    const orelse = kids[bodyIndex + 1]?.name === "else" ? this.bodyOf(kids[bodyIndex + 2]) : [];
    const begin = this.pos(node.from, node.from);
    const where = this.span(begin, this.lastEnd(orelse.length ? orelse : body, begin));
    return { kind: isAsync ? "AsyncFor" : "For", target, iter, body, orelse, type_comment: null, ...where };
  }

  private tryStatement(node: SyntaxNode, kids: SyntaxNode[]): A.Stmt {
    const body = this.bodyOf(kids[1]);
    const handlers: A.ExceptHandler[] = [];
    let orelse: A.Stmt[] = [];
    let finalbody: A.Stmt[] = [];
    let star = false;
    let i = 2;
    while (i < kids.length) {
      const k = kids[i];
      if (k.name === "except") {
        let j = i + 1;
        if (kids[j].name === "*") {
          star = true;
          j++;
        }
        let type: A.Expr | null = null;
        let name: string | null = null;
        if (kids[j].name !== "Body") {
          type = this.expr(kids[j]);
          j++;
          if (kids[j].name === ",") {
            this.report.raiseRange("multiple exception types must be parenthesized", kids[i + 1].from, kids[j + 1].to);
          }
          if (kids[j].name === "as") {
            name = this.text(kids[j + 1]);
            j += 2;
          }
        }
        const handlerBody = this.bodyOf(kids[j]);
        const begin = this.pos(k.from, k.from);
        handlers.push({ kind: "ExceptHandler", type, name, body: handlerBody, ...this.span(begin, this.lastEnd(handlerBody, begin)) });
        i = j + 1;
      } else if (k.name === "else") {
        orelse = this.bodyOf(kids[i + 1]);
        i += 2;
      } else if (k.name === "finally") {
        finalbody = this.bodyOf(kids[i + 1]);
        i += 2;
      } else {
        this.fail("invalid syntax", k.from, k.to);
      }
    }
    if (!handlers.length && !finalbody.length) {
      throw this.diagnose.atToken("expected 'except' or 'finally' block", this.diagnose.tokenAfter(node.to));
    }
    const bare = handlers.findIndex((h) => h.type === null);
    if (bare >= 0 && bare < handlers.length - 1) {
      const h = handlers[bare];
      const start = this.report.offsetOf(h.lineno, h.col_offset);
      const colon = this.src.text.indexOf(":", start);
      this.report.raiseRange("default 'except:' must be last", start, colon + 1);
    }
    const begin = this.pos(node.from, node.from);
    const tail = finalbody.length ? finalbody : orelse.length ? orelse : handlers.length ? handlers[handlers.length - 1].body : body;
    const lastHandler = handlers[handlers.length - 1];
    const end = finalbody.length || orelse.length ? this.lastEnd(tail, begin) : lastHandler ?? this.lastEnd(body, begin);
    return { kind: star ? "TryStar" : "Try", body, handlers, orelse, finalbody, ...this.span(begin, end) };
  }

  private withStatement(node: SyntaxNode, kids: SyntaxNode[]): A.Stmt {
    const isAsync = kids[0].name === "async";
    const bodyNode = kids[kids.length - 1];
    const itemNodes = kids.slice(isAsync ? 2 : 1, -1);
    const { groups } = this.splitCommas(itemNodes, itemNodes[0].from, bodyNode.from);
    // A parenthesized item list may end in a comma (its parentheses are hidden from lezer).
    const items: A.WithItem[] = groups.filter((g) => g.nodes.length > 0).map((g) => {
      const asIndex = g.nodes.findIndex((k) => k.name === "as");
      const context_expr = this.expr(g.nodes[0]);
      let optional_vars: A.Expr | null = null;
      if (asIndex >= 0) {
        const targetNode = g.nodes[asIndex + 1];
        const end = this.withTargets.get(targetNode.from);
        optional_vars = end === undefined ? this.expr(targetNode) : this.standaloneExpression(targetNode.from, end);
        setContext(optional_vars, "Store", "with", this.report, this.src);
      }
      return { kind: "withitem", context_expr, optional_vars };
    });
    const body = this.bodyOf(bodyNode);
    const begin = this.pos(node.from, node.from);
    return { kind: isAsync ? "AsyncWith" : "With", items, body, type_comment: null, ...this.span(begin, this.lastEnd(body, begin)) };
  }

  /**
   * Lowers source[from, to) as an expression on its own: lezer parses a copy of the text in which
   * everything else is blank, so offsets (and so positions) stay those of the real source.
   */
  private standaloneExpression(from: number, to: number): A.Expr {
    const text = this.src.text;
    const blanked = text.slice(0, from).replace(/[^\n]/g, " ").replace(/\n/g, " ") + text.slice(from, to) + " ".repeat(text.length - to);
    const tree = parser.parse(blanked);
    const statement = tree.topNode.firstChild;
    if (!statement || statement.name !== "ExpressionStatement" || statement.firstChild?.type.isError) {
      return this.fail("invalid syntax", from, to);
    }
    const sub = new Lowerer(this.src, tree, this.report, this.diagnose);
    const kids = sub.children(statement);
    return sub.expressionList(kids, from, to);
  }

  private decorator(node: SyntaxNode): A.Expr {
    const kids = this.children(node).filter((k) => k.name !== "At");
    const placeholderEnd = kids[0] ? this.withTargets.get(kids[0].from) : undefined;
    if (placeholderEnd !== undefined) return this.standaloneExpression(kids[0].from, placeholderEnd);
    let expr: A.Expr | null = null;
    const first = kids[0];
    for (const k of kids) {
      if (k.name === "VariableName") {
        if (expr === null) expr = { kind: "Name", id: this.text(k), ctx: "Load", ...this.pos(k.from, k.to) };
        else expr = { kind: "Attribute", value: expr, attr: this.text(k), ctx: "Load", ...this.pos(first.from, k.to) };
      } else if (k.name === "ArgList" && expr) {
        expr = this.call(expr, k, first.from);
      }
    }
    if (!expr) return this.fail("invalid syntax", node.from, node.to);
    return expr;
  }

  private functionDef(node: SyntaxNode, kids: SyntaxNode[], decorator_list: A.Expr[]): A.Stmt {
    const isAsync = kids[0].name === "async";
    const nameNode = kids.find((k) => k.name === "VariableName")!;
    const params = kids.find((k) => k.name === "ParamList")!;
    const returnsNode = kids.find((k) => k.name === "TypeDef");
    const bodyNode = kids[kids.length - 1];
    const args = this.parameters(this.children(params).filter((k) => k.name !== "(" && k.name !== ")"), params.from + 1, params.to - 1, true);
    const returns = returnsNode ? this.expr(this.children(returnsNode)[0]) : null;
    const body = this.bodyOf(bodyNode);
    const begin = this.pos(node.from, node.from);
    return {
      kind: isAsync ? "AsyncFunctionDef" : "FunctionDef",
      name: this.text(nameNode), args, body, decorator_list, returns, type_comment: null, type_params: this.typeParams(kids),
      ...this.span(begin, this.lastEnd(body, begin)),
    };
  }

  private classDef(node: SyntaxNode, kids: SyntaxNode[], decorator_list: A.Expr[]): A.Stmt {
    const nameNode = kids.find((k) => k.name === "VariableName")!;
    const argList = kids.find((k) => k.name === "ArgList");
    const bodyNode = kids[kids.length - 1];
    let bases: A.Expr[] = [];
    let keywords: A.Keyword[] = [];
    if (argList) ({ args: bases, keywords } = this.callArguments(argList));
    const body = this.bodyOf(bodyNode);
    const begin = this.pos(node.from, node.from);
    return {
      kind: "ClassDef", name: this.text(nameNode), bases, keywords, body, decorator_list, type_params: this.typeParams(kids),
      ...this.span(begin, this.lastEnd(body, begin)),
    };
  }

  /** PEP 695 type parameters (`def f[T: int, *Ts, **P]`); lezer has no syntax for their defaults. */
  private typeParams(kids: SyntaxNode[]): A.TypeParam[] {
    const list = kids.find((k) => k.name === "TypeParamList");
    if (!list) return [];
    return this.children(list).filter((k) => k.name === "TypeParam").map((param) => {
      const ps = this.children(param);
      const nameNode = ps.find((k) => k.name === "VariableName")!;
      const name = this.text(nameNode);
      const where = this.pos(param.from, param.to);
      if (ps[0].name === "*") return { kind: "TypeVarTuple", name, default_value: null, ...where };
      if (ps[0].name === "**") return { kind: "ParamSpec", name, default_value: null, ...where };
      const bound = ps.find((k) => k.name === "TypeDef");
      return { kind: "TypeVar", name, bound: bound ? this.expr(this.children(bound).filter((k) => k.name !== ":")[0]) : null, default_value: null, ...where };
    });
  }

  /** Parameter lists of def (with annotations) and lambda (without). */
  private parameters(nodes: SyntaxNode[], from: number, to: number, isDef: boolean): A.Arguments {
    const result: A.Arguments = {
      kind: "arguments", posonlyargs: [], args: [], vararg: null, kwonlyargs: [], kw_defaults: [], kwarg: null, defaults: [],
    };
    if (!nodes.length) return result;
    const { groups } = this.splitCommas(nodes, from, to);
    let afterStar = false;
    let sawSlash = false;
    let sawDefault = false;
    const seen = new Set<string>();
    const makeArg = (nameNode: SyntaxNode, typeDef: SyntaxNode | undefined): A.Arg => {
      const annotation = typeDef ? this.expr(this.children(typeDef).filter((k) => k.name !== ":")[0]) : null;
      const end = typeDef ? typeDef.to : nameNode.to;
      const name = this.text(nameNode);
      if (seen.has(name)) this.report.raiseRange(`duplicate argument '${name}' in function definition`, nameNode.from, nameNode.to);
      seen.add(name);
      return { kind: "arg", arg: name, annotation, type_comment: null, ...this.pos(nameNode.from, end) };
    };
    groups.forEach((g, index) => {
      const ns = g.nodes;
      // "/" alone: an empty group in a def (lezer drops the token), a placeholder name in a lambda.
      const lambdaSlash = ns.length === 1 && ns[0].name === "VariableName" && this.text(ns[0]) === "/";
      if (ns.length === 0 || lambdaSlash) {
        const slash = this.src.text.indexOf("/", g.from);
        if (slash < 0 || slash >= g.to) this.fail("invalid syntax", g.from, g.to);
        if (sawSlash) this.report.raiseRange("/ may appear only once", slash, slash + 1);
        if (afterStar) this.report.raiseRange("/ must be ahead of *", slash, slash + 1);
        if (index === 0) this.report.raiseRange("at least one argument must precede /", slash, slash + 1);
        sawSlash = true;
        result.posonlyargs.push(...result.args);
        result.args = [];
        return;
      }
      if (ns[0].name === "*") {
        if (afterStar) this.report.raiseRange("* argument may appear only once", ns[0].from, ns[0].to);
        afterStar = true;
        if (ns[1]) result.vararg = makeArg(ns[1], ns.find((k) => k.name === "TypeDef"));
        else if (index === groups.length - 1 || groups[index + 1].nodes[0]?.name === "**") {
          this.report.raiseRange("named arguments must follow bare *", ns[0].from, ns[0].to);
        }
        return;
      }
      if (ns[0].name === "**") {
        result.kwarg = makeArg(ns[1], ns.find((k) => k.name === "TypeDef"));
        return;
      }
      const typeDef = ns.find((k) => k.name === "TypeDef");
      const eq = ns.findIndex((k) => k.name === "AssignOp");
      const arg = makeArg(ns[0], isDef ? typeDef : undefined);
      const dflt = eq >= 0 ? this.expr(ns[eq + 1]) : null;
      if (afterStar) {
        result.kwonlyargs.push(arg);
        result.kw_defaults.push(dflt);
      } else {
        if (dflt) {
          sawDefault = true;
          result.defaults.push(dflt);
        } else if (sawDefault) {
          this.report.raiseRange("parameter without a default follows parameter with a default", ns[0].from, ns[0].to);
        }
        result.args.push(arg);
      }
    });
    return result;
  }

  // ----------------------------------------------------------------------------------------
  // Expressions

  /** A comma list ("a, *b, c") as a Tuple without parentheses, or a single expression. */
  private expressionList(nodes: SyntaxNode[], from: number, to: number): A.Expr {
    const { groups, trailingComma } = this.splitCommas(nodes, from, to);
    if (groups.length === 1 && !trailingComma) return this.groupExpr(groups[0]);
    const elts = groups.map((g) => this.groupExpr(g));
    const first = nodes[0];
    const last = nodes[nodes.length - 1];
    return { kind: "Tuple", elts, ctx: "Load", ...this.pos(first.from, last.to) };
  }

  /** One element of a comma list: an expression, or "*" followed by one (Starred). */
  private groupExpr(g: Group): A.Expr {
    const ns = g.nodes;
    if (ns.length === 0) return this.fail("invalid syntax", g.from, g.to);
    if (ns[0].name === "*" && ns.length === 2) {
      return { kind: "Starred", value: this.expr(ns[1]), ctx: "Load", ...this.pos(ns[0].from, ns[1].to) };
    }
    if (ns.length !== 1) return this.fail("invalid syntax", ns[1].from, ns[1].to);
    return this.expr(ns[0]);
  }

  expr(node: SyntaxNode): A.Expr {
    const p = () => this.pos(node.from, node.to);
    switch (node.name) {
      case "VariableName":
        return { kind: "Name", id: this.text(node), ctx: "Load", ...p() };
      case "Number":
        return { kind: "Constant", value: numberValue(this.text(node)), constant_kind: null, ...p() };
      case "String":
      case "FormatString":
        return this.strings([node], node);
      case "ContinuedString":
        return this.strings(this.children(node), node);
      case "Ellipsis":
        return { kind: "Constant", value: { type: "Ellipsis" }, constant_kind: null, ...p() };
      case "None":
        return { kind: "Constant", value: { type: "None" }, constant_kind: null, ...p() };
      case "Boolean":
        return { kind: "Constant", value: { type: "bool", value: this.text(node) === "True" }, constant_kind: null, ...p() };
      case "ParenthesizedExpression": {
        const inner = this.children(node).filter((k) => k.name !== "(" && k.name !== ")");
        if (inner[0]?.name === "*") {
          return this.report.raiseRange("cannot use starred expression here", inner[0].from, inner[1].to);
        }
        return this.expr(inner[0]);
      }
      case "TupleExpression": {
        const inner = this.children(node).filter((k) => k.name !== "(" && k.name !== ")");
        const { groups } = this.splitCommas(inner, node.from + 1, node.to - 1);
        const elts = inner.length ? groups.map((g) => this.groupExpr(g)) : [];
        return { kind: "Tuple", elts, ctx: "Load", ...p() };
      }
      case "ArrayExpression": {
        const inner = this.children(node).filter((k) => k.name !== "[" && k.name !== "]");
        const elts = inner.length ? this.splitCommas(inner, node.from + 1, node.to - 1).groups.map((g) => this.groupExpr(g)) : [];
        return { kind: "List", elts, ctx: "Load", ...p() };
      }
      case "SetExpression": {
        const inner = this.children(node).filter((k) => k.name !== "{" && k.name !== "}");
        const elts = this.splitCommas(inner, node.from + 1, node.to - 1).groups.map((g) => this.groupExpr(g));
        return { kind: "Set", elts, ...p() };
      }
      case "DictionaryExpression":
        return this.dict(node);
      case "ComprehensionExpression":
      case "ArrayComprehensionExpression":
      case "SetComprehensionExpression":
      case "DictionaryComprehensionExpression":
        return this.comprehension(node, node.from, node.to);
      case "CallExpression": {
        const kids = this.children(node);
        return this.call(this.expr(kids[0]), kids[1], node.from);
      }
      case "MemberExpression":
        return this.member(node);
      case "UnaryExpression": {
        const [opNode, operandNode] = this.children(node);
        const opText = this.text(opNode);
        if (opText === "not") return this.booleanLevel(node);
        const op: A.UnaryOperator = opText === "not" ? "Not" : opText === "-" ? "USub" : opText === "+" ? "UAdd" : "Invert";
        return { kind: "UnaryOp", op, operand: this.expr(operandNode), ...p() };
      }
      case "BinaryExpression":
        return this.binary(node);
      case "ConditionalExpression": {
        const kids = this.children(node);
        return { kind: "IfExp", test: this.expr(kids[2]), body: this.expr(kids[0]), orelse: this.expr(kids[4]), ...p() };
      }
      case "LambdaExpression": {
        const kids = this.children(node);
        const params = kids.find((k) => k.name === "ParamList");
        const colon = kids.find((k) => k.name === ":")!;
        const args = params
          ? this.parameters(this.children(params), params.from, params.to, false)
          : this.parameters([], colon.from, colon.from, false);
        return { kind: "Lambda", args, body: this.expr(kids[kids.length - 1]), ...p() };
      }
      case "NamedExpression": {
        const kids = this.children(node);
        const target = this.expr(kids[0]);
        if (target.kind !== "Name") {
          this.report.raiseAt(`cannot use assignment expressions with ${exprName(target)}`, target);
        }
        target.ctx = "Store";
        return { kind: "NamedExpr", target, value: this.expr(kids[2]), ...p() };
      }
      case "YieldExpression":
        return this.yieldExpr(node, this.children(node));
      case "AwaitExpression":
        return { kind: "Await", value: this.expr(this.children(node)[1]), ...p() };
      default:
        return this.fail("invalid syntax", node.from, node.to);
    }
  }

  private yieldExpr(node: SyntaxNode, kids: SyntaxNode[]): A.Expr {
    const p = this.pos(node.from, node.to);
    const rest = kids.slice(1).filter((k) => !k.type.isError);
    if (rest[0]?.name === "from") return { kind: "YieldFrom", value: this.expr(rest[1]), ...p };
    if (!rest.length) return { kind: "Yield", value: null, ...this.pos(node.from, kids[0].to) };
    return { kind: "Yield", value: this.expressionList(rest, kids[0].to, node.to), ...p };
  }

  private binary(node: SyntaxNode): A.Expr {
    const kids = this.children(node);
    const opNode = kids[1];
    const p = this.pos(node.from, node.to);
    switch (opNode.name) {
      case "ArithOp":
      case "BitOp":
        return { kind: "BinOp", left: this.expr(kids[0]), op: arithOps[this.text(opNode)], right: this.expr(kids[2]), ...p };
      case "and":
      case "or":
        return this.booleanLevel(node);
      default: {
        // A comparison; `a < b < c` is one Compare in Python, nested to the left in lezer.
        const ops: A.CmpOperator[] = [];
        const comparators: A.Expr[] = [];
        let current: SyntaxNode = node;
        const chain: { ops: A.CmpOperator; right: SyntaxNode }[] = [];
        let left: SyntaxNode = node;
        while (current.name === "BinaryExpression") {
          const ck = this.children(current);
          const op = this.compareOp(ck);
          if (!op) break;
          chain.unshift({ ops: op, right: ck[ck.length - 1] });
          left = ck[0];
          current = ck[0];
        }
        for (const c of chain) {
          ops.push(c.ops);
          comparators.push(this.expr(c.right));
        }
        return { kind: "Compare", left: this.expr(left), ops, comparators, ...p };
      }
    }
  }

  /**
   * `or`, `and` and `not`. Lezer's grammar gives `not` no precedence (it reads `not a and b` as
   * `not (a and b)`) and nests chains, so the unparenthesized operators and operands are
   * flattened and parsed again with Python's precedence: or < and < not, chains folded into one BoolOp.
   */
  private booleanLevel(node: SyntaxNode): A.Expr {
    type Item = { op: "or" | "and" | "not"; node: SyntaxNode } | { op: null; node: SyntaxNode };
    const items: Item[] = [];
    const flatten = (n: SyntaxNode): void => {
      const kids = this.children(n);
      if (n.name === "BinaryExpression" && (kids[1].name === "and" || kids[1].name === "or")) {
        flatten(kids[0]);
        items.push({ op: kids[1].name, node: kids[1] });
        flatten(kids[2]);
      } else if (n.name === "UnaryExpression" && kids[0].name === "not") {
        items.push({ op: "not", node: kids[0] });
        flatten(kids[1]);
      } else items.push({ op: null, node: n });
    };
    flatten(node);
    let i = 0;
    // Each parsed operand keeps its source span (parentheses included), which CPython's
    // BoolOp and UnaryOp positions use.
    type Spanned = { expr: A.Expr; from: number; to: number };
    const chain = (op: "or" | "and", operand: () => Spanned): Spanned => {
      const values = [operand()];
      while (items[i]?.op === op) {
        i++;
        values.push(operand());
      }
      if (values.length === 1) return values[0];
      const from = values[0].from;
      const to = values[values.length - 1].to;
      const expr: A.Expr = { kind: "BoolOp", op: op === "or" ? "Or" : "And", values: values.map((v) => v.expr), ...this.pos(from, to) };
      return { expr, from, to };
    };
    const notLevel = (): Spanned => {
      const item = items[i++];
      if (item.op === "not") {
        const operand = notLevel();
        const expr: A.Expr = { kind: "UnaryOp", op: "Not", operand: operand.expr, ...this.pos(item.node.from, operand.to) };
        return { expr, from: item.node.from, to: operand.to };
      }
      if (item.op !== null) return this.fail("invalid syntax", item.node.from, item.node.to);
      return { expr: this.expr(item.node), from: item.node.from, to: item.node.to };
    };
    return chain("or", () => chain("and", notLevel)).expr;
  }

  private compareOp(kids: SyntaxNode[]): A.CmpOperator | null {
    const first = kids[1];
    switch (first.name) {
      case "CompareOp": {
        const text = this.text(first);
        if (text === "<>") this.fail("invalid syntax", first.from, first.to);
        return compareOps[text];
      }
      case "in":
        return "In";
      case "not":
        return "NotIn";
      case "is":
        return kids[2].name === "not" ? "IsNot" : "Is";
      default:
        return null;
    }
  }

  private call(func: A.Expr, argList: SyntaxNode, from: number): A.Call {
    const { args, keywords } = this.callArguments(argList);
    return { kind: "Call", func, args, keywords, ...this.pos(from, argList.to) };
  }

  private callArguments(argList: SyntaxNode): { args: A.Expr[]; keywords: A.Keyword[] } {
    const inner = this.children(argList).filter((k) => k.name !== "(" && k.name !== ")");
    const args: A.Expr[] = [];
    const keywords: A.Keyword[] = [];
    if (!inner.length) return { args, keywords };
    const { groups, trailingComma } = this.splitCommas(inner, argList.from + 1, argList.to - 1);
    let sawKeyword = false;
    let sawDoubleStar = false;
    for (const g of groups) {
      const ns = g.nodes;
      if (ns.length === 0) this.fail("invalid syntax", g.from, g.to);
      if (ns.some((k) => k.name === "for" || k.name === "async")) {
        if (groups.length > 1 || trailingComma) {
          const genexp = this.comprehension(null, ns[0].from, ns[ns.length - 1].to, ns);
          this.report.raiseAt("Generator expression must be parenthesized", genexp);
        }
        args.push(this.comprehension(null, argList.from, argList.to, ns));
        continue;
      }
      if (ns[0].name === "**") {
        sawDoubleStar = true;
        keywords.push({ kind: "keyword", arg: null, value: this.expr(ns[1]), ...this.pos(ns[0].from, ns[1].to) });
        continue;
      }
      if (ns[0].name === "*") {
        if (sawDoubleStar) this.report.raiseRange("iterable argument unpacking follows keyword argument unpacking", g.from - 1, ns[1].to);
        args.push({ kind: "Starred", value: this.expr(ns[1]), ctx: "Load", ...this.pos(ns[0].from, ns[1].to) });
        continue;
      }
      if (ns.length === 3 && ns[1].name === "AssignOp") {
        if (this.text(ns[1]) === ":=") {
          const target: A.Expr = { kind: "Name", id: this.text(ns[0]), ctx: "Store", ...this.pos(ns[0].from, ns[0].to) };
          args.push({ kind: "NamedExpr", target, value: this.expr(ns[2]), ...this.pos(ns[0].from, ns[2].to) });
          continue;
        }
        sawKeyword = true;
        const name = this.text(ns[0]);
        if (keywords.some((k) => k.arg === name)) this.report.raiseRange(`keyword argument repeated: ${name}`, ns[0].from, ns[2].to);
        keywords.push({ kind: "keyword", arg: this.text(ns[0]), value: this.expr(ns[2]), ...this.pos(ns[0].from, ns[2].to) });
        continue;
      }
      const value = this.groupExpr(g);
      // CPython raises these at its last token, the closing parenthesis.
      const close = argList.lastChild!;
      if (sawDoubleStar) this.report.raiseRange("positional argument follows keyword argument unpacking", close.from, close.to);
      if (sawKeyword) this.report.raiseRange("positional argument follows keyword argument", close.from, close.to);
      args.push(value);
    }
    return { args, keywords };
  }

  private member(node: SyntaxNode): A.Expr {
    const kids = this.children(node);
    const value = this.expr(kids[0]);
    const p = this.pos(node.from, node.to);
    if (kids[1].name === ".") {
      const attr = this.text(kids[2]);
      // Lezer accepts any word after a dot; Python's keywords are not attribute names.
      if (PYTHON_KEYWORDS.has(attr)) this.fail("invalid syntax", kids[2].from, kids[2].to);
      return { kind: "Attribute", value, attr, ctx: "Load", ...p };
    }
    const inner = kids.slice(2, -1);
    const open = kids[1];
    const close = kids[kids.length - 1];
    const { groups, trailingComma } = this.splitCommas(inner, open.to, close.from);
    const items = groups.map((g) => this.sliceItem(g));
    let slice: A.Expr;
    if (items.length === 1 && !trailingComma) slice = items[0];
    else {
      slice = { kind: "Tuple", elts: items, ctx: "Load", ...this.pos(inner[0].from, inner[inner.length - 1].to) };
    }
    return { kind: "Subscript", value, slice, ctx: "Load", ...p };
  }

  private sliceItem(g: Group): A.Expr {
    if (!g.nodes.some((k) => k.name === ":")) return this.groupExpr(g);
    const parts: (A.Expr | null)[] = [null];
    for (const k of g.nodes) {
      if (k.name === ":") parts.push(null);
      else parts[parts.length - 1] = this.expr(k);
    }
    const first = g.nodes[0];
    const last = g.nodes[g.nodes.length - 1];
    return { kind: "Slice", lower: parts[0], upper: parts[1] ?? null, step: parts[2] ?? null, ...this.pos(first.from, last.to) };
  }

  private dict(node: SyntaxNode): A.Expr {
    const inner = this.children(node).filter((k) => k.name !== "{" && k.name !== "}");
    const keys: (A.Expr | null)[] = [];
    const values: A.Expr[] = [];
    if (inner.length) {
      for (const g of this.splitCommas(inner, node.from + 1, node.to - 1).groups) {
        const ns = g.nodes;
        if (ns[0]?.name === "**") {
          keys.push(null);
          values.push(this.expr(ns[1]));
        } else if (ns.length === 3 && ns[1].name === ":") {
          keys.push(this.expr(ns[0]));
          values.push(this.expr(ns[2]));
        } else this.fail("invalid syntax", g.from, g.to);
      }
    }
    return { kind: "Dict", keys, values, ...this.pos(node.from, node.to) };
  }

  /**
   * Comprehensions and generator expressions. `nodes` are the element and clause tokens (for a
   * generator argument of a call they come from the ArgList, with from/to the call's parentheses).
   */
  private comprehension(node: SyntaxNode | null, from: number, to: number, nodes?: SyntaxNode[]): A.Expr {
    const all = nodes ?? this.children(node!).slice(1, -1);
    const p = this.pos(from, to);
    let i = all.findIndex((k) => k.name === "for" || k.name === "async");
    const head = all.slice(0, i);
    const generators: A.Comprehension[] = [];
    while (i < all.length) {
      const k = all[i];
      if (k.name === "async" || k.name === "for") {
        const isAsync = k.name === "async" ? 1 : 0;
        const forNode = isAsync ? all[i + 1] : k;
        const inIndex = all.findIndex((n, j) => j > i && n.name === "in");
        const target = this.expressionList(all.slice(all.indexOf(forNode) + 1, inIndex), forNode.to, all[inIndex].from);
        setContext(target, "Store", "comprehension", this.report, this.src);
        const iter = this.expr(all[inIndex + 1]);
        generators.push({ kind: "comprehension", target, iter, ifs: [], is_async: isAsync });
        i = inIndex + 2;
      } else if (k.name === "if") {
        generators[generators.length - 1].ifs.push(this.expr(all[i + 1]));
        i += 2;
      } else {
        this.fail("invalid syntax", k.from, k.to);
      }
    }
    const kindName = node?.name ?? "ComprehensionExpression";
    if (kindName === "DictionaryComprehensionExpression") {
      if (head[0].name === "**") {
        return this.report.raiseRange("dict unpacking cannot be used in dict comprehension", head[0].from, head[0].to);
      }
      return { kind: "DictComp", key: this.expr(head[0]), value: this.expr(head[2]), generators, ...p };
    }
    if (head[0].name === "*") {
      return this.report.raiseRange("iterable unpacking cannot be used in comprehension", head[0].from, head[1].to);
    }
    const elt = this.expr(head[0]);
    switch (kindName) {
      case "ArrayComprehensionExpression":
        return { kind: "ListComp", elt, generators, ...p };
      case "SetComprehensionExpression":
        return { kind: "SetComp", elt, generators, ...p };
      default:
        return { kind: "GeneratorExp", elt, generators, ...p };
    }
  }

  // ----------------------------------------------------------------------------------------
  // Strings

  /** One string literal or several implicitly concatenated ones. */
  private strings(pieces: SyntaxNode[], whole: SyntaxNode): A.Expr {
    const p = this.pos(whole.from, whole.to);
    const tokens = pieces.map((n) => ({ node: n, token: splitStringToken(this.text(n)) }));
    const bytesCount = tokens.filter((t) => t.token.isBytes).length;
    if (bytesCount > 0 && bytesCount < tokens.length) {
      // CPython raises this at the token after the literals.
      throw this.diagnose.atToken("cannot mix bytes and nonbytes literals", this.diagnose.tokenAfter(whole.to));
    }
    // CPython marks kind="u" only for a lowercase u prefix on the first piece.
    const constantKind = this.src.text[pieces[0].from] === "u" ? "u" : null;
    if (bytesCount > 0) {
      const parts = tokens.map((t) => this.decodeChecked(t.node, t.token, (issues) => decodeBytes(t.token.body, t.token.isRaw, issues)));
      const total = new Uint8Array(parts.reduce((n, b) => n + b.length, 0));
      let offset = 0;
      for (const b of parts) {
        total.set(b, offset);
        offset += b.length;
      }
      return { kind: "Constant", value: { type: "bytes", value: total }, constant_kind: null, ...p };
    }
    if (!tokens.some((t) => t.token.isFormat)) {
      const value = tokens
        .map((t) => (t.token.isRaw ? t.token.body : this.decodeChecked(t.node, t.token, (issues) => decodeStrEscapes(t.token.body, issues))))
        .join("");
      return { kind: "Constant", value: { type: "str", value }, constant_kind: constantKind, ...p };
    }
    const values: A.Expr[] = [];
    const builder = new FStringBuilder(values, (from, to) => this.pos(from, to));
    for (const t of tokens) {
      if (!t.token.isFormat) {
        const text = t.token.isRaw ? t.token.body : this.decodeChecked(t.node, t.token, (issues) => decodeStrEscapes(t.token.body, issues));
        builder.text(text, t.node.from, t.node.to);
      } else {
        this.fstringParts(t.node, t.token.isRaw, t.node.from + t.token.bodyStart, t.node.to - t.token.quote.length, builder);
      }
    }
    builder.flush();
    return { kind: "JoinedStr", values, ...p };
  }

  private decodeChecked<T>(node: SyntaxNode, token: ReturnType<typeof splitStringToken>, decode: (issues: DecodeIssue[]) => T): T {
    const issues: DecodeIssue[] = [];
    const value = decode(issues);
    let warned = false;
    for (const issue of issues) {
      if (issue.kind === "invalid-escape" || issue.kind === "invalid-octal") {
        // CPython warns about the first invalid escape of each string token only.
        if (warned) continue;
        warned = true;
        // CPython reports escape warnings on the line where the string token starts.
        this.report.warn(issue.message, node.from);
      } else if (issue.kind === "non-ascii-bytes") {
        this.report.raiseRange(issue.message, node.from, node.to);
      } else {
        const msg = `(unicode error) 'unicodeescape' codec can't decode bytes in position ${issue.index}-${issue.end ?? issue.index + 1}: ${issue.message}`;
        this.report.raiseRange(issue.kind === "named-unicode" ? issue.message : msg, node.from, node.to);
      }
    }
    return value;
  }

  /** Adds the literal text and replacement fields between `from` and `to` of an f-string. */
  private fstringParts(node: SyntaxNode, raw: boolean, from: number, to: number, builder: FStringBuilder): void {
    let cursor = from;
    // Each literal segment is its own token in CPython (FSTRING_MIDDLE), warned about once.
    const literal = (start: number, end: number): void => {
      const issues: DecodeIssue[] = [];
      builder.text(decodeFStringLiteral(this.src.text.slice(start, end), raw, issues), start, end);
      const first = issues[0];
      if (!first) return;
      if (first.kind === "invalid-escape" || first.kind === "invalid-octal") this.report.warn(first.message, node.from);
      else this.report.raiseRange(first.message, node.from, node.to);
    };
    for (const k of this.children(node)) {
      if (k.name !== "FormatReplacement") continue;
      if (k.from > cursor) literal(cursor, k.from);
      this.replacementField(k, raw, builder);
      cursor = k.to;
    }
    if (to > cursor) literal(cursor, to);
  }

  private replacementField(field: SyntaxNode, raw: boolean, builder: FStringBuilder): void {
    const kids = this.children(field);
    const open = kids[0];
    const close = kids[kids.length - 1];
    let exprEnd = kids.findIndex((k, i) => i > 0 && (k.name === "FormatSelfDoc" || k.name === "FormatConversion" || k.name === "FormatSpec" || k.name === "}"));
    if (exprEnd < 0) exprEnd = kids.length;
    const exprNodes = kids.slice(1, exprEnd);
    if (!exprNodes.length) this.report.raiseRange("f-string: valid expression required before '}'", close.from, close.to);
    const value = exprNodes.length === 1 && exprNodes[0].name === "YieldExpression"
      ? this.expr(exprNodes[0])
      : this.expressionList(exprNodes, open.to, kids[exprEnd]?.from ?? field.to);
    let conversion = -1;
    let format_spec: A.Expr | null = null;
    const selfDoc = kids.find((k) => k.name === "FormatSelfDoc");
    const conv = kids.find((k) => k.name === "FormatConversion");
    const spec = kids.find((k) => k.name === "FormatSpec");
    if (conv) conversion = conversionCodes[this.text(conv)];
    if (spec) {
      const specValues: A.Expr[] = [];
      const specBuilder = new FStringBuilder(specValues, (from, to) => this.pos(from, to));
      this.fstringParts(spec, raw, spec.from + 1, spec.to, specBuilder);
      specBuilder.flush();
      format_spec = { kind: "JoinedStr", values: specValues, ...this.pos(spec.from, spec.to) };
    }
    if (selfDoc) {
      const debugEnd = conv?.from ?? spec?.from ?? close.from;
      builder.text(this.src.text.slice(open.to, debugEnd), open.to, debugEnd);
      if (!conv && !spec) conversion = 114;
    }
    builder.value({ kind: "FormattedValue", value, conversion, format_spec, ...this.pos(field.from, field.to) });
  }
}

/** Collects JoinedStr parts, merging adjacent literal text into one Constant as CPython does. */
class FStringBuilder {
  private pending = "";
  private pendingFrom = -1;
  private pendingTo = -1;
  constructor(
    private readonly values: A.Expr[],
    private readonly pos: (from: number, to: number) => A.Located,
  ) {}
  /** Literal text decoded from the source span [from, to). */
  text(s: string, from: number, to: number): void {
    if (this.pendingFrom < 0) this.pendingFrom = from;
    this.pendingTo = to;
    this.pending += s;
  }
  value(v: A.Expr): void {
    this.flush();
    this.values.push(v);
  }
  flush(): void {
    if (this.pending) {
      this.values.push({ kind: "Constant", value: { type: "str", value: this.pending }, constant_kind: null, ...this.pos(this.pendingFrom, this.pendingTo) });
    }
    this.pending = "";
    this.pendingFrom = -1;
  }
}

/** CPython's _PyPegen_get_expr_name: how error messages name an expression. */
export function exprName(e: A.Expr): string {
  switch (e.kind) {
    case "Attribute": return "attribute";
    case "Subscript": return "subscript";
    case "Starred": return "starred";
    case "Name": return "name";
    case "List": return "list";
    case "Tuple": return "tuple";
    case "Lambda": return "lambda";
    case "Call": return "function call";
    case "BoolOp": case "BinOp": case "UnaryOp": return "expression";
    case "GeneratorExp": return "generator expression";
    case "Yield": case "YieldFrom": return "yield expression";
    case "Await": return "await expression";
    case "ListComp": return "list comprehension";
    case "SetComp": return "set comprehension";
    case "DictComp": return "dict comprehension";
    case "Dict": return "dict literal";
    case "Set": return "set display";
    case "JoinedStr": case "FormattedValue": return "f-string expression";
    case "Constant":
      switch (e.value.type) {
        case "None": return "None";
        case "bool": return e.value.value ? "True" : "False";
        case "Ellipsis": return "ellipsis";
        default: return "literal";
      }
    case "Compare": return "comparison";
    case "IfExp": return "conditional expression";
    case "NamedExpr": return "named expression";
    case "Slice": return "slice";
  }
}

/** Whether an expression is at or below the bitwise_or level of Python's grammar. */
function isBitwiseOrLevel(e: A.Expr): boolean {
  switch (e.kind) {
    case "Compare": case "BoolOp": case "IfExp": case "Lambda": case "NamedExpr": case "Starred":
    case "Yield": case "YieldFrom":
      return false;
    case "UnaryOp":
      return e.op !== "Not";
    default:
      return true;
  }
}

/** The bitwise_or an expression starts with (`a` in `a < b`, `x` in `x if c else y`), or null. */
function leadingBitwiseOr(e: A.Expr): A.Expr | null {
  switch (e.kind) {
    case "Compare": return leadingBitwiseOr(e.left);
    case "BoolOp": return leadingBitwiseOr(e.values[0]);
    case "IfExp": return leadingBitwiseOr(e.body);
    case "Lambda": case "NamedExpr": case "Starred": case "Yield": case "YieldFrom": return null;
    case "UnaryOp": return e.op === "Not" ? null : e;
    default: return e;
  }
}
