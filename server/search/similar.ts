/**
 * "Cases like this one": the case's most distinctive words (TF-IDF over title, learning points and
 * narrative) looked up in the index, plus the contributory factors it shares. Distinctive words are
 * rare by definition, so their postings are short and this stays cheap at 100,000 cases.
 */
import { isStopWord, tokenize, withoutPlaceholders } from '../domain/search-query.ts';
import { postingCount, type PostingsIndex, slotOfPosting, TEXT_FIELDS } from './postings.ts';
import type { DocStore } from './store.ts';
import type { SimilarCase } from './types.ts';

const TERMS = 12;
const SHOWN_TERMS = 5;
/** Words in more than this share of cases say nothing about what a case is like. */
const MAX_DF_SHARE = 0.25;
/** …and in more than this many, walking their postings costs more than they tell. */
const MAX_DF = 2000;

const TEXT_WEIGHT = 0.7;

type Significant = { term: string; surface: string; weight: number };

/** How many postings one lookup may walk: enough for a dozen distinctive words, not for common ones. */
const POSTINGS_BUDGET = 6000;

/**
 * The most distinctive words first, leaving out any whose postings would overrun the budget: the
 * rarest words carry most of the weight anyway, and walking long postings is the whole cost.
 */
function withinBudget(index: PostingsIndex, terms: Significant[]): Significant[] {
  let spent = 0;
  return terms.filter((t) => {
    const size = postingCount(index, index.postings(t.term));
    if (spent + size > POSTINGS_BUDGET) return false;
    spent += size;
    return true;
  });
}

export function significantTerms(index: PostingsIndex, store: DocStore, text: string, minDf = 2): Significant[] {
  const tf = new Map<string, { n: number; surface: string }>();
  for (const t of tokenize(withoutPlaceholders(text))) {
    if (t.term.length < 3 || isStopWord(t.surface) || /^\d+$/.test(t.term)) continue;
    const e = tf.get(t.term);
    if (e) e.n++;
    else tf.set(t.term, { n: 1, surface: t.surface });
  }
  const n = Math.max(1, store.live);
  const out: Significant[] = [];
  for (const [term, { n: count, surface }] of tf) {
    // Cases holding the term, near enough: the largest field's count (a case may hold it in several).
    const id = index.postings(term);
    const df = Math.min(n, id === undefined ? 0 : index.maxFieldCount(id));
    // A word only this case has says nothing about others; a word most cases have says nothing at all.
    // Small collections keep a floor of 3 so a handful of cases can still be compared.
    // An absolute cap too: at 100,000 cases a word in 2% of them is no longer distinctive, and walking
    // its postings is what made each case page's similar cases cost tens of milliseconds.
    if (df < minDf || df > Math.max(Math.min(MAX_DF_SHARE * n, MAX_DF), 3)) continue;
    out.push({ term, surface, weight: (1 + Math.log(count)) * Math.log(n / df) });
  }
  return out.sort((a, b) => b.weight - a.weight || a.term.localeCompare(b.term)).slice(0, TERMS);
}

/**
 * Scores per slot, reused between calls (the engine is synchronous, so one call runs at a time):
 * allocating a map entry per candidate was most of the cost of a case page.
 */
let scores = new Float64Array(0);
let masks = new Uint32Array(0);

function scratch(size: number) {
  if (scores.length < size) {
    scores = new Float64Array(Math.max(size, scores.length * 2, 1024));
    masks = new Uint32Array(scores.length);
  }
}

export function similarTo(
  index: PostingsIndex,
  store: DocStore,
  text: string,
  factors: string[],
  opts: { limit: number; includeDrafts: boolean; excludeSlot?: number },
): SimilarCase[] {
  if (opts.limit < 1) return [];
  // When the text is a case already in the index (excluded), its own posting is one of the df.
  const terms = withinBudget(index, significantTerms(index, store, text, opts.excludeSlot === undefined ? 1 : 2));
  const total = terms.reduce((s, t) => s + t.weight, 0) || 1;
  const min = opts.includeDrafts ? 1 : 2;
  scratch(store.status.length);
  const touched: number[] = [];
  const status = store.status;
  const exclude = opts.excludeSlot ?? -1;
  for (let i = 0; i < terms.length; i++) {
    const bit = 1 << i;
    const weight = terms[i]!.weight;
    const id = index.postings(terms[i]!.term);
    if (id === undefined) continue;
    const { data, start, len } = index;
    for (let list = id * TEXT_FIELDS.length; list < (id + 1) * TEXT_FIELDS.length; list++) {
      for (let at = start[list]!; at < start[list]! + len[list]!; at++) {
        const slot = slotOfPosting(data[at]!);
        // Each word counts once per case: a long narrative should not outweigh a close match.
        const mask = masks[slot]!;
        if (mask & bit || slot === exclude || status[slot]! < min) continue;
        if (mask === 0) touched.push(slot);
        masks[slot] = mask | bit;
        scores[slot]! += weight;
      }
    }
  }
  const wanted = new Uint8Array(store.codes.factor.values.length + 1);
  let wantedCount = 0;
  for (const f of factors) {
    const code = store.codes.factor.find(f);
    if (code !== undefined && !wanted[code]) {
      wanted[code] = 1;
      wantedCount++;
    }
  }
  // The best few by a running selection: sorting every candidate cost more than scoring them.
  const best: { slot: number; score: number; mask: number; shared: number[] }[] = [];
  let floor = -Infinity;
  for (const slot of touched) {
    const { start, count, codes } = store.factors;
    let shared = 0;
    for (let j = start[slot]!; j < start[slot]! + count[slot]!; j++) shared += wanted[codes[j]!]!;
    // A case's factor codes are distinct, so the union is counted without building it.
    const union = count[slot]! + wantedCount - shared || 1;
    const score = TEXT_WEIGHT * (scores[slot]! / total) + (1 - TEXT_WEIGHT) * (shared / union);
    const mask = masks[slot]!;
    scores[slot] = 0;
    masks[slot] = 0;
    if (score < floor || (best.length === opts.limit && !ahead(score, slot, best.at(-1)!))) continue;
    const entry = { slot, score, mask, shared: shared ? store.factors.list(slot).filter((c) => wanted[c]) : [] };
    let at = best.length;
    while (at > 0 && ahead(score, slot, best[at - 1]!)) at--;
    best.splice(at, 0, entry);
    if (best.length > opts.limit) best.pop();
    if (best.length === opts.limit) floor = best.at(-1)!.score;
  }
  return best.map((r) => ({
    id: store.ids[r.slot]!,
    ref: store.refs[r.slot]!,
    title: store.texts.field(r.slot, 0),
    score: Math.round(r.score * 1000) / 1000,
    sharedFactors: r.shared.map((c) => store.codes.factor.values[c]!),
    sharedTerms: terms.filter((_, i) => r.mask & (1 << i)).slice(0, SHOWN_TERMS).map((t) => t.surface),
  }));
}

/** Higher score first, then the earlier slot, as a full sort would order them. */
const ahead = (score: number, slot: number, than: { score: number; slot: number }) => score > than.score || (score === than.score && slot < than.slot);
