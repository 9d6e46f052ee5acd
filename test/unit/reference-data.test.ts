import { describe, expect, it } from 'vitest';
import * as ref from '../../seed/reference/2026-11-23.ts';

describe('reference data', () => {
  it('has the four PHSO themes, each with 6 to 10 factors coded Tn.NN', () => {
    expect(ref.THEMES.map((t) => t.code)).toEqual(['T1', 'T2', 'T3', 'T4']);
    for (const t of ref.THEMES) {
      expect(t.factors.length).toBeGreaterThanOrEqual(6);
      expect(t.factors.length).toBeLessThanOrEqual(10);
      t.factors.forEach((f, i) => expect(f.code).toBe(`${t.code}.${String(i + 1).padStart(2, '0')}`));
    }
  });

  it('uses unique codes and non-empty labels in every list', () => {
    const lists = [ref.SOURCES, ref.MODALITIES, ref.BODY_AREAS, ref.SETTINGS, ref.URGENCIES, ref.ALERT_CATEGORIES, ref.HARMS, ref.AGE_BANDS, ref.JOURNEY_STAGES, ref.DEMO_DEPARTMENTS];
    for (const list of lists) {
      expect(new Set(list.map((t) => t.code)).size).toBe(list.length);
      for (const t of list) expect(t.label.trim()).not.toBe('');
    }
  });

  it('gives each urgency and interval one timeframe, between stages in journey order, with its source', () => {
    const stages = ref.JOURNEY_STAGES.map((s) => s.code);
    const urgencies = ref.URGENCIES.map((u) => u.code);
    const keys = ref.TIMEFRAMES.map((t) => `${t.urgency}:${t.fromStage}:${t.toStage}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const t of ref.TIMEFRAMES) {
      expect(urgencies).toContain(t.urgency);
      expect(stages.indexOf(t.fromStage)).toBeLessThan(stages.indexOf(t.toStage));
      expect(t.maxDays).toBeGreaterThan(0);
      expect(t.source).not.toBe('');
    }
    expect(ref.TIMEFRAMES.find((t) => t.urgency === 'routine' && t.fromStage === 'scan' && t.toStage === 'report')).toMatchObject({ maxDays: 28, local: false });
  });
});
