import SVGtoPDF from 'svg-to-pdfkit';
import { defaultFormatPeriod } from '../../domain/spc.ts';
import { renderXmrSvg } from '../../web/charts/xmr-chart.ts';
import type { SignalView } from '../types.ts';
import { contentWidth, type Doc, ensureSpace, FONT, MARGIN } from './layout.ts';

// @types/svg-to-pdfkit types `doc` as the PDFDocument constructor rather than a document; the library
// calls instance methods on it, so this is the signature it really has.
const drawSvg = SVGtoPDF as unknown as (doc: Doc, svg: string, x: number, y: number, options: SVGtoPDF.Options) => void;

/** The same axis choice as the review page, so the printed chart reads like the one on screen. */
export function chartAxis(measure: string): { yLabel: string; percent: boolean } {
  if (measure === 'delay:report-breach') return { yLabel: 'Per cent', percent: true };
  return { yLabel: measure.startsWith('delay:') ? 'Days' : 'Cases', percent: false };
}

function viewBoxSize(svg: string): { width: number; height: number } {
  const m = /viewBox="\s*[-\d.]+\s+[-\d.]+\s+([\d.]+)\s+([\d.]+)\s*"/.exec(svg);
  const width = Number(m?.[1]);
  const height = Number(m?.[2]);
  return width > 0 && height > 0 ? { width, height } : { width: 720, height: 400 };
}

/** Shorter than the web's 720 × 360, so two signals with their words fit on one A4 page. */
const CHART_HEIGHT = 290;

/**
 * A signal's XmR chart sized to the content width: its height, to keep it on one page with its words,
 * and the drawing. The full chart (with its legend) is used, not the web's compact one: on paper there
 * is no hover text, so the key has to be printed.
 */
export function signalChart(doc: Doc, signal: SignalView, index: number): { height: number; draw: () => void } {
  const axis = chartAxis(signal.measure);
  const svg = renderXmrSvg(signal.points, {
    id: `signal-${index}`,
    title: signal.label,
    yLabel: axis.yLabel,
    percent: axis.percent,
    formatX: defaultFormatPeriod,
    improvement: signal.improvement,
    height: CHART_HEIGHT,
  });
  const box = viewBoxSize(svg);
  const width = contentWidth(doc);
  const height = (width * box.height) / box.width;
  return {
    height: height + 10,
    draw: () => {
      ensureSpace(doc, height + 10);
      const y = doc.y + 4;
      drawSvg(doc, svg, MARGIN.left, y, {
        width,
        height,
        // Map the chart's web fonts to the built-in Helvetica so no font file is looked up.
        fontCallback: (_family, bold) => (bold ? FONT.bold : FONT.regular),
      });
      doc.x = MARGIN.left;
      doc.y = y + height + 6;
    },
  };
}
