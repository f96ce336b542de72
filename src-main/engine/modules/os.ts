// os: only what the corpus needs (os.path.basename); no host access.
import { decref } from "../objects/object";
import { PyStr, newStr } from "../objects/str";
import { PyModule } from "../objects/module";
import { dictSetItem } from "../objects/dict";
import { nativeModule } from "./util";
import { typeError } from "../vm/errors";
import { importModule } from "../vm/imports";

export function makeOsPathModule(): PyModule {
  return nativeModule("posixpath", {
    basename(_s, args) {
      const p = args[0];
      if (!(p instanceof PyStr)) typeError("expected str");
      return newStr(p.value.slice(p.value.lastIndexOf("/") + 1));
    },
    dirname(_s, args) {
      const p = (args[0] as PyStr).value;
      const i = p.lastIndexOf("/");
      return newStr(i < 0 ? "" : p.slice(0, i) || "/");
    },
    join(_s, args) {
      let out = "";
      for (const a of args) {
        const s = (a as PyStr).value;
        out = s.startsWith("/") ? s : out === "" || out.endsWith("/") ? out + s : `${out}/${s}`;
      }
      return newStr(out);
    },
  });
}

export function makeOsModule(): PyModule {
  const m = nativeModule("os", { sep: newStr("/") });
  const path = importModule("os.path");
  const k = newStr("path");
  dictSetItem(m.dict, k, path);
  decref(k);
  return m;
}
