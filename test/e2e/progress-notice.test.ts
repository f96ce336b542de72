// A damaged progress file: the store moves it aside and starts afresh, and the player is told.

import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { launchBrowser, OUTPUT_DIR, startHost, tempDir } from "./helpers";

test("the progress store's notice about a damaged file is shown to the player", { timeout: 90_000 }, async () => {
  const dataDir = tempDir("damaged");
  writeFileSync(path.join(dataDir, "heapwise.sqlite3"), "this is not an SQLite database, just some damaged bytes ".repeat(200));
  const host = await startHost(dataDir);
  const context = await launchBrowser();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(host.url);
    const notice = page.getByRole("status").filter({ hasText: "damaged" });
    await notice.waitFor();
    assert.match((await notice.textContent()) ?? "", /kept as/);
    await page.screenshot({ path: path.join(OUTPUT_DIR, "05-damaged-progress-notice.png") });
    await notice.getByRole("button", { name: "OK" }).click();
    await notice.waitFor({ state: "detached" });
  } finally {
    await context.close();
    await host.stop();
  }
});
