import { formatDay } from '../../domain/actions.ts';
import { defaultFormatPeriod } from '../../domain/spc.ts';
import type { ActionLine, Matrix, QuarterCounts, ReviewSnapshot, SignalView } from '../types.ts';
import { signalChart } from './chart.ts';
import { type Cell, COLOUR, contentWidth, type Column, type Doc, ensureSpace, FONT, labelled, none, paragraph, plain, SIZE, subheading, table, widest, widths } from './layout.ts';

export type Context = {
  snapshot: ReviewSnapshot;
  owner: (code: string) => string;
};

const MATRIX_COLUMNS_PER_TABLE = 8;

const day = (iso: string) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? formatDay(iso) : iso);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function quarterCountsTable(doc: Doc, ctx: Context, caption: string, label: string, rows: QuarterCounts[]): void {
  const quarters = ctx.snapshot.pack.quarters;
  if (rows.length === 0) {
    paragraph(doc, caption, { bold: true });
    none(doc);
    return;
  }
  const w = widths(doc, [3, ...quarters.map(() => 1)]);
  const last = quarters.length - 1;
  const cols = [
    { header: label, width: w[0] ?? 0 },
    ...quarters.map((q, i) => ({ header: i === last ? `${defaultFormatPeriod(q)} (this quarter)` : defaultFormatPeriod(q), width: w[i + 1] ?? 0, align: 'right' as const })),
  ];
  table(
    doc,
    cols,
    rows.map((r) => [r.label, ...quarters.map((_, i): Cell => ({ text: String(r.counts[i] ?? 0), bold: i === last }))]),
    { caption },
  );
}

export function summary(doc: Doc, ctx: Context): void {
  const { pack } = ctx.snapshot;
  quarterCountsTable(doc, ctx, 'All cases', 'Cases', [{ code: 'total', label: 'All cases', counts: pack.summary.total }]);
  // Themes with no cases in any of the five quarters add rows of zeros and nothing to read.
  quarterCountsTable(doc, ctx, 'Cases by theme', 'Theme', pack.summary.byTheme.filter((r) => r.counts.some((n) => n > 0)));
  quarterCountsTable(doc, ctx, 'Cases by source', 'Source', pack.summary.bySource.filter((r) => r.counts.some((n) => n > 0)));
}

function signalTextHeight(doc: Doc, s: SignalView): number {
  const width = contentWidth(doc);
  doc.font(FONT.bold).fontSize(SIZE.subheading);
  const label = doc.heightOfString(plain(s.label), { width });
  doc.fontSize(SIZE.body);
  return 20 + label + doc.heightOfString(plain(`Status: ${s.status}`), { width }) + doc.heightOfString(plain(`Reading: ${s.reading}`), { width }) + 6;
}

/** What the signals section needs free below its heading: the first signal whole, words and chart. */
export function firstSignalHeight(doc: Doc, ctx: Context): number | undefined {
  const first = ctx.snapshot.pack.signals[0];
  return first ? signalTextHeight(doc, first) + signalChart(doc, first, 0).height : undefined;
}

export function signals(doc: Doc, ctx: Context): void {
  const list = ctx.snapshot.pack.signals;
  if (list.length === 0) return none(doc);
  list.forEach((s, i) => {
    const chart = signalChart(doc, s, i);
    // A signal's words stay on the same page as its chart.
    ensureSpace(doc, signalTextHeight(doc, s) + chart.height);
    doc.moveDown(0.4);
    paragraph(doc, s.label, { bold: true, size: SIZE.subheading });
    labelled(doc, 'Status', s.status === 'starts' ? 'Starts this quarter' : 'Continues from an earlier quarter');
    labelled(doc, 'Reading', s.reading);
    chart.draw();
  });
}

export function recurrences(doc: Doc, ctx: Context): void {
  const { repeats, recurringFactors, clusters } = ctx.snapshot.pack.recurrences;
  subheading(doc, 'Cases linked as repeats');
  if (repeats.length === 0) none(doc);
  else {
    const w = widths(doc, [widest(doc, repeats.map((r) => r.ref), 'Case'), 3, 2]);
    table(
      doc,
      [{ header: 'Case', width: w[0] ?? 0 }, { header: 'Title', width: w[1] ?? 0 }, { header: 'Repeat of', width: w[2] ?? 0 }],
      repeats.map((r) => [r.ref, r.title, r.repeats.join(', ')]),
    );
  }
  subheading(doc, 'Factors in at least 2 of the last 4 quarters');
  if (recurringFactors.length === 0) none(doc);
  else {
    const w = widths(doc, [3, 3, 1]);
    table(
      doc,
      [{ header: 'Factor', width: w[0] ?? 0 }, { header: 'Quarters it occurred', width: w[1] ?? 0 }, { header: 'Cases', width: w[2] ?? 0, align: 'right' }],
      recurringFactors.map((f) => [f.label, f.quarters.map((q) => defaultFormatPeriod(q)).join(', '), String(f.counts.reduce((a, b) => a + b, 0))]),
    );
  }
  subheading(doc, 'Clusters of similar cases across departments');
  if (clusters.length === 0) none(doc);
  else {
    const w = widths(doc, [4, 2, 2]);
    table(
      doc,
      [{ header: 'Cases', width: w[0] ?? 0 }, { header: 'Departments', width: w[1] ?? 0 }, { header: 'Shared terms', width: w[2] ?? 0 }],
      clusters.map((c) => [c.refs.map((r) => `${r.ref}: ${r.title} (${r.department})`).join('\n'), c.departments.join(', '), c.terms.join(', ')]),
    );
  }
}

/** Column letters for headers too long to fit: A, B, … Z, AA, AB, … */
const columnKey = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : `${columnKey(Math.floor(i / 26) - 1)}${columnKey(i % 26)}`);

/**
 * A count matrix, split into tables of a few columns so numbers stay legible on A4. A column whose
 * label has a word too wide for its cell is headed by a letter instead, with the key printed below.
 */
function matrix(doc: Doc, caption: string, rowLabel: string, m: Matrix): void {
  const rows = m.rows.map((r, i) => ({ label: r.label, counts: m.counts[i] ?? [] })).filter((r) => r.counts.some((n) => n > 0));
  if (rows.length === 0 || m.cols.length === 0) {
    paragraph(doc, caption, { bold: true });
    none(doc, 'No cases this quarter.');
    return;
  }
  const labelWidth = contentWidth(doc) * 0.3;
  const chunks = Math.ceil(m.cols.length / MATRIX_COLUMNS_PER_TABLE);
  for (let c = 0; c < chunks; c++) {
    const cols = m.cols.map((col, j) => ({ ...col, j })).slice(c * MATRIX_COLUMNS_PER_TABLE, (c + 1) * MATRIX_COLUMNS_PER_TABLE);
    const cellWidth = (contentWidth(doc) - labelWidth) / Math.min(m.cols.length, MATRIX_COLUMNS_PER_TABLE);
    doc.font(FONT.bold).fontSize(SIZE.table);
    const fits = (label: string) => plain(label).split(/\s+/).every((word) => doc.widthOfString(word) <= cellWidth - 6);
    const keyed = cols.filter((col) => !fits(col.label));
    table(
      doc,
      [{ header: rowLabel, width: labelWidth }, ...cols.map((col) => ({ header: fits(col.label) ? col.label : columnKey(col.j), width: cellWidth, align: 'right' as const }))],
      rows.map((r) => [r.label, ...cols.map((col): Cell => {
        const n = r.counts[col.j] ?? 0;
        return n === 0 ? { text: '0', colour: COLOUR.secondary } : { text: String(n), bold: true };
      })]),
      { caption: chunks > 1 ? `${caption} (table ${c + 1} of ${chunks})` : caption },
    );
    if (keyed.length) {
      doc.moveUp(0.3);
      paragraph(doc, `Key: ${keyed.map((col) => `${columnKey(col.j)} = ${col.label}`).join('; ')}.`, { size: SIZE.table, colour: COLOUR.secondary });
      doc.moveDown(0.5);
    }
  }
  paragraph(doc, 'Themes with no cases this quarter are left out.', { size: SIZE.table, colour: COLOUR.secondary });
  doc.moveDown(0.5);
}

export function triangulation(doc: Doc, ctx: Context): void {
  const { themeBySource, themeByDepartment } = ctx.snapshot.pack.triangulation;
  matrix(doc, 'Cases this quarter by theme and source', 'Theme', themeBySource);
  matrix(doc, 'Cases this quarter by theme and department', 'Theme', themeByDepartment);
}

export function delays(doc: Doc, ctx: Context): void {
  const { intervals, worst } = ctx.snapshot.pack.delays;
  subheading(doc, 'Stage intervals against expected timeframes');
  if (intervals.length === 0) none(doc);
  else {
    const w = widths(doc, [4, 1, 1, 1.3, 1.3]);
    table(
      doc,
      [
        { header: 'Interval', width: w[0] ?? 0 },
        { header: 'Measured', width: w[1] ?? 0, align: 'right' },
        { header: 'Breached', width: w[2] ?? 0, align: 'right' },
        { header: 'Share breaching', width: w[3] ?? 0, align: 'right' },
        { header: 'Median days', width: w[4] ?? 0, align: 'right' },
      ],
      intervals.map((i) => [`${i.from} to ${i.to}`, String(i.measured), String(i.breached), `${i.share}%`, i.median === null ? 'n/a' : String(i.median)]),
    );
  }
  subheading(doc, 'Worst cases');
  if (worst.length === 0) none(doc);
  else {
    const w = widths(doc, [widest(doc, worst.map((c) => c.ref), 'Case'), 3, 3, 0.8, 1, 0.9]);
    table(
      doc,
      [
        { header: 'Case', width: w[0] ?? 0 },
        { header: 'Title', width: w[1] ?? 0 },
        { header: 'Interval', width: w[2] ?? 0 },
        { header: 'Days', width: w[3] ?? 0, align: 'right' },
        { header: 'Expected (max days)', width: w[4] ?? 0, align: 'right' },
        { header: 'Over by', width: w[5] ?? 0, align: 'right' },
      ],
      worst.map((c) => [c.ref, c.title, c.interval, String(c.days), String(c.maxDays), { text: String(c.overBy), bold: true, colour: COLOUR.red }]),
    );
  }
}

const from = (a: ActionLine) => a.caseRef ?? (a.fromReview ? 'Earlier review' : '');

/** `withFrom` adds where an action came from: a case, or an earlier review (carried forward). */
function actionsTable(doc: Doc, ctx: Context, list: ActionLine[], last: { header: string; cell: (a: ActionLine) => Cell }, withFrom = true): void {
  const w = withFrom ? widths(doc, [4, 1.6, 1.5, widest(doc, list.map(from), 'From'), 2]) : widths(doc, [4, 1.6, 1.5, 2]);
  const cols: Column[] = [
    { header: 'Action', width: w[0] ?? 0 },
    { header: 'Owner', width: w[1] ?? 0 },
    { header: 'Due', width: w[2] ?? 0 },
    ...(withFrom ? [{ header: 'From', width: w[3] ?? 0 }] : []),
    { header: last.header, width: w.at(-1) ?? 0 },
  ];
  table(
    doc,
    cols,
    list.map((a) => [a.description, ctx.owner(a.owner), day(a.dueDate), ...(withFrom ? [from(a)] : []), last.cell(a)]),
  );
}

const statusCell = (a: ActionLine): Cell =>
  a.overdue ? { text: 'Overdue', bold: true, colour: COLOUR.red } : a.status === 'open' ? 'Open' : a.status === 'done' ? 'Done' : 'Dropped';

export function actions(doc: Doc, ctx: Context): void {
  const { open, overdue, doneSinceLast } = ctx.snapshot.pack.actions;
  subheading(doc, 'Open actions');
  if (open.length === 0) none(doc);
  else {
    paragraph(doc, `${plural(open.length, 'open action')}, ${overdue.length} overdue.`, { colour: overdue.length ? COLOUR.red : COLOUR.ink, bold: overdue.length > 0 });
    doc.moveDown(0.2);
    // Overdue first: they are what the meeting has to chase.
    actionsTable(doc, ctx, [...open].sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueDate.localeCompare(b.dueDate)), { header: 'Status', cell: statusCell });
  }
  subheading(doc, 'Done since the last review');
  if (doneSinceLast.length === 0) none(doc);
  else actionsTable(doc, ctx, doneSinceLast, { header: 'Evidence', cell: (a) => a.evidence ?? 'No evidence recorded' });
}

export function cases(doc: Doc, ctx: Context): void {
  const { pack, discussions } = ctx.snapshot;
  if (pack.cases.length === 0) return none(doc);
  // Cases carry theme codes; the summary's theme rows give their names.
  const themeNames = new Map(pack.summary.byTheme.map((t) => [t.code, t.label]));
  const discussed = pack.cases.filter((c) => discussions[c.ref]?.discussed).length;
  paragraph(doc, `${plural(pack.cases.length, 'case')}, ${discussed} discussed.`);
  doc.moveDown(0.2);
  const w = widths(doc, [widest(doc, pack.cases.map((c) => c.ref), 'Case'), 2.8, 1.6, 1.8, 'Discussed', 3]);
  table(
    doc,
    [
      { header: 'Case', width: w[0] ?? 0 },
      { header: 'Title', width: w[1] ?? 0 },
      { header: 'Department', width: w[2] ?? 0 },
      { header: 'Themes', width: w[3] ?? 0 },
      { header: 'Discussed', width: w[4] ?? 0 },
      { header: 'Note', width: w[5] ?? 0 },
    ],
    pack.cases.map((c) => {
      const d = discussions[c.ref];
      return [c.ref, c.title, c.department, c.themes.map((t) => themeNames.get(t) ?? t).join(', '), d?.discussed ? { text: 'Yes', bold: true } : 'No', d?.note ?? ''];
    }),
  );
}

export function attendance(doc: Doc, ctx: Context): void {
  const present = ctx.snapshot.attendance.filter((a) => a.count > 0);
  if (present.length === 0) return none(doc, 'No attendance recorded.');
  const w = widths(doc, [4, 1]);
  const total = present.reduce((n, a) => n + a.count, 0);
  table(
    doc,
    [{ header: 'Role', width: w[0] ?? 0 }, { header: 'Number', width: w[1] ?? 0, align: 'right' }],
    [...present.map((a): Cell[] => [a.role, String(a.count)]), [{ text: 'Total', bold: true }, { text: String(total), bold: true }]],
  );
}

export function agreedActions(doc: Doc, ctx: Context): void {
  const list = ctx.snapshot.agreedActions;
  if (list.length === 0) return none(doc, 'No actions agreed.');
  actionsTable(doc, ctx, list, { header: 'Status', cell: statusCell }, false);
}
