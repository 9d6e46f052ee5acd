import { type Request, type Response, Router } from 'express';
import type Multer from 'multer';
import { requireRole } from '../auth/middleware.ts';
import { lazyRequire } from '../lazy-require.ts';
import type { Db } from '../db/database.ts';
import type { UserService } from '../users/service.ts';
import { current, loadVocabularies, type Term, type Vocabularies } from '../vocabularies/service.ts';
import { toCsv } from '../web/table-export.ts';
import { IMPORT_COLUMNS, IMPORT_MAX_BYTES, ImportFileError, type ImportProblem, importProblems, readImport, TEMPLATE_HEADERS } from './import.ts';
import { BatchRejectedError, type CaseService } from './service.ts';

// Enough to fix a file in a few passes; thousands of rows of the same mistake help nobody.
const PROBLEMS_SHOWN = 200;

const CODE_LISTS: [string, Exclude<keyof Vocabularies, 'themes'>][] = [
  ['Source', 'sources'],
  ['Department', 'departments'],
  ['Modality', 'modalities'],
  ['Body area', 'bodyAreas'],
  ['Care setting', 'settings'],
  ['Urgency', 'urgencies'],
  ['Alert category', 'alertCategories'],
  ['Harm', 'harms'],
  ['Age band', 'ageBands'],
];

const UPLOAD_ERRORS: Record<string, string> = {
  LIMIT_FILE_SIZE: `The selected file must be smaller than ${IMPORT_MAX_BYTES / 1024 / 1024}MB`,
  LIMIT_FILE_COUNT: 'Select one CSV file',
  LIMIT_UNEXPECTED_FILE: 'Select one CSV file',
};

const codeRows = (terms: Term[]) => current(terms).map((t) => [{ text: t.code }, { text: t.label }]);

function pageModel(v: Vocabularies) {
  return {
    columns: IMPORT_COLUMNS.map((c) => [{ text: c.header }, { text: c.required ? 'Yes' : c.key === 'themes' || c.key === 'factors' ? 'Themes or factors' : 'No' }, { text: c.hint }]),
    codeLists: CODE_LISTS.map(([title, key]) => ({ title, rows: codeRows(v[key]) })),
    themeRows: v.themes.flatMap((t) => [[{ text: t.code }, { text: t.label }], ...codeRows(t.factors)]),
  };
}

type Outcome = { status: number; message: string; problems?: ImportProblem[] };

function render(res: Response, v: Vocabularies, outcome?: Outcome) {
  const problems = outcome?.problems ?? [];
  res.status(outcome?.status ?? 200).render('pages/cases/import', {
    pageTitle: `${outcome ? 'Error: ' : ''}Import cases`,
    // The upload's body is not read before the CSRF check, so the token travels in the action URL.
    action: `/cases/import?_csrf=${encodeURIComponent(String(res.locals.csrfToken ?? ''))}`,
    maxMb: IMPORT_MAX_BYTES / 1024 / 1024,
    error: outcome && { list: [{ text: outcome.message, href: '#file' }], field: { text: problems.length ? 'Fix the problems listed, then upload the file again' : outcome.message } },
    problems: problems.slice(0, PROBLEMS_SHOWN).map((p) => [{ text: String(p.row) }, { text: p.column }, { text: p.message }]),
    hiddenProblems: Math.max(0, problems.length - PROBLEMS_SHOWN),
    ...pageModel(v),
  });
}

function rejected(problems: ImportProblem[], findings: boolean): Outcome {
  const failing = new Set(problems.map((p) => p.row)).size;
  return { status: findings ? 422 : 400, message: `${failing} ${failing === 1 ? 'row has' : 'rows have'} problems: nothing was imported`, problems };
}

const loadMulter = lazyRequire<typeof Multer>('multer');

export function caseImportRoutes(deps: { db: Db; cases: CaseService; users: UserService }): Router {
  const { db, cases, users } = deps;
  const router = Router();
  const editors = requireRole('safety', 'director');
  let upload: ReturnType<ReturnType<typeof Multer>['single']> | undefined;

  /** The upload's own failures (too large, wrong field, broken body) as a message for the page. */
  const receive = (req: Request, res: Response) =>
    new Promise<string | undefined>((resolve) => {
      const multer = loadMulter();
      upload ??= multer({ storage: multer.memoryStorage(), limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 10, parts: 11 } }).single('file');
      upload(req, res, (err: unknown) => {
        if (!err) return resolve(undefined);
        resolve(err instanceof multer.MulterError ? (UPLOAD_ERRORS[err.code] ?? 'The selected file could not be uploaded: try again') : 'The selected file could not be uploaded: try again');
      });
    });

  router.get('/cases/import', ...editors, async (_req, res) => render(res, await loadVocabularies(db)));

  router.get('/cases/import/template.csv', ...editors, async (_req, res) => {
    const v = await loadVocabularies(db);
    const first = (terms: Term[]) => current(terms)[0]?.code ?? '';
    const theme = v.themes[0];
    const example: Record<string, string | number> = {
      Title: 'Lung nodule on chest X-ray not alerted to the GP',
      'What happened': 'The GP requested a chest X-ray. The report on day 10 recommended CT for a 2 cm nodule, but no alert was raised and the GP did not act on it.',
      'Learning points': 'Reports recommending CT for a suspicious nodule must raise an alert to the referrer.',
      Source: first(v.sources),
      Department: first(v.departments),
      Modality: first(v.modalities),
      'Body area': first(v.bodyAreas),
      'Care setting': first(v.settings),
      Urgency: first(v.urgencies),
      'Alert category': first(v.alertCategories),
      Harm: first(v.harms),
      'Age band': first(v.ageBands),
      // A fixed past month: any month up to the current one is valid, and a template should not change daily.
      'Event month': '2025-04',
      Themes: theme?.code ?? '',
      Factors: theme ? first(theme.factors) : '',
      'Day of vetting': 1,
      'Day of scan': 3,
      'Day of report': 10,
      Status: 'submitted',
    };
    res.attachment('casebook-import-template.csv');
    res.send(toCsv({ title: 'Casebook import', columns: TEMPLATE_HEADERS.map((header) => ({ header })), rows: [TEMPLATE_HEADERS.map((h) => example[h] ?? null)] }));
  });

  router.post('/cases/import', ...editors, async (req, res) => {
    const uploadError = await receive(req, res);
    const v = await loadVocabularies(db);
    const fail = (status: number, message: string) => render(res, v, { status, message });
    if (uploadError) return fail(uploadError.includes('smaller') ? 413 : 400, uploadError);
    const file = req.file;
    if (!file) return fail(400, 'Select a CSV file to import');
    // Browsers disagree on a CSV's media type (Windows says it is Excel), so the name and the content decide.
    if (!/\.csv$/i.test(file.originalname)) return fail(400, 'The selected file must be a CSV');
    if (!file.size) return fail(400, 'The selected file is empty');

    let rows;
    try {
      rows = readImport(file.buffer, v);
    } catch (err) {
      if (err instanceof ImportFileError) return fail(400, err.message);
      throw err;
    }
    const inputs = rows.map((r) => r.input);
    const checks = await cases.checkMany(inputs);
    const problems = importProblems(rows, checks);
    if (problems.length) return render(res, v, rejected(problems, checks.some((c) => c.findings.length)));

    try {
      const refs = await cases.createMany(users.actorFor(req.user!), inputs);
      req.session.flash = refs.length === 1 ? `1 case imported: ${refs[0]}` : `${refs.length} cases imported: ${refs[0]} to ${refs.at(-1)}`;
      res.redirect(303, '/cases?sort=updated_desc');
    } catch (err) {
      // Someone changed the vocabularies or cases between the check and the write.
      if (err instanceof BatchRejectedError) {
        const late = importProblems(rows, err.rows);
        return render(res, v, rejected(late, err.rows.some((r) => r.findings.length)));
      }
      throw err;
    }
  });

  return router;
}
