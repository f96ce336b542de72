// A wrong prediction: Run to end, the verdict says which line was off, and the level stays unsolved.

import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { launchBrowser, OUTPUT_DIR, startHost, tempDir } from "./helpers";

test("a wrong prediction is not a win, and says which line was off", { timeout: 120_000 }, async () => {
  const host = await startHost(tempDir("missed"));
  const context = await launchBrowser();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(host.url);
    const campaign = page.getByRole("region", { name: /how CPython 3\.13 manages memory/ });
    await campaign.getByRole("button", { name: /^1\.1 Counting references/ }).click();
    for (const [index, value] of ["2", "2", "2"].entries()) await page.getByLabel(`Printed line ${index + 1}`).fill(value);
    await page.getByRole("button", { name: "Lock in my prediction" }).click();
    await page.getByRole("button", { name: "Run to end" }).click();

    const dialog = page.getByRole("dialog", { name: "Not quite" });
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? "";
    assert.match(text, /Prediction 2: you said 2, the program printed 3/);
    assert.doesNotMatch(text, /Prediction [13]/, "only the wrong line is named");
    await page.screenshot({ path: path.join(OUTPUT_DIR, "06-prediction-missed.png") });

    // Try again: the prediction can be edited again.
    await dialog.getByRole("button", { name: "Try again" }).click();
    await dialog.waitFor({ state: "detached" });
    assert.equal(await page.getByLabel("Printed line 2").isEditable(), true);

    await page.getByRole("button", { name: "← Levels" }).click();
    const level = campaign.getByRole("button", { name: /^1\.1 Counting references/ });
    await level.waitFor();
    assert.doesNotMatch((await level.textContent()) ?? "", /solved/);
  } finally {
    await context.close();
    await host.stop();
  }
});
