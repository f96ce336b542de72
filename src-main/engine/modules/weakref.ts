// weakref: importable; weak references themselves are a later issue.
import { PyModule } from "../objects/module";
import { nativeModule } from "./util";
import { typeError } from "../vm/errors";

export function makeWeakrefModule(): PyModule {
  return nativeModule("weakref", {
    ref() {
      typeError("weakref.ref is not supported by this engine yet");
    },
  });
}
