import { describe, expect, it } from 'vitest';
import { duplicateOf, neighbour, nextFactorCode, normaliseLabel, VOCABULARIES, vocabularyBySlug } from '../../server/vocabularies/admin-rules.ts';
import { NewDepartmentForm, NewTermForm, TimeframeForm } from '../../server/vocabularies/admin-schema.ts';

describe('nextFactorCode', () => {
  it('is one past the highest code in the theme, two digits', () => {
    expect(nextFactorCode('T2', ['T2.01', 'T2.02', 'T1.09'])).toBe('T2.03');
    expect(nextFactorCode('T3', [])).toBe('T3.01');
    expect(nextFactorCode('T1', ['T1.09'])).toBe('T1.10');
  });

  it('skips gaps rather than filling them, so a retired code is never reused', () => {
    expect(nextFactorCode('T4', ['T4.01', 'T4.07'])).toBe('T4.08');
  });

  it('ignores codes of other themes that share a prefix, and odd codes', () => {
    expect(nextFactorCode('T1', ['T10.05', 'T1.2', 'T1.02x', 'T1.01'])).toBe('T1.02');
  });

  it('runs out after 99', () => {
    expect(nextFactorCode('T2', ['T2.98'])).toBe('T2.99');
    expect(nextFactorCode('T2', ['T2.99'])).toBeUndefined();
  });
});

describe('labels', () => {
  it('trims and collapses spaces', () => {
    expect(normaliseLabel('  Plain   X-ray \t')).toBe('Plain X-ray');
  });

  it('finds a current duplicate whatever its case, but not a retired one or the item itself', () => {
    const items = [
      { code: 'ct', label: 'CT', retired: false },
      { code: 'old', label: 'Film', retired: true },
    ];
    expect(duplicateOf('ct', items)?.code).toBe('ct');
    expect(duplicateOf(' c t ', items)).toBeUndefined();
    expect(duplicateOf('film', items)).toBeUndefined();
    expect(duplicateOf('CT', items, 'ct')).toBeUndefined();
  });
});

describe('neighbour', () => {
  const list = [{ code: 'a' }, { code: 'b' }, { code: 'c' }];
  it('is the item above or below, or nothing at either end', () => {
    expect(neighbour(list, 'b', 'up')?.code).toBe('a');
    expect(neighbour(list, 'b', 'down')?.code).toBe('c');
    expect(neighbour(list, 'a', 'up')).toBeUndefined();
    expect(neighbour(list, 'c', 'down')).toBeUndefined();
    expect(neighbour(list, 'z', 'up')).toBeUndefined();
  });
});

describe('vocabularies', () => {
  it('have unique URL slugs that do not clash with the other reference data pages', () => {
    const slugs = VOCABULARIES.map((v) => v.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const reserved of ['departments', 'themes', 'timeframes']) expect(slugs).not.toContain(reserved);
    expect(vocabularyBySlug('body-areas')?.name).toBe('body_area');
    expect(vocabularyBySlug('journey-stages')?.editable).toBe(false);
  });
});

describe('form schemas', () => {
  it('takes department codes of 2 to 40 lowercase letters, digits and hyphens', () => {
    expect(NewDepartmentForm.safeParse({ code: 'north-2', label: ' North ' }).data).toEqual({ code: 'north-2', label: 'North' });
    for (const code of ['n', 'North', 'north_site', '-north', 'a'.repeat(41)]) expect(NewDepartmentForm.safeParse({ code, label: 'x' }).success).toBe(false);
  });

  it('allows underscores in term codes, as the seeded ones use', () => {
    expect(NewTermForm.safeParse({ code: 'cancer_2ww', label: 'x' }).success).toBe(true);
  });

  it('reads maximum days as a whole number from 1 to 365 and the checkbox as present or absent', () => {
    expect(TimeframeForm.parse({ maxDays: ' 14 ', source: 'RCR', local: 'yes' })).toEqual({ maxDays: 14, source: 'RCR', local: true });
    expect(TimeframeForm.parse({ maxDays: '365', source: 'RCR' }).local).toBe(false);
    for (const maxDays of ['0', '366', '1.5', '-3', 'ten', '']) expect(TimeframeForm.safeParse({ maxDays, source: 'RCR' }).success).toBe(false);
  });
});
