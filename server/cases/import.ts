import type * as CsvParse from 'csv-parse/sync';
import { lazyRequire } from '../lazy-require.ts';
import { isRef } from '../domain/case-ref.ts';
import { findIdentifiers, kindLabel } from '../domain/identifiers.ts';
import { STAGES } from '../domain/journey.ts';
import type { Term, Vocabularies } from '../vocabularies/service.ts';
import { FIELD_LABELS } from './form-view.ts';
import type { IdentifierFinding } from './identifier-check.ts';
import { CaseBody, type CaseInput } from './schema.ts';
import type { FieldProblem } from './service.ts';

const loadCsvParse = lazyRequire<typeof CsvParse>('csv-parse/sync');

export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 2000;

/** The whole file is unusable: nothing row by row can be said about it. */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}

type VocabularyKey = 'source' | 'department' | 'modality' | 'bodyArea' | 'setting' | 'urgency' | 'alertCategory' | 'harm' | 'ageBand';
type Key = 'title' | 'narrative' | 'learning' | VocabularyKey | 'eventMonth' | 'themes' | 'factors' | `journey.${(typeof STAGES)[number]}` | 'repeats' | 'status' | 'reference' | 'withdrawn';

export type ImportColumn = { key: Key; header: string; required?: boolean; hint: string; aliases?: string[] };

const VOCABULARY: Record<VocabularyKey, { list: Exclude<keyof Vocabularies, 'themes'>; noun: string; required: boolean }> = {
  source: { list: 'sources', noun: 'source', required: true },
  department: { list: 'departments', noun: 'department', required: true },
  modality: { list: 'modalities', noun: 'modality', required: true },
  bodyArea: { list: 'bodyAreas', noun: 'body area', required: false },
  setting: { list: 'settings', noun: 'care setting', required: true },
  urgency: { list: 'urgencies', noun: 'urgency', required: false },
  alertCategory: { list: 'alertCategories', noun: 'alert category', required: false },
  harm: { list: 'harms', noun: 'level of harm', required: true },
  ageBand: { list: 'ageBands', noun: 'age band', required: false },
};

const code = 'A code or label from the list below';

/**
 * The columns an import reads, in template order. Headers are the export's, so an exported file
 * imports back; the API's field names are accepted too, for files built by scripts.
 */
export const IMPORT_COLUMNS: ImportColumn[] = [
  { key: 'title', header: 'Title', required: true, hint: 'A short description, 200 characters or fewer' },
  { key: 'narrative', header: 'What happened', required: true, hint: 'The sequence of events, with people by role and time by day offsets', aliases: ['narrative'] },
  { key: 'learning', header: 'Learning points', hint: 'What should change', aliases: ['learning'] },
  { key: 'source', header: 'Source', required: true, hint: code },
  { key: 'department', header: 'Department', required: true, hint: code },
  { key: 'modality', header: 'Modality', required: true, hint: code },
  { key: 'bodyArea', header: 'Body area', hint: code, aliases: ['bodyArea'] },
  { key: 'setting', header: 'Care setting', required: true, hint: code, aliases: ['setting'] },
  { key: 'urgency', header: 'Urgency', hint: code },
  { key: 'alertCategory', header: 'Alert category', hint: code, aliases: ['alertCategory'] },
  { key: 'harm', header: 'Harm', required: true, hint: code },
  { key: 'ageBand', header: 'Age band', hint: code, aliases: ['ageBand'] },
  { key: 'eventMonth', header: 'Event month', required: true, hint: 'Year and month only, like 2026-03', aliases: ['eventMonth'] },
  { key: 'themes', header: 'Themes', hint: 'One or more theme codes separated by semicolons, like T1; T2 (or give factors)' },
  { key: 'factors', header: 'Factors', hint: 'Contributory factor codes separated by semicolons, like T1.01; T2.03: each implies its theme' },
  ...STAGES.filter((s) => s !== 'request').map((s) => ({ key: `journey.${s}` as const, header: `Day of ${s}`, hint: 'Whole days after the request (the request is day 0)' })),
  { key: 'repeats', header: 'Repeats earlier cases', hint: 'Case references separated by semicolons, like CB-2025-00012', aliases: ['repeats'] },
  { key: 'status', header: 'Status', hint: 'draft or submitted (submitted when blank)' },
];

// Read so that an export imports back, but not in the template: the request is always day 0,
// and a new case gets its own reference.
const READ_ONLY_COLUMNS: ImportColumn[] = [
  { key: 'journey.request', header: 'Day of request', hint: '0 or blank' },
  { key: 'reference', header: 'Reference', hint: 'Ignored: each imported case gets a new reference' },
  { key: 'withdrawn', header: 'Withdrawn', hint: 'no or blank' },
];

export const TEMPLATE_HEADERS = IMPORT_COLUMNS.map((c) => c.header);

const normalise = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
const BY_HEADER = new Map([...IMPORT_COLUMNS, ...READ_ONLY_COLUMNS].flatMap((c) => [c.header, ...(c.aliases ?? [])].map((h) => [normalise(h), c] as const)));

/** Which field a problem belongs to, as the column the user sees. */
export function columnOf(field: string): string {
  return [...IMPORT_COLUMNS, ...READ_ONLY_COLUMNS].find((c) => c.key === field)?.header ?? FIELD_LABELS[field] ?? field;
}

/** Excel's column letters, so a cell can be named without repeating what is in it. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

// Headings are echoed back to name a column; anything that could identify someone is not.
const heading = (h: string, i: number) => (h.length <= 40 && findIdentifiers(h).length === 0 ? `${columnLetter(i)} (‘${h}’)` : columnLetter(i));

type Layout = { columns: Map<number, ImportColumn>; themeFlags: Map<number, string>; factorFlags: Map<number, string> };

/** Matches the header row to columns; any heading it cannot place refuses the file, so no data is silently dropped. */
function layoutOf(header: string[], v: Vocabularies): Layout {
  const columns = new Map<number, ImportColumn>();
  const themeFlags = new Map<number, string>();
  const factorFlags = new Map<number, string>();
  const unknown: string[] = [];
  const seen = new Map<string, number>();
  if (header.length === 1 && header[0]!.includes(';')) throw new ImportFileError('The file uses semicolons between columns: save it as CSV (comma delimited)');
  const themeCodes = new Set(v.themes.map((t) => t.code));
  const factorCodes = new Set(v.themes.flatMap((t) => t.factors.map((f) => f.code)));
  header.forEach((raw, i) => {
    const h = raw.trim();
    if (!h) return;
    const column = BY_HEADER.get(normalise(h));
    // An export's 0/1 columns: "T2" for a theme, "T2.03 Follow-up … not booked" for a factor.
    const flag = /^(T\d+)$/i.exec(h)?.[1]?.toUpperCase();
    const factor = /^(T\d+\.\d+)(\s|$)/i.exec(h)?.[1]?.toUpperCase();
    const id = column ? column.key : (flag ?? factor ?? '');
    if (id && seen.has(id)) throw new ImportFileError(`Column ${heading(h, i)} repeats column ${heading(header[seen.get(id)!]!.trim(), seen.get(id)!)}: keep only one of them`);
    if (column) columns.set(i, column);
    else if (flag && themeCodes.has(flag)) themeFlags.set(i, flag);
    else if (factor && factorCodes.has(factor)) factorFlags.set(i, factor);
    else return unknown.push(heading(h, i));
    seen.set(id, i);
  });
  if (unknown.length) throw new ImportFileError(`The file has ${unknown.length === 1 ? 'a column' : 'columns'} Casebook does not recognise: ${unknown.join(', ')}. Rename ${unknown.length === 1 ? 'it' : 'them'} to a column in the list, or remove ${unknown.length === 1 ? 'it' : 'them'}`);
  const keys = new Set([...columns.values()].map((c) => c.key));
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !keys.has(c.key)).map((c) => c.header);
  if (!keys.has('themes') && !keys.has('factors') && !themeFlags.size && !factorFlags.size) missing.push('Themes');
  if (missing.length) throw new ImportFileError(`The first row must be the column headings, and it has no ${missing.join(', ')} column${missing.length === 1 ? '' : 's'}`);
  return { columns, themeFlags, factorFlags };
}

const FORMULA_ESCAPE = /^'(?=[=+\-@\t\r＝＋－＠])/;

// Our export puts ' before text that a spreadsheet would run as a formula; taking it off makes the round trip exact.
const clean = (cell: string | undefined) => (cell ?? '').replace(FORMULA_ESCAPE, '').trim();

// A retired term is still found, by code or label, so the problem can say it was retired rather than unknown.
const find = (terms: Term[], value: string): Term | undefined => {
  const v = value.toLowerCase().replace(/\s+/g, ' ');
  const labelled = (t: Term) => t.label.toLowerCase().replace(/\s+/g, ' ') === v;
  return terms.find((t) => t.code.toLowerCase() === v) ?? terms.find((t) => !t.retired && labelled(t)) ?? terms.find(labelled);
};

const FLAG_ON = new Set(['1', 'yes', 'y', 'true', 'x']);
const FLAG_OFF = new Set(['', '0', 'no', 'n', 'false']);

export type MappingProblem = FieldProblem & { column: string };
export type ImportRow = { row: number; input: CaseInput; problems: MappingProblem[] };

/** One data row as a case: every value it can read, and a problem for each it cannot. */
function mapRow(cells: string[], layout: Layout, v: Vocabularies): { input: CaseInput; problems: MappingProblem[] } {
  const problems: MappingProblem[] = [];
  const problem = (field: string, message: string, column = columnOf(field)) => problems.push({ field, column, message });
  const value: Partial<Record<Key, string>> = {};
  for (const [i, c] of layout.columns) value[c.key] = clean(cells[i]);

  const vocab: Partial<Record<VocabularyKey, string>> = {};
  for (const [key, { list, noun, required }] of Object.entries(VOCABULARY) as [VocabularyKey, (typeof VOCABULARY)[VocabularyKey]][]) {
    const raw = value[key] ?? '';
    if (!raw) {
      if (required) problem(key, `Enter the ${noun}: a code or label from the list`);
      continue;
    }
    const term = find(v[list], raw);
    if (!term) problem(key, `This is not a ${noun} Casebook knows: use a code or label from the list`);
    else if (term.retired) problem(key, `${term.code} has been retired: use a current ${noun}`);
    else vocab[key] = term.code;
  }

  const month = value.eventMonth ?? '';
  if (!month) problem('eventMonth', 'Enter the month of the event, like 2026-03');
  else if (!/^\d{4}-\d{2}$/.test(month)) {
    problem('eventMonth', /\d{1,4}[-/. ]\d{1,2}[-/. ]\d{1,4}/.test(month) ? 'Enter the month only, like 2026-03: a full date can identify a patient' : 'Enter the month as year and month, like 2026-03 (if a spreadsheet turned it into a date, format the column as text)');
  }

  const themes = new Set<string>();
  const factors = new Set<string>();
  const allFactors = v.themes.flatMap((t) => t.factors);
  for (const key of ['themes', 'factors'] as const) {
    const pieces = (value[key] ?? '').split(';').map((s) => s.trim()).filter(Boolean)
      // "T1, T2" or "T1 T2" is a list of codes; a label may have commas or spaces of its own.
      .flatMap((s) => (/^T\d+(\.\d+)?([\s,]+T\d+(\.\d+)?)+$/i.test(s) ? s.split(/[\s,]+/) : [s]));
    let unknown = false;
    for (const piece of pieces) {
      const theme = find(v.themes, piece);
      const factor = theme ? undefined : find(allFactors, piece);
      if (theme) themes.add(theme.code);
      else if (factor) factors.add(factor.code);
      else unknown = true;
    }
    if (unknown) problem('themes', 'Use theme codes like T2 and factor codes like T2.03 (or their labels), separated by semicolons', columnOf(key));
  }
  const flag = (i: number, add: () => void, header: string) => {
    const raw = clean(cells[i]).toLowerCase();
    if (FLAG_ON.has(raw)) add();
    else if (!FLAG_OFF.has(raw)) problem('themes', 'Enter 1 or 0', header);
  };
  for (const [i, t] of layout.themeFlags) flag(i, () => themes.add(t), t);
  for (const [i, f] of layout.factorFlags) flag(i, () => factors.add(f), f);
  // As on the form: a factor without its theme still means the theme.
  for (const f of factors) themes.add(f.split('.')[0]!);
  if (!themes.size && !problems.some((p) => p.field === 'themes')) problem('themes', 'Enter at least one theme, like T2, or a factor, like T2.03');

  const journey: Record<string, number> = {};
  for (const s of STAGES) {
    const raw = value[`journey.${s}`] ?? '';
    if (!raw) continue;
    if (/^\d{1,4}$/.test(raw)) journey[s] = Number(raw);
    else problem(`journey.${s}`, 'Enter a whole number of days, like 14');
  }
  if (Object.keys(journey).length) journey.request ??= 0;

  const refs = (value.repeats ?? '').split(/[\s,;]+/).map((r) => r.toUpperCase()).filter(Boolean);
  if (refs.some((r) => !isRef(r))) problem('repeats', 'Enter case references like CB-2025-00012, separated by semicolons');

  const status = (value.status ?? '').toLowerCase();
  if (status === 'closed') problem('status', 'A case is imported as draft or submitted: import it as submitted and close it afterwards');
  else if (!['', 'draft', 'submitted'].includes(status)) problem('status', 'Enter draft or submitted');
  const withdrawn = (value.withdrawn ?? '').toLowerCase();
  if (withdrawn && withdrawn !== 'no') problem('withdrawn', withdrawn === 'yes' ? 'A withdrawn case cannot be imported: remove this row' : 'Enter no, or leave it blank');

  const stray = cells.findIndex((c, i) => c.trim() !== '' && !layout.columns.has(i) && !layout.themeFlags.has(i) && !layout.factorFlags.has(i));
  if (stray >= 0) problem('row', 'This cell has no column heading: add the heading or remove the cell', columnLetter(stray));

  const input: CaseInput = {
    title: value.title ?? '',
    narrative: value.narrative ?? '',
    ...(value.learning ? { learning: value.learning } : {}),
    source: vocab.source ?? '',
    department: vocab.department ?? '',
    modality: vocab.modality ?? '',
    ...(vocab.bodyArea ? { bodyArea: vocab.bodyArea } : {}),
    setting: vocab.setting ?? '',
    ...(vocab.urgency ? { urgency: vocab.urgency } : {}),
    ...(vocab.alertCategory ? { alertCategory: vocab.alertCategory } : {}),
    harm: vocab.harm ?? '',
    ...(vocab.ageBand ? { ageBand: vocab.ageBand } : {}),
    eventMonth: month,
    themes: [...themes].sort().map((theme) => ({ theme, factors: [...factors].filter((f) => f.startsWith(`${theme}.`)).sort() })),
    ...(Object.keys(journey).length ? { journey } : {}),
    ...(refs.length && refs.every(isRef) ? { repeats: [...new Set(refs)] } : {}),
    submit: status !== 'draft',
  };
  // Lengths and counts are the API's own rules, so a row is held to exactly what a POST would be.
  const parsed = CaseBody.safeParse(input);
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const [first, second] = issue.path;
    const field = first === 'journey' && typeof second === 'string' ? `journey.${second}` : String(first);
    if (!problems.some((p) => p.field === field)) problem(field, issue.message);
  }
  return { input, problems };
}

const PARSE_MESSAGES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is not closed',
  CSV_INVALID_CLOSING_QUOTE: 'a quote inside a cell is not doubled',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a quote inside a cell is not doubled',
};

function decode(file: Buffer): string {
  if (file[0] === 0x50 && file[1] === 0x4b) throw new ImportFileError('The selected file is an Excel workbook: save it as CSV UTF-8 (comma delimited) and upload that');
  if ((file[0] === 0xff && file[1] === 0xfe) || (file[0] === 0xfe && file[1] === 0xff)) throw new ImportFileError('The selected file is saved as Unicode text: save it as CSV UTF-8 (comma delimited) instead');
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(file);
    if (text.includes('\u0000')) throw new ImportFileError('The selected file must be a CSV');
    return text;
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    throw new ImportFileError('The selected file is not UTF-8 text: save it as CSV UTF-8 (comma delimited)');
  }
}

/**
 * Reads an uploaded CSV into cases, with the problems found in each row. Row numbers are the
 * spreadsheet's: the header is row 1, and blank rows are skipped but still counted.
 */
export function readImport(file: Buffer, v: Vocabularies): ImportRow[] {
  let records: string[][];
  try {
    records = loadCsvParse().parse(decode(file), { bom: true, relax_column_count: true, skip_empty_lines: false });
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    const e = err as { code?: string; lines?: number };
    throw new ImportFileError(`The file could not be read as CSV${e.code && PARSE_MESSAGES[e.code] ? `: ${PARSE_MESSAGES[e.code]}` : ''}${e.lines ? ` (near line ${e.lines})` : ''}`);
  }
  const [header, ...data] = records;
  if (!header || header.every((h) => !h.trim())) throw new ImportFileError('The first row must be the column headings, like Title, What happened, Source');
  const layout = layoutOf(header, v);
  const rows = data.map((cells, i) => ({ row: i + 2, cells })).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (!rows.length) throw new ImportFileError('The file has column headings but no cases');
  if (rows.length > IMPORT_MAX_ROWS) throw new ImportFileError(`The file has ${rows.length.toLocaleString('en-GB')} cases: import at most ${IMPORT_MAX_ROWS.toLocaleString('en-GB')} at a time`);
  return rows.map((r) => ({ row: r.row, ...mapRow(r.cells, layout, v) }));
}

export type ImportProblem = { row: number; column: string; message: string };

const findingMessage = (f: IdentifierFinding) =>
  f.severity === 'block'
    ? `Contains ${kindLabel(f.kind)} at character ${f.start + 1} (${f.masked}): remove it`
    : `Contains what may be ${kindLabel(f.kind)} at character ${f.start + 1} (${f.masked}): remove or replace it, as an import cannot confirm it identifies no one`;

/**
 * Every problem of every row, in row order: reading problems first, then the case rules' own
 * (except where reading already explained that field), then identifiers, named only by kind,
 * place and masked value.
 */
export function importProblems(rows: ImportRow[], checks: { row: number; problems: FieldProblem[]; findings: IdentifierFinding[] }[]): ImportProblem[] {
  const byIndex = new Map(checks.map((c) => [c.row - 1, c]));
  return rows.flatMap((r, i) => {
    const check = byIndex.get(i);
    const read = new Set(r.problems.map((p) => p.field));
    return [
      ...r.problems.map((p) => ({ row: r.row, column: p.column, message: p.message })),
      ...(check?.problems ?? []).filter((p) => !read.has(p.field)).map((p) => ({ row: r.row, column: columnOf(p.field), message: p.message })),
      ...(check?.findings ?? []).map((f) => ({ row: r.row, column: columnOf(f.field), message: findingMessage(f) })),
    ];
  });
}
