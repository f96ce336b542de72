// The browser shell's entry (out/main/browser-shell.js): for machines without Electron's binary.
// Starts the same services as Electron behind a loopback host and opens Chromium in app mode on it.
// `--no-open` only prints the URL (the end-to-end tests use this).

import { startServices } from "../services/index";
import { appPathsFrom } from "./app-paths";
import { parseShellArgs, USAGE } from "./args";
import { startBrowserHost } from "./browser-host";
import { findChromium, openInChromium } from "./chromium";

async function main(): Promise<void> {
  if (process.argv.includes("--help")) {
    console.log(USAGE);
    return;
  }
  const args = parseShellArgs(process.argv.slice(2));
  const paths = appPathsFrom(import.meta.url);
  const services = startServices({ shell: "browser", dataDir: args.dataDir, appRoot: paths.appRoot, workerPath: paths.workerFile });
  if (services.notice) console.warn(`Heapwise: ${services.notice}`);
  const host = await startBrowserHost({ rendererDir: paths.rendererDir, dispatch: services.dispatch, port: args.port, log: console.error });

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await services.dispose();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  // The tests read this line to find the URL; keep its shape.
  console.log(`Heapwise browser shell: ${host.url}`);
  console.log(`Progress is saved in ${args.dataDir}`);
  if (!args.open) return;

  const chromium = findChromium();
  if (!chromium) {
    console.log("Chromium was not found. Install it (sudo apt-get install chromium), or open the address above in Chromium or Chrome by hand.");
    return;
  }
  if (process.platform === "linux" && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.log("There is no display here (DISPLAY is not set); open the address above in a browser on this machine.");
    return;
  }
  const child = openInChromium(chromium, host.url, args.dataDir);
  child.on("error", (error) => console.error(`Could not start ${chromium}: ${error.message}. Open the address above by hand.`));
  // The window is the game: when the player closes it, Heapwise ends.
  child.on("exit", () => void stop(0));
  console.log("Close the Heapwise window (or press Ctrl+C here) to quit.");
}

main().catch((error: unknown) => {
  console.error(`Heapwise could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
