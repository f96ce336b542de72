// The descriptors type_ready puts in a new class's dict for its instance layout (Objects/descrobject.c):
// a getset_descriptor for `__dict__` and `__weakref__` when the class adds them, a member_descriptor
// per own __slots__ name. Each holds a strong reference to its class (d_type) while living in that
// class's dict, which is why every such class is in a reference cycle and only the collector frees it.
// Attribute access on instances still goes through the type's layout (slotIndex, hasDict); these
// objects carry the references, identity and repr CPython's have.
import { allocObject, builtinType, decref, freeObject, gcTrack, gcUntrack, PyObject, PyType, type Visit } from "./object";
import { GC_HEAD_SIZE } from "../profile";

/** sizeof(PyGetSetDescrObject) / sizeof(PyMemberDescrObject): PyDescr_COMMON plus one pointer. */
const DESCR_BASICSIZE = 48;

export const getsetDescriptorType = builtinType({ name: "getset_descriptor", basicsize: DESCR_BASICSIZE, gc: true });
export const memberDescriptorType = builtinType({ name: "member_descriptor", basicsize: DESCR_BASICSIZE, gc: true });

export class PyLayoutDescr extends PyObject {
  /** d_type: the class whose instances this descriptor reads (a strong reference). */
  dType: PyType;
  constructor(type: PyType, readonly name: string, dType: PyType) {
    super(type);
    this.dType = dType;
  }
  get isMember(): boolean {
    return this.type === memberDescriptorType;
  }
  override dealloc(): void {
    gcUntrack(this);
    const owner = this.dType;
    freeObject(this, true);
    decref(owner);
  }
  /** descr_traverse: only d_type. */
  override traverse(visit: Visit): void {
    visit(this.dType, "__objclass__");
  }
}

/** PyDescr_NewGetSet / PyDescr_NewMember for a heap type `owner` (new reference, tracked). */
export function newLayoutDescr(kind: "getset" | "member", name: string, owner: PyType): PyLayoutDescr {
  const d = new PyLayoutDescr(kind === "getset" ? getsetDescriptorType : memberDescriptorType, name, owner);
  owner.refcnt++;
  allocObject(d, GC_HEAD_SIZE + DESCR_BASICSIZE, true);
  gcTrack(d);
  return d;
}

/** repr: <attribute '__dict__' of 'A' objects> / <member 'x' of 'A' objects>. */
export function layoutDescrRepr(d: PyLayoutDescr): string {
  return `<${d.isMember ? "member" : "attribute"} '${d.name}' of '${d.dType.name}' objects>`;
}
