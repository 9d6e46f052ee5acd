import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { el, fragment, num, SvgMarkup } from '../../server/web/charts/svg.ts';
import { MDC_COLOURS, variationIconSvg, type VariationKind } from '../../server/web/charts/variation-icon.ts';
import {
  renderXmrSvg,
  type XmrChartOptions,
  type XmrChartPointType,
  type XmrChartRow,
} from '../../server/web/charts/xmr-chart.ts';

const month = (i: number) => `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const formatX = (x: string) => `${MONTHS[Number(x.slice(5, 7)) - 1] ?? '?'} ${x.slice(0, 4)}`;

function row(i: number, y: number, over: Partial<XmrChartRow> = {}): XmrChartRow {
  return {
    x: month(i),
    y,
    mean: 5,
    lpl: 1,
    upl: 9,
    outsideLimits: false,
    closeToLimits: false,
    relativeToMean: Math.sign(y - 5) as -1 | 0 | 1,
    rule: null,
    pointType: 'common_cause',
    group: 0,
    ...over,
  };
}

const series = (ys: number[], over: Partial<XmrChartRow> = {}) => ys.map((y, i) => row(i, y, over));
const opts = (over: Partial<XmrChartOptions> = {}): XmrChartOptions => ({
  id: 'chart',
  title: 'Cases by month',
  yLabel: 'Cases',
  formatX,
  improvement: 'decrease',
  ...over,
});
const load = (svg: string) => cheerio.load(svg, { xml: true });
const attr = (n: { attr(name: string): string | undefined }, name: string) => Number(n.attr(name));

function expectClean(svg: string) {
  expect(svg).not.toContain('NaN');
  expect(svg).not.toContain('Infinity');
  expect(svg).not.toContain('undefined');
  const $ = load(svg);
  expect($('svg').length).toBe(1);
  return $;
}

describe('svg helper', () => {
  it('escapes text children and attribute values, and trusts only its own markup', () => {
    const out = el('g', { 'data-x': '"><script>' }, '<b>&', el('title', {}, "it's")).toString();
    expect(out).toBe('<g data-x="&quot;&gt;&lt;script&gt;">&lt;b&gt;&amp;<title>it&#39;s</title></g>');
    expect(fragment('a', null, false, ['<'])).toHaveProperty('toString');
    expect(fragment('a', ['<']).toString()).toBe('a&lt;');
    expect(() => new SvgMarkup(Symbol('svg-markup') as never, '<script>')).toThrow(TypeError);
  });

  it('refuses bad names and non-finite numbers instead of writing them', () => {
    expect(() => el('g onload=x')).toThrow(TypeError);
    expect(() => el('g', { 'a b': '1' })).toThrow(TypeError);
    expect(() => num(Number.NaN)).toThrow(RangeError);
    expect(() => el('circle', { r: Infinity })).toThrow(RangeError);
    expect(num(1.23456)).toBe('1.23');
    expect(num(-0.001)).toBe('0');
  });
});

describe('renderXmrSvg', () => {
  it('escapes every piece of user text', () => {
    const nasty = '<script>alert(1)</script> & "T1"';
    const svg = renderXmrSvg(series([3, 5, 4]), opts({ title: nasty, yLabel: nasty, formatX: () => nasty }));
    expect(svg).not.toContain('<script>');
    const $ = expectClean(svg);
    expect($('title#chart-title').text()).toBe(nasty);
    expect($('desc#chart-desc').text()).toContain(nasty);
    expect($('[data-role="x-tick"] text').first().text()).toBe(nasty);
    expect($('script').length).toBe(0);

    const given = renderXmrSvg(series([3]), opts({ description: '<i>described</i>' }));
    expect(load(given)('desc').text()).toBe('<i>described</i>');
  });

  it('names itself with its title and description and sizes by viewBox', () => {
    const $ = expectClean(renderXmrSvg(series([3, 5, 4, 6]), opts({ id: 'theme T1' })));
    const svg = $('svg');
    expect(svg.attr('role')).toBe('img');
    const ids = (svg.attr('aria-labelledby') ?? '').split(' ');
    expect(ids).toEqual(['theme-T1-title', 'theme-T1-desc']);
    expect($(`title#${ids[0]}`).length).toBe(1);
    expect($(`desc#${ids[1]}`).text()).toMatch(/^Cases, Jan 2023 to Apr 2023 \(4 periods\)\. Mean 5; process limits 1 to 9\./);
    expect(svg.attr('width')).toBe('100%');
    expect(svg.attr('viewBox')).toMatch(/^0 0 720 \d+$/);
    expect(svg.attr('preserveAspectRatio')).toBe('xMidYMid meet');
    expect(Number(svg.attr('font-size'))).toBeGreaterThanOrEqual(12);
  });

  it('draws one point per row, coloured and shaped by point type', () => {
    const types: [XmrChartPointType, string, string, string][] = [
      ['common_cause', MDC_COLOURS.commonCause, 'circle', 'circle'],
      ['special_cause_improvement', MDC_COLOURS.improvement, 'rect', 'square'],
      ['special_cause_concern', MDC_COLOURS.concern, 'path', 'diamond'],
      ['special_cause_neutral_high', MDC_COLOURS.neutral, 'path', 'triangle-up'],
      ['special_cause_neutral_low', MDC_COLOURS.neutral, 'path', 'triangle-down'],
    ];
    const rows = types.map(([pointType], i) => row(i, 2 + i, { pointType }));
    const $ = expectClean(renderXmrSvg(rows, opts()));
    const points = $('[data-role="points"] > [data-point-type]');
    expect(points.length).toBe(rows.length);
    points.each((i, node) => {
      const [type, colour, tag, shape] = types[i]!;
      const p = $(node);
      expect(p.attr('data-point-type')).toBe(type);
      expect(node.tagName).toBe(tag);
      expect(p.attr('data-shape')).toBe(shape);
      expect(p.attr('fill')).toBe(colour);
      expect(p.children('title').text()).toContain(formatX(month(i)));
    });
    // Colour is never the only cue: every type present has its own shape.
    expect(new Set(points.map((_, n) => $(n).attr('data-shape')).get()).size).toBe(5);
  });

  it('explains colours and shapes in a legend that matches the improvement direction', () => {
    const $ = expectClean(renderXmrSvg(series([3, 5, 4]), opts()));
    const legend = $('[data-role="legend"]');
    expect(legend.find('text').map((_, n) => $(n).text()).get()).toEqual([
      'Common cause',
      'Special cause improvement',
      'Special cause concern',
      'Mean',
      'Process limits',
    ]);
    expect(legend.find('[data-shape="diamond"]').attr('fill')).toBe(MDC_COLOURS.concern);
    const neutral = load(renderXmrSvg(series([3, 5, 4]), opts({ improvement: 'neutral' })));
    expect(neutral('[data-role="legend"] text').map((_, n) => neutral(n).text()).get()).toContain('Special cause high');
  });

  it('keeps colours in presentation attributes, not classes or styles a print sheet could drop', () => {
    const svg = renderXmrSvg(series([3, 5, 4]), opts());
    expect(svg).not.toMatch(/\sclass=|\sstyle=|<style/);
  });

  it('draws the lower limit at zero when it is negative, and says so in the description', () => {
    const $ = expectClean(renderXmrSvg(series([0, 2, 1, 3], { mean: 1.5, lpl: -2.5, upl: 5.5 }), opts()));
    const zeroTick = $('[data-role="y-tick"]').filter((_, n) => $(n).find('text').text() === '0');
    expect(zeroTick.length).toBe(1);
    const lpl = $('line[data-series="lpl"]');
    expect(lpl.length).toBe(1);
    expect(attr(lpl, 'y1')).toBe(attr(zeroTick.find('line'), 'y1'));
    expect($('desc').text()).toContain('process limits -2.5 to 5.5 (lower limit drawn at zero)');
  });

  it('clips a percentage upper limit at 100 and marks ticks as percentages', () => {
    const $ = expectClean(renderXmrSvg(series([90, 95, 99], { mean: 95, lpl: 85, upl: 104 }), opts({ percent: true })));
    const hundred = $('[data-role="y-tick"]').filter((_, n) => $(n).find('text').text() === '100%');
    expect(attr($('line[data-series="upl"]'), 'y1')).toBe(attr(hundred.find('line'), 'y1'));
  });

  it('draws mean and limits as separate segments per rebase group with a marker between', () => {
    const rows = [
      ...[4, 5, 6].map((y, i) => row(i, y, { mean: 5, lpl: 2, upl: 8, group: 0 })),
      ...[10, 11, 12].map((y, i) => row(i + 3, y, { mean: 11, lpl: 8, upl: 14, group: 1 })),
    ];
    const $ = expectClean(renderXmrSvg(rows, opts()));
    for (const series of ['mean', 'upl', 'lpl']) {
      const lines = $(`line[data-series="${series}"]`);
      expect(lines.map((_, n) => $(n).attr('data-group')).get()).toEqual(['0', '1']);
      const [a, b] = [lines.eq(0), lines.eq(1)];
      expect(attr(a, 'x2')).toBe(attr(b, 'x1'));
      expect(attr(a, 'y1')).not.toBe(attr(b, 'y1'));
    }
    const rebase = $('line[data-role="rebase"]');
    expect(rebase.length).toBe(1);
    expect(attr(rebase, 'x1')).toBe(attr($('line[data-series="mean"]').eq(0), 'x2'));
    expect(rebase.attr('stroke-dasharray')).toBeTruthy();
    expect($('desc').text()).toContain('Rebased at Apr 2023.');
  });

  it('has readable y ticks and thins period labels so they never overlap', () => {
    const rows = series(Array.from({ length: 60 }, (_, i) => 3 + (i % 5)));
    const $ = expectClean(renderXmrSvg(rows, opts()));
    const yTicks = $('[data-role="y-tick"] text').map((_, n) => Number($(n).text())).get();
    expect(yTicks.length).toBeGreaterThanOrEqual(3);
    expect(yTicks).toEqual([...yTicks].sort((a, b) => a - b));

    const labels = $('[data-role="x-tick"] text');
    expect(labels.length).toBeGreaterThan(1);
    expect(labels.length).toBeLessThanOrEqual(12);
    expect(labels.last().text()).toBe(formatX(month(59)));
    const xs = labels.map((_, n) => attr($(n), 'x')).get();
    const width = 8 * 14 * 0.6; // "Jan 2023" at the chart's font size
    xs.slice(1).forEach((x, i) => expect(x - (xs[i] ?? 0)).toBeGreaterThan(width));
  });

  it('says there is no data when there are no points', () => {
    const $ = expectClean(renderXmrSvg([], opts()));
    expect($('text').text()).toBe('No data for this period');
    expect($('title').text()).toBe('Cases by month');
    expect($('desc').text()).toBe('Cases: no data for this period.');
  });

  it('draws a single point with NaN limits: mean only and a note that limits need more variation', () => {
    const $ = expectClean(renderXmrSvg([row(0, 4, { mean: 4, lpl: Number.NaN, upl: Number.NaN })], opts()));
    expect($('[data-point-type]').length).toBe(1);
    expect($('line[data-series="mean"]').length).toBe(1);
    expect($('line[data-series="upl"], line[data-series="lpl"]').length).toBe(0);
    expect($('[data-role="note"]').text()).toBe('Not enough variation to compute limits.');
    expect($('desc').text()).toMatch(/^Cases, Jan 2023 \(1 period\)\. Mean 4; not enough variation to compute limits\./);
  });

  it('gives a flat series a real y range instead of dividing by zero', () => {
    const $ = expectClean(renderXmrSvg(series([3, 3, 3, 3], { mean: 3, lpl: Number.NaN, upl: Number.NaN }), opts()));
    const ticks = $('[data-role="y-tick"] text').map((_, n) => Number($(n).text())).get();
    expect(new Set(ticks).size).toBeGreaterThanOrEqual(2);
    expect(Math.min(...ticks)).toBeLessThan(3);
    expect(Math.max(...ticks)).toBeGreaterThan(3);
    const zeros = load(renderXmrSvg(series([0, 0, 0], { mean: 0, lpl: Number.NaN, upl: Number.NaN }), opts()));
    expect(Math.min(...zeros('[data-role="y-tick"] text').map((_, n) => Number(zeros(n).text())).get())).toBe(0);
  });

  it('notes only the groups without limits when others have them', () => {
    const rows = [...series([4, 6, 5]), row(3, 9, { group: 1, mean: 9, lpl: Number.NaN, upl: Number.NaN })];
    const $ = expectClean(renderXmrSvg(rows, opts()));
    expect($('[data-role="note"]').text()).toBe('Not enough variation to compute limits in Apr 2023.');
  });

  it('has a compact variant for small multiples: smaller, no axis title or legend, fewer ticks', () => {
    const rows = series(Array.from({ length: 24 }, (_, i) => 2 + (i % 7)));
    const full = load(renderXmrSvg(rows, opts()));
    const small = expectClean(renderXmrSvg(rows, opts({ compact: true })));
    const box = (d: cheerio.CheerioAPI) => (d('svg').attr('viewBox') ?? '').split(' ').map(Number);
    expect(box(small)[2]!).toBeLessThan(box(full)[2]!);
    expect(box(small)[3]!).toBeLessThan(box(full)[3]!);
    expect(small('svg').attr('data-chart')).toBe('xmr-compact');
    expect(small('[data-role="legend"]').length).toBe(0);
    expect(small('text').filter((_, n) => small(n).text() === 'Cases').length).toBe(0);
    expect(full('text').filter((_, n) => full(n).text() === 'Cases').length).toBe(1);
    expect(small('[data-role="y-tick"]').length).toBeLessThan(full('[data-role="y-tick"]').length);
    expect(small('[data-role="x-tick"]').length).toBeLessThanOrEqual(4);
    expect(small('[data-point-type]').length).toBe(24);
  });
});

describe('variationIconSvg', () => {
  const kinds: [VariationKind, string, string][] = [
    ['common_cause', MDC_COLOURS.commonCause, ''],
    ['improvement_high', MDC_COLOURS.improvement, 'H'],
    ['improvement_low', MDC_COLOURS.improvement, 'L'],
    ['concern_high', MDC_COLOURS.concern, 'H'],
    ['concern_low', MDC_COLOURS.concern, 'L'],
    ['neutral_high', MDC_COLOURS.neutral, 'H'],
    ['neutral_low', MDC_COLOURS.neutral, 'L'],
  ];

  it.each(kinds)('%s: ring colour, letter and a titled accessible name', (kind, colour, letter) => {
    const $ = load(variationIconSvg(kind, { id: `icon-${kind}` }));
    const svg = $('svg');
    expect(svg.attr('role')).toBe('img');
    expect(svg.attr('aria-labelledby')).toBe(`icon-${kind}-title`);
    expect($(`title#icon-${kind}-title`).text()).toMatch(kind === 'common_cause' ? /^Common cause/ : /^Special cause/);
    expect($('circle').first().attr('stroke')).toBe(colour);
    expect($('text').text()).toBe(letter);
  });

  it('escapes a given title', () => {
    const svg = variationIconSvg('concern_high', { id: 'i', title: '<b>Concern</b> & more' });
    expect(svg).not.toContain('<b>');
    expect(load(svg)('title').text()).toBe('<b>Concern</b> & more');
  });
});
