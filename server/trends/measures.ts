import type { Vocabularies } from '../vocabularies/service.ts';

export type Improvement = 'increase' | 'decrease' | 'neutral';

/**
 * What a chart counts. Counts of cases are failures, so fewer is better; the delay measures are
 * better lower too. `where` says which cases a count measure counts.
 */
export type Measure = {
  key: string;
  label: string;
  kind: 'count' | 'share' | 'median';
  improvement: Improvement;
  yLabel: string;
  where?: { column: 'theme' | 'factor' | 'source' | 'department' | 'modality'; value: string } | { harmAtLeastModerate: true };
};

export const SERIOUS_HARMS = ['moderate', 'severe', 'fatal'] as const;

const count = (key: string, label: string, where?: Measure['where']): Measure => ({ key, label, kind: 'count', improvement: 'decrease', yLabel: 'Cases', ...(where ? { where } : {}) });

/** Every measure a chart can show, grouped as the chooser lists them. */
export function measureGroups(v: Vocabularies): { heading: string; measures: Measure[] }[] {
  const current = <T extends { retired?: boolean }>(xs: T[]) => xs.filter((x) => !x.retired);
  return [
    { heading: 'All cases', measures: [count('all', 'All cases'), count('harm:moderate-plus', 'Cases with moderate harm or worse', { harmAtLeastModerate: true })] },
    { heading: 'Themes', measures: v.themes.map((t) => count(`theme:${t.code}`, `${t.code} ${t.label}`, { column: 'theme', value: t.code })) },
    {
      heading: 'Contributory factors',
      measures: v.themes.flatMap((t) => current(t.factors).map((f) => count(`factor:${f.code}`, `${f.code} ${f.label}`, { column: 'factor', value: f.code }))),
    },
    { heading: 'Sources', measures: current(v.sources).map((s) => count(`source:${s.code}`, s.label, { column: 'source', value: s.code })) },
    { heading: 'Departments', measures: current(v.departments).map((d) => count(`department:${d.code}`, d.label, { column: 'department', value: d.code })) },
    { heading: 'Modalities', measures: current(v.modalities).map((m) => count(`modality:${m.code}`, m.label, { column: 'modality', value: m.code })) },
    {
      heading: 'Delays',
      measures: [
        { key: 'delay:report-breach', label: 'Cases whose report breached its expected timeframe', kind: 'share', improvement: 'decrease', yLabel: 'Per cent of cases with a recorded report interval' },
        { key: 'delay:report-median', label: 'Median days from request to report', kind: 'median', improvement: 'decrease', yLabel: 'Days' },
      ],
    },
  ];
}

export function measureFor(key: string, v: Vocabularies): Measure | undefined {
  for (const g of measureGroups(v)) {
    const found = g.measures.find((m) => m.key === key);
    if (found) return found;
  }
  // A retired factor or term still has a history worth charting.
  const [kind, code] = key.split(':');
  if (kind === 'factor' && code && v.themes.some((t) => t.factors.some((f) => f.code === code))) return count(key, code, { column: 'factor', value: code });
  return undefined;
}
