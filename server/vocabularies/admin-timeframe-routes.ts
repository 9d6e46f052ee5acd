import type { Request, Router } from 'express';
import type { UserService } from '../users/service.ts';
import { notFound } from '../web/errors.ts';
import { formErrors } from '../web/form-errors.ts';
import { StageParam, TermCodeParam, TIMEFRAME_FIELDS, TimeframeForm } from './admin-schema.ts';
import type { TimeframeAdmin } from './admin-timeframes.ts';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The expected timeframes table and the page to change one timeframe, on the caller's router so route listings see them. */
export function addTimeframeRoutes(router: Router, base: string, timeframes: TimeframeAdmin, users: UserService): void {
  const list = `${base}/timeframes`;
  const item = `${list}/:urgency/:from/:to`;

  async function load(req: Request) {
    const urgency = TermCodeParam.safeParse(req.params.urgency);
    const from = StageParam.safeParse(req.params.from);
    const to = StageParam.safeParse(req.params.to);
    const found = urgency.success && from.success && to.success ? await timeframes.find({ urgency: urgency.data, fromStage: from.data, toStage: to.data }) : undefined;
    if (!found) throw notFound('There is no such expected timeframe');
    return found;
  }

  const editView = (found: Awaited<ReturnType<typeof load>>) => ({
    pageTitle: `Expected timeframe: ${found.urgencyLabel}, ${found.intervalLabel.toLowerCase()}`,
    back: { href: list, text: 'Back to expected timeframes' },
    found,
    action: `${list}/${found.key.urgency}/${found.key.fromStage}/${found.key.toStage}`,
  });

  router.get(list, async (req, res) => {
    const flash = req.session.flash;
    delete req.session.flash;
    res.render('pages/admin/reference-data/timeframes', {
      pageTitle: 'Expected timeframes',
      back: { href: base, text: 'Back to reference data' },
      urgencies: await timeframes.table(),
      flash,
    });
  });

  router.get(item, async (req, res) => {
    const found = await load(req);
    const t = found.timeframe;
    res.render('pages/admin/reference-data/timeframe-edit', { ...editView(found), values: { maxDays: t ? String(t.maxDays) : '', source: t?.source ?? '', local: t?.local ?? true }, errors: { list: [], byField: {} } });
  });

  router.post(item, async (req, res) => {
    const found = await load(req);
    const values = { maxDays: str(req.body?.maxDays), source: str(req.body?.source), local: req.body?.local === 'yes' };
    const parsed = TimeframeForm.safeParse(req.body ?? {});
    if (!parsed.success) return res.status(400).render('pages/admin/reference-data/timeframe-edit', { ...editView(found), values, errors: formErrors(parsed.error, TIMEFRAME_FIELDS) });
    await timeframes.save(users.actorFor(req.user!), found.key, parsed.data);
    req.session.flash = `The expected time from ${found.intervalLabel.toLowerCase()} for ${found.urgencyLabel.toLowerCase()} requests is now ${parsed.data.maxDays} days`;
    res.redirect(`${list}#urgency-${found.key.urgency}`);
  });
}
