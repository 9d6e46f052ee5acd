import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { formOptions, type FormValues, valuesFrom, withDateLink } from '../actions/form-view.ts';
import { NEW_ACTION_FIELDS, newActionForm } from '../actions/schema.ts';
import { requireRole, requireSignedIn } from '../auth/middleware.ts';
import type { Db } from '../db/database.ts';
import { ukToday } from '../domain/actions.ts';
import { isRef } from '../domain/case-ref.ts';
import { monthOf } from '../domain/months.ts';
import { addQuarters, isQuarter, quarterLabel, quarterOf } from '../domain/quarters.ts';
import type { UserService } from '../users/service.ts';
import { current, loadVocabularies } from '../vocabularies/service.ts';
import { notFound } from '../web/errors.ts';
import { type FormErrors, formErrors, fromMessages, noErrors } from '../web/form-errors.ts';
import { identifiesNoOne, many } from '../web/form-fields.ts';
import { exportFilename, toCsv } from '../web/table-export.ts';
import { notesFieldOrder, notesForm, postedNotes, type PostedNotes } from './notes-form.ts';
import { actionLabel } from '../audit/present.ts';
import { presentReview } from './present.ts';
import { ReviewError, type ReviewService } from './service.ts';


const StartForm = z.object({
  quarter: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string().refine(isQuarter, 'Choose the quarter to review')),
  scope: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.enum(['organisation', 'departments'], { error: 'Choose what the review covers' })),
  departments: z.preprocess(many, z.array(z.string())),
}).refine((f) => f.scope !== 'departments' || f.departments.length > 0, { path: ['departments'], message: 'Choose at least one department', when: () => true });

const ReasonForm = z.object({ reason: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().min(1, 'Enter why the review needs correcting').max(1000, 'The reason must be 1,000 characters or fewer').superRefine(identifiesNoOne('The reason', { allow: ['date'] }))) });

/** The quarters a director may review: the last eight finished ones. */
function reviewableQuarters(now: Date): string[] {
  const last = addQuarters(quarterOf(monthOf(now)), -1);
  return [0, 1, 2, 3, 4, 5, 6, 7].map((n) => addQuarters(last, -n));
}

export function reviewRoutes(deps: { db: Db; reviews: ReviewService; users: UserService; clock: () => Date }): Router {
  const { db, reviews, users, clock } = deps;
  const router = Router();
  const editors = ['director', 'safety'] as const;

  async function load(req: Request) {
    const id = Number(req.params.reviewId);
    const review = Number.isInteger(id) ? await reviews.get(id) : undefined;
    if (!review) throw notFound('There is no such review');
    // Drafts are working papers for the people preparing them; everyone reads signed-off reviews.
    if (review.status === 'draft' && !(editors as readonly string[]).includes(req.user!.role)) throw notFound('There is no such review');
    return review;
  }

  async function show(req: Request, res: Response, extra: { errors?: FormErrors; posted?: PostedNotes; [more: string]: unknown } = {}, status = 200) {
    const review = await load(req);
    const { posted, ...rest } = extra;
    const [pack, live, versions, v, history] = await Promise.all([reviews.pack(review), reviews.agreedActions(review.id), reviews.versions(review.id), loadVocabularies(db), reviews.history(review.id)]);
    // A signed-off version shows the actions as they were agreed and frozen with it.
    const actions = review.snapshot?.agreedActions ?? live;
    const flash = req.session.flash;
    delete req.session.flash;
    res.status(status).render('pages/reviews/review', {
      pageTitle: `${status >= 400 ? 'Error: ' : ''}Review of ${quarterLabel(review.quarter)}`,
      ...presentReview({ review, pack, actions, versions, v, role: req.user!.role, ...(posted ? { posted } : {}), ...(rest.errors ? { errors: rest.errors.byField } : {}) }),
      flash,
      errors: noErrors(),
      latest: versions.at(-1)!.id === review.id ? undefined : { id: versions.at(-1)!.id, versionNo: versions.at(-1)!.version_no },
      nextVersionNo: review.version_no + 1,
      // For those who prepare reviews: who printed or saved what is not every reader's business.
      history: (editors as readonly string[]).includes(req.user!.role) ? history.map((e) => ({ ...e, what: actionLabel(e.what) })) : [],
      ...rest,
      // The same fields as a case's action form, with what was typed and each error on its field.
      actionForm: formOptions((rest.actionValues as FormValues | undefined) ?? valuesFrom({}), (rest.actionErrors as FormErrors | undefined) ?? noErrors(), current(v.actionOwners)),
    });
  }

  router.get('/reviews', requireSignedIn, async (req, res) => {
    const all = await reviews.list();
    const v = await loadVocabularies(db);
    const visible = all.filter((r) => r.status === 'signed_off' || (editors as readonly string[]).includes(req.user!.role));
    const flash = req.session.flash;
    delete req.session.flash;
    res.render('pages/reviews/list', {
      pageTitle: 'Quarterly learning reviews',
      flash,
      canStart: req.user!.role === 'director',
      rows: visible.map((r) => ({
        id: r.id,
        quarter: quarterLabel(r.quarter),
        scope: r.scope ? r.scope.split(',').map((d) => v.departments.find((x) => x.code === d)?.label ?? d).join(', ') : 'Whole organisation',
        versionNo: r.version_no,
        signedOff: r.status === 'signed_off',
        signedOffAt: r.signed_off_at,
        // A version a correction has replaced is still readable, but is not the record to go by.
        replaced: all.some((later) => later.corrects_id === r.id),
      })),
    });
  });

  async function renderStart(res: Response, values: Record<string, unknown> = {}, errors = noErrors(), status = 200) {
    const v = await loadVocabularies(db);
    res.status(status).render('pages/reviews/new', {
      pageTitle: `${errors.list.length ? 'Error: ' : ''}Start a quarterly review`,
      quarterItems: [{ value: '', text: 'Choose a quarter' }, ...reviewableQuarters(clock()).map((q) => ({ value: q, text: quarterLabel(q), ...(q === values.quarter ? { selected: true } : {}) }))],
      scopeOrg: values.scope !== 'departments',
      departmentItems: current(v.departments).map((d) => ({ value: d.code, text: d.label, ...(many(values.departments).includes(d.code) ? { checked: true } : {}) })),
      errors,
    });
  }

  router.get('/reviews/new', ...requireRole('director'), (_req, res) => renderStart(res));

  router.get('/reviews/compliance', requireSignedIn, async (_req, res) => {
    const v = await loadVocabularies(db);
    const units = await reviews.cadence(current(v.departments).map((d) => ({ code: d.code, label: d.label })));
    res.render('pages/reviews/compliance', { pageTitle: 'Review cadence', units });
  });

  router.post('/reviews', ...requireRole('director'), async (req, res) => {
    const parsed = StartForm.safeParse(req.body ?? {});
    if (!parsed.success) return renderStart(res, req.body ?? {}, formErrors(parsed.error, ['quarter', 'scope', 'departments']), 400);
    // Only what the form offers: a finished quarter, departments in use.
    const departments = new Set(current((await loadVocabularies(db)).departments).map((d) => d.code));
    const offered = {
      ...(reviewableQuarters(clock()).includes(parsed.data.quarter) ? {} : { quarter: 'Choose a quarter from the list: one of the last eight that have finished' }),
      ...(parsed.data.scope === 'departments' && parsed.data.departments.some((d) => !departments.has(d)) ? { departments: 'Choose departments from the list' } : {}),
    };
    if (Object.keys(offered).length) return renderStart(res, req.body ?? {}, fromMessages(offered, ['quarter', 'scope', 'departments']), 400);
    try {
      const id = await reviews.start(users.actorFor(req.user!), parsed.data.quarter, parsed.data.scope === 'departments' ? parsed.data.departments : []);
      res.redirect(303, `/reviews/${id}`);
    } catch (err) {
      if (err instanceof ReviewError) return renderStart(res, req.body ?? {}, fromMessages({ [err.field]: err.message }, ['quarter']), 400);
      throw err;
    }
  });

  router.get('/reviews/:reviewId', requireSignedIn, (req, res) => show(req, res));

  router.post('/reviews/:reviewId/notes', ...requireRole(...editors), async (req, res) => {
    const review = await load(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const caseRefs = [...new Set(many(body.caseRef).filter(isRef))];
    const again = (errors: FormErrors) => show(req, res, { errors, posted: postedNotes(body) }, 400);
    const parsed = notesForm(caseRefs).safeParse(body);
    if (!parsed.success) return again(formErrors(parsed.error, notesFieldOrder(caseRefs)));
    try {
      await reviews.saveNotes(users.actorFor(req.user!), review.id, parsed.data, Number(body.version));
      req.session.flash = 'The review has been saved';
      res.redirect(303, `/reviews/${review.id}`);
    } catch (err) {
      if (!(err instanceof ReviewError)) throw err;
      // Signed off meanwhile: it is frozen, so there is nothing to type into; shown as it was signed.
      if (err.field === 'review') return show(req, res, { errors: { list: [{ text: err.message, href: '#content-hash' }], byField: {} } }, 409);
      // Out of date: what was typed is shown against the review as it now is, to be saved again.
      if (err.field === 'version') return again({ list: [{ text: 'Someone else saved this review since you opened it. What you typed is below, not saved: saving it replaces their findings, so check theirs first (open the review again in another tab)', href: '#save-review' }], byField: {} });
      return again(fromMessages({ [err.field]: err.message }, notesFieldOrder(caseRefs)));
    }
  });

  router.post('/reviews/:reviewId/actions', ...requireRole('director'), async (req, res) => {
    const review = await load(req);
    const owners = current((await loadVocabularies(db)).actionOwners).map((t) => t.code);
    const values = valuesFrom(req.body);
    const parsed = newActionForm({ owners, today: ukToday(clock()) }).safeParse(values);
    if (!parsed.success) return show(req, res, { actionErrors: withDateLink(formErrors(parsed.error, NEW_ACTION_FIELDS), values), actionValues: values }, 400);
    try {
      await reviews.agreeAction(users.actorFor(req.user!), review.id, parsed.data);
      req.session.flash = 'The action has been agreed';
      res.redirect(303, `/reviews/${review.id}#agreed-actions`);
    } catch (err) {
      if (!(err instanceof ReviewError)) throw err;
      return show(req, res, { actionErrors: fromMessages({ description: err.message }, ['description']), actionValues: values }, 400);
    }
  });

  router.post('/reviews/:reviewId/sign-off', ...requireRole('director'), async (req, res) => {
    const review = await load(req);
    try {
      const hash = await reviews.signOff(users.actorFor(req.user!), review.id, Number(req.body?.version));
      req.session.flash = `The review has been signed off. Its content hash is ${hash}`;
      res.redirect(303, `/reviews/${review.id}`);
    } catch (err) {
      if (!(err instanceof ReviewError)) throw err;
      // Not signed off: said as a problem on the page, not in the banner that says it was done.
      return show(req, res, { errors: { list: [{ text: err.message, href: err.field === 'review' ? '#content-hash' : '#sign-off-heading' }], byField: {} } }, 409);
    }
  });

  router.post('/reviews/:reviewId/correct', ...requireRole('director'), async (req, res) => {
    const review = await load(req);
    const parsed = ReasonForm.safeParse(req.body ?? {});
    if (!parsed.success) return show(req, res, { correctErrors: formErrors(parsed.error, ['reason']) }, 400);
    try {
      const id = await reviews.correct(users.actorFor(req.user!), review.id, parsed.data.reason);
      req.session.flash = `Version ${review.version_no + 1} has been started. Version ${review.version_no} stays as it was signed off.`;
      res.redirect(303, `/reviews/${id}`);
    } catch (err) {
      if (!(err instanceof ReviewError)) throw err;
      return show(req, res, { correctErrors: fromMessages({ reason: err.message }, ['reason']) }, 400);
    }
  });

  router.get('/reviews/:reviewId/learning', requireSignedIn, async (req, res) => {
    const review = await load(req);
    if (!review.snapshot) throw notFound('The learning summary is published when the review is signed off');
    const v = await loadVocabularies(db);
    res.render('pages/reviews/learning', { pageTitle: `What we learned in ${quarterLabel(review.quarter)}`, ...presentReview({ review, pack: review.snapshot.pack, actions: review.snapshot.agreedActions, versions: [], v, role: req.user!.role }) });
  });

  // The PDF is of the signed-off review only: it is the record, so it comes from the frozen snapshot.
  router.get('/reviews/:reviewId/review.pdf', requireSignedIn, async (req, res) => {
    const review = await load(req);
    const v = await loadVocabularies(db);
    // pdfkit and its fonts take a fifth of a second to load: only when a PDF is asked for.
    const { reviewPdf } = await import('./pdf.ts');
    const ownerLabel = (code: string) => v.actionOwners.find((o) => o.code === code)?.label ?? code;
    // A draft prints as it stands, to send round before the meeting (only editors can load a draft).
    const actor = users.actorFor(req.user!);
    const pdf = review.snapshot
      ? await reviewPdf(review.snapshot, { contentHash: review.content_hash, ownerLabel })
      : await reviewPdf(await reviews.snapshotOf(review, actor), { ownerLabel, draft: true });
    await reviews.recordExport(actor, review.id, 'pdf', !review.snapshot);
    res.set('Cache-Control', 'no-store').type('application/pdf').attachment(exportFilename(`casebook-review-${review.quarter}-v${review.version_no}${review.snapshot ? '' : '-draft'}`, 'pdf', clock()));
    res.send(pdf);
  });

  router.get('/reviews/:reviewId/data.csv', requireSignedIn, async (req, res) => {
    const review = await load(req);
    const pack = await reviews.pack(review);
    const discussions = review.snapshot?.discussions ?? review.discussions;
    await reviews.recordExport(users.actorFor(req.user!), review.id, 'csv');
    res.set('Cache-Control', 'no-store').attachment(exportFilename(`casebook-review-${review.quarter}`, 'csv', clock()));
    res.send(
      toCsv({
        title: `Review ${review.quarter}`,
        columns: ['Reference', 'Title', 'Department', 'Source', 'Harm', 'Themes', 'Discussed', 'Discussion note'].map((header) => ({ header })),
        rows: pack.cases.map((c) => [c.ref, c.title, c.department, c.source, c.harm, c.themes.join('; '), discussions[c.ref]?.discussed ? 'yes' : 'no', discussions[c.ref]?.note ?? '']),
      }),
    );
  });

  return router;
}
