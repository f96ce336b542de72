// Modules a program may import, by name. Each factory builds the module for the running interpreter.
import type { PyModule } from "../objects/module";
import { makeSysModule } from "./sys";
import { makeGcModule } from "./gc";
import { makeOsModule, makeOsPathModule } from "./os";
import { makeInspectModule } from "./inspect";
import { makeTracemallocModule } from "./tracemalloc";
import { makeWeakrefModule } from "./weakref";
import { makeMathModule } from "./math";

export const moduleFactories = new Map<string, () => PyModule>([
  ["sys", makeSysModule],
  ["gc", makeGcModule],
  ["os", makeOsModule],
  ["os.path", makeOsPathModule],
  ["inspect", makeInspectModule],
  ["tracemalloc", makeTracemallocModule],
  ["weakref", makeWeakrefModule],
  ["math", makeMathModule],
]);
