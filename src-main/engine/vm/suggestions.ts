// "Did you mean: 'x'?" for NameError and AttributeError, as CPython 3.13's traceback module adds it
// when printing (traceback._compute_suggestion_error and Python/suggestions.c). The candidate
// names are captured when the error is raised (the innermost frame's locals, globals and builtins,
// or dir(obj)); the text is computed only if the exception is printed.
import { AttributeError, NameError, newException, PyErr, type PyBaseException } from "../objects/exceptions";
import { decref, incref, PyObject, PyType } from "../objects/object";
import { newStr, PyStr } from "../objects/str";
import type { PyDict } from "../objects/dict";
import { PyInstance, instanceAttrNames, instanceHasAttr } from "../objects/instance";
import { interp } from "./interp";
import type { Frame } from "./frame";
import { STDLIB_MODULE_NAMES } from "./stdlib-module-names";

const MAX_CANDIDATE_ITEMS = 750;
const MAX_STRING_SIZE = 40;
const MOVE_COST = 2;
const CASE_COST = 1;

function substitutionCost(a: string, b: string): number {
  if (a === b) return 0;
  if (a.toLowerCase() === b.toLowerCase()) return CASE_COST;
  return MOVE_COST;
}

/** suggestions.c levenshtein_distance: edit distance with cheap case changes, bailing out above maxCost. */
export function levenshteinDistance(a: string, b: string, maxCost: number): number {
  if (a === b) return 0;
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  a = a.slice(pre);
  b = b.slice(pre);
  let post = 0;
  while (post < a.length && post < b.length && a[a.length - 1 - post] === b[b.length - 1 - post]) post++;
  a = a.slice(0, a.length - post);
  b = b.slice(0, b.length - post);
  if (a === "" || b === "") return MOVE_COST * (a.length + b.length);
  if (a.length > MAX_STRING_SIZE || b.length > MAX_STRING_SIZE) return maxCost + 1;
  if (b.length < a.length) [a, b] = [b, a];
  if ((b.length - a.length) * MOVE_COST > maxCost) return maxCost + 1;
  const row: number[] = [];
  for (let i = 1; i <= a.length; i++) row.push(i * MOVE_COST);
  let result = 0;
  for (let bi = 0; bi < b.length; bi++) {
    const bch = b[bi];
    let distance = (result = bi * MOVE_COST);
    let minimum = Number.MAX_SAFE_INTEGER;
    for (let i = 0; i < a.length; i++) {
      const substitute = distance + substitutionCost(bch, a[i]);
      distance = row[i];
      const insertDelete = Math.min(result, distance) + MOVE_COST;
      result = Math.min(insertDelete, substitute);
      row[i] = result;
      if (result < minimum) minimum = result;
    }
    if (minimum > maxCost) return maxCost + 1;
  }
  return result;
}

/** The closest candidate to `wrong`, or null (suggestions.c calculate_suggestions). */
export function closestName(candidates: readonly string[], wrong: string): string | null {
  if (candidates.length > MAX_CANDIDATE_ITEMS || wrong.length > MAX_STRING_SIZE) return null;
  // As suggestions.c (not traceback.py's fallback, which starts from len(wrong)).
  let best = Number.MAX_SAFE_INTEGER;
  let suggestion: string | null = null;
  for (const name of candidates) {
    if (name === wrong) continue;
    let maxDistance = Math.floor(((name.length + wrong.length + 3) * MOVE_COST) / 6);
    maxDistance = Math.min(maxDistance, best - 1);
    const d = levenshteinDistance(wrong, name, maxDistance);
    if (d > maxDistance) continue;
    if (suggestion === null || d < best) {
      suggestion = name;
      best = d;
    }
  }
  return suggestion;
}

function strKeys(d: PyDict | null): string[] {
  const out: string[] = [];
  if (d === null) return out;
  for (const e of d.map.values()) if (e.key instanceof PyStr) out.push(e.key.value);
  return out;
}

function frameLocalNames(f: Frame): string[] {
  if (f.locals !== null) return strKeys(f.locals);
  const out: string[] = [];
  f.code.localsplusNames.forEach((n, i) => {
    if (f.localsplus[i] !== null) out.push(n);
  });
  return out;
}

function frameSelf(f: Frame | null): PyObject | null {
  if (f === null || f.locals !== null) return f?.locals?.map.get("self")?.value ?? null;
  const i = f.code.localsplusNames.indexOf("self");
  return i >= 0 && i < f.code.nlocals ? f.localsplus[i] : null;
}

/** Raises NameError for `name` in frame `f`, remembering what the printed hint needs. */
export function raiseNameError(name: string, f: Frame): never {
  const exc = newException(NameError, [newStr(`name '${name}' is not defined`)]);
  exc.attrName = name;
  const candidates = [...frameLocalNames(f), ...strKeys(f.globals), ...strKeys(f.builtins)];
  const self = frameSelf(f);
  const selfHasName = self !== null && selfHasAttr(self, name);
  exc.suggest = () => {
    const suggestion = selfHasName ? `self.${name}` : closestName(candidates, name);
    let text = suggestion ? `. Did you mean: '${suggestion}'?` : "";
    if (STDLIB_MODULE_NAMES.has(name)) text += suggestion ? ` Or did you forget to import '${name}'?` : `. Did you forget to import '${name}'?`;
    return text;
  };
  throw new PyErr(exc);
}

function selfHasAttr(self: PyObject, name: string): boolean {
  if (self instanceof PyInstance && instanceHasAttr(self, name)) return true;
  return self.type.lookup(name) !== null;
}

/** dir(obj) without calling Python code: instance attributes plus everything on the MRO. */
function dirNames(o: PyObject): string[] {
  const names = new Set<string>();
  if (o instanceof PyInstance) for (const k of instanceAttrNames(o)) names.add(k);
  for (const t of (o instanceof PyType ? o : o.type).mro) for (const k of t.dict.keys()) names.add(k);
  return [...names].sort();
}

/** Raises AttributeError(message) whose printed form suggests a close attribute of `obj`. */
export function raiseAttributeError(message: string, obj: PyObject, name: string): never {
  const exc = newException(AttributeError, [newStr(message)]);
  attachAttributeContext(exc, obj, name);
  throw new PyErr(exc);
}

/** Sets AttributeError's name/obj (set_attribute_error_context): the error holds a reference to obj. */
export function attachAttributeContext(exc: PyBaseException, obj: PyObject, name: string): void {
  incref(obj);
  exc.attrObj = obj;
  exc.attrName = name;
  const hideUnderscored = !name.startsWith("_") && frameSelf(interp.frame) !== obj;
  exc.suggest = () => {
    let d = dirNames(obj);
    if (hideUnderscored) d = d.filter((x) => !x.startsWith("_"));
    const suggestion = closestName(d, name);
    return suggestion ? `. Did you mean: '${suggestion}'?` : "";
  };
}

export function releaseAttributeContext(exc: PyBaseException): void {
  if (exc.attrObj !== null) {
    const o = exc.attrObj;
    exc.attrObj = null;
    decref(o);
  }
}
