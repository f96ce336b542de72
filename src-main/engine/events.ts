// The EngineEvent log, derived per step by comparing two heap snapshots: what became visible
// (alloc), what stopped being visible (free), net reference-count changes (incref/decref), names
// bound and unbound in each frame, and the line reached.
//
// Why a diff and not hooks: the VM changes reference counts inline (`o.refcnt++`) in hundreds of
// places on its hot paths; a hook there would cost every program, listened to or not. A diff costs
// nothing unless the session records events, and gives exactly one batch per step. What it cannot
// show: changes that cancel out within one step, and objects the snapshot does not reach
// (`free` means "no longer reachable from any frame", which for cyclic garbage precedes the
// collector's actual free).
import type { EngineEvent, HeapSnapshot } from "./facade-types";

export function diffEvents(prev: HeapSnapshot | null, next: HeapSnapshot): EngineEvent[] {
  const events: EngineEvent[] = [];
  const before = new Map((prev?.objects ?? []).map((o) => [o.id, o]));
  const after = new Map(next.objects.map((o) => [o.id, o]));

  // Frames are matched by depth (outermost 0) and code name.
  const prevFrames = prev?.frames ?? [];
  next.frames.forEach((frame, depth) => {
    const old = prevFrames[depth];
    const oldLocals = new Map(old !== undefined && old.name === frame.name ? old.locals.map((l) => [l.name, l.target]) : []);
    const newLocals = new Map(frame.locals.map((l) => [l.name, l.target]));
    for (const [name, target] of newLocals) if (oldLocals.get(name) !== target) events.push({ kind: "bind", frame: depth, name, id: target });
    for (const name of oldLocals.keys()) if (!newLocals.has(name)) events.push({ kind: "unbind", frame: depth, name });
  });

  for (const o of before.values()) {
    const now = after.get(o.id);
    if (now === undefined || now.type !== o.type) events.push({ kind: "free", id: o.id });
  }
  for (const o of next.objects) {
    const was = before.get(o.id);
    if (was === undefined || was.type !== o.type) {
      events.push({ kind: "alloc", id: o.id, type: o.type, size: o.size });
    } else if (!o.immortal && o.refcount !== was.refcount) {
      events.push({ kind: o.refcount > was.refcount ? "incref" : "decref", id: o.id, refcount: o.refcount });
    }
  }
  if (next.line !== null && next.line !== prev?.line) events.push({ kind: "line", line: next.line });
  return events;
}
