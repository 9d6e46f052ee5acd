/**
 * The inverted index. MiniSearch's SearchableMap (a radix tree) holds the term dictionary for prefix
 * and fuzzy lookup; the postings are ours. MiniSearch keeps a Map of document to frequency per term
 * and field, about 45 bytes a posting and 6 KB a case; here every posting is one 32-bit word (slot in
 * the high 24 bits, frequency in the low 8) in a single arena, 4 bytes a posting. A list's postings
 * lie side by side in slot order, so walking one is a loop over an array and finding a slot in one
 * is a binary search.
 */
import SearchableMap from 'minisearch/SearchableMap';
import { grown } from './typed-arrays.ts';

export const TEXT_FIELDS = ['title', 'learning', 'narrative', 'notes'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export type TokenisedDoc = { id: number } & Record<TextField, string[]>;
/** A term's id in the index; its postings are read through the index. */
export type Postings = number;
export type PostingsParts = { terms: string; data: Uint32Array; start: Uint32Array; len: Uint32Array };

const FIELDS = TEXT_FIELDS.length;
export const TF_BITS = 8;
export const TF_MASK = (1 << TF_BITS) - 1;
export const MAX_SLOTS = 2 ** (32 - TF_BITS);
/** Postings copied between the steps of a compaction: a few milliseconds' work. */
const COMPACT_STEP = 500_000;
/** Terms entered into the dictionary between the steps of a restore: a few milliseconds' work. */
const TERMS_STEP = 500;

export const slotOfPosting = (p: number): number => p >>> TF_BITS;

export class PostingsIndex {
  private slots = new Map<number, number>();
  private nextSlot = 0;
  /** Slots discarded since their postings were written; compaction drops their postings. */
  private dead = new Uint8Array(1024);

  private readonly termIds = new Map<string, number>();
  private readonly tree = new SearchableMap<number>();
  private readonly termNames: string[] = [];

  /** Every list's postings; list `term * FIELDS + field` is data[start, start + len). */
  data: Uint32Array = new Uint32Array(1 << 16);
  private used = 0;
  start = new Uint32Array(1024);
  len = new Uint32Array(1024);
  private cap = new Uint32Array(1024);
  /** Postings of discarded cases in each list, so counts stay exact until compaction removes them. */
  private deadIn = new Uint32Array(1024);
  /** Bumped by every change, so a compaction done in steps knows when to give up. */
  private version = 0;
  /** True from a compaction until the next change: nothing to compact. */
  private compacted = true;

  // Per-document scratch, reused so adding a case allocates nothing per term.
  private seen = new Uint32Array(1024);
  private tf = new Uint32Array(1024);
  private touched: number[] = [];
  private epoch = 0;

  slotOf(id: number): number | undefined {
    return this.slots.get(id);
  }

  /** Indexes a case under the next slot; the caller has discarded any earlier version. */
  add(doc: TokenisedDoc): number {
    const slot = this.nextSlot++;
    this.version++;
    if (slot >= MAX_SLOTS) throw new Error(`The search index holds at most ${MAX_SLOTS} case versions`);
    this.slots.set(doc.id, slot);
    if (this.dead.length <= slot) this.dead = grown(this.dead, slot + 1);
    for (let f = 0; f < FIELDS; f++) {
      const tokens = doc[TEXT_FIELDS[f]!];
      if (++this.epoch === 0xffffffff) this.seen.fill((this.epoch = 1) - 1);
      this.touched.length = 0;
      for (const t of tokens) {
        const term = this.termId(t);
        if (this.seen[term] !== this.epoch) {
          this.seen[term] = this.epoch;
          this.tf[term] = 0;
          this.touched.push(term);
        }
        this.tf[term]!++;
      }
      for (const term of this.touched) this.append(term * FIELDS + f, (slot << TF_BITS) | Math.min(this.tf[term]!, TF_MASK));
    }
    // Last, as appending may itself have compacted the arena.
    this.compacted = false;
    return slot;
  }

  /**
   * Forgets the case, given the terms it was added with; its postings stay until compaction and the
   * store hides them meanwhile, but they no longer count towards any term's document frequency.
   */
  discard(id: number, doc: Record<TextField, string[]>): void {
    const slot = this.slots.get(id);
    if (slot === undefined) return;
    this.slots.delete(id);
    this.dead[slot] = 1;
    this.version++;
    this.compacted = false;
    for (let f = 0; f < FIELDS; f++) {
      if (++this.epoch === 0xffffffff) this.seen.fill((this.epoch = 1) - 1);
      for (const t of doc[TEXT_FIELDS[f]!]) {
        const term = this.termIds.get(t);
        if (term === undefined || this.seen[term] === this.epoch) continue;
        this.seen[term] = this.epoch;
        this.deadIn[term * FIELDS + f]!++;
      }
    }
  }

  /** Cases holding the term in one field's list, not counting discarded ones. */
  df(list: number): number {
    // Never below zero, should a case's text read back tokenise differently (a lone surrogate does).
    return Math.max(0, this.len[list]! - this.deadIn[list]!);
  }

  postings(term: string): Postings | undefined {
    const id = this.termIds.get(term);
    return id !== undefined && this.count(id) > 0 ? id : undefined;
  }

  /** Postings of the term in every field: cases holding it, counted once per field. */
  count(term: Postings): number {
    let n = 0;
    for (let f = 0; f < FIELDS; f++) n += this.df(term * FIELDS + f);
    return n;
  }

  /** The most cases holding the term in any one field: a lower bound on its document frequency. */
  maxFieldCount(term: Postings): number {
    let n = 0;
    for (let f = 0; f < FIELDS; f++) n = Math.max(n, this.df(term * FIELDS + f));
    return n;
  }

  /** The term's frequency in one field of the case, 0 when absent. */
  frequency(list: number, slot: number): number {
    let lo = this.start[list]!;
    let hi = lo + this.len[list]! - 1;
    const data = this.data;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const s = data[mid]! >>> TF_BITS;
      if (s < slot) lo = mid + 1;
      else if (s > slot) hi = mid - 1;
      else return data[mid]! & TF_MASK;
    }
    return 0;
  }

  /** Index terms starting with `prefix`, other than `prefix` itself. */
  completions(prefix: string): [string, Postings][] {
    const out: [string, Postings][] = [];
    for (const [term, id] of this.tree.atPrefix(prefix)) if (term !== prefix && this.count(id) > 0) out.push([term, id]);
    return out;
  }

  /**
   * Index terms within `distance` edits of `term`. Two letters typed the wrong way round ("nodlue")
   * are one slip, not the two edits Levenshtein counts, so each swap of neighbours counts as one.
   */
  near(term: string, distance: number): { term: string; distance: number; data: Postings }[] {
    const out: { term: string; distance: number; data: Postings }[] = [];
    for (const [t, [id, d]] of this.tree.fuzzyGet(term, distance)) if (t !== term && this.count(id) > 0) out.push({ term: t, distance: d, data: id });
    for (let i = 0; i + 1 < term.length; i++) {
      if (term[i] === term[i + 1]) continue;
      const swapped = term.slice(0, i) + term[i + 1] + term[i] + term.slice(i + 2);
      const id = this.tree.get(swapped);
      if (id === undefined || this.count(id) === 0) continue;
      const known = out.find((n) => n.term === swapped);
      if (!known) out.push({ term: swapped, distance: 1, data: id });
      else known.distance = Math.min(known.distance, 1);
    }
    return out;
  }

  /**
   * Room for `factor` times what is held so far (spare room included, as lists keep growing into it),
   * set aside in one step rather than by doubling, each of which copies the whole arena.
   */
  reserve(factor: number): void {
    const want = Math.ceil(this.used * (1 + factor) * 2);
    if (want > this.data.length) this.data = grown(this.data, want);
  }

  /** Rewrites the arena without dead postings or spare room: after a build, and when waste outgrows use. */
  compact(): void {
    for (const _ of this.compacting());
  }

  /**
   * Compaction a step at a time, so a caller can let requests in between steps: at 100,000 cases
   * the whole of it held the event loop for a fifth of a second. The new arena is written aside and
   * swapped in at the last step; if the index changes in between, the steps stop and nothing changes.
   */
  *compacting(step = COMPACT_STEP, growing = false): Generator<void, void, void> {
    if (this.compacted && !growing) return;
    const version = this.version;
    const lists = this.termNames.length * FIELDS;
    // Growing (the arena is full while cases are added): each list keeps half as much again as it
    // holds, and the arena room for moving lists, so lists grow in place for a while. Compacted
    // exactly, every list moved at its next posting, which filled the arena again at once: adding
    // cases one by one spent a third of its time moving postings and setting aside fresh memory.
    const slack = (n: number) => (growing && n > 0 ? Math.max(4, n >>> 1) : 0);
    let room = 0;
    for (let l = 0; l < lists; l++) room += this.len[l]! + slack(this.len[l]!);
    const next = new Uint32Array(Math.max(1 << 16, growing ? room * 2 : room));
    const start = new Uint32Array(this.start.length);
    const len = new Uint32Array(this.len.length);
    const cap = new Uint32Array(this.cap.length);
    const { data, dead } = this;
    let at = 0;
    let work = 0;
    for (let l = 0; l < lists; l++) {
      const from = this.start[l]!;
      const end = from + this.len[l]!;
      start[l] = at;
      for (let i = from; i < end; i++) {
        const p = data[i]!;
        if (!dead[p >>> TF_BITS]) next[at++] = p;
      }
      len[l] = at - start[l]!;
      cap[l] = len[l]! + slack(len[l]!);
      at = start[l]! + cap[l]!;
      work += end - from + 1;
      if (work > step) {
        work = 0;
        yield;
        if (this.version !== version) return;
      }
    }
    this.data = next;
    this.start = start;
    this.len = len;
    this.cap = cap;
    this.used = at;
    this.deadIn.fill(0);
    this.compacted = !growing;
  }

  /**
   * What a snapshot holds: compacted postings and the term list; slots come back from the store.
   * The arena is handed over as a view, not a copy: after compaction every list is full, so any
   * later posting moves its list past the end, and nothing in the view is ever written again.
   */
  parts(): PostingsParts {
    this.compact();
    const lists = this.termNames.length * FIELDS;
    return { terms: this.termNames.join('\n'), data: this.data.subarray(0, this.used), start: this.start.slice(0, lists), len: this.len.slice(0, lists) };
  }

  /**
   * The index a snapshot describes, a step at a time: entering the terms into the dictionary in one
   * go, before its code is compiled, held the event loop for about 50 ms. `live` (kept, not copied)
   * names each case's slot, and slots below `slotCount` not in it are dead.
   */
  static *restoring(p: PostingsParts, live: Map<number, number>, slotCount: number): Generator<void, PostingsIndex, void> {
    const ix = new PostingsIndex();
    const names = p.terms ? p.terms.split('\n') : [];
    if (p.start.length !== names.length * FIELDS || p.len.length !== p.start.length) throw new Error('The snapshot\'s term lists do not match its terms');
    for (let i = 0; i < names.length; i++) {
      ix.termId(names[i]!);
      if (i % TERMS_STEP === TERMS_STEP - 1) yield;
    }
    // The parts are the index's from now on: a snapshot's arrays were read for it alone.
    ix.data = p.data;
    ix.used = p.data.length;
    ix.start.set(p.start);
    ix.len.set(p.len);
    ix.cap.set(p.len);
    for (let l = 0; l < p.start.length; l++) if (p.start[l]! + p.len[l]! > ix.used) throw new Error('The snapshot\'s postings run past their end');
    ix.slots = live;
    ix.nextSlot = slotCount;
    ix.dead = new Uint8Array(Math.max(1024, slotCount)).fill(1, 0, slotCount);
    for (const slot of live.values()) ix.dead[slot] = 0;
    return ix;
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id !== undefined) return id;
    id = this.termNames.length;
    this.termNames.push(term);
    this.termIds.set(term, id);
    this.tree.set(term, id);
    const lists = (id + 1) * FIELDS;
    if (this.start.length < lists) {
      this.start = grown(this.start, lists);
      this.len = grown(this.len, lists);
      this.cap = grown(this.cap, lists);
      this.deadIn = grown(this.deadIn, lists);
    }
    if (this.seen.length <= id) {
      this.seen = grown(this.seen, id + 1);
      this.tf = grown(this.tf, id + 1);
    }
    return id;
  }

  private append(list: number, posting: number): void {
    if (this.len[list] === this.cap[list]) this.relocate(list, Math.max(4, this.len[list]! * 2));
    // Read after relocating: a compaction on the way drops the list's dead postings.
    const len = this.len[list]!;
    this.data[this.start[list]! + len] = posting;
    this.len[list] = len + 1;
  }

  /** Moves a full list to the end of the arena with room to grow; the old room is reclaimed by compaction. */
  private relocate(list: number, cap: number): void {
    if (this.used + cap > this.data.length) {
      // Compact rather than grow while at least half the arena is spare room or dead postings.
      let live = 0;
      for (let l = 0; l < this.termNames.length * FIELDS; l++) live += this.len[l]!;
      if (live * 2 < this.used) {
        for (const _ of this.compacting(Infinity, true));
        // The list has room of its own now.
        if (this.len[list]! < this.cap[list]!) return;
      }
      if (this.used + cap > this.data.length) this.data = grown(this.data, this.used + cap);
    }
    const from = this.start[list]!;
    this.data.copyWithin(this.used, from, from + this.len[list]!);
    this.start[list] = this.used;
    this.cap[list] = cap;
    this.used += cap;
  }
}

/** Postings of the term in every field, not counting removed cases. */
export function postingCount(index: PostingsIndex, p: Postings | undefined): number {
  return p === undefined ? 0 : index.count(p);
}
