import type { VariationIcon } from '../../domain/spc.ts';
import { el, num, safeId } from './svg.ts';

/** NHS England "Making Data Count" colours, so our charts read like every other board paper's. */
export const MDC_COLOURS = {
  commonCause: '#7B7D7D',
  improvement: '#289de0',
  concern: '#fab428',
  neutral: '#490092',
} as const;

export type VariationKind = VariationIcon;

export const VARIATION_TITLES: Record<VariationKind, string> = {
  common_cause: 'Common cause variation',
  improvement_high: 'Special cause variation: improvement (high values)',
  improvement_low: 'Special cause variation: improvement (low values)',
  concern_high: 'Special cause variation: concern (high values)',
  concern_low: 'Special cause variation: concern (low values)',
  neutral_high: 'Special cause variation: neither improvement nor concern (high values)',
  neutral_low: 'Special cause variation: neither improvement nor concern (low values)',
};

export type VariationIconOptions = { id: string; title?: string; size?: number };

const DOT_X = [8.5, 12.3, 16.2, 20, 23.8, 27.7, 31.5];
// A level run for common cause; for special cause the last four dots step away in the signal's direction.
const RUNS = {
  flat: [19, 17, 20, 18, 20, 17, 19],
  high: [19, 20, 19, 14, 12, 13, 12],
  low: [13, 12, 13, 18, 20, 19, 20],
} as const;

function iconStyle(kind: VariationKind): { colour: string; run: readonly number[]; letter: string } {
  if (kind === 'common_cause') return { colour: MDC_COLOURS.commonCause, run: RUNS.flat, letter: '' };
  const [family, side] = kind.split('_') as ['improvement' | 'concern' | 'neutral', 'high' | 'low'];
  return { colour: MDC_COLOURS[family], run: RUNS[side], letter: side === 'high' ? 'H' : 'L' };
}

/**
 * The Making Data Count variation icon as inline SVG: a ring in the signal's colour, a run of dots and,
 * for special cause, H or L. Its `<title>` carries the meaning, so the icon never relies on colour.
 */
export function variationIconSvg(kind: VariationKind, opts: VariationIconOptions): string {
  const id = safeId(opts.id);
  const size = opts.size ?? 40;
  const { colour, run, letter } = iconStyle(kind);
  const dots = DOT_X.map((cx, i) =>
    el('circle', {
      cx,
      cy: run[i] ?? 18,
      r: 2.2,
      fill: letter !== '' && i >= 3 ? colour : MDC_COLOURS.commonCause,
    }),
  );
  return el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: '0 0 40 40',
      width: num(size),
      height: num(size),
      role: 'img',
      'aria-labelledby': `${id}-title`,
      focusable: 'false',
      'data-variation': kind,
    },
    el('title', { id: `${id}-title` }, opts.title ?? VARIATION_TITLES[kind]),
    el('circle', { cx: 20, cy: 20, r: 17.5, fill: '#ffffff', stroke: colour, 'stroke-width': 3 }),
    dots,
    letter !== '' &&
      el(
        'text',
        {
          x: 20,
          y: 33,
          'text-anchor': 'middle',
          'font-family': 'Arial, sans-serif',
          'font-size': 12,
          'font-weight': 'bold',
          fill: colour,
        },
        letter,
      ),
  ).toString();
}
