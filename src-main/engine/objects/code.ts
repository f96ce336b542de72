// Code objects: the compiler's output for one function, class body or module.
import { allocObject, builtinType, decref, freeObject, PyObject, type Visit } from "./object";
import type { PyStr } from "./str";

export const codeType = builtinType({ name: "code", basicsize: 200 });

export const CO_OPTIMIZED = 0x1;
export const CO_NEWLOCALS = 0x2;
export const CO_VARARGS = 0x4;
export const CO_VARKEYWORDS = 0x8;
export const CO_NESTED = 0x10;
export const CO_GENERATOR = 0x20;

/** Per-instruction source position (for tracebacks and line stepping). */
export interface Position {
  lineno: number;
  endLineno: number;
  col: number;
  endCol: number;
}

export class PyCode extends PyObject {
  /** Pairs of (opcode, oparg). */
  code!: Int32Array;
  /** Line of each instruction (index = instruction number). */
  lines!: Int32Array;
  /** Whether instruction i starts a new line (a line event fires before it). */
  lineStarts!: Uint8Array;
  positions: Position[] = [];
  consts: PyObject[] = [];
  /** co_names as JS strings and as interned str objects. */
  names: string[] = [];
  nameObjs: PyStr[] = [];
  /** localsplus names: varnames, then cell-only vars, then free vars. */
  localsplusNames: string[] = [];
  nlocals = 0;
  ncells = 0;
  nfrees = 0;
  /** For each cell slot, the argument index it is initialised from, or -1. */
  cell2arg: number[] = [];
  argcount = 0;
  posonlyargcount = 0;
  kwonlyargcount = 0;
  flags = 0;
  stacksize = 0;
  name = "";
  nameObj!: PyStr;
  qualnameObj!: PyStr;
  qualname = "";
  filename = "";
  firstlineno = 1;
  /** Index of the first instruction to run (after MAKE_CELL/COPY_FREE_VARS/RETURN_GENERATOR). */
  startPc = 0;
  /** Parameters that are also cells. */
  cellvarsSet: Set<string> | undefined = undefined;
  /** Finished frames of this code kept for reuse (vm/frame.ts takeFrame/releaseFrame). */
  framePool: unknown[] = [];
  /** Keyword-argument names of each CALL_KW site are constant tuples; nothing extra here. */
  constructor() {
    super(codeType);
  }
  get nlocalsplus(): number {
    return this.nlocals + this.ncells + this.nfrees;
  }
  get varnames(): string[] {
    return this.localsplusNames.slice(0, this.nlocals);
  }
  /** co_cellvars: parameters that are also cells (they keep their argument slot), then the cell-only slots. */
  get cellvars(): string[] {
    const cellParams = this.varnames.filter((n) => this.cellvarsSet?.has(n) === true);
    return [...cellParams, ...this.localsplusNames.slice(this.nlocals, this.nlocals + this.ncells)];
  }
  get freevars(): string[] {
    return this.localsplusNames.slice(this.nlocals + this.ncells);
  }
  override dealloc(): void {
    for (const c of this.consts) decref(c);
    for (const n of this.nameObjs) decref(n);
    if (this.nameObj) decref(this.nameObj);
    if (this.qualnameObj) decref(this.qualnameObj);
    this.consts = [];
    freeObject(this, false);
  }
  override traverse(visit: Visit): void {
    this.consts.forEach((c, i) => visit(c, `co_consts[${i}]`));
  }
}

export function newCode(): PyCode {
  const c = new PyCode();
  allocObject(c, 200, false);
  return c;
}
