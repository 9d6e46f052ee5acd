import { describe, expect, it } from 'vitest';
import { cadenceOf } from '../../server/reviews/cadence.ts';

const north = { code: 'north', label: 'North' };

describe('review cadence', () => {
  it('counts signed-off reviews in the last year and flags unreviewed quarters past their due date', () => {
    const reviews = [
      { quarter: '2025-Q4', departments: [], signedOffAt: '2026-01-20T10:00:00Z' },
      { quarter: '2026-Q1', departments: ['north'], signedOffAt: '2026-04-15T10:00:00Z' },
      { quarter: '2026-Q2', departments: ['south'], signedOffAt: '2026-07-15T10:00:00Z' },
    ];
    const c = cadenceOf(north, reviews, '2026-11-23');
    expect(c.signedInYear).toBe(2);
    expect(c.meetsFour).toBe(false);
    expect(c.reviewed).toEqual(['2025-Q4', '2026-Q1']);
    // Q2 was due by the end of Q3 (30 September): overdue. Q3 is due by 31 December: next.
    expect(c.overdue).toEqual([{ quarter: '2026-Q2', label: '2026 Q2 (April to June)', dueBy: '2026-09-30' }]);
    expect(c.next).toMatchObject({ quarter: '2026-Q3', dueBy: '2026-12-31' });
  });

  it('meets the four-a-year standard with four quarters reviewed; the organisation counts only its own reviews', () => {
    const reviews = ['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3'].map((quarter, i) => ({ quarter, departments: [], signedOffAt: `2026-0${i + 2}-10T00:00:00Z` }));
    expect(cadenceOf(north, reviews, '2026-11-23')).toMatchObject({ signedInYear: 4, meetsFour: true, overdue: [] });
    expect(cadenceOf({ code: '', label: 'Whole organisation' }, [{ quarter: '2026-Q3', departments: ['north'], signedOffAt: '2026-10-01T00:00:00Z' }], '2026-11-23').reviewed).toEqual([]);
  });
});
