import { type Request, type Response, Router } from 'express';
import { requireRole } from '../auth/middleware.ts';
import type { UserService } from '../users/service.ts';
import { type Vocabularies, loadVocabularies } from '../vocabularies/service.ts';
import { notFound } from '../web/errors.ts';
import { compareVersions } from './compare.ts';
import { CaseForm, identifierChoices } from './form.ts';
import { type CaseFormValues, caseFormView, type FieldErrors, valuesFromBody, valuesFromCase } from './form-view.ts';
import { IdentifierFoundError, type IdentifierConfirmation, type IdentifierFinding, screenFields } from './identifier-check.ts';
import { redactFinding } from './redaction.ts';
import { CaseStateError, CaseValidationError, canSeeDrafts, type CaseService, type CaseView, VersionConflictError } from './service.ts';
import { isRef, refAsTyped } from '../domain/case-ref.ts';
import type { SearchService } from '../search/service.ts';

type Page = { heading: string; action: string; existing?: CaseView; cancelHref: string };

const NEW_BUTTONS = [
  { text: 'Submit case', value: 'submit' },
  { text: 'Save as draft', value: 'draft', secondary: true },
];
const SUBMITTED_BUTTONS = [{ text: 'Save changes', value: 'save' }];

const pageFor = (existing?: CaseView): Page =>
  existing
    ? { heading: 'Edit case', action: `/cases/${existing.ref}/edit`, existing, cancelHref: `/cases/${existing.ref}` }
    : { heading: 'Log a case', action: '/cases', cancelHref: '/' };

/** Findings to show beside the form even when other problems stopped the save first. */
function findingsOf(values: CaseFormValues, confirmations: IdentifierConfirmation[]): IdentifierFinding[] {
  try {
    screenFields({ title: values.title, narrative: values.narrative, learning: values.learning }, confirmations);
    return [];
  } catch (err) {
    if (err instanceof IdentifierFoundError) return err.findings;
    throw err;
  }
}

function render(res: Response, v: Vocabularies, page: Page, form: Parameters<typeof caseFormView>[0] extends infer O ? Omit<O & object, 'v'> : never, extra: Record<string, unknown> = {}, status = 200) {
  const draftOrNew = !page.existing || page.existing.status === 'draft';
  res.status(status).render('pages/cases/form', {
    pageTitle: `${(form.errors && Object.keys(form.errors).length) || form.findings?.some((f) => !f.confirmed) ? 'Error: ' : ''}${page.heading}${page.existing ? `: ${page.existing.ref}` : ''}`,
    ...page,
    form: caseFormView({ v, ...form }),
    buttons: draftOrNew ? NEW_BUTTONS : SUBMITTED_BUTTONS,
    defaultIntent: draftOrNew ? 'draft' : 'save',
    defaultLabel: draftOrNew ? 'Save as draft' : 'Save changes',
    ...extra,
  });
}

const zodField = (path: PropertyKey | undefined) => {
  const key = String(path ?? 'title');
  const journey = /^journey\[(\w+)\]$/.exec(key);
  return journey ? `journey.${journey[1]}` : key.startsWith('eventMonth') ? 'eventMonth' : key;
};

export function caseFormRoutes(cases: CaseService, users: UserService, db: Parameters<typeof loadVocabularies>[0], search: SearchService): Router {
  const router = Router();
  const editors = requireRole('safety', 'director');

  async function editable(req: Request): Promise<CaseView> {
    const c = await cases.get(String(req.params.ref).toUpperCase());
    if (!c) throw notFound(`There is no case ${refAsTyped(req.params.ref)}`);
    return c;
  }

  /** One handler for new and edit: redaction re-shows the form; a save either lands or explains why not. */
  async function save(req: Request, res: Response, existing?: CaseView) {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const v = await loadVocabularies(db);
    const page = pageFor(existing);
    let values = valuesFromBody(body);
    const choices = identifierChoices(body);
    let confirmations = choices.confirmations;

    if (choices.redact) {
      ({ values, confirmations } = redactFinding(values, confirmations, choices.redact));
      return render(res, v, page, { values, findings: findingsOf(values, confirmations), confirmations });
    }

    // "Check for similar cases" and each "Add as a repeat" re-show the form: nothing is saved yet.
    const addRepeat = typeof body.addRepeat === 'string' && isRef(body.addRepeat) ? body.addRepeat : undefined;
    if (body.similar !== undefined || addRepeat) {
      if (addRepeat && !values.repeats.toUpperCase().includes(addRepeat)) values = { ...values, repeats: [values.repeats.trim(), addRepeat].filter(Boolean).join(', ') };
      const similar = await similarCases(req, values, existing);
      return render(res, v, page, { values, findings: findingsOf(values, confirmations), confirmations }, { similar, similarChecked: true });
    }

    const parsed = CaseForm.safeParse(body);
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) errors[zodField(issue.path[0])] ??= issue.message;
      return render(res, v, page, { values, errors, findings: findingsOf(values, confirmations), confirmations }, {}, 400);
    }
    const actor = users.actorFor(req.user!);
    try {
      const saved = existing
        ? await cases.update(actor, existing.ref, parsed.data.input, parsed.data.version ?? 0, { confirmations })
        : await cases.create(actor, parsed.data.input, { confirmations });
      req.session.flash = existing
        ? `${saved.ref} has been ${saved.status !== existing.status ? 'submitted' : 'saved'}`
        : `${saved.ref} has been ${saved.status === 'draft' ? 'saved as a draft' : 'submitted'}`;
      res.redirect(303, `/cases/${saved.ref}`);
    } catch (err) {
      if (err instanceof CaseValidationError) {
        const errors: FieldErrors = {};
        for (const p of err.problems) errors[p.field] ??= p.message;
        return render(res, v, page, { values, errors, findings: findingsOf(values, confirmations), confirmations }, {}, 400);
      }
      if (err instanceof IdentifierFoundError) return render(res, v, page, { values, findings: err.findings, confirmations }, {}, 422);
      if (err instanceof VersionConflictError) {
        // Nothing was written: show what won, and this form again with the user's values against the newer version.
        const latest = err.current;
        return render(res, v, pageFor(latest), { values, findings: findingsOf(values, confirmations), confirmations }, { conflict: { theirs: latest, rows: compareVersions(latest, parsed.data.input, v) } }, 409);
      }
      if (err instanceof CaseStateError) {
        req.session.flashProblem = err.message;
        return res.redirect(303, `/cases/${existing?.ref ?? ''}`);
      }
      throw err;
    }
  }

  async function similarCases(req: Request, values: CaseFormValues, existing?: CaseView) {
    const text = [values.title, values.narrative, values.learning].join('\n');
    const excludeId = existing ? (await db.selectFrom('cases').select('id').where('ref', '=', existing.ref).executeTakeFirst())?.id : undefined;
    const found = await search.similarToText(text, values.factors, { limit: 5, includeDrafts: canSeeDrafts(req.user!.role), ...(excludeId ? { excludeId } : {}) });
    const linked = values.repeats.toUpperCase();
    return found.map((f) => ({ ref: f.ref, title: f.title, factors: f.sharedFactors, terms: f.sharedTerms.slice(0, 6), linked: linked.includes(f.ref) }));
  }

  router.get('/cases/new', ...editors, async (_req, res) => {
    const v = await loadVocabularies(db);
    render(res, v, pageFor(), { values: valuesFromBody({}) });
  });

  router.post('/cases', ...editors, (req, res) => save(req, res));

  router.get('/cases/:ref/edit', ...editors, async (req, res) => {
    const c = await editable(req);
    if (c.withdrawn || c.status === 'closed') {
      req.session.flash = c.withdrawn ? `${c.ref} has been withdrawn and cannot be changed` : `${c.ref} is closed: a clinical director must reopen it before it can be changed`;
      return res.redirect(303, `/cases/${c.ref}`);
    }
    render(res, await loadVocabularies(db), pageFor(c), { values: valuesFromCase(c) });
  });

  router.post('/cases/:ref/edit', ...editors, async (req, res) => save(req, res, await editable(req)));

  return router;
}
