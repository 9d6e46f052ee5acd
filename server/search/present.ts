import type { Term, Vocabularies } from '../vocabularies/service.ts';
import type { SearchParams } from './schema.ts';
import { FACETS, type Facet, type SearchResult } from './types.ts';

export const FACET_NAMES: Record<Facet, string> = {
  theme: 'Theme',
  factor: 'Contributory factor',
  source: 'Source',
  department: 'Department',
  modality: 'Modality',
  harm: 'Harm',
  year: 'Year of the event',
};

/** Code → label for each facet; years are their own label. */
export function facetLabeller(v: Vocabularies): (facet: Facet, code: string) => string {
  const lists: Partial<Record<Facet, Term[]>> = {
    theme: v.themes.map((t) => ({ code: t.code, label: `${t.code} ${t.label}` })),
    factor: v.themes.flatMap((t) => t.factors.map((f) => ({ code: f.code, label: `${f.code} ${f.label}` }))),
    source: v.sources,
    department: v.departments,
    modality: v.modalities,
    harm: v.harms,
  };
  return (facet, code) => lists[facet]?.find((t) => t.code === code)?.label ?? code;
}

/** The query string of the current search with changes, for links that keep everything else. */
export function searchHref(p: SearchParams, change: Partial<Record<keyof SearchParams, string | string[] | number>> = {}): string {
  const merged = { ...p, ...change } as Record<string, unknown>;
  const qs = new URLSearchParams();
  if (merged.q) qs.set('q', String(merged.q));
  for (const f of FACETS) for (const v of (merged[f] as string[]) ?? []) qs.append(f, v);
  if (merged.sort && merged.sort !== 'relevance') qs.set('sort', String(merged.sort));
  if (merged.page && merged.page !== 1) qs.set('page', String(merged.page));
  const s = qs.toString();
  return s ? `/search?${s}` : '/search';
}

/** Checkbox groups for the facets: options with matches, plus any the user has ticked. */
export function facetGroups(result: SearchResult, p: SearchParams, label: (f: Facet, code: string) => string) {
  return FACETS.map((facet) => {
    const counts = new Map(result.facets[facet].map((c) => [c.value, c.count]));
    for (const chosen of p[facet]) if (!counts.has(chosen)) counts.set(chosen, 0);
    const items = [...counts.entries()]
      .sort((a, b) => (facet === 'year' ? b[0].localeCompare(a[0]) : b[1] - a[1] || a[0].localeCompare(b[0])))
      .map(([value, count]) => ({ value, text: `${label(facet, value)} (${count})`, ...(p[facet].includes(value) ? { checked: true } : {}) }));
    return { facet, name: FACET_NAMES[facet], idPrefix: `facet-${facet}`, items, open: p[facet].length > 0 };
  }).filter((g) => g.items.length > 0);
}

/** Links that each remove one active filter: the "no results" help. */
export function removableFilters(p: SearchParams, label: (f: Facet, code: string) => string) {
  return FACETS.flatMap((facet) =>
    p[facet].map((value) => ({ text: `${FACET_NAMES[facet]}: ${label(facet, value)}`, href: searchHref(p, { [facet]: p[facet].filter((x) => x !== value), page: 1 }) })),
  );
}
