// CSV as RFC 4180 describes it (CRLF line ends, fields quoted when needed), plus one guard for the
// spreadsheets teachers open it in: a text field starting with = + - @ (or a tab/CR) would run as a
// formula, so it gets a leading apostrophe. Numbers are written as they are.

export type Cell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

function field(cell: Cell): string {
  if (cell === null) return "";
  if (typeof cell === "number") return String(cell);
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((row) => row.map(field).join(",")).join("\r\n") + "\r\n";
}
