import type { Db } from '../db/database.ts';
import type { CaseRow } from '../db/schema.ts';
import { tagsOfMany } from '../cases/repository.ts';
import { loadVocabularies, type Term, type Vocabularies } from '../vocabularies/service.ts';
import { LABEL_SEPARATOR } from './store.ts';
import type { SearchDoc } from './types.ts';

/** Only what a search document holds: a case row has some thirty columns, and building each row's object was a third of reading it. */
const COLUMNS = ['id', 'ref', 'title', 'narrative', 'learning', 'source', 'department', 'modality', 'body_area', 'harm', 'event_month', 'status', 'withdrawn_at'] as const;
type DocumentRow = Pick<CaseRow, (typeof COLUMNS)[number]>;

const labelOf = (terms: Term[], code: string | null) => (code ? (terms.find((t) => t.code === code)?.label ?? '') : '');

/** Cases as the search index reads them, a chunk at a time so memory and SQL variables stay bounded. */
export async function* caseDocuments(db: Db, opts: { ids?: number[]; chunk?: number } = {}): AsyncGenerator<SearchDoc[]> {
  const v = await loadVocabularies(db);
  const size = opts.chunk ?? 1000;
  if (opts.ids) {
    for (let i = 0; i < opts.ids.length; i += size) {
      yield await documentsOf(db, v, await db.selectFrom('cases').select(COLUMNS).where('id', 'in', opts.ids.slice(i, i + size)).execute());
    }
    return;
  }
  let afterId = 0;
  for (;;) {
    const rows = await db.selectFrom('cases').select(COLUMNS).where('id', '>', afterId).orderBy('id').limit(size).execute();
    if (!rows.length) return;
    yield await documentsOf(db, v, rows);
    afterId = rows[rows.length - 1]!.id;
  }
}

async function documentsOf(db: Db, v: Vocabularies, rows: DocumentRow[]): Promise<SearchDoc[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [tags, notes] = await Promise.all([tagsOfMany(db, ids), db.selectFrom('case_notes').select(['case_id', 'body']).where('case_id', 'in', ids).orderBy('id').execute()]);
  const notesOf = new Map<number, string[]>();
  for (const n of notes) notesOf.set(n.case_id, [...(notesOf.get(n.case_id) ?? []), n.body]);
  return rows.map((r) => {
    const t = tags.get(r.id)!;
    return {
      id: r.id,
      ref: r.ref,
      title: r.title,
      narrative: r.narrative,
      learning: r.learning ?? '',
      notes: (notesOf.get(r.id) ?? []).join('\n'),
      labels: labelsOf(v, t.themes, t.factors, r),
      themes: t.themes,
      factors: t.factors,
      source: r.source,
      department: r.department,
      modality: r.modality,
      harm: r.harm,
      eventMonth: r.event_month,
      status: r.status,
      withdrawn: r.withdrawn_at !== null,
    };
  });
}

/** The words a case is filed under: the labels of its codes, so "outsourced report delay" finds T3.04. */
function labelsOf(v: Vocabularies, themes: string[], factors: string[], r: { modality: string; body_area: string | null; source: string }): string {
  const themeLabels = themes.map((code) => v.themes.find((t) => t.code === code)?.label ?? '');
  const factorLabels = factors.map((code) => labelOf(v.themes.find((t) => code.startsWith(`${t.code}.`))?.factors ?? [], code));
  return [...themeLabels, ...factorLabels, labelOf(v.modalities, r.modality), labelOf(v.bodyAreas, r.body_area), labelOf(v.sources, r.source)].filter(Boolean).join(LABEL_SEPARATOR);
}
