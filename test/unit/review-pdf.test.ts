import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { reviewPdf } from '../../server/reviews/pdf.ts';
import { plain } from '../../server/reviews/pdf/layout.ts';
import { SECTION_TITLES, SECTIONS } from '../../server/reviews/types.ts';
import { FAKE_HASH, fakeSnapshot } from '../support/review-snapshot.ts';

// WinAnsi bytes 0x80–0x9f that the fixtures can produce; everything else in these tests is ASCII or Latin-1.
const WIN_ANSI: Record<number, string> = { 0x85: '…', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x96: '–', 0x97: '—' };
const decodeHex = (hex: string) =>
  (hex.match(/[0-9a-f]{2}/gi) ?? []).map((h) => WIN_ANSI[parseInt(h, 16)] ?? String.fromCharCode(parseInt(h, 16))).join('');

/**
 * The text drawn on each page, one string per page. pdfkit writes standard-font text as hex strings in
 * `[<..> kern <..>] TJ` arrays (one per line), so reading them back needs no PDF parser. Content streams
 * are inflated when compressed, so the same reader checks a real download.
 */
function pdfText(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const pages: string[] = [];
  for (const m of raw.matchAll(/<<([^]*?)>>\s*stream\r?\n([^]*?)\r?\nendstream/g)) {
    const dict = m[1] ?? '';
    let body = m[2] ?? '';
    if (dict.includes('/Subtype /XML') || dict.includes('/Type /XObject')) continue;
    if (dict.includes('/FlateDecode')) body = inflateSync(Buffer.from(body, 'latin1')).toString('latin1');
    const lines = [...body.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-f]*)>\s*Tj/gi)].map((t) =>
      t[1] !== undefined ? [...t[1].matchAll(/<([0-9a-f]*)>/gi)].map((h) => decodeHex(h[1] ?? '')).join('') : decodeHex(t[2] ?? ''),
    );
    if (lines.length) pages.push(lines.join('\n'));
  }
  return pages;
}

/** All text, with lines joined by spaces so phrases wrapped across lines still match. */
const allText = (pdf: Buffer) => pdfText(pdf).join('\n').replace(/\s+/g, ' ');
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

describe('reviewPdf', () => {
  it('renders the whole signed-off review as a multi-page A4 PDF', async () => {
    const pdf = await reviewPdf(fakeSnapshot(), { contentHash: FAKE_HASH, compress: false, formatDateTime: () => '14 Oct 2026, 16:30' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(pageCount(pdf)).toBeGreaterThan(1);

    const text = allText(pdf);
    expect(text).toContain('Quarterly learning review');
    expect(text).toContain('2026 Q3 (July to September)');
    expect(text).toContain('CT, MRI');
    expect(text).toContain('Signed off by director@casebook.test on 14 Oct 2026, 16:30');
    expect(text).toContain('Complaints about communication doubled against the previous four quarters.');
    expect(text).toContain('Communication at vetting and reporting is the quarter’s main learning.');
    expect(text).toContain('CB-2026-0118');
    expect(text).toContain('Reaction recorded on paper only; move to the RIS form.');
    expect(text).toContain('Consultant radiologists');
    expect(text).toContain('Share the contrast allergy learning with all vetting radiographers');
    expect(text).toContain('Starts this quarter');
    expect(text).toContain('Continues from an earlier quarter');
  });

  it('prints the sections in order, each followed by its findings, then the closing parts', async () => {
    const text = allText(await reviewPdf(fakeSnapshot(), { contentHash: FAKE_HASH, compress: false }));
    // The contents list on the title page names every section too, so search after it.
    const body = text.slice(text.indexOf('Page 1 of'));
    const order = [...SECTIONS.map((s) => SECTION_TITLES[s]), 'Overall findings', 'Attendance', 'Actions agreed'].map((t) => body.indexOf(t));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const delays = body.indexOf(SECTION_TITLES.delays);
    const delayFindings = body.indexOf('Scan to report breaches are concentrated in urgent CT.');
    expect(delayFindings).toBeGreaterThan(delays);
    expect(delayFindings).toBeLessThan(body.indexOf(SECTION_TITLES.actions));
  });

  it('puts the content hash on the title page and in every page footer, with page numbers', async () => {
    const pages = pdfText(await reviewPdf(fakeSnapshot(), { contentHash: FAKE_HASH, compress: false }));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]).toContain('Content hash (SHA-256)');
    pages.forEach((page, i) => {
      expect(page).toContain(`SHA-256: ${FAKE_HASH}`);
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
    });
  });

  it('marks a draft on its title page and every page, with no hash', async () => {
    const pages = pdfText(await reviewPdf(fakeSnapshot(), { compress: false, draft: true }));
    expect(pages[0]).toContain('DRAFT: not signed off');
    expect(pages[0]).not.toContain('Content hash (SHA-256)');
    expect(pages[0]).not.toContain('Signed off by');
    for (const page of pages) {
      expect(page).toContain('DRAFT, not signed off: Quarterly learning review');
      expect(page).toContain('A draft: no content hash until it is signed off');
    }
  });

  it('draws each signal chart as vector graphics from the XmR points', async () => {
    const withCharts = await reviewPdf(fakeSnapshot(), { compress: false });
    const without = await reviewPdf(fakeSnapshot({ pack: { signals: [] } }), { compress: false });
    // svg-to-pdfkit places SVG text glyph by glyph, so compare without spaces. Axis and legend come from the chart.
    const squash = (pdf: Buffer) => allText(pdf).replace(/\s/g, '');
    expect(squash(withCharts)).toContain('Processlimits');
    expect(squash(withCharts)).toContain('Percent');
    expect(squash(withCharts)).toContain('September2026');
    expect(squash(without)).not.toContain('Processlimits');
    // Path operators from the charts' lines and markers make the document clearly bigger.
    expect(withCharts.length).toBeGreaterThan(without.length + 5_000);
  });

  it('prints names of themes for cases, and owner labels when given', async () => {
    const text = allText(await reviewPdf(fakeSnapshot(), { compress: false, ownerLabel: (c) => (c === 'clinical_director' ? 'Clinical director' : c) }));
    expect(text).toContain('Delay in diagnosis or treatment, Communication');
    expect(text).toContain('Clinical director');
    expect(text).toContain('Overdue');
  });

  it('renders a quarter with no signals, cases or actions, saying so', async () => {
    const snapshot = fakeSnapshot({
      pack: {
        signals: [],
        cases: [],
        actions: { open: [], overdue: [], doneSinceLast: [] },
        recurrences: { repeats: [], recurringFactors: [], clusters: [] },
        delays: { intervals: [], worst: [] },
        summary: { total: [0, 0, 0, 0, 0], byTheme: [], bySource: [] },
        triangulation: {
          themeBySource: { rows: [], cols: [], counts: [], hrefs: [] },
          themeByDepartment: { rows: [{ code: 'a', label: 'A' }], cols: [{ code: 'x', label: 'X' }], counts: [[0]], hrefs: [['']] },
        },
      },
      findings: {},
      attendance: [],
      discussions: {},
      agreedActions: [],
    });
    const pdf = await reviewPdf(snapshot, { compress: false });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = allText(pdf);
    expect(text).toContain('None this quarter.');
    expect(text).toContain('No findings recorded.');
    expect(text).toContain('No attendance recorded.');
    expect(text).toContain('No actions agreed.');
    expect(text).toContain('SHA-256: not recorded');
  });

  it('shows a correction with its version and reason', async () => {
    const snapshot = fakeSnapshot({ review: { id: 9, quarter: '2026-Q3', scope: 'ct,mri', versionNo: 2, correctsId: 7, correctionReason: 'Attendance was recorded against the wrong role' } });
    const text = allText(await reviewPdf(snapshot, { compress: false }));
    expect(text).toContain('Version: 2 (a correction of an earlier version)');
    expect(text).toContain('Reason for correction: Attendance was recorded against the wrong role');
  });

  it('keeps very long words and titles inside the page', async () => {
    const word = 'x'.repeat(400);
    const snapshot = fakeSnapshot({
      pack: { ...fakeSnapshot().pack, scope: { departments: [], label: `Scope ${'y'.repeat(300)}` } },
      findings: { summary: `Finding ${word}` },
      discussions: { 'CB-2026-0101': { discussed: true, note: word } },
    });
    const pdf = await reviewPdf(snapshot, { compress: false });
    const lines = pdfText(pdf).flatMap((p) => p.split('\n'));
    // Helvetica's "x" and "y" are half an em wide. The content width is 483 points: at the smallest body
    // size (8.5) that is at most 113 letters a line, at the title page's 12 points 80. Unwrapped it would be 400.
    const longest = (re: RegExp) => Math.max(...lines.filter((l) => re.test(l)).map((l) => l.length));
    expect(longest(/^x+$/)).toBeLessThanOrEqual(113);
    expect(longest(/^y+$/)).toBeLessThanOrEqual(80);
    expect(lines.join('')).toContain(word);
    // The footer has one line for the scope: it is cut short rather than wrapped.
    expect(lines.filter((l) => /Scope y+…$/.test(l)).length).toBe(pageCount(pdf));
  });

  it('compresses by default and still reads back', async () => {
    const compressed = await reviewPdf(fakeSnapshot(), { contentHash: FAKE_HASH });
    const plainPdf = await reviewPdf(fakeSnapshot(), { contentHash: FAKE_HASH, compress: false });
    expect(compressed.length).toBeLessThan(plainPdf.length);
    expect(allText(compressed)).toContain(FAKE_HASH);
  });

  it('replaces characters the standard fonts cannot draw', () => {
    expect(plain('Café – “ok” → ≥ 2')).toBe('Café – “ok” -> >= 2');
    expect(plain('Łódź\u200b 漢')).toBe('Lódz ?');
    expect(plain('a\tb\u0007c re\u00adport')).toBe('a bc report');
  });
});
