/**
 * "Cases like this one": the case's most distinctive words (TF-IDF over title, learning points and
 * narrative) looked up in the index, plus the contributory factors it shares. Distinctive words are
 * rare by definition, so their postings are short and this stays cheap at 100,000 cases.
 */
import { isStopWord, tokenize } from '../domain/search-query.ts';
import type { Postings, PostingsIndex } from './postings.ts';
import type { DocStore } from './store.ts';
import type { SimilarCase } from './types.ts';

const TERMS = 12;
const SHOWN_TERMS = 5;
/** Words in more than this share of cases say nothing about what a case is like. */
const MAX_DF_SHARE = 0.25;
/** …and in more than this many, walking their postings costs more than they tell. */
const MAX_DF = 2000;

/** Cases holding the term, near enough: the largest field's count (a case may hold it in several). */
function docFrequency(p: Postings | undefined): number {
  let df = 0;
  if (p) for (const m of p.values()) df = Math.max(df, m.size);
  return df;
}
const TEXT_WEIGHT = 0.7;

type Significant = { term: string; surface: string; weight: number };

export function significantTerms(index: PostingsIndex, store: DocStore, text: string, minDf = 2): Significant[] {
  const tf = new Map<string, { n: number; surface: string }>();
  for (const t of tokenize(text)) {
    if (t.term.length < 3 || isStopWord(t.surface) || /^\d+$/.test(t.term)) continue;
    const e = tf.get(t.term);
    if (e) e.n++;
    else tf.set(t.term, { n: 1, surface: t.surface });
  }
  const n = Math.max(1, store.live);
  const out: Significant[] = [];
  for (const [term, { n: count, surface }] of tf) {
    const df = Math.min(n, docFrequency(index.postings(term)));
    // A word only this case has says nothing about others; a word most cases have says nothing at all.
    // Small collections keep a floor of 3 so a handful of cases can still be compared.
    // An absolute cap too: at 100,000 cases a word in 2% of them is no longer distinctive, and walking
    // its postings is what made each case page's similar cases cost tens of milliseconds.
    if (df < minDf || df > Math.max(Math.min(MAX_DF_SHARE * n, MAX_DF), 3)) continue;
    out.push({ term, surface, weight: (1 + Math.log(count)) * Math.log(n / df) });
  }
  return out.sort((a, b) => b.weight - a.weight || a.term.localeCompare(b.term)).slice(0, TERMS);
}

export function similarTo(
  index: PostingsIndex,
  store: DocStore,
  text: string,
  factors: string[],
  opts: { limit: number; includeDrafts: boolean; excludeSlot?: number },
): SimilarCase[] {
  // When the text is a case already in the index (excluded), its own posting is one of the df.
  const terms = significantTerms(index, store, text, opts.excludeSlot === undefined ? 1 : 2);
  const total = terms.reduce((s, t) => s + t.weight, 0) || 1;
  const min = opts.includeDrafts ? 1 : 2;
  const acc = new Map<number, { s: number; mask: number }>();
  terms.forEach((t, i) => {
    const bit = 1 << i;
    const data = index.postings(t.term);
    if (!data) return;
    for (const map of data.values()) {
      for (const slot of map.keys()) {
        if (slot === opts.excludeSlot || store.status[slot]! < min) continue;
        let e = acc.get(slot);
        if (!e) acc.set(slot, (e = { s: 0, mask: 0 }));
        // Each word counts once per case: a long narrative should not outweigh a close match.
        if (!(e.mask & bit)) {
          e.mask |= bit;
          e.s += t.weight;
        }
      }
    }
  });
  const wanted = new Set(factors.map((f) => store.codes.factor.find(f)).filter((c): c is number => c !== undefined));
  const ranked = [...acc].map(([slot, e]) => {
    const mine = store.factors[slot]!;
    const shared = mine.filter((c) => wanted.has(c));
    const union = new Set([...mine, ...wanted]).size || 1;
    const score = TEXT_WEIGHT * (e.s / total) + (1 - TEXT_WEIGHT) * (shared.length / union);
    return { slot, score, mask: e.mask, shared };
  });
  ranked.sort((a, b) => b.score - a.score || a.slot - b.slot);
  return ranked.slice(0, opts.limit).map((r) => ({
    id: store.ids[r.slot]!,
    ref: store.refs[r.slot]!,
    score: Math.round(r.score * 1000) / 1000,
    sharedFactors: r.shared.map((c) => store.codes.factor.values[c]!),
    sharedTerms: terms.filter((_, i) => r.mask & (1 << i)).slice(0, SHOWN_TERMS).map((t) => t.surface),
  }));
}
