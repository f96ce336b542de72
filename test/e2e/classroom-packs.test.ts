// Classroom packs from the level map, as a teacher and a player use them: import a teacher's copy
// of the sample pack as a .zip, find it listed with title and author, win one of its levels, be
// asked before replacing it, see a broken pack refused with the checker's located message and
// nothing installed, remove the pack, and remove one that stopped loading after a hand edit.
// Screenshots go to test/output/.

import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { unzipSync, zipSync } from "fflate";
import type { Page } from "playwright-core";
import { launchBrowser, OUTPUT_DIR, ROOT, startHost, tempDir } from "./helpers";

const TITLE = "Class 7B: references and garbage";
const AUTHOR = "Ms Rivera";

/** levels/classroom-sample as a teacher shares it: copied, given its own id, title and author, zipped. */
function teacherZip(dir: string): string {
  const sample = path.join(ROOT, "levels", "classroom-sample");
  const files: Record<string, Uint8Array> = {};
  for (const name of readdirSync(sample)) {
    let text = readFileSync(path.join(sample, name), "utf8");
    if (name === "pack.yaml") {
      text = text
        .replace("id: classroom-sample", "id: class-7b-quiz")
        .replace(/^title: .*$/m, `title: "${TITLE}"`)
        .replace(/^author: .*$/m, `author: ${AUTHOR}`);
    }
    files[`class-7b-quiz/${name}`] = new TextEncoder().encode(text);
  }
  const zipPath = path.join(dir, "class-7b-quiz.zip");
  writeFileSync(zipPath, zipSync(files));
  return zipPath;
}

/** Picks a file or folder through the button's file chooser, as the player does. */
async function pick(page: Page, button: string, file: string): Promise<void> {
  const choosing = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: button }).click();
  await (await choosing).setFiles(file);
}

test("classroom packs: import a .zip, play it, replace only when asked, refuse a broken pack, remove", { timeout: 180_000 }, async () => {
  const dataDir = tempDir("classroom");
  const installed = () => readdirSync(path.join(dataDir, "packs"));
  const host = await startHost(dataDir);
  const context = await launchBrowser();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(host.url);
    await page.getByRole("heading", { name: "Levels" }).waitFor();
    const classroom = page.getByRole("region", { name: "Classroom packs" });
    await classroom.getByText("No classroom packs are installed.").waitFor();

    // Import: listed with title and author, its levels on the map.
    await pick(page, "Import pack (.zip)…", teacherZip(tempDir("teacher")));
    await classroom.getByRole("status").filter({ hasText: `Installed “${TITLE}” by ${AUTHOR}.` }).waitFor();
    const pack = classroom.getByRole("region", { name: TITLE });
    await pack.getByText(`by ${AUTHOR}`).waitFor();
    assert.equal(await pack.getByRole("button", { name: /^1\.\d / }).count(), 6, "all six levels are on the map");
    assert.deepEqual(installed(), ["class-7b-quiz"]);
    assert.equal(await page.evaluate("document.activeElement?.textContent"), "Import pack (.zip)…", "the keyboard stays on the import button");
    await pack.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUTPUT_DIR, "30-classroom-pack-installed.png") });

    // Play its first level (a prediction) and win it, as with a built-in level.
    await pack.getByRole("button", { name: /^1\.1 Q1: One list, two names/ }).click();
    await page.getByRole("heading", { name: "Q1: One list, two names" }).waitFor();
    await page.getByLabel("Printed line 1", { exact: true }).fill("[1, 2, 3]");
    await page.getByRole("button", { name: "Lock in my prediction" }).click();
    await page.getByRole("button", { name: "Run to end" }).click();
    const won = page.getByRole("dialog", { name: "Level solved!" });
    await won.waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(OUTPUT_DIR, "31-classroom-level-won.png") });
    await won.getByRole("button", { name: "Back to the levels" }).click();
    await page.getByRole("heading", { name: "Levels" }).waitFor();
    assert.match((await pack.getByRole("button", { name: /^1\.1 / }).textContent()) ?? "", /solved/);

    // The same id again: the player is asked; keeping changes nothing, replacing keeps the progress.
    const zip = teacherZip(tempDir("teacher"));
    await pick(page, "Import pack (.zip)…", zip);
    const question = classroom.getByRole("group", { name: /already installed/ });
    await question.waitFor();
    assert.match((await question.textContent()) ?? "", new RegExp(`class-7b-quiz.*“${TITLE}”`));
    assert.equal(await page.evaluate("document.activeElement?.textContent"), "Replace it", "the keyboard is on the question");
    await page.screenshot({ path: path.join(OUTPUT_DIR, "32-classroom-replace-question.png") });
    await question.getByRole("button", { name: "Keep the installed one" }).click();
    await question.waitFor({ state: "detached" });
    assert.equal(await page.evaluate("document.activeElement?.textContent"), "Import pack (.zip)…", "the keyboard is back on the import button");
    await pick(page, "Import pack (.zip)…", zip);
    await question.getByRole("button", { name: "Replace it" }).click();
    await classroom.getByRole("status").filter({ hasText: `Replaced “${TITLE}” by ${AUTHOR}.` }).waitFor();
    assert.match((await pack.getByRole("button", { name: /^1\.1 / }).textContent()) ?? "", /solved/, "progress survives a replace");

    // A broken pack (a folder): the checker's located message, and nothing installed.
    await pick(page, "Import pack folder…", path.join(ROOT, "test", "levels", "broken", "bad-number"));
    const refusal = classroom.getByRole("alert");
    await refusal.waitFor();
    const refusalText = (await refusal.textContent()) ?? "";
    assert.match(refusalText, /bad-number was not installed\./);
    assert.match(refusalText, /bad-number\/level\.yaml:12:12: goals\[0\]\.bytes must be a positive whole number, got "10kb"/);
    assert.deepEqual(installed(), ["class-7b-quiz"], "the broken pack left nothing behind");
    assert.equal(await classroom.getByRole("region").count(), 1, "still one classroom pack on the map");
    await refusal.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUTPUT_DIR, "33-classroom-broken-pack.png") });

    // A pack that loads but whose reference solution loses: refused by the replay on the engine.
    await pick(page, "Import pack folder…", path.join(ROOT, "test", "levels", "broken", "solution-loses"));
    await refusal.filter({ hasText: "solution-loses was not installed." }).waitFor();
    assert.match(
      (await refusal.textContent()) ?? "",
      /solution-loses\/level\.yaml:13:5: solutions\[0\] does not win on the engine: Prediction 1: you said 2, the program printed 1\./,
    );
    assert.deepEqual(installed(), ["class-7b-quiz"]);

    // Remove, by keyboard: asks first, and "Keep it" keeps it.
    await pack.getByRole("button", { name: `Remove pack ${TITLE}` }).focus();
    await page.keyboard.press("Enter");
    await pack.getByRole("button", { name: "Keep it" }).waitFor();
    await page.screenshot({ path: path.join(OUTPUT_DIR, "34-classroom-remove-question.png") });
    assert.equal(await page.evaluate("document.activeElement?.textContent"), "Yes, remove", "the keyboard is on the question");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter"); // "Keep it"
    await pack.getByRole("button", { name: "Keep it" }).waitFor({ state: "detached" });
    assert.equal(await page.evaluate("document.activeElement?.getAttribute('aria-label')"), `Remove pack ${TITLE}`, "the keyboard is back where it was");
    await pack.getByRole("button", { name: `Remove pack ${TITLE}` }).click();
    await pack.getByRole("button", { name: "Yes, remove" }).click();
    await classroom.getByRole("status").filter({ hasText: `Removed “${TITLE}”.` }).waitFor();
    await classroom.getByText("No classroom packs are installed.").waitFor();
    assert.equal(await refusal.count(), 0, "the last import's refusal is gone");
    assert.deepEqual(installed(), []);
    await classroom.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUTPUT_DIR, "35-classroom-pack-removed.png") });
    assert.deepEqual(pageErrors, [], "no uncaught errors in the page");
  } finally {
    await context.close();
    await host.stop();
  }

  // An installed pack edited by hand until it no longer loads: after a restart it is listed with
  // the checker's message instead of its levels, and can still be removed.
  mkdirSync(path.join(dataDir, "packs", "class-7b-quiz"), { recursive: true });
  for (const [name, bytes] of Object.entries(unzipSync(readFileSync(teacherZip(tempDir("teacher")))))) {
    const text = new TextDecoder().decode(bytes).replace("kind: predict", "kind: guess");
    writeFileSync(path.join(dataDir, "packs", "class-7b-quiz", path.basename(name)), text);
  }
  const again = await startHost(dataDir);
  const context2 = await launchBrowser();
  try {
    const page = context2.pages()[0] ?? (await context2.newPage());
    await page.goto(again.url);
    const broken = page.getByRole("region", { name: "Classroom packs" }).getByRole("region", { name: "class-7b-quiz" });
    await broken.getByText("installed, but it no longer loads").waitFor();
    assert.match((await broken.textContent()) ?? "", /class-7b-quiz\/q1-aliasing\.yaml:4:7: kind must be one of/);
    await broken.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUTPUT_DIR, "36-classroom-pack-broken-after-edit.png") });
    await broken.getByRole("button", { name: "Remove pack class-7b-quiz" }).click();
    await broken.getByRole("button", { name: "Yes, remove" }).click();
    await page.getByText("No classroom packs are installed.").waitFor();
    assert.deepEqual(installed(), []);
  } finally {
    await context2.close();
    await again.stop();
  }
});
