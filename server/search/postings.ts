/**
 * MiniSearch holds the inverted index (radix tree of terms, postings per field, prefix and fuzzy
 * lookup). Its own search scores every matching document and allocates a result object for each,
 * which is what makes common words slow at 100,000 cases; this subclass exposes the postings so the
 * matcher can visit the rarest terms first and only look up the rest for the candidates it has.
 */
import MiniSearch from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';

/** Field order is the field id MiniSearch assigns. */
export const TEXT_FIELDS = ['title', 'learning', 'narrative', 'notes'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export type Postings = Map<number, Map<number, number>>;
export type TokenisedDoc = { id: number } & Record<TextField, string[]>;

/**
 * The radix tree finds a term by scanning each node's children, about a microsecond per lookup, and
 * MiniSearch looks a term up for every word it indexes. A hash map in front makes exact lookups
 * (indexing, and every query term) one probe; the tree still serves prefixes and near spellings.
 * Every mutation MiniSearch makes goes through set, fetch, update or delete, which keep the two in step.
 */
class TermMap extends SearchableMap<Postings> {
  private readonly exact = new Map<string, Postings>();
  override get(key: string): Postings | undefined {
    let v = this.exact.get(key);
    if (v === undefined) {
      v = super.get(key);
      if (v !== undefined) this.exact.set(key, v);
    }
    return v;
  }
  override fetch(key: string, initial: () => Postings): Postings {
    let v = this.exact.get(key);
    if (v === undefined) this.exact.set(key, (v = super.fetch(key, initial)));
    return v;
  }
  override set(key: string, value: Postings): this {
    this.exact.set(key, value);
    super.set(key, value);
    return this;
  }
  override update(key: string, fn: (value: Postings | undefined) => Postings): this {
    this.exact.delete(key);
    super.update(key, fn);
    return this;
  }
  override delete(key: string): void {
    this.exact.delete(key);
    super.delete(key);
  }
  override clear(): void {
    this.exact.clear();
    super.clear();
  }
}

export class PostingsIndex extends MiniSearch<TokenisedDoc> {
  constructor() {
    super({
      fields: [...TEXT_FIELDS],
      storeFields: [],
      // Documents arrive already tokenised (the engine needs the tokens for field lengths), so
      // MiniSearch's own tokenizer and term processing pass them through.
      extractField: (doc, field) => (doc as Record<string, unknown>)[field],
      stringifyField: (value) => value as string,
      tokenize: (value) => value as unknown as string[],
      processTerm: (term) => term,
      autoVacuum: { batchSize: 2000, batchWait: 5, minDirtCount: 50, minDirtFactor: 0.05 },
    });
    this._index = new TermMap() as unknown as typeof this._index;
  }

  /** The internal id MiniSearch uses as the posting key, which the engine also uses as its slot. */
  slotOf(id: number): number | undefined {
    return this._idToShortId.get(id);
  }

  postings(term: string): Postings | undefined {
    return this._index.get(term);
  }

  /** Index terms starting with `prefix`, other than `prefix` itself. */
  completions(prefix: string): [string, Postings][] {
    const out: [string, Postings][] = [];
    for (const [term, data] of this._index.atPrefix(prefix)) if (term !== prefix) out.push([term, data]);
    return out;
  }

  /** Index terms within `distance` edits of `term`. */
  near(term: string, distance: number): { term: string; distance: number; data: Postings }[] {
    const out: { term: string; distance: number; data: Postings }[] = [];
    for (const [t, [data, d]] of this._index.fuzzyGet(term, distance)) if (t !== term) out.push({ term: t, distance: d, data });
    return out;
  }
}

/** Documents holding the term in any field (an upper bound: postings of removed cases linger until vacuumed). */
export function postingCount(p: Postings | undefined): number {
  if (!p) return 0;
  let n = 0;
  for (const m of p.values()) n += m.size;
  return n;
}
