import type * as CsvStringify from 'csv-stringify/sync';
import { lazyRequire } from '../lazy-require.ts';
import type { Cell, Row } from 'write-excel-file/node';

const loadCsvStringify = lazyRequire<typeof CsvStringify>('csv-stringify/sync');

export type ExportTable = { title: string; columns: { header: string; width?: number }[]; rows: (string | number | null)[][] };

type Value = ExportTable['rows'][number][number];

// NaN or Infinity would print as text in CSV and corrupt the XLSX XML, so they export as empty cells.
const clean = (v: Value): Value => (typeof v === 'number' && !Number.isFinite(v) ? null : v);

/** RFC 4180 with CRLF and a UTF-8 BOM (without it Excel reads the file as the local code page). */
export function toCsv(table: ExportTable): string {
  return loadCsvStringify().stringify([table.columns.map((c) => c.header), ...table.rows.map((r) => r.map(clean))], {
    bom: true,
    record_delimiter: 'windows',
    // Giving record_delimiter turns this off by default, and a bare \n or \r in a cell must still be quoted.
    quote_record_delimiter: true,
    // OWASP CSV injection: prefixes ' to strings starting = + - @ tab CR (and their full-width forms); numbers are left alone.
    escape_formulas: true,
  });
}

const FORBIDDEN_IN_SHEET_NAME = /[[\]/\\:*?]/g;

/** Excel refuses names over 31 characters, with []/\:*?, starting or ending with ', or equal to the reserved "History". */
export function sheetName(title: string): string {
  const chars = Array.from(title.replace(FORBIDDEN_IN_SHEET_NAME, ' ').replace(/\s+/g, ' ').trim());
  let name = '';
  // Counted in UTF-16 units because that is how Excel counts, without splitting a surrogate pair.
  for (const ch of chars) {
    if (name.length + ch.length > 31) break;
    name += ch;
  }
  name = name.replace(/^'+|'+$/g, '').trim();
  return name === '' || name.toLowerCase() === 'history' ? 'Export' : name;
}

function cell(v: Value): Cell {
  const value = clean(v);
  if (value === null) return null;
  // An explicit type: strings go in the shared-string table, so "=cmd|…" is shown as text and never evaluated.
  return typeof value === 'number' ? { value, type: Number } : { value, type: String };
}

/** Width in characters: the one given, else fitted to the longest value within reason. */
function columnWidth(table: ExportTable, i: number): number {
  const given = table.columns[i]?.width;
  if (given !== undefined) return given;
  const longest = Math.max(...[table.columns[i]?.header, ...table.rows.map((r) => r[i])].map((v) => (v == null ? 0 : String(v).length)));
  return Math.min(60, Math.max(8, longest + 2));
}

export async function toXlsx(table: ExportTable): Promise<Buffer> {
  // Loaded when a spreadsheet is asked for, not at every start-up.
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  const header: Row = table.columns.map((c) => ({ value: c.header, type: String, fontWeight: 'bold' }));
  return writeXlsxFile([header, ...table.rows.map((r) => r.map(cell))], {
    sheet: sheetName(table.title),
    stickyRowsCount: 1,
    columns: table.columns.map((_, i) => ({ width: columnWidth(table, i) })),
  }).toBuffer();
}

/** e.g. casebook-cases-2026-11-23.csv. The date is the London one, so a late-evening export is not dated tomorrow or yesterday. */
export function exportFilename(base: string, ext: 'csv' | 'xlsx' | 'html' | 'pdf', now: Date): string {
  const slug =
    base
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80)
      .replace(/-+$/, '') || 'export';
  const parts = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Europe/London' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${slug}-${part('year')}-${part('month')}-${part('day')}.${ext}`;
}
