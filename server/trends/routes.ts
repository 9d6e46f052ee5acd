import { type Request, type Response, Router } from 'express';
import { requireRole } from '../auth/middleware.ts';
import type { Db } from '../db/database.ts';
import { monthsOf } from '../domain/quarters.ts';
import { defaultFormatPeriod } from '../domain/spc.ts';
import type { UserService } from '../users/service.ts';
import { current, loadVocabularies, type Term } from '../vocabularies/service.ts';
import { notFound } from '../web/errors.ts';
import { formErrors, fromMessages, noErrors } from '../web/form-errors.ts';
import { exportFilename, toCsv } from '../web/table-export.ts';
import { measureGroups } from './measures.ts';
import { chartTable, presentChart } from './present.ts';
import { RebaseForm, TREND_FIELDS, trendQueryUpTo, type TrendParams } from './schema.ts';
import { type ChartQuery, type TrendService, UnknownMeasureError } from './service.ts';

const READERS = ['director', 'safety', 'trainer'] as const;

const select = (terms: Term[], value: string | undefined, any: string) => [
  { value: '', text: any, ...(!value ? { selected: true } : {}) },
  ...current(terms).map((t) => ({ value: t.code, text: t.label, ...(t.code === value ? { selected: true } : {}) })),
];

/** The query string for the same view with changes: every link keeps the filters. */
export function trendsHref(path: string, p: Partial<TrendParams>, change: Partial<TrendParams> = {}): string {
  const merged = { ...p, ...change } as Record<string, unknown>;
  const qs = new URLSearchParams(TREND_FIELDS.filter((k) => merged[k] && !(k === 'granularity' && merged[k] === 'month')).map((k) => [k, String(merged[k])]));
  return qs.size ? `${path}?${qs}` : path;
}

export function trendRoutes(deps: { db: Db; trends: TrendService; users: UserService; clock: () => Date }): Router {
  const { db, trends, users, clock } = deps;
  const router = Router();

  /** Parses the filters; on failure renders the page's error summary and answers undefined. */
  async function parse(req: Request, res: Response, view: string, title: string): Promise<{ p: TrendParams; q: ChartQuery; filters: unknown } | undefined> {
    const v = await loadVocabularies(db);
    const raw = Object.fromEntries(TREND_FIELDS.map((k) => [k, typeof req.query[k] === 'string' ? req.query[k] : '']));
    const range = trends.defaultRange();
    const parsed = trendQueryUpTo(range.to).safeParse(req.query);
    const filters = {
      values: { ...raw, from: raw.from || range.from, to: raw.to || range.to },
      departments: select(v.departments, raw.department, 'All departments'),
      sources: select(v.sources, raw.source, 'All sources'),
      settings: select(v.settings, raw.setting, 'All care settings'),
      granularities: [
        { value: 'month', text: 'Monthly', ...(raw.granularity !== 'quarter' ? { checked: true } : {}) },
        { value: 'quarter', text: 'Quarterly', ...(raw.granularity === 'quarter' ? { checked: true } : {}) },
      ],
    };
    if (!parsed.success) {
      res.status(400).render(view, { pageTitle: `Error: ${title}`, filters, measureField: raw.measure, errors: formErrors(parsed.error, TREND_FIELDS) });
      return undefined;
    }
    const p = parsed.data;
    const q: ChartQuery = { granularity: p.granularity, from: p.from ?? range.from, to: p.to ?? range.to, ...(p.department ? { department: p.department } : {}), ...(p.source ? { source: p.source } : {}), ...(p.setting ? { setting: p.setting } : {}) };
    return { p, q, filters };
  }

  router.get('/trends', ...requireRole(...READERS), async (req, res) => {
    const parsed = await parse(req, res, 'pages/trends/dashboard', 'Trends');
    if (!parsed) return;
    const charts = await trends.dashboard(parsed.q);
    res.render('pages/trends/dashboard', {
      pageTitle: 'Trends',
      filters: parsed.filters,
      errors: noErrors(),
      range: `${defaultFormatPeriod(parsed.q.from)} to ${defaultFormatPeriod(parsed.q.to)}`,
      charts: charts.map((c) => ({ ...presentChart(c, { id: `theme-${c.measure.key.slice(6)}`, compact: true }), href: trendsHref('/trends/chart', parsed.p, { measure: c.measure.key }) })),
      measuresHref: trendsHref('/trends/measures', parsed.p),
    });
  });

  router.get('/trends/measures', ...requireRole(...READERS), async (req, res) => {
    const parsed = await parse(req, res, 'pages/trends/measures', 'Choose a measure');
    if (!parsed) return;
    const groups = measureGroups(await loadVocabularies(db)).map((g) => ({ heading: g.heading, measures: g.measures.map((m) => ({ label: m.label, href: trendsHref('/trends/chart', parsed.p, { measure: m.key }) })) }));
    res.render('pages/trends/measures', { pageTitle: 'Choose a measure', groups, filters: parsed.filters, errors: noErrors() });
  });

  async function loadChart(req: Request, res: Response) {
    const parsed = await parse(req, res, 'pages/trends/chart', 'Trend');
    if (!parsed) return undefined;
    if (!parsed.p.measure) throw notFound('Choose a measure to chart');
    try {
      return { ...parsed, chart: await trends.chart(parsed.p.measure, parsed.q) };
    } catch (err) {
      if (err instanceof UnknownMeasureError) throw notFound(err.message);
      throw err;
    }
  }

  async function showChart(req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) {
    const loaded = await loadChart(req, res);
    if (!loaded) return;
    const { p, chart, filters } = loaded;
    const shown = presentChart(chart, { id: 'trend-chart' });
    res.status(status).render('pages/trends/chart', {
      pageTitle: `${status >= 400 ? 'Error: ' : ''}${chart.measure.label}`,
      chart: shown,
      measure: chart.measure,
      filters,
      errors: noErrors(),
      measureField: p.measure,
      csvHref: trendsHref('/trends/chart.csv', p),
      selfHref: trendsHref('/trends/chart', p),
      dashboardHref: trendsHref('/trends', p, { measure: undefined }),
      improvementText: chart.measure.improvement === 'decrease' ? 'Lower is better' : chart.measure.improvement === 'increase' ? 'Higher is better' : 'Neither higher nor lower is better',
      rebases: chart.rebases.map((r) => ({ ...r, periodText: defaultFormatPeriod(r.period) })),
      canRebase: req.user!.role === 'director',
      periodItems: [{ value: '', text: 'Choose a period' }, ...chart.points.slice(1).map((pt) => ({ value: pt.x, text: defaultFormatPeriod(pt.x) }))],
      scope: chart.scope,
      rebaseValues: {},
      rebaseErrors: noErrors(),
      flash: takeFlash(req),
      ...extra,
    });
  }

  router.get('/trends/chart', ...requireRole(...READERS), (req, res) => showChart(req, res));

  router.get('/trends/chart.csv', ...requireRole(...READERS), async (req, res) => {
    const loaded = await loadChart(req, res);
    if (!loaded) return;
    // The file says what it holds: a download of West's quarterly chart is not the organisation's monthly one.
    const { p } = loaded;
    const about = [p.department, p.source, p.setting, p.granularity === 'quarter' ? 'quarterly' : undefined, p.from, p.to && `to-${p.to}`].filter(Boolean).join('-');
    res.set('Cache-Control', 'no-store').attachment(exportFilename(`casebook-trend-${loaded.chart.measure.key}${about ? `-${about}` : ''}`, 'csv', clock()));
    res.send(toCsv(chartTable(loaded.chart)));
  });

  // The rebase form posts to the chart's own URL, so its filters come back with the answer.
  router.post('/trends/chart', ...requireRole('director'), async (req, res) => {
    const loaded = await loadChart(req, res);
    if (!loaded) return;
    const parsed = RebaseForm.safeParse(req.body ?? {});
    if (!parsed.success) return showChart(req, res, { rebaseValues: req.body, rebaseErrors: formErrors(parsed.error, ['period', 'reason']) }, 400);
    // Only a period the chart shows, and not one it already recalculates from.
    const { period } = parsed.data;
    const firstMonth = period.includes('Q') ? monthsOf(period)[0] : period;
    const problem = !loaded.chart.points.slice(1).some((pt) => pt.x === period)
      ? 'Choose a period from the list'
      : loaded.chart.rebases.some((r) => r.period === firstMonth)
        ? `The chart already recalculates from ${defaultFormatPeriod(period)}`
        : undefined;
    if (problem) return showChart(req, res, { rebaseValues: req.body, rebaseErrors: fromMessages({ period: problem }, ['period', 'reason']) }, 400);
    await trends.addRebase(users.actorFor(req.user!), loaded.chart.measure.key, loaded.chart.scope, parsed.data.period, parsed.data.reason);
    req.session.flash = `The chart now recalculates from ${defaultFormatPeriod(parsed.data.period)}`;
    res.redirect(303, trendsHref('/trends/chart', loaded.p));
  });

  router.post('/trends/rebases/:id/remove', ...requireRole('director'), async (req, res) => {
    const id = Number(req.params.id);
    const removed = Number.isInteger(id) && (await trends.removeRebase(users.actorFor(req.user!), id));
    if (!removed) throw notFound('There is no such rebase: it may have been removed already');
    const back = typeof req.body?.returnTo === 'string' && req.body.returnTo.startsWith('/trends/chart?') ? req.body.returnTo : '/trends';
    req.session.flash = 'The rebase has been removed';
    res.redirect(303, back);
  });

  return router;
}

function takeFlash(req: Request): string | undefined {
  const flash = req.session.flash;
  delete req.session.flash;
  return flash;
}
