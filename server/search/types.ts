import type { SnapshotParts } from './snapshot.ts';
/** The search engine's contract: the embedded engine meets it. */

export type CaseStatus = 'draft' | 'submitted' | 'closed';

export type SearchDoc = {
  id: number;
  ref: string;
  title: string;
  narrative: string;
  learning: string;
  notes: string;
  /** Labels of themes, factors, modality, body area and source, joined: words people search by. */
  labels: string;
  themes: string[];
  factors: string[];
  source: string;
  department: string;
  modality: string;
  harm: string;
  /** YYYY-MM; the "year" facet derives from it. */
  eventMonth: string;
  status: CaseStatus;
  withdrawn: boolean;
};

export const FACETS = ['theme', 'factor', 'source', 'department', 'modality', 'harm', 'year'] as const;
export type Facet = (typeof FACETS)[number];

export type SearchRequest = {
  q: string;
  filters: Partial<Record<Facet, string[]>>;
  includeDrafts: boolean;
  sort: 'relevance' | 'date';
  offset: number;
  limit: number;
};

/** Snippet text is raw: the caller escapes it and wraps `mark` segments in `<mark>`. */
export type SnippetSegment = { text: string; mark: boolean };

/** Title, month and themes come from the index, so a page of results needs no further reads. */
export type SearchHit = { id: number; ref: string; title: string; eventMonth: string; themes: string[]; score: number; snippet: SnippetSegment[]; matched: string[] };

export type FacetCount = { value: string; count: number };

export type SearchResult = {
  total: number;
  items: SearchHit[];
  facets: Record<Facet, FacetCount[]>;
  /** A corrected query, when the words as typed found nothing or needed typo tolerance. */
  didYouMean?: string;
  /** True when no case matched every word, so the results match most of them. */
  relaxed?: boolean;
};

export type SimilarCase = { id: number; ref: string; title: string; score: number; sharedFactors: string[]; sharedTerms: string[] };
export type SimilarOptions = { limit: number; includeDrafts: boolean; excludeId?: number };

export interface SearchIndex {
  add(doc: SearchDoc): void;
  replace(doc: SearchDoc): void;
  remove(id: number): void;
  size(): number;
  /** About this many more cases are coming (a bulk build): room for them is set aside in one go. */
  expect(cases: number): void;
  /** Releases spare room and dead postings: after a bulk build. */
  compact(): void;
  /** The same a step at a time, for callers that let other work run in between (postings.ts). */
  compacting(): Generator<void, void, void>;
  /** Copies of what a snapshot on disk holds (see snapshot.ts). */
  snapshotParts(): SnapshotParts;
  search(req: SearchRequest): SearchResult;
  similar(id: number, opts: { limit: number; includeDrafts: boolean }): SimilarCase[];
  similarToText(text: string, factors: string[], opts: SimilarOptions): SimilarCase[];
  /** Lets go of the snapshot file an index read back from one still reads case texts from. */
  close(): Promise<void>;
}
