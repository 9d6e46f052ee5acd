/**
 * Benchmark queries drawn from the corpus itself: words people would type, by how many cases hold
 * them (common, middling, rare), one to three words, plus half-typed words and typos.
 */
import type { DemoCase } from '../seed/corpus.ts';
import { mulberry32 } from '../seed/corpus.ts';
import { isStopWord, tokenize } from '../server/domain/search-query.ts';

export type QueryKind = '1 word' | '2 words' | '3 words' | 'prefix' | 'typo';
export type BenchQuery = { q: string; kind: QueryKind };
export type Vocabulary = { common: string[]; middling: string[]; rare: string[] };

/** Document frequencies over a sample of cases: common in >10%, middling in 1–10%, rare in a handful. */
export function vocabularyOf(corpus: readonly DemoCase[], sampleSize = 5000): Vocabulary {
  const sample = corpus.slice(0, Math.min(corpus.length, sampleSize));
  const df = new Map<string, number>();
  for (const c of sample) {
    const words = new Set<string>();
    for (const t of tokenize(`${c.title} ${c.learning ?? ''} ${c.narrative}`)) {
      if (t.surface.length >= 3 && /^\p{L}+$/u.test(t.surface) && !isStopWord(t.surface)) words.add(t.surface);
    }
    for (const w of words) df.set(w, (df.get(w) ?? 0) + 1);
  }
  const n = sample.length;
  const rareMax = Math.max(2, Math.floor(0.002 * n) + 2);
  const pick = (test: (count: number) => boolean) => [...df].filter(([, count]) => test(count)).map(([w]) => w).sort();
  const v = { common: pick((c) => c > 0.1 * n), middling: pick((c) => c > 0.01 * n && c <= 0.1 * n), rare: pick((c) => c >= 2 && c <= rareMax) };
  // A tiny corpus may leave a band empty: borrow from the next band so every kind of query exists.
  if (!v.middling.length) v.middling = v.common.length ? v.common : v.rare;
  if (!v.rare.length) v.rare = v.middling;
  if (!v.common.length) v.common = v.middling;
  return v;
}

/** 340 queries by default: 100 of one word, 80 of two, 80 of three, 40 half-typed, 40 with a typo. */
export function benchQueries(v: Vocabulary, seed: number, scale = 1): BenchQuery[] {
  const r = mulberry32(seed);
  const pick = (xs: string[]) => xs[Math.floor(r() * xs.length)]!;
  const band = () => {
    const u = r();
    return u < 0.4 ? v.common : u < 0.8 ? v.middling : v.rare;
  };
  const n = (k: number) => Math.max(1, Math.round(k * scale));
  const out: BenchQuery[] = [];
  for (let i = 0; i < n(100); i++) out.push({ q: pick(band()), kind: '1 word' });
  for (let i = 0; i < n(80); i++) out.push({ q: `${pick(band())} ${pick(band())}`, kind: '2 words' });
  for (let i = 0; i < n(80); i++) out.push({ q: `${pick(band())} ${pick(band())} ${pick(band())}`, kind: '3 words' });
  for (let i = 0; i < n(40); i++) {
    // The word still being typed: 3 to 5 letters of a common or middling word, sometimes after another word.
    const w = pick(r() < 0.5 ? v.common : v.middling);
    const before = r() < 0.5 ? `${pick(v.middling)} ` : '';
    out.push({ q: `${before}${w.slice(0, Math.min(w.length, 3 + Math.floor(r() * 3)))}`, kind: 'prefix' });
  }
  const long = [...v.middling, ...v.common].filter((w) => w.length >= 6);
  for (let i = 0; i < n(40); i++) {
    let w = pick(long.length ? long : v.middling);
    const k = 1 + Math.floor(r() * Math.max(1, w.length - 2));
    // Two letters swapped, or one dropped.
    w = r() < 0.5 && k + 1 < w.length ? w.slice(0, k) + w[k + 1] + w[k] + w.slice(k + 2) : w.slice(0, k) + w.slice(k + 1);
    out.push({ q: r() < 0.5 ? `${pick(v.middling)} ${w}` : w, kind: 'typo' });
  }
  return out;
}
