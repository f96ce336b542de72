// npm run -s report -- FILE.json... [--out FILE.csv] [--summary FILE.csv] [--bom]
// Merges teacher exports of Heapwise progress into one CSV (a row per student and level) and a
// per-level solve-rate summary. A bad file is named on stderr and skipped; the report goes on.
// Exit code: 0 when at least one file was read, 1 when none was, 2 for a usage mistake.
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { toCsv } from "../progress/csv";
import { buildReport, studentRowsTable, summaryTable, summaryText, type ExportSource } from "../progress/report";
import { parseProgressExport } from "../progress/schemas";

const USAGE = `usage: report FILE.json... [--out FILE.csv] [--summary SUMMARY.csv] [--bom]
  FILE.json        profile exports (npm run progress:export); any number
  --out FILE       write the per-student CSV there instead of stdout
  --summary FILE   write the per-level solve-rate summary as CSV; without it, the summary is
                   printed as a table (to stdout when --out is given, else to stderr)
  --bom            start CSV files with a UTF-8 byte order mark (helps Excel with accented names)`;

type Loaded = { ok: true; source: ExportSource } | { ok: false; file: string; reason: string };

function load(file: string): Loaded {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    return { ok: false, file, reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    return { ok: false, file, reason: `is not JSON (${(error as Error).message})` };
  }
  const parsed = parseProgressExport(json);
  return parsed.ok ? { ok: true, source: { file, data: parsed.value } } : { ok: false, file, reason: parsed.reason };
}

function main(argv: string[]): number {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: "string" },
        summary: { type: "string" },
        bom: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`report: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const files = [...new Set(args.positionals)];
  if (files.length === 0) {
    process.stderr.write(`report: no export files given\n${USAGE}\n`);
    return 2;
  }

  const loaded = files.map(load);
  const good = loaded.flatMap((l) => (l.ok ? [l.source] : []));
  const bad = loaded.flatMap((l) => (l.ok ? [] : [l]));
  for (const b of bad) process.stderr.write(`report: skipped ${b.file}: ${b.reason}\n`);
  if (good.length === 0) {
    process.stderr.write(`report: none of the ${files.length} file(s) could be read; no report written\n`);
    return 1;
  }

  const report = buildReport(good);
  for (const note of report.notes) process.stderr.write(`report: note: ${note}\n`);
  const bom = args.values.bom ? "\uFEFF" : "";
  const students = studentRowsTable(report);
  const studentsCsv = bom + toCsv(students.header, students.rows);
  try {
    if (args.values.out) writeFileSync(args.values.out, studentsCsv);
    else process.stdout.write(studentsCsv);
    if (args.values.summary) {
      const summary = summaryTable(report);
      writeFileSync(args.values.summary, bom + toCsv(summary.header, summary.rows));
    } else {
      (args.values.out ? process.stdout : process.stderr).write(summaryText(report));
    }
  } catch (error) {
    process.stderr.write(`report: cannot write the report: ${(error as Error).message}\n`);
    return 1;
  }
  const skipped = bad.length === 0 ? "none skipped" : `${bad.length} skipped (${bad.map((b) => b.file).join(", ")})`;
  process.stderr.write(
    `report: ${good.length} of ${files.length} file(s) read, ${skipped}; ` +
      `${report.students.length} student(s), ${report.summary.length} level(s)\n`,
  );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
