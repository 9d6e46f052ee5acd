import { describe, expect, it } from 'vitest';
import { addMonths } from '../../server/domain/months.ts';
import { addQuarters, isQuarter, monthsOf, periodsBetween, quarterLabel, quarterOf } from '../../server/domain/quarters.ts';

describe('quarters', () => {
  it('maps months to calendar quarters and back', () => {
    expect(quarterOf('2026-01')).toBe('2026-Q1');
    expect(quarterOf('2026-09')).toBe('2026-Q3');
    expect(quarterOf('2026-10')).toBe('2026-Q4');
    expect(monthsOf('2026-Q3')).toEqual(['2026-07', '2026-08', '2026-09']);
    expect(isQuarter('2026-Q5')).toBe(false);
    expect(() => monthsOf('2026-07')).toThrow(RangeError);
  });
  it('steps across years', () => {
    expect(addQuarters('2026-Q4', 1)).toBe('2027-Q1');
    expect(addQuarters('2026-Q1', -1)).toBe('2025-Q4');
    expect(addQuarters('2026-Q2', -4)).toBe('2025-Q2');
  });
  it('labels and lists periods, months or quarters', () => {
    expect(quarterLabel('2026-Q3')).toBe('2026 Q3 (July to September)');
    expect(periodsBetween('2025-Q3', '2026-Q2', addQuarters)).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
    expect(periodsBetween('2025-11', '2026-02', addMonths)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(periodsBetween('2026-02', '2025-11', addMonths)).toEqual([]);
  });
});
