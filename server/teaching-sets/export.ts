import type { Term, Vocabularies } from '../vocabularies/service.ts';
import type { ExportTable } from '../web/table-export.ts';
import { themesOf, UNAVAILABLE_TEXT, WITHDRAWN_TEXT } from './present.ts';
import type { SetDetail } from './service.ts';

const labelOf = (terms: Term[], code: string) => terms.find((t) => t.code === code)?.label ?? code;

/** One row per place in the set; a withdrawn case keeps its row (so positions line up) but no text. */
export function setTable(detail: SetDetail, v: Vocabularies): ExportTable {
  const columns = [
    { header: 'Position', width: 8 },
    { header: 'Reference', width: 16 },
    { header: 'Title', width: 40 },
    { header: 'Themes', width: 40 },
    { header: 'Contributory factors', width: 50 },
    { header: 'Modality' },
    { header: 'Harm' },
    { header: 'Event month', width: 11 },
    // What happened is what is taught from: a set in a spreadsheet is read without the app.
    { header: 'What happened', width: 80 },
    { header: 'Learning points', width: 60 },
    { header: 'Teaching note', width: 60 },
  ];
  const rows = detail.items.map((item) => {
    if (item.kind !== 'teachable') return [item.position, item.ref, item.kind === 'withdrawn' ? WITHDRAWN_TEXT : UNAVAILABLE_TEXT, null, null, null, null, null, null, null, null];
    const c = item.case;
    const themes = themesOf(c, v);
    return [
      item.position,
      c.ref,
      c.title,
      themes.map((t) => `${t.code} ${t.label}`).join('; '),
      themes.flatMap((t) => t.factors.map((f) => `${f.code} ${f.label}`)).join('; '),
      labelOf(v.modalities, c.modality),
      labelOf(v.harms, c.harm),
      c.eventMonth,
      c.narrative,
      c.learning,
      item.note,
    ];
  });
  return { title: detail.set.title, columns, rows };
}
