import { describe, expect, it } from 'vitest';
import type { CaseView } from '../../server/cases/view.ts';
import { setTable } from '../../server/teaching-sets/export.ts';
import { presentItems, presentTeach } from '../../server/teaching-sets/present.ts';
import { addCaseForm, PositionParam, SetIdParam, setForm } from '../../server/teaching-sets/schema.ts';
import type { SetDetail, SetItem } from '../../server/teaching-sets/service.ts';
import type { Vocabularies } from '../../server/vocabularies/service.ts';

const v: Vocabularies = {
  themes: [{ code: 'T2', label: 'Not acting on important unexpected findings', summary: '', factors: [{ code: 'T2.02', label: 'Result filed without action' }] }],
  sources: [],
  departments: [],
  modalities: [{ code: 'xr', label: 'Plain X-ray' }],
  bodyAreas: [{ code: 'chest', label: 'Chest' }],
  settings: [{ code: 'gp', label: 'GP direct access' }],
  urgencies: [],
  alertCategories: [],
  harms: [{ code: 'severe', label: 'Severe harm' }],
  ageBands: [],
  journeyStages: [],
  actionOwners: [],
};

const aCase = (ref: string, title: string): CaseView => ({
  ref,
  version: 1,
  status: 'submitted',
  withdrawn: false,
  withdrawnReason: null,
  title,
  narrative: 'The story',
  learning: 'The lesson',
  source: 'incident',
  department: 'north',
  modality: 'xr',
  bodyArea: 'chest',
  setting: 'gp',
  urgency: null,
  alertCategory: null,
  harm: 'severe',
  ageBand: null,
  eventMonth: '2026-03',
  themes: [{ theme: 'T2', factors: ['T2.02'] }],
  journey: {},
  repeats: [],
  repeatedBy: [],
  createdAt: '',
  updatedAt: '',
});

function detail(items: SetItem[]): SetDetail {
  const set = { id: 7, title: 'Set', description: '', audience: 'Registrars', version: 1, created_by: 1, created_at: '', updated_at: '', archived_at: null };
  return { set, items, teachable: items.filter((i): i is Extract<SetItem, { kind: 'teachable' }> => i.kind === 'teachable') };
}

const sample = detail([
  { kind: 'teachable', ref: 'CB-2026-00001', position: 1, note: 'Note one', case: aCase('CB-2026-00001', 'First title') },
  { kind: 'withdrawn', ref: 'CB-2026-00002', position: 2 },
  { kind: 'teachable', ref: 'CB-2026-00003', position: 3, note: '', case: aCase('CB-2026-00003', 'Third title') },
]);

describe('teaching mode', () => {
  it('counts teachable cases only, skipping the withdrawn one, with previous and next links', () => {
    const first = presentTeach(sample, 1, v)!;
    expect(first).toMatchObject({ position: 1, total: 2, left: 1, ref: 'CB-2026-00001' });
    expect(first.pagination).toEqual({ next: { href: '/teaching-sets/7/teach/2', text: 'Next case', label: { text: 'Case 2 of 2' } } });
    const second = presentTeach(sample, 2, v)!;
    expect(second.ref).toBe('CB-2026-00003');
    expect(second.pagination).toEqual({ previous: { href: '/teaching-sets/7/teach/1', text: 'Previous case', label: { text: 'Case 1 of 2' } } });
    expect(presentTeach(sample, 3, v)).toBeUndefined();
  });

  it('keeps the title, harm, themes and learning out of what is shown before the reveal', () => {
    const { reveal, ...shown } = presentTeach(sample, 1, v)!;
    const before = JSON.stringify(shown);
    for (const hidden of ['First title', 'Severe harm', 'T2', 'The lesson', 'Note one']) expect(before).not.toContain(hidden);
    expect(before).toContain('The story');
    expect(reveal).toMatchObject({ title: 'First title', harm: 'Severe harm', learning: 'The lesson', note: 'Note one' });
  });
});

describe('the set page and the CSV', () => {
  it('a withdrawn case carries no content, and its CSV row says so and nothing more', () => {
    const items = presentItems(sample, v);
    expect(items[1]).toEqual({ ref: 'CB-2026-00002', position: 2, first: false, last: false, hidden: true, hiddenText: 'This case was withdrawn' });
    expect(items[2]).toMatchObject({ last: true, hidden: false, title: 'Third title' });
    const table = setTable(sample, v);
    expect(table.rows[1]).toEqual([2, 'CB-2026-00002', 'This case was withdrawn', null, null, null, null, null, null, null, null]);
    expect(table.rows[0]).toEqual([
      1,
      'CB-2026-00001',
      'First title',
      'T2 Not acting on important unexpected findings',
      'T2.02 Result filed without action',
      'Plain X-ray',
      'Severe harm',
      '2026-03',
      'The story',
      'The lesson',
      'Note one',
    ]);
  });
});

describe('form schemas', () => {
  it('normalises a typed reference and refuses anything else', () => {
    expect(addCaseForm.parse({ ref: ' cb-2026-00012 ', note: undefined })).toEqual({ ref: 'CB-2026-00012', note: '' });
    expect(addCaseForm.safeParse({ ref: 'CB-26-1' }).success).toBe(false);
  });

  it('trims the details and treats a missing version as stale', () => {
    expect(setForm.parse({ title: '  Nodules ', audience: 'Registrars', description: undefined })).toEqual({ title: 'Nodules', audience: 'Registrars', description: '', version: 0 });
  });

  it.each(['0', '-1', '1.5', '1e3', 'abc', '', '9999999999'])('refuses %j as a set id or position', (raw) => {
    expect(SetIdParam.safeParse(raw).success).toBe(false);
    expect(PositionParam.safeParse(raw).success).toBe(false);
  });
});
