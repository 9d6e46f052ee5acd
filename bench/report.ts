/** The benchmark's figures: one row each, printed as a table or as one JSON object of named figures. */
import { round } from './stats.ts';

export type Target = { op: '<=' | '>='; value: number; source?: string };
export type Row = { group: string; label: string; value: number | null; unit: string; key?: string; target?: Target; digits?: number; note?: string };

export function met(row: Row): boolean | undefined {
  if (!row.target || row.value === null) return undefined;
  return row.target.op === '<=' ? row.value <= row.target.value : row.value >= row.target.value;
}

/** figure ÷ target: below 1 is good for a ceiling, above 1 for a floor. */
const ratio = (row: Row) => (row.target && row.value !== null && row.target.value !== 0 ? row.value / row.target.value : null);

const fmt = (v: number | null, digits = 2) => {
  if (v === null) return '—';
  const r = round(v, Math.abs(v) >= 100 ? 0 : digits)!;
  return r.toLocaleString('en-GB', { maximumFractionDigits: Math.abs(v) >= 100 ? 0 : digits });
};

export function table(rows: Row[]): string {
  const header = ['figure', 'value', 'target', 'ratio', '', 'name'];
  const body: string[][] = [];
  let group = '';
  const lines: (string[] | string)[] = [];
  for (const row of rows) {
    if (row.group !== group) {
      group = row.group;
      lines.push(group);
    }
    const ok = met(row);
    const cells = [
      `  ${row.label}`,
      `${fmt(row.value, row.digits)} ${row.unit}`.trim(),
      row.target ? `${row.target.op === '<=' ? '≤' : '≥'} ${fmt(row.target.value)} ${row.unit}${row.target.source ? ` (${row.target.source})` : ''}`.trim() : '',
      row.target ? fmt(ratio(row)) : '',
      ok === undefined ? '' : ok ? 'met' : 'MISSED',
      row.key ?? '',
    ];
    body.push(cells);
    lines.push(cells);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const out = [line(header), widths.map((w) => '─'.repeat(w)).join('  ')];
  for (const l of lines) out.push(typeof l === 'string' ? l : line(l));
  const notes = rows.filter((r) => r.note).map((r) => `  ${r.label}: ${r.note}`);
  if (notes.length) out.push('', 'Notes', ...notes);
  return out.join('\n');
}

/** Only the named figures, rounded; a figure that could not be measured is null. */
export function figures(rows: Row[], extra: Record<string, number> = {}): Record<string, number | null> {
  const out: Record<string, number | null> = { ...extra };
  for (const row of rows) if (row.key) out[row.key] = round(row.value, row.digits ?? 2);
  return out;
}
