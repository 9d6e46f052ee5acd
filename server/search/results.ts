/**
 * Filters, facet counts and the page of top results, in one pass over the match set. Facet counts
 * are "disjunctive": a facet's counts ignore that facet's own filter (so ticking one theme still
 * shows how many cases the other themes would add) but respect every other filter.
 */
import type { Matches } from './matcher.ts';
import type { CodeLists } from './code-lists.ts';
import type { DocStore, Interner } from './store.ts';
import { FACETS, type Facet, type FacetCount } from './types.ts';

type Filter = { facet: number; allow: Set<number> };

export type Ranked = { slot: number; score: number; count: number };

// Years are counted in a small array from this one; months before it are not real event months.
const YEAR_BASE = 1900;
const yearOf = (month: number) => Math.max(0, Math.floor(month / 12) - YEAR_BASE);

function interner(store: DocStore, facet: Facet): Interner | null {
  return facet === 'year' ? null : store.codes[facet];
}

function compileFilters(store: DocStore, filters: Partial<Record<Facet, string[]>>): Filter[] {
  const out: Filter[] = [];
  FACETS.forEach((facet, i) => {
    const values = filters[facet];
    if (!values || values.length === 0) return;
    const dict = interner(store, facet);
    const allow = new Set<number>();
    for (const v of values) {
      const code = dict ? dict.find(v) : /^\d{4}$/.test(v) ? Number(v) - YEAR_BASE : undefined;
      if (code !== undefined) allow.add(code);
    }
    out.push({ facet: i, allow });
  });
  return out;
}

/** Keeps the best `k` by a comparator; a sorted array beats a heap at page sizes. */
class TopK {
  readonly items: Ranked[] = [];
  private readonly probe: Ranked = { slot: 0, score: 0, count: 0 };
  constructor(private readonly k: number, private readonly better: (a: Ranked, b: Ranked) => boolean) {}
  /** Most matches never make the page, so an entry is only allocated once it does. */
  offer(slot: number, score: number, count: number): void {
    const items = this.items;
    const r = this.probe;
    r.slot = slot;
    r.score = score;
    r.count = count;
    if (this.k === 0 || (items.length === this.k && !this.better(r, items[items.length - 1]!))) return;
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.better(r, items[mid]!)) hi = mid;
      else lo = mid + 1;
    }
    items.splice(lo, 0, { slot, score, count });
    if (items.length > this.k) items.pop();
  }
}

/**
 * Per facet, how to read a slot's code: scalar facets through a function, themes and factors as
 * lists. Chosen once per search, not once per match and facet.
 */
type Codes = { one: (slot: number) => number } | { lists: CodeLists };
function codeReaders(store: DocStore): Codes[] {
  return FACETS.map((facet): Codes => {
    switch (facet) {
      case 'theme':
        return { lists: store.themes };
      case 'factor':
        return { lists: store.factors };
      case 'year':
        return { one: (slot) => yearOf(store.month[slot]!) };
      default: {
        const column = store[facet];
        return { one: (slot) => column[slot]! };
      }
    }
  });
}

export type Page = { total: number; ranked: Ranked[]; facets: Record<Facet, FacetCount[]> };

export function collect(store: DocStore, m: Matches, filters: Partial<Record<Facet, string[]>>, sort: 'relevance' | 'date', k: number): Page {
  const active = compileFilters(store, filters);
  const counts = FACETS.map((f) => new Int32Array(interner(store, f)?.values.length ?? 300));
  const byRelevance = (a: Ranked, b: Ranked) => a.count > b.count || (a.count === b.count && (a.score > b.score || (a.score === b.score && a.slot < b.slot)));
  const month = store.month;
  const byDate = (a: Ranked, b: Ranked) => month[a.slot]! > month[b.slot]! || (month[a.slot] === month[b.slot] && byRelevance(a, b));
  const top = new TopK(k, sort === 'date' ? byDate : byRelevance);
  const read = codeReaders(store);
  const bump = (facet: number, slot: number) => {
    const r = read[facet]!;
    const tally = counts[facet]!;
    if ('one' in r) tally[r.one(slot)]!++;
    else for (let j = r.lists.start[slot]!, end = j + r.lists.count[slot]!; j < end; j++) tally[r.lists.codes[j]!]!++;
  };
  // Every facet of a case that passed every filter, written out: one call per facet through a
  // table of readers was a third of the time of a common-word search at 100,000 cases.
  const tally = (facet: Facet) => counts[FACETS.indexOf(facet)]!;
  const themeTally = tally('theme');
  const factorTally = tally('factor');
  const sourceTally = tally('source');
  const departmentTally = tally('department');
  const modalityTally = tally('modality');
  const harmTally = tally('harm');
  const yearTally = tally('year');
  const { themes, factors, source, department, modality, harm } = store;
  const bumpAll = (slot: number) => {
    for (let j = themes.start[slot]!, end = j + themes.count[slot]!; j < end; j++) themeTally[themes.codes[j]!]!++;
    for (let j = factors.start[slot]!, end = j + factors.count[slot]!; j < end; j++) factorTally[factors.codes[j]!]!++;
    sourceTally[source[slot]!]!++;
    departmentTally[department[slot]!]!++;
    modalityTally[modality[slot]!]!++;
    harmTally[harm[slot]!]!++;
    yearTally[yearOf(month[slot]!)]!++;
  };
  const { slots, scores, counts: matched } = m;
  let total = 0;
  for (let i = 0; i < m.size; i++) {
    const slot = slots[i]!;
    let failed = -1;
    let fails = 0;
    for (const f of active) {
      const r = read[f.facet]!;
      const pass = 'one' in r ? f.allow.has(r.one(slot)) : r.lists.some(slot, f.allow);
      if (!pass) {
        failed = f.facet;
        if (++fails > 1) break;
      }
    }
    if (fails === 1) bump(failed, slot);
    if (fails > 0) continue;
    total++;
    bumpAll(slot);
    top.offer(slot, scores[i]!, matched[i]!);
  }
  const facets = {} as Record<Facet, FacetCount[]>;
  FACETS.forEach((facet, i) => {
    const dict = interner(store, facet);
    const list: FacetCount[] = [];
    counts[i]!.forEach((count, code) => {
      if (count > 0) list.push({ value: dict ? dict.values[code]! : String(code + YEAR_BASE), count });
    });
    list.sort(facet === 'year' ? (a, b) => b.value.localeCompare(a.value) : (a, b) => b.count - a.count || a.value.localeCompare(b.value));
    facets[facet] = list;
  });
  return { total, ranked: top.items, facets };
}
