import type { XmrPoint } from '../domain/spc.ts';

/** Counts for the quarter and the four before it, oldest first (index 4 is the review's quarter). */
export type QuarterCounts = { code: string; label: string; counts: number[] };

export type SignalView = {
  measure: string;
  label: string;
  reading: string;
  /** 'starts' when the signal's first special-cause period falls in the quarter, else 'continues'. */
  status: 'starts' | 'continues';
  improvement: 'increase' | 'decrease' | 'neutral';
  points: XmrPoint[];
};

export type Matrix = { rows: { code: string; label: string }[]; cols: { code: string; label: string }[]; counts: number[][]; hrefs: string[][] };

export type ActionLine = { id: number; description: string; owner: string; dueDate: string; status: 'open' | 'done' | 'dropped'; overdue: boolean; evidence: string | null; caseRef: string | null; fromReview: boolean };

/** Everything a review shows, assembled from the data; frozen into the snapshot at sign-off. */
export type ReviewPack = {
  quarter: string;
  quarters: string[];
  scope: { departments: string[]; label: string };
  summary: { total: number[]; byTheme: QuarterCounts[]; bySource: QuarterCounts[] };
  signals: SignalView[];
  recurrences: {
    repeats: { ref: string; title: string; repeats: string[] }[];
    recurringFactors: { code: string; label: string; quarters: string[]; counts: number[] }[];
    clusters: { refs: { ref: string; title: string; department: string }[]; departments: string[]; terms: string[] }[];
  };
  triangulation: { themeBySource: Matrix; themeByDepartment: Matrix };
  delays: {
    intervals: { from: string; to: string; measured: number; breached: number; share: number; median: number | null }[];
    worst: { ref: string; title: string; interval: string; days: number; maxDays: number; overBy: number }[];
  };
  actions: { open: ActionLine[]; overdue: ActionLine[]; doneSinceLast: ActionLine[] };
  cases: { ref: string; title: string; department: string; source: string; harm: string; themes: string[] }[];
};

export const SECTIONS = ['summary', 'signals', 'recurrences', 'triangulation', 'delays', 'actions', 'cases'] as const;
export type Section = (typeof SECTIONS)[number];

export const SECTION_TITLES: Record<Section, string> = {
  summary: '1. Summary',
  signals: '2. Signals',
  recurrences: '3. Recurrences',
  triangulation: '4. Triangulation',
  delays: '5. Delays',
  actions: '6. Actions',
  cases: '7. Cases',
};

export type Findings = Partial<Record<Section | 'overall', string>>;
export type Attendance = { role: string; count: number }[];
export type Discussions = Record<string, { discussed: boolean; note: string }>;

/** What sign-off freezes and hashes: the pack, the words, who attended, what was agreed. */
export type ReviewSnapshot = {
  review: { id: number; quarter: string; scope: string; versionNo: number; correctsId: number | null; correctionReason: string | null };
  pack: ReviewPack;
  findings: Findings;
  attendance: Attendance;
  discussions: Discussions;
  agreedActions: ActionLine[];
  signedOff: { by: string; at: string };
};
