// fnmatch.fnmatch() as tracemalloc.Filter uses it, on POSIX (os.path.normcase is the identity):
// '*' any run, '?' one character, '[seq]' / '[!seq]' sets with ranges, everything else literal,
// matched against the whole name. The set parsing follows Lib/fnmatch.py's translate(): an unclosed
// '[' is literal, ']' may open a set, reversed ranges are dropped, an empty set never matches.

const cache = new Map<string, RegExp>();

export function fnmatch(name: string, pattern: string): boolean {
  let re = cache.get(pattern);
  if (re === undefined) {
    re = new RegExp("^" + translate(pattern) + "$", "su");
    if (cache.size > 256) cache.clear();
    cache.set(pattern, re);
  }
  return re.test(name);
}

function escapeChar(ch: string): string {
  return `\\u{${ch.codePointAt(0)!.toString(16)}}`;
}

/** The pattern as a JS regular-expression body (flags "su"). */
export function translate(pat: string): string {
  const chars = Array.from(pat); // by code point, as Python indexes str
  const n = chars.length;
  let res = "";
  let lastWasStar = false;
  let i = 0;
  while (i < n) {
    const c = chars[i]!;
    i++;
    if (c === "*") {
      if (!lastWasStar) res += ".*";
      lastWasStar = true;
      continue;
    }
    lastWasStar = false;
    if (c === "?") {
      res += ".";
    } else if (c === "[") {
      let j = i;
      if (j < n && chars[j] === "!") j++;
      if (j < n && chars[j] === "]") j++;
      while (j < n && chars[j] !== "]") j++;
      if (j >= n) {
        res += escapeChar("[");
        continue;
      }
      res += translateSet(chars, i, j);
      i = j + 1;
    } else {
      res += escapeChar(c);
    }
  }
  return res;
}

/** The set chars[start:end] (between '[' and ']') as a JS class, or a never/always matcher. */
function translateSet(chars: string[], start: number, end: number): string {
  const stuff = chars.slice(start, end);
  let chunks: string[][];
  if (!stuff.includes("-")) {
    chunks = [stuff];
  } else {
    // Split at the hyphens that make ranges, as fnmatch.translate does.
    chunks = [];
    let i = start;
    let k = chars[start] === "!" ? start + 2 : start + 1;
    for (;;) {
      let found = -1;
      for (let m = k; m < end; m++) {
        if (chars[m] === "-") {
          found = m;
          break;
        }
      }
      if (found < 0) break;
      chunks.push(chars.slice(i, found));
      i = found + 1;
      k = found + 3;
    }
    const last = chars.slice(i, end);
    if (last.length > 0) chunks.push(last);
    else chunks[chunks.length - 1]!.push("-");
    // Remove empty (reversed) ranges.
    for (let m = chunks.length - 1; m > 0; m--) {
      const before = chunks[m - 1]!;
      const after = chunks[m]!;
      if (before[before.length - 1]! > after[0]!) {
        chunks[m - 1] = before.slice(0, -1).concat(after.slice(1));
        chunks.splice(m, 1);
      }
    }
  }
  const flat = chunks.flat();
  if (flat.length === 0 && chunks.length <= 1) return "(?!)";
  if (chunks.length === 1 && flat.length === 1 && flat[0] === "!") return ".";
  let negate = false;
  if (chunks[0]!.length > 0 && chunks[0]![0] === "!") {
    negate = true;
    chunks[0] = chunks[0]!.slice(1);
  }
  // Each chunk's characters are literal; consecutive chunks are joined by a range hyphen.
  let body = "";
  chunks.forEach((chunk, index) => {
    if (index > 0) body += "-";
    body += chunk.map(escapeChar).join("");
  });
  if (body === "") return negate ? "." : "(?!)";
  return `[${negate ? "^" : ""}${body}]`;
}
