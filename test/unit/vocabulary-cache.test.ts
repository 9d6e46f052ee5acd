import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrator.ts';
import { saveTimeframe, updateTerm } from '../../server/vocabularies/admin-repository.ts';
import { referenceDataChanged } from '../../server/vocabularies/changes.ts';
import { insertDepartmentIfMissing } from '../../server/vocabularies/repository.ts';
import { loadTimeframes, loadVocabularies } from '../../server/vocabularies/service.ts';

let db: Db;
beforeEach(async () => {
  db = openDatabase('sqlite::memory:');
  await migrateToLatest(db);
});
afterEach(() => db.destroy());

const modality = async (code: string) => (await loadVocabularies(db)).modalities.find((m) => m.code === code);

describe('reference data kept in memory', () => {
  it('answers repeated reads from memory, frozen so no caller can change it for the others', async () => {
    const first = await loadVocabularies(db);
    expect(await loadVocabularies(db)).toBe(first);
    expect(Object.isFrozen(first.themes[0]!.factors)).toBe(true);
    expect(() => (first.modalities as unknown[]).push({ code: 'x', label: 'x' })).toThrow(TypeError);
  });

  it('shows a change made through the admin repository at once', async () => {
    expect((await modality('ct'))?.retired).toBeUndefined();
    await updateTerm(db, 'modality', 'ct', { retired: 1 });
    expect((await modality('ct'))?.retired).toBe(true);
    await insertDepartmentIfMissing(db, 'east', 'East site');
    expect((await loadVocabularies(db)).departments.map((d) => d.code)).toContain('east');
  });

  it('shows a change written behind its back once told, and keeps each database apart', async () => {
    await loadVocabularies(db);
    await db.updateTable('vocabulary_terms').set({ label: 'Computed tomography (CT)' }).where('vocabulary', '=', 'modality').where('code', '=', 'ct').execute();
    referenceDataChanged();
    expect((await modality('ct'))?.label).toBe('Computed tomography (CT)');
    const other = openDatabase('sqlite::memory:');
    await migrateToLatest(other);
    expect((await loadVocabularies(other)).modalities.find((m) => m.code === 'ct')?.label).not.toBe('Computed tomography (CT)');
    await other.destroy();
  });

  it('keeps timeframes in the journey terms, and drops them when one is saved', async () => {
    const before = await loadTimeframes(db);
    const t = before[0]!;
    expect(t).toEqual({ urgency: expect.any(String), fromStage: expect.any(String), toStage: expect.any(String), maxDays: expect.any(Number), source: expect.any(String), local: expect.any(Boolean) });
    expect(await loadTimeframes(db)).toBe(before);
    await saveTimeframe(db, { urgency: t.urgency, fromStage: t.fromStage, toStage: t.toStage }, { maxDays: t.maxDays + 1, source: 'Local agreement', local: true }, true);
    const after = (await loadTimeframes(db)).find((x) => x.urgency === t.urgency && x.fromStage === t.fromStage && x.toStage === t.toStage);
    expect(after).toMatchObject({ maxDays: t.maxDays + 1, local: true });
  });
});
