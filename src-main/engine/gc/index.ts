// The cyclic collector's public surface for the rest of the engine.
export * from "./types";
export * from "./gc_list";
export * from "./state";
export * from "./tracking";
export * from "./collect";
export type * from "./events";
export * from "./introspect";
export * from "./gc_heads";
