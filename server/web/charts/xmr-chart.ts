import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { PointType, XmrPoint } from '../../domain/spc.ts';
import { el, fragment, pathData, safeId, type SvgChild, type SvgMarkup } from './svg.ts';
import { MDC_COLOURS } from './variation-icon.ts';

// The chart draws exactly what the SPC engine returns (contract 6).
export type XmrChartPointType = PointType;
export type XmrChartRow = XmrPoint;

export type XmrChartOptions = {
  /** Unique on the page: the `<title>` and `<desc>` ids derive from it. */
  id: string;
  title: string;
  /** Read by screen readers; generated from the data when omitted. */
  description?: string;
  yLabel: string;
  formatX: (x: string) => string;
  formatY?: (y: number) => string;
  improvement: 'increase' | 'decrease' | 'neutral';
  /** viewBox size; the SVG itself is 100% wide. Legend and notes add height below. */
  width?: number;
  height?: number;
  /** Small multiple: no axis title, legend or rebase labels, fewer ticks, smaller. */
  compact?: boolean;
  /** Values are percentages (0–100): the upper limit is drawn clipped at 100 and ticks get a "%". */
  percent?: boolean;
};

export type MarkerShape = 'circle' | 'square' | 'diamond' | 'triangle-up' | 'triangle-down';

export const POINT_STYLES: Record<XmrChartPointType, { label: string; colour: string; shape: MarkerShape }> = {
  common_cause: { label: 'Common cause', colour: MDC_COLOURS.commonCause, shape: 'circle' },
  special_cause_improvement: { label: 'Special cause improvement', colour: MDC_COLOURS.improvement, shape: 'square' },
  special_cause_concern: { label: 'Special cause concern', colour: MDC_COLOURS.concern, shape: 'diamond' },
  special_cause_neutral_high: { label: 'Special cause high', colour: MDC_COLOURS.neutral, shape: 'triangle-up' },
  special_cause_neutral_low: { label: 'Special cause low', colour: MDC_COLOURS.neutral, shape: 'triangle-down' },
};

const INK = '#212b32';
const DARK_GREY = '#425563';
const MID_GREY = '#768692';
const GRID = '#d8dde0';
const FONT = "'Frutiger W01', Arial, sans-serif";
const NO_LIMITS = 'Not enough variation to compute limits';

type Layout = {
  width: number;
  height: number;
  fontSize: number;
  top: number;
  right: number;
  yTicks: number;
  maxXLabels: number;
  marker: number;
};
const FULL: Layout = { width: 720, height: 360, fontSize: 14, top: 28, right: 16, yTicks: 6, maxXLabels: 12, marker: 5 };
const COMPACT: Layout = { width: 320, height: 180, fontSize: 13, top: 10, right: 10, yTicks: 3, maxXLabels: 4, marker: 4 };

/** A rough text width: SVG text cannot be measured on the server, and a generous guess avoids overlap. */
const textWidth = (text: string, fontSize: number) => text.length * fontSize * 0.6;
const finite = (n: number) => Number.isFinite(n);

type Segment = { group: number; start: number; end: number; mean: number; lpl: number; upl: number };

function segments(rows: readonly XmrChartRow[]): Segment[] {
  const out: Segment[] = [];
  rows.forEach((row, i) => {
    const last = out.at(-1);
    if (last && last.group === row.group) last.end = i;
    else out.push({ group: row.group, start: i, end: i, mean: row.mean, lpl: row.lpl, upl: row.upl });
  });
  return out;
}

const hasLimits = (s: Segment) => finite(s.lpl) && finite(s.upl);

/** Limits as drawn: a count (or share) cannot fall below 0 or a share rise above 100%. */
function drawnLimits(s: Segment, percent: boolean): { lower: number; upper: number } | null {
  if (!hasLimits(s)) return null;
  return { lower: Math.max(s.lpl, 0), upper: percent ? Math.min(s.upl, 100) : s.upl };
}

function yScaleFor(rows: readonly XmrChartRow[], segs: Segment[], opts: XmrChartOptions, range: [number, number], ticks: number) {
  const values = rows.map((r) => r.y).filter(finite);
  for (const s of segs) {
    if (finite(s.mean)) values.push(s.mean);
    const limits = drawnLimits(s, opts.percent ?? false);
    if (limits) values.push(limits.lower, limits.upper);
  }
  let lo = values.length ? Math.min(...values) : 0;
  let hi = values.length ? Math.max(...values) : 1;
  // A flat series would give a zero-height domain and divide by zero; pad it to a readable band.
  if (hi - lo < 1e-9) {
    lo -= 1;
    hi += 1;
    if (lo < 0 && values.every((v) => v >= 0)) lo = 0;
  }
  // Headroom so a limit at the domain's edge is not hidden under the frame; never below 0 for counts.
  const pad = (hi - lo) * 0.05;
  [lo, hi] = [lo >= 0 ? Math.max(lo - pad, 0) : lo - pad, hi + pad];
  if (opts.percent) [lo, hi] = [Math.max(lo, 0), Math.min(hi, 100)];
  return scaleLinear().domain([lo, hi]).range(range).nice(ticks);
}

function defaultFormat(percent: boolean): (y: number) => string {
  const nf = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
  return (y) => `${nf.format(y)}${percent ? '%' : ''}`;
}

function marker(shape: MarkerShape, cx: number, cy: number, s: number, attrs: Record<string, string>, ...children: SvgChild[]): SvgMarkup {
  const a = { ...attrs, 'data-shape': shape };
  if (shape === 'circle') return el('circle', { ...a, cx, cy, r: s }, ...children);
  if (shape === 'square') return el('rect', { ...a, x: cx - s * 0.9, y: cy - s * 0.9, width: s * 1.8, height: s * 1.8 }, ...children);
  const points: [number, number][] =
    shape === 'diamond'
      ? [[cx, cy - s * 1.3], [cx + s * 1.3, cy], [cx, cy + s * 1.3], [cx - s * 1.3, cy]]
      : shape === 'triangle-up'
        ? [[cx, cy - s * 1.3], [cx + s * 1.2, cy + s * 0.9], [cx - s * 1.2, cy + s * 0.9]]
        : [[cx, cy + s * 1.3], [cx + s * 1.2, cy - s * 0.9], [cx - s * 1.2, cy - s * 0.9]];
  return el('path', { ...a, d: pathData(points, true) }, ...children);
}

/** Period labels to show: the latest always, then every nth back, so labels never overlap. */
function xLabelIndices(labels: readonly string[], plotWidth: number, layout: Layout): number[] {
  const n = labels.length;
  const widest = Math.max(...labels.map((l) => textWidth(l, layout.fontSize)));
  const step = Math.max(1, Math.ceil(n / layout.maxXLabels), Math.ceil((widest + 12) / (plotWidth / n)));
  const out: number[] = [];
  for (let i = n - 1; i >= 0; i -= step) out.unshift(i);
  return out;
}

function pointTypesFor(rows: readonly XmrChartRow[], improvement: XmrChartOptions['improvement']): XmrChartPointType[] {
  const expected: XmrChartPointType[] =
    improvement === 'neutral'
      ? ['common_cause', 'special_cause_neutral_high', 'special_cause_neutral_low']
      : ['common_cause', 'special_cause_improvement', 'special_cause_concern'];
  const present = new Set(rows.map((r) => r.pointType));
  return (Object.keys(POINT_STYLES) as XmrChartPointType[]).filter((t) => expected.includes(t) || present.has(t));
}

/** The key to colours, shapes and lines, laid out in rows that wrap to the chart's width. */
function legend(types: XmrChartPointType[], rebased: boolean, width: number, top: number, fontSize: number) {
  const items: { label: string; key: SvgMarkup }[] = types.map((t) => ({
    label: POINT_STYLES[t].label,
    key: marker(POINT_STYLES[t].shape, 12, 0, 5, { fill: POINT_STYLES[t].colour, stroke: INK, 'stroke-width': '1' }),
  }));
  items.push({ label: 'Mean', key: el('line', { x1: 0, x2: 24, y1: 0, y2: 0, stroke: INK, 'stroke-width': 2 }) });
  items.push({
    label: 'Process limits',
    key: el('line', { x1: 0, x2: 24, y1: 0, y2: 0, stroke: DARK_GREY, 'stroke-width': 2, 'stroke-dasharray': '6 4' }),
  });
  if (rebased) {
    items.push({
      label: 'Rebase',
      key: el('line', { x1: 12, x2: 12, y1: -8, y2: 8, stroke: DARK_GREY, 'stroke-width': 1.5, 'stroke-dasharray': '2 3' }),
    });
  }
  const rowHeight = fontSize + 10;
  let x = 16;
  let y = top + rowHeight / 2;
  const drawn = items.map(({ label, key }) => {
    const w = 30 + textWidth(label, fontSize) + 20;
    if (x > 16 && x + w > width - 8) [x, y] = [16, y + rowHeight];
    const g = el('g', { transform: `translate(${x} ${y})` }, key, el('text', { x: 30, y: fontSize * 0.35, fill: INK }, label));
    x += w;
    return g;
  });
  return { markup: el('g', { 'data-role': 'legend' }, drawn), height: y + rowHeight / 2 - top + 6 };
}

type Formatters = { x: (x: string) => string; y: (y: number) => string };

function rangeText(rows: readonly XmrChartRow[], start: number, end: number, fx: Formatters['x']): string {
  const a = fx(rows[start]?.x ?? '');
  return start === end ? `in ${a}` : `from ${a} to ${fx(rows[end]?.x ?? '')} (${end - start + 1} periods)`;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A text equivalent of the chart: what is measured, over when, the centre line and limits, and the signals. */
export function describeXmr(rows: readonly XmrChartRow[], opts: XmrChartOptions, f: Formatters): string {
  if (rows.length === 0) return `${opts.yLabel}: no data for this period.`;
  const segs = segments(rows);
  const first = f.x(rows[0]?.x ?? '');
  const span = rows.length === 1 ? `${first} (1 period)` : `${first} to ${f.x(rows.at(-1)?.x ?? '')} (${rows.length} periods)`;
  const parts = [`${opts.yLabel}, ${span}.`];
  for (const s of segs) {
    if (s.start > 0) parts.push(`Rebased at ${f.x(rows[s.start]?.x ?? '')}.`);
    const mean = finite(s.mean) ? `mean ${f.y(s.mean)}` : 'mean not available';
    const limits = hasLimits(s)
      ? `process limits ${f.y(s.lpl)} to ${f.y(s.upl)}${s.lpl < 0 ? ' (lower limit drawn at zero)' : ''}`
      : NO_LIMITS.toLowerCase();
    const sentence = `${mean}; ${limits}.`;
    parts.push(segs.length > 1 ? `${capitalise(rangeText(rows, s.start, s.end, f.x))}: ${sentence}` : capitalise(sentence));
  }
  const runs: string[] = [];
  rows.forEach((r, i) => {
    if (r.pointType === 'common_cause') return;
    const prev = rows[i - 1];
    if (prev && prev.pointType === r.pointType && prev.group === r.group) return;
    let end = i;
    while (rows[end + 1]?.pointType === r.pointType && rows[end + 1]?.group === r.group) end++;
    runs.push(`${POINT_STYLES[r.pointType].label.toLowerCase()} ${rangeText(rows, i, end, f.x)}`);
  });
  parts.push(runs.length ? `Signals: ${runs.join('; ')}.` : 'All points show common cause variation.');
  return parts.join(' ');
}

function svgRoot(id: string, width: number, height: number, L: Layout, ...children: SvgChild[]): string {
  return el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: `0 0 ${width} ${height}`,
      width: '100%',
      preserveAspectRatio: 'xMidYMid meet',
      role: 'img',
      'aria-labelledby': `${id}-title ${id}-desc`,
      focusable: 'false',
      'font-family': FONT,
      'font-size': L.fontSize,
      'data-chart': L === COMPACT ? 'xmr-compact' : 'xmr',
    },
    children,
  ).toString();
}

/**
 * An XmR chart as escaped SVG markup (wrap it in a Handlebars SafeString): mean and process limits per
 * rebase group, points coloured and shaped by Making Data Count point type, axes, title and description.
 */
export function renderXmrSvg(rows: readonly XmrChartRow[], opts: XmrChartOptions): string {
  const compact = opts.compact ?? false;
  const L = compact ? COMPACT : FULL;
  const id = safeId(opts.id);
  const width = opts.width ?? L.width;
  const height = opts.height ?? L.height;
  const f: Formatters = { x: opts.formatX, y: opts.formatY ?? defaultFormat(opts.percent ?? false) };
  const head = [
    el('title', { id: `${id}-title` }, opts.title),
    el('desc', { id: `${id}-desc` }, opts.description ?? describeXmr(rows, opts, f)),
  ];
  const text = (attrs: Record<string, string | number>, s: string) => el('text', { fill: INK, 'font-size': L.fontSize, ...attrs }, s);

  if (rows.length === 0) {
    return svgRoot(id, width, height, L, head, text({ x: width / 2, y: height / 2, 'text-anchor': 'middle' }, 'No data for this period'));
  }

  const segs = segments(rows);
  const bottom = height - (L.fontSize + 14);
  const y = yScaleFor(rows, segs, opts, [bottom, L.top], L.yTicks);
  const yTicks = y.ticks(L.yTicks);
  const tickFormat = opts.formatY ?? ((t: number) => `${y.tickFormat(L.yTicks)(t)}${opts.percent ? '%' : ''}`);
  const tickLabels = yTicks.map(tickFormat);
  const left = (compact ? 4 : L.fontSize * 1.5 + 8) + Math.max(...tickLabels.map((t) => textWidth(t, L.fontSize))) + 10;
  const x: ScaleLinear<number, number> = scaleLinear().domain([-0.5, rows.length - 0.5]).range([left, width - L.right]);
  const segX = (s: Segment) => [x(s.start - 0.5), x(s.end + 0.5)] as const;
  const hline = (s: Segment, value: number, attrs: Record<string, string | number>) => {
    const [x1, x2] = segX(s);
    return el('line', { x1, x2, y1: y(value), y2: y(value), 'data-group': String(s.group), ...attrs });
  };

  const grid = yTicks.map((t, i) =>
    el(
      'g',
      { 'data-role': 'y-tick' },
      el('line', { x1: left, x2: width - L.right, y1: y(t), y2: y(t), stroke: GRID, 'stroke-width': 1 }),
      text({ x: left - 8, y: y(t) + L.fontSize * 0.35, 'text-anchor': 'end' }, tickLabels[i] ?? ''),
    ),
  );
  const xLabels = rows.map((r) => f.x(r.x));
  const xTicks = xLabelIndices(xLabels, width - L.right - left, L).map((i) => {
    const label = xLabels[i] ?? '';
    const half = textWidth(label, L.fontSize) / 2;
    const cx = Math.min(Math.max(x(i), half + 2), width - half - 2);
    return el(
      'g',
      { 'data-role': 'x-tick' },
      el('line', { x1: x(i), x2: x(i), y1: bottom, y2: bottom + 5, stroke: INK, 'stroke-width': 1 }),
      text({ x: cx, y: bottom + 7 + L.fontSize, 'text-anchor': 'middle' }, label),
    );
  });
  const axes = fragment(
    // No solid baseline: a lower limit clipped to 0 would vanish under it; the lightest gridline frames the plot.
    !compact &&
      text(
        { x: 0, y: 0, 'text-anchor': 'middle', transform: `translate(${L.fontSize + 2} ${(L.top + bottom) / 2}) rotate(-90)` },
        opts.yLabel,
      ),
  );

  const limitLines = segs.map((s) => {
    const limits = drawnLimits(s, opts.percent ?? false);
    const dashed = { stroke: DARK_GREY, 'stroke-width': 1.5, 'stroke-dasharray': '6 4' };
    return fragment(
      finite(s.mean) && hline(s, s.mean, { stroke: INK, 'stroke-width': 2, 'data-series': 'mean' }),
      limits && hline(s, limits.upper, { ...dashed, 'data-series': 'upl' }),
      limits && hline(s, limits.lower, { ...dashed, 'data-series': 'lpl' }),
    );
  });
  const rebases = segs.slice(1).map((s) =>
    fragment(
      el('line', {
        x1: x(s.start - 0.5),
        x2: x(s.start - 0.5),
        y1: L.top - (compact ? 0 : 4),
        y2: bottom,
        stroke: DARK_GREY,
        'stroke-width': 1.5,
        'stroke-dasharray': '2 3',
        'data-role': 'rebase',
      }),
      !compact && text({ x: x(s.start - 0.5), y: L.top - 8, 'text-anchor': 'middle', 'font-size': 12 }, 'Rebased'),
    ),
  );

  const path = line<XmrChartRow>()
    .defined((r) => finite(r.y))
    .x((_, i) => x(i))
    .y((r) => y(r.y))
    .digits(2)(rows);
  const points = rows.map((r, i) => {
    if (!finite(r.y)) return null;
    const style = POINT_STYLES[r.pointType] ?? POINT_STYLES.common_cause;
    const attrs = { fill: style.colour, stroke: INK, 'stroke-width': '1', 'data-point-type': r.pointType, 'data-x': r.x };
    return marker(style.shape, x(i), y(r.y), L.marker, attrs, el('title', {}, `${xLabels[i] ?? r.x}: ${f.y(r.y)}, ${style.label.toLowerCase()}`));
  });

  // Below the axis: a note when limits could not be computed (SPC.md asks the chart to say so), then the key.
  let extra = height;
  const noteGroups = segs.filter((s) => !hasLimits(s));
  const note =
    noteGroups.length > 0
      ? text(
          { x: left, y: extra + L.fontSize, 'data-role': 'note' },
          segs.length === noteGroups.length
            ? `${NO_LIMITS}.`
            : `${NO_LIMITS} ${noteGroups.map((s) => rangeText(rows, s.start, s.end, f.x)).join('; ')}.`,
        )
      : null;
  if (note) extra += L.fontSize + 8;
  const key = compact ? null : legend(pointTypesFor(rows, opts.improvement), segs.length > 1, width, extra, L.fontSize);
  if (key) extra += key.height;

  return svgRoot(
    id,
    width,
    extra,
    L,
    head,
    el('g', { 'data-role': 'grid' }, grid),
    axes,
    el('g', { 'data-role': 'x-axis' }, xTicks),
    el('g', { 'data-role': 'limits' }, limitLines),
    rebases,
    path && el('path', { d: path, fill: 'none', stroke: MID_GREY, 'stroke-width': 1.5, 'data-series': 'values' }),
    el('g', { 'data-role': 'points' }, points),
    note,
    key?.markup,
  );
}
