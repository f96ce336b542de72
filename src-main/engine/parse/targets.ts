/**
 * Assignment targets: sets ctx (Store/Del) through tuples, lists and starred items, and rejects
 * what CPython's grammar cannot assign to, with CPython's messages (invalid_assignment,
 * invalid_del_stmt, invalid_for_target, invalid_with_item, invalid_comprehension rules).
 */
import type { Expr, ExprContext } from "./ast";
import { exprName } from "./lower";
import type { SyntaxErrorReporter } from "./reporter";
import type { SourceText } from "./source-text";

export type TargetSite = "assign" | "augassign" | "for" | "with" | "del" | "comprehension";

/** The first sub-expression that cannot be a target (CPython's _PyPegen_get_invalid_target), or null. */
export function invalidTarget(e: Expr, site: TargetSite): Expr | null {
  switch (e.kind) {
    case "Name":
    case "Attribute":
    case "Subscript":
      return null;
    case "Starred":
      if (site === "del") return e;
      return invalidTarget(e.value, site);
    case "List":
    case "Tuple":
      for (const elt of e.elts) {
        const bad = invalidTarget(elt, site);
        if (bad) return bad;
      }
      return null;
    case "Compare":
      // CPython reports `for x in y in z` style errors on the left side of `in`.
      if (site === "for" && e.ops[0] === "In") return invalidTarget(e.left, site);
      return e;
    default:
      return e;
  }
}

export function setContext(e: Expr, ctx: ExprContext, site: TargetSite, report: SyntaxErrorReporter, _src: SourceText): void {
  const bad = invalidTarget(e, site);
  if (bad) {
    const name = exprName(bad);
    if (site === "del") report.raiseAt(`cannot delete ${name}`, bad);
    if (site === "assign" && (bad.kind === "Yield" || bad.kind === "YieldFrom")) {
      report.raiseAt("assignment to yield expression not possible", bad);
    }
    if (site === "assign" && bad.kind === "Starred" && e.kind === "Starred") {
      report.raiseAt("starred assignment target must be in a list or tuple", bad);
    }
    report.raiseAt(`cannot assign to ${name}`, bad);
  }
  if (e.kind === "Starred" && (site === "assign" || site === "for") && e === e) {
    // A bare starred target outside a tuple or list is checked by the caller's context.
  }
  apply(e, ctx);
}

function apply(e: Expr, ctx: ExprContext): void {
  switch (e.kind) {
    case "Name":
    case "Attribute":
    case "Subscript":
      e.ctx = ctx;
      return;
    case "Starred":
      e.ctx = ctx;
      apply(e.value, ctx);
      return;
    case "List":
    case "Tuple":
      e.ctx = ctx;
      for (const elt of e.elts) apply(elt, ctx);
      return;
    default:
      return;
  }
}

/** Augmented assignment accepts only a single name, attribute or subscript. */
export function checkAugTarget(e: Expr, report: SyntaxErrorReporter, _src: SourceText): void {
  if (e.kind === "Name" || e.kind === "Attribute" || e.kind === "Subscript") return;
  report.raiseAt(`'${exprName(e)}' is an illegal expression for augmented assignment`, e);
}
