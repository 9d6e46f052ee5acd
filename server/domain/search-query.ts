/**
 * Search query language and the one tokenizer both the index and the query use: if they tokenised
 * differently, a word could be indexed under one form and searched under another and never match.
 * Pure: no express, database or search-library imports, so the PostgreSQL engine can share it.
 */
import { PLACEHOLDER_TEXT } from './identifiers/placeholders.ts';

/** Words too common to carry meaning; dropping them from the index saves memory and query time. */
const STOP_WORDS = new Set(
  ('a an and are as at be been being but by for from had has have he her his i if in into is it its of on or ' +
    'our she so that the their them then there these they this those to was were which who whom will with would ' +
    'also than what when where while we you your my me do does did can could should may might been any each')
    .split(' '),
);

export const isStopWord = (word: string): boolean => STOP_WORDS.has(word);

const isVowel = (c: number) => c === 97 || c === 101 || c === 105 || c === 111 || c === 117 || c === 121;
const hasVowel = (w: string, end: number) => {
  for (let i = 0; i < end; i++) if (isVowel(w.charCodeAt(i))) return true;
  return false;
};
const hasDigit = (w: string) => {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
};
// Doubled consonants left by stripping -ed/-ing ("scanned" → "scann"); l, s and z double in stems.
const undouble = (w: string) => {
  const n = w.length;
  const c = w.charCodeAt(n - 1);
  return n > 1 && c === w.charCodeAt(n - 2) && !isVowel(c) && c !== 108 && c !== 115 && c !== 122 ? w.slice(0, -1) : w;
};

function stemWord(word: string): string {
  if (word.length <= 3 || hasDigit(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length - 3 >= 3 && hasVowel(w, w.length - 3)) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && !w.endsWith('eed') && w.length - 2 >= 3 && hasVowel(w, w.length - 2)) w = undouble(w.slice(0, -2));
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

// Indexing stems the same few thousand words millions of times; the cache is bounded so a stream
// of unique tokens (numbers, typos) cannot grow it without limit.
const STEMS = new Map<string, string>();
const STEM_CACHE_LIMIT = 100_000;

/**
 * A light English stemmer: plurals, -ed, -ing and a final -e, so "outsourcing", "outsourced" and
 * "outsource" meet. Deliberately weaker than Porter: imaging vocabulary is full of Latin and Greek
 * words that aggressive rules mangle, and a stem only has to be consistent, never pretty.
 * Every rule only cuts or changes the end of a word, and a stem keeps the word's first two letters:
 * snippets rely on that to rule most words out before stemming them.
 */
export function stem(word: string): string {
  let s = STEMS.get(word);
  if (s === undefined) {
    s = stemWord(word);
    if (STEMS.size >= STEM_CACHE_LIMIT) STEMS.clear();
    STEMS.set(word, s);
  }
  return s;
}

export type Token = { term: string; surface: string; start: number; end: number };

// Letters and digits, with inner apostrophes and ampersands kept so "A&E" and "patient's" stay whole.
// Most text is ASCII, and the ASCII pattern is several times faster than the Unicode one.
const WORD = /[\p{L}\p{N}]+(?:['’&][\p{L}\p{N}]+)*/gu;
const ASCII_WORD = /[a-z0-9]+(?:['&][a-z0-9]+)*/g;
const NON_ASCII = /[^\t\n\r\x20-\x7e]/;
// "X-ray", "x ray" and "X-rays" are one word to readers; the separator is at most one character.
const RAY = /[-‐ ]?rays?(?![\p{L}\p{N}])/iuy;

type WordVisitor = (surface: string, start: number, end: number) => void;

/** Words of `text` as lower-cased surface forms with UTF-16 offsets; no objects, for indexing speed. */
export function scanWords(text: string, visit: WordVisitor): void {
  if (NON_ASCII.test(text)) scanWordsByPattern(text, visit);
  else scanAsciiWords(text.toLowerCase(), visit);
}

/** The general scanner, for any text: the definition the ASCII scanner below must agree with. */
export function scanWordsByPattern(text: string, visit: WordVisitor): void {
  // Own regex state per call: a visitor may scan another text before this scan is done.
  const lower = text.toLowerCase();
  // Lower-casing keeps offsets only when no character changes length (e.g. "İ" does).
  const word = new RegExp(NON_ASCII.test(text) ? WORD : ASCII_WORD);
  const source = lower.length === text.length ? lower : text;
  const ray = new RegExp(RAY);
  for (let m = word.exec(source); m; m = word.exec(source)) {
    let surface = source === lower ? m[0] : m[0].toLowerCase();
    let end = m.index + surface.length;
    if (surface === 'x') {
      ray.lastIndex = end;
      const r = ray.exec(source);
      if (r) {
        surface = 'xray';
        end += r[0].length;
        word.lastIndex = end;
      }
    } else if (surface.length > 2 && (surface.includes("'") || surface.includes('’') || surface.includes('&'))) {
      surface = surface.replace(/['’]s$/, '').replace(/['’&]/g, '');
    }
    visit(surface, m.index, end);
  }
}

const isWordCode = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

/** Where "ray" or "rays" ends as a word of its own at `at`, or -1. */
function rayAt(s: string, at: number): number {
  if (s.charCodeAt(at) !== 114 || s.charCodeAt(at + 1) !== 97 || s.charCodeAt(at + 2) !== 121) return -1;
  const k = at + 3;
  if (s.charCodeAt(k) === 115 && !isWordCode(s.charCodeAt(k + 1))) return k + 1;
  return isWordCode(s.charCodeAt(k)) ? -1 : k;
}

/**
 * The same words from lower-cased ASCII text by walking character codes: the pattern scanner
 * allocates a match object per word, and tokenising was a quarter of building the index.
 */
function scanAsciiWords(s: string, visit: WordVisitor): void {
  const n = s.length;
  let i = 0;
  while (i < n) {
    if (!isWordCode(s.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let joined = false;
    for (;;) {
      while (i < n && isWordCode(s.charCodeAt(i))) i++;
      const c = s.charCodeAt(i);
      // An apostrophe or ampersand inside a word ("patient's", "a&e") keeps it whole.
      if ((c === 39 || c === 38) && isWordCode(s.charCodeAt(i + 1))) {
        joined = true;
        i += 2;
      } else break;
    }
    let surface = s.slice(start, i);
    if (i - start === 1 && surface === 'x') {
      // "x-ray", "x ray", "x rays": the separator is at most one hyphen or space.
      const sep = s.charCodeAt(i);
      let end = sep === 45 || sep === 32 ? rayAt(s, i + 1) : -1;
      if (end < 0) end = rayAt(s, i);
      if (end >= 0) {
        surface = 'xray';
        i = end;
      }
    } else if (joined && surface.length > 2) {
      surface = surface.replace(/'s$/, '').replace(/['&]/g, '');
    }
    visit(surface, start, i);
  }
}

/**
 * Calls `visit` for each word of `text`: `term` is the lower-cased stem used for matching (stop
 * words included, so callers decide), `surface` the lower-cased word as written, offsets UTF-16.
 */
export function scanTokens(text: string, visit: (t: Token) => void): void {
  scanWords(text, (surface, start, end) => visit({ term: stem(surface), surface, start, end }));
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  scanTokens(text, (t) => out.push(t));
  return out;
}

/** Bumped whenever what `indexTerms` makes of a text changes: a snapshot made before is built again. */
export const INDEX_TERMS_VERSION = 2;

/**
 * A placeholder the identifier scan left ("[date]", "[name]") stands for what was taken out, not for
 * words of the case: it is blanked (to spaces, so offsets hold) before words are read.
 */
export const withoutPlaceholders = (text: string): string => (text.includes('[') ? text.replace(PLACEHOLDER_TEXT, (p) => ' '.repeat(p.length)) : text);

/** The terms the index stores for a field: stems without stop words. */
export function indexTerms(text: string): string[] {
  const out: string[] = [];
  scanWords(withoutPlaceholders(text), (surface) => {
    if (!STOP_WORDS.has(surface)) out.push(stem(surface));
  });
  return out;
}

/**
 * One thing to look for. `terms` are stems without stop words (what the index can find);
 * `words` are all stems in order (what a quoted phrase must match, stop words included);
 * `surface` is the words as typed, lower-cased, for prefixes, suggestions and display.
 */
export type QueryPart = { terms: string[]; words: string[]; surface: string[]; quoted: boolean; raw: string; synonym?: boolean };
/** Any one of `alts` satisfies the clause; `prefix` marks the word still being typed. */
export type QueryClause = { alts: QueryPart[]; prefix: boolean };
export type ParsedQuery = { clauses: QueryClause[]; exclude: QueryPart[] };

type Chunk = { text: string; quoted: boolean; negated: boolean; or: boolean; last: boolean };

/** Splits on whitespace and balanced quotes; an unbalanced quote is just a character. */
function chunks(q: string): Chunk[] {
  const out: Chunk[] = [];
  const re = /(-?)"([^"]*)"|(\S+)/g;
  const closing = (from: number) => q.indexOf('"', from) !== -1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(q))) {
    if (m[2] !== undefined) {
      out.push({ text: m[2], quoted: true, negated: m[1] === '-', or: false, last: false });
      continue;
    }
    let word = m[3]!;
    // A quote with no partner would otherwise swallow the rest of the query: treat it as plain text.
    if (word.includes('"') && !closing(m.index + word.indexOf('"') + 1)) word = word.replace(/"/g, ' ');
    const negated = word.length > 1 && word.startsWith('-') && /[\p{L}\p{N}]/u.test(word.slice(1));
    out.push({ text: negated ? word.slice(1) : word, quoted: false, negated, or: word === 'OR', last: false });
  }
  const tail = out.at(-1);
  if (tail && !/\s$/.test(q)) tail.last = true;
  return out;
}

export function partOf(text: string, quoted: boolean): QueryPart | null {
  const tokens = tokenize(text);
  const terms = tokens.filter((t) => !isStopWord(t.surface)).map((t) => t.term);
  if (terms.length === 0) return null;
  return { terms, words: tokens.map((t) => t.term), surface: tokens.map((t) => t.surface), quoted, raw: text.trim() };
}

/**
 * Parses the query box. Never throws: stray `OR`, lone `-` and unbalanced quotes degrade to plain
 * words, and words that are only stop words disappear, as they would from the index.
 */
export function parseQuery(q: string): ParsedQuery {
  const clauses: QueryClause[] = [];
  const exclude: QueryPart[] = [];
  const list = chunks(q.slice(0, 500));
  let joinNext = false;
  list.forEach((c, i) => {
    if (c.or) {
      // OR only joins when there is a clause before it and a word after it.
      joinNext = clauses.length > 0 && i < list.length - 1 && !list[i + 1]!.or && !list[i + 1]!.negated;
      return;
    }
    const part = partOf(c.text, c.quoted);
    if (!part) return;
    if (c.negated) {
      exclude.push(part);
      joinNext = false;
      return;
    }
    // A word still being typed is completed from the index; three letters keep the expansion small.
    const prefix = c.last && !c.quoted && part.surface.length === 1 && part.surface[0]!.length >= 3 && !isStopWord(part.surface[0]!);
    if (joinNext) clauses.at(-1)!.alts.push(part);
    else clauses.push({ alts: [part], prefix: false });
    clauses.at(-1)!.prefix = prefix && clauses.at(-1)!.alts.length === 1;
    joinNext = false;
  });
  return { clauses, exclude };
}

/** The query as plain text again, for "did you mean" links. */
export function queryText(parsed: ParsedQuery): string {
  const part = (p: QueryPart) => (p.quoted ? `"${p.raw}"` : p.raw);
  return [...parsed.clauses.map((c) => c.alts.map(part).join(' OR ')), ...parsed.exclude.map((p) => `-${part(p)}`)].join(' ');
}
