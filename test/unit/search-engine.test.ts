import { beforeAll, describe, expect, it } from 'vitest';
import { type DemoCase, generateCorpus } from '../../seed/corpus.ts';
import { BODY_AREAS, MODALITIES, SOURCES, THEMES } from '../../seed/reference/2026-11-23.ts';
import { createSearchIndex, type SearchDoc, type SearchIndex, type SearchRequest } from '../../server/search/engine.ts';

const req = (q: string, more: Partial<SearchRequest> = {}): SearchRequest => ({ q, filters: {}, includeDrafts: false, sort: 'relevance', offset: 0, limit: 10, ...more });
const marked = (segments: { text: string; mark: boolean }[]) => segments.filter((s) => s.mark).map((s) => s.text.toLowerCase());

let nextId = 1;
function doc(over: Partial<SearchDoc>): SearchDoc {
  const id = over.id ?? nextId++;
  return {
    id, ref: `CB-2026-${String(id).padStart(5, '0')}`, title: '', narrative: '', learning: '', notes: '', labels: '',
    themes: ['T1'], factors: ['T1.06'], source: 'incident', department: 'north', modality: 'xr', harm: 'low',
    eventMonth: '2026-03', status: 'submitted', withdrawn: false, ...over,
  };
}

describe('search on hand-written cases', () => {
  let ix: SearchIndex;
  const ids = (q: string, more: Partial<SearchRequest> = {}) => ix.search(req(q, more)).items.map((h) => h.id);
  beforeAll(() => {
    ix = createSearchIndex();
    ix.add(doc({ id: 1, title: 'Lung nodule missed on chest X-ray', narrative: 'A 14 mm nodule in the right upper lobe was not reported. The GP was not told.', learning: 'Compare with earlier imaging.' }));
    ix.add(doc({ id: 2, title: 'Outsourced CT reported late', narrative: 'The outsourcing company returned the CT report 40 days after the scan, a delay nobody noticed.', modality: 'ct', themes: ['T3'], factors: ['T3.04'], eventMonth: '2025-06' }));
    ix.add(doc({ id: 3, title: 'Renal mass on ultrasound', narrative: 'The sonographer described a renal mass; the lung bases were clear.', learning: 'Lung findings matter.', modality: 'us', department: 'south', eventMonth: '2026-09' }));
    ix.add(doc({ id: 4, title: 'Alert not acknowledged', narrative: 'The alert for a lung nodule on the CXR was unacknowledged by the practice for months.', themes: ['T2'], factors: ['T2.01'] }));
    ix.add(doc({ id: 5, title: 'Draft about a lung nodule', narrative: 'Still being written.', status: 'draft' }));
    ix.add(doc({ id: 6, title: 'Withdrawn lung nodule case', narrative: 'Logged in error.', withdrawn: true }));
    ix.add(doc({ id: 7, title: 'Pneumothorax on portable film', narrative: 'Large pneumothorax in the emergency department, reported after a delay.', harm: 'severe', themes: ['T3'], factors: ['T3.03'], eventMonth: '2024-01' }));
  });

  it('ranks title matches above narrative matches, and never returns drafts or withdrawn cases', () => {
    expect(ids('lung nodule')).toEqual([1, 4]);
    expect(ids('lung nodule', { includeDrafts: true })).toContain(5);
    expect(ids('withdrawn')).toEqual([]);
    expect(ix.size()).toBe(6);
  });

  it('ranks cases with all words first, then cases with most of them', () => {
    const r = ix.search(req('outsourcing delay pneumothorax'));
    expect(r.items.map((h) => h.id)).toEqual([2, 7]);
    expect(r.relaxed).toBe(true);
    expect(ix.search(req('outsourcing delay')).relaxed).toBeUndefined();
  });

  it('finds a case through a synonym, stem or multi-word synonym', () => {
    expect(ids('chest radiograph')).toEqual([1, 4]);
    expect(ids('sonography')).toEqual([3]);
    expect(ids('A&E pneumothorax')).toEqual([7]);
    expect(ids('outsourced')).toEqual([2]);
  });

  it('reads no placeholder as a word of a phrase', () => {
    const local = createSearchIndex();
    local.add(doc({ id: 1, title: 'Report date of issue missed', narrative: 'Seen on [date] of the clinic; the report date was wrong.' }));
    local.add(doc({ id: 2, title: 'Scan booked late', narrative: 'Booked on [date] of the month, though the date was known.' }));
    expect(local.search(req('"date of"')).items.map((h) => h.id)).toEqual([1]);
  });

  it('applies exact phrases and exclusions strictly', () => {
    expect(ids('"lung nodule" -missed')).toEqual([4]);
    expect(ids('"nodule lung"')).toEqual([]);
    expect(ids('lung -"right upper lobe"').sort()).toEqual([3, 4]);
  });

  it('combines alternatives with OR', () => {
    expect(ids('pneumothorax OR sonographer').sort()).toEqual([3, 7]);
  });

  it('completes the last word from three letters', () => {
    expect(ids('pneumo')).toEqual([7]);
    expect(ids('outsour')).toEqual([2]);
    expect(ids('pn')).toEqual([]);
  });

  it('tolerates typos in words of five letters or more and suggests the spelling', () => {
    const r = ix.search(req('pnuemothorax'));
    expect(r.items.map((h) => h.id)).toEqual([7]);
    expect(r.didYouMean).toBe('pneumothorax');
    expect(ix.search(req('lnug nodule')).didYouMean).toBeUndefined();
    const none = ix.search(req('ranal mass'));
    expect(none.items.map((h) => h.id)).toEqual([3]);
  });

  it('takes two letters typed the wrong way round as one slip', () => {
    const swapped = ix.search(req('nodlue'));
    expect(swapped.items.map((h) => h.id).sort()).toEqual(ids('nodule').sort());
    expect(swapped.items.length).toBeGreaterThan(0);
    expect(swapped.didYouMean).toBe('nodule');
  });

  it('counts facets over the whole match set, each ignoring its own filter', () => {
    const r = ix.search(req('lung', { filters: { theme: ['T2'] } }));
    expect(r.items.map((h) => h.id)).toEqual([4]);
    expect(r.total).toBe(1);
    expect(r.facets.theme).toEqual([{ value: 'T1', count: 2 }, { value: 'T2', count: 1 }]);
    expect(r.facets.modality).toEqual([{ value: 'xr', count: 1 }]);
    expect(ix.search(req('lung')).facets.year).toEqual([{ value: '2026', count: 3 }]);
  });

  it('filters by year and sorts by event month', () => {
    expect(ids('', { sort: 'date' })).toEqual([3, 1, 4, 2, 7]);
    expect(ids('', { filters: { year: ['2025', '2024'] }, sort: 'date' })).toEqual([2, 7]);
    expect(ids('delay', { sort: 'date' })).toEqual([2, 7]);
  });

  it('pages through results', () => {
    expect(ix.search(req('', { sort: 'date', offset: 2, limit: 2 })).items.map((h) => h.id)).toEqual([4, 2]);
    expect(ix.search(req('', { offset: 2, limit: 2 })).total).toBe(5);
  });

  it('marks matched words in a snippet of the best field', () => {
    const hit = ix.search(req('outsourcing delay')).items[0]!;
    // "report" is marked too: it belongs to the synonym "outsourced reporting", which this case matches.
    expect(marked(hit.snippet)).toEqual(['outsourcing', 'report', 'delay']);
    expect(hit.snippet.map((s) => s.text).join('')).toContain('returned the CT report');
    expect(hit.matched).toEqual(expect.arrayContaining(['outsourcing', 'delay']));
  });

  it('gives each hit the title, month and sorted themes a results page shows', () => {
    const local = createSearchIndex();
    local.add(doc({ id: 200, title: 'Café scan — missed fracture', themes: ['T3', 'T1'], eventMonth: '2019-12' }));
    expect(local.search(req('fracture')).items[0]).toMatchObject({ id: 200, title: 'Café scan — missed fracture', eventMonth: '2019-12', themes: ['T1', 'T3'] });
  });

  it('reflects replace and remove on the next search', () => {
    const local = createSearchIndex();
    local.add(doc({ id: 100, title: 'Mesothelioma', narrative: 'Pleural thickening.' }));
    expect(local.search(req('mesothelioma')).total).toBe(1);
    local.replace(doc({ id: 100, title: 'Pleural effusion', narrative: 'Pleural thickening.' }));
    expect(local.search(req('mesothelioma')).total).toBe(0);
    expect(local.search(req('effusion')).items.map((h) => h.id)).toEqual([100]);
    local.replace(doc({ id: 100, title: 'Pleural effusion', narrative: 'Pleural thickening.', withdrawn: true }));
    expect(local.search(req('effusion')).total).toBe(0);
    local.add(doc({ id: 101, title: 'Pleural effusion again' }));
    local.remove(101);
    local.remove(999);
    expect(local.search(req('effusion')).total).toBe(0);
    expect(local.size()).toBe(0);
  });
});

const label = (xs: { code: string; label: string }[], code?: string) => (code ? (xs.find((x) => x.code === code)?.label ?? '') : '');
const FACTOR_LABELS = THEMES.flatMap((t) => t.factors);
function fromDemo(c: DemoCase, i: number): SearchDoc {
  const factors = c.themes.flatMap((t) => t.factors);
  return {
    id: i + 1, ref: `CB-2026-${String(i + 1).padStart(5, '0')}`, title: c.title, narrative: c.narrative, learning: c.learning ?? '', notes: '',
    labels: [...c.themes.map((t) => label(THEMES, t.theme)), ...factors.map((f) => label(FACTOR_LABELS, f)), label(MODALITIES, c.modality), label(BODY_AREAS, c.bodyArea), label(SOURCES, c.source)].filter(Boolean).join('. '),
    themes: c.themes.map((t) => t.theme), factors, source: c.source, department: c.department, modality: c.modality, harm: c.harm,
    eventMonth: c.eventMonth, status: c.status, withdrawn: false,
  };
}

describe('search where a word is held only by a case\'s labels', () => {
  it('counts the labels whichever way a word is looked up for the candidates', () => {
    // "gadolinium" (31 cases) names the candidates; "extravasation" is in the text of 40 cases and,
    // for case 100, only in its labels. Walking 41 postings costs less than looking the word up for
    // 31 candidates, so it is walked keeping only the candidates: the labels must count then too.
    const ix = createSearchIndex();
    for (let i = 0; i < 30; i++) ix.add(doc({ id: 200 + i, narrative: 'Gadolinium extravasation at the cannula site.' }));
    for (let i = 0; i < 10; i++) ix.add(doc({ id: 300 + i, narrative: 'Extravasation of contrast into the forearm.' }));
    ix.add(doc({ id: 100, narrative: 'Gadolinium given through a cannula that had tissued.', labels: 'Extravasation of contrast' }));
    const hits = ix.search(req('gadolinium extravasation', { limit: 50 }));
    expect(hits.relaxed).toBeUndefined();
    expect(hits.items.map((h) => h.id)).toContain(100);
    expect(hits.items.find((h) => h.id === 100)!.matched).toEqual(expect.arrayContaining(['gadolinium', 'extravasation']));
  });
});

describe('search on the demo corpus', () => {
  const docs = generateCorpus({ size: 400, seed: 1, endMonth: '2026-10' }).map(fromDemo);
  const byId = new Map(docs.map((d) => [d.id, d]));
  let ix: SearchIndex;
  const top = (q: string, n = 5) => ix.search(req(q, { limit: n })).items.map((h) => byId.get(h.id)!);
  beforeAll(() => {
    ix = createSearchIndex();
    for (const d of docs) ix.add(d);
  });

  it('"delay outsourcing CT" puts outsourced or delayed CT cases first', () => {
    const hits = top('delay outsourcing CT');
    expect(hits).toHaveLength(5);
    for (const d of hits) {
      expect(d.themes).toContain('T3');
      expect(d.modality).toBe('ct');
    }
    expect(hits.filter((d) => d.factors.includes('T3.04')).length).toBeGreaterThanOrEqual(3);
  });

  it('"alert not acknowledged GP" puts unacknowledged results first', () => {
    const hits = top('alert not acknowledged GP');
    for (const d of hits) expect(d.factors).toContain('T2.01');
  });

  it('"missed lung cancer chest x-ray" puts chest X-rays with a missed or mishandled lung finding first', () => {
    const hits = top('missed lung cancer chest x-ray');
    for (const d of hits) {
      expect(d.modality).toBe('xr');
      expect(`${d.title} ${d.narrative}`).toMatch(/lung|hilar|rib/i);
    }
    expect(hits.filter((d) => d.themes.includes('T1')).length).toBeGreaterThanOrEqual(3);
  });

  it('finds CXR cases through the synonym', () => {
    for (const d of top('cxr', 10)) expect(d.modality).toBe('xr');
  });

  it('lists the most similar cases with shared factors and terms', () => {
    const source = docs.find((d) => d.factors.includes('T3.04') && d.modality === 'ct' && d.status !== 'draft')!;
    const similar = ix.similar(source.id, { limit: 5, includeDrafts: false });
    expect(similar).toHaveLength(5);
    expect(similar.map((s) => s.id)).not.toContain(source.id);
    for (const s of similar) {
      expect(byId.get(s.id)!.status).not.toBe('draft');
      expect(s.sharedTerms.length).toBeGreaterThan(0);
    }
    expect(similar.filter((s) => s.sharedFactors.includes('T3.04')).length).toBeGreaterThanOrEqual(3);
    expect(similar.map((s) => s.score)).toEqual([...similar.map((s) => s.score)].sort((a, b) => b - a));
  });

  it('keeps the same order whatever the number asked for (the running selection equals a full sort)', () => {
    for (const d of docs.filter((x) => x.status !== 'draft').slice(0, 40)) {
      const many = ix.similar(d.id, { limit: 60, includeDrafts: true });
      const scores = many.map((s) => s.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(ix.similar(d.id, { limit: 5, includeDrafts: true })).toEqual(many.slice(0, 5));
      expect(ix.similar(d.id, { limit: 1, includeDrafts: true })).toEqual(many.slice(0, 1));
    }
    expect(ix.similar(docs[0]!.id, { limit: 0, includeDrafts: true })).toEqual([]);
  });

  it('suggests similar cases for text being written', () => {
    const similar = ix.similarToText('The GP did not acknowledge the alert for a lung nodule on the chest X-ray and no follow-up was booked.', ['T2.01'], { limit: 5, includeDrafts: false });
    expect(similar).toHaveLength(5);
    expect(similar.filter((s) => s.sharedFactors.includes('T2.01')).length).toBeGreaterThanOrEqual(3);
  });

  it('counts facets that add up to the total for single-valued facets', () => {
    const r = ix.search(req('report'));
    expect(r.total).toBeGreaterThan(100);
    expect(r.facets.department.reduce((n, f) => n + f.count, 0)).toBe(r.total);
    expect(r.facets.year.reduce((n, f) => n + f.count, 0)).toBe(r.total);
  });
});
