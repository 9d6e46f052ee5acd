import { describe, expect, it } from 'vitest';
import { identifierMessages } from '../../server/actions/present.ts';
import { editActionForm, newActionForm } from '../../server/actions/schema.ts';
import { scanFields } from '../../server/cases/identifier-check.ts';
import { daysBetween, daysOverdue, formatDay, isOverdue, parseDateParts, partsOf, partsToMark, ukToday } from '../../server/domain/actions.ts';

describe('today in the UK', () => {
  it('is the London date, not the UTC one', () => {
    expect(ukToday(new Date('2026-11-23T10:00:00Z'))).toBe('2026-11-23');
    // 23:30 UTC on 31 May is 00:30 on 1 June in British Summer Time.
    expect(ukToday(new Date('2026-05-31T23:30:00Z'))).toBe('2026-06-01');
    // In winter London is on UTC.
    expect(ukToday(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });
});

describe('overdue actions', () => {
  const today = '2026-11-23';
  it('is overdue only when open and due before today', () => {
    expect(isOverdue({ status: 'open', dueDate: '2026-11-22' }, today)).toBe(true);
    expect(isOverdue({ status: 'open', dueDate: today }, today)).toBe(false);
    expect(isOverdue({ status: 'open', dueDate: '2026-11-24' }, today)).toBe(false);
    expect(isOverdue({ status: 'done', dueDate: '2020-01-01' }, today)).toBe(false);
    expect(isOverdue({ status: 'dropped', dueDate: '2020-01-01' }, today)).toBe(false);
  });

  it('counts whole calendar days overdue, across month, year and clock changes', () => {
    expect(daysOverdue({ status: 'open', dueDate: '2026-11-22' }, today)).toBe(1);
    expect(daysOverdue({ status: 'open', dueDate: '2026-10-23' }, today)).toBe(31);
    expect(daysOverdue({ status: 'open', dueDate: '2025-11-23' }, today)).toBe(365);
    expect(daysOverdue({ status: 'open', dueDate: today }, today)).toBe(0);
    expect(daysOverdue({ status: 'done', dueDate: '2026-11-01' }, today)).toBe(0);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-11-23', '2026-11-20')).toBe(-3);
  });
});

describe('due dates from the date input', () => {
  const parse = (day: string, month: string, year: string) => parseDateParts({ day, month, year });

  it('reads a real date, padding and trimming the boxes', () => {
    expect(parse('3', '7', '2027')).toEqual({ ok: true, date: '2027-07-03' });
    expect(parse(' 03 ', '07', ' 2027')).toEqual({ ok: true, date: '2027-07-03' });
    expect(parse('29', '2', '2028')).toEqual({ ok: true, date: '2028-02-29' });
  });

  it.each([
    [['', '', ''], { kind: 'missing' }],
    [['', '7', '2027'], { kind: 'incomplete', parts: ['day'] }],
    [['1', '', ''], { kind: 'incomplete', parts: ['month', 'year'] }],
    [['29', '2', '2027'], { kind: 'not_real', parts: ['day'] }],
    [['31', '4', '2027'], { kind: 'not_real', parts: ['day'] }],
    [['0', '4', '2027'], { kind: 'not_real', parts: ['day'] }],
    [['1', '13', '2027'], { kind: 'not_real', parts: ['month'] }],
    [['1', 'March', '2027'], { kind: 'not_real', parts: ['month'] }],
    [['1', '3', '27'], { kind: 'year_digits' }],
    [['1', '3', '-2027'], { kind: 'not_real', parts: ['year'] }],
  ] as const)('refuses %j as %j', ([day, month, year], problem) => {
    expect(parse(day, month, year)).toEqual({ ok: false, problem });
  });

  it('marks the boxes that are wrong, or all three', () => {
    expect(partsToMark({ kind: 'incomplete', parts: ['day'] })).toEqual(['day']);
    expect(partsToMark({ kind: 'year_digits' })).toEqual(['year']);
    expect(partsToMark({ kind: 'missing' })).toEqual(['day', 'month', 'year']);
  });

  it('fills the boxes from a stored date and shows dates in words', () => {
    expect(partsOf('2027-03-05')).toEqual({ day: '5', month: '3', year: '2027' });
    expect(formatDay('2026-11-23')).toBe('23 November 2026');
    expect(formatDay('2027-03-05')).toBe('5 March 2027');
  });
});

describe('the action forms', () => {
  const rules = { today: '2026-11-23', owners: ['reporting-radiologists'] };
  const form = (change: Record<string, unknown> = {}) => ({
    description: 'Audit alert wording',
    owner: 'reporting-radiologists',
    dueDate: { day: '23', month: '11', year: '2026' },
    status: 'open',
    droppedReason: '',
    evidence: '',
    version: '1',
    ...change,
  });
  const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
    r.error?.issues.map((i) => `${String(i.path[0])}: ${i.message}`) ?? [];

  it('accepts today as a due date but not yesterday, unless a change keeps the stored date', () => {
    expect(newActionForm(rules).safeParse(form()).data).toEqual({ description: 'Audit alert wording', owner: 'reporting-radiologists', dueDate: '2026-11-23' });
    const yesterday = form({ dueDate: { day: '22', month: '11', year: '2026' } });
    expect(messages(newActionForm(rules).safeParse(yesterday))).toEqual(['dueDate: The due date must be today or in the future']);
    expect(editActionForm({ ...rules, keepDueDate: '2026-11-22' }).safeParse(yesterday).success).toBe(true);
  });

  it('asks for evidence and a reason by status, alongside every other problem', () => {
    expect(messages(editActionForm(rules).safeParse(form({ status: 'done', description: '', owner: 'someone' })))).toEqual([
      'description: Enter a description of the action',
      'owner: Select who owns the action',
      'evidence: Describe the evidence that the action is done',
    ]);
    expect(messages(editActionForm(rules).safeParse(form({ status: 'dropped', dueDate: { day: '', month: '', year: '' } })))).toEqual([
      'dueDate: Enter the date the action is due',
      'droppedReason: Enter why the action was dropped',
    ]);
    expect(editActionForm(rules).safeParse(form({ status: 'done', evidence: 'Template updated' })).success).toBe(true);
  });

  it('reads a missing or mangled version as 0, which never matches a stored one', () => {
    expect(editActionForm(rules).safeParse(form({ version: 'abc' })).data?.version).toBe(0);
    expect(editActionForm(rules).safeParse(form({ version: undefined })).data?.version).toBe(0);
  });
});

describe('identifier messages', () => {
  it('name the kind and place, and show the finding only masked', () => {
    const text = 'Call 07700 900123 about it';
    const findings = scanFields({ evidence: text });
    const message = identifierMessages(findings, { evidence: 'The evidence' }).evidence!;
    expect(message).toBe('The evidence contains what looks like a phone number at characters 6 to 17 (••••• ••0123). Remove anything that could identify a patient or member of staff');
    expect(message).not.toContain('900123');
  });
});
