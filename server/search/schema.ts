import { z } from 'zod';
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

export const filtersOf = (p: SearchParams): Partial<Record<Facet, string[]>> =>
  Object.fromEntries(FACETS.filter((f) => p[f].length).map((f) => [f, p[f]]));
