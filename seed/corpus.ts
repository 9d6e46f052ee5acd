/**
 * Deterministic demo corpus: anonymised imaging cases tagged against the PHSO themes, with patterns
 * built in for a clinical director to find (a delay step at one department, a recurring follow-up
 * failure, linked repeats) and a vocabulary rich enough for the search benchmark. The caller passes
 * `endMonth` so the output never depends on the clock; the same seed always gives the same cases.
 */
import { type Journey, type Rng, SCENARIOS, type Scenario, writeCase } from './corpus-text.ts';
import { DEMO_DEPARTMENTS, TIMEFRAMES } from './reference/2026-11-23.ts';

export const DEMO_CORPUS_SIZE = 400;

export type DemoCase = {
  key: string;
  title: string;
  narrative: string;
  learning?: string;
  source: string;
  department: string;
  modality: string;
  bodyArea?: string;
  setting: string;
  urgency?: string;
  alertCategory?: string;
  harm: string;
  ageBand?: string;
  eventMonth: string;
  themes: { theme: string; factors: string[] }[];
  journey?: Journey;
  repeatsKeys?: string[];
  status: 'draft' | 'submitted' | 'closed';
};

export type CorpusOptions = { size: number; seed?: number; endMonth: string; months?: number };

/** mulberry32: tiny, fast and good enough for demo data; Math.random cannot be seeded. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

/** Picks a key from a weight table; tables are tiny, so a linear scan is fastest. */
function weighted<K extends string>(r: Rng, table: Record<K, number>): K {
  let total = 0;
  for (const k in table) total += table[k];
  let u = r() * total;
  for (const k in table) if ((u -= table[k]) < 0) return k;
  return Object.keys(table)[0] as K;
}

/** Earlier entries are more common (weight 1/(rank+1)). */
function zipfPick<T>(r: Rng, xs: readonly T[]): T {
  let total = 0;
  for (let i = 0; i < xs.length; i++) total += 1 / (i + 1);
  let u = r() * total;
  for (let i = 0; i < xs.length; i++) if ((u -= 1 / (i + 1)) < 0) return xs[i]!;
  return xs[xs.length - 1]!;
}

/**
 * Draws from shuffled blocks with exact proportions, so that theme counts per month track the
 * intended rates closely even at 400 cases; independent draws would bury the built-in step in noise.
 */
class Deck<K extends string> {
  private cards: K[] = [];
  constructor(private readonly r: Rng, private readonly block: Record<K, number>) {}
  draw(): K {
    if (this.cards.length === 0) {
      for (const k in this.block) for (let i = 0; i < this.block[k]; i++) this.cards.push(k);
      for (let i = this.cards.length - 1; i > 0; i--) {
        const j = Math.floor(this.r() * (i + 1));
        [this.cards[i], this.cards[j]] = [this.cards[j]!, this.cards[i]!];
      }
    }
    return this.cards.pop()!;
  }
}

type ThemeCode = 'T1' | 'T2' | 'T3' | 'T4';
// Normal mix per block of 25; the step block adds one T3 case for every five normal ones, which
// doubles the T3 rate per month while other themes stay where they were.
const NORMAL_BLOCK: Record<ThemeCode, number> = { T1: 9, T2: 9, T3: 5, T4: 2 };
const STEP_BLOCK: Record<ThemeCode, number> = { T1: 9, T2: 9, T3: 10, T4: 2 };
const STEP_MONTHS = 14;
const STEP_DEPARTMENT = 'north';

const FACTOR_WEIGHTS: Record<ThemeCode, Record<string, number>> = {
  T1: { 'T1.06': 25, 'T1.01': 20, 'T1.07': 10, 'T1.03': 10, 'T1.04': 10, 'T1.08': 10, 'T1.02': 8, 'T1.05': 7 },
  T2: { 'T2.03': 30, 'T2.01': 15, 'T2.02': 15, 'T2.08': 10, 'T2.05': 10, 'T2.04': 8, 'T2.07': 7, 'T2.06': 5 },
  T3: { 'T3.03': 30, 'T3.04': 20, 'T3.05': 12, 'T3.02': 12, 'T3.01': 8, 'T3.06': 7, 'T3.08': 6, 'T3.07': 5 },
  T4: { 'T4.02': 30, 'T4.05': 25, 'T4.03': 20, 'T4.06': 15, 'T4.04': 10 },
};

const SECOND_T1: Record<string, number> = { 'T1.02': 3, 'T1.04': 3, 'T1.05': 2, 'T1.08': 2 };

// Sources depend on the failure: discrepancy meetings see missed findings, not backlogs.
const SOURCE_WEIGHTS: Record<ThemeCode, Record<string, number>> = {
  T1: { incident: 30, local_complaint: 18, real: 40, phso: 6, hssib_coroner_claim: 4, other: 2 },
  T2: { incident: 50, local_complaint: 28, real: 5, phso: 9, hssib_coroner_claim: 5, other: 3 },
  T3: { incident: 60, local_complaint: 30, phso: 4, hssib_coroner_claim: 2, other: 4 },
  T4: { incident: 40, local_complaint: 25, real: 10, phso: 15, hssib_coroner_claim: 7, other: 3 },
};

// Cases that reach the Ombudsman or a coroner are the ones where serious harm followed.
const HARM_WEIGHTS: Record<string, Record<string, number>> = {
  default: { no: 38, low: 36, moderate: 19, severe: 5, fatal: 2 },
  real: { no: 55, low: 30, moderate: 12, severe: 3, fatal: 0 },
  phso: { no: 5, low: 15, moderate: 40, severe: 25, fatal: 15 },
  hssib_coroner_claim: { no: 5, low: 10, moderate: 35, severe: 28, fatal: 22 },
};

const URGENCY_WEIGHTS: Record<string, Record<string, number>> = {
  ed: { urgent: 1 },
  inpatient: { inpatient: 1 },
  gp: { routine: 60, urgent: 15, cancer_2ww: 25 },
  outpatient: { routine: 55, urgent: 20, cancer_2ww: 25 },
  screening: { routine: 1 },
};

const DEPARTMENT_WEIGHTS: Record<string, number> = { north: 1.1, south: 0.8, east: 1.0, west: 1.1 };
const NO_ALERT = new Set(['T1.01', 'T1.06', 'T1.07']);
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The `months` months ending at endMonth, oldest first. */
export function monthWindow(endMonth: string, months: number): string[] {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(endMonth);
  if (!m) throw new Error(`endMonth must be YYYY-MM, got ${endMonth}`);
  const end = Number(m[1]) * 12 + Number(m[2]) - 1;
  const out: string[] = [];
  for (let i = end - months + 1; i <= end; i++) out.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  return out;
}

type Draft = {
  month: number;
  department: string;
  theme: ThemeCode;
  factor: string;
  step: boolean;
  repeats?: number[];
};

/** Cases per (month, department), summing exactly to size by largest remainder. */
function allocate(r: Rng, months: string[], size: number): number[][] {
  const weights = months.map((ym, i) =>
    DEMO_DEPARTMENTS.map((d) => {
      const winter = [12, 1, 2].includes(Number(ym.slice(5))) ? 1.12 : 1;
      const step = d.code === STEP_DEPARTMENT && i >= months.length - STEP_MONTHS ? 1.2 : 1;
      // Month-to-month noise so SPC charts show ordinary variation rather than flat lines.
      return (DEPARTMENT_WEIGHTS[d.code] ?? 1) * winter * step * (0.8 + 0.4 * r());
    }),
  );
  const total = weights.flat().reduce((a, b) => a + b, 0);
  const exact = weights.map((row) => row.map((w) => (w / total) * size));
  const counts = exact.map((row) => row.map(Math.floor));
  let missing = size - counts.flat().reduce((a, b) => a + b, 0);
  const order = exact.flatMap((row, i) => row.map((e, j) => ({ i, j, rem: e - Math.floor(e) }))).sort((a, b) => b.rem - a.rem || a.i - b.i || a.j - b.j);
  for (const { i, j } of order) {
    if (missing-- <= 0) break;
    counts[i]![j]!++;
  }
  return counts;
}

/**
 * The recurring follow-up failure must show in every quarter: where a department's quarter has
 * none by chance, one of its cases (never a delay case, which carries the step) becomes T2.03.
 */
function ensureFollowUpRecurrence(drafts: Draft[], months: string[]): void {
  const groups = new Map<string, Draft[]>();
  for (const d of drafts) {
    const ym = months[d.month]!;
    const key = `${d.department}|${ym.slice(0, 4)}Q${Math.ceil(Number(ym.slice(5)) / 3)}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(d);
  }
  for (const g of groups.values()) {
    if (g.some((d) => d.factor === 'T2.03')) continue;
    const target = g.find((d) => d.theme === 'T2') ?? g.find((d) => d.theme !== 'T3');
    if (target) Object.assign(target, { theme: 'T2', factor: 'T2.03' });
  }
}

/** Links about one case in twenty to earlier cases with the same department and factor. */
function linkRepeats(r: Rng, drafts: Draft[]): void {
  const earlier = new Map<string, number[]>();
  let pending: [string, number][] = [];
  let month = -1;
  drafts.forEach((d, i) => {
    if (d.month !== month) {
      // Only cases from earlier months can be repeated: add the previous month's cases now.
      for (const [k, idx] of pending) {
        let list = earlier.get(k);
        if (!list) earlier.set(k, (list = []));
        list.push(idx);
      }
      pending = [];
      month = d.month;
    }
    const key = `${d.department}|${d.factor}`;
    const list = earlier.get(key);
    if (list && list.length > 0 && r() < 0.075) d.repeats = list.length > 1 && r() < 0.2 ? list.slice(-2) : list.slice(-1);
    pending.push([key, i]);
  });
}

const limitDays = (urgency: string, from: string, to: string) =>
  TIMEFRAMES.find((t) => t.urgency === urgency && t.fromStage === from && t.toStage === to)?.maxDays ?? 28;

function journeyFor(r: Rng, setting: string, urgency: string, factors: string[], alertRaised: boolean, outsourcedStep: boolean): Journey {
  const f = factors[0]!;
  const fast = setting === 'ed' || urgency === 'inpatient';
  let vetting: number | undefined = setting === 'screening' ? undefined : fast ? 0 : urgency === 'routine' ? int(r, 1, 7) : int(r, 0, 2);
  if (f === 'T3.01') vetting = int(r, 12, 45);
  if (f === 'T3.07') vetting = int(r, 20, 80);
  const v = vetting ?? 0;
  let scan = v + (fast ? int(r, 0, 1) : urgency === 'routine' ? int(r, 7, 38) : urgency === 'cancer_2ww' ? int(r, 2, 12) : int(r, 1, 10));
  if (f === 'T3.02') scan = v + int(r, 45, 110);
  if (f === 'T3.08') scan = v + int(r, 25, 70);
  let reportGap = fast ? int(r, 0, 1) : urgency === 'routine' ? int(r, 1, 14) : int(r, 0, 3);
  // A reporting delay is one that breaches the expected scan-to-report timeframe for the urgency.
  const limit = limitDays(urgency, 'scan', 'report');
  if (f === 'T3.03') reportGap = limit + int(r, 5, 45);
  if (f === 'T3.04') reportGap = limit + (outsourcedStep ? int(r, 10, 45) : int(r, 6, 35));
  if (f === 'T3.05') reportGap = limit + int(r, 4, 25);
  if (f === 'T3.06') reportGap = limit + int(r, 3, 20);
  const report = scan + reportGap;
  const j: Journey = { request: 0, ...(vetting !== undefined && { vetting }), scan, report };
  if (!alertRaised) {
    // Found later: the action is the day someone finally acted on the finding.
    if (f.startsWith('T1') && r() < 0.7) j.action = report + int(r, 45, 540);
    else if (!f.startsWith('T1')) j.action = report + int(r, 1, 21);
    return j;
  }
  j.alert = report + int(r, 0, 1);
  if (f === 'T2.01' || f === 'T1.05' || f === 'T2.06') {
    if (r() < 0.6) j.action = j.alert + int(r, 40, 400);
    return j;
  }
  j.acknowledgement = j.alert + int(r, 0, 4);
  const late = f.startsWith('T2') || f.startsWith('T1') || factors.some((c) => c.startsWith('T2'));
  if (late) {
    if (!(f === 'T2.03' && r() < 0.4)) j.action = j.acknowledgement + int(r, 60, 540);
  } else j.action = j.acknowledgement + int(r, 1, 14);
  return j;
}

function statusFor(r: Rng, age: number): DemoCase['status'] {
  const u = r();
  if (age <= 2) return u < 0.5 ? 'draft' : 'submitted';
  if (age <= 5) return u < 0.08 ? 'draft' : u < 0.4 ? 'closed' : 'submitted';
  if (age <= 8) return u < 0.55 ? 'closed' : 'submitted';
  return u < 0.9 ? 'closed' : 'submitted';
}

export function generateCorpus(opts: CorpusOptions): DemoCase[] {
  const months = monthWindow(opts.endMonth, opts.months ?? 36);
  const r = mulberry32(opts.seed ?? 1);
  const counts = allocate(r, months, Math.max(0, Math.floor(opts.size)));

  const decks = new Map(DEMO_DEPARTMENTS.map((d) => [d.code, { normal: new Deck(r, NORMAL_BLOCK), step: new Deck(r, STEP_BLOCK) }]));
  const drafts: Draft[] = [];
  counts.forEach((row, month) =>
    row.forEach((n, di) => {
      const department = DEMO_DEPARTMENTS[di]!.code;
      const step = department === STEP_DEPARTMENT && month >= months.length - STEP_MONTHS;
      const deck = step ? decks.get(department)!.step : decks.get(department)!.normal;
      for (let k = 0; k < n; k++) {
        const theme = deck.draw();
        // The step is outsourced reporting: the extra delay cases are mostly outsourcing delays.
        const factor = step && theme === 'T3' && r() < 0.6 ? 'T3.04' : weighted(r, FACTOR_WEIGHTS[theme]);
        drafts.push({ month, department, theme, factor, step });
      }
    }),
  );
  ensureFollowUpRecurrence(drafts, months);
  linkRepeats(r, drafts);

  const width = Math.max(4, String(drafts.length).length);
  const keyOf = (i: number) => `demo-${String(i + 1).padStart(width, '0')}`;
  return drafts.map((d, i) => buildCase(r, d, i, keyOf, months, d.repeats ? d.month - drafts[d.repeats.at(-1)!]!.month : undefined));
}

function buildCase(r: Rng, d: Draft, i: number, keyOf: (i: number) => string, months: string[], repeatMonths?: number): DemoCase {
  // A T4 case is about a failure that was not learnt from, so it also carries the failure itself.
  const base: ThemeCode = d.theme === 'T4' ? (r() < 0.5 ? 'T1' : 'T2') : d.theme;
  const factors = d.theme === 'T4' ? [weighted(r, FACTOR_WEIGHTS[base]), d.factor] : [d.factor];
  const source = weighted(r, SOURCE_WEIGHTS[d.theme]);
  // Second failures that fit the first: a missed finding was never there to act on, and a report
  // that was acted on late cannot also have been missed.
  if (base === 'T1' && factors[0] !== 'T1.06' && r() < 0.22) factors.push(weighted(r, FACTOR_WEIGHTS.T2));
  else if (base === 'T2' && r() < 0.18) factors.push(weighted(r, SECOND_T1));
  else if (base === 'T3' && r() < 0.12) factors.push(weighted(r, FACTOR_WEIGHTS.T2));
  if (source === 'phso' && !factors.includes('T4.05') && r() < 0.4) factors.push('T4.05');
  if (d.repeats) factors.push('T4.01');

  const scenario: Scenario = source === 'real' ? zipfPick(r, SCENARIOS.filter((s) => s.modality !== 'ir')) : zipfPick(r, SCENARIOS);
  const finding = zipfPick(r, scenario.findings);
  const setting = zipfPick(r, scenario.settings);
  const requested = weighted(r, URGENCY_WEIGHTS[setting]!);
  // "Urgency not recognised" needs a request that was urgent in the first place.
  const urgency = requested === 'routine' && factors.includes('T3.08') ? 'urgent' : requested;
  const ageBand = zipfPick(r, scenario.ages);
  const harm = weighted(r, HARM_WEIGHTS[source] ?? HARM_WEIGHTS.default!);
  const f0 = factors[0]!;
  const alertRaised = !NO_ALERT.has(f0) && !(base === 'T3' && r() < 0.5);
  const alertCategory = !alertRaised ? (base === 'T3' ? undefined : 'none') : f0 === 'T1.02' ? (finding.alert === 'significant' ? 'none' : 'significant') : finding.alert;
  const outsourced = f0 === 'T3.04' || (d.step && base === 'T3');
  // Delay cases always carry the journey that shows the delay; elsewhere it is sometimes unknown.
  const journey = base === 'T3' || r() < 0.9 ? journeyFor(r, setting, urgency, factors, alertRaised, d.step) : undefined;
  const eventMonth = months[d.month]!;
  // The meeting is named by the event month itself, so no text points past endMonth.
  const meeting = Number(eventMonth.slice(5)) - 1;
  const text = writeCase(
    {
      scenario,
      finding,
      exam: scenario.exams.pick(r),
      factors,
      source,
      harm,
      ageBand,
      setting,
      urgency,
      alertCategory: alertCategory ?? 'none',
      journey,
      outsourced,
      repeatMonths,
      meetingMonth: `${MONTH_NAMES[meeting]} ${eventMonth.slice(0, 4)}`,
    },
    r,
  );

  const themes: DemoCase['themes'] = [];
  for (const f of factors) {
    const t = themes.find((x) => x.theme === f.slice(0, 2));
    if (t) {
      if (!t.factors.includes(f)) t.factors.push(f);
    } else themes.push({ theme: f.slice(0, 2), factors: [f] });
  }
  return {
    key: keyOf(i),
    title: text.title,
    narrative: text.narrative,
    learning: text.learning,
    source,
    department: d.department,
    modality: scenario.modality,
    bodyArea: scenario.bodyArea,
    setting,
    urgency,
    ...(alertCategory !== undefined && { alertCategory }),
    harm,
    ageBand,
    eventMonth,
    themes,
    ...(journey && { journey }),
    ...(d.repeats && { repeatsKeys: d.repeats.map(keyOf) }),
    status: statusFor(r, months.length - 1 - d.month),
  };
}
