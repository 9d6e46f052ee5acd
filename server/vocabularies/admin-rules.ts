/** Pure rules for editing reference data: no express or database imports, so they unit-test alone. */

export type VocabularyInfo = { name: string; slug: string; title: string; noun: string; editable: boolean };

// Journey stages are fixed in code (server/domain/journey.ts): their list is shown, never edited.
export const VOCABULARIES: readonly VocabularyInfo[] = [
  { name: 'source', slug: 'sources', title: 'Sources', noun: 'source', editable: true },
  { name: 'modality', slug: 'modalities', title: 'Modalities', noun: 'modality', editable: true },
  { name: 'body_area', slug: 'body-areas', title: 'Body areas', noun: 'body area', editable: true },
  { name: 'setting', slug: 'care-settings', title: 'Care settings', noun: 'care setting', editable: true },
  { name: 'urgency', slug: 'urgencies', title: 'Request urgency', noun: 'urgency', editable: true },
  { name: 'alert_category', slug: 'alert-categories', title: 'Alert categories', noun: 'alert category', editable: true },
  { name: 'harm', slug: 'harm-levels', title: 'Harm levels', noun: 'harm level', editable: true },
  { name: 'age_band', slug: 'age-bands', title: 'Age bands', noun: 'age band', editable: true },
  { name: 'action_owner', slug: 'action-owners', title: 'Action owners', noun: 'action owner', editable: true },
  { name: 'journey_stage', slug: 'journey-stages', title: 'Journey stages', noun: 'journey stage', editable: false },
];

export const vocabularyBySlug = (slug: string): VocabularyInfo | undefined => VOCABULARIES.find((v) => v.slug === slug);
export const vocabularyByName = (name: string): VocabularyInfo | undefined => VOCABULARIES.find((v) => v.name === name);

export type Item = { code: string; label: string; retired: boolean };

/** Labels are compared as people read them: case and runs of spaces do not make a new label. */
export const normaliseLabel = (label: string): string => label.trim().replace(/\s+/g, ' ');
const sameLabel = (a: string, b: string) => normaliseLabel(a).toLowerCase() === normaliseLabel(b).toLowerCase();

/** Another current item already reads the same. Retired items do not count: nobody can pick them. */
export const duplicateOf = (label: string, items: Item[], except?: string): Item | undefined =>
  items.find((i) => !i.retired && i.code !== except && sameLabel(i.label, label));

/**
 * The next factor code in a theme, one past the highest ever used, so a retired code is never handed
 * out again (old cases still carry it). Undefined once the two digits run out.
 */
export function nextFactorCode(theme: string, codes: string[]): string | undefined {
  const pattern = new RegExp(`^${theme.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d{2})$`);
  const highest = codes.reduce((max, code) => {
    const m = pattern.exec(code);
    return m ? Math.max(max, Number(m[1])) : max;
  }, 0);
  return highest >= 99 ? undefined : `${theme}.${String(highest + 1).padStart(2, '0')}`;
}

/** The item to swap places with, or undefined at either end of the list. */
export function neighbour<T extends { code: string }>(ordered: T[], code: string, direction: 'up' | 'down'): T | undefined {
  const at = ordered.findIndex((i) => i.code === code);
  if (at < 0) return undefined;
  return ordered[direction === 'up' ? at - 1 : at + 1];
}
