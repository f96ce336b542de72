// The heap scene's frame times in headless Chromium at 100, 1,000 and 10,000 live objects, and the
// time from launching Heapwise (browser shell) to an interactive level map.
//
// Run: npm run bench:scene   (builds first; needs /usr/bin/chromium or HEAPWISE_CHROMIUM)
//
// Each size runs a sandbox program that keeps N distinct objects alive (`data = [[i] for i in ...]`),
// runs it to the end, then pans the heap picture with the keyboard: every key press redraws the
// scene synchronously (Pixi renders on demand, not per animation frame): that time is one frame's. The snapshot
// caps what it lists and the scene draws only what is on screen, so 10,000 objects should cost
// about what 100 do (target: within 2x).

import { startHost, launchBrowser, tempDir } from "../test/e2e/helpers.ts";

const SIZES = [100, 1_000, 10_000];
const FRAMES = 30;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function snapshotNumber(page) {
  return page.getByTestId("heap-description").getAttribute("data-snapshot");
}

async function waitForSnapshotChange(page, previous) {
  const deadline = Date.now() + 60_000;
  while ((await snapshotNumber(page)) === previous) {
    if (Date.now() > deadline) throw new Error("no new snapshot within 60 s");
    await page.waitForTimeout(30);
  }
}

const launchedAt = performance.now();
const host = await startHost(tempDir("bench-scene"));
const context = await launchBrowser();
const results = {};
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(host.url);
  await page.getByRole("button", { name: /^1\.1 / }).first().waitFor();
  results.launchToLevelMapMs = Math.round(performance.now() - launchedAt);

  for (const size of SIZES) {
    await page.goto(host.url);
    await page.getByRole("button", { name: /^2\.9 Sandbox/ }).click();
    await page.locator("canvas[data-renderer]").waitFor();
    await page.locator(".cm-content .cm-line").nth(2).click();
    await page.keyboard.press("End");
    await page.keyboard.insertText(`\ndata = [[i] for i in range(${size})]\nnames = {str(i): i for i in range(${Math.min(size, 200)})}`);
    const before = await snapshotNumber(page);
    await page.getByRole("button", { name: "Run to end" }).click();
    await waitForSnapshotChange(page, before);
    await page.getByTestId("run-status").filter({ hasText: "Finished" }).waitFor({ timeout: 60_000 });
    // The sandbox's verdict dialog may open over the picture; the picture behind it is what is timed.
    const objectsListed = await page.getByTestId("heap-objects").locator("li").count();
    const timings = await page.evaluate(async (frames) => {
      const canvas = document.querySelector('[data-testid="heap-canvas"]');
      const fit = document.querySelector('button[aria-label="Fit the heap"]');
      const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
      const pan = [];
      const presented = [];
      const rebuild = [];
      for (let i = 0; i < frames; i++) {
        await nextFrame();
        const start = performance.now();
        canvas.dispatchEvent(new KeyboardEvent("keydown", { key: i % 2 === 0 ? "ArrowRight" : "ArrowLeft", bubbles: true }));
        pan.push(performance.now() - start);
        await nextFrame();
        presented.push(performance.now() - start);
        await nextFrame();
        const again = performance.now();
        fit.click();
        rebuild.push(performance.now() - again);
      }
      return { pan, presented, rebuild };
    }, FRAMES);
    results[size] = {
      panMs: Number(median(timings.pan).toFixed(2)),
      presentedMs: Number(median(timings.presented).toFixed(2)),
      rebuildMs: Number(median(timings.rebuild).toFixed(2)),
      objectsListed,
    };
  }
} finally {
  await context.close();
  await host.stop();
}

const ratio = results[10_000].rebuildMs / results[100].rebuildMs;
console.log("bench:scene (headless Chromium, software WebGL); medians over " + FRAMES + " frames");
console.log(`  launch to interactive level map: ${results.launchToLevelMapMs} ms`);
for (const size of SIZES) {
  const r = results[size];
  console.log(
    `  ${String(size).padStart(6)} live objects: rebuild frame ${r.rebuildMs} ms, pan frame ${r.panMs} ms (${r.presentedMs} ms until the next animation frame), ${r.objectsListed} objects in the picture`,
  );
}
console.log(`  rebuild frame ratio 10,000 / 100: ${ratio.toFixed(2)}x (target: within 2x)`);
