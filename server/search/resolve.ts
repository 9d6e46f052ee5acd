/**
 * Turns a parsed, synonym-expanded query into index terms: exact stems, completions of the word
 * still being typed, and near spellings for unknown words. Done once per query, before any document
 * is visited, so the matcher can order clauses by how many postings they would cost.
 */
import { type ParsedQuery, type QueryPart } from '../domain/search-query.ts';
import { type Postings, type PostingsIndex, postingCount } from './postings.ts';
import type { DocStore } from './store.ts';

/** `scale` carries the clause's rarity: see `shareRarity`. */
export type TermSpec = { term: string; weight: number; data: Postings | undefined; labelDf: number; cost: number; scale: number };
/** A word matches when any of its specs does. */
export type Word = { specs: TermSpec[]; cost: number };
/** An alternative matches when all its words do (and, when quoted, in order). */
export type Alt = { words: Word[]; phrase: string[] | null; weight: number; label: string; cost: number };
export type Clause = { alts: Alt[]; strict: boolean; cost: number };
export type Resolved = { clauses: Clause[]; exclude: Alt[]; corrections: Map<string, string>; fuzzy: boolean };

const MAX_COMPLETIONS = 24;
const MAX_NEAR = 3;

function spec(index: PostingsIndex, store: DocStore, term: string, weight: number, data = index.postings(term)): TermSpec {
  const labelDf = store.labelDf.get(term) ?? 0;
  return { term, weight, data, labelDf, cost: postingCount(index, data) + labelDf, scale: 1 };
}

/** Typo tolerance: one edit for words of 5 to 7 letters, two from 8. */
export function nearTerms(index: PostingsIndex, store: DocStore, term: string): TermSpec[] {
  if (term.length < 5) return [];
  const found = index.near(term, term.length >= 8 ? 2 : 1);
  return found
    .map((n) => ({ n, s: spec(index, store, n.term, 0.5 / n.distance, n.data) }))
    .filter((x) => x.s.cost > 0)
    .sort((a, b) => a.n.distance - b.n.distance || b.s.cost - a.s.cost)
    .slice(0, MAX_NEAR)
    .map((x) => x.s);
}

function completions(index: PostingsIndex, store: DocStore, surface: string, exact: string): TermSpec[] {
  const seen = new Set([exact]);
  const out: TermSpec[] = [];
  // What was typed may already run past the stem ("outsourci" → "outsourc").
  for (let k = surface.length - 1; k >= Math.max(3, surface.length - 3); k--) {
    const t = surface.slice(0, k);
    if (seen.has(t)) continue;
    const data = index.postings(t);
    if (data) {
      seen.add(t);
      out.push(spec(index, store, t, 0.7, data));
    }
  }
  const more = index
    .completions(surface)
    .filter(([t]) => !seen.has(t))
    .map(([t, data]) => spec(index, store, t, 0.7 * (surface.length / t.length) ** 0.5, data))
    .sort((a, b) => b.cost - a.cost)
    .slice(0, MAX_COMPLETIONS);
  return [...out, ...more];
}

function resolvePart(index: PostingsIndex, store: DocStore, part: QueryPart, prefix: boolean, fix: Resolved): Alt {
  const words: Word[] = part.terms.map((term) => {
    const exact = spec(index, store, term, 1);
    const specs = exact.cost > 0 ? [exact] : [];
    if (prefix) specs.push(...completions(index, store, part.surface[0]!, term));
    if (specs.length === 0 && !part.quoted && !part.synonym) {
      const near = nearTerms(index, store, term);
      if (near[0]) {
        fix.fuzzy = true;
        fix.corrections.set(term, near[0].term);
      }
      specs.push(...near);
    }
    return { specs, cost: specs.reduce((n, s) => n + s.cost, 0) };
  });
  const cost = words.length ? Math.min(...words.map((w) => w.cost)) : 0;
  const phrase = part.quoted && part.words.length > 1 ? part.words : null;
  return { words, phrase, weight: part.synonym ? 0.85 : 1, label: part.raw, cost };
}

export function resolve(index: PostingsIndex, store: DocStore, q: ParsedQuery): Resolved {
  const out: Resolved = { clauses: [], exclude: [], corrections: new Map(), fuzzy: false };
  for (const c of q.clauses) {
    const alts = c.alts.map((p, i) => resolvePart(index, store, p, c.prefix && i === 0, out));
    const clause = { alts, strict: c.alts.some((p) => p.quoted), cost: alts.reduce((n, a) => n + a.cost, 0) };
    shareRarity(clause, store.live);
    out.clauses.push(clause);
  }
  out.exclude = q.exclude.map((p) => resolvePart(index, store, { ...p, quoted: true }, false, out));
  return out;
}

const rarity = (n: number, df: number) => Math.log(1 + (n - Math.min(df, n) + 0.5) / (Math.min(df, n) + 0.5));

/**
 * Synonyms and completions stand for the word typed, so none may count for more than it: otherwise
 * a rare spelling ("computed tomography") outscores the usual one ("CT") in a case that uses it in
 * passing. The yardstick is the rarity of what was typed (summed over its words), or, when that is
 * not in the index, of the most common alternative; a synonym's words share the yardstick.
 */
function shareRarity(clause: Clause, n: number): void {
  if (clause.alts.length === 1 && clause.alts[0]!.words.every((w) => w.specs.length <= 1)) return;
  const weight = (a: Alt) => a.words.reduce((sum, w) => sum + (w.cost > 0 ? rarity(n, w.cost) : 0), 0);
  const own = clause.alts[0]!;
  const found = clause.alts.filter((a) => a.cost > 0);
  const ref = own.cost > 0 ? weight(own) : Math.min(...found.map(weight));
  clause.alts.forEach((alt, i) => {
    for (const w of alt.words) {
      // The typed word's completions and near spellings share its own rarity.
      const cap = i === 0 && own.cost > 0 ? rarity(n, w.cost) : ref / alt.words.length;
      for (const s of w.specs) s.scale = s.cost > 0 ? Math.min(1, cap / rarity(n, s.cost)) : 0;
    }
  });
}
