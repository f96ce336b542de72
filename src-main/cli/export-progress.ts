// npm run -s progress:export -- --data-dir DIR [--profile NAME | --all] [--out FILE.json | DIR]
// Writes a profile's progress as a versioned JSON export (docs/PROGRESS-FORMAT.md) for a teacher.
// Never creates, migrates a newer, or moves aside a progress file: a damaged one is reported.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { openProgressStore, ProgressStoreError, type Profile, type ProgressStore } from "../progress";

const USAGE = `usage: progress:export --data-dir DIR [--profile NAME] [--out FILE.json]
       progress:export --data-dir DIR --all --out FOLDER
  --data-dir DIR   the Heapwise data folder (the one holding heapwise.sqlite3)
  --profile NAME   the profile to export (may be left out when there is only one)
  --out FILE       where to write the JSON (default: stdout); with --all, a folder for NAME.json files
  --all            export every profile`;

const fail = (message: string, code = 1): number => {
  process.stderr.write(`progress:export: ${message}\n`);
  return code;
};

/** A file name for a profile name that is safe on every OS. */
const fileNameFor = (name: string) => `${name.replace(/[^\p{L}\p{N}._ -]+/gu, "_").trim() || "profile"}.json`;

function pick(store: ProgressStore, name: string | undefined): Profile | string {
  const profiles = store.listProfiles();
  const names = profiles.map((p) => `"${p.name}"`).join(", ") || "(none)";
  if (name === undefined) {
    if (profiles.length === 1) return profiles[0]!;
    return `choose a profile with --profile NAME; this folder has ${names}`;
  }
  const found = profiles.find((p) => p.name.toLowerCase() === name.trim().toLowerCase());
  return found ?? `no profile called "${name}"; this folder has ${names}`;
}

function main(argv: string[]): number {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        "data-dir": { type: "string" },
        profile: { type: "string" },
        out: { type: "string" },
        all: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`, 2);
  }
  const { values } = args;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!values["data-dir"]) return fail(`--data-dir is required\n${USAGE}`, 2);
  if (values.all && (!values.out || values.profile)) return fail(`--all needs --out FOLDER and no --profile\n${USAGE}`, 2);

  let store: ProgressStore;
  try {
    store = openProgressStore(values["data-dir"], { create: false, onDamaged: "throw" }).store;
  } catch (error) {
    if (error instanceof ProgressStoreError) return fail(error.message);
    throw error;
  }
  try {
    if (values.all) {
      mkdirSync(values.out!, { recursive: true });
      const used = new Set<string>();
      for (const profile of store.listProfiles()) {
        let file = fileNameFor(profile.name);
        for (let n = 2; used.has(file.toLowerCase()); n++) file = fileNameFor(`${profile.name}-${n}`);
        used.add(file.toLowerCase());
        writeFileSync(join(values.out!, file), `${JSON.stringify(store.exportProfile(profile.id), null, 2)}\n`);
        process.stderr.write(`progress:export: "${profile.name}" -> ${join(values.out!, file)}\n`);
      }
      return 0;
    }
    const chosen = pick(store, values.profile);
    if (typeof chosen === "string") return fail(chosen);
    const json = `${JSON.stringify(store.exportProfile(chosen.id), null, 2)}\n`;
    if (values.out) {
      writeFileSync(values.out, json);
      process.stderr.write(`progress:export: "${chosen.name}" -> ${values.out}\n`);
    } else {
      process.stdout.write(json);
    }
    return 0;
  } catch (error) {
    return fail((error as Error).message);
  } finally {
    store.close();
  }
}

process.exitCode = main(process.argv.slice(2));
