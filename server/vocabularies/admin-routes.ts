import { type Request, type Response, Router } from 'express';
import type { AuditService } from '../audit/service.ts';
import { requireRole } from '../auth/middleware.ts';
import type { Db } from '../db/database.ts';
import type { UserService } from '../users/service.ts';
import { notFound } from '../web/errors.ts';
import { type FormErrors, formErrors, fromMessages } from '../web/form-errors.ts';
import { addListRoutes, type ListPage, renderList } from './admin-list-routes.ts';
import { vocabularyBySlug } from './admin-rules.ts';
import { DepartmentCodeParam, FactorCodeParam, NewDepartmentForm, NewTermForm, TermCodeParam, THEME_FIELDS, ThemeForm, ThemeParam } from './admin-schema.ts';
import { createReferenceDataService, departmentStore, factorStore, ReferenceDataError, termStore } from './admin-service.ts';
import { overview } from './admin-overview.ts';
import { createTimeframeAdmin } from './admin-timeframes.ts';
import { addTimeframeRoutes } from './admin-timeframe-routes.ts';

export type ReferenceDataDeps = { db: Db; audit: AuditService; users: UserService; clock: () => Date };

const BASE = '/admin/reference-data';
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Admin pages for departments, controlled vocabularies, factors and expected timeframes. */
export function referenceDataRoutes(deps: ReferenceDataDeps): Router {
  const { db, users } = deps;
  const router = Router();
  router.use(BASE, ...requireRole('admin'));
  const service = createReferenceDataService(deps);

  router.get(BASE, async (req, res) => {
    res.render('pages/admin/reference-data/index', { pageTitle: 'Reference data', ...(await overview(db)) });
  });

  // Registered before the vocabulary routes, whose `:vocabulary` would otherwise match these names.
  addListRoutes(router, service, users, {
    listPath: `${BASE}/departments`,
    addPath: `${BASE}/departments`,
    itemPath: `${BASE}/departments/:code`,
    resolve: async (): Promise<ListPage> => ({
      store: departmentStore,
      title: 'Departments',
      listName: 'departments',
      intro: 'Departments and sites are the organisational units cases belong to: never a person. Codes never change and are never deleted; retire a department that no longer logs cases.',
      listHref: `${BASE}/departments`,
      addHref: `${BASE}/departments`,
      itemHref: (code) => `${BASE}/departments/${code}`,
      editable: true,
      code: { hint: '2 to 40 lowercase letters, digits and hyphens, like north-general. It cannot be changed later.', schema: NewDepartmentForm },
      codeParam: DepartmentCodeParam,
    }),
  });

  addTimeframeRoutes(router, BASE, createTimeframeAdmin(deps), users);

  async function loadTheme(req: Request) {
    const code = ThemeParam.safeParse(req.params.theme);
    const theme = code.success ? await service.theme(code.data) : undefined;
    if (!theme) throw notFound('There is no such theme');
    return theme;
  }

  const themePage = async (req: Request, themeValues?: { themeLabel: string; summary: string }): Promise<ListPage> => {
    const theme = await loadTheme(req);
    const href = `${BASE}/themes/${theme.code}`;
    return {
      store: factorStore(theme.code),
      title: `${theme.code}: contributory factors`,
      listName: `${theme.code} factors`,
      intro: 'Contributory factors are tagged on cases under this theme. A new factor gets the next code; codes are never reused, so a retired factor keeps its meaning on old cases.',
      listHref: href,
      addHref: `${href}/factors`,
      itemHref: (code) => `${href}/factors/${code}`,
      editable: true,
      code: { hint: `The code is assigned: the next after the highest ${theme.code} code.`, assign: (actor, label) => service.addFactor(actor, theme.code, label) },
      codeParam: FactorCodeParam,
      extra: { theme, themeValues: themeValues ?? { themeLabel: theme.label, summary: theme.summary } },
    };
  };

  const renderThemeError = async (req: Request, res: Response, values: { themeLabel: string; summary: string }, errors: FormErrors) =>
    renderList(res, service, await themePage(req, values), { errors }, 400);

  router.post(`${BASE}/themes/:theme`, async (req, res) => {
    const theme = await loadTheme(req);
    const values = { themeLabel: str(req.body?.themeLabel), summary: str(req.body?.summary) };
    const parsed = ThemeForm.safeParse(req.body ?? {});
    if (!parsed.success) return renderThemeError(req, res, values, formErrors(parsed.error, THEME_FIELDS));
    try {
      await service.updateTheme(users.actorFor(req.user!), theme.code, { label: parsed.data.themeLabel, summary: parsed.data.summary });
    } catch (err) {
      if (err instanceof ReferenceDataError) return renderThemeError(req, res, values, fromMessages({ [err.field]: err.message }, THEME_FIELDS));
      throw err;
    }
    req.session.flash = `${theme.code} has been saved`;
    res.redirect(`${BASE}/themes/${theme.code}`);
  });

  addListRoutes(router, service, users, {
    listPath: `${BASE}/themes/:theme`,
    addPath: `${BASE}/themes/:theme/factors`,
    itemPath: `${BASE}/themes/:theme/factors/:code`,
    resolve: (req) => themePage(req),
  });

  addListRoutes(router, service, users, {
    listPath: `${BASE}/:vocabulary`,
    addPath: `${BASE}/:vocabulary`,
    itemPath: `${BASE}/:vocabulary/:code`,
    movable: true,
    resolve: async (req): Promise<ListPage> => {
      const v = vocabularyBySlug(str(req.params.vocabulary));
      if (!v) throw notFound('There is no such list');
      const href = `${BASE}/${v.slug}`;
      return {
        store: termStore(v),
        title: v.title,
        listName: v.title.toLowerCase(),
        intro: v.editable
          ? 'Terms are offered in this order wherever cases are logged. Codes are stored on cases and never change; retire a term that should no longer be chosen.'
          : 'The journey stages are fixed: delays are worked out from them in code, so they cannot be changed here.',
        listHref: href,
        addHref: href,
        itemHref: (code) => `${href}/${code}`,
        editable: v.editable,
        code: { hint: 'Lowercase letters, digits, hyphens and underscores, like mri_contrast. It cannot be changed later.', schema: NewTermForm },
        codeParam: TermCodeParam,
        movable: true,
      };
    },
  });

  return router;
}
