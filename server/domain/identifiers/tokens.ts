/**
 * A sparse word tokenizer for name detection. Only words that can matter are materialised:
 * capitalised words, and lower-case words in `interesting` (first names, role words, particles).
 * Other lower-case words are skipped without allocating a string, by comparing a rolling hash
 * first; that keeps name detection within the scanner's speed budget on long narratives.
 */

export type Shape = 'title' | 'upper' | 'initial' | 'lower' | 'other';
export type Token = {
  start: number;
  /** End of the word without a trailing possessive: "Smith's" ends after "Smith". */
  end: number;
  rawEnd: number;
  lower: string;
  rawLower: string;
  shape: Shape;
};

const TITLE_CASE_RE = /^\p{Lu}[\p{Ll}\p{M}'’]/u;
const UPPER_RE = /^\p{Lu}[\p{Lu}\p{M}'’-]+$/u;
const LOWER_RE = /^\p{Ll}/u;
const SINGLE_UPPER_RE = /^\p{Lu}$/u;
const LETTER_RE = /^\p{L}$/u;

// Character classes for the Latin range, looked up by code so the hot loop makes no calls.
const OTHER = 0;
const LOWER = 1;
const UPPER = 2;
const JOINER = 3; // apostrophes and hyphens inside a word; combining marks
const CLASS = new Uint8Array(0x250);
for (let c = 0; c < CLASS.length; c++) {
  const ch = String.fromCharCode(c);
  if (/\p{Ll}/u.test(ch)) CLASS[c] = LOWER;
  else if (/\p{L}/u.test(ch)) CLASS[c] = UPPER;
}
CLASS[39] = JOINER;
CLASS[45] = JOINER;

/** Outside the Latin table: rare in UK narratives, so the slower Unicode tests are fine here. */
function classOf(c: number): number {
  if (c === 0x2019 || (c >= 0x300 && c <= 0x36f)) return JOINER;
  const ch = String.fromCharCode(c);
  return LOWER_RE.test(ch) ? LOWER : LETTER_RE.test(ch) ? UPPER : OTHER;
}

/** Letters up to the first apostrophe or hyphen, so "jo-anne" and "margaret's" hash like "jo" and "margaret". */
function stemHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 39 || c === 0x2019 || c === 45) break;
    h = (Math.imul(h, 31) + c) & 0x3fffffff;
  }
  return h;
}

export function hashSet(words: Iterable<string>): Set<number> {
  const out = new Set<number>();
  for (const w of words) out.add(stemHash(w));
  return out;
}

function shapeOf(core: string): Shape {
  const c0 = core.charCodeAt(0);
  if (c0 >= 97 && c0 <= 122) return 'lower';
  if (c0 >= 65 && c0 <= 90) {
    if (core.length === 1) return 'initial';
    const c1 = core.charCodeAt(1);
    if ((c1 >= 97 && c1 <= 122) || c1 === 39 || c1 === 0x2019) return 'title';
    if (c1 >= 65 && c1 <= 90 && UPPER_RE.test(core)) return 'upper';
    if (c1 < 128) return 'other';
  }
  if (SINGLE_UPPER_RE.test(core)) return 'initial';
  if (TITLE_CASE_RE.test(core)) return 'title';
  if (UPPER_RE.test(core)) return 'upper';
  if (LOWER_RE.test(core)) return 'lower';
  return 'other';
}

function coreLength(text: string, start: number, end: number): number {
  const n = end - start;
  const last = text.charCodeAt(end - 1);
  if (n > 2 && (last === 115 || last === 83)) {
    const q = text.charCodeAt(end - 2);
    if (q === 39 || q === 0x2019) return n - 2;
  }
  if (n > 1 && (last === 39 || last === 0x2019 || last === 45)) return n - 1;
  return n;
}

export function tokenize(text: string, interesting: ReadonlySet<string>, interestingHashes: ReadonlySet<number>): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c0 = text.charCodeAt(i);
    const first = c0 < 0x250 ? CLASS[c0]! : classOf(c0);
    if (first !== LOWER && first !== UPPER) {
      i++;
      continue;
    }
    const start = i;
    let h = 0;
    let stemDone = false;
    for (; i < n; i++) {
      const d = text.charCodeAt(i);
      const k = d < 0x250 ? CLASS[d]! : classOf(d);
      if (k === OTHER) break;
      if (k === JOINER) stemDone = true;
      else if (!stemDone) h = (Math.imul(h, 31) + d) & 0x3fffffff;
    }
    const len = coreLength(text, start, i);
    if (first === LOWER) {
      if (!interestingHashes.has(h)) continue;
      const core = text.slice(start, start + len);
      if (!interesting.has(core)) continue;
      const raw = len === i - start ? core : text.slice(start, i);
      tokens.push({ start, end: start + len, rawEnd: i, lower: core, rawLower: raw, shape: 'lower' });
      continue;
    }
    const raw = text.slice(start, i);
    const core = len === raw.length ? raw : raw.slice(0, len);
    const lower = core.toLowerCase();
    tokens.push({
      start,
      end: start + len,
      rawEnd: i,
      lower,
      rawLower: len === raw.length ? lower : raw.toLowerCase(),
      shape: shapeOf(core),
    });
  }
  return tokens;
}

/**
 * The text between two tokens, or a sentinel when they are far apart: every caller only asks
 * whether two words sit next to each other, and skipped words in between must not count as close.
 */
export function gapBetween(text: string, a: Token, b: Token): string {
  return b.start - a.rawEnd > 4 ? '\u0000far' : text.slice(a.rawEnd, b.start);
}

/** Is the word at `start` the first of a sentence, line or list item? */
export function isSentenceStart(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '"' || text[i] === '“' || text[i] === "'")) i--;
  if (i < 0) return true;
  return '.!?:;\n\r•*'.includes(text[i]!);
}
