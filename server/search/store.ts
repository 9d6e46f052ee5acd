/**
 * Compact per-case data, indexed by the MiniSearch slot: typed arrays for what every query touches
 * (status, month, facet codes, field lengths) and plain arrays for the text snippets need. Facet
 * values are interned to small integers so counting facets is array arithmetic, not string hashing.
 */
import { indexTerms } from '../domain/search-query.ts';
import { TEXT_FIELDS } from './postings.ts';
import { CodeLists, type FlatCodes } from './code-lists.ts';
import { grown } from './typed-arrays.ts';
import { type TextParts, TextStore } from './texts.ts';
import type { SearchDoc } from './types.ts';

/** Status codes ordered so "visible" is one comparison: drafts are 1, others above. */
export const STATUS_CODE = { draft: 1, submitted: 2, closed: 3 } as const;

export class Interner {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();
  code(value: string): number {
    let c = this.codes.get(value);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(value);
      this.codes.set(value, c);
    }
    return c;
  }
  find(value: string): number | undefined {
    return this.codes.get(value);
  }
}

/** Between the labels in a case's label text (case-documents.ts); each label is tokenised once. */
export const LABEL_SEPARATOR = '. ';

/** One label's terms, with how often each occurs in it. */
export type LabelPiece = { counts: Map<string, number>; length: number };
/**
 * Label strings repeat across cases (a few thousand combinations of a few dozen labels), so each
 * distinct string is kept once and cases point at it instead of adding postings to the index. A set
 * is its labels' pieces, shared by every set holding the label: at 100,000 cases some 14,000 sets are
 * made of 60 labels, and giving each set a map of its own terms was 90 ms of every restore.
 */
export type LabelSet = { pieces: LabelPiece[]; length: number; text: string; docs: number; distinct?: string[] };

/** How often `term` occurs in the set's labels. */
export function labelTermCount(set: LabelSet, term: string): number {
  let n = 0;
  for (const p of set.pieces) n += p.counts.get(term) ?? 0;
  return n;
}

export const labelSetHas = (set: LabelSet, term: string): boolean => set.pieces.some((p) => p.counts.has(term));

/** Each of the set's terms once (two labels may share a word), worked out when first asked. */
function distinctTerms(set: LabelSet): string[] {
  return (set.distinct ??= [...new Set(set.pieces.flatMap((p) => [...p.counts.keys()]))]);
}

export type StoreParts = {
  status: Uint8Array; month: Uint16Array; source: Uint16Array; department: Uint16Array; modality: Uint16Array; harm: Uint16Array; labelSet: Uint32Array;
  fieldLength: Uint16Array[];
  themes: FlatCodes;
  factors: FlatCodes;
  ids: Uint32Array;
  refs: string[];
  text: TextParts;
  codes: Record<'theme' | 'factor' | 'source' | 'department' | 'modality' | 'harm', string[]>;
  labelSets: string[];
};

export class DocStore {
  status = new Uint8Array(1024);
  month = new Uint16Array(1024);
  source = new Uint16Array(1024);
  department = new Uint16Array(1024);
  modality = new Uint16Array(1024);
  harm = new Uint16Array(1024);
  labelSet = new Uint32Array(1024);
  fieldLength = TEXT_FIELDS.map(() => new Uint16Array(1024));
  themes = new CodeLists();
  factors = new CodeLists();
  ids: number[] = [];
  refs: string[] = [];
  texts = new TextStore();

  readonly codes = { theme: new Interner(), factor: new Interner(), source: new Interner(), department: new Interner(), modality: new Interner(), harm: new Interner() };
  readonly labelSets: LabelSet[] = [];
  private readonly labelSetIds = new Map<string, number>();
  private readonly labelPieces = new Map<string, LabelPiece>();
  /** Cases per label term, for the labels field's inverse document frequency. */
  readonly labelDf = new Map<string, number>();
  readonly fieldTotals = TEXT_FIELDS.map(() => 0);
  labelTotal = 0;
  live = 0;

  put(slot: number, doc: SearchDoc, lengths: number[]): void {
    const n = slot + 1;
    this.status = grown(this.status, n);
    this.month = grown(this.month, n);
    this.source = grown(this.source, n);
    this.department = grown(this.department, n);
    this.modality = grown(this.modality, n);
    this.harm = grown(this.harm, n);
    this.labelSet = grown(this.labelSet, n);
    this.fieldLength = this.fieldLength.map((a) => grown(a, n));
    this.status[slot] = STATUS_CODE[doc.status];
    this.month[slot] = monthNumber(doc.eventMonth);
    this.source[slot] = this.codes.source.code(doc.source);
    this.department[slot] = this.codes.department.code(doc.department);
    this.modality[slot] = this.codes.modality.code(doc.modality);
    this.harm[slot] = this.codes.harm.code(doc.harm);
    this.themes.set(slot, doc.themes.map((t) => this.codes.theme.code(t)));
    this.factors.set(slot, doc.factors.map((f) => this.codes.factor.code(f)));
    this.ids[slot] = doc.id;
    this.refs[slot] = doc.ref;
    this.texts.put(slot, doc);
    lengths.forEach((len, f) => {
      this.fieldLength[f]![slot] = Math.min(len, 65535);
      this.fieldTotals[f]! += len;
    });
    const ls = this.labelSetFor(doc.labels);
    this.labelSet[slot] = ls;
    const set = this.labelSets[ls]!;
    set.docs++;
    for (const t of distinctTerms(set)) this.labelDf.set(t, (this.labelDf.get(t) ?? 0) + 1);
    this.labelTotal += set.length;
    this.live++;
  }

  drop(slot: number): void {
    if (this.status[slot] === 0) return;
    this.status[slot] = 0;
    TEXT_FIELDS.forEach((_, f) => (this.fieldTotals[f]! -= this.fieldLength[f]![slot]!));
    const set = this.labelSets[this.labelSet[slot]!]!;
    set.docs--;
    for (const t of distinctTerms(set)) this.labelDf.set(t, this.labelDf.get(t)! - 1);
    this.labelTotal -= set.length;
    this.live--;
    // Release the text; the slot is never reused (MiniSearch ids only grow).
    this.texts.drop(slot);
    this.themes.clear(slot);
    this.factors.clear(slot);
  }

  /** What a snapshot holds for slots below `slots`: the arrays as they are, lists flattened, strings apart. */
  parts(slots: number): StoreParts {
    // Copies, not views: the snapshot is written over several turns of the event loop while the index changes.
    const cut = <T extends Uint8Array | Uint16Array | Uint32Array>(a: T) => a.slice(0, slots) as T;
    return {
      status: cut(this.status), month: cut(this.month), source: cut(this.source), department: cut(this.department), modality: cut(this.modality), harm: cut(this.harm), labelSet: cut(this.labelSet),
      fieldLength: this.fieldLength.map(cut),
      themes: this.themes.flat(slots), factors: this.factors.flat(slots),
      ids: this.idsUpTo(slots),
      refs: this.refsUpTo(slots),
      text: this.texts.parts(slots),
      codes: Object.fromEntries(Object.entries(this.codes).map(([k, v]) => [k, v.values])) as Record<keyof DocStore['codes'], string[]>,
      labelSets: this.labelSets.map((l) => l.text),
    };
  }

  private idsUpTo(slots: number): Uint32Array {
    const out = new Uint32Array(slots);
    for (let i = 0; i < slots; i++) out[i] = this.ids[i] ?? 0;
    return out;
  }

  private refsUpTo(slots: number): string[] {
    const out = new Array<string>(slots);
    for (let i = 0; i < slots; i++) out[i] = this.refs[i] ?? '';
    return out;
  }

  /** The store a snapshot describes; totals and label counts are worked out again from the live slots. */
  static fromParts(p: StoreParts): DocStore {
    const steps = DocStore.restoring(p);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /** `fromParts` a step at a time: tokenising thousands of label sets and listing each case's codes take a while. */
  static *restoring(p: StoreParts): Generator<void, DocStore, void> {
    const st = new DocStore();
    const slots = p.status.length;
    st.status = p.status.slice();
    st.month = p.month.slice();
    st.source = p.source.slice();
    st.department = p.department.slice();
    st.modality = p.modality.slice();
    st.harm = p.harm.slice();
    st.labelSet = p.labelSet.slice();
    st.fieldLength = p.fieldLength.map((a) => a.slice());
    st.themes = CodeLists.fromFlat(p.themes);
    st.factors = CodeLists.fromFlat(p.factors);
    yield;
    st.ids = new Array<number>(slots);
    for (let i = 0; i < slots; i++) st.ids[i] = p.ids[i]!;
    st.refs = p.refs;
    st.texts = TextStore.fromParts(p.text);
    yield;
    for (const [k, values] of Object.entries(p.codes)) for (const v of values) st.codes[k as keyof DocStore['codes']].code(v);
    for (let i = 0; i < p.labelSets.length; i++) {
      st.labelSetFor(p.labelSets[i]!);
      // Steps of a few milliseconds even while the tokeniser is not yet compiled: the caller yields by time.
      if (i % 100 === 99) yield;
    }
    // Counted per label set, then per term: a hundred thousand cases share a few thousand sets.
    const sets = st.labelSets.length;
    for (let slot = 0; slot < slots; slot++) {
      if (st.status[slot] === 0) continue;
      const set = st.labelSet[slot]!;
      if (set >= sets) throw new Error('The snapshot names a label set it does not hold');
      st.labelSets[set]!.docs++;
      for (let f = 0; f < TEXT_FIELDS.length; f++) st.fieldTotals[f]! += st.fieldLength[f]![slot]!;
      st.live++;
      if (slot % 5_000 === 4_999) yield;
    }
    // Each set's terms counted once without listing them per set: a term shared by two of its
    // labels is skipped the second time by remembering the last set that counted it.
    const countedIn = new Map<string, number>();
    for (let i = 0; i < st.labelSets.length; i++) {
      const set = st.labelSets[i]!;
      if (!set.docs) continue;
      for (const piece of set.pieces) {
        for (const t of piece.counts.keys()) {
          if (countedIn.get(t) === i) continue;
          countedIn.set(t, i);
          st.labelDf.set(t, (st.labelDf.get(t) ?? 0) + set.docs);
        }
      }
      st.labelTotal += set.length * set.docs;
    }
    return st;
  }

  private labelSetFor(labels: string): number {
    let id = this.labelSetIds.get(labels);
    if (id === undefined) {
      // Tokenised a label at a time: ". " ends a word wherever it falls, so the terms are the same
      // as the whole text's.
      const pieces = labels.split(LABEL_SEPARATOR).map((label) => {
        let piece = this.labelPieces.get(label);
        if (!piece) {
          const counts = new Map<string, number>();
          const terms = indexTerms(label);
          for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
          this.labelPieces.set(label, (piece = { counts, length: terms.length }));
        }
        return piece;
      });
      id = this.labelSets.length;
      this.labelSets.push({ pieces, length: pieces.reduce((n, p) => n + p.length, 0), text: labels, docs: 0 });
      this.labelSetIds.set(labels, id);
    }
    return id;
  }

  avgFieldLength(f: number): number {
    return this.live ? Math.max(1, this.fieldTotals[f]! / this.live) : 1;
  }
  avgLabelLength(): number {
    return this.live ? Math.max(1, this.labelTotal / this.live) : 1;
  }
}

/** `monthNumber`'s inverse: `YYYY-MM`. */
export const monthText = (n: number): string => `${String(Math.floor(n / 12)).padStart(4, '0')}-${String((n % 12) + 1).padStart(2, '0')}`;

export const monthNumber = (ym: string): number => {
  const y = Number(ym.slice(0, 4));
  const m = Number(ym.slice(5, 7));
  return Number.isFinite(y) && Number.isFinite(m) ? y * 12 + Math.max(0, m - 1) : 0;
};
