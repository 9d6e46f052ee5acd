import { describe, expect, it } from 'vitest';
import { columnLetter, IMPORT_MAX_ROWS, ImportFileError, importProblems, readImport, TEMPLATE_HEADERS } from '../../server/cases/import.ts';
import type { Vocabularies } from '../../server/vocabularies/service.ts';
import { AGE_BANDS, ALERT_CATEGORIES, BODY_AREAS, DEMO_DEPARTMENTS, HARMS, JOURNEY_STAGES, MODALITIES, SETTINGS, SOURCES, THEMES, URGENCIES } from '../../seed/reference/2026-11-23.ts';

const v: Vocabularies = {
  themes: THEMES.map((t) => ({ ...t, factors: t.code === 'T3' ? [...t.factors, { code: 'T3.09', label: 'Old factor', retired: true }] : t.factors })),
  sources: SOURCES,
  departments: DEMO_DEPARTMENTS,
  modalities: [...MODALITIES, { code: 'film', label: 'Film', retired: true }],
  bodyAreas: BODY_AREAS,
  settings: SETTINGS,
  urgencies: URGENCIES,
  alertCategories: ALERT_CATEGORIES,
  harms: HARMS,
  ageBands: AGE_BANDS,
  journeyStages: JOURNEY_STAGES,
  actionOwners: [],
};

const HEADER = 'Title,What happened,Source,Department,Modality,Care setting,Harm,Event month,Themes,Factors,Day of scan,Day of report';
const ROW = 'Nodule not alerted,The report recommended CT but no alert was raised.,incident,north,ct,gp,moderate,2026-03,T1,T1.01,3,10';
const csv = (...lines: string[]) => Buffer.from(lines.join('\r\n') + '\r\n');
const read = (...lines: string[]) => readImport(csv(...lines), v);
const fileError = (...lines: string[]) => {
  try {
    read(...lines);
  } catch (err) {
    if (err instanceof ImportFileError) return err.message;
    throw err;
  }
  throw new Error('expected a file error');
};

describe('readImport', () => {
  it('maps a row to the API body, with the request as day 0 and submitted by default', () => {
    const [row] = read(HEADER, ROW);
    expect(row).toEqual({
      row: 2,
      problems: [],
      input: {
        title: 'Nodule not alerted',
        narrative: 'The report recommended CT but no alert was raised.',
        source: 'incident',
        department: 'north',
        modality: 'ct',
        setting: 'gp',
        harm: 'moderate',
        eventMonth: '2026-03',
        themes: [{ theme: 'T1', factors: ['T1.01'] }],
        journey: { request: 0, scan: 3, report: 10 },
        submit: true,
      },
    });
  });

  it('reads a UTF-8 file with or without a BOM, and quoted cells with commas, quotes and line breaks', () => {
    const quoted = 'Nodule,"First line, with a comma\r\nSecond ""quoted"" line",incident,north,ct,gp,moderate,2026-03,T1,,,';
    for (const file of [csv(HEADER, quoted), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csv(HEADER, quoted)])]) {
      const [row] = readImport(file, v);
      expect(row!.input.title).toBe('Nodule');
      expect(row!.input.narrative).toBe('First line, with a comma\r\nSecond "quoted" line');
      expect(row!.problems).toEqual([]);
    }
  });

  it('matches headings ignoring case and spaces, and the API field names too', () => {
    const [row] = read('TITLE,whathappened,source,DEPARTMENT,modality,care Setting,harm,eventMonth,themes', 'A,B,incident,north,ct,gp,no,2025-12,T2');
    expect(row!.problems).toEqual([]);
    expect(row!.input).toMatchObject({ title: 'A', narrative: 'B', harm: 'no', eventMonth: '2025-12' });
  });

  it('accepts a code or the current label for every list, in any case, and themes or factors by label', () => {
    const [row] = read(
      'Title,What happened,Source,Department,Modality,Body area,Care setting,Urgency,Alert category,Harm,Age band,Event month,Themes,Factors,Status',
      'A,B,patient safety incident (lfpse),NORTH GENERAL HOSPITAL IMAGING,Plain X-ray,chest,GP Direct Access,Suspected cancer (2WW),cancer,Severe harm,65 to 79,2026-01,Delays in reporting,"Report not read or acknowledged by the referrer; T1.02",draft',
    );
    expect(row!.problems).toEqual([]);
    expect(row!.input).toMatchObject({
      source: 'incident',
      department: 'north',
      modality: 'xr',
      bodyArea: 'chest',
      setting: 'gp',
      urgency: 'cancer_2ww',
      alertCategory: 'cancer',
      harm: 'severe',
      ageBand: '65-79',
      submit: false,
      themes: [
        { theme: 'T1', factors: ['T1.02'] },
        { theme: 'T2', factors: ['T2.01'] },
        { theme: 'T3', factors: [] },
      ],
    });
  });

  it('lets a factor imply its theme, and reads theme lists separated by commas or spaces', () => {
    const [row] = read(HEADER, 'A,B,incident,north,ct,gp,moderate,2026-03,"T4, T2",T3.02,,');
    expect(row!.input.themes).toEqual([
      { theme: 'T2', factors: [] },
      { theme: 'T3', factors: ['T3.02'] },
      { theme: 'T4', factors: [] },
    ]);
  });

  it('reads a Casebook export: labels, 0/1 theme and factor columns, ignored reference, formula escapes undone', () => {
    const header = 'Reference,Title,Status,Withdrawn,Event month,Source,Department,Modality,Body area,Care setting,Urgency,Alert category,Harm,Age band,Themes,T1,T2,T1.01 No alert raised for an unexpected significant finding,T2.03 Follow-up imaging or referral not booked,Day of request,Day of scan,Repeats earlier cases,What happened,Learning points';
    const row = "CB-2026-00007,'=Nodule missed,submitted,no,2026-02,Local complaint,North General Hospital imaging,CT,Chest,Outpatient,Routine,Cancer,Low harm,40 to 64,T2,0,1,0,1,0,4,CB-2026-00001; CB-2026-00002,'-3 days late,";
    const [r] = read(header, row);
    expect(r!.problems).toEqual([]);
    expect(r!.input).toMatchObject({
      title: '=Nodule missed',
      narrative: '-3 days late',
      source: 'local_complaint',
      modality: 'ct',
      themes: [{ theme: 'T2', factors: ['T2.03'] }],
      journey: { request: 0, scan: 4 },
      repeats: ['CB-2026-00001', 'CB-2026-00002'],
      submit: true,
    });
    expect(r!.input).not.toHaveProperty('learning');
  });

  it('skips blank rows but keeps the spreadsheet row numbers', () => {
    const rows = read(HEADER, '', ',,,,,,,,,,,', ROW, '  ,  ', ROW);
    expect(rows.map((r) => r.row)).toEqual([4, 6]);
  });

  it('explains each cell it cannot read, without repeating what is in it', () => {
    const [row] = read(HEADER, 'A,B,Jane Smith,north,x-ray machine,gp,,2026-3,T9,,ten,-1');
    const text = JSON.stringify(row!.problems);
    expect(row!.problems.map((p) => p.column)).toEqual(['Source', 'Modality', 'Harm', 'Event month', 'Themes', 'Day of scan', 'Day of report']);
    expect(text).not.toContain('Jane');
    expect(text).not.toContain('x-ray machine');
  });

  it.each(['2026-3', '03/2026', 'March 2026', '2026/03', '202603'])('rejects the month %j with the format to use', (month) => {
    const [row] = read(HEADER, ROW.replace('2026-03', month));
    expect(row!.problems).toEqual([expect.objectContaining({ column: 'Event month', message: expect.stringContaining('like 2026-03') })]);
  });

  it.each(['14/03/2026', '2026-03-14'])('rejects a full date %j as identifying, without echoing it', (month) => {
    const [row] = read(HEADER, ROW.replace('2026-03', month));
    expect(row!.problems[0]!.message).toContain('a full date can identify a patient');
    expect(row!.problems[0]!.message).not.toContain(month);
  });

  it('refuses retired codes, closed or withdrawn cases, stray cells and text over the API limits', () => {
    const [row] = read(`${HEADER},Status,Withdrawn`, `${'x'.repeat(201)},B,incident,north,film,gp,moderate,2026-03,,T3.09,,,closed,yes,extra`);
    expect(row!.problems.map((p) => [p.column, p.message])).toEqual([
      ['Modality', 'film has been retired: use a current modality'],
      ['Status', expect.stringContaining('draft or submitted')],
      ['Withdrawn', 'A withdrawn case cannot be imported: remove this row'],
      ['O', expect.stringContaining('no column heading')],
      ['Title', 'Title must be 200 characters or fewer'],
    ]);
    expect(read(HEADER, ROW.replace(',ct,', ',Film,'))[0]!.problems[0]!.message).toBe('film has been retired: use a current modality');
    // A retired factor is the case rules' to refuse: it still reads, so its theme is known.
    expect(row!.input.themes).toEqual([{ theme: 'T3', factors: ['T3.09'] }]);
  });

  it('refuses the whole file when a required column is missing, naming it', () => {
    expect(fileError('Title,What happened,Source,Department,Modality,Care setting,Themes', 'a,b,c,d,e,f,T1')).toBe('The first row must be the column headings, and it has no Harm, Event month columns');
    expect(fileError('Title,What happened,Source,Department,Modality,Care setting,Harm,Event month', 'a')).toContain('no Themes column');
  });

  it('refuses the whole file for a column it does not know, naming it by letter and heading', () => {
    expect(fileError(`${HEADER},Leaning points`, ROW)).toBe('The file has a column Casebook does not recognise: M (‘Leaning points’). Rename it to a column in the list, or remove it');
  });

  it('names a heading that itself holds an identifier by its letter only', () => {
    const message = fileError(`${HEADER},Notes on 943 476 5919`, ROW);
    expect(message).toContain('recognise: M.');
    expect(message).not.toContain('5919');
  });

  it('refuses a column given twice', () => {
    expect(fileError(`${HEADER},title`, ROW)).toContain('repeats column A (‘Title’)');
  });

  it('refuses files that are not UTF-8 comma-separated text, with what to do', () => {
    expect(() => readImport(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]), v)).toThrow(/Excel workbook/);
    expect(() => readImport(Buffer.from([0xff, 0xfe, 0x54, 0x00]), v)).toThrow(/Unicode text/);
    expect(() => readImport(Buffer.from([0x54, 0x69, 0x74, 0x6c, 0x65, 0xe9, 0x0a]), v)).toThrow(/not UTF-8/);
    expect(fileError(HEADER.replaceAll(',', ';'), ROW.replaceAll(',', ';'))).toContain('semicolons');
    expect(fileError(HEADER, 'A,"unclosed')).toContain('a quoted cell is not closed');
  });

  it('refuses an empty file, a file with no cases, and more than 2,000 cases', () => {
    expect(fileError('')).toContain('column headings');
    expect(fileError(HEADER, '', '')).toBe('The file has column headings but no cases');
    expect(read(HEADER, ...Array(IMPORT_MAX_ROWS).fill(ROW))).toHaveLength(IMPORT_MAX_ROWS);
    expect(fileError(HEADER, ...Array(IMPORT_MAX_ROWS + 1).fill(ROW))).toBe('The file has 2,001 cases: import at most 2,000 at a time');
  });

  it('reads its own template headings', () => {
    expect(read(TEMPLATE_HEADERS.map((h) => h.toUpperCase()).join(','), ROW)).toHaveLength(1);
  });
});

describe('importProblems', () => {
  it('puts reading problems first, drops the rules’ problems on fields already explained, and masks findings', () => {
    const rows = read(HEADER, ROW, ROW.replace('incident', 'nonsense'));
    const problems = importProblems(rows, [
      {
        row: 2,
        problems: [
          { field: 'source', message: 'Select a source from the list' },
          { field: 'journey.report', message: 'Day of report cannot be before day of scan (day 3)' },
        ],
        findings: [{ field: 'narrative', kind: 'nhs_number', severity: 'block', start: 9, end: 21, masked: '••• ••• 5919' }],
      },
    ]);
    expect(problems).toEqual([
      { row: 3, column: 'Source', message: 'This is not a source Casebook knows: use a code or label from the list' },
      { row: 3, column: 'Day of report', message: 'Day of report cannot be before day of scan (day 3)' },
      { row: 3, column: 'What happened', message: 'Contains an NHS number at character 10 (••• ••• 5919): remove it' },
    ]);
  });
});

describe('columnLetter', () => {
  it('counts like a spreadsheet', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});
