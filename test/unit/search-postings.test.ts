import { describe, expect, it } from 'vitest';
import { PostingsIndex, slotOfPosting, TEXT_FIELDS, TF_BITS, type TokenisedDoc } from '../../server/search/postings.ts';

const doc = (id: number, fields: Partial<Record<(typeof TEXT_FIELDS)[number], string>>): TokenisedDoc => ({
  id,
  title: (fields.title ?? '').split(' ').filter(Boolean),
  learning: (fields.learning ?? '').split(' ').filter(Boolean),
  narrative: (fields.narrative ?? '').split(' ').filter(Boolean),
  notes: (fields.notes ?? '').split(' ').filter(Boolean),
});

/** The postings of one field as [slot, frequency] pairs, read the way the matcher reads them. */
function list(ix: PostingsIndex, term: string, field: number): [number, number][] {
  const id = ix.postings(term);
  if (id === undefined) return [];
  const l = id * TEXT_FIELDS.length + field;
  const out: [number, number][] = [];
  for (let i = ix.start[l]!; i < ix.start[l]! + ix.len[l]!; i++) out.push([slotOfPosting(ix.data[i]!), ix.data[i]! & 0xff]);
  return out;
}

describe('postings index', () => {
  it('keeps each field apart, counts repeats, and finds a slot by binary search', () => {
    const ix = new PostingsIndex();
    expect(ix.add(doc(10, { title: 'lung nodul', narrative: 'nodul nodul miss' }))).toBe(0);
    expect(ix.add(doc(11, { narrative: 'lung' }))).toBe(1);
    expect(list(ix, 'nodul', 0)).toEqual([[0, 1]]);
    expect(list(ix, 'nodul', 2)).toEqual([[0, 2]]);
    expect(list(ix, 'lung', 2)).toEqual([[1, 1]]);
    const lung = ix.postings('lung')!;
    expect(ix.count(lung)).toBe(2);
    expect(ix.maxFieldCount(lung)).toBe(1);
    expect(ix.frequency(ix.postings('nodul')! * TEXT_FIELDS.length + 2, 0)).toBe(2);
    expect(ix.frequency(ix.postings('nodul')! * TEXT_FIELDS.length + 2, 1)).toBe(0);
    expect(ix.postings('absent')).toBeUndefined();
    expect(ix.slotOf(11)).toBe(1);
  });

  it('caps a frequency at 255 rather than spilling into the slot', () => {
    const ix = new PostingsIndex();
    ix.add(doc(1, { narrative: Array(300).fill('echo').join(' ') }));
    ix.add(doc(2, { narrative: 'echo' }));
    expect(list(ix, 'echo', 2)).toEqual([[0, 255], [1, 1]]);
  });

  it('finds completions and near spellings only among terms that still have postings', () => {
    const ix = new PostingsIndex();
    ix.add(doc(1, { narrative: 'radiolog radiograph' }));
    ix.add(doc(2, { narrative: 'radiotherapi radiolog' }));
    expect(ix.completions('radio').map(([t]) => t).sort()).toEqual(['radiograph', 'radiolog', 'radiotherapi']);
    ix.discard(2, doc(2, { narrative: 'radiotherapi radiolog' }));
    // Counted out at once, before compaction takes the postings away.
    expect(ix.completions('radio').map(([t]) => t).sort()).toEqual(['radiograph', 'radiolog']);
    expect(ix.count(ix.postings('radiolog')!)).toBe(1);
    ix.compact();
    expect(ix.completions('radio').map(([t]) => t).sort()).toEqual(['radiograph', 'radiolog']);
    expect(ix.postings('radiotherapi')).toBeUndefined();
    expect(ix.count(ix.postings('radiolog')!)).toBe(1);
    expect(ix.near('radiolag', 1).map((n) => n.term)).toEqual(['radiolog']);
  });

  it('compacts a step at a time, and gives up without a change if the index changes between steps', () => {
    const ix = new PostingsIndex();
    const docs = Array.from({ length: 50 }, (_, i) => doc(i + 1, { narrative: `common w${i % 7} w${i % 11} w${i}` }));
    for (const d of docs) ix.add(d);
    for (const d of docs.slice(0, 10)) ix.discard(d.id, d);
    const before = ['common', 'w3', 'w5'].map((w) => list(ix, w, 2).filter(([slot]) => slot >= 10));
    const steps = ix.compacting(20);
    expect(steps.next().done).toBe(false);
    ix.add(doc(99, { narrative: 'common late' }));
    for (const _ of steps);
    // Abandoned: dead postings still there, and the late case's posting kept.
    expect(list(ix, 'common', 2)).toHaveLength(51);
    let stepsTaken = 0;
    for (const _ of ix.compacting(20)) stepsTaken++;
    expect(stepsTaken).toBeGreaterThan(2);
    expect(list(ix, 'common', 2)).toHaveLength(41);
    expect(['common', 'w3', 'w5'].map((w) => list(ix, w, 2).filter(([slot]) => slot < 50))).toEqual(before);
    expect(list(ix, 'late', 2)).toEqual([[50, 1]]);
    // Nothing changed since: nothing to do.
    expect([...ix.compacting(20)]).toHaveLength(0);
  });

  /** Every list within its room, in slot order, and no two lists' rooms overlapping. */
  function wellFormed(index: PostingsIndex, step: number) {
    const ix = index as unknown as { start: Uint32Array; len: Uint32Array; cap: Uint32Array; data: Uint32Array; used: number; termNames: string[] };
    const problems: string[] = [];
    const rooms: [number, number][] = [];
    for (let l = 0; l < ix.termNames.length * TEXT_FIELDS.length; l++) {
      const [from, n, cap] = [ix.start[l]!, ix.len[l]!, ix.cap[l]!];
      if (n > cap) problems.push(`list ${l} holds ${n} in room for ${cap}`);
      for (let i = from + 1; i < from + n; i++) if (ix.data[i]! >>> TF_BITS <= ix.data[i - 1]! >>> TF_BITS) problems.push(`list ${l} out of slot order at ${i}`);
      if (cap) rooms.push([from, from + cap]);
    }
    rooms.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < rooms.length; i++) if (rooms[i]![0] < rooms[i - 1]![1]) problems.push(`rooms at ${rooms[i - 1]![0]} and ${rooms[i]![0]} overlap`);
    if (rooms.length && rooms.at(-1)![1] > ix.used) problems.push('a room runs past the arena in use');
    expect(problems, `step ${step}`).toEqual([]);
  }

  it('agrees with a plain map of maps through adds, edits, removals and compactions', () => {
    // mulberry32: a seeded generator, so a failure can be replayed.
    let seed = 8;
    const rand = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const words = Array.from({ length: 400 }, (_, i) => `w${i}`);
    // Zipf-like: a few words in most cases, most words in few.
    const word = () => words[Math.floor(words.length * rand() ** 3)]!;
    const text = (n: number) => Array.from({ length: Math.floor(rand() * n) }, word).join(' ');
    const ix = new PostingsIndex();
    const model = new Map<number, Map<string, number[]>>(); // slot → term → frequency per field
    const live = new Map<number, number>(); // case id → slot
    const added = new Map<number, TokenisedDoc>();
    for (let step = 0; step < 3000; step++) {
      const id = 1 + Math.floor(rand() * 600);
      if (rand() < 0.15 && live.has(id)) {
        ix.discard(id, added.get(id)!);
        model.delete(live.get(id)!);
        live.delete(id);
      } else {
        if (live.has(id)) {
          ix.discard(id, added.get(id)!);
          model.delete(live.get(id)!);
        }
        const d = doc(id, { title: text(6), learning: text(10), narrative: text(60), notes: text(4) });
        const slot = ix.add(d);
        live.set(id, slot);
        added.set(id, d);
        const terms = new Map<string, number[]>();
        TEXT_FIELDS.forEach((f, fi) => {
          for (const t of d[f]) {
            const tf = terms.get(t) ?? [0, 0, 0, 0];
            tf[fi]!++;
            terms.set(t, tf);
          }
        });
        model.set(slot, terms);
      }
      if (step % 700 === 699) ix.compact();
      if (step % 10 === 0) wellFormed(ix, step);
    }
    for (const [id, slot] of live) expect(ix.slotOf(id)).toBe(slot);
    for (const w of words) {
      TEXT_FIELDS.forEach((_, f) => {
        const expected = [...model].filter(([, terms]) => (terms.get(w)?.[f] ?? 0) > 0).map(([slot, terms]) => [slot, terms.get(w)![f]!]);
        // Postings of removed cases may linger until compaction: compare the live ones, in slot order.
        const got = list(ix, w, f).filter(([slot]) => model.has(slot));
        expect(got).toEqual(expected.sort((a, b) => a[0]! - b[0]!));
        const termId = ix.postings(w);
        for (const [slot, tf] of expected) expect(ix.frequency(termId! * TEXT_FIELDS.length + f, slot!)).toBe(tf);
      });
    }
    // Counts are exact with removed cases' postings still in place, and after compaction.
    const counts = () =>
      words.forEach((w) => {
        const id = ix.postings(w);
        const total = [...model.values()].reduce((n, terms) => n + (terms.get(w)?.filter((x) => x > 0).length ?? 0), 0);
        expect(id === undefined ? 0 : ix.count(id), w).toBe(total);
      });
    counts();
    ix.compact();
    counts();
  });
});
