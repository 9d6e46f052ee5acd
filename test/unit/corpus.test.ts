import { describe, expect, it } from 'vitest';
import { DEMO_CORPUS_SIZE, type DemoCase, generateCorpus, monthWindow } from '../../seed/corpus.ts';
import * as ref from '../../seed/reference/2026-11-23.ts';
import { findIdentifiers } from '../../server/domain/identifiers.ts';

const END = '2026-10';
const demo = generateCorpus({ size: DEMO_CORPUS_SIZE, seed: 1, endMonth: END });
const codes = (list: { code: string }[]) => new Set(list.map((t) => t.code));
const STAGES = ref.JOURNEY_STAGES.map((s) => s.code) as (keyof NonNullable<DemoCase['journey']>)[];
const themesOf = (c: DemoCase) => c.themes.map((t) => t.theme);
const factorsOf = (c: DemoCase) => c.themes.flatMap((t) => t.factors);
const tally = (xs: string[]) => Object.fromEntries([...new Set(xs)].sort().map((k) => [k, xs.filter((x) => x === k).length]));

describe('demo corpus', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateCorpus({ size: 300, seed: 7, endMonth: END })).toEqual(generateCorpus({ size: 300, seed: 7, endMonth: END }));
    expect(generateCorpus({ size: 300, seed: 8, endMonth: END })).not.toEqual(generateCorpus({ size: 300, seed: 7, endMonth: END }));
  });

  it('has the requested size, unique keys, and is sorted by event month then key', () => {
    expect(DEMO_CORPUS_SIZE).toBe(400);
    expect(demo).toHaveLength(400);
    expect(generateCorpus({ size: 1234, endMonth: END })).toHaveLength(1234);
    expect(new Set(demo.map((c) => c.key)).size).toBe(400);
    const sorted = [...demo].sort((a, b) => a.eventMonth.localeCompare(b.eventMonth) || a.key.localeCompare(b.key));
    expect(demo.map((c) => c.key)).toEqual(sorted.map((c) => c.key));
    expect(demo[0]!.key).toBe('demo-0001');
  });

  it('uses only codes from the reference data', () => {
    const factorCodes = new Map(ref.THEMES.map((t) => [t.code, new Set(t.factors.map((f) => f.code))]));
    for (const c of demo) {
      expect(codes(ref.SOURCES)).toContain(c.source);
      expect(codes(ref.DEMO_DEPARTMENTS)).toContain(c.department);
      expect(codes(ref.MODALITIES)).toContain(c.modality);
      expect(codes(ref.SETTINGS)).toContain(c.setting);
      expect(codes(ref.HARMS)).toContain(c.harm);
      if (c.bodyArea !== undefined) expect(codes(ref.BODY_AREAS)).toContain(c.bodyArea);
      if (c.urgency !== undefined) expect(codes(ref.URGENCIES)).toContain(c.urgency);
      if (c.alertCategory !== undefined) expect(codes(ref.ALERT_CATEGORIES)).toContain(c.alertCategory);
      if (c.ageBand !== undefined) expect(codes(ref.AGE_BANDS)).toContain(c.ageBand);
      expect(['draft', 'submitted', 'closed']).toContain(c.status);
      expect(c.themes.length).toBeGreaterThan(0);
      expect(new Set(themesOf(c)).size).toBe(c.themes.length);
      for (const t of c.themes) {
        expect(t.factors.length).toBeGreaterThan(0);
        for (const f of t.factors) expect(factorCodes.get(t.theme)).toContain(f);
      }
      expect(c.title.length).toBeLessThanOrEqual(120);
      expect(c.learning!.split(/\.(?: |$)/).filter(Boolean).length).toBeLessThanOrEqual(3);
    }
  });

  it('gives journeys in whole days from request 0, non-decreasing in stage order', () => {
    const withJourney = demo.filter((c) => c.journey);
    expect(withJourney.length).toBeGreaterThan(300);
    for (const { journey } of withJourney) {
      expect(journey!.request).toBe(0);
      expect(Object.keys(journey!).every((k) => STAGES.includes(k as (typeof STAGES)[number]))).toBe(true);
      const values = STAGES.map((s) => journey![s]).filter((v): v is number => v !== undefined);
      for (const v of values) expect(Number.isInteger(v)).toBe(true);
      for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]!);
    }
  });

  it('keeps event months inside the window and never after endMonth', () => {
    const window = monthWindow(END, 36);
    expect(window[0]).toBe('2023-11');
    expect(window.at(-1)).toBe(END);
    for (const c of demo) expect(window).toContain(c.eventMonth);
    const short = generateCorpus({ size: 100, endMonth: '2025-01', months: 6 });
    for (const c of short) expect(c.eventMonth >= '2024-08' && c.eventMonth <= '2025-01').toBe(true);
  });

  it('links repeats only to earlier cases with the same department and factor, tagged T4.01', () => {
    const byKey = new Map(demo.map((c) => [c.key, c]));
    const repeats = demo.filter((c) => c.repeatsKeys);
    expect(repeats.length / demo.length).toBeGreaterThan(0.025);
    expect(repeats.length / demo.length).toBeLessThan(0.09);
    for (const c of repeats) {
      expect(factorsOf(c)).toContain('T4.01');
      for (const k of c.repeatsKeys!) {
        const earlier = byKey.get(k)!;
        expect(earlier.key < c.key).toBe(true);
        expect(earlier.eventMonth < c.eventMonth).toBe(true);
        expect(earlier.department).toBe(c.department);
        expect(factorsOf(c).some((f) => f !== 'T4.01' && factorsOf(earlier).includes(f))).toBe(true);
      }
    }
    expect(demo.filter((c) => factorsOf(c).includes('T4.01') && !c.repeatsKeys)).toEqual([]);
  });

  it('steps up T3 (delay) cases at north for the last 14 months, with long scan-to-report intervals', () => {
    const window = monthWindow(END, 36);
    const t3 = (m: string) => demo.filter((c) => c.department === 'north' && c.eventMonth === m && themesOf(c).includes('T3')).length;
    const mean = (ms: string[]) => ms.reduce((a, m) => a + t3(m), 0) / ms.length;
    const ratio = mean(window.slice(-12)) / mean(window.slice(0, 18));
    console.log(`T3 at north: last 12 months ${mean(window.slice(-12)).toFixed(2)}/month, first 18 months ${mean(window.slice(0, 18)).toFixed(2)}/month, ratio ${ratio.toFixed(2)}`);
    expect(ratio).toBeGreaterThanOrEqual(1.6);
    // The other departments have no step.
    for (const d of ['south', 'east', 'west']) {
      const count = (ms: string[]) => demo.filter((c) => c.department === d && ms.includes(c.eventMonth) && themesOf(c).includes('T3')).length / ms.length;
      expect(count(window.slice(-12)) / count(window.slice(0, 18))).toBeLessThan(1.6);
    }
    const stepDelays = demo.filter((c) => c.department === 'north' && c.eventMonth >= window.at(-14)! && factorsOf(c).includes('T3.04'));
    expect(stepDelays.length).toBeGreaterThan(5);
    for (const c of stepDelays) expect(c.journey!.report! - c.journey!.scan!).toBeGreaterThanOrEqual(9);
  });

  it('makes every T3 case a delay: a journey past its timeframe, and the narrative says so', () => {
    const limit = (urgency: string, from: string, to: string) => ref.TIMEFRAMES.find((t) => t.urgency === urgency && t.fromStage === from && t.toStage === to)?.maxDays ?? 28;
    for (const c of demo.filter((c) => themesOf(c).includes('T3'))) {
      const j = c.journey!;
      const u = c.urgency ?? 'routine';
      const late =
        j.report! - j.scan! > limit(u, 'scan', 'report') ||
        (j.vetting ?? 0) > limit(u, 'request', 'vetting') ||
        j.scan! > limit(u, 'request', 'scan');
      expect(late, c.key).toBe(true);
      expect(c.narrative).toMatch(/delay|backlog|waited|late|lost|outsourc|unverified|urgen|outage|postponed|transfer|turnaround|batched|downtime/i);
    }
    const reporting = demo.filter((c) => factorsOf(c).some((f) => ['T3.03', 'T3.04', 'T3.05', 'T3.06'].includes(f)));
    for (const c of reporting) expect(c.journey!.report! - c.journey!.scan!, c.key).toBeGreaterThan(c.urgency === 'routine' ? 6 : 3);
  });

  it('has T2.03 (follow-up not booked) in every quarter, and in at least 2 of every 4 quarters at each department', () => {
    const quarter = (ym: string) => `${ym.slice(0, 4)}Q${Math.ceil(Number(ym.slice(5)) / 3)}`;
    const quarters = [...new Set(monthWindow(END, 36).map(quarter))];
    const has = (q: string, d?: string) => demo.some((c) => quarter(c.eventMonth) === q && (!d || c.department === d) && factorsOf(c).includes('T2.03'));
    for (const q of quarters) expect(has(q), q).toBe(true);
    for (const d of ref.DEMO_DEPARTMENTS.map((x) => x.code)) {
      for (let i = 0; i + 4 <= quarters.length; i++) {
        expect(quarters.slice(i, i + 4).filter((q) => has(q, d)).length, `${d} from ${quarters[i]}`).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('mixes sources, harms and statuses in realistic proportions', () => {
    const sources = tally(demo.map((c) => c.source));
    const harms = tally(demo.map((c) => c.harm));
    const themes = tally(demo.flatMap(themesOf));
    const statuses = tally(demo.map((c) => c.status));
    console.log('size 400 by source', sources, 'harm', harms, 'theme', themes, 'status', statuses, 'repeats', demo.filter((c) => c.repeatsKeys).length);
    const n = (t: Record<string, number>, k: string) => t[k] ?? 0;
    expect(n(sources, 'incident')).toBeGreaterThan(n(sources, 'local_complaint'));
    expect(n(sources, 'local_complaint')).toBeGreaterThan(n(sources, 'real'));
    expect(n(sources, 'real')).toBeGreaterThan(n(sources, 'phso'));
    expect(n(sources, 'phso')).toBeGreaterThan(0);
    expect(n(sources, 'hssib_coroner_claim')).toBeGreaterThan(0);
    expect(n(harms, 'no') + n(harms, 'low')).toBeGreaterThan(demo.length / 2);
    expect(n(harms, 'moderate')).toBeGreaterThan(n(harms, 'severe') + n(harms, 'fatal'));
    expect(n(harms, 'fatal')).toBeGreaterThan(0);
    const big = generateCorpus({ size: 5000, endMonth: END });
    const seriousShare = (src: string) => {
      const xs = big.filter((c) => c.source === src);
      return xs.filter((c) => c.harm === 'severe' || c.harm === 'fatal').length / xs.length;
    };
    expect(seriousShare('phso')).toBeGreaterThan(2 * seriousShare('incident'));
    const drafts = demo.filter((c) => c.status === 'draft');
    expect(drafts.length / demo.length).toBeGreaterThan(0.02);
    expect(drafts.length / demo.length).toBeLessThan(0.09);
    for (const c of drafts) expect(c.eventMonth >= monthWindow(END, 6)[0]!).toBe(true);
    expect(n(statuses, 'closed') + n(statuses, 'submitted')).toBeGreaterThan(0.9 * demo.length);
  });

  it('writes titles, narratives and learning with no identifiers (2,000 cases, seed 1)', () => {
    const cases = generateCorpus({ size: 2000, seed: 1, endMonth: END });
    const found: string[] = [];
    for (const c of cases) {
      for (const [field, text] of [['title', c.title], ['narrative', c.narrative], ['learning', c.learning ?? '']] as const) {
        for (const f of findIdentifiers(text)) found.push(`${c.key} ${field} ${f.kind}: ${text.slice(f.start, f.end)}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('has a rich, Zipf-like vocabulary (20,000 cases)', () => {
    const counts = new Map<string, number>();
    let tokens = 0;
    for (const c of generateCorpus({ size: 20000, seed: 1, endMonth: END })) {
      for (const w of c.narrative.toLowerCase().match(/[a-z\u00e0-\u00ff][a-z\u00e0-\u00ff'-]*/g) ?? []) {
        counts.set(w, (counts.get(w) ?? 0) + 1);
        tokens++;
      }
    }
    const ranked = [...counts.values()].sort((a, b) => b - a);
    console.log(`vocabulary: ${counts.size} distinct words in ${tokens} tokens; top word ${((ranked[0]! / tokens) * 100).toFixed(1)}% of tokens`);
    expect(counts.size).toBeGreaterThanOrEqual(3000);
    expect(ranked[0]! / tokens).toBeLessThan(0.08);
    // Zipf-like: a long tail of rare words, and frequency falling steadily with rank.
    expect(ranked.filter((n) => n < 50).length).toBeGreaterThan(counts.size / 4);
    expect(ranked[9]! / ranked[99]!).toBeGreaterThan(3);
  });

  it('generates 100,000 cases in a few seconds', () => {
    const start = performance.now();
    const cases = generateCorpus({ size: 100_000, seed: 1, endMonth: END });
    const ms = performance.now() - start;
    console.log(`generated ${cases.length} cases in ${ms.toFixed(0)} ms; heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);
    expect(cases).toHaveLength(100_000);
    expect(cases.at(-1)!.key).toBe('demo-100000');
    expect(ms).toBeLessThan(20_000);
  }, 60_000);
});
