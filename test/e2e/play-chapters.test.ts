// One level of each chapter won as a player would: predicting, cutting arrows in the heap picture,
// typing code, picking a line. Plus stepping back, the collector's phase player, and an error in
// the player's own code shown at its line. One host and one browser for all of them (speed).
// Screenshots go to test/output/.

import assert from "node:assert/strict";
import path from "node:path";
import { after, before, test } from "node:test";
import type { BrowserContext, Page } from "playwright-core";
import { heapCanvasInk, heapCanvasPixels, launchBrowser, OUTPUT_DIR, startHost, tempDir, type RunningHost } from "./helpers";

const CAMPAIGN = /how CPython 3\.13 manages memory/;

let host: RunningHost;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

before(async () => {
  host = await startHost(tempDir("chapters"));
  context = await launchBrowser();
  page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(host.url);
  await page.getByRole("heading", { name: "Levels" }).waitFor();
});

after(async () => {
  await context?.close();
  await host?.stop();
});

async function openLevel(number: string): Promise<void> {
  const back = page.getByRole("button", { name: "← Levels" });
  if (await back.isVisible()) await back.click();
  await page.getByRole("heading", { name: "Levels" }).waitFor();
  await page.getByRole("region", { name: CAMPAIGN }).getByRole("button", { name: new RegExp(`^${number.replace(".", "\\.")} `) }).click();
  await page.locator("canvas[data-renderer]").waitFor();
  await waitForSnapshot(null);
}

function snapshotNumber(): Promise<string | null> {
  return page.getByTestId("heap-description").getAttribute("data-snapshot");
}

/** Waits until a snapshot newer than `previous` is on screen (any snapshot when previous is null). */
async function waitForSnapshot(previous: string | null): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const now = await snapshotNumber();
    if (now !== null && now !== "0" && now !== previous) return;
    if (Date.now() > deadline) throw new Error(`no new snapshot within 15 s (still ${previous})`);
    await page.waitForTimeout(40);
  }
}

async function clickAndWait(name: string): Promise<void> {
  const before = await snapshotNumber();
  await page.getByRole("button", { name, exact: true }).click();
  await waitForSnapshot(before);
}

async function nextLine(): Promise<number | null> {
  const text = (await page.getByTestId("current-line").textContent()) ?? "";
  const match = /Next line to run: (\d+)/.exec(text);
  return match ? Number(match[1]) : null;
}

async function expectWin(screenshot: string): Promise<string> {
  const dialog = page.getByRole("dialog", { name: "Level solved!" });
  await dialog.waitFor({ timeout: 20_000 });
  const text = (await dialog.textContent()) ?? "";
  assert.match(text, /What you learned/);
  assert.match((await page.getByTestId("stars").getAttribute("aria-label")) ?? "", /^[1-9] of [1-9] stars$/);
  await page.screenshot({ path: path.join(OUTPUT_DIR, screenshot) });
  await dialog.getByRole("button", { name: "Back to the levels" }).click();
  return text;
}

async function predict(values: string[]): Promise<void> {
  for (const [index, value] of values.entries()) await page.getByLabel(`Printed line ${index + 1}`, { exact: true }).fill(value);
  await page.getByRole("button", { name: "Lock in my prediction" }).click();
}

/** Puts the cursor at the end of `line` in the editor and types text there. */
async function typeAtLineEnd(line: number, text: string): Promise<void> {
  await page.locator(".cm-content .cm-line").nth(line - 1).click();
  await page.keyboard.press("End");
  await page.keyboard.insertText(text);
}

test("chapter 1: cut two arrows in the heap picture to free the beach photo", async () => {
  await openLevel("1.6");
  // The level opens at its cut point: the arrows to cut are on the canvas, with a button each.
  const cutBeach = page.getByRole("button", { name: "Cut album [1]", exact: true });
  await cutBeach.waitFor();
  await page.screenshot({ path: path.join(OUTPUT_DIR, "10-cut-arrows.png") });
  const inkAtStart = await heapCanvasInk(page);
  assert.ok(inkAtStart > 0.1, `the heap is drawn on the canvas (${(inkAtStart * 100).toFixed(1)}% of its pixels)`);
  let before = await snapshotNumber();
  await cutBeach.click();
  await waitForSnapshot(before);
  assert.match((await page.getByTestId("code-editor").textContent()) ?? "", /album\[1\] = None/, "the cut's statement appears in the code");
  before = await snapshotNumber();
  await page.getByRole("button", { name: "Cut favourites ['best']", exact: true }).click();
  await waitForSnapshot(before);
  assert.match((await page.getByTestId("output").textContent()) ?? "", /freed beach/, "the photo was freed as soon as its last arrow was cut");
  await page.getByRole("button", { name: "Run to end" }).click();
  await page.getByRole("dialog", { name: "Level solved!" }).waitFor({ timeout: 20_000 });
  // Once the last cut button went, the canvas used to vanish with it (the page showed a blank heap).
  const inkWon = await heapCanvasInk(page);
  assert.ok(inkWon > 0.1, `the finished heap is still drawn beneath the dialog (${(inkWon * 100).toFixed(1)}% of its pixels)`);
  await expectWin("11-chapter1-cut-won.png");
});

test("chapter 2: type a program that makes three objects of garbage for the collector", async () => {
  await openLevel("2.9");
  await typeAtLineEnd(3, "\nx = [[], [], []]\nfor item in x:\n    item.append(item)\ndel x, item");
  assert.match(await page.getByTestId("run-status").textContent() ?? "", /Code changed/);
  await page.getByRole("button", { name: "Run to end" }).click();
  await expectWin("12-chapter2-sandbox-won.png");
});

test("chapter 3: predict the order of the finalizers", async () => {
  await openLevel("3.1");
  await predict(["bye c", "bye b", "bye a", "end"]);
  await page.getByRole("button", { name: "Run to end" }).click();
  await expectWin("13-chapter3-predict-won.png");
});

test("chapter 4: replace the list with a generator to stay under the memory budget", async () => {
  await openLevel("4.5");
  // Line 3 is the one unlocked line: `total = sum([i for i in range(100000)])`.
  const line3 = page.locator(".cm-content .cm-line").nth(2);
  await line3.click();
  await page.keyboard.press("End");
  await page.keyboard.press("Shift+Home");
  await page.keyboard.insertText("total = sum(i for i in range(100000))");
  // A locked line refuses typing.
  await page.locator(".cm-content .cm-line").nth(0).click();
  await page.keyboard.insertText("zzz");
  assert.doesNotMatch((await page.getByTestId("code-editor").textContent()) ?? "", /zzz/, "locked lines cannot be edited");
  await page.getByRole("button", { name: "Run to end" }).click();
  await page.getByTestId("memory-meter").waitFor();
  await expectWin("14-chapter4-edit-won.png");
});

test("chapter 5: pick the line that allocates the most", async () => {
  await openLevel("5.1");
  await page.locator(".cm-content .cm-line").nth(5).click();
  assert.equal(await page.getByTestId("chosen-line").textContent(), "Line 6 chosen.");
  await page.getByRole("button", { name: "Check this line" }).click();
  await expectWin("15-chapter5-pick-line-won.png");
});

test("chapter 6: predict which ints are shared", async () => {
  await openLevel("6.1");
  await predict(["True", "False", "True"]);
  await clickAndWait("Step");
  await page.getByRole("button", { name: "Run to end" }).click();
  await expectWin("16-chapter6-predict-won.png");
});

test("step back returns to the earlier heap, and the timeline slider jumps", async () => {
  await openLevel("1.1");
  await predict(["2", "3", "2"]);
  for (let i = 0; i < 4; i++) await clickAndWait("Step");
  assert.equal(await nextLine(), 5);
  const fifth = await page.getByTestId("heap-objects").textContent();
  await clickAndWait("Step");
  assert.equal(await nextLine(), 6);
  await clickAndWait("Step back");
  assert.equal(await nextLine(), 5, "one step back is line 5 again");
  assert.equal(await page.getByTestId("heap-objects").textContent(), fifth, "with the same heap as before");
  const before = await snapshotNumber();
  await page.getByRole("slider", { name: "Timeline" }).fill("1");
  await waitForSnapshot(before);
  assert.equal(await nextLine(), 2);
  await page.screenshot({ path: path.join(OUTPUT_DIR, "17-step-back.png") });
});

/** What the heap scene drew of the collection being played (the canvas's data attributes). */
async function sceneCollection(): Promise<{ phase: string; states: Record<string, number> }> {
  const canvas = page.locator("canvas[data-renderer]");
  const states = Object.fromEntries(
    ((await canvas.getAttribute("data-gc-states")) ?? "")
      .split(" ")
      .filter(Boolean)
      .map((pair) => [pair.split(":")[0]!, Number(pair.split(":")[1])]),
  );
  return { phase: (await canvas.getAttribute("data-gc-phase")) ?? "", states };
}

/** Waits until the scene shows `phase` (it redraws in an effect after the panel's click). */
async function sceneAt(phase: string): Promise<Record<string, number>> {
  await page.locator(`canvas[data-gc-phase="${phase}"]`).waitFor();
  return (await sceneCollection()).states;
}

test("the collector's phases play one by one, in the panel and in the heap picture", async () => {
  await openLevel("2.1");
  await predict(["after del", "deleted a", "deleted b", "2", "after collect"]);
  // Step to the line after `print(gc.collect())` ran: that step carries the collection's events.
  for (let i = 0; i < 20 && (await page.getByTestId("gc-player").count()) === 0; i++) await clickAndWait("Step");
  const player = page.getByTestId("gc-player");
  await player.waitFor();
  const phase = page.getByTestId("gc-phase");
  const nextPhase = () => player.getByRole("button", { name: "Next phase" }).click();
  assert.match((await phase.textContent()) ?? "", /objects to examine/);
  assert.deepEqual(await sceneCollection(), { phase: "", states: {} }, "before the first phase the picture is the plain heap");
  await nextPhase();
  assert.match((await phase.textContent()) ?? "", /merge/);
  const merged = await sceneAt("merge");
  assert.ok(merged.examined! >= 2, "the examined objects are in the picture, the island among them");
  await nextPhase();
  assert.match((await phase.textContent()) ?? "", /update_refs/);
  await sceneAt("update_refs");
  await page.screenshot({ path: path.join(OUTPUT_DIR, "18a-gc-update-refs.png") });
  await nextPhase();
  await sceneAt("subtract_refs");
  await page.screenshot({ path: path.join(OUTPUT_DIR, "18b-gc-subtract-refs.png") });
  await nextPhase();
  assert.match((await phase.textContent()) ?? "", /move_unreachable/);
  assert.ok((await player.locator(".chip.unreachable").count()) >= 2, "the two nodes of the island are unreachable");
  const sorted = await sceneAt("move_unreachable");
  assert.ok(Number(await page.locator("canvas[data-renderer]").getAttribute("data-animated-parts")) >= 3, "the phase's changes animate");
  assert.equal(sorted.unreachable, 2, "the picture greys the island's two nodes");
  assert.ok(sorted.reachable! >= 1, "and lights up what is reachable");
  assert.equal(sorted.examined, 0, "every examined object is sorted one way or the other");
  await page.screenshot({ path: path.join(OUTPUT_DIR, "18-gc-phases.png") });
  while ((await sceneCollection()).phase !== "finalize_garbage") await nextPhase();
  const finalized = await sceneAt("finalize_garbage");
  assert.equal(finalized.unreachable, 2, "__del__ runs on the island, still unreachable");
  await page.screenshot({ path: path.join(OUTPUT_DIR, "18c-gc-finalize-garbage.png") });
  while ((await sceneCollection()).phase !== "delete_garbage") await nextPhase();
  const deleted = await sceneAt("delete_garbage");
  assert.equal(deleted.freed, 2, "delete_garbage frees the island in the picture");
  assert.equal(deleted.unreachable ?? 0, 0);
  await page.screenshot({ path: path.join(OUTPUT_DIR, "18d-gc-delete-garbage.png") });
  // Playing from the start runs the scene through the same phases, to the end.
  await player.getByRole("combobox", { name: "Phase speed" }).selectOption("350");
  await player.getByRole("button", { name: "Play phases" }).click();
  await page.getByTestId("gc-phase").filter({ hasText: "Collected: 2" }).waitFor({ timeout: 15_000 });
  assert.equal((await sceneCollection()).phase, "handle_legacy_finalizers", "the picture played to the last phase");

  // Reduced motion: the collection is shown at its end at once, and a phase step is an instant change.
  await page.getByRole("button", { name: "Settings" }).click();
  await page.getByRole("checkbox", { name: "Reduced motion" }).check();
  await page.getByRole("button", { name: "Close" }).click();
  await player.getByRole("button", { name: "Previous phase" }).click();
  await sceneAt("delete_garbage");
  assert.equal(await page.locator("canvas[data-renderer]").getAttribute("data-animated-parts"), "0", "nothing animates with reduced motion");
  assert.equal((await sceneCollection()).states.freed, 2);
  await page.getByRole("button", { name: "Settings" }).click();
  await page.getByRole("checkbox", { name: "Reduced motion" }).uncheck();
  await page.getByRole("button", { name: "Close" }).click();
});

test("an error in the player's code is shown with CPython's message at its line", async () => {
  await openLevel("2.9");
  await typeAtLineEnd(3, "\nprint(undefined_name)");
  await page.getByRole("button", { name: "Run to end" }).click();
  const error = page.getByTestId("python-error");
  await error.waitFor();
  assert.equal((await error.textContent())?.trim(), "NameError: name 'undefined_name' is not defined (line 4)");
  const marked = page.locator(".cm-line[data-error-line]");
  assert.equal(await marked.count(), 1);
  assert.equal((await marked.textContent())?.trim(), "print(undefined_name)");
  await page.screenshot({ path: path.join(OUTPUT_DIR, "19-error-at-line.png") });
  assert.deepEqual(pageErrors, [], "no uncaught errors in the page");
});

test("a large container is drawn as a summary and opens on request", async () => {
  await openLevel("2.9");
  await typeAtLineEnd(3, "\nbig = [[i] for i in range(20)]");
  // Run it: the finished heap keeps the globals (the sandbox's verdict opens over it).
  await page.getByRole("button", { name: "Run to end" }).click();
  await page.getByRole("dialog").waitFor();
  const objects = page.getByTestId("heap-objects");
  const open = objects.getByRole("button", { name: "Open list list of 20" });
  // The list is for screen readers (visually hidden), so it is waited for attached, not visible.
  await open.waitFor({ state: "attached" });
  const closedCount = await objects.locator('li[data-type="list"]').count();
  assert.equal(closedCount, 1, "collapsed: only the big list itself");
  await open.dispatchEvent("click");
  await objects.locator('li[data-type="list"]').nth(10).waitFor({ state: "attached" });
  assert.ok((await objects.locator('li[data-type="list"]').count()) > 10, "opened: its element lists are shown");
  await page.getByRole("dialog").getByRole("button", { name: "Back to the levels" }).click();
  await page.getByRole("heading", { name: "Levels" }).waitFor();
});

/**
 * Loses or restores the heap canvas's WebGL context through WEBGL_lose_context. The extension is
 * kept from the loss: a lost context's getExtension returns null. (Sent as text: no DOM types here.)
 */
function loseOrRestoreContext(action: "loseContext" | "restoreContext"): Promise<boolean> {
  return page.evaluate<boolean>(`(() => {
    if (${JSON.stringify(action)} === "loseContext") {
      const canvas = document.querySelector("canvas[data-renderer]");
      const gl = canvas.getContext("webgl2") ?? canvas.getContext("webgl");
      window.heapwiseLoseContext = gl?.getExtension("WEBGL_lose_context") ?? null;
    }
    const extension = window.heapwiseLoseContext;
    if (!extension) return false;
    extension.${action}();
    return true;
  })()`);
}

test("a heap with a cycle and nested containers is laid out, and drawn again after the WebGL context is lost", async () => {
  await openLevel("2.9");
  await typeAtLineEnd(
    3,
    [
      "",
      "class Node:",
      "    def __init__(self, name):",
      "        self.name = name",
      'a = Node("a")',
      'b = Node("b")',
      "a.ref = b",
      "b.ref = a",
      'xs = [a, [b, "leaf"], "x"]',
      "xs.append(xs)",
      "pair = (a, xs)",
      'print("built")',
    ].join("\n"),
  );
  for (let steps = 0; (await nextLine()) !== 14; steps++) {
    assert.ok(steps < 60, `line 14 is reached by stepping (next line: ${await nextLine()})`);
    await clickAndWait("Step");
  }
  const canvas = page.locator("canvas[data-renderer]");
  assert.equal(await canvas.getAttribute("data-renderer"), "webgl", "the scene draws with WebGL (the context-loss check needs it)");
  assert.ok(Number(await canvas.getAttribute("data-drawn-objects")) >= 6, "the Nodes, the lists and the tuple are drawn");
  await page.screenshot({ path: path.join(OUTPUT_DIR, "22-heap-cycle-and-lists.png") });
  const inkBefore = await heapCanvasInk(page);
  assert.ok(inkBefore > 0.1, `the heap is drawn (${(inkBefore * 100).toFixed(1)}% of the canvas's pixels)`);

  assert.ok(await loseOrRestoreContext("loseContext"), "the page can lose the canvas's context");
  await page.locator('canvas[data-context-lost="true"]').waitFor();
  const inkLost = await heapCanvasInk(page);
  assert.ok(inkLost < inkBefore / 2, `a lost context shows (almost) nothing (${(inkLost * 100).toFixed(1)}%)`);
  // A step taken while the context is lost must not break anything.
  await clickAndWait("Step");

  assert.ok(await loseOrRestoreContext("restoreContext"), "the page can restore the canvas's context");
  await page.locator('canvas[data-context-restores="1"]').waitFor({ timeout: 10_000 });
  assert.equal(await canvas.getAttribute("data-context-lost"), "false");
  const after = await heapCanvasPixels(page);
  await page.screenshot({ path: path.join(OUTPUT_DIR, "23-heap-after-context-restored.png") });
  assert.ok(after.ink > 0.1, `the heap is drawn again once the context is back (${(after.ink * 100).toFixed(1)}%, before the loss ${(inkBefore * 100).toFixed(1)}%)`);
  assert.ok(Math.abs(after.ink - inkBefore) < 0.05, `about as much as before (${(after.ink * 100).toFixed(1)}% vs ${(inkBefore * 100).toFixed(1)}%)`);
  // With Pixi 8.22, a renderer that had its context restored drew some texts as black boxes:
  // the scene moves to a new renderer instead, so no pure black (which neither palette uses) is drawn.
  assert.ok(after.black < 0.0005, `no black boxes where texts should be (${(after.black * 100).toFixed(2)}% of the pixels pure black)`);
  assert.deepEqual(pageErrors, [], "no uncaught errors in the page");
});
