// The contract's one entry point for the renderer and both shells.
export * from "./channels";
export * from "./contract";
export * from "./timeline";
