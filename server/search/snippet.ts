/**
 * The snippet under each result: about thirty words from the field that best shows why the case
 * matched, with the matched words marked. Text stays raw; the caller escapes it and adds `<mark>`.
 */
import { scanWords, stem } from '../domain/search-query.ts';
import type { SnippetSegment } from './types.ts';

const WINDOW = 30;
const LEAD = 4;

/**
 * One field's words as parallel arrays, reused from hit to hit: a page of twenty results scans
 * some twenty thousand words, and an object per word was most of what a search cost.
 */
class Scan {
  text = '';
  length = 0;
  starts: number[] = [];
  ends: number[] = [];
  /** The matched term of each word, or null. */
  marks: (string | null)[] = [];
  /** Distinct terms matched. */
  hits = 0;

  read(text: string, terms: ReadonlySet<string>, heads: readonly number[]): void {
    const seen: string[] = [];
    let n = 0;
    scanWords(text, (surface, start, end) => {
      // Most words cannot match: their first two letters rule them out before any stemming.
      const term = heads.includes(headOf(surface)) ? stem(surface) : null;
      const mark = term !== null && terms.has(term) ? term : null;
      if (mark !== null && !seen.includes(mark)) seen.push(mark);
      this.starts[n] = start;
      this.ends[n] = end;
      this.marks[n++] = mark;
    });
    this.text = text;
    this.length = n;
    this.hits = seen.length;
  }
}

/** A stem keeps its word's first two letters (see `stem`), so words and terms can be compared by them. */
const headOf = (word: string) => (word.charCodeAt(0) << 16) | (word.charCodeAt(1) || 0);

let best = new Scan();
let other = new Scan();

/** The first word of the window showing the most distinct matched terms, then the most matches. */
function windowStart(scan: Scan): number {
  let start = 0;
  let bestCount = -1;
  const seen: string[] = [];
  for (let i = 0; i < scan.length; i++) {
    if (scan.marks[i] === null) continue;
    seen.length = 0;
    let marks = 0;
    for (let j = i; j < Math.min(scan.length, i + WINDOW - LEAD); j++) {
      const t = scan.marks[j];
      if (t === null || t === undefined) continue;
      if (!seen.includes(t)) seen.push(t);
      marks++;
    }
    const count = seen.length * 100 + marks;
    if (count > bestCount) {
      bestCount = count;
      start = Math.max(0, i - LEAD);
    }
  }
  return start;
}

/** Fields in order of preference when they match equally well: people write the story in these. */
export function snippet(fields: string[], terms: Set<string>): SnippetSegment[] {
  // Completions of a prefix share their first two letters: a handful of heads, however many terms.
  const heads = [...new Set([...terms].map(headOf))];
  let found = false;
  for (const text of fields) {
    if (!text) continue;
    const scan = found ? other : best;
    scan.read(text, terms, heads);
    if (found && scan.hits > best.hits) [best, other] = [other, best];
    found = true;
  }
  if (!found) return [];
  const { text, starts, ends, marks, length } = best;
  const start = best.hits > 0 ? windowStart(best) : 0;
  const end = Math.min(length, start + WINDOW);
  const out: SnippetSegment[] = [];
  const push = (s: string, mark: boolean) => {
    if (!s) return;
    const last = out.at(-1);
    if (last && last.mark === mark) last.text += s;
    else out.push({ text: s, mark });
  };
  let pos = start === 0 ? 0 : starts[start]!;
  if (start > 0) push('… ', false);
  for (let i = start; i < end; i++) {
    if (marks[i] === null) continue;
    push(text.slice(pos, starts[i]), false);
    push(text.slice(starts[i], ends[i]), true);
    pos = ends[i]!;
  }
  const stop = end >= length ? text.length : ends[end - 1]!;
  push(text.slice(pos, stop), false);
  if (end < length) push(' …', false);
  return out;
}
