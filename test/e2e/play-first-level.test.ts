// The walking skeleton end to end, through the browser shell as a player uses it: open the first
// level, predict, step through the program watching the refcount badge, win, and find the level
// still solved after Heapwise restarts on the same data folder. Screenshots go to test/output/.

import assert from "node:assert/strict";
import path from "node:path";
import { after, test } from "node:test";
import type { Page } from "playwright-core";
import { launchBrowser, OUTPUT_DIR, startHost, tempDir, type RunningHost } from "./helpers";

const LEVEL_TITLE = "Counting references";
/** The built-in campaign's section on the level map. */
const CAMPAIGN = /how CPython 3\.13 manages memory/;
const PREDICTIONS = ["2", "3", "2"];

/**
 * The list's reference count (ob_refcnt, what the badge shows) when each line is about to run, for
 *   1 import sys / 2 a = [] / 3 print(getrefcount(a)) / 4 b = a / 5 print(getrefcount(b)) / 6 del b / 7 print(getrefcount(a)).
 * null: no list exists yet. CPython 3.13 prints 2, 3, 2: one more than ob_refcnt (the call's argument).
 */
const REFCOUNT_BEFORE_LINE: Record<number, number | null> = { 1: null, 2: null, 3: 1, 4: 1, 5: 2, 6: 2, 7: 1 };
/** What has been printed when each line is about to run. */
const PRINTED_BEFORE_LINE: Record<number, string[]> = { 1: [], 2: [], 3: [], 4: ["2"], 5: ["2"], 6: ["2", "3"], 7: ["2", "3"] };

const hosts: RunningHost[] = [];
after(async () => {
  for (const host of hosts) await host.stop();
});

async function listRefcount(page: Page): Promise<number | null> {
  const items = page.getByTestId("heap-objects").locator('li[data-type="list"]');
  const count = await items.count();
  if (count === 0) return null;
  assert.equal(count, 1, "there is exactly one list on the heap");
  const text = (await items.first().textContent()) ?? "";
  const match = /refcount (\d+) \(sys\.getrefcount would show (\d+)\)/.exec(text);
  assert.ok(match, `the list's entry states its refcount: ${JSON.stringify(text)}`);
  assert.equal(Number(match[2]), Number(match[1]) + 1);
  return Number(match[1]);
}

function snapshotNumber(page: Page): Promise<string | null> {
  return page.getByTestId("heap-description").getAttribute("data-snapshot");
}

/** Waits until the page has received a snapshot newer than `previous`. */
async function waitForNewSnapshot(page: Page, previous: string | null): Promise<void> {
  const deadline = Date.now() + 15_000;
  while ((await snapshotNumber(page)) === previous) {
    if (Date.now() > deadline) throw new Error(`no new snapshot within 15 s (still ${previous})`);
    await page.waitForTimeout(50);
  }
}

/** The line the player sees marked as next, or null once the program has finished. */
async function nextLine(page: Page): Promise<number | null> {
  const text = (await page.getByTestId("current-line").textContent()) ?? "";
  if (/finished/.test(text)) return null;
  const match = /Next line to run: (\d+)/.exec(text);
  assert.ok(match, `the current line is announced: ${JSON.stringify(text)}`);
  return Number(match[1]);
}

async function printedLines(page: Page): Promise<string[]> {
  const text = (await page.getByTestId("output").textContent()) ?? "";
  return text.split("\n").filter((line) => line !== "");
}

test("play the first level in the browser shell, win, and keep the win across a restart", { timeout: 180_000 }, async () => {
  const dataDir = tempDir("data");
  const host = await startHost(dataDir);
  hosts.push(host);
  const context = await launchBrowser();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));

    await page.goto(host.url);
    await page.getByRole("heading", { name: "Levels" }).waitFor();
    const levelButton = page.getByRole("region", { name: CAMPAIGN }).getByRole("button", { name: new RegExp(`^1\\.1 ${LEVEL_TITLE}`) });
    await levelButton.waitFor();
    assert.doesNotMatch((await levelButton.textContent()) ?? "", /solved/, "a fresh data folder has nothing solved");
    await page.screenshot({ path: path.join(OUTPUT_DIR, "01-level-map.png") });

    await levelButton.click();
    await page.getByRole("heading", { name: LEVEL_TITLE }).waitFor();
    const step = page.getByRole("button", { name: "Step", exact: true });
    assert.equal(await step.isDisabled(), true, "stepping waits for the prediction");

    for (const [index, value] of PREDICTIONS.entries()) {
      await page.getByLabel(`Printed line ${index + 1}`).fill(value);
    }
    await page.getByRole("button", { name: "Lock in my prediction" }).click();
    await page.locator("canvas[data-renderer]").waitFor();

    const visited = new Set<number>();
    for (let steps = 1; ; steps++) {
      assert.ok(steps <= 12, "the program ends within a dozen steps");
      const before = await snapshotNumber(page);
      await step.click();
      await waitForNewSnapshot(page, before);
      const line = await nextLine(page);
      const refcount = await listRefcount(page);
      if (line === null) {
        // The program has ended; if the engine still shows the list, a alone refers to it.
        assert.ok(refcount === null || refcount === 1, `at the end the badge reads 1 (or the list is gone), not ${refcount}`);
        break;
      }
      visited.add(line);
      assert.equal(refcount, REFCOUNT_BEFORE_LINE[line], `before line ${line} runs, the badge reads ${REFCOUNT_BEFORE_LINE[line]}`);
      const printed = await printedLines(page);
      assert.deepEqual(printed, PRINTED_BEFORE_LINE[line], `before line ${line} runs, the output is ${PRINTED_BEFORE_LINE[line]}`);
      // Each print showed getrefcount: the badge (unchanged since) plus the call's own reference.
      if (line === 4 || line === 6) assert.equal(Number(printed.at(-1)), refcount! + 1, "printed number = badge + 1");
      if (line === 6) await page.screenshot({ path: path.join(OUTPUT_DIR, "02-heap-two-names.png") });
    }
    assert.deepEqual([...visited].filter((l) => l >= 2).sort(), [2, 3, 4, 5, 6, 7], "every line was stepped through");
    assert.deepEqual(await printedLines(page), PREDICTIONS, "the engine printed what CPython 3.13 prints");

    const dialog = page.getByRole("dialog", { name: "Level solved!" });
    await dialog.waitFor();
    await page.screenshot({ path: path.join(OUTPUT_DIR, "03-level-won.png") });
    await dialog.getByRole("button", { name: "Back to the levels" }).click();
    await page.getByRole("heading", { name: "Levels" }).waitFor();
    assert.match((await levelButton.textContent()) ?? "", /solved/);
    assert.deepEqual(pageErrors, [], "no uncaught errors in the page");
  } finally {
    await context.close();
    await host.stop();
  }

  // Heapwise closes and opens again on the same data folder: the win is still there.
  const again = await startHost(dataDir);
  hosts.push(again);
  const context2 = await launchBrowser();
  try {
    const page = context2.pages()[0] ?? (await context2.newPage());
    await page.goto(again.url);
    const levelButton = page.getByRole("region", { name: CAMPAIGN }).getByRole("button", { name: new RegExp(`^1\\.1 ${LEVEL_TITLE}`) });
    await levelButton.waitFor();
    assert.match((await levelButton.textContent()) ?? "", /solved/);
    await page.screenshot({ path: path.join(OUTPUT_DIR, "04-level-map-after-restart.png") });
  } finally {
    await context2.close();
    await again.stop();
  }
});
