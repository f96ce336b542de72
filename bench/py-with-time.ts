// The `npm run py` runner plus the bench-only `time` module, bundled by bench/run.mjs into
// out/bench/py.mjs. Import order matters: the module is registered before py.ts runs the program.
import "./gc/install-time-module";
import "../src-main/cli/py";
