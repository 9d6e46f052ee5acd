/**
 * The embedded search engine: an inverted index in typed arrays (postings.ts), a compact store of
 * what queries need per case, and a matcher that visits rare terms first (see matcher.ts).
 * Withdrawn cases are never indexed, so no query can return one.
 */
import { indexTerms, isStopWord, parseQuery, scanTokens } from '../domain/search-query.ts';
import { compileSynonyms, DEFAULT_SYNONYMS, expandQuery, type SynonymTable } from '../domain/synonyms.ts';
import { Matcher } from './matcher.ts';
import { PostingsIndex, postingCount, slotOfPosting, TEXT_FIELDS } from './postings.ts';
import { resolve, type Resolved } from './resolve.ts';
import { collect } from './results.ts';
import { similarTo } from './similar.ts';
import type { SnapshotParts } from './snapshot.ts';
import { snippet } from './snippet.ts';
import { DocStore, monthText } from './store.ts';
import type { SearchDoc, SearchHit, SearchIndex, SearchRequest, SearchResult, SimilarCase, SimilarOptions } from './types.ts';

export type { Facet, SearchDoc, SearchHit, SearchIndex, SearchRequest, SearchResult, SimilarCase } from './types.ts';

const MAX_LIMIT = 200;

class EmbeddedIndex implements SearchIndex {
  private readonly index: PostingsIndex;
  private readonly store: DocStore;
  private slots: number;
  private readonly matcher: Matcher;

  constructor(
    private readonly synonyms: SynonymTable,
    restored?: { store: DocStore; index: PostingsIndex; slots: number },
  ) {
    this.store = restored?.store ?? new DocStore();
    this.index = restored?.index ?? new PostingsIndex();
    this.slots = restored?.slots ?? 0;
    this.matcher = new Matcher(this.index, this.store, () => this.slots);
  }

  /** An index from a snapshot's parts, a step at a time (see `restoringSearchIndex`). */
  static *restoring(synonyms: SynonymTable, parts: SnapshotParts): Generator<void, EmbeddedIndex, void> {
    const store = yield* DocStore.restoring(parts.store);
    const slots = parts.store.status.length;
    const live = new Map<number, number>();
    for (let slot = 0; slot < slots; slot++) {
      if (store.status[slot] !== 0) live.set(store.ids[slot]!, slot);
      if (slot % 5_000 === 4_999) yield;
    }
    const index = yield* PostingsIndex.restoring(parts.postings, live, slots);
    return new EmbeddedIndex(synonyms, { store, index, slots });
  }

  /**
   * Everything a snapshot holds, taken at once so the index may change while it is written: copies
   * of what may still change, views of what is never written again (postings.ts, texts.ts).
   */
  snapshotParts(): SnapshotParts {
    return { postings: this.index.parts(), store: this.store.parts(this.slots) };
  }

  add(doc: SearchDoc): void {
    if (this.index.slotOf(doc.id) !== undefined) this.remove(doc.id);
    if (doc.withdrawn) return;
    const tokens = { id: doc.id, title: indexTerms(doc.title), learning: indexTerms(doc.learning), narrative: indexTerms(doc.narrative), notes: indexTerms(doc.notes) };
    const slot = this.index.add(tokens);
    this.slots = Math.max(this.slots, slot + 1);
    this.store.put(slot, doc, TEXT_FIELDS.map((f) => tokens[f].length));
  }

  replace(doc: SearchDoc): void {
    this.remove(doc.id);
    this.add(doc);
  }

  remove(id: number): void {
    const slot = this.index.slotOf(id);
    if (slot === undefined) return;
    // The case's terms again, so the counts behind every term's rarity stay exact; compaction drops
    // the dead postings later, and the store hides them now.
    const t = this.store.texts.all(slot);
    this.index.discard(id, { title: indexTerms(t.title), learning: indexTerms(t.learning), narrative: indexTerms(t.narrative), notes: indexTerms(t.notes) });
    this.store.drop(slot);
  }

  size(): number {
    return this.store.live;
  }

  expect(cases: number): void {
    this.index.reserve(cases / Math.max(1, this.slots));
  }

  compact(): void {
    for (const _ of this.compacting());
  }

  *compacting(): Generator<void, void, void> {
    yield* this.index.compacting();
    this.store.texts.compact(this.slots);
  }

  private resolve(q: string): Resolved {
    return resolve(this.index, this.store, expandQuery(parseQuery(q), this.synonyms));
  }

  search(req: SearchRequest): SearchResult {
    const offset = Math.max(0, Math.floor(req.offset) || 0);
    const limit = Math.min(MAX_LIMIT, Math.max(0, Math.floor(req.limit) || 0));
    const r = this.resolve(req.q);
    const matches = this.matcher.match(r, req.includeDrafts);
    const relaxed = matches.relaxed;
    const page = collect(this.store, matches, req.filters, req.sort, offset + limit);
    const items = page.ranked.slice(offset).map((x) => this.hit(r, x.slot, x.score));
    const result: SearchResult = { total: page.total, items, facets: page.facets };
    if (relaxed) result.relaxed = true;
    // A correction is offered only where it finds cases this reader may see: a word found only in
    // drafts must not be told to those who never see drafts.
    const suggestion = r.fuzzy && page.total > 0 ? this.corrected(req.q, r.corrections) : page.total === 0 ? this.suggest(req) : undefined;
    if (suggestion) result.didYouMean = suggestion;
    return result;
  }

  private hit(r: Resolved, slot: number, score: number): SearchHit {
    const terms = new Set<string>();
    const matched: string[] = [];
    for (const c of r.clauses) {
      for (const alt of c.alts) {
        if (this.matcher.altScore(alt, slot) === 0) continue;
        if (!matched.includes(alt.label)) matched.push(alt.label);
        for (const w of alt.words) for (const s of w.specs) terms.add(s.term);
        if (alt.phrase) for (const w of alt.phrase) terms.add(w);
      }
    }
    const t = this.store.texts.all(slot);
    return {
      id: this.store.ids[slot]!,
      ref: this.store.refs[slot]!,
      title: t.title,
      eventMonth: monthText(this.store.month[slot]!),
      themes: this.store.themes.list(slot).map((c) => this.store.codes.theme.values[c]!).sort(),
      score: Math.round(score * 1000) / 1000,
      snippet: snippet([t.narrative, t.learning, t.notes, t.title], terms),
      matched,
    };
  }

  /** The word as people write it: the first case that holds the stem shows its surface form. */
  private surfaceOf(term: string): string {
    const id = this.index.postings(term);
    if (id === undefined) return term;
    const { data, start, len } = this.index;
    for (let f = 0; f < TEXT_FIELDS.length; f++) {
      const list = id * TEXT_FIELDS.length + f;
      for (let i = start[list]!; i < start[list]! + len[list]!; i++) {
        const slot = slotOfPosting(data[i]!);
        if (this.store.status[slot] === 0) continue;
        let found = '';
        scanTokens(this.store.texts.field(slot, f), (t) => {
          if (!found && t.term === term) found = t.surface;
        });
        if (found) return found;
      }
    }
    return term;
  }

  private corrected(q: string, fixes: Map<string, string>): string | undefined {
    if (fixes.size === 0) return undefined;
    let out = '';
    let pos = 0;
    scanTokens(q, (t) => {
      const fix = fixes.get(t.term);
      if (!fix) return;
      out += q.slice(pos, t.start) + this.surfaceOf(fix);
      pos = t.end;
    });
    out += q.slice(pos);
    return out === q ? undefined : out;
  }

  /** When nothing matched, the closest spelling of each rare word, kept only if it finds cases. */
  private suggest(req: SearchRequest): string | undefined {
    const fixes = new Map<string, string>();
    scanTokens(req.q, (t) => {
      if (t.term.length < 4 || isStopWord(t.surface) || postingCount(this.index, this.index.postings(t.term)) > 2) return;
      const near = this.index.near(t.term, t.term.length >= 8 ? 2 : 1);
      near.sort((x, y) => x.distance - y.distance || this.index.count(y.data) - this.index.count(x.data));
      if (near[0]) fixes.set(t.term, near[0].term);
    });
    const text = this.corrected(req.q, fixes);
    if (!text || text === req.q) return undefined;
    return this.matcher.match(this.resolve(text), req.includeDrafts).size > 0 ? text : undefined;
  }

  similar(id: number, opts: { limit: number; includeDrafts: boolean }): SimilarCase[] {
    const slot = this.index.slotOf(id);
    if (slot === undefined) return [];
    const t = this.store.texts.all(slot);
    const factors = this.store.factors.list(slot).map((c) => this.store.codes.factor.values[c]!);
    return similarTo(this.index, this.store, `${t.title}\n${t.learning}\n${t.narrative}`, factors, { ...opts, excludeSlot: slot });
  }

  close(): Promise<void> {
    return this.store.texts.close();
  }

  similarToText(text: string, factors: string[], opts: SimilarOptions): SimilarCase[] {
    const excludeSlot = opts.excludeId === undefined ? undefined : this.index.slotOf(opts.excludeId);
    return similarTo(this.index, this.store, text, factors, { limit: opts.limit, includeDrafts: opts.includeDrafts, excludeSlot });
  }
}

/**
 * `synonyms` is the whole list in force (built-in and admin groups); the built-in list when omitted.
 * `snapshot` restores an index written by `snapshotParts`.
 */
export function createSearchIndex(opts: { synonyms?: string[][]; snapshot?: SnapshotParts } = {}): SearchIndex {
  const synonyms = compileSynonyms(opts.synonyms ?? DEFAULT_SYNONYMS);
  if (!opts.snapshot) return new EmbeddedIndex(synonyms);
  const steps = EmbeddedIndex.restoring(synonyms, opts.snapshot);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The same restore a step at a time, for a caller that lets requests in between steps: a few hundred milliseconds at 100,000 cases. */
export function restoringSearchIndex(opts: { synonyms: string[][]; snapshot: SnapshotParts }): Generator<void, SearchIndex, void> {
  return EmbeddedIndex.restoring(compileSynonyms(opts.synonyms), opts.snapshot);
}
