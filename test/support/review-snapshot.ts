import { addQuarters, monthsOf } from '../../server/domain/quarters.ts';
import { describeVariation, xmr } from '../../server/domain/spc.ts';
import type { ActionLine, Matrix, ReviewPack, ReviewSnapshot, SignalView } from '../../server/reviews/types.ts';

export const FAKE_QUARTER = '2026-Q3';
export const FAKE_HASH = '3f7a9c2e5b8d1f4a6c0e9b2d7f5a3c1e8b6d4f2a0c9e7b5d3f1a8c6e4b2d0f9a';

const THEMES = [
  { code: 'communication', label: 'Communication' },
  { code: 'reporting_discrepancy', label: 'Reporting discrepancy' },
  { code: 'delay', label: 'Delay in diagnosis or treatment' },
  { code: 'safety', label: 'Radiation safety' },
];
const SOURCES = [
  { code: 'complaint', label: 'Complaint' },
  { code: 'incident', label: 'Incident' },
  { code: 'learning_meeting', label: 'Learning meeting' },
];
const DEPARTMENTS = [
  { code: 'ct', label: 'CT' },
  { code: 'mri', label: 'MRI' },
  { code: 'ed_imaging', label: 'Emergency department imaging' },
  { code: 'interventional', label: 'Interventional radiology' },
];

/** Eighteen months of counts ending in the quarter, the last three high: a signal that starts this quarter. */
function signal(measure: string, label: string, base: number[], improvement: SignalView['improvement']): SignalView {
  const last = monthsOf(FAKE_QUARTER)[2];
  const months = Array.from({ length: 18 }, (_, i) => {
    const [y, m] = last.split('-').map(Number) as [number, number];
    const index = y * 12 + (m - 1) - (17 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
  const points = xmr(
    months.map((x, i) => ({ x, y: base[i % base.length]! + (i >= 15 ? 9 : 0) })),
    { improvement },
  );
  return { measure, label, reading: describeVariation(points, { measureLabel: label.toLowerCase(), improvement }), status: 'starts', improvement, points };
}

function matrix(rows: typeof THEMES, cols: typeof SOURCES, counts: number[][]): Matrix {
  return { rows, cols, counts, hrefs: counts.map((r, i) => r.map((_, j) => `/cases?theme=${rows[i]?.code}&col=${cols[j]?.code}`)) };
}

const action = (a: Partial<ActionLine> & Pick<ActionLine, 'id' | 'description'>): ActionLine => ({
  owner: 'imaging_manager',
  dueDate: '2026-08-31',
  status: 'open',
  overdue: false,
  evidence: null,
  caseRef: null,
  fromReview: false,
  ...a,
});

function pack(): ReviewPack {
  const quarters = [-4, -3, -2, -1, 0].map((n) => addQuarters(FAKE_QUARTER, n));
  return {
    quarter: FAKE_QUARTER,
    quarters,
    scope: { departments: ['ct', 'mri'], label: 'CT, MRI' },
    summary: {
      total: [14, 11, 16, 13, 24],
      byTheme: [
        { ...THEMES[0]!, counts: [5, 4, 6, 5, 11] },
        { ...THEMES[1]!, counts: [6, 5, 7, 6, 9] },
        { ...THEMES[2]!, counts: [3, 2, 3, 2, 4] },
        { ...THEMES[3]!, counts: [0, 0, 0, 0, 0] },
      ],
      bySource: [
        { ...SOURCES[0]!, counts: [4, 3, 5, 4, 10] },
        { ...SOURCES[1]!, counts: [7, 6, 8, 7, 9] },
        { ...SOURCES[2]!, counts: [3, 2, 3, 2, 5] },
      ],
    },
    signals: [
      signal('theme:communication', 'Cases about communication', [3, 4, 2, 5, 3, 4], 'decrease'),
      { ...signal('delay:report-breach', 'Reports later than expected', [20, 25, 18, 22, 27, 21], 'decrease'), status: 'continues' },
    ],
    recurrences: {
      repeats: [{ ref: 'CB-2026-0107', title: 'Wrong side marker on knee radiograph', repeats: ['CB-2025-0412', 'CB-2026-0033'] }],
      recurringFactors: [
        { code: 'handover', label: 'Handover between shifts', quarters: [addQuarters(FAKE_QUARTER, -2), FAKE_QUARTER], counts: [0, 2, 0, 3] },
        { code: 'protocol', label: 'Protocol not followed', quarters: [addQuarters(FAKE_QUARTER, -3), addQuarters(FAKE_QUARTER, -1)], counts: [1, 0, 2, 0] },
      ],
      clusters: [
        {
          refs: [
            { ref: 'CB-2026-0101', title: 'Contrast reaction not documented', department: 'CT' },
            { ref: 'CB-2026-0118', title: 'Contrast allergy missed at vetting', department: 'MRI' },
          ],
          departments: ['CT', 'MRI'],
          terms: ['contrast', 'allergy'],
        },
      ],
    },
    triangulation: {
      themeBySource: matrix(THEMES, SOURCES, [
        [6, 3, 2],
        [2, 4, 3],
        [2, 2, 0],
        [0, 0, 0],
      ]),
      themeByDepartment: matrix(THEMES, DEPARTMENTS, [
        [5, 4, 1, 1],
        [3, 4, 1, 1],
        [2, 1, 1, 0],
        [0, 0, 0, 0],
      ]),
    },
    delays: {
      intervals: [
        { from: 'Referral', to: 'Scan', measured: 22, breached: 5, share: 22.7, median: 9 },
        { from: 'Scan', to: 'Report', measured: 21, breached: 7, share: 33.3, median: 3 },
        { from: 'Report', to: 'Acted on', measured: 4, breached: 0, share: 0, median: null },
      ],
      worst: [
        { ref: 'CB-2026-0112', title: 'Urgent CT chest reported after 19 days', interval: 'Scan to Report', days: 19, maxDays: 2, overBy: 17 },
        { ref: 'CB-2026-0120', title: 'MRI spine waited six weeks', interval: 'Referral to Scan', days: 44, maxDays: 28, overBy: 16 },
      ],
    },
    actions: (() => {
      const overdue = action({ id: 11, description: 'Audit laterality markers in plain film', dueDate: '2026-06-30', overdue: true, fromReview: true });
      const open = action({ id: 12, description: 'Add contrast allergy question to the vetting form', caseRef: 'CB-2026-0101' });
      return {
        open: [open, overdue],
        overdue: [overdue],
        doneSinceLast: [action({ id: 9, description: 'Brief reporters on the urgent report pathway', status: 'done', evidence: 'Slides and attendance list from the 12 July teaching session', fromReview: true })],
      };
    })(),
    cases: [
      { ref: 'CB-2026-0101', title: 'Contrast reaction not documented', department: 'CT', source: 'Incident', harm: 'Low harm', themes: ['communication'] },
      { ref: 'CB-2026-0107', title: 'Wrong side marker on knee radiograph', department: 'CT', source: 'Incident', harm: 'No harm', themes: ['reporting_discrepancy'] },
      { ref: 'CB-2026-0112', title: 'Urgent CT chest reported after 19 days', department: 'CT', source: 'Complaint', harm: 'Moderate harm', themes: ['delay', 'communication'] },
      { ref: 'CB-2026-0118', title: 'Contrast allergy missed at vetting', department: 'MRI', source: 'Learning meeting', harm: 'No harm', themes: ['communication'] },
    ],
  };
}

type Overrides = Partial<Omit<ReviewSnapshot, 'pack'>> & { pack?: Partial<ReviewPack> };

/**
 * A signed-off review of 2026 Q3 for CT and MRI with every section filled in. Overrides replace top-level
 * fields; `pack` is merged one level deep, so `{ pack: { signals: [] } }` empties just that section.
 */
export function fakeSnapshot(overrides: Overrides = {}): ReviewSnapshot {
  const { pack: packOverrides, ...rest } = overrides;
  return {
    review: { id: 7, quarter: FAKE_QUARTER, scope: 'ct,mri', versionNo: 1, correctsId: null, correctionReason: null },
    pack: { ...pack(), ...packOverrides },
    findings: {
      summary: 'Complaints about communication doubled against the previous four quarters.',
      signals: 'The rise in communication cases starts this quarter; report delays continue.',
      recurrences: 'Laterality marker errors recur; the contrast allergy cluster spans CT and MRI.',
      triangulation: 'Complaints and incidents point at the same communication gaps.',
      delays: 'Scan to report breaches are concentrated in urgent CT.',
      actions: 'The laterality audit is overdue and carried forward.',
      cases: 'All four cases were discussed.',
      overall: 'Communication at vetting and reporting is the quarter’s main learning.',
    },
    attendance: [
      { role: 'Clinical directors', count: 1 },
      { role: 'Consultant radiologists', count: 6 },
      { role: 'Reporting radiographers', count: 4 },
      { role: 'Patient safety team', count: 2 },
      { role: 'Other', count: 0 },
    ],
    discussions: {
      'CB-2026-0101': { discussed: true, note: 'Reaction recorded on paper only; move to the RIS form.' },
      'CB-2026-0107': { discussed: true, note: 'Second repeat this year.' },
      'CB-2026-0112': { discussed: true, note: '' },
      'CB-2026-0118': { discussed: false, note: '' },
    },
    agreedActions: [action({ id: 21, description: 'Share the contrast allergy learning with all vetting radiographers', owner: 'clinical_director', dueDate: '2026-11-30' })],
    signedOff: { by: 'director@casebook.test', at: '2026-10-14T15:30:00.000Z' },
    ...rest,
  };
}
