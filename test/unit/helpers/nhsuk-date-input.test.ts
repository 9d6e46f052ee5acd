import { describe, expect, it } from 'vitest';
import { nhsukDateInputModel } from '../../../server/web/helpers/nhsuk-date-input.ts';

type Input = Record<string, unknown>;
const inputs = (model: Record<string, unknown>) => (model.field as { inputs: Input[] }).inputs;

describe('nhsukDateInputModel', () => {
  it('draws day, month and year inputs named with the prefix and filled from values', () => {
    const list = inputs(nhsukDateInputModel({ id: 'dob', namePrefix: 'dob', values: { day: '1', month: '2', year: '1990' } }));
    expect(list.map((i) => [i.id, i.name, i.value, i.width, (i.label as Input).text])).toEqual([
      ['dob-day', 'dob[day]', '1', 2, 'Day'],
      ['dob-month', 'dob[month]', '2', 2, 'Month'],
      ['dob-year', 'dob[year]', '1990', 4, 'Year'],
    ]);
  });

  it('marks every input for a group error, or only the items in error', () => {
    expect(inputs(nhsukDateInputModel({ id: 'd', errorMessage: 'Enter a date' })).map((i) => i.errorMessage)).toEqual([true, true, true]);
    const list = inputs(nhsukDateInputModel({ id: 'd', errorMessage: 'Enter a year', items: [{ name: 'day' }, { name: 'month' }, { name: 'year', error: true }] }));
    expect(list.map((i) => i.errorMessage)).toEqual([false, false, true]);
  });

  it('makes its fieldset a group', () => {
    expect((nhsukDateInputModel({ id: 'd', fieldset: { legend: 'When?' } }).field as Input).fieldset).toMatchObject({ role: 'group' });
  });
});
