// sys: getrefcount, getsizeof, intern, recursion limit, stdout.write, modules.
import { decref, PyObject, isImmortal } from "../objects/object";
import { newInt, PyInt, IntOrigin } from "../objects/int";
import { PyStr, newStr, internStr } from "../objects/str";
import { None } from "../objects/singletons";
import { newTuple } from "../objects/tuple";
import { newList } from "../objects/list";
import { nativeModule } from "./util";
import { interp, topmostException } from "../vm/interp";
import { IMMORTAL_REFCNT, IMMORTAL_REFCNT_REPORTED } from "../profile";
import { sizeofObject } from "../vm/sizeof";
import { typeError, valueError } from "../vm/errors";
import { builtinType, PyObject as PyObj } from "../objects/object";
import { PyModule } from "../objects/module";
import { debugmallocstats } from "../heap/pymalloc-stats";
import { getFrameObject } from "../vm/frame";

const stdoutType = builtinType({ name: "TextIOWrapper", module: "_io" });
class StdStream extends PyObj {
  constructor(readonly stream: "stdout" | "stderr") {
    super(stdoutType);
    this.refcnt = IMMORTAL_REFCNT;
  }
  override dealloc(): void {}
}

export function makeSysModule(): PyModule {
  const out = new StdStream("stdout");
  const err = new StdStream("stderr");
  const { PyMethodDescr } = fnMod;
  stdoutType.dict.set("write", new PyMethodDescr("write", (self, args) => {
    const s = args[0];
    if (!(s instanceof PyStr)) typeError(`write() argument must be str, not ${s.type.name}`);
    interp.write((self as StdStream).stream, s.value);
    return newInt(s.length);
  }, stdoutType));
  stdoutType.dict.set("flush", new PyMethodDescr("flush", () => None, stdoutType));
  const m = nativeModule("sys", {
    getrefcount(_s, args) {
      const o = args[0];
      // The argument reference the caller holds is already in ob_refcnt.
      return newInt(isImmortal(o) ? IMMORTAL_REFCNT_REPORTED : o.refcnt, IntOrigin.Exact);
    },
    getsizeof(_s, args) {
      return newInt(sizeofObject(args[0]), IntOrigin.Exact);
    },
    intern(_s, args) {
      const s = args[0];
      if (!(s instanceof PyStr)) typeError(`intern() argument must be str, not ${s.type.name}`);
      return internStr(s);
    },
    getrecursionlimit() {
      return newInt(interp.recursionLimit);
    },
    setrecursionlimit(_s, args) {
      const n = Number((args[0] as PyInt).value);
      if (n < 1) valueError("recursion limit must be greater or equal than 1");
      interp.recursionLimit = n;
      return None;
    },
    /** sys._getframe([depth]): the frame object of the caller, or of one `depth` calls further out. */
    _getframe(_s, args) {
      let depth = 0;
      if (args.length > 0) {
        const d = args[0];
        if (!(d instanceof PyInt)) typeError(`'${d.type.name}' object cannot be interpreted as an integer`);
        depth = Number(d.value);
      }
      let f = interp.frame;
      for (; f !== null && depth > 0; depth--) f = f.back;
      if (f === null) valueError("call stack is not deep enough");
      const fo = getFrameObject(f);
      fo.refcnt++;
      return fo;
    },
    exc_info() {
      const e = topmostException();
      if (e === null) return newTuple([None, None, None]);
      e.type.refcnt++;
      e.refcnt++;
      return newTuple([e.type, e, None]);
    },
    exception() {
      const e = topmostException() ?? None;
      e.refcnt++;
      return e;
    },
    exit(_s, args): PyObject {
      const { raise, SystemExit } = excMod;
      void args;
      return raise(SystemExit);
    },
    getallocatedblocks() {
      // _Py_GetAllocatedBlocks(): pymalloc's live blocks plus the raw ones it handed out.
      const h = interp.heap;
      return newInt(h.pymalloc !== null ? h.pymalloc.getAllocatedBlocks() : h.blockCount);
    },
    _debugmallocstats() {
      const h = interp.heap;
      if (h.pymalloc !== null) {
        const tuples: number[] = [];
        for (let n = 1; n <= 20; n++) tuples.push(h.tupleFreeLists[n]?.length ?? 0);
        const freelists = { dicts: h.freeLists.dict.length, dictKeys: h.freeLists.dictKeys.length, floats: h.freeLists.float.length, lists: h.freeLists.list.length, tuples };
        interp.write("stderr", debugmallocstats(h.pymalloc, freelists));
      }
      return None;
    },
    stdout: out,
    stderr: err,
    maxsize: newInt(9223372036854775807n),
    version: newStr("3.13.0 (heapwise engine)"),
    platform: newStr("linux"),
    byteorder: newStr("little"),
  });
  const argv = newList([newStr(interp.filename)]);
  const k = newStr("argv");
  const { dictSetItem } = dictMod;
  dictSetItem(m.dict, k, argv);
  decref(k);
  decref(argv);
  const vi = newTuple([newInt(3), newInt(13), newInt(0), newStr("final"), newInt(0)]);
  const k2 = newStr("version_info");
  dictSetItem(m.dict, k2, vi);
  decref(k2);
  decref(vi);
  return m;
}
import * as fnMod from "../objects/function";
import * as excMod from "../objects/exceptions";
import * as dictMod from "../objects/dict";
