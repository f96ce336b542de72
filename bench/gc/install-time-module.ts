// Imported for its effect, before the engine runs anything: registers the bench-only `time` module
// (perf_counter only) that the collector programs use to time their collections. The player's engine
// has no module that reaches the host's clock; only the bench bundles import this file.
import { installBenchTimeModule } from "./engine-entry";

installBenchTimeModule();
