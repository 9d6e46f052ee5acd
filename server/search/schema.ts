import { z } from 'zod';
import { codeSets, perLists } from '../vocabularies/code-sets.ts';
import { FACETS, type Facet } from './types.ts';

const many = (v: unknown): string[] => (v === undefined || v === '' ? [] : (Array.isArray(v) ? v : [v]).map(String).filter(Boolean));
const facetValues = z.preprocess(many, z.array(z.string().max(60)).max(30, 'Choose fewer filters'));

/**
 * The search page's and the API's query. The query text is never an error: bad syntax degrades to
 * plain words in the parser; only its length is limited.
 */
export const SearchQuery = z.object({
  q: z.preprocess((v) => (Array.isArray(v) ? v.join(' ') : (v ?? '')), z.string().max(200, 'Enter 200 characters or fewer')),
  ...(Object.fromEntries(FACETS.map((f) => [f, facetValues])) as Record<Facet, typeof facetValues>),
  sort: z.preprocess((v) => (v === '' || v === undefined ? 'relevance' : v), z.enum(['relevance', 'date'], { error: 'Sort by relevance or date' })),
  page: z.preprocess((v) => (v === undefined || v === '' ? 1 : Number(v)), z.number({ error: 'Page must be a number' }).int('Page must be a whole number').min(1, 'Page must be 1 or more').max(1000, 'Page must be 1,000 or less')),
});

export type SearchParams = z.infer<typeof SearchQuery>;

/**
 * The API's query, its filter codes checked against the lists as the case list's are: an unknown
 * code matches nothing and would read as "no cases". (The search page shows each filter as one to
 * remove, so there it stays a filter.)
 */
export const searchQueryFor = perLists((v) => {
  const known = codeSets(v);
  return SearchQuery.superRefine((q, ctx) => {
    for (const facet of FACETS) {
      const bad = q[facet].filter((value) => (facet === 'year' ? !/^\d{4}$/.test(value) : !known[facet].has(value)));
      if (!bad.length) continue;
      const what = `${bad.join(', ')} ${bad.length === 1 ? 'is' : 'are'} not`;
      const message = facet === 'year' ? `${what} a year: give years like 2026` : `${what} a ${facet} code: use the codes of GET /api/v1/vocabularies`;
      ctx.addIssue({ code: 'custom', path: [facet], message, input: bad });
    }
  });
});

export const filtersOf = (p: SearchParams): Partial<Record<Facet, string[]>> =>
  Object.fromEntries(FACETS.filter((f) => p[f].length).map((f) => [f, p[f]]));
