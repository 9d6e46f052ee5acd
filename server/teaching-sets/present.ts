import type { CaseView } from '../cases/view.ts';
import { monthLabel } from '../domain/months.ts';
import type { Term, Vocabularies } from '../vocabularies/service.ts';
import type { SetDetail, SetItem, SetRow, SetSummaryRow } from './service.ts';

const labelOf = (terms: Term[], code: string | null): string => (code === null ? 'Not recorded' : (terms.find((t) => t.code === code)?.label ?? code));
const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });

export const setHref = (id: number) => `/teaching-sets/${id}`;

export const WITHDRAWN_TEXT = 'This case was withdrawn';
export const UNAVAILABLE_TEXT = 'This case is not available';

export function presentSummary(r: SetSummaryRow) {
  return { id: r.id, href: setHref(r.id), title: r.title, audience: r.audience, teachable: r.teachable, updatedAt: r.updated_at, archivedAt: r.archived_at };
}

export function presentHeader(s: SetRow) {
  return { id: s.id, href: setHref(s.id), title: s.title, description: s.description, audience: s.audience, archived: s.archived_at !== null, updatedAt: s.updated_at };
}

export function themesOf(c: CaseView, v: Vocabularies) {
  return c.themes.map((t) => {
    const theme = v.themes.find((x) => x.code === t.theme);
    return { code: t.theme, label: theme?.label ?? t.theme, factors: t.factors.map((f) => ({ code: f, label: labelOf(theme?.factors ?? [], f) })) };
  });
}

/**
 * The facts a group can reason from before the outcome is known. The title, harm, themes and
 * learning usually give the answer away, so they are not here.
 */
export const teachingFacts = (c: CaseView, v: Vocabularies) => [
  row('Modality', labelOf(v.modalities, c.modality)),
  row('Body area', labelOf(v.bodyAreas, c.bodyArea)),
  row('Care setting', labelOf(v.settings, c.setting)),
  row('Urgency of the request', labelOf(v.urgencies, c.urgency)),
  row('Age band', labelOf(v.ageBands, c.ageBand)),
];

const hiddenText = (item: SetItem) => (item.kind === 'withdrawn' ? WITHDRAWN_TEXT : UNAVAILABLE_TEXT);

/** Every place in the set for its page; only teachable cases carry content. */
export function presentItems(detail: SetDetail, v: Vocabularies) {
  const last = detail.items.length;
  return detail.items.map((item) => {
    const base = { ref: item.ref, position: item.position, first: item.position === 1, last: item.position === last };
    if (item.kind !== 'teachable') return { ...base, hidden: true, hiddenText: hiddenText(item) };
    return { ...base, hidden: false, title: item.case.title, note: item.note, status: item.case.status, themes: themesOf(item.case, v) };
  });
}

/** One case of teaching mode: `position` counts teachable cases only, from 1. */
export function presentTeach(detail: SetDetail, position: number, v: Vocabularies) {
  const item = detail.teachable[position - 1];
  if (!item) return undefined;
  const total = detail.teachable.length;
  const href = (p: number) => `${setHref(detail.set.id)}/teach/${p}`;
  const c = item.case;
  return {
    position,
    total,
    ref: c.ref,
    facts: teachingFacts(c, v),
    narrative: c.narrative,
    reveal: {
      title: c.title,
      themes: themesOf(c, v),
      harm: labelOf(v.harms, c.harm),
      learning: c.learning,
      note: item.note,
    },
    left: detail.items.length - total,
    pagination: {
      ...(position > 1 ? { previous: { href: href(position - 1), text: 'Previous case', label: { text: `Case ${position - 1} of ${total}` } } } : {}),
      ...(position < total ? { next: { href: href(position + 1), text: 'Next case', label: { text: `Case ${position + 1} of ${total}` } } } : {}),
    },
  };
}

/** Every case in full, for the printed handout and the HTML export. */
export function presentHandout(detail: SetDetail, v: Vocabularies) {
  return detail.items.map((item) => {
    if (item.kind !== 'teachable') return { position: item.position, ref: item.ref, hidden: true, hiddenText: hiddenText(item) };
    const c = item.case;
    return {
      position: item.position,
      ref: c.ref,
      hidden: false,
      title: c.title,
      rows: [
        ...teachingFacts(c, v),
        row('Harm (LFPSE physical harm)', labelOf(v.harms, c.harm)),
        row('Month of the event', monthLabel(c.eventMonth)),
      ],
      narrative: c.narrative,
      learning: c.learning,
      themes: themesOf(c, v),
      note: item.note,
    };
  });
}
