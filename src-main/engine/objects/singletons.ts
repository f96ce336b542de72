// None, NotImplemented, Ellipsis: immortal singletons of their own types.
import { builtinType, makeImmortal, PyObject, staticAddress } from "./object";

export const noneType = builtinType({ name: "NoneType" });
export const notImplementedType = builtinType({ name: "NotImplementedType" });
export const ellipsisType = builtinType({ name: "ellipsis" });

export class PySingleton extends PyObject {
  constructor(type: typeof noneType, readonly reprText: string) {
    super(type);
    makeImmortal(this);
    this.addr = staticAddress(16);
  }
  override dealloc(): void {}
}

export const None = new PySingleton(noneType, "None");
export const NotImplemented = new PySingleton(notImplementedType, "NotImplemented");
export const Ellipsis = new PySingleton(ellipsisType, "Ellipsis");
