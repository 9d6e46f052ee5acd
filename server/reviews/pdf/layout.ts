// The PDFKit namespace comes from @types/pdfkit, loaded where ../pdf.ts imports the library.
export type Doc = PDFKit.PDFDocument;

// The 14 standard PDF fonts are built into every reader, so nothing is embedded or fetched.
export const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold', mono: 'Courier' } as const;

// NHS identity colours, as on the web pages.
export const COLOUR = { ink: '#212b32', secondary: '#4c6272', blue: '#005eb8', red: '#d5281b', fill: '#f0f4f5', border: '#d8dde0' } as const;

/** Points; the bottom margin leaves room for the two-line footer. */
export const MARGIN = { top: 56, bottom: 72, left: 56, right: 56 } as const;

export const SIZE = { title: 24, heading: 16, subheading: 12, body: 10, table: 8.5, footer: 7 } as const;

const CELL_PAD = 3;

// WinAnsi's characters above Latin-1's printable range; the standard fonts can draw these and Latin-1.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const REPLACEMENTS: Record<string, string> = { '→': '->', '←': '<-', '≥': '>=', '≤': '<=', '≠': '!=', '−': '-', '‐': '-', '‑': '-', '✓': 'yes', '✔': 'yes', '✗': 'no', '✘': 'no', Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', ı: 'i' };

const drawable = (ch: string) => {
  const code = ch.codePointAt(0) ?? 0;
  return (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch);
};

// Control characters, the soft hyphen and zero-width marks: nothing to draw, and some would break the line.
const invisible = (ch: string) => {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code < 0xa0) || code === 0xad || (code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff;
};

/**
 * Text the standard fonts can draw. They only encode WinAnsi: anything else would come out as the wrong
 * glyphs, so accents outside it lose their marks, a few symbols get ASCII spellings and the rest become "?".
 */
export function plain(text: string): string {
  let out = '';
  for (const ch of text.replace(/\r\n?/g, '\n')) {
    if (ch === '\n') out += ch;
    else if (ch === '\t') out += ' ';
    else if (invisible(ch)) continue;
    else if (drawable(ch)) out += ch;
    else if (REPLACEMENTS[ch] !== undefined) out += REPLACEMENTS[ch];
    else if (/\s/.test(ch)) out += ' ';
    else {
      const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
      out += base && [...base].every(drawable) ? base : '?';
    }
  }
  return out;
}

export const contentWidth = (doc: Doc) => doc.page.width - MARGIN.left - MARGIN.right;
const bottomLimit = (doc: Doc) => doc.page.height - MARGIN.bottom;

/** Starts a new page unless `height` points still fit below the cursor. */
export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottomLimit(doc)) doc.addPage();
}

/** `keepWith` is the height of what must follow on the same page, so a heading never ends a page alone. */
export function heading(doc: Doc, text: string, opts: { destination?: string; keepWith?: number } = {}): void {
  ensureSpace(doc, 40 + (opts.keepWith ?? 60));
  doc.moveDown(0.5).font(FONT.bold).fontSize(SIZE.heading).fillColor(COLOUR.ink);
  if (opts.destination) doc.addNamedDestination(opts.destination);
  doc.text(plain(text), MARGIN.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.3);
}

export function subheading(doc: Doc, text: string): void {
  // A subheading alone at the foot of a page reads as orphaned: keep room for a few lines after it.
  ensureSpace(doc, 60);
  doc.moveDown(0.4).font(FONT.bold).fontSize(SIZE.subheading).fillColor(COLOUR.ink);
  doc.text(plain(text), MARGIN.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.2);
}

export function paragraph(doc: Doc, text: string, opts: { bold?: boolean; colour?: string; size?: number } = {}): void {
  doc
    .font(opts.bold ? FONT.bold : FONT.regular)
    .fontSize(opts.size ?? SIZE.body)
    .fillColor(opts.colour ?? COLOUR.ink)
    .text(plain(text), MARGIN.left, doc.y, { width: contentWidth(doc), paragraphGap: 3 });
}

/** A label in bold followed by its value on the same line, e.g. "Status: Starts this quarter". */
export function labelled(doc: Doc, label: string, value: string): void {
  doc.font(FONT.bold).fontSize(SIZE.body).fillColor(COLOUR.ink);
  doc.text(`${plain(label)}: `, MARGIN.left, doc.y, { width: contentWidth(doc), continued: true });
  doc.font(FONT.regular).text(plain(value), { paragraphGap: 2 });
}

export const NONE = 'None this quarter.';

export function none(doc: Doc, text = NONE): void {
  paragraph(doc, text, { colour: COLOUR.secondary });
}

export type Cell = string | { text: string; bold?: boolean; colour?: string };
export type Column = { header: string; width: number; align?: 'left' | 'right' | 'center' };

const cellText = (c: Cell) => plain(typeof c === 'string' ? c : c.text);

function cellHeight(doc: Doc, cell: Cell, width: number, bold: boolean): number {
  doc.font(bold ? FONT.bold : FONT.regular).fontSize(SIZE.table);
  return doc.heightOfString(cellText(cell) || ' ', { width: width - 2 * CELL_PAD }) + 2 * CELL_PAD;
}

function drawRow(doc: Doc, cols: Column[], xs: number[], cells: Cell[], header: boolean): void {
  const heights = cols.map((c, i) => cellHeight(doc, cells[i] ?? '', c.width, header || (typeof cells[i] === 'object' && (cells[i] as { bold?: boolean }).bold === true)));
  const h = Math.max(...heights);
  const y = doc.y;
  const width = cols.reduce((n, c) => n + c.width, 0);
  if (header) doc.rect(MARGIN.left, y, width, h).fill(COLOUR.fill);
  doc.moveTo(MARGIN.left, y + h).lineTo(MARGIN.left + width, y + h).lineWidth(header ? 1 : 0.5).strokeColor(header ? COLOUR.secondary : COLOUR.border).stroke();
  cols.forEach((col, i) => {
    const cell = cells[i] ?? '';
    const bold = header || (typeof cell === 'object' && cell.bold === true);
    doc
      .font(bold ? FONT.bold : FONT.regular)
      .fontSize(SIZE.table)
      .fillColor((typeof cell === 'object' && cell.colour) || COLOUR.ink)
      .text(cellText(cell), (xs[i] ?? MARGIN.left) + CELL_PAD, y + CELL_PAD, { width: col.width - 2 * CELL_PAD, align: col.align ?? 'left' });
  });
  doc.x = MARGIN.left;
  doc.y = y + h;
}

/**
 * A table that wraps each cell in its column and repeats the header on every page it spans. A row taller
 * than a whole page cannot happen in practice (cells are titles and short notes), so rows never split.
 */
export function table(doc: Doc, cols: Column[], rows: Cell[][], opts: { caption?: string } = {}): void {
  const xs = cols.map((_, i) => MARGIN.left + cols.slice(0, i).reduce((n, c) => n + c.width, 0));
  const headerCells = cols.map((c) => c.header);
  const headerHeight = Math.max(...cols.map((c) => cellHeight(doc, c.header, c.width, true)));
  const rowHeight = (r: Cell[]) => Math.max(...cols.map((c, i) => cellHeight(doc, r[i] ?? '', c.width, false)));

  if (opts.caption) {
    ensureSpace(doc, 40 + headerHeight + rowHeight(rows[0] ?? []));
    paragraph(doc, opts.caption, { bold: true, size: SIZE.body });
  }
  ensureSpace(doc, headerHeight + rowHeight(rows[0] ?? []));
  drawRow(doc, cols, xs, headerCells, true);
  for (const row of rows) {
    if (doc.y + rowHeight(row) > bottomLimit(doc)) {
      doc.addPage();
      drawRow(doc, cols, xs, headerCells, true);
    }
    drawRow(doc, cols, xs, row, false);
  }
  doc.moveDown(0.6);
}

/**
 * Column widths filling the content width: a string sizes its column to fit that text on one line (case
 * references must not break mid-reference), a number is a share of what is left.
 */
export function widths(doc: Doc, spec: (number | string)[]): number[] {
  doc.font(FONT.bold).fontSize(SIZE.table);
  const fixed = spec.map((s) => (typeof s === 'string' ? doc.widthOfString(plain(s)) + 2 * CELL_PAD + 2 : 0));
  const rest = contentWidth(doc) - fixed.reduce((a, b) => a + b, 0);
  const total = spec.reduce<number>((a, s) => a + (typeof s === 'number' ? s : 0), 0);
  return spec.map((s, i) => (typeof s === 'number' ? (rest * s) / total : (fixed[i] ?? 0)));
}

/** The longest of some texts, to size a column with `widths`. */
export const widest = (doc: Doc, texts: string[], fallback: string): string => {
  doc.font(FONT.bold).fontSize(SIZE.table);
  return [fallback, ...texts].reduce((a, b) => (doc.widthOfString(plain(b)) > doc.widthOfString(plain(a)) ? b : a));
};

/** Cuts text to fit `width` at the current font and size, ending with an ellipsis. */
export function fitLine(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let cut = text;
  while (cut.length > 1 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/**
 * "Page N of M" and the content hash on every page, written once all pages exist. The bottom margin is
 * lifted while writing, or pdfkit would treat text below it as overflow and add a page.
 */
export function footers(doc: Doc, left: string, hash: string | null): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN.bottom + 24;
    const width = contentWidth(doc);
    doc.moveTo(MARGIN.left, y - 6).lineTo(MARGIN.left + width, y - 6).lineWidth(0.5).strokeColor(COLOUR.border).stroke();
    doc.font(FONT.regular).fontSize(SIZE.footer).fillColor(COLOUR.secondary);
    const page = `Page ${i - range.start + 1} of ${range.count}`;
    const pageWidth = doc.widthOfString(page);
    doc.text(fitLine(doc, plain(left), width - pageWidth - 12), MARGIN.left, y, { width: width - pageWidth - 12, lineBreak: false });
    doc.text(page, MARGIN.left + width - pageWidth, y, { width: pageWidth, lineBreak: false });
    doc.text(hash === 'draft' ? 'A draft: no content hash until it is signed off' : hash ? `SHA-256: ${plain(hash)}` : 'SHA-256: not recorded', MARGIN.left, y + 11, { width, lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
