/**
 * Maps offsets in a JavaScript string (UTF-16 code units, as lezer reports them) to CPython's
 * coordinates: 1-based line numbers, 0-based UTF-8 byte columns for AST nodes, and 1-based
 * code point columns for SyntaxError offsets.
 */
export class SourceText {
  readonly text: string;
  /** Offset of the first character of each line; lineStarts[0] is line 1. */
  private readonly lineStarts: number[];
  /** Whether each line holds only ASCII, so byte, code point and UTF-16 columns coincide. */
  private readonly asciiLine: boolean[];

  constructor(text: string) {
    this.text = text;
    this.lineStarts = [0];
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
    this.asciiLine = this.lineStarts.map((start, index) => {
      const end = index + 1 < this.lineStarts.length ? this.lineStarts[index + 1] : text.length;
      for (let i = start; i < end; i++) if (text.charCodeAt(i) > 127) return false;
      return true;
    });
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** 1-based line number holding `offset`. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  lineStart(lineno: number): number {
    return this.lineStarts[lineno - 1];
  }

  /** The text of a line without its newline. */
  lineText(lineno: number): string {
    const start = this.lineStarts[lineno - 1] ?? this.text.length;
    const next = this.lineStarts[lineno];
    const end = next === undefined ? this.text.length : next - 1;
    return this.text.slice(start, end);
  }

  /** 0-based UTF-8 byte column of `offset` within its line (CPython's col_offset). */
  byteColumn(offset: number, line = this.lineOf(offset)): number {
    const start = this.lineStarts[line - 1];
    if (this.asciiLine[line - 1]) return offset - start;
    return utf8Length(this.text.slice(start, offset));
  }

  /** 1-based code point column of `offset` (CPython's SyntaxError.offset). */
  charColumn(offset: number): number {
    const line = this.lineOf(offset);
    const start = this.lineStarts[line - 1];
    if (this.asciiLine[line - 1]) return offset - start + 1;
    let count = 0;
    for (const _ of this.text.slice(start, offset)) count++;
    return count + 1;
  }
}

export function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
