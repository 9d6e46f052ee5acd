import type { RequestHandler } from 'express';
import type { Db } from '../db/database.ts';
import { quarterLabel } from '../domain/quarters.ts';
import { loadVocabularies } from '../vocabularies/service.ts';
import { formErrors, noErrors } from '../web/form-errors.ts';
import { pagination } from '../web/pagination.ts';
import { labelOf, presentAction } from './present.ts';
import { actionListQuery, LIST_FIELDS } from './schema.ts';
import type { ActionService } from './service.ts';

const PAGE_SIZE = 25;
const STATUS_ITEMS = [
  { value: 'open', text: 'Open' },
  { value: 'done', text: 'Done' },
  { value: 'dropped', text: 'Dropped' },
  { value: 'all', text: 'Any status' },
];

/** `GET /actions`: every action across cases, open ones by default, soonest due first. */
export function listActions(db: Db, actions: ActionService): RequestHandler {
  return async (req, res) => {
    const v = await loadVocabularies(db);
    const raw = { status: req.query.status, overdue: req.query.overdue, owner: req.query.owner, department: req.query.department, page: req.query.page };
    const values = Object.fromEntries(Object.entries(raw).map(([k, x]) => [k, typeof x === 'string' ? x : ''])) as Record<keyof typeof raw, string>;
    const chosen = (items: { value: string; text: string }[], value: string) => items.map((i) => ({ ...i, ...(i.value === value ? { selected: true } : {}) }));
    const options = {
      statusItems: chosen(STATUS_ITEMS, values.status || 'open'),
      ownerItems: chosen([{ value: '', text: 'Any owner' }, ...v.actionOwners.map((t) => ({ value: t.code, text: t.label }))], values.owner),
      departmentItems: chosen([{ value: '', text: 'Any department' }, ...v.departments.map((t) => ({ value: t.code, text: t.label }))], values.department),
      overdueChecked: values.overdue === 'yes',
    };
    const parsed = actionListQuery({ owners: v.actionOwners.map((t) => t.code), departments: v.departments.map((t) => t.code) }).safeParse(values);
    if (!parsed.success) {
      res.status(400).render('pages/actions/list', { pageTitle: 'Actions', values, ...options, errors: formErrors(parsed.error, LIST_FIELDS), rows: [], total: 0 });
      return;
    }
    const q = parsed.data;
    const today = actions.today();
    const filter = {
      ...(q.status !== 'all' ? { status: q.status } : {}),
      ...(q.overdue ? { overdueOn: today } : {}),
      ...(q.owner ? { owner: q.owner } : {}),
      ...(q.department ? { department: q.department } : {}),
    };
    const { rows, total } = await actions.list(filter, q.page, PAGE_SIZE);
    const shown = rows.map((r) => ({
      ...presentAction(r, v.actionOwners, today),
      caseRef: r.case_ref,
      departmentLabel: labelOf(v.departments, r.case_department),
      // Agreed at a quarterly review rather than on a case: the review it came from.
      review:
        r.review_id !== null && r.review_quarter
          ? { href: `/reviews/${r.review_id}#agreed-actions`, text: `Review of ${quarterLabel(r.review_quarter)}, ${r.review_scope ? r.review_scope.split(',').map((d) => labelOf(v.departments, d)).join(', ') : 'whole organisation'}` }
          : undefined,
    }));
    const kept = Object.fromEntries(Object.entries(values).filter(([k, x]) => k !== 'page' && x !== ''));
    res.render('pages/actions/list', {
      pageTitle: 'Actions',
      values,
      ...options,
      errors: noErrors(),
      rows: shown,
      total,
      summary: `${total} ${q.overdue ? 'overdue ' : q.status === 'all' ? '' : `${q.status} `}${total === 1 ? 'action' : 'actions'}`,
      pagination: pagination({ page: q.page, pageSize: PAGE_SIZE, total, href: (p) => `/actions?${new URLSearchParams({ ...kept, page: String(p) })}` }),
    });
  };
}
