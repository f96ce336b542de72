// sys.getsizeof: __sizeof__() plus the GC pre-header, from the object's own layout.
import { PyObject } from "../objects/object";
import { PyInt } from "../objects/int";
import { PyFloat, PyComplex } from "../objects/float";
import { PyStr } from "../objects/str";
import { PyBytes, PyByteArray } from "../objects/bytes";
import { PyTuple } from "../objects/tuple";
import { PyList } from "../objects/list";
import { PyDict } from "../objects/dict";
import { PySet } from "../objects/set";
import { PyInstance, instanceSizeof } from "../objects/instance";
import { PyGen } from "./generator";
import { PyFrameObject, frameObjectSizeof } from "../objects/frameobject";
import { GC_HEAD_SIZE, intSizeof } from "../profile";
import { userDunder, callDunder } from "./abstract";
import { decref } from "../objects/object";
import { typeError } from "./errors";

export function sizeofObject(o: PyObject): number {
  const user = userDunder(o, "__sizeof__");
  if (user !== null) {
    const r = callDunder(user, o, []);
    if (!(r instanceof PyInt)) typeError("an integer is required");
    const v = Number(r.value);
    decref(r);
    return v + (o.type.gcInstances ? GC_HEAD_SIZE : 0);
  }
  if (o instanceof PyInt) return intSizeof(o.value);
  if (o instanceof PyStr) return o.sizeof;
  if (o instanceof PyFloat) return 24;
  if (o instanceof PyComplex) return 32;
  if (o instanceof PyList) return o.sizeof;
  if (o instanceof PyTuple) return GC_HEAD_SIZE + 24 + 8 * o.items.length;
  if (o instanceof PyDict) return o.sizeof;
  if (o instanceof PySet) return o.sizeof;
  if (o instanceof PyBytes) return o.sizeof;
  if (o instanceof PyByteArray) return o.sizeof;
  if (o instanceof PyInstance) return instanceSizeof(o.type);
  if (o instanceof PyGen) return o.sizeofValue;
  if (o instanceof PyFrameObject) return frameObjectSizeof(o);
  const t = o.type;
  return t.basicsize + (t.gcInstances ? GC_HEAD_SIZE : 0);
}
