// One point of a program's timeline as the renderer receives it: the heap snapshot there, where it
// lies on the timeline, and what the cyclic collector did during the step that led to it.

import type { HeapSnapshot } from "../engine/facade-types";
import type { GCEvent } from "../engine/gc/events";

export type { GCEvent, GCPhaseName, GCSetName } from "../engine/gc/events";

export interface TimelineFrame {
  /** Line steps from the start (0: before line 1 runs). */
  index: number;
  /** The furthest point reached so far. */
  explored: number;
  /** The last index once the program is known to end there, else null. */
  end: number | null;
  snapshot: HeapSnapshot;
  /** Collector phase events (docs/GC-EVENTS.md) of the step that led here, in order. */
  gc: GCEvent[];
}
