// One build for both shells. `electron-vite build` needs no Electron binary, so the same output
// serves Electron (out/main/index.js + out/preload + out/renderer) and the browser shell
// (out/main/browser-shell.js + out/renderer). The engine worker is its own main-process entry.

import { resolve } from "node:path";
import { defineConfig } from "electron-vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, "out/main"),
      rolldownOptions: {
        input: {
          index: resolve(root, "src-main/index.ts"),
          "browser-shell": resolve(root, "src-main/shell/browser-main.ts"),
          "engine-worker": resolve(root, "src-main/worker/engine-worker.ts"),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, "out/preload"),
      // A sandboxed preload runs as a classic script that may only require("electron"):
      // CommonJS, with everything else bundled in.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, "src-main/preload/index.ts") },
        output: { format: "cjs", entryFileNames: "[name].cjs" },
      },
    },
  },
  renderer: {
    root: resolve(root, "src-renderer"),
    // Relative asset URLs: the browser shell serves the renderer under /TOKEN/, Electron from file://.
    base: "./",
    plugins: [svelte()],
    build: {
      outDir: resolve(root, "out/renderer"),
      rolldownOptions: {
        input: { index: resolve(root, "src-renderer/index.html") },
        // The Svelte compiler's time is expected; the timing report only adds noise to `npm start`.
        checks: { bundlerTimings: false },
      },
    },
  },
});
