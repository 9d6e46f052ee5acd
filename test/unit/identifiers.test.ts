import { describe, expect, it } from 'vitest';
import {
  BLOCKING_KINDS,
  CONFIRM_KINDS,
  findIdentifiers,
  IDENTIFIER_KINDS,
  mask,
  placeholderFor,
  redact,
  severity,
} from '../../server/domain/identifiers.ts';

/** The finding for the first occurrence of `value` in `text`, so offsets are checked exactly. */
const at = (text: string, kind: string, value: string, from = 0) => {
  const start = text.indexOf(value, from);
  if (start < 0) throw new Error(`${value} not in text`);
  return { kind, start, end: start + value.length };
};

describe('findIdentifiers: shape of the result', () => {
  it('returns UTF-16 offsets, sorted by start, end exclusive', () => {
    const text = 'Résumé 🙂: Mrs Okafor (NHS 943 476 5919) rang from 0113 243 3144 on 12/03/2024.';
    expect(findIdentifiers(text)).toEqual([
      at(text, 'person_name', 'Okafor'),
      at(text, 'nhs_number', '943 476 5919'),
      at(text, 'phone', '0113 243 3144'),
      at(text, 'date', '12/03/2024'),
    ]);
  });

  it('returns nothing for empty or clean text', () => {
    expect(findIdentifiers('')).toEqual([]);
    expect(findIdentifiers('CT chest reported 6/52 after the request; BI-RADS 4; ward 7.')).toEqual([]);
  });

  it('keeps the more specific finding when detectors overlap', () => {
    const email = 'margaret.jones@nhs.net';
    expect(findIdentifiers(`Sent to ${email} today`)).toEqual([at(`Sent to ${email} today`, 'email', email)]);
    const text = 'hospital number 943 476 5919';
    expect(findIdentifiers(text)).toEqual([at(text, 'hospital_number', '943 476 5919')]);
  });

  it('never returns overlapping findings', () => {
    const text =
      'Mrs Margaret Jones, DOB 3 March 1957, NHS 9434765919, LS1 4AB, 07700 900123, jones@example.com, MRN 12345678, GMC 1234567.';
    const found = findIdentifiers(text);
    for (let i = 1; i < found.length; i++) expect(found[i]!.start).toBeGreaterThanOrEqual(found[i - 1]!.end);
    expect(found.map((f) => f.kind)).toEqual([
      'person_name',
      'date',
      'nhs_number',
      'postcode',
      'phone',
      'email',
      'hospital_number',
      'staff_number',
    ]);
  });
});

describe('severity and placeholders', () => {
  it('lets the user confirm dates and names and blocks everything else', () => {
    expect(severity('date')).toBe('confirm');
    expect(severity('person_name')).toBe('confirm');
    for (const kind of ['nhs_number', 'postcode', 'ni_number', 'phone', 'email', 'hospital_number', 'staff_number']) {
      expect(severity(kind)).toBe('block');
      expect(BLOCKING_KINDS).toContain(kind);
    }
    expect([...BLOCKING_KINDS, ...CONFIRM_KINDS].sort()).toEqual([...IDENTIFIER_KINDS].sort());
  });

  it('names a placeholder for every kind', () => {
    expect(placeholderFor('person_name')).toBe('[name]');
    expect(placeholderFor('date')).toBe('[date]');
    expect(placeholderFor('nhs_number')).toBe('[NHS number]');
    expect(placeholderFor('postcode')).toBe('[postcode]');
    expect(placeholderFor('ni_number')).toBe('[NI number]');
    expect(placeholderFor('phone')).toBe('[phone number]');
    expect(placeholderFor('email')).toBe('[email]');
    expect(placeholderFor('hospital_number')).toBe('[hospital number]');
    expect(placeholderFor('staff_number')).toBe('[staff number]');
  });
});

describe('redact', () => {
  it('replaces each finding with its placeholder and keeps titles and context words', () => {
    const text = 'Dr Okafor reviewed NHS number 943 476 5919 on 12/03/2024; call 0113 243 3144.';
    expect(redact(text, findIdentifiers(text))).toBe(
      'Dr [name] reviewed NHS number [NHS number] on [date]; call [phone number].',
    );
  });

  it('accepts findings in any order and ignores overlapping or out-of-range ones', () => {
    const text = 'abc 123 def';
    expect(
      redact(text, [
        { kind: 'postcode', start: 8, end: 11 },
        { kind: 'date', start: 4, end: 7 },
        { kind: 'email', start: 5, end: 9 },
        { kind: 'phone', start: 9, end: 40 },
      ]),
    ).toBe('abc [date] [postcode]');
    expect(redact(text, [])).toBe(text);
  });
});

describe('mask', () => {
  it('masks all but the last four characters, keeping spacing', () => {
    expect(mask('943 476 5919')).toBe('••• ••• 5919');
    expect(mask('9434765919')).toBe('••••••5919');
    expect(mask('943-476-5919')).toBe('•••-•••-5919');
    expect(mask('AB 12 34 56 C')).toBe('•• •• •4 56 C');
    expect(mask('07700 900123')).toBe('••••• ••0123');
    expect(mask('LS1 4AB')).toBe('••1 4AB');
  });

  it('masks short values entirely rather than show them whole', () => {
    expect(mask('1234')).toBe('••••');
    expect(mask('')).toBe('');
  });
});

describe('speed', () => {
  it('scans a 100 KB narrative in well under a second', () => {
    const paragraph =
      'The patient attended ED on day 3 with chest pain; CT chest (DLP 480 mGy.cm) showed a 12 x 9 mm nodule at T2N0M0. ' +
      'The report was verified 6/52 later by the consultant radiologist; GCS 14/15, BI-RADS 4, C5/6. Mrs Okafor called 0113 243 3144. ';
    const text = paragraph.repeat(Math.ceil(100_000 / paragraph.length));
    findIdentifiers(text);
    const t0 = performance.now();
    const found = findIdentifiers(text);
    const ms = performance.now() - t0;
    console.log(`identifier scan: ${(text.length / 1024).toFixed(0)} KB in ${ms.toFixed(1)} ms`);
    expect(found.length).toBeGreaterThan(0);
    // Generous for shared CI machines; typical is a few milliseconds.
    expect(ms).toBeLessThan(250);
  });

  it('stays linear on pathological input', () => {
    const inputs = ['a'.repeat(200_000), '1'.repeat(200_000), '@'.repeat(50_000) + 'a.b', 'Mr '.repeat(50_000), '1 '.repeat(100_000)];
    for (const text of inputs) {
      const t0 = performance.now();
      findIdentifiers(text);
      expect(performance.now() - t0).toBeLessThan(500);
    }
  });
});
