/**
 * Query execution over the postings (postings.ts). The cost of a query is the postings it walks, so:
 * the rarest clauses generate candidates (for "match at least m of n" words, any n−m+1 clauses must
 * hold one, so the n−m+1 rarest suffice), and each further clause either walks its postings keeping
 * only candidates or looks its terms up for each candidate, whichever touches fewer entries. Scores,
 * clause bits and the candidate list live in typed arrays reused across queries: no per-document
 * objects, no Maps, nothing to collect.
 */
import { scanTokens, withoutPlaceholders } from '../domain/search-query.ts';
import { type PostingsIndex, TEXT_FIELDS, TF_BITS, TF_MASK } from './postings.ts';
import type { Alt, Clause, Resolved, TermSpec, Word } from './resolve.ts';
import { type DocStore, labelSetHas, labelTermCount } from './store.ts';

/** Title first, then learning points, then narrative; notes and labels add context only. */
export const FIELD_BOOST = [3, 2, 1, 0.7];
export const LABEL_BOOST = 0.6;
const K1 = 1.2;
const B = 0.7;
const D = 0.5;
const MAX_CLAUSES = 24;

const idf = (n: number, df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));

/** One field's postings of a term: data[from, to) in the index's arena. */
type FieldPlan = { list: number; from: number; to: number; lens: Uint16Array; factor: number; norm: number };
type SpecPlan = { spec: TermSpec; fields: FieldPlan[]; labelFactor: number; labels: Uint8Array | null; labelScores: Float64Array };

export type Matches = { slots: Int32Array; scores: Float64Array; counts: Uint8Array; size: number; optional: number; relaxed: boolean };

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Clauses a query may leave unmatched and still list the case: none up to two words, then about a third. */
export const minimumMatch = (n: number): number => (n <= 2 ? n : n - Math.floor((n - 1) / 2));

export class Matcher {
  private stamp = new Uint32Array(0);
  private score = new Float64Array(0);
  private mask = new Uint32Array(0);
  private touched = new Int32Array(0);
  private count = 0;
  private epoch = 0;
  // Per-alternative and per-clause tallies, so a clause scores its best alternative.
  private altStamp = new Uint32Array(0);
  private altScoreOf = new Float64Array(0);
  private altList = new Int32Array(0);
  private altCount = 0;
  private altEpoch = 0;
  private clauseStamp = new Uint32Array(0);
  private clauseBest = new Float64Array(0);
  private clauseList = new Int32Array(0);
  private clauseCount = 0;
  private clauseEpoch = 0;
  private minStatus = 2;
  private plans = new Map<TermSpec, SpecPlan>();
  private readonly labelMemberCache = new Map<string, Uint8Array>();

  constructor(
    private readonly index: PostingsIndex,
    private readonly store: DocStore,
    private readonly slotLimit: () => number,
  ) {}

  private prepare(includeDrafts: boolean): void {
    const n = this.slotLimit();
    if (this.stamp.length < n) {
      const size = Math.max(n, this.stamp.length * 2, 1024);
      this.stamp = new Uint32Array(size);
      this.score = new Float64Array(size);
      this.mask = new Uint32Array(size);
      this.touched = new Int32Array(size);
      this.altStamp = new Uint32Array(size);
      this.altScoreOf = new Float64Array(size);
      this.altList = new Int32Array(size);
      this.clauseStamp = new Uint32Array(size);
      this.clauseBest = new Float64Array(size);
      this.clauseList = new Int32Array(size);
      this.epoch = this.altEpoch = this.clauseEpoch = 0;
    }
    this.minStatus = includeDrafts ? 1 : 2;
    this.plans.clear();
    this.count = 0;
    // Epochs mark "touched by this query" without clearing arrays; wrap-around clears them once.
    if (Math.max(++this.epoch, this.altEpoch, this.clauseEpoch) > 0xfff00000) {
      this.stamp.fill(0);
      this.altStamp.fill(0);
      this.clauseStamp.fill(0);
      this.epoch = 1;
      this.altEpoch = this.clauseEpoch = 0;
    }
  }

  /**
   * Which label sets hold a term. Label sets are never changed once made, only added, so the
   * answer is kept between queries and extended for new sets: working it out afresh for every
   * query term walked every label set, a fifth of the time of a common-word search at 100,000 cases.
   */
  private labelMembers(term: string): Uint8Array {
    const sets = this.store.labelSets;
    const known = this.labelMemberCache.get(term);
    if (known && known.length === sets.length) return known;
    const members = new Uint8Array(sets.length);
    const from = known ? known.length : 0;
    if (known) members.set(known);
    for (let i = from; i < sets.length; i++) members[i] = labelSetHas(sets[i]!, term) ? 1 : 0;
    this.labelMemberCache.set(term, members);
    return members;
  }

  private plan(spec: TermSpec): SpecPlan {
    let p = this.plans.get(spec);
    if (p) return p;
    const s = this.store;
    const n = Math.max(1, s.live);
    const fields: FieldPlan[] = [];
    if (spec.data !== undefined) {
      for (let fieldId = 0; fieldId < TEXT_FIELDS.length; fieldId++) {
        const list = spec.data * TEXT_FIELDS.length + fieldId;
        const size = this.index.len[list]!;
        if (size === 0) continue;
        const from = this.index.start[list]!;
        fields.push({
          list,
          from,
          to: from + size,
          lens: s.fieldLength[fieldId]!,
          factor: spec.weight * spec.scale * FIELD_BOOST[fieldId]! * idf(n, Math.min(this.index.df(list), n)),
          norm: s.avgFieldLength(fieldId),
        });
      }
    }
    const labels = spec.labelDf > 0 ? this.labelMembers(spec.term) : null;
    // -1 marks a label set not scored yet in this query.
    const labelScores = new Float64Array(labels ? s.labelSets.length : 0).fill(-1);
    p = { spec, fields, labelFactor: spec.weight * spec.scale * LABEL_BOOST * idf(n, Math.min(spec.labelDf, n)), labels, labelScores };
    this.plans.set(spec, p);
    return p;
  }

  /** The score depends only on the case's label set, and thousands of cases share each: worked out once a set. */
  private labelScore(p: SpecPlan, slot: number): number {
    const set = this.store.labelSet[slot]!;
    const known = p.labelScores[set]!;
    if (known >= 0) return known;
    const ls = this.store.labelSets[set]!;
    const tf = labelTermCount(ls, p.spec.term);
    const score = tf ? p.labelFactor * (D + (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * ls.length) / this.store.avgLabelLength()))) : 0;
    p.labelScores[set] = score;
    return score;
  }

  private specScore(spec: TermSpec, slot: number): number {
    const p = this.plan(spec);
    let s = 0;
    for (const f of p.fields) {
      const tf = this.index.frequency(f.list, slot);
      if (tf) s += f.factor * (D + (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * f.lens[slot]!) / f.norm)));
    }
    if (p.labels) s += this.labelScore(p, slot);
    return s;
  }

  private wordScore(w: Word, slot: number): number {
    let s = 0;
    for (const spec of w.specs) s += this.specScore(spec, slot);
    return s;
  }

  altScore(alt: Alt, slot: number): number {
    let s = 0;
    for (const w of alt.words) {
      const ws = this.wordScore(w, slot);
      if (ws === 0) return 0;
      s += ws;
    }
    return s * alt.weight;
  }

  private add(slot: number, s: number, bit: number, restricted: boolean): void {
    if (this.stamp[slot] !== this.epoch) {
      if (restricted) return;
      this.stamp[slot] = this.epoch;
      this.score[slot] = 0;
      this.mask[slot] = 0;
      this.touched[this.count++] = slot;
    }
    this.score[slot]! += s;
    this.mask[slot]! |= bit;
  }

  /** Starts one alternative's tally; a clause scores its best alternative, so synonyms never add up. */
  private tally(slot: number, v: number): void {
    if (this.altStamp[slot] !== this.altEpoch) {
      this.altStamp[slot] = this.altEpoch;
      this.altScoreOf[slot] = 0;
      this.altList[this.altCount++] = slot;
    }
    this.altScoreOf[slot]! += v;
  }

  private foldAlt(weight: number): void {
    for (let i = 0; i < this.altCount; i++) {
      const slot = this.altList[i]!;
      const v = this.altScoreOf[slot]! * weight;
      if (this.clauseStamp[slot] !== this.clauseEpoch) {
        this.clauseStamp[slot] = this.clauseEpoch;
        this.clauseBest[slot] = v;
        this.clauseList[this.clauseCount++] = slot;
      } else if (v > this.clauseBest[slot]!) this.clauseBest[slot] = v;
    }
  }

  /** Walks the postings of one clause; `restricted` keeps only documents already candidates. */
  private enumerate(clause: Clause, bit: number, restricted: boolean): void {
    const status = this.store.status;
    const min = this.minStatus;
    const only = clause.alts.length === 1 ? clause.alts[0]! : null;
    if (only && only.words.length === 1) {
      // One word without synonyms, the common case: straight into the query's scores.
      for (const spec of only.words[0]!.specs) {
        const p = this.plan(spec);
        for (const f of p.fields) {
          const { lens, norm } = f;
          const factor = f.factor * only.weight;
          const data = this.index.data;
          for (let i = f.from; i < f.to; i++) {
            const slot = data[i]! >>> TF_BITS;
            const tf = data[i]! & TF_MASK;
            if (status[slot]! < min || (restricted && this.stamp[slot] !== this.epoch)) continue;
            this.add(slot, factor * (D + (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * lens[slot]!) / norm))), bit, restricted);
          }
        }
        if (p.labels) this.addLabelled(p, only.weight, bit, restricted);
      }
      return;
    }
    this.clauseEpoch++;
    this.clauseCount = 0;
    for (const alt of clause.alts) {
      this.altEpoch++;
      this.altCount = 0;
      if (alt.words.length === 1) {
        for (const spec of alt.words[0]!.specs) {
          const p = this.plan(spec);
          for (const f of p.fields) {
            const { lens, norm, factor } = f;
            const data = this.index.data;
            for (let i = f.from; i < f.to; i++) {
              const slot = data[i]! >>> TF_BITS;
              const tf = data[i]! & TF_MASK;
              if (status[slot]! < min || (restricted && this.stamp[slot] !== this.epoch)) continue;
              this.tally(slot, factor * (D + (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * lens[slot]!) / norm))));
            }
          }
          if (p.labels) this.eachLabelled(p.labels, restricted, (slot) => this.tally(slot, this.labelScore(p, slot)));
        }
        this.foldAlt(alt.weight);
        continue;
      }
      // Several words: the rarest one names the candidates, the others are looked up.
      const rarest = alt.words.reduce((a, b) => (b.cost < a.cost ? b : a));
      const visit = (slot: number) => {
        if (this.altStamp[slot] === this.altEpoch || status[slot]! < min || (restricted && this.stamp[slot] !== this.epoch)) return;
        const s = this.altScore(alt, slot) / alt.weight;
        // Marks the slot visited even when it fails, so each candidate is scored once.
        this.tally(slot, s);
      };
      for (const spec of rarest.specs) {
        const p = this.plan(spec);
        const data = this.index.data;
        for (const f of p.fields) for (let i = f.from; i < f.to; i++) visit(data[i]! >>> TF_BITS);
        if (p.labels) this.eachLabelled(p.labels, restricted, visit);
      }
      this.foldAlt(alt.weight);
    }
    for (let i = 0; i < this.clauseCount; i++) {
      const slot = this.clauseList[i]!;
      if (this.clauseBest[slot]! > 0) this.add(slot, this.clauseBest[slot]!, bit, restricted);
    }
  }

  /**
   * Adds every case whose label set holds the term, a set's score worked out once. Written out, not
   * through `eachLabelled`: a call through a closure per case made the benchmark's 340 queries about
   * 6% slower at 100,000 cases.
   */
  private addLabelled(p: SpecPlan, weight: number, bit: number, restricted: boolean): void {
    const labels = p.labels!;
    const ls = this.store.labelSet;
    const known = p.labelScores;
    if (restricted) {
      // Adding to a candidate never lengthens the list being walked.
      for (let i = 0, n = this.count; i < n; i++) {
        const slot = this.touched[i]!;
        const set = ls[slot]!;
        if (!labels[set]) continue;
        const s = known[set]! >= 0 ? known[set]! : this.labelScore(p, slot);
        this.score[slot]! += s * weight;
        this.mask[slot]! |= bit;
      }
      return;
    }
    const status = this.store.status;
    const min = this.minStatus;
    for (let slot = 0, n = this.slotLimit(); slot < n; slot++) {
      const set = ls[slot]!;
      if (!labels[set] || status[slot]! < min) continue;
      const s = known[set]! >= 0 ? known[set]! : this.labelScore(p, slot);
      this.add(slot, s * weight, bit, false);
    }
  }

  private eachLabelled(labels: Uint8Array, restricted: boolean, fn: (slot: number) => void): void {
    const ls = this.store.labelSet;
    const status = this.store.status;
    if (restricted) {
      for (let i = 0; i < this.count; i++) {
        const slot = this.touched[i]!;
        if (labels[ls[slot]!]) fn(slot);
      }
      return;
    }
    const n = this.slotLimit();
    for (let slot = 0; slot < n; slot++) if (labels[ls[slot]!] && status[slot]! >= this.minStatus) fn(slot);
  }

  private lookupCost(clause: Clause): number {
    let n = 0;
    for (const a of clause.alts) for (const w of a.words) n += w.specs.length * (TEXT_FIELDS.length + 1);
    return n * this.count;
  }

  private lookup(clause: Clause, bit: number): void {
    for (let i = 0; i < this.count; i++) {
      const slot = this.touched[i]!;
      let s = 0;
      for (const alt of clause.alts) s = Math.max(s, this.altScore(alt, slot));
      if (s > 0) {
        this.score[slot]! += s;
        this.mask[slot]! |= bit;
      }
    }
  }

  private keep(pred: (slot: number) => boolean): void {
    let j = 0;
    for (let i = 0; i < this.count; i++) {
      const slot = this.touched[i]!;
      if (pred(slot)) this.touched[j++] = slot;
    }
    this.count = j;
  }

  private everyVisible(): void {
    const n = this.slotLimit();
    for (let slot = 0; slot < n; slot++) if (this.store.status[slot]! >= this.minStatus) this.add(slot, 0, 0, false);
  }

  /** Documents matching all strict clauses, at least `m` of the others, and no exclusion. */
  private run(r: Resolved, includeDrafts: boolean, m: number): void {
    this.prepare(includeDrafts);
    const clauses = r.clauses.slice(0, MAX_CLAUSES).map((c, i) => ({ c, bit: 1 << i }));
    const strict = clauses.filter((x) => x.c.strict).sort((a, b) => a.c.cost - b.c.cost);
    const optional = clauses.filter((x) => !x.c.strict).sort((a, b) => a.c.cost - b.c.cost);
    const optionalBits = optional.reduce((n, x) => n | x.bit, 0);
    let strictBits = 0;
    let remaining = optional.length;
    const order = [...strict, ...optional];
    const generators = strict.length > 0 ? 1 : Math.max(0, optional.length - m + 1);
    if (order.length === 0) this.everyVisible();
    order.forEach(({ c, bit }, i) => {
      if (i < generators) this.enumerate(c, bit, false);
      else if (c.cost <= this.lookupCost(c)) this.enumerate(c, bit, true);
      else this.lookup(c, bit);
      if (c.strict) strictBits |= bit;
      else remaining--;
      if (i + 1 < generators) return;
      const need = strictBits;
      this.keep((slot) => (this.mask[slot]! & need) === need && popcount(this.mask[slot]! & optionalBits) + remaining >= m);
    });
    const phrases = strict.filter((x) => x.c.alts.some((a) => a.phrase));
    if (phrases.length) this.keep((slot) => phrases.every(({ c }) => c.alts.some((a) => this.altScore(a, slot) > 0 && (!a.phrase || this.phraseIn(slot, a.phrase)))));
    if (r.exclude.length) this.keep((slot) => !r.exclude.some((a) => this.altScore(a, slot) > 0 && (!a.phrase || this.phraseIn(slot, a.phrase))));
  }

  match(r: Resolved, includeDrafts: boolean): Matches {
    const optional = r.clauses.slice(0, MAX_CLAUSES).filter((c) => !c.strict).length;
    const m = minimumMatch(optional);
    this.run(r, includeDrafts, m);
    // Nothing has most of the words: list what has any of them rather than nothing at all.
    if (this.count === 0 && m > 1) this.run(r, includeDrafts, 1);
    const bits = r.clauses.slice(0, MAX_CLAUSES).reduce((n, c, i) => (c.strict ? n : n | (1 << i)), 0);
    const size = this.count;
    const out: Matches = { slots: this.touched.subarray(0, size), scores: new Float64Array(size), counts: new Uint8Array(size), size, optional, relaxed: false };
    let all = false;
    for (let i = 0; i < size; i++) {
      const slot = this.touched[i]!;
      out.scores[i] = this.score[slot]!;
      out.counts[i] = popcount(this.mask[slot]! & bits);
      if (out.counts[i] === optional) all = true;
    }
    out.relaxed = size > 0 && optional > 1 && !all;
    return out;
  }

  /** Whether the stems of `phrase` occur in sequence in one field of the document. */
  phraseIn(slot: number, phrase: string[]): boolean {
    const t = this.store.texts.all(slot);
    const texts = [t.title, t.learning, t.narrative, t.notes, this.store.labelSets[this.store.labelSet[slot]!]!.text];
    for (const text of texts) {
      let j = 0;
      let found = false;
      // A placeholder ("[date]") is no word of the case, as in the index.
      scanTokens(withoutPlaceholders(text), (tok) => {
        if (found) return;
        if (tok.term === phrase[j]) j++;
        else j = tok.term === phrase[0] ? 1 : 0;
        if (j === phrase.length) found = true;
      });
      if (found) return true;
    }
    return false;
  }
}
