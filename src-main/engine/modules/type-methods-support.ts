// Re-exports for type-methods.ts (keeps its import list short).
export { PyInt, newInt, intType, pyBool, True, False, IntOrigin } from "../objects/int";
export { floatType as floatTypeRef } from "../objects/float";
