import { defaultFormatPeriod, signalLabel } from '../domain/spc.ts';
import { renderXmrSvg } from '../web/charts/xmr-chart.ts';
import { VARIATION_TITLES, variationIconSvg } from '../web/charts/variation-icon.ts';
import type { ExportTable } from '../web/table-export.ts';
import type { Chart } from './service.ts';

// Markup our chart code drew and escaped itself; handlebars prints anything with toHTML as it is.
const markup = (html: string) => ({ toHTML: () => html, toString: () => html });

const round = (n: number, digits = 2) => (Number.isFinite(n) ? String(Math.round(n * 10 ** digits) / 10 ** digits) : 'not computable');

export function trialNote(chart: Chart): string | undefined {
  const trial = chart.groups.filter((g) => g.trialLimits && g.n > 0);
  if (!trial.length) return undefined;
  return `Trial limits: ${trial.map((g) => `${defaultFormatPeriod(g.from)} to ${defaultFormatPeriod(g.to)} has only ${g.n} ${g.n === 1 ? 'point' : 'points'}`).join('; ')}. Limits settle with 13 or more points.`;
}

/** One chart as the page shows it: the SVG, the icon, the reading and the data table. */
export function presentChart(chart: Chart, opts: { id: string; compact?: boolean; title?: string }) {
  const percent = chart.measure.kind === 'share';
  const svg = renderXmrSvg(chart.points, {
    id: opts.id,
    title: opts.title ?? chart.measure.label,
    yLabel: chart.measure.yLabel,
    formatX: defaultFormatPeriod,
    improvement: chart.measure.improvement,
    compact: Boolean(opts.compact),
    percent,
  });
  return {
    title: opts.title ?? chart.measure.label,
    svg: markup(svg),
    icon: chart.icon ? { svg: markup(variationIconSvg(chart.icon, { id: `${opts.id}-icon`, size: 48 })), title: VARIATION_TITLES[chart.icon] } : undefined,
    reading: chart.reading,
    trial: trialNote(chart),
    rows: chart.points.map((p) => ({
      period: defaultFormatPeriod(p.x),
      value: round(p.y, 1),
      n: p.n,
      mean: round(p.mean),
      lpl: round(p.lpl),
      upl: round(p.upl),
      signal: signalLabel(p, chart.measure.improvement),
      special: p.pointType !== 'common_cause',
    })),
    hasN: chart.points.some((p) => p.n !== undefined),
  };
}

export function chartTable(chart: Chart): ExportTable {
  return {
    title: chart.measure.label,
    columns: [{ header: 'Period' }, { header: 'Value' }, { header: 'Cases measured' }, { header: 'Mean' }, { header: 'Lower process limit' }, { header: 'Upper process limit' }, { header: 'Point type' }, { header: 'Rule' }, { header: 'Group' }],
    rows: chart.points.map((p) => [p.x, p.y, p.n ?? null, p.mean, p.lpl, p.upl, p.pointType, p.rule, p.group]),
  };
}
