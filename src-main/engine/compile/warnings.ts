// The SyntaxWarnings CPython 3.13's compiler emits (compile.c check_caller, check_subscripter,
// check_index): calling or subscripting a literal that cannot be, and indexing a sequence literal
// with a non-integer constant ("perhaps you missed a comma?"). They are reported when the code is
// compiled, before it runs. (check_compare, `is` with a literal, is done by parse/scope-check.ts.)
import type * as A from "../parse/ast";

export interface CompilerWarning {
  message: string;
  lineno: number;
}

const CONSTANT_TYPE_NAMES: Record<A.ConstantValue["type"], string> = {
  int: "int", float: "float", complex: "complex", str: "str", bytes: "bytes", bool: "bool", None: "NoneType", Ellipsis: "ellipsis",
};

/** compile.c infer_type: the type name an expression's value surely has, or null. */
function inferType(e: A.Expr): string | null {
  switch (e.kind) {
    case "Tuple": return "tuple";
    case "List": case "ListComp": return "list";
    case "Dict": case "DictComp": return "dict";
    case "Set": case "SetComp": return "set";
    case "GeneratorExp": return "generator";
    case "Lambda": return "function";
    case "JoinedStr": case "FormattedValue": return "str";
    case "Constant": return CONSTANT_TYPE_NAMES[e.value.type];
    default: return null;
  }
}

export function checkCaller(e: A.Expr): CompilerWarning | null {
  switch (e.kind) {
    case "Constant": case "Tuple": case "List": case "ListComp": case "Dict": case "DictComp":
    case "Set": case "SetComp": case "GeneratorExp": case "JoinedStr": case "FormattedValue":
      return { message: `'${inferType(e)}' object is not callable; perhaps you missed a comma?`, lineno: e.lineno };
    default:
      return null;
  }
}

export function checkSubscripter(e: A.Expr): CompilerWarning | null {
  switch (e.kind) {
    case "Constant": {
      const t = e.value.type;
      if (!(t === "None" || t === "Ellipsis" || t === "int" || t === "bool" || t === "float" || t === "complex")) return null;
      break;
    }
    case "Set": case "SetComp": case "GeneratorExp": case "Lambda":
      break;
    default:
      return null;
  }
  return { message: `'${inferType(e)}' object is not subscriptable; perhaps you missed a comma?`, lineno: e.lineno };
}

export function checkIndex(e: A.Expr, index: A.Expr): CompilerWarning | null {
  const indexType = inferType(index);
  if (indexType === null || indexType === "int" || indexType === "bool") return null;
  switch (e.kind) {
    case "Constant":
      if (!(e.value.type === "str" || e.value.type === "bytes")) return null;
      break;
    case "Tuple": case "List": case "ListComp": case "JoinedStr": case "FormattedValue":
      break;
    default:
      return null;
  }
  return { message: `${inferType(e)} indices must be integers or slices, not ${indexType}; perhaps you missed a comma?`, lineno: e.lineno };
}
