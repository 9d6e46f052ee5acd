import express, { type RequestHandler, Router } from 'express';
import { auditAdminReads } from '../audit/admin-reads.ts';
import type { AuditService } from '../audit/service.ts';
import type { z } from 'zod';
import { requireRole } from '../auth/middleware.ts';
import { IdentifierFoundError } from '../cases/identifier-check.ts';
import { caseListQueryFor, toFilter } from '../cases/list-schema.ts';
import type { CaseInput } from '../cases/schema.ts';
import { CaseStateError, CaseValidationError, canSeeDrafts, type CaseService, type CaseView, VersionConflictError } from '../cases/service.ts';
import { ApiCaseBody, ApiCasePatch, ApiListQuery, ApiSearchPaging, decodeCursor, encodeCursor } from './case-schema.ts';
import { filtersOf, searchQueryFor } from '../search/schema.ts';
import type { SearchService } from '../search/service.ts';
import type { Db } from '../db/database.ts';
import { parseRef, refAsTyped } from '../domain/case-ref.ts';
import type { UserService } from '../users/service.ts';
import { current, loadVocabularies } from '../vocabularies/service.ts';
import { HttpError, notFound } from '../web/errors.ts';
import { bearerAuth } from './middleware.ts';
import { sentOffsets } from './sent-offsets.ts';
import type { TokenService } from './tokens.ts';

const plain = (terms: { code: string; label: string; retired?: boolean }[]) => current(terms).map(({ code, label }) => ({ code, label }));

/** JSON API under /api/v1 (DESIGN.md contract 4). Errors come from the shared error handler. */
export function apiRoutes(deps: { db: Db; audit: AuditService; tokens: TokenService; users: UserService; cases: CaseService; search: SearchService }): Router {
  const router = Router();
  router.use('/api', express.json({ limit: '200kb', type: JSON_TYPES }), bearerAuth(deps.tokens, deps.users), requireJsonBody, auditAdminReads(deps.db, deps.audit, deps.users));

  router.get('/api/v1/vocabularies', async (_req, res) => {
    const v = await loadVocabularies(deps.db);
    res.json({
      themes: v.themes.map((t) => ({ code: t.code, label: t.label, factors: plain(t.factors) })),
      sources: plain(v.sources),
      departments: plain(v.departments),
      modalities: plain(v.modalities),
      bodyAreas: plain(v.bodyAreas),
      settings: plain(v.settings),
      urgencies: plain(v.urgencies),
      alertCategories: plain(v.alertCategories),
      harms: plain(v.harms),
      ageBands: plain(v.ageBands),
    });
  });

  router.post('/api/v1/cases', ...requireRole('safety', 'director'), async (req, res) => {
    const { identifierConfirmations, ...input } = parse(ApiCaseBody, req.body, 'The case has problems to fix');
    const offsets = sentOffsets(req.body);
    const created = await saving(() => deps.cases.create(deps.users.actorFor(req.user!), input, { confirmations: offsets.toStored(identifierConfirmations ?? []) }), offsets);
    res.status(201).location(`/api/v1/cases/${created.ref}`).set('ETag', `"${created.version}"`).json(created);
  });

  router.get('/api/v1/cases', async (req, res) => {
    const { cursor, limit, ...rest } = req.query;
    const page = parse(ApiListQuery, { cursor, limit }, 'The query has problems to fix');
    const filters = parse(caseListQueryFor(await loadVocabularies(deps.db)), rest, 'The filters have problems to fix');
    const afterId = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
    if (page.cursor !== undefined && afterId === undefined) throw new HttpError(400, 'validation_failed', 'The query has problems to fix', [{ field: 'cursor', message: 'cursor is not one this API gave out' }]);
    const filter = { ...toFilter(filters, canSeeDrafts(req.user!.role)), ...(afterId !== undefined ? { afterId } : {}) };
    // One extra row says whether there is a next page without counting.
    const rows = await deps.cases.listWithIds(filter, page.limit + 1);
    const items = rows.slice(0, page.limit);
    res.json({ items: items.map((r) => r.view), nextCursor: rows.length > page.limit ? encodeCursor(items[items.length - 1]!.id) : null });
  });

  router.get('/api/v1/cases/:ref', async (req, res) => {
    const found = await visibleCase(req.params.ref, req.user!.role);
    // The ETag is the version (for If-Match), but the body also holds links that change without a new
    // version (a later case repeating this one): so never "304 Not Modified", always the case as it is.
    delete req.headers['if-none-match'];
    res.set('ETag', `"${found.version}"`).json(found);
  });

  router.patch('/api/v1/cases/:ref', ...requireRole('safety', 'director'), async (req, res) => {
    const current = await visibleCase(req.params.ref, req.user!.role);
    const expected = versionFrom(req.get('If-Match'));
    const { identifierConfirmations, ...patch } = parse(ApiCasePatch, req.body, 'The changes have problems to fix');
    // Fields the patch leaves out are scanned as stored, where nothing was trimmed: their lead is 0.
    const offsets = sentOffsets(req.body);
    const updated = await saving(() => deps.cases.update(deps.users.actorFor(req.user!), current.ref, merge(current, patch), expected, { confirmations: offsets.toStored(identifierConfirmations ?? []) }), offsets);
    res.set('ETag', `"${updated.version}"`).json(updated);
  });

  async function visibleCase(raw: unknown, role: Parameters<typeof deps.cases.getFor>[0]): Promise<CaseView> {
    const ref = String(raw).toUpperCase();
    const found = parseRef(ref) ? await deps.cases.getFor(role, ref) : undefined;
    if (!found) throw notFound(`There is no case ${refAsTyped(raw)}`);
    return found;
  }

  // The search page's semantics as JSON (DESIGN.md contract 4); `limit` and `offset` page through.
  router.get('/api/v1/search', async (req, res) => {
    const { limit, offset, ...rest } = req.query;
    const paging = parse(ApiSearchPaging, { limit, offset }, 'The query has problems to fix');
    const p = parse(searchQueryFor(await loadVocabularies(deps.db)), rest, 'The query has problems to fix');
    const result = await deps.search.search({ q: p.q, filters: filtersOf(p), includeDrafts: canSeeDrafts(req.user!.role), sort: p.sort, offset: paging.offset, limit: paging.limit });
    res.json({
      total: result.total,
      items: result.items.map((h) => ({ ref: h.ref, title: h.title, snippet: h.snippet.map((s) => s.text).join(''), highlights: highlightsOf(h.snippet), score: h.score, matched: h.matched })),
      facets: result.facets,
      ...(result.didYouMean ? { didYouMean: result.didYouMean } : {}),
      ...(result.relaxed ? { relaxed: true } : {}),
    });
  });

  router.use('/api', (req, res, next) => {
    const allowed = ENDPOINTS.find((e) => e.path.test(req.baseUrl + req.path))?.methods;
    if (!allowed) return next(notFound('No such API endpoint'));
    res.set('Allow', allowed.join(', '));
    next(new HttpError(405, 'method_not_allowed', `${req.method} is not allowed here: use ${allowed.join(' or ')}`));
  });
  return router;
}

/** Every endpoint and its methods, so a wrong method is told as such (405), not as a missing page. */
const ENDPOINTS = [
  { path: /^\/api\/v1\/vocabularies\/?$/, methods: ['GET'] },
  { path: /^\/api\/v1\/cases\/?$/, methods: ['GET', 'POST'] },
  { path: /^\/api\/v1\/cases\/[^/]+\/?$/, methods: ['GET', 'PATCH'] },
  { path: /^\/api\/v1\/search\/?$/, methods: ['GET'] },
];

/** JSON, and its suffixed kinds such as `application/merge-patch+json`, which PATCH clients send. */
const JSON_TYPES = ['application/json', 'application/*+json'];

/** A body in another format would otherwise read as empty, and every field be reported missing. */
const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (!hasBody || req.is(JSON_TYPES)) return next();
  next(new HttpError(415, 'unsupported_media_type', 'Send the body as JSON, with Content-Type: application/json'));
};

function parse<T extends z.ZodType>(schema: T, body: unknown, message: string): z.infer<T> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    throw new HttpError(400, 'validation_failed', message, parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message })));
  }
  return parsed.data;
}

/** The service's refusals as the API's statuses (DESIGN.md contract 4). */
async function saving<T>(save: () => Promise<T>, offsets: ReturnType<typeof sentOffsets>): Promise<T> {
  try {
    return await save();
  } catch (err) {
    if (err instanceof CaseValidationError) throw new HttpError(400, 'validation_failed', err.message, err.problems);
    if (err instanceof IdentifierFoundError) throw new HttpError(422, 'identifier_found', err.message, offsets.toSent(err.findings));
    if (err instanceof VersionConflictError) throw new HttpError(409, 'version_conflict', err.message, { currentVersion: err.current.version });
    if (err instanceof CaseStateError) throw new HttpError(409, 'invalid_state', err.message);
    throw err;
  }
}

/** `If-Match: "3"` (or 3, or W/"3"): the version the client last read. Required, so no update is blind. */
function versionFrom(header: string | undefined): number {
  if (!header) throw new HttpError(428, 'precondition_required', 'Send If-Match with the version (ETag) of the case you are changing');
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!m) throw new HttpError(400, 'validation_failed', 'If-Match must be the case’s ETag, like "3"', [{ field: 'If-Match', message: 'Not a version' }]);
  return Number(m[1]);
}

type Patch = z.infer<typeof ApiCasePatch>;

/** The stored case with the patch laid over it: absent keys keep their value, null clears an optional one. */
function merge(c: CaseView, p: Omit<Patch, 'identifierConfirmations'>): CaseInput {
  const given = p as Record<string, unknown>;
  const pick = (k: keyof Patch, stored: unknown) => (k in given ? (given[k] ?? undefined) : (stored ?? undefined));
  return {
    title: p.title ?? c.title,
    narrative: p.narrative ?? c.narrative,
    learning: pick('learning', c.learning) as string | undefined,
    source: p.source ?? c.source,
    department: p.department ?? c.department,
    modality: p.modality ?? c.modality,
    bodyArea: pick('bodyArea', c.bodyArea) as string | undefined,
    setting: p.setting ?? c.setting,
    urgency: pick('urgency', c.urgency) as string | undefined,
    alertCategory: pick('alertCategory', c.alertCategory) as string | undefined,
    harm: p.harm ?? c.harm,
    ageBand: pick('ageBand', c.ageBand) as string | undefined,
    eventMonth: p.eventMonth ?? c.eventMonth,
    themes: p.themes ?? c.themes,
    journey: pick('journey', c.journey) as CaseInput['journey'],
    repeats: pick('repeats', c.repeats) as string[] | undefined,
    submit: p.submit ?? false,
  };
}

/** `[start, end)` offsets of the marked words in the snippet text, for clients that highlight. */
function highlightsOf(segments: { text: string; mark: boolean }[]): [number, number][] {
  const out: [number, number][] = [];
  let at = 0;
  for (const s of segments) {
    if (s.mark) out.push([at, at + s.text.length]);
    at += s.text.length;
  }
  return out;
}
