import PDFDocument from 'pdfkit';
import { quarterLabel } from '../domain/quarters.ts';
import { formatDateTime } from '../web/helpers/dates.ts';
import { COLOUR, contentWidth, type Doc, FONT, footers, heading, labelled, MARGIN, none, paragraph, plain, SIZE, subheading } from './pdf/layout.ts';
import * as sections from './pdf/sections.ts';
import { type ReviewSnapshot, type Section, SECTION_TITLES, SECTIONS } from './types.ts';

export type ReviewPdfOptions = {
  /** The SHA-256 stored with the snapshot; it is computed over the snapshot, so it cannot be inside it. */
  contentHash?: string | null;
  /** Defaults to UK date and time, as on the web pages. */
  formatDateTime?: (iso: string) => string;
  /** Action owners are vocabulary codes in the snapshot; pass the vocabulary's labels to print names. */
  ownerLabel?: (code: string) => string;
  /** Tests turn compression off to read the content streams; real downloads keep it on. */
  compress?: boolean;
  /**
   * A draft pack to send round before the meeting: `signedOff` then holds who made it and when,
   * and every page says it is a draft, with no hash, as its contents will change.
   */
  draft?: boolean;
};

const DRAW: Record<Section, (doc: Doc, ctx: sections.Context) => void> = {
  summary: sections.summary,
  signals: sections.signals,
  recurrences: sections.recurrences,
  triangulation: sections.triangulation,
  delays: sections.delays,
  actions: sections.actions,
  cases: sections.cases,
};

const destination = (key: string) => `section-${key}`;

function findingsText(doc: Doc, text: string | undefined): void {
  if (text?.trim()) paragraph(doc, text.trim());
  else none(doc, 'No findings recorded.');
}

function titlePage(doc: Doc, s: ReviewSnapshot, opts: { hash: string | null; when: string; draft: boolean }): void {
  const width = contentWidth(doc);
  doc.font(FONT.bold).fontSize(SIZE.body).fillColor(COLOUR.blue).text('Casebook', MARGIN.left, MARGIN.top, { width });
  doc.moveDown(1.5);
  doc.font(FONT.bold).fontSize(SIZE.title).fillColor(COLOUR.ink).text('Quarterly learning review', { width });
  doc.moveDown(0.3);
  doc.font(FONT.regular).fontSize(SIZE.heading).text(plain(quarterLabel(s.pack.quarter)), { width });
  doc.fontSize(SIZE.subheading).text(plain(s.pack.scope.label), { width });
  doc.moveDown(1.5);

  labelled(doc, 'Version', s.review.versionNo > 1 || s.review.correctionReason ? `${s.review.versionNo} (a correction of an earlier version)` : String(s.review.versionNo));
  if (s.review.correctionReason) labelled(doc, 'Reason for correction', s.review.correctionReason);
  if (opts.draft) {
    paragraph(doc, 'DRAFT: not signed off', { bold: true, colour: COLOUR.red });
    paragraph(doc, `Prepared by ${s.signedOff.by} on ${opts.when} for the review meeting. The figures follow the cases until the review is signed off, and the findings are not yet agreed.`);
  } else {
    paragraph(doc, `Signed off by ${s.signedOff.by} on ${opts.when}`);
    doc.moveDown(0.8);
    paragraph(doc, 'Content hash (SHA-256)', { bold: true });
    doc.font(FONT.mono).fontSize(9).fillColor(COLOUR.ink).text(opts.hash ? plain(opts.hash) : 'Not recorded', MARGIN.left, doc.y, { width });
    doc.moveDown(0.3);
    paragraph(doc, 'This document prints the review exactly as it was frozen at sign-off. Later changes to cases do not alter it; the hash identifies this version.', {
      size: SIZE.table,
      colour: COLOUR.secondary,
    });
  }

  doc.moveDown(1.5);
  paragraph(doc, 'Contents', { bold: true, size: SIZE.subheading });
  doc.moveDown(0.2);
  const entries = [...SECTIONS.map((k) => ({ key: k, title: SECTION_TITLES[k] })), { key: 'overall', title: 'Overall findings' }, { key: 'attendance', title: 'Attendance' }, { key: 'agreed', title: 'Actions agreed' }];
  for (const e of entries) {
    doc.font(FONT.regular).fontSize(SIZE.body).fillColor(COLOUR.blue).text(e.title, MARGIN.left, doc.y, { width, goTo: destination(e.key), paragraphGap: 2 });
  }
  doc.fillColor(COLOUR.ink);
}

/**
 * The signed-off review as an A4 PDF, drawn from its frozen snapshot with the built-in PDF fonts, so it
 * needs no browser, network or font files. Sections follow the review page; each ends with its findings.
 */
export async function reviewPdf(snapshot: ReviewSnapshot, opts: ReviewPdfOptions = {}): Promise<Buffer> {
  const when = (opts.formatDateTime ?? formatDateTime)(snapshot.signedOff.at) || snapshot.signedOff.at;
  const hash = opts.contentHash ?? null;
  const quarter = quarterLabel(snapshot.pack.quarter);
  const signedAt = new Date(snapshot.signedOff.at);
  const doc: Doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    compress: opts.compress ?? true,
    lang: 'en-GB',
    displayTitle: true,
    info: {
      Title: plain(`Quarterly learning review ${quarter}: ${snapshot.pack.scope.label}`),
      Subject: hash ? `SHA-256 ${hash}` : 'Quarterly learning review',
      Creator: 'Casebook',
      // The sign-off time, not the download time: the same review should print as the same document.
      ...(Number.isNaN(signedAt.getTime()) ? {} : { CreationDate: signedAt }),
    },
  });
  const chunks: Uint8Array[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Uint8Array) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  // Without vocabulary labels, a code such as imaging_manager still reads as words and wraps at spaces.
  const ctx: sections.Context = { snapshot, owner: opts.ownerLabel ?? ((code) => code.replace(/_/g, ' ')) };
  titlePage(doc, snapshot, { hash, when, draft: opts.draft ?? false });

  doc.addPage();
  for (const key of SECTIONS) {
    // The first signal's chart is drawn whole, so the heading has to travel with it.
    const keepWith = key === 'signals' ? sections.firstSignalHeight(doc, ctx) : undefined;
    heading(doc, SECTION_TITLES[key], { destination: destination(key), ...(keepWith ? { keepWith } : {}) });
    doc.outline.addItem(SECTION_TITLES[key]);
    DRAW[key](doc, ctx);
    subheading(doc, "Director's findings");
    findingsText(doc, snapshot.findings[key]);
    doc.moveDown(0.8);
  }

  heading(doc, 'Overall findings', { destination: destination('overall') });
  doc.outline.addItem('Overall findings');
  findingsText(doc, snapshot.findings.overall);
  heading(doc, 'Attendance', { destination: destination('attendance') });
  doc.outline.addItem('Attendance');
  sections.attendance(doc, ctx);
  heading(doc, 'Actions agreed', { destination: destination('agreed') });
  doc.outline.addItem('Actions agreed');
  sections.agreedActions(doc, ctx);

  footers(doc, `${opts.draft ? 'DRAFT, not signed off: ' : ''}Quarterly learning review ${quarter}, version ${snapshot.review.versionNo}: ${snapshot.pack.scope.label}`, opts.draft ? 'draft' : hash);
  doc.end();
  return done;
}
