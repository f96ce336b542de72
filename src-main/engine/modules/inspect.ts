// inspect: getgeneratorstate only.
import { newStr } from "../objects/str";
import { PyModule } from "../objects/module";
import { nativeModule } from "./util";
import { PyGen, GenState } from "../vm/generator";
import { typeError } from "../vm/errors";

export function makeInspectModule(): PyModule {
  return nativeModule("inspect", {
    getgeneratorstate(_s, args) {
      const g = args[0];
      if (!(g instanceof PyGen)) typeError("expected a generator");
      switch (g.state) {
        case GenState.Created: return newStr("GEN_CREATED");
        case GenState.Running: return newStr("GEN_RUNNING");
        case GenState.Suspended: return newStr("GEN_SUSPENDED");
        case GenState.Closed: return newStr("GEN_CLOSED");
      }
    },
  });
}
