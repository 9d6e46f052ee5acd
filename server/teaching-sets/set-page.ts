import type { Request, Response } from 'express';
import type { Db } from '../db/database.ts';
import { loadVocabularies } from '../vocabularies/service.ts';
import { type FormErrors, noErrors } from '../web/form-errors.ts';
import { takeFlash } from './http.ts';
import { presentHeader, presentItems, setHref } from './present.ts';
import { canEditSets, type SetDetail } from './service.ts';

export type SetPageState = {
  errors?: FormErrors;
  /** What was typed in the "add a case" form, kept when it is refused. */
  add?: { ref: string; note: string };
  /** A refused note, kept in its own item's box. */
  note?: { ref: string; value: string; error: string };
};

const hiddenNote = (n: number) =>
  n === 0 ? null : `${n === 1 ? '1 case in this set has' : `${n} cases in this set have`} been withdrawn. Withdrawn cases are not shown, taught or exported.`;

/** The set page, for reading and (for trainers, while the set is not archived) changing its cases. */
export async function renderSetPage(db: Db, req: Request, res: Response, detail: SetDetail, state: SetPageState = {}, status = 200) {
  const v = await loadVocabularies(db);
  const header = presentHeader(detail.set);
  const canEdit = canEditSets(req.user!.role);
  const items = presentItems(detail, v).map((item) => {
    const refused = state.note?.ref === item.ref ? state.note : undefined;
    return { ...item, noteValue: refused ? refused.value : 'note' in item ? item.note : '', noteError: refused?.error };
  });
  const href = setHref(detail.set.id);
  res.status(status).render('pages/teaching-sets/set', {
    pageTitle: header.title,
    set: header,
    flash: takeFlash(req),
    items,
    teachableCount: detail.teachable.length,
    hiddenNote: hiddenNote(detail.items.length - detail.teachable.length),
    archiveButton: header.archived ? 'Unarchive this set' : 'Archive this set',
    canEdit: canEdit && !header.archived,
    canArchive: canEdit,
    links: {
      teach: detail.teachable.length ? `${href}/teach/1` : null,
      handout: `${href}/handout`,
      csv: `${href}/export.csv`,
      html: `${href}/export.html`,
      edit: `${href}/edit`,
    },
    errors: state.errors ?? noErrors(),
    add: state.add ?? { ref: '', note: '' },
  });
}
