import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../seed/corpus.ts';
import { createSearchIndex, restoringSearchIndex, type SearchDoc, type SearchRequest } from '../../server/search/engine.ts';
import { DEFAULT_SYNONYMS } from '../../server/domain/synonyms.ts';
import { readSnapshot, writeSnapshot } from '../../server/search/snapshot.ts';
import { CodeLists } from '../../server/search/code-lists.ts';
import { TextStore } from '../../server/search/texts.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'casebook-snapshot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const text = (title: string, narrative = '', learning = '', notes = '') => ({ title, learning, narrative, notes });

describe('text store', () => {
  it('gives back each field as written, across blocks, after drops, compaction and a round trip', () => {
    const t = new TextStore();
    const big = 'é'.repeat(400_000); // over a block once encoded: gets a block of its own
    t.put(0, text('Lung nodule', 'Seen on the CXR – not acted on', '', 'note'));
    t.put(1, text('X', big, 'learn'));
    t.put(2, text('', '', '', ''));
    t.put(3, text('Pneumothorax 🫁', 'Delayed', 'Compare'));
    expect(t.all(0)).toEqual(text('Lung nodule', 'Seen on the CXR – not acted on', '', 'note'));
    expect(t.field(1, 2)).toBe(big);
    expect(t.all(2)).toEqual(text(''));
    t.drop(1);
    expect(t.all(1)).toEqual(text(''));
    t.compact(4);
    expect(t.all(3)).toEqual(text('Pneumothorax 🫁', 'Delayed', 'Compare'));
    const back = TextStore.fromParts(t.parts(4));
    expect([0, 1, 2, 3].map((s) => back.all(s))).toEqual([0, 1, 2, 3].map((s) => t.all(s)));
    back.put(4, text('after', 'a restore'));
    expect(back.all(4)).toEqual(text('after', 'a restore'));
    expect(back.all(0).narrative).toBe('Seen on the CXR – not acted on');
  });
});

const THEME_LABELS: Record<string, string> = {
  T1: 'Not following guidelines on reporting unexpected findings',
  T2: 'Not acting on important unexpected findings',
  T3: 'Delays in reporting',
  T4: 'Not learning from past mistakes',
};

describe('code lists', () => {
  it('keeps each case\'s codes, forgets cleared ones, and round-trips through the flat form', () => {
    const c = new CodeLists();
    c.set(0, [3, 1]);
    c.set(1, []);
    c.set(2, [7]);
    for (let slot = 3; slot < 3000; slot++) c.set(slot, [slot % 5, 100 + (slot % 3)]);
    c.clear(2);
    expect([c.list(0), c.list(1), c.list(2), c.list(2999)]).toEqual([[3, 1], [], [], [4, 102]]);
    expect([c.some(0, new Set([1])), c.some(0, new Set([2])), c.some(2, new Set([7]))]).toEqual([true, false, false]);
    const back = CodeLists.fromFlat(c.flat(3000));
    expect(Array.from({ length: 3000 }, (_, i) => back.list(i))).toEqual(Array.from({ length: 3000 }, (_, i) => c.list(i)));
    back.set(3000, [9]);
    expect([back.list(3000), back.list(0)]).toEqual([[9], [3, 1]]);
    expect(() => CodeLists.fromFlat({ offsets: Uint32Array.of(0, 5), codes: Uint16Array.of(1) })).toThrow('damaged');
  });
});

describe('index snapshot', () => {
  const corpus = generateCorpus({ size: 400, seed: 11, endMonth: '2026-10' });
  const docs: SearchDoc[] = corpus.map((c, i) => ({
    id: i + 1, ref: `CB-2026-${String(i + 1).padStart(5, '0')}`, title: c.title, narrative: c.narrative, learning: c.learning ?? '', notes: i % 7 === 0 ? 'Discussed at the discrepancy meeting.' : '',
    labels: c.themes.map((t) => THEME_LABELS[t.theme]).join('. '), themes: c.themes.map((t) => t.theme), factors: c.themes.flatMap((t) => t.factors),
    source: c.source, department: c.department, modality: c.modality, harm: c.harm, eventMonth: c.eventMonth, status: i % 11 === 0 ? 'draft' : 'submitted', withdrawn: false,
  }));
  const req = (q: string, more: Partial<SearchRequest> = {}): SearchRequest => ({ q, filters: {}, includeDrafts: true, sort: 'relevance', offset: 0, limit: 20, ...more });
  const queries = ['delay', 'mistakes', 'guidelines', 'missed nodule', 'report', 'radiol', 'pulmnary', '"chest x-ray"', 'ct -delay', 'alert OR acknowledged'];

  it('reads back an index that answers every query, facet and similar-cases question as the original does', async () => {
    const ix = createSearchIndex();
    for (const d of docs) ix.add(d);
    // Edits and removals leave dead slots and dead postings behind: the snapshot must not bring them back.
    for (const d of docs.slice(0, 40)) ix.replace({ ...d, title: `${d.title} revised`, narrative: `${d.narrative} Reviewed again.` });
    for (const d of docs.slice(40, 50)) ix.remove(d.id);
    ix.replace({ ...docs[60]!, withdrawn: true });
    const file = path.join(dir, 'a.search-index');
    const bytes = await writeSnapshot(file, { marker: 42, markerAt: '2026-11-23T10:00:00.000Z', fingerprint: 'f' }, ix.snapshotParts());
    const snap = (await readSnapshot(file))!;
    expect(snap.meta).toEqual({ marker: 42, markerAt: '2026-11-23T10:00:00.000Z', fingerprint: 'f' });
    expect(snap.bytes).toBe(bytes);
    const back = createSearchIndex({ snapshot: snap.parts });
    expect(back.size()).toBe(ix.size());
    for (const q of queries) {
      expect(back.search(req(q)), q).toEqual(ix.search(req(q)));
      expect(back.search(req(q, { includeDrafts: false, sort: 'date', offset: 5, filters: { modality: ['ct'] } })), q).toEqual(ix.search(req(q, { includeDrafts: false, sort: 'date', offset: 5, filters: { modality: ['ct'] } })));
    }
    expect(back.search(req('revised')).total).toBe(40);
    expect(back.search(req('')).items.map((h) => h.id)).not.toContain(45);
    for (const id of [1, 70, 200]) expect(back.similar(id, { limit: 5, includeDrafts: true })).toEqual(ix.similar(id, { limit: 5, includeDrafts: true }));
    // …and keeps working as an index afterwards, compaction included.
    back.compact();
    for (const q of queries) expect(back.search(req(q)), q).toEqual(ix.search(req(q)));
    back.add({ ...docs[45]!, id: 999, ref: 'CB-2026-00999', title: 'Zygomatic fracture missed' });
    expect(back.search(req('zygomatic')).items.map((h) => h.id)).toEqual([999]);
    back.replace({ ...docs[0]!, title: 'Renamed entirely' });
    expect(back.search(req('renamed')).items.map((h) => h.ref)).toEqual([docs[0]!.ref]);
    await back.close();
  });

  it('leaves the case texts in the file: read a case at a time, kept through a newer snapshot, copied into the next', async () => {
    const ix = createSearchIndex();
    for (const d of docs) ix.add(d);
    const file = path.join(dir, 'texts.search-index');
    await writeSnapshot(file, { marker: 1, markerAt: null, fingerprint: 'f' }, ix.snapshotParts());
    const snap = (await readSnapshot(file))!;
    const [chunk] = snap.parts.store.text.chunks;
    expect(chunk).not.toBeInstanceOf(Uint8Array);
    const back = createSearchIndex({ snapshot: snap.parts });
    // A newer snapshot replaces the file by renaming: the open one still holds the texts read from.
    await writeSnapshot(file, { marker: 2, markerAt: null, fingerprint: 'f' }, createSearchIndex().snapshotParts());
    for (const q of queries) expect(back.search(req(q)), q).toEqual(ix.search(req(q)));
    for (const id of [3, 90]) expect(back.similar(id, { limit: 5, includeDrafts: true })).toEqual(ix.similar(id, { limit: 5, includeDrafts: true }));
    // Changed and new cases are held in memory beside the file's; compaction leaves the file's alone.
    for (const target of [ix, back]) {
      for (const d of docs.slice(0, 120)) target.replace({ ...d, narrative: `${d.narrative} Re-audited by the department.` });
      target.add({ ...docs[5]!, id: 900, ref: 'CB-2026-00900', title: 'Scaphoid fracture missed on the first film' });
      target.remove(docs[300]!.id);
      target.compact();
    }
    for (const q of [...queries, 're-audited', 'scaphoid']) expect(back.search(req(q)), q).toEqual(ix.search(req(q)));
    // The next snapshot copies what is still in the old file and what is in memory.
    const next = path.join(dir, 'texts-next.search-index');
    await writeSnapshot(next, { marker: 3, markerAt: null, fingerprint: 'f' }, back.snapshotParts());
    const again = (await readSnapshot(next))!;
    const third = createSearchIndex({ snapshot: again.parts });
    for (const q of [...queries, 're-audited', 'scaphoid']) expect(third.search(req(q)), q).toEqual(ix.search(req(q)));
    // Closed, the index holds the file open no more, and says so rather than read another file that
    // reuses the descriptor's number.
    const open = readdirSync('/proc/self/fd').length;
    await back.close();
    await back.close();
    expect(readdirSync('/proc/self/fd').length).toBe(open - 1);
    expect(() => back.search(req('delay'))).toThrow('The search index snapshot file is closed');
    // An index made from another index's parts copies the texts in rather than share its file.
    const copy = createSearchIndex({ snapshot: third.snapshotParts() });
    await third.close();
    for (const q of ['re-audited', 'scaphoid']) expect(copy.search(req(q)), q).toEqual(ix.search(req(q)));
  });

  it('lets go of the file when a snapshot read is not used', async () => {
    const ix = createSearchIndex();
    ix.add(docs[0]!);
    const file = path.join(dir, 'unused.search-index');
    await writeSnapshot(file, { marker: 1, markerAt: null, fingerprint: 'f' }, ix.snapshotParts());
    const before = readdirSync('/proc/self/fd').length;
    const snap = (await readSnapshot(file))!;
    expect(readdirSync('/proc/self/fd').length).toBe(before + 1);
    await snap.close();
    expect(readdirSync('/proc/self/fd').length).toBe(before);
  });

  it('restores in small steps, so a caller can let requests in between them', () => {
    const ix = createSearchIndex();
    // 3,000 distinct words: entered into the dictionary a few hundred at a time, not in one go.
    const words = Array.from({ length: 3000 }, (_, i) => `zq${i.toString(36)}x`);
    for (let i = 0; i < 30; i++) ix.add({ ...docs[i]!, narrative: words.slice(i * 100, i * 100 + 100).join(' ') });
    const steps = restoringSearchIndex({ synonyms: DEFAULT_SYNONYMS, snapshot: ix.snapshotParts() });
    let count = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) count++;
    expect(count).toBeGreaterThanOrEqual(6);
    expect(step.value.search(req(words[2999]!)).items.map((h) => h.id)).toEqual([docs[29]!.id]);
  });

  it('reads back strings as written, whether plain ASCII or not', async () => {
    const ix = createSearchIndex();
    ix.add({ ...docs[0]!, labels: 'Delay in reporting' });
    ix.add({ ...docs[1]!, labels: 'Communication with the patient’s GP — café' });
    const file = path.join(dir, 'strings.search-index');
    await writeSnapshot(file, { marker: 1, markerAt: null, fingerprint: 'f' }, ix.snapshotParts());
    const snap = (await readSnapshot(file))!;
    await snap.close();
    const back = snap.parts.store;
    expect(back.labelSets).toEqual(['Delay in reporting', 'Communication with the patient’s GP — café']);
    expect(back.refs).toEqual([docs[0]!.ref, docs[1]!.ref]);
  });

  it('says there is none when the file is missing, and refuses a damaged or foreign file', async () => {
    expect(await readSnapshot(path.join(dir, 'missing'))).toBeUndefined();
    const ix = createSearchIndex();
    for (const d of docs.slice(0, 20)) ix.add(d);
    const file = path.join(dir, 'b.search-index');
    await writeSnapshot(file, { marker: 1, markerAt: null, fingerprint: 'f' }, ix.snapshotParts());
    const whole = readFileSync(file);
    writeFileSync(path.join(dir, 'cut'), whole.subarray(0, whole.length - 100));
    await expect(readSnapshot(path.join(dir, 'cut'))).rejects.toThrow(/missing or damaged|ends early/);
    writeFileSync(path.join(dir, 'foreign'), 'SQLite format 3\0 and so on');
    await expect(readSnapshot(path.join(dir, 'foreign'))).rejects.toThrow('Not a search index snapshot');
    const other = Buffer.from(whole);
    other.write(whole.toString('latin1').replace('"format":2', '"format":9').slice(0, 200), 0, 'latin1');
    writeFileSync(path.join(dir, 'other'), other);
    await expect(readSnapshot(path.join(dir, 'other'))).rejects.toThrow('Snapshot format 9, expected 2');
    // A section claiming more bytes than the file holds is refused before any room is set aside
    // for it. The fingerprint is shortened by as much as the size grows, so the header keeps its length.
    const longFile = path.join(dir, 'c.search-index');
    await writeSnapshot(longFile, { marker: 1, markerAt: null, fingerprint: 'f'.repeat(20) }, ix.snapshotParts());
    const text = readFileSync(longFile).toString('latin1');
    const sized = /("name":"month","kind":"u16","offset":\d+,"bytes":)(\d+)/.exec(text)!;
    const claim = '9e15';
    const huge = text.replace(sized[0], sized[1] + claim).replace(`"${'f'.repeat(20)}"`, `"${'f'.repeat(20 - claim.length + sized[2]!.length)}"`);
    expect(huge.length).toBe(text.length);
    writeFileSync(path.join(dir, 'huge'), Buffer.from(huge, 'latin1'));
    await expect(readSnapshot(path.join(dir, 'huge'))).rejects.toThrow('Snapshot section month is missing or damaged');
  });
});
