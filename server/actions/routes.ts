import { type Request, type Response, Router } from 'express';
import type { z } from 'zod';
import type { AuditService } from '../audit/service.ts';
import { requireRole } from '../auth/middleware.ts';
import { IdentifierFoundError, scanFields } from '../cases/identifier-check.ts';
import type { Db } from '../db/database.ts';
import { parseRef, refAsTyped } from '../domain/case-ref.ts';
import type { UserService } from '../users/service.ts';
import { notFound } from '../web/errors.ts';
import { formErrors, type FormErrors, noErrors } from '../web/form-errors.ts';
import { conflictRows, errorsFrom, FIELD_LABELS, formOptions, type FormValues, valuesFrom, valuesOf } from './form-view.ts';
import { listActions } from './list-page.ts';
import { identifierMessages } from './present.ts';
import { ActionIdParam, EDIT_ACTION_FIELDS, editActionForm, NEW_ACTION_FIELDS, newActionForm } from './schema.ts';
import { ActionConflictError, type ActionRow, type ActionService, createActionService } from './service.ts';

export type ActionDeps = { db: Db; audit: AuditService; users: UserService; clock: () => Date };

type CaseRef = { id: number; ref: string; title: string; withdrawn_at: string | null };

const savedMessage = (before: ActionRow['status'], after: ActionRow['status']): string =>
  before === after ? 'The action has been updated' : after === 'done' ? 'The action has been marked as done' : after === 'dropped' ? 'The action has been dropped' : 'The action has been reopened';

/** Actions on cases and the list of all open actions. */
export function actionRoutes(deps: ActionDeps): Router {
  const actions = createActionService(deps);
  const { users } = deps;
  const router = Router();
  const editors = requireRole('safety', 'director');

  async function loadCase(req: Request): Promise<CaseRef> {
    const ref = String(req.params.ref).toUpperCase();
    const found = parseRef(ref) ? await actions.findCase(ref) : undefined;
    if (!found) throw notFound(`There is no case ${refAsTyped(req.params.ref)}`);
    return found;
  }

  async function loadAction(req: Request, c: CaseRef): Promise<ActionRow> {
    const id = ActionIdParam.safeParse(req.params.actionId);
    const row = id.success ? await actions.get(c.id, id.data) : undefined;
    if (!row) throw notFound('There is no such action on this case');
    return row;
  }

  const page = (c: CaseRef) => ({ caseRef: c.ref, caseTitle: c.title });

  async function renderNew(res: Response, c: CaseRef, values: FormValues, errors: FormErrors = noErrors(), status = 200) {
    const { owners } = await actions.formContext();
    res.status(status).render('pages/actions/new', { pageTitle: `Add an action to ${c.ref}`, ...page(c), ...formOptions(values, errors, owners) });
  }

  async function renderEdit(res: Response, c: CaseRef, row: ActionRow, values: FormValues, extra: { errors?: FormErrors; conflict?: ReturnType<typeof conflictRows> } = {}, status = 200) {
    const { owners } = await actions.formContext(row);
    res.status(status).render('pages/actions/edit', {
      pageTitle: `Change an action on ${c.ref}`,
      ...page(c),
      actionId: row.id,
      conflict: extra.conflict,
      ...formOptions(values, extra.errors ?? noErrors(), owners),
    });
  }

  const emptyValues = (): FormValues => ({ description: '', owner: '', dueDate: { day: '', month: '', year: '' }, status: 'open', droppedReason: '', evidence: '', version: '' });

  /** A withdrawn case takes no new action: told on its page, as the link to add one is not offered. */
  function refuseIfWithdrawn(req: Request, res: Response, c: CaseRef): boolean {
    if (c.withdrawn_at === null) return false;
    req.session.flashProblem = `${c.ref} has been withdrawn, so no new actions can be added to it`;
    res.redirect(303, `/cases/${c.ref}#actions`);
    return true;
  }

  router.get('/cases/:ref/actions/new', ...editors, async (req, res) => {
    const c = await loadCase(req);
    if (!refuseIfWithdrawn(req, res, c)) await renderNew(res, c, emptyValues());
  });

  router.post('/cases/:ref/actions', ...editors, async (req, res) => {
    const c = await loadCase(req);
    if (refuseIfWithdrawn(req, res, c)) return;
    const values = valuesFrom(req.body);
    const { rules } = await actions.formContext();
    const parsed = newActionForm(rules).safeParse(values);
    if (!parsed.success) return renderNew(res, c, values, everyProblem(parsed.error, values, NEW_ACTION_FIELDS), 400);
    try {
      await actions.create(users.actorFor(req.user!), c, parsed.data);
    } catch (err) {
      if (err instanceof IdentifierFoundError) return renderNew(res, c, values, errorsFrom(identifierMessages(err.findings, FIELD_LABELS), NEW_ACTION_FIELDS, values), 400);
      throw err;
    }
    req.session.flash = 'The action has been added';
    res.redirect(303, `/cases/${c.ref}#actions`);
  });

  router.get('/cases/:ref/actions/:actionId', ...editors, async (req, res) => {
    const c = await loadCase(req);
    const row = await loadAction(req, c);
    await renderEdit(res, c, row, valuesOf(row));
  });

  router.post('/cases/:ref/actions/:actionId', ...editors, async (req, res) => {
    const c = await loadCase(req);
    const row = await loadAction(req, c);
    const values = valuesFrom(req.body);
    const { rules, allOwners } = await actions.formContext(row);
    const parsed = editActionForm(rules).safeParse(values);
    if (!parsed.success) return renderEdit(res, c, row, values, { errors: everyProblem(parsed.error, values, EDIT_ACTION_FIELDS) }, 400);
    let saved: ActionRow;
    try {
      saved = await actions.update(users.actorFor(req.user!), c.id, row.id, parsed.data);
    } catch (err) {
      if (err instanceof IdentifierFoundError) {
        return renderEdit(res, c, row, values, { errors: errorsFrom(identifierMessages(err.findings, FIELD_LABELS), EDIT_ACTION_FIELDS, values) }, 400);
      }
      if (err instanceof ActionConflictError) {
        // The form keeps this user's values but takes the stored version: saving again is a deliberate overwrite.
        const conflict = conflictRows(err.current, values, allOwners);
        const errors = { list: [{ text: 'Someone else changed this action after you opened it. Nothing has been saved', href: '#conflict' }], byField: {} };
        return renderEdit(res, c, err.current, { ...values, version: String(err.current.version) }, { errors, conflict }, 409);
      }
      throw err;
    }
    req.session.flash = savedMessage(row.status, saved.status);
    res.redirect(303, `/cases/${c.ref}#actions`);
  });

  // Registered here rather than in a nested router so the route table (and its role test) sees it.
  router.get('/actions', ...editors, listActions(deps.db, actions));
  return router;
}

export type { ActionService };

/** The form's problems and any identifier in its text together, so the user fixes everything in one go. */
function everyProblem(error: z.ZodError, values: FormValues, order: readonly string[]): FormErrors {
  const found = identifierMessages(scanFields({ description: values.description, droppedReason: values.droppedReason, evidence: values.evidence }), FIELD_LABELS);
  return errorsFrom({ ...found, ...formErrors(error, order).byField }, order, values);
}
