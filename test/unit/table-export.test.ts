import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportFilename, sheetName, toCsv, toXlsx, type ExportTable } from '../../server/web/table-export.ts';

const table = (rows: ExportTable['rows'], title = 'Cases'): ExportTable => ({
  title,
  columns: [{ header: 'Reference' }, { header: 'Notes', width: 40 }, { header: 'Count' }],
  rows,
});

describe('toCsv', () => {
  it('starts with a BOM and the header row, ends every record with CRLF', () => {
    const csv = toCsv(table([['C-1', 'fine', 3]]));
    expect(csv.startsWith('\uFEFFReference,Notes,Count\r\n')).toBe(true);
    expect(csv).toBe('\uFEFFReference,Notes,Count\r\nC-1,fine,3\r\n');
  });

  it('quotes commas, quotes and line breaks the RFC 4180 way', () => {
    const csv = toCsv(table([['a,b', 'say "no"', null], ['line\nbreak', 'cr\ronly', 1], ['crlf\r\nhere', '', 0]]));
    expect(csv.split('\r\n').slice(1, 2)).toEqual(['"a,b","say ""no""",']);
    expect(csv).toContain('"line\nbreak","cr\ronly",1\r\n');
    expect(csv).toContain('"crlf\r\nhere",,0\r\n');
  });

  it('writes null and non-finite numbers as empty fields', () => {
    expect(toCsv(table([[null, null, Number.NaN]])).endsWith('\r\n,,\r\n')).toBe(true);
  });

  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x","y")'])('neutralises formula %j', (cell) => {
    const line = toCsv(table([[cell, null, null]])).split('\r\n')[1] ?? '';
    expect(line.replace(/^"/, '').startsWith(`'${cell.slice(0, 1)}`)).toBe(true);
  });

  it('leaves negative numbers and ordinary text alone', () => {
    expect(toCsv(table([['a-b', 'x=y', -4]])).split('\r\n')[1]).toBe('a-b,x=y,-4');
  });
});

/** The sheet as written: cells by reference, with shared strings resolved. */
async function readXlsx(t: ExportTable) {
  const files = unzipSync(new Uint8Array(await toXlsx(t)));
  const text = (name: string) => strFromU8(files[name] ?? new Uint8Array());
  const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const shared = [...text('xl/sharedStrings.xml').matchAll(/<si><t[^>]*>([\s\S]*?)<\/t><\/si>/g)].map((m) => unescape(m[1] ?? ''));
  const sheet = text('xl/worksheets/sheet1.xml');
  const cells = new Map<string, { type: string | undefined; style: string | undefined; value: string | number; formula: boolean }>();
  for (const m of sheet.matchAll(/<c r="([A-Z]+\d+)"([^>]*)>([\s\S]*?)<\/c>/g)) {
    const [, ref = '', attrs = '', body = ''] = m;
    const type = /\bt="(\w+)"/.exec(attrs)?.[1];
    const raw = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1] ?? '';
    const value = type === 's' ? (shared[Number(raw)] ?? '') : type === undefined ? Number(raw) : unescape(raw);
    cells.set(ref, { type, style: /\bs="(\d+)"/.exec(attrs)?.[1], value, formula: /<f[\s>]/.test(body) });
  }
  return { cells, sheet, workbook: text('xl/workbook.xml'), styles: text('xl/styles.xml') };
}

describe('toXlsx', () => {
  it('writes a bold, frozen header row, values, and numbers as numbers', async () => {
    const { cells, sheet, styles } = await readXlsx(table([['C-1', 'a, "b"', 3], ['C-2', null, 2.5]]));
    expect(['A1', 'B1', 'C1'].map((r) => cells.get(r)?.value)).toEqual(['Reference', 'Notes', 'Count']);
    expect(cells.get('A2')).toMatchObject({ type: 's', value: 'C-1' });
    expect(cells.get('B2')?.value).toBe('a, "b"');
    expect(cells.get('C2')).toMatchObject({ type: undefined, value: 3 });
    expect(cells.get('C3')).toMatchObject({ type: undefined, value: 2.5 });
    expect(cells.has('B3')).toBe(false);
    // The header style's font is the bold one.
    const headerXf = [...styles.matchAll(/<xf [^>]*>/g)][Number(cells.get('A1')?.style)]?.[0] ?? '';
    const boldFont = [...styles.matchAll(/<font>([\s\S]*?)<\/font>/g)].findIndex((m) => m[1]?.includes('<b/>'));
    expect(headerXf).toContain(`fontId="${boldFont}"`);
    expect(sheet).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    expect(sheet).toContain('<col min="2" max="2" width="40"');
  });

  it('stores an injection string as text, never as a formula', async () => {
    const { cells, sheet } = await readXlsx(table([['=HYPERLINK("http://evil.example","x")', '+1', -1]]));
    expect(cells.get('A2')).toMatchObject({ type: 's', value: '=HYPERLINK("http://evil.example","x")', formula: false });
    expect(cells.get('B2')).toMatchObject({ type: 's', value: '+1' });
    expect(cells.get('C2')).toMatchObject({ type: undefined, value: -1 });
    expect(sheet).not.toContain('<f>');
  });

  it('names the sheet from the title within Excel rules', async () => {
    const { workbook } = await readXlsx(table([], 'Cases / filtered: imaging [Q3] 2026 and some more words'));
    const name = /<sheet [^>]*name="([^"]*)"/.exec(workbook)?.[1] ?? '';
    expect(name.length).toBeLessThanOrEqual(31);
    expect(name).not.toMatch(/[[\]/\\:*?]/);
    expect(name).toBe('Cases filtered imaging Q3 2026');
  });
});

describe('sheetName', () => {
  it.each([
    ['Cases', 'Cases'],
    ['a/b\\c:d*e?f[g]h', 'a b c d e f g h'],
    ["'quoted'", 'quoted'],
    ['History', 'Export'],
    ['???', 'Export'],
    ['x'.repeat(40), 'x'.repeat(31)],
    [`${'x'.repeat(30)}😀`, 'x'.repeat(30)],
  ])('%j → %j', (title, expected) => expect(sheetName(title)).toBe(expected));
});

describe('exportFilename', () => {
  it.each([
    ['casebook-cases', 'csv', '2026-11-23T12:00:00Z', 'casebook-cases-2026-11-23.csv'],
    ['Casebook: Cases / Q3 (filtered)', 'xlsx', '2026-11-23T12:00:00Z', 'casebook-cases-q3-filtered-2026-11-23.xlsx'],
    ['Révision ../../etc', 'csv', '2026-11-23T12:00:00Z', 'revision-etc-2026-11-23.csv'],
    ['', 'csv', '2026-11-23T12:00:00Z', 'export-2026-11-23.csv'],
    // 23:30 UTC in British Summer Time is already the next day in London.
    ['cases', 'csv', '2026-07-01T23:30:00Z', 'cases-2026-07-02.csv'],
  ] as const)('%j', (base, ext, now, expected) => expect(exportFilename(base, ext, new Date(now))).toBe(expected));
});
