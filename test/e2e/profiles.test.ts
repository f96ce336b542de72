// Profiles from the app: create, rename, export, delete (with confirmation), import; the profile's
// settings are kept by the progress store across a reload.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { launchBrowser, OUTPUT_DIR, startHost, tempDir } from "./helpers";

test("profiles: create, rename, export, delete with confirmation, import; settings survive a reload", { timeout: 120_000 }, async () => {
  const host = await startHost(tempDir("profiles"));
  const context = await launchBrowser();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(host.url);
    await page.getByRole("heading", { name: "Levels" }).waitFor();
    await page.getByRole("button", { name: "Player: Player. Change player" }).click();
    await page.getByRole("heading", { name: "Who is playing?" }).waitFor();

    await page.getByLabel("New profile name").fill("Ada");
    await page.getByRole("button", { name: "Create profile" }).click();
    await page.getByRole("button", { name: "Ada (playing)" }).waitFor();
    await page.getByRole("button", { name: "Rename Ada" }).click();
    await page.getByLabel("New name for Ada").fill("Ada L");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("button", { name: "Ada L (playing)" }).waitFor();

    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export my progress" }).click();
    const download = await downloading;
    const file = path.join(OUTPUT_DIR, "profile-export.json");
    await download.saveAs(file);
    const exported = JSON.parse(await readFile(file, "utf8")) as { format: string; profile: { name: string } };
    assert.equal(exported.format, "heapwise-progress");
    assert.equal(exported.profile.name, "Ada L");

    // Deleting asks first; "Keep it" keeps it.
    await page.getByRole("button", { name: "Delete Player" }).click();
    await page.getByRole("button", { name: "Keep it" }).click();
    await page.getByRole("button", { name: "Player", exact: true }).waitFor();
    await page.getByRole("button", { name: "Delete Player" }).click();
    await page.getByRole("button", { name: "Yes, delete" }).click();
    await page.getByRole("button", { name: "Player", exact: true }).waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Delete Ada L" }).click();
    await page.getByRole("button", { name: "Yes, delete" }).click();
    // The last profile gone, a fresh default one takes over.
    await page.getByRole("button", { name: "Player (playing)" }).waitFor();

    await page.getByLabel("Import progress").setInputFiles(file);
    await page.getByRole("button", { name: "Ada L (playing)" }).waitFor();
    await page.screenshot({ path: path.join(OUTPUT_DIR, "20-profiles.png") });

    // Settings: light theme and reduced motion, kept by the profile.
    await page.getByRole("button", { name: "Ada L (playing)" }).click();
    await page.getByRole("heading", { name: "Levels" }).waitFor();
    await page.getByRole("button", { name: "Settings" }).click();
    await page.getByRole("combobox", { name: "Theme" }).selectOption("light");
    await page.getByRole("checkbox", { name: "Reduced motion" }).check();
    await page.waitForTimeout(300);
    await page.evaluate("localStorage.clear()");
    await page.reload();
    // Two profiles now: the picker comes first.
    await page.getByRole("heading", { name: "Who is playing?" }).waitFor();
    await page.getByRole("button", { name: "Ada L (playing)" }).click();
    await page.getByRole("heading", { name: "Levels" }).waitFor();
    const root = page.locator("html");
    assert.equal(await root.getAttribute("data-theme"), "light");
    assert.equal(await root.getAttribute("data-reduced-motion"), "true");
    await page.screenshot({ path: path.join(OUTPUT_DIR, "21-light-theme-map.png") });
  } finally {
    await context.close();
    await host.stop();
  }
});
