// The instruction set: CPython 3.13's opcode names. Jump arguments are absolute instruction
// indices. SETUP_FINALLY / SETUP_CLEANUP / SETUP_WITH / POP_BLOCK are real instructions here
// (CPython turns them into an exception table); the VM keeps a block stack for them.
export const enum Op {
  NOP,
  POP_TOP,
  PUSH_NULL,
  END_FOR,
  COPY,
  SWAP,
  LOAD_CONST,
  RETURN_CONST,
  RETURN_VALUE,
  LOAD_FAST,
  LOAD_FAST_CHECK,
  LOAD_FAST_AND_CLEAR,
  STORE_FAST,
  DELETE_FAST,
  LOAD_DEREF,
  STORE_DEREF,
  DELETE_DEREF,
  MAKE_CELL,
  COPY_FREE_VARS,
  LOAD_CLOSURE,
  LOAD_GLOBAL,
  STORE_GLOBAL,
  DELETE_GLOBAL,
  LOAD_NAME,
  STORE_NAME,
  DELETE_NAME,
  LOAD_ATTR,
  STORE_ATTR,
  DELETE_ATTR,
  BINARY_OP,
  UNARY_NEGATIVE,
  UNARY_NOT,
  UNARY_INVERT,
  UNARY_POSITIVE,
  COMPARE_OP,
  IS_OP,
  CONTAINS_OP,
  TO_BOOL,
  BINARY_SUBSCR,
  STORE_SUBSCR,
  DELETE_SUBSCR,
  BINARY_SLICE,
  STORE_SLICE,
  BUILD_SLICE,
  BUILD_LIST,
  BUILD_TUPLE,
  BUILD_MAP,
  BUILD_SET,
  BUILD_STRING,
  LIST_APPEND,
  SET_ADD,
  MAP_ADD,
  LIST_EXTEND,
  SET_UPDATE,
  DICT_UPDATE,
  DICT_MERGE,
  LIST_TO_TUPLE,
  FORMAT_SIMPLE,
  FORMAT_WITH_SPEC,
  CONVERT_VALUE,
  POP_JUMP_IF_FALSE,
  POP_JUMP_IF_TRUE,
  POP_JUMP_IF_NONE,
  POP_JUMP_IF_NOT_NONE,
  JUMP_FORWARD,
  JUMP_BACKWARD,
  JUMP_IF_FALSE_OR_POP,
  JUMP_IF_TRUE_OR_POP,
  GET_ITER,
  FOR_ITER,
  CALL,
  CALL_KW,
  CALL_FUNCTION_EX,
  MAKE_FUNCTION,
  SET_FUNCTION_ATTRIBUTE,
  LOAD_BUILD_CLASS,
  RETURN_GENERATOR,
  YIELD_VALUE,
  RESUME,
  SEND,
  END_SEND,
  GET_YIELD_FROM_ITER,
  RAISE_VARARGS,
  RERAISE,
  PUSH_EXC_INFO,
  POP_EXCEPT,
  CHECK_EXC_MATCH,
  SETUP_FINALLY,
  SETUP_CLEANUP,
  SETUP_WITH,
  POP_BLOCK,
  BEFORE_WITH,
  WITH_EXCEPT_START,
  UNPACK_SEQUENCE,
  UNPACK_EX,
  IMPORT_NAME,
  IMPORT_FROM,
  LOAD_ASSERTION_ERROR,
  LOAD_LOCALS,
  CALL_INTRINSIC_1,
  CLEANUP_THROW,
}

export const OP_NAMES = [
  "NOP", "POP_TOP", "PUSH_NULL", "END_FOR", "COPY", "SWAP", "LOAD_CONST", "RETURN_CONST", "RETURN_VALUE",
  "LOAD_FAST", "LOAD_FAST_CHECK", "LOAD_FAST_AND_CLEAR", "STORE_FAST", "DELETE_FAST", "LOAD_DEREF",
  "STORE_DEREF", "DELETE_DEREF", "MAKE_CELL", "COPY_FREE_VARS", "LOAD_CLOSURE", "LOAD_GLOBAL",
  "STORE_GLOBAL", "DELETE_GLOBAL", "LOAD_NAME", "STORE_NAME", "DELETE_NAME", "LOAD_ATTR", "STORE_ATTR",
  "DELETE_ATTR", "BINARY_OP", "UNARY_NEGATIVE", "UNARY_NOT", "UNARY_INVERT", "UNARY_POSITIVE",
  "COMPARE_OP", "IS_OP", "CONTAINS_OP", "TO_BOOL", "BINARY_SUBSCR", "STORE_SUBSCR", "DELETE_SUBSCR",
  "BINARY_SLICE", "STORE_SLICE", "BUILD_SLICE", "BUILD_LIST", "BUILD_TUPLE", "BUILD_MAP", "BUILD_SET",
  "BUILD_STRING", "LIST_APPEND", "SET_ADD", "MAP_ADD", "LIST_EXTEND", "SET_UPDATE", "DICT_UPDATE",
  "DICT_MERGE", "LIST_TO_TUPLE", "FORMAT_SIMPLE", "FORMAT_WITH_SPEC", "CONVERT_VALUE",
  "POP_JUMP_IF_FALSE", "POP_JUMP_IF_TRUE", "POP_JUMP_IF_NONE", "POP_JUMP_IF_NOT_NONE", "JUMP_FORWARD",
  "JUMP_BACKWARD", "JUMP_IF_FALSE_OR_POP", "JUMP_IF_TRUE_OR_POP", "GET_ITER", "FOR_ITER", "CALL",
  "CALL_KW", "CALL_FUNCTION_EX", "MAKE_FUNCTION", "SET_FUNCTION_ATTRIBUTE", "LOAD_BUILD_CLASS",
  "RETURN_GENERATOR", "YIELD_VALUE", "RESUME", "SEND", "END_SEND", "GET_YIELD_FROM_ITER",
  "RAISE_VARARGS", "RERAISE", "PUSH_EXC_INFO", "POP_EXCEPT", "CHECK_EXC_MATCH", "SETUP_FINALLY",
  "SETUP_CLEANUP", "SETUP_WITH", "POP_BLOCK", "BEFORE_WITH", "WITH_EXCEPT_START", "UNPACK_SEQUENCE",
  "UNPACK_EX", "IMPORT_NAME", "IMPORT_FROM", "LOAD_ASSERTION_ERROR", "LOAD_LOCALS", "CALL_INTRINSIC_1",
  "CLEANUP_THROW",
];

/** BINARY_OP arguments (CPython's NB_* order). */
export const enum BinOp {
  ADD, AND, FLOOR_DIVIDE, LSHIFT, MATRIX_MULTIPLY, MULTIPLY, REMAINDER, OR, POWER, RSHIFT, SUBTRACT,
  TRUE_DIVIDE, XOR,
  INPLACE_ADD, INPLACE_AND, INPLACE_FLOOR_DIVIDE, INPLACE_LSHIFT, INPLACE_MATRIX_MULTIPLY,
  INPLACE_MULTIPLY, INPLACE_REMAINDER, INPLACE_OR, INPLACE_POWER, INPLACE_RSHIFT, INPLACE_SUBTRACT,
  INPLACE_TRUE_DIVIDE, INPLACE_XOR,
}
export const BINOP_SYMBOLS = ["+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^"];

/** COMPARE_OP arguments. */
export const enum CmpOp { LT, LE, EQ, NE, GT, GE }
export const CMP_SYMBOLS = ["<", "<=", "==", "!=", ">", ">="];

/** SET_FUNCTION_ATTRIBUTE flags. */
export const MAKE_DEFAULTS = 1;
export const MAKE_KWDEFAULTS = 2;
export const MAKE_CLOSURE = 8;

/** CALL_INTRINSIC_1 arguments used here. */
export const INTRINSIC_PRINT = 1;
export const INTRINSIC_STOPITERATION_ERROR = 3;
export const INTRINSIC_UNARY_POSITIVE = 5;
export const INTRINSIC_LIST_TO_TUPLE = 6;

/**
 * Net stack effect of an instruction when it falls through (jump = false) or jumps.
 * Used to compute co_stacksize the way CPython's assembler does.
 */
export function stackEffect(op: Op, arg: number, jump: boolean): number {
  switch (op) {
    case Op.NOP: case Op.RESUME: case Op.MAKE_CELL: case Op.COPY_FREE_VARS: case Op.JUMP_FORWARD:
    case Op.JUMP_BACKWARD: case Op.POP_BLOCK: case Op.UNARY_NEGATIVE: case Op.UNARY_NOT:
    case Op.UNARY_INVERT: case Op.UNARY_POSITIVE: case Op.TO_BOOL: case Op.GET_ITER: case Op.SWAP:
    case Op.FORMAT_SIMPLE: case Op.CONVERT_VALUE: case Op.DELETE_FAST: case Op.DELETE_DEREF:
    case Op.DELETE_GLOBAL: case Op.DELETE_NAME: case Op.CALL_INTRINSIC_1: case Op.LIST_TO_TUPLE:
    case Op.GET_YIELD_FROM_ITER: case Op.YIELD_VALUE: case Op.RETURN_CONST: case Op.CHECK_EXC_MATCH:
      return 0;
    case Op.SETUP_FINALLY:
      return jump ? 1 : 0;
    case Op.SETUP_CLEANUP:
      return jump ? 2 : 0;
    case Op.SETUP_WITH:
      return jump ? 1 : 0;
    case Op.POP_TOP: case Op.END_FOR: case Op.RETURN_VALUE: case Op.STORE_FAST: case Op.STORE_DEREF:
    case Op.STORE_GLOBAL: case Op.STORE_NAME: case Op.DELETE_ATTR: case Op.BINARY_OP:
    case Op.COMPARE_OP: case Op.IS_OP: case Op.CONTAINS_OP: case Op.BINARY_SUBSCR:
    case Op.LIST_APPEND: case Op.SET_ADD: case Op.LIST_EXTEND: case Op.SET_UPDATE: case Op.DICT_UPDATE:
    case Op.DICT_MERGE: case Op.FORMAT_WITH_SPEC: case Op.POP_JUMP_IF_FALSE: case Op.POP_JUMP_IF_TRUE:
    case Op.POP_JUMP_IF_NONE: case Op.POP_JUMP_IF_NOT_NONE: case Op.POP_EXCEPT: case Op.IMPORT_NAME:
    case Op.END_SEND: case Op.SET_FUNCTION_ATTRIBUTE: case Op.CLEANUP_THROW:
      return -1;
    case Op.JUMP_IF_FALSE_OR_POP: case Op.JUMP_IF_TRUE_OR_POP:
      return jump ? 0 : -1;
    case Op.PUSH_NULL: case Op.COPY: case Op.LOAD_CONST: case Op.LOAD_FAST: case Op.LOAD_FAST_CHECK:
    case Op.LOAD_FAST_AND_CLEAR: case Op.LOAD_DEREF: case Op.LOAD_CLOSURE: case Op.LOAD_NAME:
    case Op.LOAD_BUILD_CLASS: case Op.LOAD_ASSERTION_ERROR: case Op.LOAD_LOCALS: case Op.PUSH_EXC_INFO:
    case Op.BEFORE_WITH: case Op.IMPORT_FROM: case Op.RETURN_GENERATOR: case Op.WITH_EXCEPT_START:
      return 1;
    case Op.LOAD_GLOBAL:
      return (arg & 1) + 1;
    case Op.LOAD_ATTR:
      return arg & 1;
    case Op.STORE_ATTR: case Op.DELETE_SUBSCR: case Op.MAP_ADD:
      return -2;
    case Op.STORE_SUBSCR: case Op.STORE_SLICE:
      return op === Op.STORE_SLICE ? -4 : -3;
    case Op.BINARY_SLICE:
      return -2;
    case Op.BUILD_SLICE:
      return 1 - arg;
    case Op.BUILD_LIST: case Op.BUILD_TUPLE: case Op.BUILD_SET: case Op.BUILD_STRING:
      return 1 - arg;
    case Op.BUILD_MAP:
      return 1 - 2 * arg;
    case Op.FOR_ITER:
      return jump ? -1 : 1;
    case Op.SEND:
      return 0;
    case Op.CALL:
      return -1 - arg;
    case Op.CALL_KW:
      return -2 - arg;
    case Op.CALL_FUNCTION_EX:
      return -2 - (arg & 1);
    case Op.MAKE_FUNCTION:
      return 0;
    case Op.RAISE_VARARGS:
      return -arg;
    case Op.RERAISE:
      return -1;
    case Op.UNPACK_SEQUENCE:
      return arg - 1;
    case Op.UNPACK_EX:
      return (arg & 0xff) + (arg >> 8);
  }
}
