// gc: the module lives in gc_module.ts (the collector helper's), over the collector in ../gc/.
// [collector hook] registry.ts imports makeGcModule from here.
export { makeGcModule } from "./gc_module";
