import { describe, expect, it } from 'vitest';
import { BODY_AREAS, MODALITIES, SOURCES, THEMES } from '../../seed/reference/2026-11-23.ts';
import { indexTerms } from '../../server/domain/search-query.ts';
import { DocStore, LABEL_SEPARATOR, labelSetHas, labelTermCount, type LabelSet } from '../../server/search/store.ts';
import type { SearchDoc } from '../../server/search/types.ts';

const doc = (id: number, labels: string): SearchDoc => ({
  id, ref: `CB-2026-${String(id).padStart(5, '0')}`, title: '', narrative: '', learning: '', notes: '', labels,
  themes: [], factors: [], source: 'incident', department: 'north', modality: 'xr', harm: 'low', eventMonth: '2026-03', status: 'submitted', withdrawn: false,
});

const counted = (terms: string[]) => {
  const m = new Map<string, number>();
  for (const t of terms) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
};

describe('label sets', () => {
  // Labels as the reference data has them, and some whose edges a tokeniser could join across ". ".
  const labels = [
    ...THEMES.flatMap((t) => [t.label, ...t.factors.map((f) => f.label)]),
    ...[MODALITIES, BODY_AREAS, SOURCES].flatMap((list) => list.map((t) => t.label)),
    'X', 'ray', 'Chest X', 'rays seen', "Patient's", 's', 'A&E', 'E', 'Été à l’hôpital', 'İstanbul', 'the', 'and of',
  ];

  // A set's terms as a map, through the two questions the matcher asks of it.
  const termsOf = (set: LabelSet, candidates: Iterable<string>) => {
    const m = new Map<string, number>();
    for (const t of candidates) if (labelSetHas(set, t)) m.set(t, labelTermCount(set, t));
    return m;
  };
  const vocabulary = new Set(labels.flatMap((l) => indexTerms(l)));

  it('hold the same terms as tokenising the whole label text, though each label is tokenised once', () => {
    const store = new DocStore();
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const texts = Array.from({ length: 400 }, () => Array.from({ length: 1 + Math.floor(random() * 8) }, () => labels[Math.floor(random() * labels.length)]!).join(LABEL_SEPARATOR));
    texts.forEach((text, slot) => store.put(slot, doc(slot + 1, text), [0, 0, 0, 0]));
    const df = new Map<string, number>();
    for (const text of texts) {
      const set = store.labelSets.find((s) => s.text === text)!;
      const whole = indexTerms(text);
      expect(termsOf(set, vocabulary)).toEqual(counted(whole));
      expect(set.length).toBe(whole.length);
      for (const t of new Set(whole)) df.set(t, (df.get(t) ?? 0) + 1);
    }
    // Cases per term, each case counted once however many of its labels hold the term.
    expect(store.labelDf).toEqual(df);
    // A set restored from a snapshot is tokenised and counted the same way.
    const restored = DocStore.fromParts(store.parts(texts.length));
    expect(restored.labelSets.map((s) => [s.text, termsOf(s, vocabulary), s.length, s.docs])).toEqual(store.labelSets.map((s) => [s.text, termsOf(s, vocabulary), s.length, s.docs]));
    expect(restored.labelDf).toEqual(df);
    expect(restored.avgLabelLength()).toBe(store.avgLabelLength());
    // Dropping cases takes their terms off again, once each.
    for (let slot = 0; slot < 100; slot++) store.drop(slot);
    const left = new Map<string, number>();
    for (const text of texts.slice(100)) for (const t of new Set(indexTerms(text))) left.set(t, (left.get(t) ?? 0) + 1);
    for (const [t, n] of store.labelDf) expect(n, t).toBe(left.get(t) ?? 0);
  });
});
