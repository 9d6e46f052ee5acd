import { Router } from 'express';
import { requireSignedIn } from '../auth/middleware.ts';
import { canSeeDrafts } from '../cases/service.ts';
import type { Db } from '../db/database.ts';
import { parseRef } from '../domain/case-ref.ts';
import { monthLabel } from '../domain/months.ts';
import type { TeachingSetService } from '../teaching-sets/service.ts';
import { loadVocabularies } from '../vocabularies/service.ts';
import { formErrors } from '../web/form-errors.ts';
import { pagination } from '../web/pagination.ts';
import { facetGroups, facetLabeller, removableFilters, searchHref } from './present.ts';
import { filtersOf, SearchQuery } from './schema.ts';
import type { SearchService } from './service.ts';

const PAGE_SIZE = 20;

export function searchRoutes(deps: { db: Db; search: SearchService; teachingSets: TeachingSetService }): Router {
  const { db, search, teachingSets } = deps;
  const router = Router();

  /** A case reference typed alone, as a search box is often used: the case, if this user may see it. */
  async function caseTypedIn(q: string, withDrafts: boolean): Promise<string | undefined> {
    const ref = q.trim().toUpperCase();
    if (!parseRef(ref)) return undefined;
    const row = await db.selectFrom('cases').select(['ref', 'status']).where('ref', '=', ref).executeTakeFirst();
    return row && (withDrafts || row.status !== 'draft') ? row.ref : undefined;
  }

  router.get('/search', requireSignedIn, async (req, res) => {
    const parsed = SearchQuery.safeParse(req.query);
    const q = typeof req.query.q === 'string' ? req.query.q : '';
    if (!parsed.success) {
      return res.status(400).render('pages/search/search', { pageTitle: 'Error: Search cases', q, errors: formErrors(parsed.error, ['q']), searched: false });
    }
    const p = parsed.data;
    const searched = p.q.trim() !== '' || Object.keys(filtersOf(p)).length > 0;
    if (!searched) return res.render('pages/search/search', { pageTitle: 'Search cases', q: '', searched, errors: { list: [], byField: {} } });
    const jump = await caseTypedIn(p.q, canSeeDrafts(req.user!.role));
    if (jump && !Object.keys(filtersOf(p)).length) return res.redirect(`/cases/${jump}`);

    const [v, result] = await Promise.all([
      loadVocabularies(db),
      search.search({ q: p.q, filters: filtersOf(p), includeDrafts: canSeeDrafts(req.user!.role), sort: p.sort, offset: (p.page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
    ]);
    const label = facetLabeller(v);
    const addToSet = await teachingSets.addToSetOptionsMany(req.user!, result.items.map((h) => h.ref), req.originalUrl);
    // Adding a result to a teaching set comes back here: say so, or say why not.
    const { flash, flashProblem } = req.session;
    delete req.session.flash;
    delete req.session.flashProblem;
    res.render('pages/search/search', {
      pageTitle: p.q ? `Search: ${p.q}` : 'Search cases',
      flash,
      flashProblem,
      q: p.q,
      params: p,
      searched,
      errors: { list: [], byField: {} },
      total: result.total,
      relaxed: result.relaxed,
      didYouMean: result.didYouMean ? { text: result.didYouMean, href: searchHref(p, { q: result.didYouMean, page: 1 }) } : undefined,
      items: result.items.map((h) => {
        // Only offer the form where there is a set to add to; the "create a set" hint shows once, above.
        const options = addToSet.get(h.ref);
        return { ref: h.ref, title: h.title, month: monthLabel(h.eventMonth), themes: h.themes, snippet: h.snippet, addToSet: options?.items.length ? options : undefined };
      }),
      noOpenSets: req.user!.role === 'trainer' && addToSet.size > 0 && [...addToSet.values()].every((o) => !o.items.length && !o.inSets.length),
      facets: facetGroups(result, p, label),
      removable: removableFilters(p, label),
      sortItems: [
        { value: 'relevance', text: 'Best match', ...(p.sort === 'relevance' ? { selected: true } : {}) },
        { value: 'date', text: 'Newest first', ...(p.sort === 'date' ? { selected: true } : {}) },
      ],
      pagination: pagination({ page: p.page, pageSize: PAGE_SIZE, total: result.total, href: (page) => searchHref(p, { page }) }),
    });
  });

  return router;
}
