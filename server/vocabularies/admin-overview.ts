import type { Db } from '../db/database.ts';
import { VOCABULARIES } from './admin-rules.ts';
import { listDepartments, listFactors, listTerms, listThemes, listTimeframes } from './repository.ts';

type Counted = { retired: number };
const counts = (rows: Counted[]) => ({ current: rows.filter((r) => r.retired === 0).length, retired: rows.filter((r) => r.retired !== 0).length });

/** What the reference data index shows: every list with how many terms are current and retired. */
export async function overview(db: Db) {
  const [terms, themes, factors, departments, timeframes] = await Promise.all([listTerms(db), listThemes(db), listFactors(db), listDepartments(db), listTimeframes(db)]);
  return {
    themes: themes.map((t) => ({ code: t.code, label: t.label, href: `/admin/reference-data/themes/${t.code}`, ...counts(factors.filter((f) => f.theme_code === t.code)) })),
    vocabularies: VOCABULARIES.map((v) => ({ title: v.title, editable: v.editable, href: `/admin/reference-data/${v.slug}`, ...counts(terms.filter((t) => t.vocabulary === v.name)) })),
    departments: counts(departments),
    timeframes: { total: timeframes.length, local: timeframes.filter((t) => t.local === 1).length },
  };
}
